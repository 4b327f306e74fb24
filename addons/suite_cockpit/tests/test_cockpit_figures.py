# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
from datetime import timedelta

from odoo.addons.sm_connector.models.sm_managed_mixin import sm_sync_writes
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import CockpitCase


@tagged("post_install", "-at_install")
class TestCockpitFigures(CockpitCase):
    """Each cockpit figure equals the count of the list it opens; figures from known data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.late_silent = cls._order("confirmed", -3)
        cls.late_told = cls._order("awaiting_stock", -3)
        cls._event(cls.late_told, "delay", "sent", sent_date=cls.now)
        cls.late_prepared = cls._order("confirmed", -1)
        cls._event(cls.late_prepared, "delay", "prepared")
        cls.on_time = cls._order("confirmed", 3)
        cls.delivered_late = cls._order("delivered", -3)
        cls.ready_old = cls._order("ready_for_pickup", -20)
        cls.ready_new = cls._order("ready_for_pickup", -1)
        old_event = cls._event(cls.ready_old, "ready_for_pickup", "sent", sent_date=cls.now)
        cls._event(cls.ready_new, "ready_for_pickup", "sent", sent_date=cls.now)
        cls.env.flush_all()
        cls.env.cr.execute(
            "UPDATE sm_order_event SET create_date = %s WHERE id = %s",
            (cls.now - timedelta(days=10), old_event.id),
        )
        cls.env.invalidate_all()
        backend = cls.env["sm.backend"].create({"name": "Cockpit SM", "transport": "file"})
        with sm_sync_writes():
            Run = cls.env["sm.sync.run"].sudo()
            Run.create({"backend_id": backend.id, "entity": "contacts", "state": "done"})
            Run.create({"backend_id": backend.id, "entity": "contacts", "state": "failed"})
            Run.create({"backend_id": backend.id, "entity": "articles", "state": "failed"})
            cls.articles_ok = Run.create(
                {"backend_id": backend.id, "entity": "articles", "state": "done"}
            )
        for status in ("missed", "unanswered", "answered", "answered"):
            cls._call(direction="inbound", status=status, start_date=cls.now)
        cls._call(
            direction="inbound",
            status="missed",
            callback_state="done",
            callback_date=cls.now,
            callback_delay=3.0,
            start_date=cls.now - timedelta(hours=3),
        )

    def _listed(self, figure):
        """The records the figure's action lists, read as the manager."""
        action = figure.action_open()
        return self.env[action["res_model"]].with_user(self.manager).search(action["domain"])

    def test_each_figure_equals_the_count_of_the_list_it_opens(self):
        figures = self.env["suite.cockpit.figure"].with_user(self.manager).search([])
        self.assertGreaterEqual(len(figures), 20)
        for figure in figures:
            with self.subTest(figure=figure.name):
                self.assertEqual(figure.count, len(self._listed(figure)))

    def test_orders_at_risk(self):
        late = self._figure("orders_late_no_message")
        self.assertEqual(self._listed(late) & self._all_orders(), self.late_silent)
        ready = self._figure("orders_ready_not_collected")
        self.assertEqual(self._listed(ready) & self._all_orders(), self.ready_old)

    def _all_orders(self):
        return (
            self.late_silent
            | self.late_told
            | self.late_prepared
            | self.on_time
            | self.delivered_late
            | self.ready_old
            | self.ready_new
        )

    def test_sync_health(self):
        alerts = self._listed(self._figure("sync_alerts"))
        self.assertEqual(
            set(alerts.filtered(lambda r: r.backend_id.name == "Cockpit SM").mapped("entity")),
            {"contacts"},
            "articles failed once, then recovered: no alert",
        )
        self.assertIn(self.articles_ok, self._listed(self._figure("sync_last_articles")))

    def test_calls(self):
        missed = self._listed(self._figure("calls_missed"))
        self.assertEqual(set(missed.mapped("status")), {"missed", "unanswered"})
        rate = self._figure("calls_connect_rate")
        listed = self._listed(rate)
        answered = len(listed.filtered(lambda c: c.status == "answered"))
        self.assertEqual(rate.value_display, f"{100 * answered / len(listed):.0f} %")
        delay = self._figure("calls_callback_delay")
        listed = self._listed(delay)
        average = sum(listed.mapped("callback_delay")) / len(listed)
        self.assertEqual(delay.value_display, f"{average:.1f} h")

    def test_messages_sent_per_type(self):
        delay = self._figure("messages_sent_delay")
        self.assertIn(self.late_told, self._listed(delay).order_id)
        self.assertNotIn(self.late_prepared, self._listed(delay).order_id, "prepared, not sent")

    def test_managers_only(self):
        figure = self.env.ref("suite_cockpit.figure_orders_late_no_message")
        with self.assertRaises(AccessError):
            figure.with_user(self.agent_a).read(["count"])
        menu = self.env.ref("suite_cockpit.menu_suite_cockpit")
        visible = self.env["ir.ui.menu"].with_user(self.agent_a)._visible_menu_ids()
        self.assertNotIn(menu.id, visible)
        self.assertIn(menu.id, self.env["ir.ui.menu"].with_user(self.manager)._visible_menu_ids())

    def test_spreadsheet_dashboard_reads_existing_fields_for_managers_only(self):
        dashboard = self.env.ref("suite_cockpit.spreadsheet_dashboard_suite_adoption")
        self.assertEqual(dashboard.group_ids, self.env.ref("suite_cockpit.group_cockpit_manager"))
        data = json.loads(dashboard.spreadsheet_data)
        self.assertEqual(len(data["pivots"]), 2)
        for pivot in data["pivots"].values():
            with self.subTest(pivot=pivot["name"]):
                Model = self.env[pivot["model"]].with_user(self.manager)
                names = [d["fieldName"] for d in pivot["rows"] + pivot["columns"]]
                names += [m["fieldName"] for m in pivot["measures"] if m["id"] != "__count"]
                names += [m["chain"] for m in pivot["fieldMatching"].values()]
                for name in names:
                    self.assertIn(name, Model._fields)
                groupby = [d["fieldName"] for d in pivot["rows"]]
                aggregates = [m["id"] for m in pivot["measures"]]
                self.assertIsInstance(Model._read_group(pivot["domain"], groupby, aggregates), list)
