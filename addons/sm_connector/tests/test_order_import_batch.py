# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What the batched order import leaves out of Odoo's per-order work (issue 17), and what it
must keep: lines on their own orders, nothing to invoice, no fiscal position, and Odoo's
company consistency check refusing what it refused record by record."""

import itertools

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import SmCase

_numbers = itertools.count(1)


@tagged("post_install", "-at_install")
class TestOrderImportBatch(SmCase):
    sim_sizes = {"contacts": 10, "articles": 10, "orders": 0}

    def setUp(self):
        super().setUp()
        self.sync("contacts")
        self.sync("articles")
        self.customers = sorted(self.live_ids("contacts"))
        self.codes = sorted(self.live_ids("articles"))

    def sm_order(self, customer, lines, status="confirmed"):
        number = next(_numbers)
        return {
            "id": f"SO-B{number:05d}",
            "date": "2026-11-20",
            "customer_id": customer,
            "status": status,
            "updated_at": "2026-11-20T10:00:00Z",
            "lines": [
                {
                    "line_no": line_no,
                    "article_code": code,
                    "qty": qty,
                    "unit_price_incl_vat": "121.00",
                    "discount_pct": "0",
                    "vat_rate": "21",
                }
                for line_no, (code, qty) in enumerate(lines, start=1)
            ],
        }

    def import_orders(self, records):
        counts = self.env["sm.order.importer"]._import_payloads(self.backend, records)
        self.assertEqual(counts["created"], len(records), counts)
        return {
            record["id"]: self.env["sale.order"].search([("sm_id", "=", record["id"])])
            for record in records
        }

    def plain_order(self, partner, product, **values):
        return self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "order_line": [(0, 0, {"product_id": product.id, "product_uom_qty": 2})],
                **values,
            }
        )

    def test_one_page_of_orders_puts_each_line_on_its_own_order(self):
        first = self.sm_order(self.customers[0], [(self.codes[0], "1"), (self.codes[1], "2")])
        second = self.sm_order(
            self.customers[1], [(self.codes[2], "3"), (self.codes[0], "4"), (self.codes[3], "5")]
        )
        orders = self.import_orders([first, second])
        for record in (first, second):
            order = orders[record["id"]]
            self.assertEqual(
                [
                    (line.sm_line_no, line.product_id.default_code, line.product_uom_qty)
                    for line in order.order_line
                ],
                [
                    (line["line_no"], line["article_code"], float(line["qty"]))
                    for line in record["lines"]
                ],
            )
            self.assertEqual(order.order_line.order_partner_id, order.partner_id)
            self.assertEqual(set(order.order_line.mapped("state")), {"sale"})
            self.assertTrue(order.sm_totals_match)

    def test_sm_orders_have_nothing_to_invoice_where_odoo_orders_still_do(self):
        orders = self.import_orders([self.sm_order(self.customers[0], [(self.codes[0], "3")])])
        order = next(iter(orders.values()))
        self.assertEqual(order.invoice_status, "no")
        self.assertEqual(order.order_line.mapped("qty_to_invoice"), [0.0])
        self.assertEqual(order.order_line.mapped("invoice_status"), ["no"])
        # the same shortcut must not reach an order made in Odoo
        product = self.env["product.product"].create(
            {"name": "Odoo-only cushion", "invoice_policy": "order", "list_price": 20}
        )
        plain = self.plain_order(order.partner_id, product)
        plain.action_confirm()
        self.assertEqual(plain.order_line.mapped("qty_to_invoice"), [2.0])
        self.assertEqual(plain.invoice_status, "to invoice")
        plain._create_invoices().action_post()
        self.assertEqual(plain.order_line.mapped("qty_invoiced"), [2.0])
        self.assertEqual(plain.order_line.mapped("untaxed_amount_invoiced"), [40.0])
        self.assertEqual(order.order_line.mapped("qty_invoiced"), [0.0])

    def test_sm_orders_take_no_fiscal_position_where_odoo_would_apply_one(self):
        position = self.env["account.fiscal.position"].create(
            {"name": "Applies to every customer", "auto_apply": True, "sequence": 1}
        )
        orders = self.import_orders([self.sm_order(self.customers[0], [(self.codes[0], "1")])])
        order = next(iter(orders.values()))
        self.assertFalse(order.fiscal_position_id)
        self.assertEqual(order.order_line.tax_ids.amount, 21.0)
        product = self.env["product.product"].create({"name": "Odoo-only plaid"})
        partner = order.partner_id
        if not partner.country_id:
            partner = self.env["res.partner"].create(
                {"name": "Odoo customer", "country_id": self.env.ref("base.be").id}
            )
        self.assertEqual(self.plain_order(partner, product).fiscal_position_id, position)

    def test_no_fiscal_position_either_when_sm_changes_the_customer(self):
        """Review of 6ced211: the mapper's `False` equalled the stored value, was dropped as
        unchanged, and the customer's write recomputed Odoo's guess."""
        self.env["account.fiscal.position"].create(
            {"name": "Applies to every customer", "auto_apply": True, "sequence": 1}
        )
        record = self.sm_order(self.customers[0], [(self.codes[0], "1")])
        order = self.import_orders([record])[record["id"]]
        moved = dict(record, customer_id=self.customers[1], updated_at="2026-11-21T10:00:00Z")
        counts = self.env["sm.order.importer"]._import_payloads(self.backend, [moved])
        self.assertEqual(counts["updated"], 1, counts)
        self.env.invalidate_all()
        self.assertEqual(order.partner_id.sm_id, self.customers[1])
        self.assertFalse(order.fiscal_position_id)
        self.assertFalse(order.show_update_fpos)

    def test_a_batch_linking_another_companys_tax_is_refused_as_a_single_order_is(self):
        other = self.env["res.company"].create(
            {"name": "Other retailer", "country_id": self.env.ref("base.fr").id}
        )
        group = self.env["account.tax.group"].create({"name": "VAT", "company_id": other.id})
        foreign_tax = self.env["account.tax"].create(
            {
                "name": "Foreign 21",
                "amount": 21,
                "company_id": other.id,
                "tax_group_id": group.id,
                "country_id": other.country_id.id,
            }
        )
        partner = self.env["res.partner"].create({"name": "Walk-in customer"})
        product = self.env["product.product"].create({"name": "Odoo-only lamp"})
        own_tax = self.env["account.tax"].search(
            [("company_id", "=", self.env.company.id), ("type_tax_use", "=", "sale")], limit=1
        )

        def vals(tax):
            line = {"product_id": product.id, "product_uom_qty": 1, "tax_ids": [(6, 0, tax.ids)]}
            return {"partner_id": partner.id, "order_line": [(0, 0, line)]}

        # consistent batch: created
        self.assertEqual(len(self.env["sale.order"].create([vals(own_tax), vals(own_tax)])), 2)
        # the foreign tax on the second order of a batch, and alone: both refused, same words
        for vals_list in ([vals(own_tax), vals(foreign_tax)], [vals(foreign_tax)]):
            with self.assertRaisesRegex(UserError, "company inconsistencies"):
                with self.env.cr.savepoint():
                    self.env["sale.order"].create(vals_list)

    def test_upgrade_clears_the_fiscal_position_guessed_for_earlier_sm_orders(self):
        import importlib.util
        import pathlib

        script = pathlib.Path(__file__).parents[1] / "migrations/19.0.1.3.0/post-migrate.py"
        spec = importlib.util.spec_from_file_location("sm_connector_post_migrate_1_3_0", script)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        position = self.env["account.fiscal.position"].create({"name": "Guessed"})
        order = next(
            iter(self.import_orders([self.sm_order(self.customers[0], [(self.codes[0], "1")])]))
        )
        order = self.env["sale.order"].search([("sm_id", "=", order)])
        product = self.env["product.product"].create({"name": "Odoo-only stool"})
        plain = self.plain_order(order.partner_id, product, fiscal_position_id=position.id)
        self.env.cr.execute(
            "UPDATE sale_order SET fiscal_position_id = %s WHERE id = %s", (position.id, order.id)
        )
        self.env.invalidate_all()
        self.env.cr.execute(
            "UPDATE sale_order_line SET qty_to_invoice = product_uom_qty WHERE order_id IN %s",
            ((order.id, plain.id),),
        )
        migration.migrate(self.env.cr, "19.0.1.2.4")
        self.env.invalidate_all()
        self.assertFalse(order.fiscal_position_id)
        self.assertEqual(order.order_line.mapped("qty_to_invoice"), [0.0])
        self.assertEqual(plain.fiscal_position_id, position)
        self.assertEqual(plain.order_line.mapped("qty_to_invoice"), [2.0])
