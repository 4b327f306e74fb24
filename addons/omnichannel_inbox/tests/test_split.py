# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import InboxCase


@tagged("post_install", "-at_install")
class TestSplit(InboxCase):
    """*Split from this message*: undo a wrong join."""

    def joined_ticket(self):
        ticket = self.email("Ma table est abîmée", body="Le plateau est rayé.")
        ticket.user_id = self.agent_a
        # Julie writes about something else: the dedup joined it to her open ticket
        joined = self.email("Livraison du canapé", body="Quand arrive mon canapé ?")
        self.assertEqual(joined, ticket)
        photo = ticket.message_post(
            body="Et voici une photo du canapé de ma voisine, pour la couleur",
            author_id=self.julie.id,
            message_type="email",
            subtype_xmlid="mail.mt_comment",
            attachments=[("canape.jpg", b"\xff\xd8\xff fake jpeg")],
        )
        second = ticket.message_ids.filtered(
            lambda m: m.message_type == "email" and "canapé ?" in (m.body or "")
        )
        self.assertEqual(len(second), 1)
        return ticket, second, photo

    def test_split_moves_the_message_the_later_ones_and_their_attachments(self):
        ticket, second, photo = self.joined_ticket()
        first = ticket.message_ids.filtered(
            lambda m: m.message_type == "email" and "rayé" in (m.body or "")
        )
        attachment = photo.attachment_ids
        self.assertEqual(attachment.res_id, ticket.id)

        wizard = Form(
            self.env["inbox.split.wizard"]
            .with_user(self.agent_a)
            .with_context(default_ticket_id=ticket.id)
        ).save()
        # the dialog lists the ticket's messages; the agent splits from the second one
        self.assertEqual(wizard.line_ids.message_id, first | second | photo)
        line = wizard.line_ids.filtered(lambda line: line.message_id == second)
        self.assertIn("Livraison du canapé", line.preview)
        action = line.action_split_here()
        new = self.env["helpdesk.ticket"].browse(action["res_id"])

        self.assertNotEqual(new, ticket)
        self.assertEqual(second.res_id, new.id)
        self.assertEqual(photo.res_id, new.id)
        self.assertEqual(attachment.res_id, new.id, "attachments follow their messages")
        self.assertEqual(first.res_id, ticket.id, "earlier messages stay")
        self.assertEqual(new.inbox_origin_ticket_id, ticket)
        self.assertEqual(new.inbox_origin_kind, "split")
        self.assertEqual(ticket.inbox_derived_ticket_ids, new)
        self.assertEqual(new.partner_id, self.julie)
        self.assertEqual(new.team_id, ticket.team_id)
        self.assertEqual(new.user_id, self.agent_a)
        self.assertTrue(new.inbox_open)
        self.assertEqual(new.name, "Livraison du canapé")
        self.assertTrue(
            ticket.message_ids.filtered(
                lambda m: "Split" in (m.body or "") and new.number in m.body
            )
        )
        self.assertTrue(
            new.message_ids.filtered(
                lambda m: "Split from" in (m.body or "") and ticket.number in m.body
            )
        )
        self.assertEqual(new.inbox_sla_policy_id.channel_id, new.channel_id)

    def test_a_message_of_another_ticket_is_refused(self):
        ticket, _second, _photo = self.joined_ticket()
        other = self.email("Autre", body="x", sender="marc.dubois@client.test", sender_name="Marc")
        foreign = other.message_ids.filtered(lambda m: m.message_type == "email")
        with self.assertRaises(UserError):
            ticket.with_user(self.agent_a)._inbox_split_from(foreign)
        wizard = self.env["inbox.split.wizard"].create(
            {"ticket_id": ticket.id, "message_id": foreign.id}
        )
        with self.assertRaises(UserError):
            wizard.with_user(self.agent_a).action_split()
        self.assertEqual(foreign.res_id, other.id)

    def test_the_first_message_cannot_be_split_off_alone(self):
        ticket = self.email("Seul message", body="")
        ticket.sudo().description = "<p></p>"
        first = ticket.message_ids.filtered(lambda m: m.message_type == "email")
        with self.assertRaises(UserError):
            ticket._inbox_split_from(first)

    def test_a_portal_user_cannot_split(self):
        ticket, second, _photo = self.joined_ticket()
        portal = self.env["res.users"].create(
            {
                "name": "Julie portal",
                "login": "julie-portal-split",
                "partner_id": self.julie.id,
                "group_ids": [(6, 0, [self.env.ref("base.group_portal").id])],
            }
        )
        with self.assertRaises(AccessError):
            ticket.with_user(portal)._inbox_split_from(second)
