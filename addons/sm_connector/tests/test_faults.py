# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import odoo
from odoo.tests import tagged

from ..models.sm_importer import LOCK_NAMESPACE
from .common import SmCase


@tagged("post_install", "-at_install")
class TestFaults(SmCase):
    """SM failing mid-run: the run fails cleanly, what was committed stays, the next run resumes."""

    def _assert_fails_then_resumes(self, mode, **options):
        self.sync()
        total = len(self.live_ids("contacts"))
        # every contact changes in SM (cities renamed), then SM fails after the first page
        for sm_id in sorted(self.live_ids("contacts")):
            self.store.set_field("contacts", sm_id, "city", "Spa")
        watermark = self.backend.contacts_watermark
        self.sim.faults.add(mode, "/api/v1/contacts", count=1, after=1, **options)
        run = self.sync()
        self.assertEqual(run.state, "failed")
        self.assertTrue(run.message)
        spa = self.partners(city="Spa")
        # the first page (25) is committed, plus records of failed earlier imports retried first
        self.assertGreaterEqual(len(spa), 25)
        self.assertLess(len(spa), total)
        # the watermark stopped at the last committed record
        self.assertGreater(self.backend.contacts_watermark, watermark)
        self.assertEqual(
            self.backend.contacts_watermark,
            max(self.binding("contacts", sm_id).sm_updated_at for sm_id in spa.mapped("sm_id")),
        )
        run = self.sync()
        self.assertEqual(run.state, "done", run.message)
        self.assertEqual(len(self.partners(city="Spa")), total, "nothing lost")
        self.assertEqual(len(self.partners()), total, "nothing duplicated")
        return run

    def test_sm_5xx_mid_run(self):
        self._assert_fails_then_resumes("status", status=503)

    def test_truncated_page_mid_run(self):
        self._assert_fails_then_resumes("truncated")

    def test_timeout_mid_run(self):
        self._assert_fails_then_resumes("timeout", seconds=12)

    def test_failure_notifies_admins_once(self):
        self.sim.faults.add("status", "/api/v1/contacts", count=5, status=500)
        self.sync()
        self.sync()
        messages = self.backend.message_ids.filtered(lambda m: "failed" in (m.body or ""))
        self.assertEqual(len(messages), 1)
        admin = self.env.ref("base.user_admin").partner_id
        self.assertIn(admin, messages.partner_ids)

    def test_wrong_api_key_is_reported_clearly(self):
        self.backend.api_key = "wrong"
        result = self.backend.action_test_connection()
        self.assertEqual(result["params"]["type"], "danger")
        self.assertIn("401", result["params"]["message"])
        self.backend.api_key = "test-sm-key"
        result = self.backend.action_test_connection()
        self.assertEqual(result["params"]["type"], "success")

    def test_concurrent_run_exits_without_work(self):
        key = self.backend.id * 10 + 1
        with odoo.sql_db.db_connect(self.env.cr.dbname).cursor() as other:
            other.execute("SELECT pg_try_advisory_lock(%s, %s)", (LOCK_NAMESPACE, key))
            self.assertTrue(other.fetchone()[0])
            self.assertIsNone(self.sync())
            self.assertFalse(self.partners())
            other.execute("SELECT pg_advisory_unlock(%s, %s)", (LOCK_NAMESPACE, key))
        run = self.sync()
        self.assertEqual(run.state, "done")
        self.assertTrue(self.partners())
