"""The agent screens bench reads readiness, RPCs and SQL queries right (bench/screen_trace.py)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bench.screen_trace import ScreenTrace, is_rpc, request_log_queries

T0 = 1_700_000_000.0  # wall clock of the document request
OFFSET = T0 - 500.0  # wallTime - timestamp (CDP's monotonic clock)


def sent(rid, url, kind, at):
    return "Network.requestWillBeSent", {
        "requestId": rid,
        "request": {"url": url},
        "type": kind,
        "wallTime": T0 + at,
        "timestamp": T0 + at - OFFSET,
    }


def finished(rid, at, failed=False):
    method = "Network.loadingFailed" if failed else "Network.loadingFinished"
    params = {"requestId": rid, "timestamp": T0 + at - OFFSET}
    if failed:
        params["errorText"] = "net::ERR_CONNECTION_RESET"
    return method, params


def feed(trace, *events):
    for method, params in events:
        trace.feed(method, params)
    return trace


BASE = "http://127.0.0.1:18102"


@pytest.mark.parametrize(
    ("path", "kind", "expected"),
    [
        ("/web/dataset/call_kw/res.partner/web_search_read", "Fetch", True),
        ("/web/action/load", "Fetch", True),
        ("/mail/data", "XHR", True),
        ("/web/assets/1/web.assets_web.min.js", "Script", False),
        ("/web/bundle/web.chartjs_lib", "Fetch", False),  # a lazy asset bundle, not data
        ("/web/image/res.users/2/avatar_128", "Fetch", False),
        ("/websocket", "WebSocket", False),
        ("/odoo/action-contacts.action_contacts", "Document", False),
    ],
)
def test_what_counts_as_an_rpc(path, kind, expected):
    assert is_rpc(BASE + path, kind) is expected


def test_ready_is_the_later_of_root_seen_and_last_rpc_answer():
    trace = feed(
        ScreenTrace(),
        sent("doc", BASE + "/odoo/action-1", "Document", 0.0),
        sent("1", BASE + "/web/action/load", "Fetch", 0.3),
        sent("img", BASE + "/web/image/res.partner/1/avatar_128", "Image", 0.35),
        sent("2", BASE + "/web/dataset/call_kw/res.partner/web_search_read", "Fetch", 0.4),
        finished("1", 0.5),
        finished("2", 1.2),
        finished("img", 3.0),  # an avatar arriving late does not make the screen later
    )
    assert trace.rpc_count == 2
    assert not trace.pending
    assert trace.ready_after(T0 + 0.9) == pytest.approx(1.2)  # the list was drawn, data came later
    assert trace.ready_after(T0 + 1.5) == pytest.approx(1.5)  # data came, then the root was drawn
    assert trace.durations["/web/dataset/call_kw/res.partner/web_search_read"] == pytest.approx(0.8)


def test_a_pending_rpc_means_not_ready():
    trace = feed(
        ScreenTrace(),
        sent("doc", BASE + "/odoo/sale.order/7", "Document", 0.0),
        sent("1", BASE + "/web/dataset/call_kw/sale.order/web_read", "Fetch", 0.2),
    )
    with pytest.raises(ValueError, match="web_read"):
        trace.ready_after(T0 + 1.0)
    feed(trace, finished("1", 0.6))
    assert trace.ready_after(T0 + 0.5) == pytest.approx(0.6)


def test_a_redirect_keeps_one_rpc_and_a_failure_is_recorded():
    trace = feed(
        ScreenTrace(),
        sent("doc", BASE + "/odoo", "Document", 0.0),
        sent("1", BASE + "/mail/data", "Fetch", 0.1),
        sent("1", BASE + "/mail/data", "Fetch", 0.15),  # same request id after a redirect
        finished("1", 0.4, failed=True),
    )
    assert trace.rpc_count == 1
    assert trace.failed == [("/mail/data", "net::ERR_CONNECTION_RESET")]


def test_no_document_request_is_an_error():
    with pytest.raises(ValueError, match="document"):
        ScreenTrace().ready_after(T0)


LOG = [
    "2026-12-01 02:01:50,898 9905 INFO db werkzeug: 127.0.0.1 - - [01/Dec/2026 02:01:50] "
    '"GET /odoo/action-575 HTTP/1.1" 200 - 41 0.020 0.110',
    "2026-12-01 02:01:51,010 9905 INFO db werkzeug: 127.0.0.1 - - [01/Dec/2026 02:01:51] "
    '"POST /web/dataset/call_kw/res.partner/web_search_read#res.partner.web_search_read '
    'HTTP/1.1" 200 - 12 0.004 0.031',
    "2026-12-01 02:01:51,020 9905 INFO db werkzeug: 127.0.0.1 - - [01/Dec/2026 02:01:51] "
    '"GET /websocket?version=19.0 HTTP/1.1" 101 - 5 0.001 0.002',
    "2026-12-01 02:01:51,030 9905 INFO db odoo.models: something else 7 0.1 0.2",
    "2026-12-01 02:01:51,040 9905 INFO ? werkzeug: 127.0.0.1 - - [01/Dec/2026 02:01:51] "
    '"GET /web/static/img/x.png HTTP/1.1" 304 - - - -',
]


def test_request_log_adds_up_queries_without_the_bus_socket():
    assert request_log_queries(LOG) == (2, 53)


@given(st.lists(st.tuples(st.sampled_from(["/web/action/load", "/mail/data", "/websocket"]),
                          st.integers(0, 10_000))))  # fmt: skip
def test_request_log_sum_is_the_sum_of_its_lines(requests):
    lines = [
        f'X INFO db werkzeug: 127.0.0.1 - - [d] "POST {path} HTTP/1.1" 200 - {q} 0.001 0.002'
        for path, q in requests
    ]
    kept = [q for path, q in requests if path != "/websocket"]
    assert request_log_queries(lines) == (len(kept), sum(kept))
