"""Text PostgreSQL cannot store (lone surrogates, valid in JSON as ``"\\ud800"``) and moments
past year 9999 never reach the database nor overflow: refused 400 or cleaned, clamped."""

import json
from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from odoo.addons.omnichannel_inbox.helpers.iadvize import (
    PayloadError,
    decode_body,
    parse_conversation,
    parse_webhook,
)
from odoo.addons.omnichannel_inbox.helpers.mail_threading import auto_reply_reason
from odoo.addons.omnichannel_inbox.helpers.working_hours import (
    LATEST,
    Slot,
    add_clock_minutes,
    add_working_minutes,
    is_working_time,
    working_minutes_between,
)

# text with lone surrogates mixed in (hypothesis' default text leaves them out)
surrogate_text = st.text(
    alphabet=st.characters(categories=["Cs"]) | st.characters(codec="utf-8"), max_size=40
)
json_with_surrogates = st.recursive(
    st.none() | st.integers() | surrogate_text,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(surrogate_text, children, max_size=4)
    ),
    max_leaves=20,
)
OFFICE = [Slot(day, 9.0, 17.0) for day in range(5)]
ZONES = ("UTC", "Europe/Brussels", "Pacific/Kiritimati", "America/Los_Angeles")


def _storable(value):
    """Every string inside ``value`` encodes to UTF-8 without NUL (what PostgreSQL takes)."""
    if isinstance(value, str):
        value.encode("utf-8")
        return "\x00" not in value
    if isinstance(value, dict):
        return all(_storable(k) and _storable(v) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return all(_storable(item) for item in value)
    return True


def test_lone_surrogate_event_type_is_refused():
    raw = b'{"eventType": "\\ud800", "projectId": 1, "conversationId": "c"}'
    with pytest.raises(PayloadError) as info:
        decode_body(raw)
    assert "surrogate" in info.value.reason


@settings(max_examples=300, deadline=None)
@given(json_with_surrogates)
def test_decoded_bodies_are_storable_or_refused(value):
    raw = json.dumps(value).encode()  # ensure_ascii: surrogates travel as \\udXXX escapes
    try:
        body = decode_body(raw)
    except PayloadError:
        return
    assert _storable(body)
    try:
        parse_webhook(body)
    except PayloadError:
        pass


@settings(max_examples=200, deadline=None)
@given(surrogate_text, surrogate_text, surrogate_text, surrogate_text)
def test_conversations_from_the_api_are_stored_clean(first_name, text, key, value):
    conversation = {
        "id": "c-1",
        "visitor": {"firstName": first_name, "email": text},
        "customData": [{"key": key, "value": value}],
        "messages": {"edges": [{"node": {"id": "m", "text": text, "author": {"name": key}}}]},
    }
    transcript = parse_conversation(conversation)
    assert _storable(transcript.visitor.first_name)
    assert _storable(transcript.custom_data)
    assert all(_storable(m.text) and _storable(m.author_name) for m in transcript.messages)


@pytest.mark.parametrize("zone", ZONES)
def test_deadlines_past_year_9999_are_clamped(zone):
    start = datetime(9999, 12, 31, 23, 59)
    assert add_working_minutes(start, 480, OFFICE, zone) >= LATEST
    assert add_working_minutes(datetime(9999, 12, 29, 8), 60 * 24 * 30, OFFICE, zone) == LATEST
    assert working_minutes_between(datetime(9999, 12, 1), start, OFFICE, zone) > 0
    assert is_working_time(start, OFFICE, zone) in (True, False)


@settings(max_examples=200, deadline=None)
@given(
    start=st.datetimes(min_value=datetime(9990, 1, 1)),
    minutes=st.floats(min_value=0, max_value=1e9),
    zone=st.sampled_from(ZONES),
)
def test_any_late_moment_gives_a_storable_deadline(start, minutes, zone):
    deadlines = [add_clock_minutes(start, minutes)]
    try:
        deadlines.append(add_working_minutes(start, minutes, OFFICE, zone))
    except ValueError:
        pass  # more than two years of working time: the policy falls back to the clock
    for deadline in deadlines:
        assert deadline >= min(start, LATEST)
        assert deadline.year <= 9999


@pytest.mark.parametrize(
    "headers", [{"X-Autoreply": "yes"}, {"X-Autorespond": "yes"}, {"X-Autoreply": ""}]
)
def test_vacation_responder_headers_are_automatic(headers):
    assert auto_reply_reason(headers)
