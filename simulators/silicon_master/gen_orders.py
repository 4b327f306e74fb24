"""Sales orders of 2026 (``SO26-000123``), consistent with their age and their lines.

* customer: an existing contact of kind ``customer``/``both``; lines: 1-5 active articles;
* channel ``showroom`` (showroom = where it was sold) or ``web``; ``pickup`` always has a
  showroom (web click-and-collect included); a ``web`` + ``delivery`` order has none (null);
* old orders are delivered (or cancelled), recent ones still open; ``awaiting_stock`` orders
  have at least one unavailable line with an ``expected_date``, and the promised date is
  never before the latest expected date;
* VAT 21.00, or 20.00 for French orders (sold in Paris, or delivered to a French address);
* totals from :func:`simulators.silicon_master.totals.order_totals`.
"""

import random
from datetime import datetime, time, timedelta

from .clock import UTC, iso
from .gen_articles import SHOWROOMS
from .gen_common import DAY, pick, pick_distinct, rand_int, weighted
from .totals import order_totals

ORDER_STATUSES = (
    "quotation",
    "confirmed",
    "awaiting_stock",
    "ready_for_pickup",
    "out_for_delivery",
    "delivered",
    "cancelled",
)
OPEN_STATUSES = ("quotation", "confirmed", "awaiting_stock", "ready_for_pickup", "out_for_delivery")
YEAR_START = datetime(2026, 1, 2, tzinfo=UTC)
_SMALL_TYPES = {"CHA": (2, 6), "COU": (1, 4), "PLD": (1, 3), "LUM": (1, 2), "CHV": (1, 2)}
# status mix by age of the order in days: (max_age, ((status-group, weight), ...))
_STATUS_BY_AGE = (
    (
        7,
        (
            ("quotation", 30),
            ("confirmed", 30),
            ("awaiting_stock", 25),
            ("ready", 10),
            ("cancelled", 5),
        ),
    ),
    (
        21,
        (
            ("quotation", 15),
            ("confirmed", 20),
            ("awaiting_stock", 30),
            ("ready", 20),
            ("delivered", 10),
            ("cancelled", 5),
        ),
    ),
    (
        60,
        (
            ("quotation", 5),
            ("confirmed", 8),
            ("awaiting_stock", 15),
            ("ready", 12),
            ("delivered", 55),
            ("cancelled", 5),
        ),
    ),
    (10_000, (("delivered", 93), ("cancelled", 7))),
)
_PAYMENT = {
    "quotation": (("unpaid", 1),),
    "delivered": (("paid", 97), ("partial", 3)),
    "cancelled": (("unpaid", 80), ("paid", 20)),
}
_DISCOUNTS = (("0.00", 70), ("5.00", 12), ("10.00", 12), ("15.00", 6))
_LINE_COUNTS = ((1, 15), (2, 25), (3, 25), (4, 20), (5, 15))  # 2.95 lines per order
_PAYMENT_OPEN = (("partial", 60), ("paid", 30), ("unpaid", 10))


def order_number(serial: int) -> str:
    """SM order number: ``SO26-000123``."""
    return f"SO26-{serial:06d}"


def vat_rate_for(showroom: str | None, delivery_mode: str, customer: dict) -> str:
    """French VAT (20 %) for orders sold in Paris or delivered in France, else Belgian 21 %."""
    french = showroom == "PAR" or (delivery_mode == "delivery" and len(customer["zip"] or "") == 5)
    return "20.00" if french else "21.00"


class OrderFactory:
    """Builds order records for given customers and sellable articles."""

    def __init__(self, rng: random.Random, start: datetime, customers: list, sellable: list):
        self.rng = rng
        self.start = start
        self.customers = customers
        self.sellable = sellable

    def lines(self, count: int, vat_rate: str, lang: str) -> list[dict]:
        """``count`` lines on distinct articles, all available for now."""
        rng = self.rng
        articles = pick_distinct(rng, self.sellable, count)
        lines = []
        for line_no, art in enumerate(articles, start=1):
            low, high = _SMALL_TYPES.get(art["code"].split("-", 1)[0], (1, 1))
            qty = rand_int(rng, low, high) if rng.random() < 0.7 else low
            discount = weighted(rng, _DISCOUNTS)
            lines.append(
                {
                    "line_no": line_no,
                    "article_code": art["code"],
                    "description": art["name"].get(lang) or art["name"]["fr"],
                    "qty": str(qty),
                    "unit_price_incl_vat": art["price_incl_vat"],
                    "discount_pct": discount,
                    "vat_rate": vat_rate,
                    "available": True,
                    "expected_date": None,
                }
            )
        return lines

    def status(self, age_days: int, delivery_mode: str) -> str:
        """A status plausible for an order of that age."""
        group = weighted(self.rng, next(mix for limit, mix in _STATUS_BY_AGE if age_days <= limit))
        if group == "ready":
            return "ready_for_pickup" if delivery_mode == "pickup" else "out_for_delivery"
        return group

    def order(self, serial: int, created: datetime) -> dict:
        """One order created at ``created`` (before the clock start)."""
        rng = self.rng
        customer = pick(rng, self.customers)
        home = customer["showroom"]
        channel = (
            "web"
            if home == "WEB" and rng.random() < 0.9
            else ("showroom" if rng.random() < 0.65 else "web")
        )
        physical = home if home in SHOWROOMS else pick(rng, SHOWROOMS)
        delivery_mode = "pickup" if rng.random() < 0.4 else "delivery"
        showroom = physical if channel == "showroom" or delivery_mode == "pickup" else None
        lang = customer["lang"] or "fr"
        count = weighted(rng, _LINE_COUNTS)
        lines = self.lines(count, vat_rate_for(showroom, delivery_mode, customer), lang)
        age = (self.start.date() - created.date()).days
        status = self.status(age, delivery_mode)
        promised = created.date() + timedelta(
            days=rand_int(rng, 3, 14) if delivery_mode == "pickup" else rand_int(rng, 10, 42)
        )
        if status in ("quotation", "awaiting_stock"):
            missing = [ln for ln in lines if rng.random() < 0.3] if status == "quotation" else []
            if status == "awaiting_stock":
                missing = pick_distinct(rng, lines, rand_int(rng, 1, len(lines)))
            for line in missing:
                expected = self.start.date() + timedelta(days=rand_int(rng, 3, 45))
                line["available"], line["expected_date"] = False, expected.isoformat()
                promised = max(promised, expected + timedelta(days=rand_int(rng, 2, 7)))
        if status == "quotation" and rng.random() < 0.5:
            promised = None  # not promised until the customer confirms
        updated = created + timedelta(seconds=rand_int(rng, 60, max(120, min(age, 45) * DAY)))
        updated = min(updated, self.start - timedelta(seconds=rand_int(rng, 1, 3600)))
        return {
            "id": order_number(serial),
            "date": created.date().isoformat(),
            "customer_id": customer["id"],
            "channel": channel,
            "showroom": showroom,
            "status": status,
            "delivery_mode": delivery_mode,
            "promised_date": promised.isoformat() if promised else None,
            "payment_status": weighted(rng, _PAYMENT.get(status, _PAYMENT_OPEN)),
            "currency": "EUR",
            "lines": lines,
            **order_totals(lines),
            "updated_at": iso(max(updated, created)),
            "deleted": False,
        }


def generate_orders(
    count: int, rng: random.Random, start: datetime, contacts: list, articles: list
) -> list[dict]:
    """``count`` orders dated from 2 January 2026 to the clock start, numbered by date."""
    if count <= 0:
        return []
    customers = [rec for rec in contacts if rec["kind"] in ("customer", "both")]
    sellable = [art for art in articles if art["active"]]
    if not customers or not sellable:
        raise ValueError("orders need at least one customer contact and one active article")
    factory = OrderFactory(rng, start, customers, sellable)
    span = int((start - YEAR_START).total_seconds())
    created = sorted(YEAR_START + timedelta(seconds=int(rng.random() * span)) for _ in range(count))
    orders = []
    for serial, drawn in enumerate(created, start=1):
        moment = drawn
        if rng.random() < 0.7:  # showroom opening hours for most orders, web ones any time
            day = datetime.combine(drawn.date(), time(9, 30), tzinfo=UTC)
            moment = min(
                day + timedelta(seconds=int(rng.random() * 9 * 3600)), start - timedelta(seconds=1)
            )
        orders.append(factory.order(serial, moment))
    return orders
