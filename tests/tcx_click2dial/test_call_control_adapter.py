"""TcxCallControlAdapter against the simulator: token cache and renewal, typed errors."""

import pytest

from odoo.addons.suite_base.tools.token_cache import TokenCache
from odoo.addons.tcx_click2dial.adapters.call_control import TcxCallControlAdapter
from odoo.addons.tcx_click2dial.adapters.errors import (
    TcxAuthError,
    TcxProtocolError,
    TcxRefusedError,
    TcxUnreachableError,
)

from .conftest import CLIENT_ID, CLIENT_SECRET


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def adapter(pbx, secret=CLIENT_SECRET, clock=None, timeout=2):
    return TcxCallControlAdapter(
        pbx.base_url, CLIENT_ID, secret, timeout=timeout, cache=TokenCache(), clock=clock or Clock()
    )


def test_token_cached_until_it_expires(pbx):
    clock = Clock()
    client = adapter(pbx, clock=clock)
    client.make_call("101", "+32475123456")
    client.make_call("102", "+33612345678")
    assert pbx.state.tokens_issued == 1
    clock.now += 60 - 6 + 1  # expires_in 60 s, renewed 10 % early
    client.make_call("101", "+32475123456")
    assert pbx.state.tokens_issued == 2
    assert [c["destination"] for c in pbx.calls] == ["+32475123456", "+33612345678", "+32475123456"]


def test_renewed_once_on_401(pbx):
    client = adapter(pbx)
    client.make_call("101", "+32475123456")
    pbx.expire_tokens()
    client.make_call("101", "+32475123456")
    assert pbx.state.tokens_issued == 2 and len(pbx.calls) == 2
    pbx.faults.add("status", "/callcontrol", count=2, status=401)
    with pytest.raises(TcxAuthError):
        client.make_call("101", "+32475123456")


def test_cache_shared_by_adapters_of_one_process(pbx):
    cache = TokenCache()
    for _ in range(3):
        TcxCallControlAdapter(pbx.base_url, CLIENT_ID, CLIENT_SECRET, cache=cache).make_call(
            "101", "+32475123456"
        )
    assert pbx.state.tokens_issued == 1
    TcxCallControlAdapter(
        pbx.base_url, CLIENT_ID, "rotated", cache=cache
    )  # another secret: another key
    with pytest.raises(TcxAuthError):
        TcxCallControlAdapter(pbx.base_url, CLIENT_ID, "rotated", cache=cache).make_call(
            "101", "+3247"
        )


def test_errors(pbx):
    with pytest.raises(TcxAuthError, match="invalid_client"):
        adapter(pbx, secret="wrong").make_call("101", "+32475123456")
    with pytest.raises(TcxAuthError):
        adapter(pbx, secret="").make_call("101", "+32475123456")
    with pytest.raises(TcxRefusedError, match="DN 999 not found"):
        adapter(pbx).make_call("999", "+32475123456")
    with pytest.raises(TcxRefusedError, match="not a dialable number"):
        adapter(pbx).make_call("101", "Julie")
    with pytest.raises(TcxRefusedError, match="no extension"):
        adapter(pbx).make_call("", "+32475123456")
    pbx.faults.add("status", "/callcontrol", status=503)
    with pytest.raises(TcxUnreachableError, match="503"):
        adapter(pbx).make_call("101", "+32475123456")
    pbx.faults.add("status", "/connect/token", status=500)
    with pytest.raises(TcxUnreachableError, match="500"):
        adapter(pbx).make_call("101", "+32475123456")
    pbx.faults.add("truncated", "/callcontrol")
    with pytest.raises(TcxProtocolError):
        adapter(pbx).make_call("101", "+32475123456")
    pbx.faults.add("truncated", "/connect/token")
    with pytest.raises(TcxProtocolError):
        adapter(pbx).make_call("101", "+32475123456")
    pbx.faults.add("timeout", "/callcontrol", seconds=3)
    with pytest.raises(TcxUnreachableError, match=r"within 0\.5 s"):
        adapter(pbx, timeout=0.5).make_call("101", "+32475123456")
    assert len(pbx.calls) == 1  # the one whose answer was truncated: 3CX did ring


def test_slow_answer_within_timeout_is_fine(pbx):
    pbx.faults.add("slow", "/callcontrol", seconds=0.3)
    assert adapter(pbx).make_call("101", "+32475123456")["finalstatus"] == "Success"


def test_unreachable():
    client = TcxCallControlAdapter(
        "http://127.0.0.1:9", CLIENT_ID, CLIENT_SECRET, cache=TokenCache()
    )
    with pytest.raises(TcxUnreachableError, match="unreachable"):
        client.make_call("101", "+32475123456")
    with pytest.raises(TcxUnreachableError, match="no PBX URL"):
        TcxCallControlAdapter("", CLIENT_ID, CLIENT_SECRET).make_call("101", "+32475123456")
