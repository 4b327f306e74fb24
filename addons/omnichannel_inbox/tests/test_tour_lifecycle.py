# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import InboxHttpCase


@tagged("post_install", "-at_install")
class TestSplitTour(InboxHttpCase):
    """Headless Chromium: an agent splits a ticket the inbox joined wrongly
    (static/tests/tours/inbox_split_tour.js)."""

    def test_agent_splits_a_ticket(self):
        ticket = self.email("Ma table est abîmée", body="Le plateau est rayé.")
        ticket.user_id = self.agent_a
        joined = self.email("Livraison du canapé", body="Quand arrive mon canapé ?")
        self.assertEqual(joined, ticket, "the dedup joined Julie's second request")
        self.start_tour(
            "/odoo/helpdesk-inbox",
            "omnichannel_inbox_split_tour",
            login="inbox-agent-a",
        )
        new = ticket.inbox_derived_ticket_ids
        self.assertEqual(len(new), 1)
        self.assertEqual(new.inbox_origin_kind, "split")
        moved = new.message_ids.filtered(lambda m: "canapé ?" in (m.body or ""))
        self.assertEqual(moved.message_type, "email")
        self.assertFalse(ticket.message_ids.filtered(lambda m: "canapé ?" in (m.body or "")))
