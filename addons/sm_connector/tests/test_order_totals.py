# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import itertools
from decimal import Decimal

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from odoo.tests import tagged

from .common import SmCase

_line = st.fixed_dictionaries(
    {
        "qty": st.one_of(
            st.integers(min_value=1, max_value=12),
            st.decimals(min_value=Decimal("0.01"), max_value=Decimal(50), places=2),
        ).map(str),
        "unit_price_incl_vat": st.decimals(
            min_value=Decimal("0.01"), max_value=Decimal("9999.99"), places=2
        ).map(str),
        "discount_pct": st.one_of(
            st.just("0"),
            st.decimals(min_value=Decimal(0), max_value=Decimal(100), places=2).map(str),
        ),
        "vat_rate": st.sampled_from(["21", "12", "6", "0"]),
    }
)
_numbers = itertools.count(1)


def order_totals(lines):
    """The contract's formula, as the SM simulator computes it (on sys.path once common ran)."""
    from simulators.silicon_master.totals import order_totals as contract_totals

    return contract_totals(lines)


@tagged("post_install", "-at_install")
class TestOrderTotals(SmCase):
    """SM is master: an SM order's totals in Odoo are SM's, for any rates, discounts, quantities."""

    sim_sizes = {"contacts": 10, "articles": 10, "orders": 0}

    def setUp(self):
        super().setUp()
        self.sync("contacts")
        self.sync("articles")
        self.customer = sorted(self.live_ids("contacts"))[0]
        self.codes = sorted(self.live_ids("articles"))

    def import_order(self, lines):
        sm_id = f"SO-T{next(_numbers):05d}"
        record = {
            "id": sm_id,
            "date": "2026-11-20",
            "customer_id": self.customer,
            "status": "confirmed",
            "updated_at": "2026-11-20T10:00:00Z",
            "lines": [
                dict(line, line_no=number, article_code=self.codes[number % len(self.codes)])
                for number, line in enumerate(lines, start=1)
            ],
            **order_totals(lines),
        }
        counts = self.env["sm.order.importer"]._import_payloads(self.backend, [record])
        self.assertEqual(counts["created"], 1, counts)
        return self.env["sale.order"].search([("sm_id", "=", sm_id)])

    def assert_totals_are_sms(self, lines):
        order = self.import_order(lines)
        sm = {key: float(value) for key, value in order_totals(lines).items()}
        odoo = {
            "total_incl_vat": order.amount_total,
            "total_excl_vat": order.amount_untaxed,
            "total_vat": order.amount_tax,
        }
        self.assertEqual(odoo, sm, lines)
        summary = order.tax_totals
        self.assertEqual(
            (round(summary["total_amount_currency"], 2), round(summary["tax_amount_currency"], 2)),
            (sm["total_incl_vat"], sm["total_vat"]),
        )
        self.assertAlmostEqual(sum(order.order_line.mapped("price_total")), sm["total_incl_vat"])
        self.assertTrue(order.sm_totals_match)
        self.assertFalse(order.sm_data_issues)

    def test_discounted_lines_at_21_and_6_percent(self):
        """Odoo said 380.12 / VAT 53.19 where SM (and the sum of Odoo's lines) says 380.11 / 53.20."""
        self.assert_totals_are_sms(
            [
                {
                    "qty": "3",
                    "unit_price_incl_vat": "57.97",
                    "discount_pct": "15",
                    "vat_rate": "21",
                },
                {
                    "qty": "2",
                    "unit_price_incl_vat": "76.89",
                    "discount_pct": "20",
                    "vat_rate": "21",
                },
                {"qty": "3", "unit_price_incl_vat": "42.85", "discount_pct": "15", "vat_rate": "6"},
            ]
        )

    @settings(
        max_examples=60,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(st.lists(_line, min_size=1, max_size=6))
    @example(
        [
            {"qty": "2", "unit_price_incl_vat": "164.86", "discount_pct": "10", "vat_rate": "21"},
            {"qty": "5", "unit_price_incl_vat": "770.92", "discount_pct": "15", "vat_rate": "21"},
            {"qty": "1", "unit_price_incl_vat": "533.93", "discount_pct": "0", "vat_rate": "6"},
        ]
    )
    def test_any_order_totals_equal_the_contract_formula(self, lines):
        self.assert_totals_are_sms(lines)
