"""Builders of realistic payloads shared by the tests."""

from __future__ import annotations

from scripts.schemas import (
    Candidate,
    CandidateSet,
    Evidence,
    Filter,
    FilterField,
    FilterOp,
    QueryPlan,
)


def oxford_latin_plan() -> QueryPlan:
    return QueryPlan(
        query_text="books printed by Oxford in Latin",
        filters=[
            Filter(field=FilterField.PUBLISHER, op=FilterOp.CONTAINS, value="Oxford"),
            Filter(field=FilterField.LANGUAGE, op=FilterOp.EQUALS, value="lat"),
        ],
    )


def result_page(total: int = 37, size: int = 10) -> CandidateSet:
    """A page of candidates with evidence, like an assistant turn carries."""
    return CandidateSet(
        query_text="books printed in Leiden",
        plan_hash="ab" * 32,
        sql="SELECT record_id FROM imprints WHERE place_norm = :p0",
        sql_parameters={"p0": "leiden"},
        total_count=total,
        candidates=[
            Candidate(
                record_id=f"99{i:04d}",
                match_rationale="place of printing is Leiden (Lugduni Batavorum, marc:260$a)",
                title=f"Opera omnia, volume {i}",
                author="Grotius, Hugo",
                date_start=1600 + i,
                place_norm="leiden",
                place_raw="Lugduni Batavorum",
                publisher="ex officina Elzeviriana",
                subjects=["Law -- Early works to 1800"],
                evidence=[
                    Evidence(
                        field="imprint_place",
                        value="leiden",
                        operator="EQUALS",
                        matched_against="Lugduni Batavorum",
                        source="marc:260$a",
                    )
                ],
            )
            for i in range(size)
        ],
    )
