# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
import logging
import threading
import time

from odoo import fields
from odoo.addons.tcx_click2dial.adapters.call_control import TOKENS
from odoo.addons.tcx_click2dial.models.tcx_ring import listen_for_ringing
from odoo.tests import HttpCase, new_test_user, tagged
from simulators.threecx import ThreeCXSimulator

from .common import InboxMixin

AGENT_EXT = "201"
_logger = logging.getLogger(__name__)


@tagged("post_install", "-at_install")
class TestRingPopupTour(InboxMixin, HttpCase):
    """Headless Chromium, real 3CX simulator, the real listener: the simulator rings the
    agent's extension and the agent's Odoo tab shows the caller's 360 before answering."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_inbox()
        cls.desk = new_test_user(
            cls.env,
            login="ring-desk",
            password="ring-desk",
            name="Rita Ring",
            # creates contacts (the unknown caller's *Create contact*), no Sales rights
            groups="helpdesk_mgmt.group_helpdesk_user,tcx_click2dial.group_tcx_agent,"
            "base.group_partner_manager",
        )
        cls.desk.tcx_extension = AGENT_EXT
        cls.team_web.write({"user_ids": [fields.Command.link(cls.desk.id)]})
        cls.env["tcx.pbx"].search([]).action_archive()
        cls.pbx = cls.env["tcx.pbx"].create(
            {
                "name": "3CX ring test",
                "base_url": "http://127.0.0.1:9",
                "client_id": "odoo-ring",
                "client_secret": "ring-secret",
                "dial_mode": "api",
                "ring_popup": True,
            }
        )
        cls.env["helpdesk.ticket"].create(
            {
                "name": "Where is my sofa?",
                "description": "Hello",
                "partner_id": cls.julie.id,
                "team_id": cls.team_web.id,
            }
        )

    def setUp(self):
        super().setUp()
        TOKENS.clear()
        self.addCleanup(TOKENS.clear)
        self.sim = ThreeCXSimulator("odoo-ring", "ring-secret", extensions=[AGENT_EXT])
        self.pbx.base_url = self.sim.start()
        self.addCleanup(self.sim.stop)

    def run_tour(self, tour):
        """The listener runs in a thread (as in the tcx_ring_listener worker) during the tour."""
        stop = threading.Event()
        stats = {}

        def listen():
            try:
                stats.update(
                    listen_for_ringing(self.registry, self.pbx.id, time.monotonic() + 90, stop)
                )
            except Exception:
                _logger.exception("ring listener of the test")

        self.env.flush_all()  # the listener reads the PBX (the simulator's URL) from the database
        listener = threading.Thread(target=listen, daemon=True)
        listener.start()
        login = self.authenticate

        def authenticate_once_listening(*args, **kwargs):
            # the listener's start reads the database on the test's cursor, which it may use
            # only once the browser test allows requests: let it finish (its WebSocket open)
            # before the login uses that same cursor from this thread
            deadline = time.monotonic() + 60
            while not self.sim.state.subscribers and time.monotonic() < deadline:
                time.sleep(0.1)
            return login(*args, **kwargs)

        self.authenticate = authenticate_once_listening
        self.addCleanup(vars(self).pop, "authenticate", None)
        try:
            code = (
                f"window.tcxSimUrl = {json.dumps(self.sim.base_url)};"
                f"odoo.startTour({json.dumps(tour)}, {{stepDelay: 0, startUrl: '/odoo'}})"
            )
            self.start_tour("/odoo", tour, login="ring-desk", code=code)
        finally:
            stop.set()
            listener.join(10)
        return stats

    def test_known_then_unknown_caller(self):
        stats = self.run_tour("omnichannel_ring_popup")
        self.assertEqual(stats["ringing"], 2)
        known, unknown = self.env["tcx.ring"].search([("pbx_id", "=", self.pbx.id)], order="id")
        self.assertEqual(
            (known.user_id, known.partner_id, known.delivered), (self.desk, self.julie, True)
        )
        self.assertEqual((unknown.number, unknown.partner_id.id), ("+32470998877", False))
        self.assertTrue(unknown.delivered)
        opened = self.env["suite.usage.event"].search([("user_id", "=", self.desk.id)])
        self.assertEqual((opened.kind, opened.res_id), ("customer_360", self.julie.id))
