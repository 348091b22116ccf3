"""Property tests: whatever goes in comes back out, unchanged."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scripts.chat import Message, SessionStore
from scripts.schemas import Candidate, CandidateSet, Evidence

text = st.text(st.characters(exclude_characters="\x00"), min_size=1).filter(lambda s: s.strip())
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**53), 2**53)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)
candidate_sets = st.builds(
    CandidateSet,
    query_text=st.text(),
    total_count=st.integers(0, 10**6),
    candidates=st.lists(
        st.builds(
            Candidate,
            record_id=text,
            title=st.none() | st.text(),
            subjects=st.lists(st.text(), max_size=3),
            evidence=st.lists(
                st.builds(Evidence, field=st.text(), operator=st.text(), value=json_values),
                max_size=2,
            ),
        ),
        max_size=3,
    ),
)
SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(content=text, page=st.none() | candidate_sets)
def test_any_message_round_trips(tmp_path_factory, content, page):
    path = tmp_path_factory.mktemp("rt") / "s.db"
    with SessionStore(path) as store:
        session = store.create_session()
        store.add_message(
            session.session_id, Message(role="assistant", content=content, candidate_set=page)
        )
        (loaded,) = store.get_session(session.session_id).messages
    assert loaded.content == content
    assert loaded.candidate_set == page


@SETTINGS
@given(context=st.dictionaries(st.text(), json_values, max_size=6))
def test_any_json_context_round_trips(tmp_path_factory, context):
    path = tmp_path_factory.mktemp("ctx") / "s.db"
    with SessionStore(path) as store:
        session = store.create_session()
        store.update_context(session.session_id, context)
        assert store.get_session(session.session_id).context == context
