# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import InboxHttpCase

# a 1x1 PNG: what a phone sends is bigger, the path is the same
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


@tagged("post_install", "-at_install")
class TestAfterSales(InboxHttpCase):
    """After-sales tickets: the pictures a visitor sends in an iAdvize chat are fetched and
    attached; the order line, the problem and a summary for SM's after-sales file."""

    def setUp(self):
        super().setUp()
        self.start_iadvize()

    def test_chat_pictures_attached_and_after_sales_summary(self):
        cid = self.chat(
            [
                (
                    "visitor",
                    "Bonjour, le pied du canapé SO26-000123 est cassé",
                    "",
                    [
                        ("pied-casse.png", "image/png", PNG),
                        ("facture.pdf", "application/pdf", b"%PDF-1.4 not a picture"),
                    ],
                ),
                ("operator", "Pouvez-vous envoyer une autre photo ?"),
                ("visitor", "Voilà", "", [("dessous.jpg", "image/png", PNG)]),
            ],
            visitor={"firstName": "Julie", "phoneNumber": "+32475123456"},
        )
        self.assertEqual(self.webhook(cid).status, 202)
        self.assertEqual(self.process_events(), 1)
        ticket = self.env["helpdesk.ticket"].search([("inbox_external_ref", "=", cid)])
        self.assertEqual(ticket.partner_id, self.julie)
        pictures = self.env["ir.attachment"].search(
            [("res_model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id)]
        )
        self.assertEqual(sorted(pictures.mapped("name")), ["dessous.jpg", "pied-casse.png"],
                         "the pictures only, not the PDF")  # fmt: skip
        self.assertEqual(pictures[0].raw, PNG)
        self.assertTrue(all(m.startswith("image/") for m in pictures.mapped("mimetype")))
        # the after-sales type
        ticket.category_id = self.env.ref("omnichannel_inbox.category_after_sales")
        line = self.order.order_line.filtered(lambda ln: not ln.display_type)[:1]
        ticket.write({"inbox_sav_line_id": line.id, "inbox_sav_problem": "damaged"})
        self.assertEqual(ticket.inbox_sav_photo_ids, pictures)
        summary = ticket.inbox_sav_summary
        self.assertIn(self.order.sm_id, summary)
        self.assertIn("Damaged on delivery", summary)
        self.assertIn("pied-casse.png", summary)
        self.assertIn(line.product_id.name, summary)
        self.assertIn("Photos: 2", summary)

    def test_picture_on_another_host_is_never_fetched(self):
        cid = self.chat([("visitor", "Photo", "", [("a.png", "image/png", PNG)])])
        conversation = self.sim.store.get(cid)
        # a crafted answer pointing somewhere else: the token must not leave for it
        self.sim.store.files_url = "http://127.0.0.2:9"
        self.webhook(cid)
        self.assertEqual(self.process_events(), 1)
        ticket = self.env["helpdesk.ticket"].search([("inbox_external_ref", "=", conversation.id)])
        self.assertFalse(
            self.env["ir.attachment"].search(
                [("res_model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id)]
            )
        )
        self.assertTrue(
            ticket.message_ids.filtered(lambda m: "could not be fetched" in (m.body or ""))
        )

    def test_only_real_pictures_under_a_picture_name(self):
        """The visitor names the file and iAdvize repeats the type they declared: HTML sent
        as a PNG is not attached, a PNG named ``.html`` gets a picture extension (an
        attachment named ``.html`` is served as a web page)."""
        cid = self.chat(
            [
                (
                    "visitor",
                    "Photos",
                    "",
                    [
                        ("page.html", "image/png", b"<html><script>alert(1)</script></html>"),
                        ("photo.html", "image/png", PNG),
                    ],
                )
            ]
        )
        self.webhook(cid)
        self.assertEqual(self.process_events(), 1)
        ticket = self.env["helpdesk.ticket"].search([("inbox_external_ref", "=", cid)])
        attachments = self.env["ir.attachment"].search(
            [("res_model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id)]
        )
        self.assertEqual(attachments.mapped("name"), ["photo.html.png"])
        self.assertEqual(attachments.mimetype, "image/png")
        self.assertTrue(
            ticket.message_ids.filtered(lambda m: "1 picture(s) of the chat" in (m.body or ""))
        )

    def test_order_line_must_be_of_the_tickets_orders(self):
        ticket = self.env["helpdesk.ticket"].create(
            {"name": "SAV", "description": "x", "partner_id": self.julie.id}
        )
        line = self.order.order_line[:1]
        with self.assertRaises(ValidationError):
            ticket.inbox_sav_line_id = line
