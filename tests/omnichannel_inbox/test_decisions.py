"""Dedup, assignment, SLA status and signatures (pure helpers)."""

from datetime import datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from odoo.addons.omnichannel_inbox.helpers import sla
from odoo.addons.omnichannel_inbox.helpers.assignment import Member, pick_assignee
from odoo.addons.omnichannel_inbox.helpers.dedup import (
    Candidate,
    in_window,
    normalize_name,
    pick_open_ticket,
    sender_key,
)
from odoo.addons.omnichannel_inbox.helpers.signature import sign, verify

NOW = datetime(2026, 11, 23, 12, 0)


def test_pick_most_recent_open_ticket_within_window():
    candidates = [
        Candidate(1, NOW - timedelta(hours=80), "email"),
        Candidate(2, NOW - timedelta(hours=3), "chat"),
        Candidate(3, NOW - timedelta(hours=10), "phone"),
    ]
    assert pick_open_ticket(candidates, NOW, 72) == 2
    assert pick_open_ticket(candidates[:1], NOW, 72) is None
    assert pick_open_ticket(candidates, NOW, 0) is None, "window 0 switches dedup off"
    assert pick_open_ticket([], NOW, 72) is None


def test_window_bounds():
    assert in_window(NOW - timedelta(hours=72), NOW, 72)
    assert not in_window(NOW - timedelta(hours=72, seconds=1), NOW, 72)
    assert not in_window(None, NOW, 72)


def test_sender_key_and_names():
    assert sender_key("  Julie@Example.com ") == "email:julie@example.com"
    assert sender_key(None, "+32475123456") == "phone:+32475123456"
    assert sender_key(None, None, "abc") == "visitor:abc"
    assert sender_key() is None
    assert normalize_name("  Dupont-Lambert, Julie ") == normalize_name("julie dupont lambert")
    assert normalize_name("Léa Müller") == "lea muller"
    assert normalize_name("") == ""


@given(
    st.lists(
        st.tuples(st.integers(1, 1000), st.integers(0, 200)), max_size=20, unique_by=lambda r: r[0]
    ),
    st.floats(1, 200),
)
def test_picked_ticket_is_within_window_and_latest(rows, window):
    candidates = [Candidate(tid, NOW - timedelta(hours=age)) for tid, age in rows]
    picked = pick_open_ticket(candidates, NOW, window)
    eligible = [c for c in candidates if NOW - c.last_request <= timedelta(hours=window)]
    if not eligible:
        assert picked is None
    else:
        chosen = next(c for c in candidates if c.ticket_id == picked)
        assert chosen.last_request == max(c.last_request for c in eligible)


def test_assignment_balances_and_skips_unavailable():
    members = [
        Member(1, open_tickets=5),
        Member(2, open_tickets=2, last_assigned=NOW),
        Member(3, open_tickets=2, last_assigned=NOW - timedelta(hours=1)),
        Member(4, open_tickets=0, available=False),
    ]
    assert pick_assignee(members) == 3, "fewest open tickets, then assigned longest ago"
    assert pick_assignee([Member(7), Member(5)]) == 5
    assert pick_assignee([Member(7, 1, NOW), Member(8, 1)]) == 8, "never assigned goes first"
    assert pick_assignee([Member(1, available=False)]) is None
    assert pick_assignee([]) is None


def test_round_robin_over_equal_load():
    loads = {1: [0, None], 2: [0, None], 3: [0, None]}
    order = []
    for minute in range(6):
        user = pick_assignee([Member(u, n, last) for u, (n, last) in loads.items()])
        loads[user] = [loads[user][0] + 1, NOW + timedelta(minutes=minute)]
        order.append(user)
    assert order == [1, 2, 3, 1, 2, 3]


def test_sla_status():
    deadline, at_risk = NOW + timedelta(hours=1), NOW + timedelta(minutes=45)
    assert sla.sla_status(NOW, None) == sla.NONE
    assert sla.sla_status(NOW, deadline, at_risk) == sla.RUNNING
    assert sla.sla_status(at_risk, deadline, at_risk) == sla.AT_RISK
    assert sla.sla_status(deadline, deadline, at_risk) == sla.BREACHED
    assert sla.sla_status(NOW, deadline, at_risk, responded=deadline) == sla.MET
    assert (
        sla.sla_status(NOW, deadline, at_risk, responded=deadline + timedelta(seconds=1))
        == sla.BREACHED
    )
    assert sla.at_risk_minutes(60, 0.75) == 45
    assert sla.at_risk_minutes(60, 7) == 60


def test_percentile_like_postgresql():
    assert sla.percentile([], 0.5) is None
    assert sla.percentile([4], 0.9) == 4
    assert sla.percentile([1, 2, 3, 4], 0.5) == 2.5
    assert sla.percentile([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 0.9) == 91.0


def test_signature():
    body = b'{"eventType":"v2.conversation.closed"}'
    header = sign(body, "secret")
    assert header.startswith("sha256=") and len(header) == 7 + 64
    assert verify(body, "secret", header)
    assert verify(body, "secret", header.upper().replace("SHA256", "sha256"))
    assert not verify(body + b" ", "secret", header)
    assert not verify(body, "other", header)
    assert not verify(body, "", header)
    assert not verify(body, "secret", "")
    assert not verify(body, "secret", "md5=" + header[7:])
    assert not verify(body, "secret", "sha256")


@given(st.binary(max_size=500), st.text(min_size=1, max_size=40))
def test_signature_round_trip(body, secret):
    assert verify(body, secret, sign(body, secret))
