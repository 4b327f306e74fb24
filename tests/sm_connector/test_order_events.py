"""Order change detection and SM's totals formula (pure functions)."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from odoo.addons.sm_connector.mappers.order_events import (
    OrderState,
    detect_events,
    state_of,
)
from odoo.addons.sm_connector.mappers.order_mapper import sm_totals

LINE = {
    "line_no": 1,
    "article_code": "A",
    "qty": "1",
    "unit_price_incl_vat": "100",
    "discount_pct": "0",
    "vat_rate": "21",
    "available": True,
    "expected_date": None,
}
ORDER = {
    "id": "SO1",
    "status": "confirmed",
    "promised_date": "2026-12-01",
    "delivery_mode": "pickup",
    "lines": [LINE, dict(LINE, line_no=2, article_code="B")],
}


def with_(**changes):
    return {**ORDER, **changes}


def kinds(events):
    return [(e.event_type, e.key) for e in events]


def test_new_confirmed_order_gets_the_procedure_only():
    assert kinds(detect_events(None, ORDER)) == [("procedure", "procedure")]
    assert detect_events(None, with_(status="delivered")) == []


def test_delay_is_keyed_by_the_new_date():
    events = detect_events(state_of(ORDER), with_(promised_date="2026-12-15"))
    assert kinds(events) == [("delay", "delay:2026-12-15")]
    assert (events[0].old_value, events[0].new_value) == ("2026-12-01", "2026-12-15")


def test_earlier_date_or_closed_order_is_no_delay():
    assert detect_events(state_of(ORDER), with_(promised_date="2026-11-20")) == []
    assert kinds(
        detect_events(state_of(ORDER), with_(status="cancelled", promised_date="2027-01-01"))
    ) == [("cancelled", "cancelled")]


def test_line_going_out_of_stock():
    lines = [dict(LINE, available=False, expected_date="2026-12-20"), ORDER["lines"][1]]
    events = detect_events(state_of(ORDER), with_(lines=lines))
    assert kinds(events) == [("line_unavailable", "line_unavailable:1:2026-12-20")]
    assert events[0].line_no == 1


def test_ready_for_pickup():
    assert kinds(detect_events(state_of(ORDER), with_(status="ready_for_pickup"))) == [
        ("ready_for_pickup", "ready_for_pickup")
    ]


def test_same_state_no_event():
    assert detect_events(state_of(ORDER), ORDER) == []


@given(st.lists(st.dates().map(str), min_size=1, max_size=6))
def test_a_date_moving_around_yields_one_key_per_later_date(dates):
    """However a date flaps, each announced date has a single key (so a single message)."""
    keys = []
    previous = state_of(ORDER)
    for date in dates:
        record = with_(promised_date=date)
        keys += [e.key for e in detect_events(previous, record) if e.event_type == "delay"]
        previous = state_of(record)
    assert all(key.startswith("delay:") for key in keys)
    assert all(key[6:] > ORDER["promised_date"] or key[6:] > min(dates) for key in keys)


price = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("9999"), places=2)


@given(
    st.lists(
        st.tuples(
            st.integers(1, 9),
            price,
            st.sampled_from(["0", "5", "10", "15"]),
            st.sampled_from(["21", "20", "6"]),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_totals_add_up(lines):
    totals = sm_totals(
        [
            {"qty": str(q), "unit_price_incl_vat": str(p), "discount_pct": d, "vat_rate": r}
            for q, p, d, r in lines
        ]
    )
    assert totals["total_excl_vat"] + totals["total_vat"] == totals["total_incl_vat"]
    rates = {r for _q, _p, _d, r in lines}
    # at most 21 % VAT included, give or take half a cent of rounding per rate
    assert (
        0
        <= totals["total_vat"]
        <= totals["total_incl_vat"] * 21 / 121 + Decimal("0.005") * len(rates)
    )
    assert totals["total_incl_vat"] <= sum(q * p for q, p, _d, _r in lines)


def test_state_of():
    assert state_of(ORDER) == OrderState(
        "confirmed", "2026-12-01", {1: (True, None), 2: (True, None)}
    )


def test_lines_sm_never_sent_are_removed_not_crashing_the_mapper():
    """A line added in Odoo to an SM order (no SM line number) must not break the mapping:
    SM is master, so the order keeps only SM's lines."""
    from odoo.addons.sm_connector.mappers.order_mapper import (
        ExistingLine,
        OrderLookups,
        map_order,
    )

    lookups = OrderLookups(
        partner_ids={"C1": 10},
        product_ids={"A": 1, "B": 2},
        tax_ids={"21": 5},
        existing_lines={"SO1": {1: ExistingLine(101, 1), 3: ExistingLine(103, 9)}},
        foreign_lines={"SO1": [250, 200]},
    )
    record = dict(ORDER, customer_id="C1", date="2026-11-01", channel="web")
    vals, _issues = map_order(record, lookups)
    deletes = [command[1] for command in vals["order_line"] if command[0] == 2]
    assert deletes == [103, 200, 250]
    # a stray key without a number (older data) is sorted, not compared with numbers
    lookups.existing_lines["SO1"][None] = ExistingLine(300, 4)
    vals, _issues = map_order(record, lookups)
    assert [c[1] for c in vals["order_line"] if c[0] == 2] == [103, 300, 200, 250]
