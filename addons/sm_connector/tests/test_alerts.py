# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import SmCase


@tagged("post_install", "-at_install")
class TestAlerts(SmCase):
    """Alerts to SM admins: activity and chatter once per incident, closed when resolved."""

    def setUp(self):
        super().setUp()
        self.backend.write(
            {
                "sync_articles": False,
                "sync_orders": False,
                "alert_stale_minutes": 60,
                "alert_change_pct": 30.0,
                "alert_invalid_pct": 10.0,
            }
        )
        self.admin = self.env.ref("base.user_admin")

    def alerts(self, kind, state="open"):
        return self.env["sm.alert"].search(
            [("backend_id", "=", self.backend.id), ("kind", "=", kind), ("state", "=", state)]
        )

    def backend_messages(self, text):
        return self.backend.message_ids.filtered(lambda m: text in (m.body or ""))

    def assert_once(self, kind):
        alert = self.alerts(kind)
        self.assertEqual(len(alert), 1)
        self.assertEqual(alert.entity, "contacts")
        self.assertEqual(alert.activity_ids.user_id, self.admin)
        self.assertEqual(len(alert.activity_ids), 1)
        self.assertEqual(len(self.backend_messages(alert.display_name)), 1)
        return alert

    def assert_resolved(self, alert):
        self.assertEqual(alert.state, "resolved")
        self.assertFalse(alert.activity_ids)
        self.assertTrue(self.backend_messages(f"Resolved: {alert.display_name}"))

    def test_no_successful_run_for_n_minutes_alerts_once(self):
        self.assertEqual(self.sync("contacts").state, "done")
        # a failing run is no success
        self.sim.faults.add("status", "/api/v1/contacts", count=10, status=503)
        self.assertEqual(self.sync("contacts").state, "failed")
        later = fields.Datetime.now() + timedelta(minutes=90)
        self.backend._check_alerts(now=later)
        self.assertIn("No successful run since", self.alerts("stale").detail)
        self.backend._check_alerts(now=later + timedelta(minutes=10))
        alert = self.assert_once("stale")
        self.sim.faults.clear()
        self.assertEqual(self.sync("contacts").state, "done")
        self.assert_resolved(alert)

    def test_run_changing_too_many_records_alerts_once(self):
        self.sync("contacts")  # the first import changes everything by design: no alert
        self.assertFalse(self.alerts("mass_change"))
        ids = sorted(self.live_ids("contacts"))
        for sm_id in ids[: len(ids) // 2]:
            self.store.set_field("contacts", sm_id, "city", "Spa")
        self.sync("contacts")
        self.backend._check_alerts()
        alert = self.assert_once("mass_change")
        self.assertIn("%", alert.detail)
        self.store.set_field("contacts", ids[0], "city", "Huy")
        self.sync("contacts")  # one change: back to normal
        self.assert_resolved(alert)

    def test_too_many_invalid_records_alert_once(self):
        ids = sorted(self.live_ids("contacts"))
        bad = [sm_id for sm_id in ids if not self.store.get("contacts", sm_id).get("company_id")]
        bad = bad[: len(ids) // 4]
        for sm_id in bad:
            self.store.set_field("contacts", sm_id, "kind", "alien")
        self.sync("contacts")
        self.backend._check_alerts()
        alert = self.assert_once("invalid")
        for sm_id in bad:
            self.store.set_field("contacts", sm_id, "kind", "customer")
        self.sync("contacts")
        self.assert_resolved(alert)
