# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import InboxCase


@tagged("post_install", "-at_install")
class TestOrders(InboxCase):
    """SM order numbers found in subjects, bodies and chats; the order panel of a ticket."""

    def test_numbers_in_subject_and_body_are_linked(self):
        ticket = self.email(
            "Commande so26-000456",
            body="Et aussi la SO 26 000123, merci. Pas la SO26-999999 (inconnue).",
            sender="marc.dubois@client.test",
            sender_name="Marc",
        )
        # Marc's order is linked; Julie's (SO26-000123) is only noted: not his
        self.assertEqual(ticket.inbox_order_ids, self.order_gan)
        self.assertEqual(ticket.inbox_order_id, self.order_gan, "the first mentioned")
        self.assertTrue(ticket.message_ids.filtered(lambda m: "SO26-000123" in (m.body or "")))
        log = self.requests_of(ticket)
        self.assertEqual(log.order_refs, "SO26-000456, SO26-000123, SO26-999999")
        self.assertIn(ticket, self.order_gan.inbox_ticket_ids)
        self.assertEqual(self.order_gan.inbox_ticket_count, 1)

    def test_pattern_is_configurable(self):
        self._sm_order("WEB-2026-0042", self.marc, "bru")
        params = self.env["ir.config_parameter"]
        params.set_param("omnichannel_inbox.order_number_pattern", r"WEB[-\s]?(\d{4})[-\s]?(\d{4})")
        params.set_param("omnichannel_inbox.order_number_format", "WEB-{0}-{1}")
        ticket = self.email("ma commande web 2026 0042", sender="marc.dubois@client.test",
                            sender_name="Marc")  # fmt: skip
        self.assertEqual(ticket.inbox_order_ids.sm_id, "WEB-2026-0042")
        params.set_param("omnichannel_inbox.order_number_pattern", "SO(")  # broken: default used
        again = self.email("SO26-000123", msg_id="z@y.test")  # Julie's own order
        self.assertEqual(again.inbox_order_ids, self.order)

    def test_settings_refuse_an_invalid_pattern(self):
        settings = self.env["res.config.settings"].create({})
        with self.assertRaises(ValidationError):
            settings.inbox_order_number_pattern = "SO("
            settings.flush_recordset()
            settings._check_inbox_order_number_pattern()

    def test_order_panel_answers_where_is_my_order(self):
        ticket = self.email("SO26-000123", body="Où est-elle ?")
        panel = ticket.with_user(self.agent_a).inbox_order_panel
        self.assertIn("SO26-000123", panel)
        self.assertIn("Awaiting stock", panel)
        self.assertIn("12/11/2026", panel, "promised date")
        self.assertIn("12/04/2026", panel, "expected / next restock date")
        self.assertIn("o_inbox_unavailable", panel, "the sofa is not available")
        self.assertIn("LIE 0 · BRU 1", panel, "stock per location")
        self.assertIn("Table basse Nora", panel)
        self.assertEqual(ticket.inbox_unavailable_line_ids.product_id, self.sofa)
        self.assertEqual(ticket.inbox_showroom_id.code, "LIE")

    def test_agent_without_sales_rights_still_sees_the_panel(self):
        from odoo.tests import new_test_user

        helper = new_test_user(
            self.env, login="inbox-helper", groups="helpdesk_mgmt.group_helpdesk_user"
        )
        ticket = self.email("SO26-000123", body="?")
        self.assertIn("SO26-000123", ticket.with_user(helper).inbox_order_panel)

    def test_order_panel_reads_in_constant_queries(self):
        """Opening a ticket renders its order panel; more orders (each with its own products)
        must not mean more queries (issue 17: the ticket form at 50,000 orders)."""
        Product = self.env["product.product"]

        def order(number):
            products = Product.create(
                [{"name": f"{number} article {i}", "type": "consu"} for i in range(3)]
            )
            return self._sm_order(
                number, self.julie, "lie", lines=[(p, True, False) for p in products]
            )

        ticket = self.email("SO26-000123", body="Où est-elle ?")

        def panel_queries(orders):
            ticket.sudo().inbox_order_ids = [(6, 0, (self.order | orders).ids)]
            ticket.with_user(self.agent_a).read(["inbox_order_panel"])  # warm the registry caches
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            panel = ticket.with_user(self.agent_a).read(["inbox_order_panel"])[0]
            self.assertTrue(all(o.name in panel["inbox_order_panel"] for o in orders))
            return self.env.cr.sql_log_count - before

        few = panel_queries(order("SO26-100001"))
        many = panel_queries(
            order("SO26-100002")
            | order("SO26-100003")
            | order("SO26-100004")
            | order("SO26-100005")
        )
        self.assertEqual(many, few, "one read per model, whatever the number of orders")
