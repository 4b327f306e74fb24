"""The iAdvize desk's custom-app token (JWT HS256): what the panel's back end accepts."""

import base64
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from odoo.addons.omnichannel_inbox.helpers.desk_token import (
    DeskTokenError,
    claim_text,
    decode,
    encode,
)
from simulators.iadvize import desk_jwt

SECRET = "custom-app-secret"
NOW = 1_800_000_000


def test_the_simulator_desk_token_verifies():
    token = desk_jwt(SECRET, "7301", "conv-1", operator_id=77, now=NOW)
    claims = decode(token, SECRET, NOW + 10)
    assert claim_text(claims, "conversationId") == "conv-1"
    assert claim_text(claims, "projectId") == "7301"
    assert claims["exp"] == NOW + 300


@pytest.mark.parametrize(
    ("token", "reason"),
    [
        (desk_jwt("another-secret", "7301", "c", now=NOW), "signature"),
        (desk_jwt(SECRET, "7301", "c", now=NOW - 3600), "expired"),
        (desk_jwt(SECRET, "7301", "c", now=NOW + 3600), "future"),
        (desk_jwt(SECRET, "7301", "c", now=NOW, alg="none"), "HS256"),
        ("", "missing"),
        ("a.b", "not a JWT"),
        ("é.é.é", "malformed"),
        ("x" * 5000, "malformed"),
    ],
)
def test_refusals(token, reason):
    with pytest.raises(DeskTokenError) as error:
        decode(token, SECRET, NOW)
    assert reason in error.value.reason


def test_alg_none_without_signature_is_refused():
    header = base64.urlsafe_b64encode(b'{"alg":"none"}').rstrip(b"=").decode()
    payload = base64.urlsafe_b64encode(json.dumps({"exp": NOW + 60}).encode()).rstrip(b"=")
    with pytest.raises(DeskTokenError):
        decode(f"{header}.{payload.decode()}.", SECRET, NOW)


def test_no_secret_never_verifies():
    with pytest.raises(DeskTokenError):
        decode(encode({"exp": NOW + 60}, ""), "", NOW)


def test_exp_is_required_and_numeric():
    for claims in ({}, {"exp": "tomorrow"}, {"exp": True}):
        with pytest.raises(DeskTokenError):
            decode(encode(claims, SECRET), SECRET, NOW)


@given(st.text(max_size=300))
def test_any_text_is_a_token_or_a_refusal(text):
    try:
        decode(text, SECRET, NOW)
    except DeskTokenError:
        pass


@given(st.dictionaries(st.text(max_size=10), st.one_of(st.integers(), st.text(), st.none())))
def test_round_trip_of_any_claims_with_a_future_exp(claims):
    claims = {**claims, "exp": NOW + 100}
    claims.pop("iat", None)
    assert decode(encode(claims, SECRET), SECRET, NOW) == claims
