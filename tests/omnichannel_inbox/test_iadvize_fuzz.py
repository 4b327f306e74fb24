"""The iAdvize webhook parsers answer any input with their own validation error, never with
another exception (which the endpoint would turn into a 500 that iAdvize retries)."""

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from odoo.addons.omnichannel_inbox.helpers.iadvize import (
    MAX_DEPTH,
    PayloadError,
    decode_body,
    delivery_id,
    parse_datetime,
    parse_webhook,
)
from odoo.addons.omnichannel_inbox.helpers.signature import sign, verify

SECRET = "fuzz-secret"
VALID = {
    "eventId": "0f0bb3af-5035-4ba3-b3fb-ff4879a3a74d",
    "eventType": "v2.conversation.closed",
    "projectId": 1549,
    "conversationId": "4c8c7408-f73c-42cd-89e9-afbbee7d9024",
    "createdAt": "2026-11-20T07:58:35.171Z",
    "sentAt": "2026-11-20T08:10:35.496Z",
}

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(),
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=12), children, max_size=5)
    ),
    max_leaves=30,
)
# documented keys with arbitrary values: the parser must look at every one of them
bodies = st.fixed_dictionaries(
    {},
    optional={key: json_values for key in (*VALID, "operatorIds", "visitorId", "clientId",
                                           "platform", "channel")},
)  # fmt: skip


def _parse_all(raw):
    """What the endpoint does with a body: decode, then parse; only PayloadError may escape."""
    try:
        return parse_webhook(decode_body(raw))
    except PayloadError:
        return None


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes(raw):
    _parse_all(raw)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=500))
def test_any_text(text):
    _parse_all(text.encode("utf-8", "surrogatepass"))


@settings(max_examples=300, deadline=None)
@given(json_values)
def test_any_json_value(value):
    _parse_all(json.dumps(value).encode())


@settings(max_examples=500, deadline=None)
@given(bodies)
def test_any_values_in_documented_fields(body):
    _parse_all(json.dumps(body).encode())
    try:
        parse_webhook(body)  # also without the decoder (NaN, huge integers, NUL…)
    except PayloadError:
        pass


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=100))
def test_any_signature_header_is_refused_not_raised(header):
    assert verify(b"{}", SECRET, header) in (True, False)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=100))
def test_any_delivery_header(header):
    assert isinstance(delivery_id(header), str)


@pytest.mark.parametrize(
    "value",
    ["9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59.999-23:59"],
)
def test_dates_leaving_the_datetime_range_are_invalid(value):
    assert parse_datetime(value) is None
    with pytest.raises(PayloadError) as info:
        parse_webhook({**VALID, "sentAt": value})
    assert info.value.field == "sentAt"
    with pytest.raises(PayloadError) as info:
        parse_webhook({**VALID, "createdAt": value})
    assert info.value.field == "createdAt"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b'{"projectId": NaN}', "not a JSON number"),
        (b'{"projectId": Infinity}', "not a JSON number"),
        (b'{"projectId": -Infinity}', "not a JSON number"),
        (b'{"conversationId": "a\\u0000b"}', "NUL"),
        (b'{"x\\u0000": 1}', "NUL"),
        (b"[" * 30_000 + b"]" * 30_000, "nested"),
        (b'{"a":' * 40 + b"1" + b"}" * 40, "nested"),
        (b"\xff\xfe{}", "UTF-8"),
        (b'{"n": 1' + b"0" * 5000 + b"}", "not JSON"),
    ],
)
def test_malformed_bodies_are_payload_errors(raw, reason):
    with pytest.raises(PayloadError) as info:
        decode_body(raw)
    assert reason in info.value.reason


def test_depth_limit_counts_structure_not_brackets_in_strings():
    assert decode_body(json.dumps({"text": "[" * 1000}).encode()) == {"text": "[" * 1000}
    nested = "1"
    for _level in range(MAX_DEPTH):
        nested = f"[{nested}]"
    decode_body(nested.encode())


def test_non_ascii_or_nul_signature_never_verifies():
    good = sign(b"{}", SECRET)
    assert verify(b"{}", SECRET, good)
    assert not verify(b"{}", SECRET, "sha256=é" + good[8:])
    assert not verify(b"{}", SECRET, good + "\x00")
    assert not verify(b"{}", SECRET, "sha256=\u2603")


def test_huge_integer_identifiers_are_refused():
    with pytest.raises(PayloadError):
        parse_webhook({**VALID, "projectId": 10**5000})
    assert parse_webhook({**VALID, "operatorIds": [10**5000, 1]}).operator_ids == ("1",)
