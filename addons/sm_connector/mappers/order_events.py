# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What changed on an order, in the words customers care about (pure: no Odoo environment).

`detect_events(before, after)` compares Odoo's last known state of an order with the record SM
just sent and returns the events to record. Each event has a `key` unique per order, so the
same change seen twice (re-sync, crash and resume, a date flapping back and forth) is one event.
"""

from dataclasses import dataclass

from .order_mapper import CONFIRMED


@dataclass(frozen=True)
class OrderEvent:
    """One change worth telling the customer about."""

    event_type: str  # procedure, delay, line_unavailable, ready_for_pickup, cancelled, delivered
    key: str
    old_value: str | None = None
    new_value: str | None = None
    line_no: int | None = None


@dataclass(frozen=True)
class OrderState:
    """The part of an order the events compare: what Odoo knew before this sync."""

    status: str
    promised_date: str | None
    lines: dict  # line_no → (available, expected_date)


def state_of(record):
    """OrderState of a canonical SM order record."""
    return OrderState(
        status=record["status"],
        promised_date=record.get("promised_date"),
        lines={
            line["line_no"]: (line["available"], line.get("expected_date"))
            for line in record["lines"]
        },
    )


def detect_events(before, after):
    """Events between `before` (OrderState, None for a new order) and `after` (SM record)."""
    now = state_of(after)
    if before is None:
        # a new order: explain how pickup or delivery works once it is confirmed
        return [OrderEvent("procedure", "procedure")] if now.status in CONFIRMED[:3] else []
    events = []
    if now.status != before.status:
        if now.status == "ready_for_pickup":
            events.append(
                OrderEvent("ready_for_pickup", "ready_for_pickup", before.status, now.status)
            )
        elif now.status in ("cancelled", "delivered"):
            events.append(OrderEvent(now.status, now.status, before.status, now.status))
        elif before.status == "quotation" and now.status in CONFIRMED:
            events.append(OrderEvent("procedure", "procedure", before.status, now.status))
    open_order = now.status not in ("cancelled", "delivered")
    if (
        open_order
        and before.promised_date
        and now.promised_date
        and now.promised_date > before.promised_date
    ):
        # keyed by the new date: a date moving back and forth is announced once
        events.append(
            OrderEvent(
                "delay", f"delay:{now.promised_date}", before.promised_date, now.promised_date
            )
        )
    if open_order:
        for line_no, (available, expected) in sorted(now.lines.items()):
            was_available = before.lines.get(line_no, (None, None))[0]
            if was_available and not available:
                events.append(
                    OrderEvent(
                        "line_unavailable",
                        f"line_unavailable:{line_no}:{expected or ''}",
                        None,
                        expected,
                        line_no,
                    )
                )
    return events
