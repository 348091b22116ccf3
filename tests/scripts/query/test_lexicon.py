"""Every entry of the lexicon can be used: its kinds, codes, places and terms exist."""

from __future__ import annotations

import pytest

from scripts.marc.normalize import country_code, language_name, normalize_place, normalize_text
from scripts.marc.rare_book import BIBLIOGRAPHIC_LEVELS, LITERARY_FORMS, MATERIAL_TYPES
from scripts.query import lexicon
from scripts.query.linking import KINDS


@pytest.mark.parametrize("cue", lexicon.CUES, ids=lambda c: " ".join(c.words))
def test_every_cue_introduces_kinds_the_reader_links(cue):
    assert set(cue.kinds) <= {*KINDS, "title", *lexicon.TYPED_FIELDS, *lexicon.ANY_KINDS}
    assert cue.role is None or cue.role in lexicon.ROLE_FIELDS


def test_longer_cues_are_tried_first():
    lengths = [len(cue.words) for cue in lexicon.CUES]
    assert lengths == sorted(lengths, reverse=True)


@pytest.mark.parametrize(("phrase", "meaning"), lexicon.TERMS.items(), ids=str)
def test_every_term_means_valid_conditions(phrase, meaning):
    if meaning.years:
        start, end = meaning.years
        assert start is not None or end is not None
        assert start is None or end is None or start <= end
    assert all(language_name(code) for code in meaning.languages)
    assert all(normalize_place(place) == place for place in meaning.places)
    assert not meaning.names or meaning.shown


@pytest.mark.parametrize(("demonym", "place"), lexicon.DEMONYMS.items())
def test_every_demonym_names_a_place_or_a_country(demonym, place):
    assert normalize_place(place) or country_code(place)


def test_every_kind_of_material_is_one_the_leader_or_008_codes():
    coded = {
        normalize_text(term)
        for table in (MATERIAL_TYPES, BIBLIOGRAPHIC_LEVELS, LITERARY_FORMS)
        for term in table.values()
    }
    assert {term for terms in lexicon.FORMAT_WORDS.values() for term in terms} <= coded


def test_no_phrase_means_two_things():
    tables = [lexicon.TERMS, lexicon.FORMAT_WORDS, lexicon.GENRE_WORDS, lexicon.SUBJECT_LEAD_INS]
    seen: dict[tuple[str, ...], int] = {}
    for number, table in enumerate(tables):
        for phrase in table:
            assert seen.setdefault(phrase, number) == number, phrase
