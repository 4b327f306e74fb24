# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import AGENT_EXT, TcxCase


@tagged("post_install", "-at_install")
class TestRingPopup(TcxCase):
    """``tcx.ring._tcx_ring_received``: the agent of the ringing extension gets the caller's
    360 on the bus, once per ringing, built with the agent's rights; unknown callers too."""

    def ringing(self, number, dn=AGENT_EXT):
        return self.sim.ring(dn, number)

    def received(self, participant, dn=AGENT_EXT):
        ring = self.env["tcx.ring"].sudo()._tcx_ring_received(self.pbx, dn, participant)
        self.env.cr.precommit.run()  # writes the bus.bus rows, as a commit would
        return ring

    def popups(self):
        rows = self.env["bus.bus"].sudo().search([], order="id")
        messages = [json.loads(row.message) for row in rows]
        return [m["payload"] for m in messages if m["type"] == "tcx_click2dial/ringing"]

    def test_known_caller_once_per_ringing(self):
        participant = self.ringing("+32 476 98 76 54")
        ring = self.received(participant)
        self.assertEqual(
            (ring.user_id, ring.partner_id, ring.delivered), (self.agent, self.julie, True)
        )
        popups = self.popups()
        self.assertEqual(len(popups), 1)
        self.assertEqual(popups[0]["context"]["partner"]["id"], self.julie.id)
        self.assertEqual(popups[0]["extension"], AGENT_EXT)
        # 3CX repeats the Upsert, or a second listener sees it: no second pop-up
        self.assertFalse(self.received(participant))
        self.assertFalse(self.received(dict(participant)))
        self.assertEqual(len(self.popups()), 1)
        # the same caller ringing again later is a new ringing
        self.assertTrue(self.received(self.ringing("+32 476 98 76 54")))
        self.assertEqual(len(self.popups()), 2)

    def test_unknown_caller_and_nobody_behind_the_extension(self):
        ring = self.received(self.ringing("+32 470 12 12 12"))
        self.assertTrue(ring.delivered)
        self.assertFalse(ring.partner_id)
        popup = self.popups()[-1]
        self.assertIsNone(popup["context"]["partner"])
        self.assertEqual(popup["context"]["query"]["phone"], "+32470121212")
        self.agent.tcx_extension = False
        ring = self.received(self.ringing("+32 470 12 12 13"))
        self.assertFalse(ring.delivered or ring.user_id)
        self.assertEqual(len(self.popups()), 1)

    def test_only_from_the_listener(self):
        participant = self.ringing("+32 476 98 76 54")
        # a user calling the model over RPC is not the listener (no superuser mode)
        self.assertFalse(
            self.env["tcx.ring"]
            .with_user(self.agent)
            ._tcx_ring_received(self.pbx, AGENT_EXT, participant)
        )
        self.assertFalse(self.env["tcx.ring"].sudo().search([]))

    def test_link_unknown_number_to_a_contact(self):
        wizard = (
            self.env["tcx.link.number.wizard"]
            .with_user(self.agent)
            .create({"number": "+32 470 12 12 14", "partner_id": self.camille.id})
        )
        wizard._onchange_number()
        self.assertEqual(wizard.target, "mobile")
        with self.assertRaises(AccessError):  # with the agent's own rights: no contact edits
            wizard.action_link()
        self.agent.group_ids += self.env.ref("base.group_partner_manager")
        action = wizard.action_link()
        self.assertEqual(action["params"]["partner_id"], self.camille.id)
        self.assertEqual(self.camille.mobile, "+32 470 12 12 14")
        found = (
            self.env["suite.customer.context"]
            .with_user(self.agent)
            .get_context(phone="0470 12 12 14")
        )
        self.assertEqual(found["partner"]["id"], self.camille.id)
