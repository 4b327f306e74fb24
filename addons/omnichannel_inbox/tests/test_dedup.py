# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
from datetime import timedelta

from odoo import fields
from odoo.tests import Form, tagged
from odoo.tools import SQL

from .common import InboxCase


@tagged("post_install", "-at_install")
class TestNoDuplicates(InboxCase):
    """One customer writing on every channel at once gets one ticket; agents merge the rest."""

    def test_same_customer_on_three_channels_within_the_window(self):
        first = self.email("Où est ma commande ?", body="SO26-000123")
        # the same minute, she calls (number typed another way) and writes again from her phone
        info = {"id": 0, "company_id": self.env.company.id, "region": "BE", "odoo_url": ""}
        start = fields.Datetime.now().strftime("%Y-%m-%dT%H:%M:%SZ")
        _o, call = (
            self.env["tcx.call"]
            .sudo()
            ._tcx_log_report(
                {"CallType": "Missed", "Number": "+32 475 12.34.56", "CallStartTimeUTC": start},
                info,
            )
        )
        second = self.email("Urgent !!", body="Personne ne répond", msg_id="urgent-2@client.test")
        self.env.invalidate_all()
        self.assertEqual(call.inbox_ticket_id, first)
        self.assertEqual(second, first)
        self.assertEqual(first.inbox_request_count, 3)
        self.assertEqual(first.inbox_dedup_count, 2)
        notes = first.message_ids.filtered(lambda m: "added to this ticket" in (m.body or ""))
        self.assertEqual(
            notes.inbox_channel_id, self.channel("phone") | self.channel("email"),
            "the thread says so, with each request's channel",
        )  # fmt: skip
        self.assertEqual(
            self.env["inbox.request"].search([("ticket_id", "=", first.id)]).mapped("outcome"),
            ["deduplicated", "deduplicated", "new"],
        )

    def test_outside_the_window_a_new_ticket_opens(self):
        first = self.email("Question 1")
        first.inbox_last_request_date = fields.Datetime.now() - timedelta(hours=73)
        second = self.email("Question 2", msg_id="q2@client.test")
        self.assertNotEqual(second, first)
        self.env["ir.config_parameter"].set_param("omnichannel_inbox.dedup_window_hours", "100")
        third = self.email("Question 3", msg_id="q3@client.test")
        self.assertEqual(third, second, "the most recent open ticket within the window")

    def test_window_zero_switches_dedup_off(self):
        self.env["ir.config_parameter"].set_param("omnichannel_inbox.dedup_window_hours", "0")
        first = self.email("Question 1")
        second = self.email("Question 2", msg_id="q2@client.test")
        self.assertNotEqual(second, first)

    def test_closed_ticket_is_not_joined(self):
        first = self.email("Question 1")
        first.stage_id = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        self.assertFalse(first.inbox_open)
        second = self.email("Question 2", msg_id="q2@client.test")
        self.assertNotEqual(second, first)

    def test_unknown_sender_same_address_joins_and_lookalike_is_flagged(self):
        first = self.email("Livraison", sender="visitor@example.net", sender_name="Sam Visitor")
        second = self.email("Encore moi", sender="Visitor@Example.net", sender_name="Sam",
                            msg_id="again@example.net")  # fmt: skip
        self.assertEqual(second, first, "same address: same sender")
        # Julie writes from another address: not identified, but she has an open ticket
        known = self.email("Ma commande", body="SO26-000123")
        lookalike = self.email("Question", sender="jlambert@other.test", sender_name="Lambert Julie",
                               msg_id="look@other.test")  # fmt: skip
        self.assertNotEqual(lookalike, known)
        self.assertFalse(lookalike.partner_id)
        self.assertTrue(lookalike.inbox_possible_duplicate)
        self.assertIn(known, lookalike.inbox_duplicate_candidate_ids)
        flagged = self.env["helpdesk.ticket"].search(
            [("inbox_possible_duplicate", "=", True), ("inbox_open", "=", True)]
        )
        self.assertIn(lookalike, flagged, "the Possible duplicates filter finds it")
        self.assertNotIn(known, flagged)

    def test_duplicate_candidates_are_the_latest_of_every_clue(self):
        """Same customer, same name or same order: the latest ``limit`` of all the clues
        together, newest first (one indexed search per clue, issue 17)."""
        now = fields.Datetime.now()

        def ticket(name, days_ago, **values):
            return self.env["helpdesk.ticket"].create(
                {
                    "name": name,
                    "description": name,
                    **values,
                    "inbox_last_request_date": now - timedelta(days=days_ago),
                }
            )

        customer = self.env["res.partner"].create({"name": "Zoé Testdup"})
        order = self._sm_order("SO26-777001", customer, "lie")
        orders = [(6, 0, order.ids)]
        subject = ticket("Subject", 0, partner_id=customer.id, inbox_name_key="zoe testdup",
                         inbox_order_ids=orders)  # fmt: skip
        customer_old = ticket("Old", 9, partner_id=customer.id, inbox_name_key="k1")
        customer_new = ticket("New", 1, partner_id=customer.id, inbox_name_key="k2")
        same_name = ticket("Name", 2, inbox_name_key="zoe testdup")
        same_order = ticket("Order", 3, inbox_name_key="k3", inbox_order_ids=orders)
        ticket("Someone else", 0, partner_id=self.marc.id, inbox_name_key="marc dubois")
        closed = ticket("Closed", 0, partner_id=customer.id, inbox_name_key="k4")
        closed.stage_id = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")

        self.assertEqual(
            list(subject._inbox_duplicate_candidates(limit=3)),
            [customer_new, same_name, same_order],
        )
        self.assertEqual(
            subject._inbox_duplicate_candidates(),
            customer_new | same_name | same_order | customer_old,
        )
        self.assertEqual(
            list(same_name._inbox_duplicate_candidates(limit=1)), [subject], "one clue: the name"
        )

    def test_open_ticket_lookups_use_their_partial_indexes(self):
        """The ORM writes ('inbox_open', '=', True) as `inbox_open IS TRUE`: the partial
        indexes of the open tickets must say the same, or PostgreSQL never uses them and
        reads every ticket (issue 17). Sequential scans off: only the index can avoid one."""
        Ticket = self.env["helpdesk.ticket"]
        self.env.cr.execute("SET LOCAL enable_seqscan = off")
        for index, clue in (
            ("helpdesk_ticket_inbox_open_name_idx", ("inbox_name_key", "=", "julie lambert")),
            ("helpdesk_ticket_inbox_open_sender_idx", ("inbox_sender_key", "=", "a@b.test")),
        ):
            with self.subTest(index=index):
                query = Ticket._search([("inbox_open", "=", True), clue])
                self.env.cr.execute(SQL("EXPLAIN %s", query.select()))
                plan = "\n".join(row[0] for row in self.env.cr.fetchall())
                self.assertIn(index, plan)

    def test_same_order_from_an_unknown_sender_is_flagged(self):
        known = self.email("Ma commande", body="SO26-000123")
        other = self.email("Commande SO26-000123", sender="pierre@other.test", sender_name="Pierre",
                           msg_id="p@other.test")  # fmt: skip
        self.assertNotEqual(other, known)
        self.assertTrue(other.inbox_possible_duplicate)

    def test_merge_keeps_every_message_and_attachment(self):
        kept = self.email("Ma commande", body="SO26-000123")
        other = self.email("Question", sender="jlambert@other.test", sender_name="Lambert Julie",
                           msg_id="look@other.test")  # fmt: skip
        other.message_post(
            body="Photo du carton",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
            attachments=[("carton.jpg", b"\xff\xd8\xff fake jpeg")],
        )
        self.env["ir.attachment"].create(
            {"name": "facture.pdf", "datas": base64.b64encode(b"%PDF-1.4"), "res_model": "helpdesk.ticket",
             "res_id": other.id}
        )  # fmt: skip
        other.activity_schedule("mail.mail_activity_data_todo", summary="Rappeler")
        messages = (kept | other).message_ids
        attachments = self.env["ir.attachment"].search(
            [("res_model", "=", "helpdesk.ticket"), ("res_id", "in", (kept | other).ids)]
        )
        self.assertEqual(len(attachments), 2)
        suggested = other.with_user(self.agent_a).action_inbox_merge()
        self.assertIn(kept.id, suggested["context"]["default_ticket_ids"], "offered from the form")
        # the agent selects both tickets in the list and merges them
        action = (kept | other).with_user(self.agent_a).action_inbox_merge()
        self.assertEqual(action["context"]["default_target_id"], kept.id, "the oldest is kept")
        wizard_form = Form(
            self.env["inbox.merge.wizard"].with_user(self.agent_a).with_context(**action["context"])
        )
        wizard_form.target_id = kept
        wizard_form.save().action_merge()
        self.env.invalidate_all()
        self.assertTrue(messages <= kept.message_ids, "every message moved to the kept ticket")
        self.assertEqual(
            self.env["ir.attachment"].search(
                [("res_model", "=", "helpdesk.ticket"), ("res_id", "=", kept.id)]
            ),
            attachments,
        )
        self.assertEqual(kept.activity_ids.summary, "Rappeler")
        self.assertEqual(other.duplicate_id, kept)
        self.assertFalse(other.inbox_open, "the duplicate is closed")
        self.assertFalse(other.inbox_possible_duplicate)
        self.assertEqual(kept.inbox_request_count, 2)
        self.assertIn("Merged", other.message_ids[:1].body)
        self.assertEqual(
            self.env["inbox.request"]
            .search([("ticket_id", "=", kept.id), ("outcome", "=", "merged")])
            .ticket_id,
            kept,
        )

    def test_unknown_sender_linked_or_created(self):
        ticket = self.email("Bonjour", sender="new.one@example.net", sender_name="Nina New")
        self.assertFalse(ticket.partner_id)
        wizard = (
            self.env["inbox.link.partner.wizard"]
            .with_user(self.agent_a)
            .create({"ticket_id": ticket.id, "mode": "create"})
        )
        self.assertEqual((wizard.name, wizard.email), ("Nina New", "new.one@example.net"))
        wizard.phone = "0476 55 66 77"
        wizard.action_apply()
        partner = ticket.partner_id
        self.assertEqual(partner.email, "new.one@example.net")
        self.assertEqual(partner.mobile, "+32476556677")
        incoming = ticket.message_ids.filtered(lambda m: m.message_type == "email")
        self.assertEqual(incoming.author_id, partner, "her messages are hers now")
        # another ticket of someone typing Julie's address differently: link to the existing one
        other = self.email("Hello", sender="julie@perso.test", sender_name="Julie Lambert",
                           msg_id="jp@perso.test")  # fmt: skip
        link = self.env["inbox.link.partner.wizard"].create({"ticket_id": other.id})
        self.assertIn(self.julie, link.suggestion_ids, "suggested by name")
        link.partner_id = self.julie
        link.action_apply()
        self.assertEqual(other.partner_id, self.julie)
