# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from odoo import fields
from odoo.tests import tagged

from ..helpers.request import IntakeRequest
from .common import InboxCase


@tagged("post_install", "-at_install")
class TestIntake(InboxCase):
    """The one entry point: a new channel is an adapter building an IntakeRequest; the intake
    identifies, links orders, routes, assigns, starts the SLA and posts the note with its
    attachments and the channel's badge."""

    def intake(self, **values):
        req = IntakeRequest(
            channel="web", company_id=self.env.company.id, received=fields.Datetime.now(), **values
        )
        return self.env["inbox.router"]._intake(req)

    def test_a_new_channel_is_an_adapter(self):
        ticket, outcome = self.intake(
            subject="Web form: missing screws",
            text="The screws of the table are missing.",
            email="julie.lambert@client.test",
            order_refs=["SO26-000123"],
            external_id="webform:42",
            description="<p>Form sent from /contact</p>",
            note="<p>The screws of the table are missing.</p>",
            note_from="julie.lambert@client.test",
            attachments=[("photo.txt", b"a photo")],
        )
        self.assertEqual(outcome, "new")
        self.assertEqual(ticket.partner_id, self.julie)
        self.assertEqual(ticket.channel_id, self.channel("web"))
        self.assertEqual(ticket.inbox_order_id, self.order, "the order the channel gave")
        self.assertEqual(ticket.inbox_external_ref, "webform:42")
        note = ticket.message_ids.filtered(lambda m: m.inbox_channel_id == self.channel("web"))
        self.assertEqual(len(note), 1)
        self.assertEqual(note.attachment_ids.mapped("name"), ["photo.txt"])
        self.assertEqual(base64.b64decode(note.attachment_ids.datas), b"a photo")
        log = self.requests_of(ticket)
        self.assertEqual((log.outcome, log.channel_id), ("new", self.channel("web")))

    def test_external_channel_wins_over_the_generic_one(self):
        whatsapp = self.env.ref("omnichannel_inbox.channel_whatsapp")
        ticket, _outcome = self.intake(
            subject="WhatsApp", email="someone@else.test", external_channel="iadvize:WHATSAPP",
            note="<p>hello</p>",
        )  # fmt: skip
        self.assertEqual(ticket.channel_id, whatsapp)
        ticket, _outcome = self.intake(
            subject="Unknown", email="other@else.test", external_channel="iadvize:PIGEON"
        )
        self.assertEqual(ticket.channel_id, self.channel("web"), "unmapped: the generic channel")
