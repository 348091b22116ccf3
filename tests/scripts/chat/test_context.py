from scripts.chat.context import ConversationContext, narrow, refine, swap_name
from scripts.schemas import Filter, FilterField, FilterOp, QueryPlan

PLACE = Filter(field=FilterField.IMPRINT_PLACE, op=FilterOp.EQUALS, value="venice")
LATIN = Filter(field=FilterField.LANGUAGE, op=FilterOp.EQUALS, value="lat")
NOT_GREEK = Filter(field=FilterField.LANGUAGE, op=FilterOp.EQUALS, value="grc", negate=True)
NOT_LATIN = Filter(field=FilterField.LANGUAGE, op=FilterOp.EQUALS, value="lat", negate=True)
PRINTER = Filter(field=FilterField.PUBLISHER, op=FilterOp.CONTAINS, value="Oxford")


def test_refine_adds_a_condition_on_a_new_field():
    assert refine(QueryPlan(filters=[PLACE]), [LATIN], "only Latin").filters == [PLACE, LATIN]


def test_refine_replaces_a_condition_on_the_same_field():
    basel = PLACE.model_copy(update={"value": "basel"})
    assert refine(QueryPlan(filters=[PLACE, LATIN]), [basel], "Basel").filters == [LATIN, basel]


def test_negation_on_another_value_stands_beside_the_condition():
    assert refine(QueryPlan(filters=[LATIN]), [NOT_GREEK], "not Greek").filters == [
        LATIN,
        NOT_GREEK,
    ]


def test_negation_of_the_same_value_replaces_it():
    assert refine(QueryPlan(filters=[PLACE, LATIN]), [NOT_LATIN], "not Latin").filters == [
        PLACE,
        NOT_LATIN,
    ]


def test_refine_records_the_follow_up_text():
    assert (
        refine(QueryPlan(filters=[PLACE]), [LATIN], "only those in Latin").query_text
        == "only those in Latin"
    )


def test_swap_name_replaces_the_latest_name_filter():
    swapped = swap_name(QueryPlan(filters=[PRINTER, LATIN]), "Cambridge", "what about Cambridge?")
    assert [(f.field, f.value) for f in swapped.filters] == [
        (FilterField.LANGUAGE, "lat"),
        (FilterField.PUBLISHER, "Cambridge"),
    ]


def test_swap_name_without_a_name_filter_gives_nothing():
    assert (
        swap_name(QueryPlan(filters=[PLACE, LATIN]), "Cambridge", "what about Cambridge?") is None
    )


def test_context_round_trips_and_ignores_foreign_keys():
    context = ConversationContext(
        plan=QueryPlan(filters=[PLACE]), offset=10, total=34, shown=["a", "b"], turn=3
    )
    stored = {**context.updates(), "shelf": "incunabula"}
    assert ConversationContext.of(stored) == context


def test_position_of_a_shown_record_counts_from_the_offset():
    context = ConversationContext(offset=10, shown=["a", "b", "c"])
    assert context.position_of("b") == 12 and context.position_of("z") is None


def test_narrow_adds_a_ranked_value_beside_a_condition_on_the_same_field():
    greek = LATIN.model_copy(update={"value": "grc", "shown": "Greek"})
    assert narrow(QueryPlan(filters=[PLACE, LATIN]), greek, "Greek").filters == [
        PLACE,
        LATIN,
        greek,
    ]


def test_narrow_to_a_value_the_search_has_keeps_it_once():
    latin = LATIN.model_copy(update={"shown": "Latin"})
    assert narrow(QueryPlan(filters=[LATIN]), latin, "Latin").filters == [LATIN]
