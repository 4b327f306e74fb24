# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import AGENT2_EXT, AGENT_EXT, CLIENT_SECRET, TcxCase


@tagged("post_install", "-at_install")
class TestAccessRights(TcxCase):
    """Agents see their calls, managers all calls; PBX secrets are for administrators only."""

    def setUp(self):
        super().setUp()
        report = self.report
        _o, self.call_a = report(
            CallType="Inbound",
            Number="+32476987654",
            Agent=AGENT_EXT,
            CallStartTimeUTC="2026-11-20T09:00:00Z",
        )
        _o, self.call_b = report(
            CallType="Inbound",
            Number="+33687654321",
            Agent=AGENT2_EXT,
            CallStartTimeUTC="2026-11-20T09:05:00Z",
        )
        _o, self.missed = report(
            CallType="Missed",
            Number="+3281223344",
            QueueExtension="880",
            CallStartTimeUTC="2026-11-20T09:10:00Z",
        )

    def test_agent_cannot_read_the_pbx_nor_its_secret(self):
        pbx = self.pbx.with_user(self.agent)
        with self.assertRaises(AccessError):
            pbx.read(["client_secret"])
        with self.assertRaises(AccessError):
            pbx.read(["name"])

    def test_manager_reads_the_pbx_but_not_the_secrets(self):
        pbx = self.pbx.with_user(self.manager)
        self.assertEqual(pbx.read(["name"])[0]["name"], "3CX under test")
        for secret in ("client_secret", "client_id", "api_key"):
            with self.subTest(secret=secret), self.assertRaises(AccessError):
                pbx.read([secret])
        self.assertNotIn("client_secret", pbx.fields_get())
        with self.assertRaises(AccessError):
            pbx.write({"base_url": "http://evil.example.com"})

    def test_admin_configures_the_pbx(self):
        pbx = self.pbx.with_user(self.admin)
        self.assertEqual(pbx.client_secret, CLIENT_SECRET)
        pbx.action_generate_api_key()
        self.assertNotEqual(pbx.api_key, "test-tcx-api-key-0123456789")

    def test_agent_sees_own_calls_and_callbacks_only(self):
        Call = self.env["tcx.call"].with_user(self.agent)
        self.assertEqual(Call.search([]), self.call_a)
        with self.assertRaises(AccessError):
            self.call_b.with_user(self.agent).read(["number"])
        # the queue's callback agent sees the missed queue call assigned to them
        self.assertEqual(
            self.env["tcx.call"].with_user(self.agent2).search([]), self.call_b | self.missed
        )

    def test_manager_sees_every_call(self):
        calls = self.env["tcx.call"].with_user(self.manager).search([])
        self.assertLessEqual(self.call_a | self.call_b | self.missed, calls)

    def test_agents_cannot_delete_the_journal(self):
        with self.assertRaises(AccessError):
            self.call_a.with_user(self.agent).unlink()
        with self.assertRaises(AccessError):
            self.call_a.with_user(self.manager).unlink()
        self.call_a.with_user(self.admin).unlink()

    def test_agent_cannot_forge_a_call_for_a_colleague(self):
        with self.assertRaises(AccessError):
            self.env["tcx.call"].with_user(self.agent).create(
                {
                    "direction": "outbound",
                    "status": "answered",
                    "number": "+3281223344",
                    "user_id": self.agent2.id,
                }
            )

    def test_agent_queue_read_only(self):
        self.assertEqual(self.queue.with_user(self.agent).name, "WEB")
        with self.assertRaises(AccessError):
            self.queue.with_user(self.agent).write({"user_id": self.agent.id})

    def test_extension_on_user_preferences(self):
        self.assertEqual(
            self.agent.with_user(self.agent).read(["tcx_extension"])[0]["tcx_extension"], AGENT_EXT
        )
