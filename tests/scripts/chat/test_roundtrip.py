"""Property tests: whatever goes in comes back out, unchanged, on every backend.

Each test gets one store; each example writes to a new session in it (a new PostgreSQL
database per example would be too slow). Two limits of PostgreSQL's types narrow the inputs:
text and jsonb cannot hold NUL (the PostgreSQL store refuses it with ValueError), and jsonb keeps
numbers as exact decimals, so a float that JSON writes in exponent form without a fraction
(1e+16 and up) would read back as an int. test_postgres_store.py pins both.
"""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scripts.chat import Message
from scripts.schemas import Candidate, CandidateSet, Evidence

any_text = st.text(st.characters(codec="utf-8", exclude_characters="\x00"))
text = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), min_size=1).filter(
    lambda s: s.strip()
)
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**53), 2**53)
    | st.floats(min_value=-1e15, max_value=1e15)
    | any_text,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(any_text.map(lambda s: s[:8]), children, max_size=4)
    ),
    max_leaves=20,
)
candidate_sets = st.builds(
    CandidateSet,
    query_text=any_text,
    total_count=st.integers(0, 10**6),
    candidates=st.lists(
        st.builds(
            Candidate,
            record_id=text,
            title=st.none() | any_text,
            subjects=st.lists(any_text, max_size=3),
            evidence=st.lists(
                st.builds(Evidence, field=any_text, operator=any_text, value=json_values),
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
def test_any_message_round_trips(store, content, page):
    session = store.create_session()
    store.add_message(
        session.session_id, Message(role="assistant", content=content, candidate_set=page)
    )
    (loaded,) = store.get_session(session.session_id).messages
    assert loaded.content == content
    assert loaded.candidate_set == page


@SETTINGS
@given(context=st.dictionaries(any_text, json_values, max_size=6))
def test_any_json_context_round_trips(store, context):
    session = store.create_session()
    store.update_context(session.session_id, context)
    assert store.get_session(session.session_id).context == context
