# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from . import test_phone
from .common import InboxCase


@tagged("post_install", "-at_install")
class TestCallTicketLink(InboxCase):
    """The call ↔ ticket link is the journal's: an agent cannot point a call at any ticket
    (the callback task and the ticket's owner follow that link)."""

    report = test_phone.TestPhoneChannel.report  # the 3CX journal path, as 3CX reports a call

    def test_agents_cannot_relink_a_call_to_another_ticket(self):
        call = self.report("Missed", "32475123456")
        other = self.report("Missed", "+32 471 99 88 77").inbox_ticket_id
        agent = new_test_user(
            self.env,
            login="tcx-helpdesk-agent",
            groups="tcx_click2dial.group_tcx_agent,helpdesk_mgmt.group_helpdesk_user",
        )
        with self.assertRaises(AccessError):
            call.with_user(agent).write({"inbox_ticket_id": other.id})
        with self.assertRaises(AccessError):
            call.with_user(agent).write({"inbox_ticket_id": False})
        self.assertNotEqual(call.inbox_ticket_id, other)
