# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import SmCase

# every table a run (or what it triggers: messages, activities, mails, cron wake-ups) writes
SYNCED_TABLES = (
    "res_partner",
    "product_template",
    "product_product",
    "sale_order",
    "sale_order_line",
    "sm_binding",
    "sm_sync_state",
    "sm_sync_run",
    "sm_sync_error",
    "sm_order_event",
    "sm_stock_level",
    "sm_kit_line",
    "mail_message",
    "mail_mail",
    "mail_activity",
    "mail_followers",
    "mail_notification",
    "ir_cron_trigger",
    "queue_job",
)


@tagged("post_install", "-at_install")
class TestDryRun(SmCase):
    """Simulate next run: what it would create, update and send, and nothing written."""

    sim_sizes = {"contacts": 60, "articles": 40, "orders": 30}

    def setUp(self):
        super().setUp()
        self.env["sm.order.event.type"].search([]).write({"settle_minutes": 0})
        self.backend.message_older_orders = True
        orders = [
            sm_id
            for sm_id in sorted(self.live_ids("orders"))
            if (
                self.store.get("contacts", self.store.get("orders", sm_id)["customer_id"]) or {}
            ).get("email")
        ]
        self.pickup_id, self.delivery_id, self.prepared_id = orders[:3]
        for sm_id, mode in (
            (self.pickup_id, "pickup"),
            (self.delivery_id, "delivery"),
            (self.prepared_id, "delivery"),
        ):
            record = self.store.get("orders", sm_id)
            lines = [dict(line, available=True, expected_date=None) for line in record["lines"]]
            self.store.set_field("orders", sm_id, "lines", lines)
            self.store.set_field("orders", sm_id, "status", "confirmed")
            self.store.set_field("orders", sm_id, "delivery_mode", mode)
            self.store.set_field("orders", sm_id, "showroom", "LIE" if mode == "pickup" else None)
            self.store.set_field("orders", sm_id, "promised_date", "2026-12-01")
        for entity in ("contacts", "articles", "orders"):
            self.assertEqual(self.sync(entity).state, "done")
        self.env.ref("sm_connector.event_type_delay").mode = "auto"
        self.env.ref("sm_connector.event_type_ready_for_pickup").mode = "auto"
        self.env.ref("sm_connector.event_type_line_unavailable").mode = "prepare"
        # what SM changed since: a delay, a pickup ready, an article out of stock, a contact
        self.store.set_field("orders", self.delivery_id, "promised_date", "2026-12-15")
        self.store.set_field("orders", self.pickup_id, "status", "ready_for_pickup")
        record = self.store.get("orders", self.prepared_id)
        lines = [dict(record["lines"][0], available=False, expected_date="2027-01-10")]
        self.store.set_field("orders", self.prepared_id, "lines", lines + record["lines"][1:])
        contact = sorted(self.live_ids("contacts"))[5]
        self.store.set_field("contacts", contact, "city", "Spa")

    def _tables(self):
        cr = self.env.cr
        self.env.flush_all()
        state = {}
        for table in SYNCED_TABLES:
            cr.execute(
                "SELECT 1 FROM information_schema.columns"
                " WHERE table_name = %s AND column_name = 'write_date'",
                (table,),
            )
            stamp = "max(write_date)" if cr.fetchone() else "max(id)"
            cr.execute(f"SELECT count(*), {stamp} FROM {table}")  # fixed table names
            state[table] = cr.fetchone()
        return state

    def _outcomes(self, lines):
        return {(line.reference, line.event_type, line.outcome) for line in lines}

    def test_dry_run_writes_nothing_and_lists_what_the_real_run_sends(self):
        before = self._tables()
        hooks_before = set(self.env.cr.precommit.data), len(self.env.cr.postcommit._funcs)
        report = self.backend._simulate()
        self.assertEqual(self._tables(), before)
        self.assertEqual(
            (set(self.env.cr.precommit.data), len(self.env.cr.postcommit._funcs)), hooks_before
        )
        counts = {line.entity: line for line in report.line_ids if line.kind == "count"}
        self.assertEqual(counts["contacts"].updated, 1)
        self.assertGreaterEqual(counts["orders"].updated, 3)
        simulated = report.line_ids.filtered(lambda line: line.kind == "message")
        self.assertEqual(
            self._outcomes(simulated),
            {
                (self.delivery_id, "delay", "sent"),
                (self.pickup_id, "ready_for_pickup", "sent"),
                (self.prepared_id, "line_unavailable", "prepared"),
            },
        )
        delay = simulated.filtered(lambda line: line.event_type == "delay")
        self.assertTrue(delay.subject)
        # a second simulation sees the same: the first left nothing behind
        self.assertEqual(
            self._outcomes(self.backend._simulate().line_ids.filtered("event_type")),
            self._outcomes(simulated),
        )
        # the real run then does exactly that
        for entity in ("contacts", "articles", "orders"):
            self.sync(entity)
        events = self.env["sm.order.event"].search(
            [("order_id.sm_id", "in", [self.pickup_id, self.delivery_id, self.prepared_id])]
        )
        self.assertEqual(
            {(e.order_id.sm_id, e.event_type, e.state) for e in events}, self._outcomes(simulated)
        )
        sent = events.filtered(lambda e: e.state == "sent")
        self.assertEqual(
            set(sent.message_id.mapped("subject")),
            set(simulated.filtered(lambda line: line.outcome == "sent").mapped("subject")),
        )

    def test_dry_run_retries_the_open_errors_as_the_run_would(self):
        customers = {
            self.store.get("orders", sm_id)["customer_id"]
            for sm_id in (self.pickup_id, self.delivery_id, self.prepared_id)
        }
        victims = [
            sm_id for sm_id in sorted(self.live_ids("contacts"))[20:] if sm_id not in customers
        ]
        victims = victims[:3]
        for sm_id in victims:
            self.store.set_field("contacts", sm_id, "lang", "de")
        self.assertEqual(self.sync("contacts").failed, 3)
        errors = self.env["sm.sync.error"].search(
            [("backend_id", "=", self.backend.id), ("reference", "in", victims)]
        )
        # later SM changes (past the overlap) move the watermark on: from now on no page
        # brings the failing records, only the retry of open errors does
        self.store.advance(minutes=15, change_ratio=0)
        self.store.touch("contacts", [sorted(self.live_ids("contacts"))[1]])
        self.assertEqual(self.sync("contacts").failed, 3)
        self.assertEqual(errors.mapped("attempts"), [2] * 3)
        report = self.backend._simulate()
        counts = {line.entity: line for line in report.line_ids if line.kind == "count"}
        self.assertEqual(counts["contacts"].failed, 3)
        self.assertEqual(errors.mapped("attempts"), [2] * 3, "the simulation left no attempt")
        self.assertEqual(errors.mapped("state"), ["open"] * 3)
        # the real run retries them the same way
        self.assertEqual(self.sync("contacts").failed, counts["contacts"].failed)
        self.assertEqual(errors.mapped("attempts"), [3] * 3)

    def test_a_failing_record_a_page_brings_again_counts_once_as_in_the_run(self):
        victims = sorted(self.live_ids("contacts"))[30:32]
        for sm_id in victims:
            self.store.set_field("contacts", sm_id, "lang", "de")
        self.assertEqual(self.sync("contacts").failed, 2)
        # within the overlap the next page brings them again, and they are open errors too
        report = self.backend._simulate()
        counts = {line.entity: line for line in report.line_ids if line.kind == "count"}
        self.assertEqual(counts["contacts"].failed, 2, "one failure per record and run")
        self.assertEqual(self.sync("contacts").failed, counts["contacts"].failed)

    def test_switching_to_automatic_shows_the_last_simulation_and_asks(self):
        self.backend._simulate()
        config = self.env.ref("sm_connector.event_type_line_unavailable")
        action = config.action_switch_to_auto()
        wizard = self.env[action["res_model"]].browse(action["res_id"])
        self.assertEqual(config.mode, "prepare")
        self.assertEqual(wizard.line_ids.mapped("reference"), [self.prepared_id])
        wizard.action_confirm()
        self.assertEqual(config.mode, "auto")
        self.assertTrue(config.auto_since)

    def test_only_sm_admins_simulate(self):
        with self.assertRaises(AccessError):
            self.backend.with_user(self.manager).action_simulate_next_run()
