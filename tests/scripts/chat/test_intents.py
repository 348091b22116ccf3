"""What a message asks the conversation to do, judged from its wording; bounded reading."""

import re

import pytest

from scripts.chat import intents
from scripts.chat.intents import Kind, classify, is_refinement, what_about
from scripts.schemas import FilterField


@pytest.mark.parametrize("text", ["", "   ", "?!", "..."])
def test_blank_or_wordless_text_is_empty(text):
    assert classify(text).kind is Kind.EMPTY


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        ("start over", ""),
        ("Start again.", ""),
        ("new search", ""),
        ("reset", ""),
        ("new search: Latin books", "Latin books"),
    ],
)
def test_reset_keeps_any_new_question(text, rest):
    intent = classify(text)
    assert intent.kind is Kind.RESET and intent.text == rest


@pytest.mark.parametrize(
    "text",
    ["more", "show more", "Next", "next page.", "more results", "show me more please", "continue"],
)
def test_next_page(text):
    assert classify(text).kind is Kind.NEXT_PAGE


@pytest.mark.parametrize("text", ["back", "previous", "previous page", "go back"])
def test_previous_page(text):
    assert classify(text).kind is Kind.PREVIOUS_PAGE


@pytest.mark.parametrize(
    ("text", "position", "absolute"),
    [
        ("tell me about the second one", 2, False),
        ("the first", 1, False),
        ("the 3rd one please", 3, False),
        ("show me the tenth", 10, False),
        ("the last one", -1, False),
        ("#3", 3, True),
        ("tell me about #4", 4, True),
        ("number 12", 12, True),
        ("result 5", 5, True),
    ],
)
def test_references_to_results(text, position, absolute):
    intent = classify(text)
    assert (intent.kind, intent.position, intent.absolute) == (Kind.REFERENCE, position, absolute)


@pytest.mark.parametrize(
    "text", ["more about that book", "tell me more about it", "that one", "details of this edition"]
)
def test_references_to_the_book_in_focus(text):
    intent = classify(text)
    assert intent.kind is Kind.REFERENCE and intent.position is None


@pytest.mark.parametrize(
    ("text", "field"),
    [("any language", FilterField.LANGUAGE), ("drop the date", FilterField.YEAR), ("any place.", FilterField.IMPRINT_PLACE),
     ("without the printer condition", FilterField.PUBLISHER), ("remove the subject filter", FilterField.SUBJECT)],
)  # fmt: skip
def test_dropping_a_condition(text, field):
    intent = classify(text)
    assert intent.kind is Kind.RELAX and field in intent.fields


@pytest.mark.parametrize(
    "text",
    [
        "books printed in Venice",
        "the first printed books in Venice",
        "more books about astronomy",
        "without Latin",
        "Hebrew books printed in Amsterdam",
    ],
)
def test_questions_are_searches(text):
    assert classify(text).kind is Kind.SEARCH


@pytest.mark.parametrize(
    "text",
    ["only those in Latin", "before 1700", "what about Cambridge?", "not in English", "published in Wellington",
     "and what about Basel", "just the Greek ones", "excluding Latin"],
)  # fmt: skip
def test_follow_up_wording_refines(text):
    assert is_refinement(text)


@pytest.mark.parametrize(
    "text",
    ["books printed in Venice", "Latin books", "Hebrew books printed in Amsterdam", "incunabula printed in Mainz",
     "everything printed by Aldus between 1495 and 1515 in Greek or Latin"],
)  # fmt: skip
def test_a_question_with_its_own_subject_starts_afresh(text):
    assert not is_refinement(text)


ADVERSARIAL = {
    "what about": "what about " + " " * 3980 + "x!",
    "what about, spaced": "and what   about" + " \t" * 1990 + "?",
    "paging": "show me more" + "!" * 3990,
    "reference": "tell me about the " + "second " * 570,
    "relax": "any " + "language " * 450,
    "reset": "new search " + "a " * 1995,
    "refinement": "only " + "those " * 665,
    "punctuation": "?" * 4000,
}


class _Recorder:
    """A compiled pattern that notes the length of every string it is asked to read."""

    def __init__(self, pattern, seen: list[int]) -> None:
        self._pattern, self._seen = pattern, seen

    def __getattr__(self, name):
        method = getattr(self._pattern, name)

        def reading(string, *args, **kwargs):
            self._seen.append(len(string))
            return method(string, *args, **kwargs)

        return reading


@pytest.mark.parametrize("shape", list(ADVERSARIAL))
def test_a_long_adversarial_message_is_cut_before_any_pattern_reads_it(monkeypatch, shape):
    seen: list[int] = []
    for name, value in vars(intents).items():
        if isinstance(value, re.Pattern):
            monkeypatch.setattr(intents, name, _Recorder(value, seen))
    text = ADVERSARIAL[shape]
    assert len(text) >= 3990
    classify(text)
    is_refinement(text)
    what_about(text)
    assert max(seen, default=0) <= intents.MAX_COMMAND_CHARS


def test_a_long_message_is_a_search_not_a_command():
    assert classify(ADVERSARIAL["paging"]).kind is Kind.SEARCH
    assert what_about(ADVERSARIAL["what about"]) is None
    reset = classify(ADVERSARIAL["reset"])
    assert reset.kind is Kind.RESET and reset.text.startswith("a a a")


@pytest.mark.parametrize(
    ("text", "name"),
    [("what about Basel?", "Basel"), ("And how about  Johann Froben !", "Johann Froben"),
     ("what about", None), ("what is it about", None)],
)  # fmt: skip
def test_what_about_names_the_new_value(text, name):
    assert what_about(text) == name


@pytest.mark.parametrize(
    "text",
    ["include those dated only roughly", "and the roughly dated ones too", "show me those dated"
     " only to the century", "include books dated approximately", "roughly dated ones as well"],
)  # fmt: skip
def test_taking_in_books_dated_only_roughly(text):
    assert classify(text).kind is Kind.INCLUDE_ROUGH


@pytest.mark.parametrize(
    ("text", "kind", "position"),
    [
        ("עוד", Kind.NEXT_PAGE, None),
        ("הבא", Kind.NEXT_PAGE, None),
        ("הקודם", Kind.PREVIOUS_PAGE, None),
        ("ספר לי על השלישי", Kind.REFERENCE, 3),
        ("הראשון", Kind.REFERENCE, 1),
        ("ספרי לי על האחרונה", Kind.REFERENCE, -1),
        ("חיפוש חדש", Kind.RESET, None),
        ("תראה לי אותם", Kind.SHOW, None),
        ("הפוך את הסדר", Kind.REVERSE, None),
    ],
)
def test_hebrew_follow_ups(text, kind, position):
    intent = classify(text)
    assert intent.kind is kind and intent.position == position


@pytest.mark.parametrize("text", ["רק אלה בארמית", "שנדפסו באמסטרדם", "מהמאה ה-16", "בלי לטינית"])
def test_hebrew_follow_up_wording_refines(text):
    assert is_refinement(text)


def test_hebrew_what_about_names_its_value():
    assert what_about("ומה עם ליוורנו?") == "ליוורנו"
    assert what_about("מה לגבי בזל") == "בזל"
