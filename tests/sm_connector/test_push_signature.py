"""Signed push pings: signature, window, and SM's simulator signing the same way."""

from hypothesis import given
from hypothesis import strategies as st

from odoo.addons.sm_connector.parsers.push_signature import check, sign
from simulators.silicon_master.push import signature as sim_signature

NOW = 1_800_000_000


@given(st.text(min_size=1, max_size=40), st.binary(max_size=300))
def test_authentic_fresh_ping_passes_and_any_change_fails(secret, body):
    stamp = str(NOW)
    signed = sign(secret, stamp, body)
    assert signed == sim_signature(secret, stamp, body)  # both sides of the wire agree
    assert check(secret, stamp, signed, body, NOW + 10, 300) is None
    assert "does not match" in check(secret + "x", stamp, signed, body, NOW, 300)
    assert "does not match" in check(secret, stamp, signed, body + b" ", NOW, 300)
    # the timestamp is signed too: moving it breaks the signature
    assert "does not match" in check(secret, str(NOW + 1), signed, body, NOW, 300)


@given(st.integers(min_value=301, max_value=10**6), st.sampled_from([-1, 1]))
def test_timestamp_outside_the_window_is_refused(offset, sign_of):
    stamp = str(NOW + sign_of * offset)
    reason = check("s", stamp, sign("s", stamp, b"{}"), b"{}", NOW, 300)
    assert "window" in reason


def test_missing_pieces():
    assert "no push secret" in check("", "1", "sha256=x", b"", NOW, 300)
    assert "required" in check("s", None, "sha256=x", b"", NOW, 300)
    assert "Unix seconds" in check("s", "yesterday", "sha256=x", b"", NOW, 300)
