"""A search that finds nothing offers to drop a condition, whatever field the condition is on.

Every ``FilterField`` is walked: a carried search with a condition on the field and one that
no demo record meets is refined into zero results, the answer names what dropping each
condition would find, and "any <field>" sent back drops the field's condition.
"""

from __future__ import annotations

import pytest

from scripts.chat import SessionStore
from scripts.chat.intents import Kind, classify
from scripts.query.execute import count_matches
from scripts.query.fields import FIELDS
from scripts.schemas import Filter, FilterField, QueryPlan
from tests.scripts.chat.conversations import context, start_chat

# One condition per field that some demo record meets.
SAMPLES = {
    FilterField.PUBLISHER: Filter(field="publisher", op="CONTAINS", value="Aldus"),
    FilterField.IMPRINT_PLACE: Filter(field="imprint_place", op="EQUALS", value="Venice"),
    FilterField.COUNTRY: Filter(field="country", op="EQUALS", value="Italy"),
    FilterField.YEAR: Filter(field="year", op="RANGE", start=1450, end=1700),
    FilterField.LANGUAGE: Filter(field="language", op="EQUALS", value="lat"),
    FilterField.TITLE: Filter(field="title", op="CONTAINS", value="opera"),
    FilterField.SUBJECT: Filter(field="subject", op="CONTAINS", value="astronomy"),
    FilterField.PHYSICAL_DESC: Filter(field="physical_desc", op="CONTAINS", value="fol"),
    FilterField.AGENT: Filter(field="agent", op="CONTAINS", value="Plato"),
    FilterField.AGENT_NORM: Filter(field="agent_norm", op="EQUALS", value="plato"),
    FilterField.AGENT_ROLE: Filter(field="agent_role", op="EQUALS", value="printer"),
    FilterField.AGENT_TYPE: Filter(field="agent_type", op="EQUALS", value="personal"),
    FilterField.GENRE: Filter(field="genre", op="CONTAINS", value="emblem books"),
    FilterField.TOPIC: Filter(field="topic", op="CONTAINS", value="sermons"),
    FilterField.NOTE: Filter(field="note", op="CONTAINS", value="woodcut"),
    FilterField.KEYWORD: Filter(field="keyword", op="CONTAINS", value="orbis"),
    FilterField.CITATION: Filter(field="citation", op="CONTAINS", value="goff"),
    FilterField.PROVENANCE: Filter(field="provenance", op="CONTAINS", value="roxburghe"),
    FilterField.BINDING: Filter(field="binding", op="CONTAINS", value="vellum"),
    FilterField.SHELFMARK: Filter(field="shelfmark", op="CONTAINS", value="inc"),
}
NOWHERE = Filter(field="imprint_place", op="EQUALS", value="Wellington")  # no demo book
NOWHERE_PLACE = Filter(field="country", op="EQUALS", value="New Zealand")


def test_every_field_has_a_sample():
    assert set(SAMPLES) == set(FilterField)


@pytest.mark.parametrize("field", list(FilterField))
def test_every_sample_meets_a_demo_record(demo_index, field):
    assert count_matches([SAMPLES[field]], demo_index)[0] > 0


@pytest.mark.parametrize("field", list(FilterField))
def test_zero_results_offer_to_drop_a_condition_on_any_field(tmp_path, demo_index, field):
    with SessionStore(tmp_path / "sessions.db") as store:
        say = start_chat(store, demo_index)
        zero = NOWHERE_PLACE if field is FilterField.IMPRINT_PLACE else NOWHERE
        carried = QueryPlan(filters=[SAMPLES[field], zero], query_text="an earlier search")
        store.update_context(say.session_id, {"plan": carried.model_dump(mode="json")})

        answer = say("not in Greek")
        assert answer.candidate_set.total_count == 0
        assert answer.message.startswith("No books match all of:")
        assert answer.suggested_followups

        word = FIELDS[field].word
        intent = classify(f"any {word}")
        assert intent.kind is Kind.RELAX and field in intent.fields
        relaxed = say(f"any {word}")
        assert relaxed.clarification_needed is None
        kept = {f.field for f in context(store, say.session_id).plan.filters}
        assert field not in kept and zero.field in kept
