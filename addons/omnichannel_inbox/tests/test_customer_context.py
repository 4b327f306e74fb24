# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.addons.sm_connector.models.sale_order import CLOSED
from odoo.addons.sm_connector.models.sm_managed_mixin import sm_sync_writes
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import MONDAY_10, InboxCase


@tagged("post_install", "-at_install")
class TestCustomerContext(InboxCase):
    """``suite.customer.context.get_context``: every add-on's section for one customer, the
    identification from a number, access checks, and a query count that does not grow with
    the customer's history."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a helpdesk + 3CX agent without Sales rights: still sees the order part
        cls.desk = new_test_user(
            cls.env,
            login="c360-desk",
            name="Dora Desk",
            groups="helpdesk_mgmt.group_helpdesk_user,tcx_click2dial.group_tcx_agent",
        )
        cls.team_web.write({"user_ids": [fields.Command.link(cls.desk.id)]})
        cls.phone_channel = cls.env["helpdesk.ticket.channel"]._inbox_get("phone")

    @classmethod
    def _history(cls, partner, orders=1, tickets=1, calls=1, prefix="H"):
        """Give ``partner`` that many SM orders (two lines, one sent message each), open
        tickets (one logged request each) and missed calls (the latest waiting a callback)."""
        for index in range(orders):
            order = cls._sm_order(
                f"SO26-{prefix}{index:04d}",
                partner,
                "lie",
                status="awaiting_stock",
                promised="2026-12-11",
                lines=[(cls.sofa, False, "2026-12-04"), (cls.table, True, False)],
            )
            message = order.sudo().message_post(
                body=f"Your order {order.name} is delayed", subject=f"Order {order.name}"
            )
            with sm_sync_writes():
                cls.env["sm.order.event"].create(
                    {
                        "order_id": order.id,
                        "event_type": "delay",
                        "key": f"delay:{index}",
                        "new_value": "2026-12-11",
                        "state": "sent",
                        "message_id": message.id,
                        "sent_date": MONDAY_10 + timedelta(minutes=index),
                    }
                )
        Ticket = cls.env["helpdesk.ticket"]
        for index in range(tickets):
            ticket = Ticket.create(
                {
                    "name": f"Where is my order {index}",
                    "description": "Hello",
                    "partner_id": partner.id,
                    "team_id": cls.team_web.id,
                    "channel_id": cls.phone_channel.id,
                }
            )
            cls.env["inbox.request"].sudo().create(
                {
                    "ticket_id": ticket.id,
                    "partner_id": partner.id,
                    "channel_id": cls.phone_channel.id,
                    "outcome": "new",
                    "date": MONDAY_10 + timedelta(minutes=index),
                }
            )
        cls.env["tcx.call"].sudo().create(
            [
                {
                    "direction": "inbound",
                    "status": "missed",
                    "number": partner.phone or partner.mobile,
                    "number_e164": partner.phone_e164 or partner.mobile_e164,
                    "partner_id": partner.id,
                    "start_date": MONDAY_10 + timedelta(minutes=index),
                    "dedup_key": f"{prefix}-{index}",
                    "callback_state": "todo" if index == calls - 1 else "done",
                    "callback_user_id": cls.agent_a.id,
                }
                for index in range(calls)
            ]
        )

    def context_of(self, user=None, **hints):
        return self.env["suite.customer.context"].with_user(user or self.desk).get_context(**hints)

    def test_sections_of_a_customer(self):
        self._history(self.julie, orders=2, tickets=2, calls=3)
        result = self.context_of(partner_id=self.julie.id)
        identity = result["partner"]
        self.assertEqual(identity["id"], self.julie.id)
        self.assertEqual(identity["home_showroom"]["name"], "Liège")
        sections = result["sections"]
        # SM orders (the desk agent has no Sales rights): latest first, lines, restock
        orders = sections["orders"]
        self.assertEqual(orders["open_count"], 3)  # the common order + 2
        latest = orders["items"][0]
        self.assertEqual(latest["sm_status"], "awaiting_stock")
        self.assertEqual(latest["promised_date"], "2026-12-11")
        self.assertEqual(latest["showroom"]["name"], "Liège")
        sofa = next(line for line in latest["lines"] if "Alba" in line["product"])
        self.assertEqual(
            (sofa["available"], sofa["expected_date"], sofa["next_restock_date"]),
            (False, "2026-12-04", "2026-12-04"),
        )
        self.assertEqual(len(sections["messages"]), 2)
        self.assertIn("is delayed", sections["messages"][0]["preview"])
        tickets = sections["tickets"]
        self.assertEqual(tickets["open_count"], 2)
        self.assertEqual(tickets["items"][0]["channel"], self.phone_channel.name)
        self.assertTrue(tickets["items"][0]["stage"])
        self.assertEqual(
            [c["callback_state"] for c in sections["calls"]["callbacks_pending"]], ["todo"]
        )
        self.assertEqual(sections["calls"]["missed_count"], 3)
        self.assertEqual(len(sections["interactions"]), 2)
        self.assertTrue(sections["interactions"][0]["ticket"])
        # nothing of another customer
        marc = self.context_of(partner_id=self.marc.id)["sections"]
        self.assertEqual([o["name"] for o in marc["orders"]["items"]], ["SO26-000456"])
        self.assertFalse(marc["tickets"]["items"] or marc["calls"]["missed"])

    def test_identified_from_a_number_or_unknown(self):
        result = self.context_of(phone="+32 (0)475 12.34.56")
        self.assertEqual(result["partner"]["id"], self.julie.id)
        self.assertEqual(result["query"]["identified_by"], "phone")
        self.assertEqual(result["query"]["phone"], "+32475123456")
        unknown = self.context_of(phone="0470 99 88 77")
        self.assertIsNone(unknown["partner"])
        self.assertEqual(unknown["query"]["phone"], "+32470998877")
        self.assertEqual(unknown["sections"], {})
        self.assertEqual(
            self.context_of(email="Marc.Dubois@client.test")["partner"]["id"], self.marc.id
        )

    def test_access_checked_on_the_server(self):
        other = self.env["res.company"].create({"name": "Other retailer"})
        hidden = self.env["res.partner"].create(
            {"name": "Hidden", "company_id": other.id, "phone": "+32 470 55 66 77"}
        )
        with self.assertRaises(AccessError):
            self.context_of(partner_id=hidden.id)
        # found by the number, but not readable by this user: unknown to them
        self.assertIsNone(self.context_of(phone="+32 470 55 66 77")["partner"])
        portal = new_test_user(self.env, login="c360-portal", groups="base.group_portal")
        with self.assertRaises(AccessError):
            self.context_of(user=portal, partner_id=portal.partner_id.id)

    def test_other_companys_orders_and_messages_not_shown(self):
        """A shared contact (no company) buys in another company too: an agent of this
        company does not see that company's SM orders nor the messages about them."""
        self._history(self.julie, orders=1, tickets=0, calls=0, prefix="OWN")
        other = self.env["res.company"].create({"name": "Other retailer"})
        self.assertFalse(self.julie.company_id, "a contact shared by the companies")
        self.assertNotIn(other, self.desk.company_ids)
        with sm_sync_writes():
            order = (
                self.env["sale.order"]
                .with_company(other)
                .create(
                    {
                        "name": "SO26-OTHERCO",
                        "sm_id": "SO26-OTHERCO",
                        "partner_id": self.julie.id,
                        "company_id": other.id,
                        "sm_status": "confirmed",
                    }
                )
            )
            message = order.sudo().message_post(body="Secret of the other company", subject="X")
            self.env["sm.order.event"].create(
                {
                    "order_id": order.id,
                    "event_type": "delay",
                    "key": "delay:other",
                    "new_value": "2026-12-11",
                    "state": "sent",
                    "message_id": message.id,
                    "sent_date": MONDAY_10 + timedelta(hours=5),
                }
            )
        sections = self.context_of(partner_id=self.julie.id)["sections"]
        names = [item["name"] for item in sections["orders"]["items"]]
        self.assertTrue(names)
        self.assertNotIn("SO26-OTHERCO", names)
        self.assertNotIn(order.id, [m["order"]["id"] for m in sections["messages"]])
        self.assertTrue(sections["messages"])
        mine = self.env["sale.order"].search_count(
            [
                ("partner_id", "child_of", self.julie.id),
                ("sm_id", "!=", False),
                ("company_id", "=", self.env.company.id),
                ("sm_status", "not in", CLOSED),
            ]
        )
        self.assertEqual(sections["orders"]["open_count"], mine)

    def test_plain_employee_gets_no_order_part(self):
        """An employee who is neither a salesperson nor a helpdesk agent (a showroom
        assistant answering the readiness survey) may read contacts, not SM orders: the
        360 gives them the identity only."""
        self._history(self.julie, orders=1, tickets=0, calls=0, prefix="EMP")
        plain = new_test_user(self.env, login="c360-plain", groups="base.group_user")
        self.assertFalse(self.env["sale.order"].with_user(plain).has_access("read"))
        result = self.context_of(user=plain, partner_id=self.julie.id)
        self.assertEqual(result["partner"]["id"], self.julie.id)
        self.assertNotIn("orders", result["sections"])
        self.assertNotIn("messages", result["sections"])
        self.assertNotIn("interactions", result["sections"])
        self.assertNotIn("tickets", result["sections"])
        # the helpdesk agent without Sales rights still gets it
        self.assertTrue(self.context_of(partner_id=self.julie.id)["sections"]["orders"]["items"])

    def test_malformed_hints(self):
        """Odd hints from the client are no server error: unknown, or a clear error."""
        for hints in (
            {"phone": "+" + "9" * 5000},
            {"phone": "\x00\u202e☎️ 0470"},
            {"email": "a@" + "b" * 10000 + ".be"},
            {"email": "\udcff@x.be"},
            {"visitor": "v" * 100000},
            {"partner_id": 10**12},
        ):
            with self.subTest(hints=str(hints)[:40]):
                self.assertIsNone(self.context_of(**hints)["partner"])
        with self.assertRaises(ValidationError):
            self.context_of(partner_id="1; DROP")

    def test_orders_of_another_company_stay_hidden(self):
        """SM contacts serve every company, their orders do not: a user of one company must
        not see (through the 360, hence the Outlook panel or the desk) another's orders."""
        other = self.env["res.company"].create({"name": "SM France"})
        order = self._sm_order("SO26-FR0001", self.julie, "lie", status="awaiting_stock")
        message = order.sudo().message_post(body="Commande FR retardée", subject="FR")
        with sm_sync_writes():
            order.company_id = other
            self.env["sm.order.event"].create(
                {
                    "order_id": order.id,
                    "event_type": "delay",
                    "key": "delay:fr",
                    "new_value": "2026-12-11",
                    "state": "sent",
                    "message_id": message.id,
                    "sent_date": MONDAY_10,
                }
            )
        sections = self.context_of(partner_id=self.julie.id)["sections"]
        self.assertNotIn("SO26-FR0001", [o["name"] for o in sections["orders"]["items"]])
        self.assertNotIn("FR", [m["subject"] for m in sections["messages"]])
        # a user of both companies sees it
        self.desk.company_ids = [fields.Command.link(other.id)]
        sections = self.context_of(partner_id=self.julie.id)["sections"]
        self.assertIn("SO26-FR0001", [o["name"] for o in sections["orders"]["items"]])
        self.assertIn("FR", [m["subject"] for m in sections["messages"]])

    def test_open_logs_usage(self):
        action = self.julie.with_user(self.desk).action_open_customer_360()
        self.assertEqual(action["tag"], "suite_base.customer_360")
        self.assertEqual(action["params"], {"partner_id": self.julie.id})
        event = self.env["suite.usage.event"].search([("user_id", "=", self.desk.id)])
        self.assertEqual((event.kind, event.res_id), ("customer_360", self.julie.id))

    def test_query_count_does_not_grow_with_history(self):
        Partner = self.env["res.partner"]
        heavy = Partner.create({"name": "Heavy Buyer", "phone": "+32 470 10 20 30"})
        light = Partner.create({"name": "Light Buyer", "phone": "+32 470 10 20 31"})
        self._history(heavy, orders=50, tickets=20, calls=100, prefix="HV")
        self._history(light, orders=1, tickets=1, calls=1, prefix="LT")
        service = self.env["suite.customer.context"].with_user(self.desk)

        def queries(partner):
            self.env.flush_all()
            self.env.invalidate_all()
            start = self.cr.sql_log_count
            result = service.get_context(partner_id=partner.id)
            return self.cr.sql_log_count - start, result

        queries(light)  # warm the ormcaches (groups, record rules of each model read)
        heavy_count, heavy_result = queries(heavy)
        light_count, light_result = queries(light)
        self.assertEqual(len(heavy_result["sections"]["orders"]["items"]), 5)
        self.assertEqual(heavy_result["sections"]["orders"]["open_count"], 50)
        self.assertEqual(heavy_result["sections"]["calls"]["missed_count"], 100)
        self.assertEqual(heavy_result["sections"]["tickets"]["open_count"], 20)
        self.assertEqual(len(light_result["sections"]["orders"]["items"]), 1)
        self.assertEqual(heavy_count, light_count)
