# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import time
from datetime import timedelta
from decimal import Decimal

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import SmCase


@tagged("post_install", "-at_install")
class TestOrderSync(SmCase):
    """SM orders → sale.order, and the change events that become customer messages."""

    sim_sizes = {"contacts": 60, "articles": 40, "orders": 30}

    def setUp(self):
        super().setUp()
        self.env["sm.order.event.type"].search([]).write({"settle_minutes": 0})
        # the dataset's orders predate the go-live; message their changes anyway
        self.backend.message_older_orders = True
        # one open pickup order at Liège and one open delivery order, as SM has them
        dirty = str(self.store.dirty["contacts"])
        orders = [
            sm_id
            for sm_id in sorted(self.live_ids("orders"))
            if (
                self.store.get("contacts", self.store.get("orders", sm_id)["customer_id"]) or {}
            ).get("email")
            and self.store.get("orders", sm_id)["customer_id"] not in dirty
        ]
        self.pickup_id, self.delivery_id = orders[0], orders[1]
        for sm_id, mode in ((self.pickup_id, "pickup"), (self.delivery_id, "delivery")):
            record = self.store.get("orders", sm_id)
            lines = [dict(line, available=True, expected_date=None) for line in record["lines"]]
            self.store.set_field("orders", sm_id, "lines", lines)
            self.store.set_field("orders", sm_id, "status", "confirmed")
            self.store.set_field("orders", sm_id, "delivery_mode", mode)
            self.store.set_field("orders", sm_id, "showroom", "LIE" if mode == "pickup" else None)
            self.store.set_field("orders", sm_id, "promised_date", "2026-12-01")
            # messages checked in English below; languages have their own test
            self.store.set_field("contacts", record["customer_id"], "lang", "en")

    # helpers --------------------------------------------------------------------
    def order(self, sm_id):
        return self.sm_orders().filtered(lambda order: order.sm_id == sm_id)

    def events(self, sm_id=None, **domain):
        dom = [(k, "=", v) for k, v in domain.items()]
        if sm_id:
            dom.append(("order_id.sm_id", "=", sm_id))
        return self.env["sm.order.event"].search(dom)

    def sm_orders(self):
        """Orders this test's SM sent (other demo data may hold SM orders of its own)."""
        return self.env["sale.order"].browse(self.bound_ids("orders")).exists()

    def customer_messages(self, order):
        return order.message_ids.filtered(
            lambda m: m.message_type == "comment" and order.partner_id in m.partner_ids
        )

    def first_sync(self):
        run = self.sync("orders")
        self.assertEqual(run.state, "done", run.message)
        return run

    def test_first_load_over_several_budget_stopped_runs_stays_silent(self):
        """A first load longer than the cron's time budget is several runs: only the run that
        reaches SM's last page sets the go-live, so no order of the load becomes news."""
        self.backend.page_size = 10
        self.backend.message_older_orders = False  # the default
        # the latest orders were placed today: news if the go-live came before they were read
        for sm_id in sorted(self.live_ids("orders"))[-10:]:
            self.store.set_field("orders", sm_id, "date", fields.Date.today().isoformat())
        budget_spent = self.backend.with_context(cron_end_time=time.monotonic() - 1)
        states = self.env["sm.sync.state"]
        runs = []
        for _attempt in range(10):
            run = budget_spent._sync("orders")
            self.env.invalidate_all()
            runs.append(run)
            if not run.remaining:
                break
            self.assertEqual(run.state, "done", run.message)
            self.assertFalse(states._go_live(self.backend, "orders"), "go-live before the end")
        self.assertGreaterEqual(len(runs), 3)
        self.assertEqual(runs[0].remaining, 20)
        self.assertEqual(runs[-1].state, "done")
        self.assertTrue(states._go_live(self.backend, "orders"))
        self.assertFalse(states._for(self.backend, "orders").resume_cursor)
        self.assertEqual(set(self.sm_orders().mapped("sm_id")), self.live_ids("orders"))
        self.assertFalse(self.events(), "a first-load order became a customer message")

    def test_first_load_on_queue_jobs_stays_silent_when_jobs_run_after_go_live(self):
        """The run handing pages to queue jobs reads SM's last page and sets the go-live
        before the jobs run: orders placed on the go-live day are still the first load."""
        from odoo.addons.queue_job.tests.common import trap_jobs

        self.backend.message_older_orders = False  # the default
        self.backend.use_queue_job = True
        latest = max(self.store.table("orders").records.values(), key=lambda r: r["updated_at"])
        for sm_id in self.live_ids("orders"):  # every order placed on the go-live day
            self.store.set_field("orders", sm_id, "date", latest["updated_at"][:10])
        with trap_jobs() as trap:
            self.first_sync()
            self.assertTrue(self.env["sm.sync.state"]._go_live(self.backend, "orders"))
            trap.perform_enqueued_jobs()
        self.env.invalidate_all()
        self.assertEqual(set(self.sm_orders().mapped("sm_id")), self.live_ids("orders"))
        self.assertFalse(self.events(), "a first-load order became a customer message")

    def test_first_load_without_remaining_in_sm_pages_goes_live_only_at_the_end(self):
        """`remaining` is optional in SM's contract: the end of the list is `next_cursor`."""
        self.backend.page_size = 10
        self.store.send_remaining = False
        self.addCleanup(setattr, self.store, "send_remaining", True)
        budget_spent = self.backend.with_context(cron_end_time=time.monotonic() - 1)
        states = self.env["sm.sync.state"]
        first = budget_spent._sync("orders")
        self.env.invalidate_all()
        self.assertEqual(first.processed, 10)
        self.assertFalse(states._go_live(self.backend, "orders"), "went live after one page")
        for _attempt in range(5):
            budget_spent._sync("orders")
            self.env.invalidate_all()
            if states._go_live(self.backend, "orders"):
                break
        self.assertEqual(set(self.sm_orders().mapped("sm_id")), self.live_ids("orders"))
        self.assertTrue(states._go_live(self.backend, "orders"))
        self.assertFalse(self.events())

    def test_bulk_update_larger_than_a_page_completes_over_budget_stopped_runs(self):
        """SM stamps many records with one moment (a bulk update): more than a page within
        the overlap. Runs cut by the budget go on from SM's cursor, so each reads new pages."""
        self.first_sync()
        live = sorted(self.live_ids("orders"))
        for sm_id in live:
            self.store.set_field("orders", sm_id, "status", "cancelled")
        self.store.touch("orders", live)  # one moment for all 30
        self.backend.page_size = 10
        budget_spent = self.backend.with_context(cron_end_time=time.monotonic() - 1)
        runs = []
        for _attempt in range(6):
            runs.append(budget_spent._sync("orders"))
            self.env.invalidate_all()
            if not runs[-1].remaining:
                break
        self.assertEqual([run.processed for run in runs], [10, 10, 10])
        self.assertEqual(set(self.sm_orders().mapped("state")), {"cancel"})

    def test_reset_watermarks_rereads_everything_after_a_budget_stopped_run(self):
        """The button "Reset watermarks": the next run reads SM from the start; a resume
        cursor left by a budget-stopped run must not make it begin at that run's position."""
        self.backend.page_size = 10
        stopped = self.backend.with_context(cron_end_time=time.monotonic() - 1)._sync("orders")
        self.assertEqual((stopped.processed, stopped.remaining), (10, 20))
        self.backend.action_reset_watermarks()
        run = self.sync("orders")
        self.assertEqual(run.state, "done", run.message)
        self.assertEqual(run.processed, len(self.live_ids("orders")))

    def test_first_load_resumed_across_an_sm_outage_skips_and_duplicates_nothing(self):
        """Budget-stopped, then SM answers 503 in the middle of the next run (the run
        fails after the adapter's retries), then SM is back: every order is read once more
        at most, none is lost, none doubled, and the load stays silent to the end."""
        self.backend.page_size = 10
        self.backend.message_older_orders = False
        states = self.env["sm.sync.state"]
        stopped = self.backend.with_context(cron_end_time=time.monotonic() - 1)._sync("orders")
        self.assertEqual((stopped.state, stopped.processed), ("done", 10))
        # the resumed run reads one page from the cursor, then SM fails for good
        self.sim.faults.add("status", "/api/v1/orders", count=3, status=503, after=1)
        failed = self.backend._sync("orders")
        self.env.invalidate_all()
        self.assertEqual(failed.state, "failed")
        self.assertEqual(failed.processed, 10)
        self.assertFalse(states._go_live(self.backend, "orders"))
        self.sim.faults.clear()
        last = self.sync("orders")
        self.assertEqual(last.state, "done", last.message)
        self.assertEqual(last.processed, 10)  # from the cursor the failed run committed
        self.assertTrue(states._go_live(self.backend, "orders"))
        orders = self.sm_orders()
        self.assertEqual(sorted(orders.mapped("sm_id")), sorted(self.live_ids("orders")))
        self.assertFalse(self.events(), "a first-load order became a customer message")

    def test_resume_cursor_sm_no_longer_accepts_is_dropped(self):
        self.first_sync()
        state = self.env["sm.sync.state"]._for(self.backend, "orders")
        state.resume_cursor = "not-a-cursor-of-this-server"
        run = self.sync("orders")
        self.assertEqual(run.state, "done", run.message)
        self.assertFalse(state.resume_cursor)
        # read from the watermark minus the overlap, as an ordinary run does
        self.assertTrue(run.watermark_from)
        self.assertEqual(run.processed, self.sync("orders").processed)

    # import ---------------------------------------------------------------------
    def test_orders_import_customers_and_articles_on_demand_and_totals_match(self):
        run = self.first_sync()
        live = self.store.table("orders").records
        orders = self.sm_orders()
        self.assertEqual(set(orders.mapped("sm_id")), set(live))
        self.assertEqual(run.failed, 0)
        for order in orders:
            record = live[order.sm_id]
            self.assertEqual(order.partner_id.sm_id, record["customer_id"])
            self.assertEqual(order.name, record["id"])
            self.assertEqual(
                sorted(order.order_line.mapped("sm_line_no")),
                sorted(line["line_no"] for line in record["lines"]),
            )
            self.assertAlmostEqual(
                order.amount_total,
                float(Decimal(record["total_incl_vat"])),
                places=2,
                msg=order.name,
            )
            self.assertAlmostEqual(
                order.amount_untaxed,
                float(Decimal(record["total_excl_vat"])),
                places=2,
                msg=order.name,
            )
            self.assertTrue(order.sm_totals_match)
            self.assertEqual(
                order.state,
                {"quotation": "draft", "cancelled": "cancel"}.get(record["status"], "sale"),
            )
        # customers and articles came along, on demand
        self.assertTrue(self.partners())
        self.assertTrue(self.products())
        # the initial import tells customers nothing
        self.assertFalse(self.events())
        self.assertFalse(any(self.customer_messages(order) for order in orders))

    def test_imported_orders_are_never_invoiced_or_confirmed_in_odoo(self):
        self.first_sync()
        order = self.order(self.delivery_id)
        self.assertEqual(order.state, "sale")
        self.assertEqual(set(order.order_line.mapped("invoice_status")), {"no"})
        self.assertFalse(order._get_invoiceable_lines())
        with self.assertRaisesRegex(UserError, "Silicon Master"):
            order.with_user(self.agent).action_cancel()

    def test_order_whose_dependency_fails_is_logged_retried_never_half_imported(self):
        self.sim.faults.add("status", "/api/v1/articles", count=1000, status=503)
        run = self.sync("orders")
        self.assertEqual(run.state, "done")
        self.assertEqual(
            run.failed,
            len(self.live_ids("orders")),
            (run.processed, run.created, run.unchanged, run.archived, run.message),
        )
        self.assertFalse(self.sm_orders())
        errors = self.env["sm.sync.error"].search(
            [("entity", "=", "orders"), ("state", "=", "open")]
        )
        self.assertEqual(len(errors), len(self.live_ids("orders")))
        self.sim.faults.clear()
        self.sync("orders")
        self.assertEqual(
            len(self.sm_orders()),
            len(self.live_ids("orders")),
        )
        self.assertFalse(errors.filtered(lambda e: e.state == "open"))

    # events and messages --------------------------------------------------------
    def test_delay_gives_one_event_and_one_message_also_after_resync(self):
        self.first_sync()
        self.store.set_field("orders", self.delivery_id, "promised_date", "2026-12-15")
        self.sync("orders")
        delay = self.events(self.delivery_id, event_type="delay")
        self.assertEqual(len(delay), 1)
        self.assertEqual(delay.state, "sent")
        self.assertEqual((delay.old_value, delay.new_value), ("2026-12-01", "2026-12-15"))
        order = self.order(self.delivery_id)
        messages = self.customer_messages(order)
        self.assertEqual(len(messages), 1)
        self.assertIn("2026", messages.body)
        # the same change seen again (re-read from scratch) is not a new event
        self.backend.action_reset_watermarks()
        self.sync("orders")
        self.assertEqual(len(self.events(self.delivery_id, event_type="delay")), 1)
        self.assertEqual(len(self.customer_messages(order)), 1)

    def test_no_context_key_from_a_client_silences_a_run_after_go_live(self):
        """A first-load page is told so by its queue job's argument: the context key that
        carried it once, sent by a client with a sync call, must not silence a delay."""
        self.first_sync()
        self.store.set_field("orders", self.delivery_id, "promised_date", "2026-12-16")
        run = self.backend.with_context(_sm_first_load_page=True, sm_first_load=True)._sync(
            "orders"
        )
        self.assertEqual(run.state, "done", run.message)
        self.env.invalidate_all()
        self.assertEqual(len(self.events(self.delivery_id, event_type="delay")), 1)

    def test_ready_for_pickup_with_showroom_address(self):
        self.first_sync()
        self.store.set_field("orders", self.pickup_id, "status", "ready_for_pickup")
        self.sync("orders")
        event = self.events(self.pickup_id, event_type="ready_for_pickup")
        self.assertEqual(event.state, "sent")
        body = self.customer_messages(self.order(self.pickup_id)).body
        self.assertIn("Rue Saint-Gilles", body)  # Liège showroom address
        self.assertIn("10:00", body)  # opening hours

    def test_ready_for_pickup_is_not_sent_while_a_line_is_missing(self):
        self.first_sync()
        record = self.store.get("orders", self.pickup_id)
        lines = [dict(record["lines"][0], available=False, expected_date="2026-12-20")] + record[
            "lines"
        ][1:]
        self.store.set_field("orders", self.pickup_id, "lines", lines)
        self.store.set_field("orders", self.pickup_id, "status", "ready_for_pickup")
        self.sync("orders")
        order = self.order(self.pickup_id)
        ready = self.events(self.pickup_id, event_type="ready_for_pickup")
        self.assertEqual(ready.state, "blocked")
        self.assertEqual(
            ready.activity_id.activity_type_id,
            self.env.ref("sm_connector.mail_activity_type_sm_check"),
        )
        # the missing line itself is announced, with its new date
        missing = self.events(self.pickup_id, event_type="line_unavailable")
        self.assertEqual((missing.state, missing.new_value), ("sent", "2026-12-20"))
        self.assertEqual(len(self.customer_messages(order)), 1)
        self.assertNotIn("ready for pickup", self.customer_messages(order).body)

    def test_prepare_mode_creates_an_activity_and_sends_in_one_click(self):
        self.env.ref("sm_connector.event_type_delay").mode = "prepare"
        self.first_sync()
        self.store.set_field("orders", self.delivery_id, "promised_date", "2026-12-22")
        self.sync("orders")
        event = self.events(self.delivery_id, event_type="delay")
        order = self.order(self.delivery_id)
        self.assertEqual(event.state, "prepared")
        self.assertEqual(
            event.activity_id.activity_type_id,
            self.env.ref("sm_connector.mail_activity_type_sm_message"),
        )
        self.assertFalse(self.customer_messages(order))
        event.with_user(self.agent).action_send()
        self.assertEqual(event.state, "sent")
        self.assertEqual(len(self.customer_messages(order)), 1)
        open_activities = order.activity_ids.filtered(
            lambda a: (
                a.activity_type_id == self.env.ref("sm_connector.mail_activity_type_sm_message")
            )
        )
        self.assertFalse(open_activities, "the activity is marked done")

    def test_flapping_date_sends_at_most_one_message(self):
        self.env.ref("sm_connector.event_type_delay").settle_minutes = 60
        self.first_sync()
        later = fields.Datetime.now() + timedelta(hours=2)
        # later, back, later again within the hour: one message, for the final date
        for date in ("2026-12-15", "2026-12-01", "2026-12-15"):
            self.store.set_field("orders", self.delivery_id, "promised_date", date)
            self.sync("orders")
        self.events()._dispatch(later)
        order = self.order(self.delivery_id)
        self.assertEqual(len(self.customer_messages(order)), 1)
        # later then back: nothing at all
        self.store.set_field("orders", self.pickup_id, "promised_date", "2026-12-20")
        self.sync("orders")
        self.store.set_field("orders", self.pickup_id, "promised_date", "2026-12-01")
        self.sync("orders")
        self.events()._dispatch(later)
        self.assertFalse(self.customer_messages(self.order(self.pickup_id)))
        self.assertEqual(self.events(self.pickup_id, event_type="delay").state, "cancelled")

    def test_customer_without_email_gets_a_call_activity(self):
        customer = self.store.get("orders", self.delivery_id)["customer_id"]
        self.store.set_field("contacts", customer, "email", None)
        self.first_sync()
        self.store.set_field("orders", self.delivery_id, "promised_date", "2026-12-18")
        self.sync("orders")
        event = self.events(self.delivery_id, event_type="delay")
        self.assertEqual(event.state, "call")
        self.assertEqual(
            event.activity_id.activity_type_id,
            self.env.ref("sm_connector.mail_activity_type_sm_call"),
        )
        self.assertIn("2026", event.activity_id.note)

    def test_pickup_reminder_once(self):
        self.first_sync()
        self.store.set_field("orders", self.pickup_id, "status", "ready_for_pickup")
        self.sync("orders")
        Event = self.env["sm.order.event"]
        soon = fields.Datetime.now() + timedelta(days=2)
        self.assertFalse(Event._create_pickup_reminders(soon))
        later = fields.Datetime.now() + timedelta(days=6)
        reminders = Event._create_pickup_reminders(later)
        self.assertEqual(len(reminders), 1)
        self.assertEqual(reminders.state, "sent")
        self.assertFalse(Event._create_pickup_reminders(later))

    def test_new_order_after_go_live_gets_the_procedure_message(self):
        self.first_sync()
        go_live = self.env["sm.sync.state"]._for(self.backend, "orders").go_live
        self.assertTrue(go_live)
        new = dict(self.store.get("orders", self.pickup_id))
        new_id = "SO26-999999"
        table = self.store.table("orders")
        table.put(
            dict(
                new, id=new_id, date=go_live.date().isoformat(), updated_at=self.store.next_stamp()
            )
        )
        self.sync("orders")
        procedure = self.events(new_id, event_type="procedure")
        self.assertEqual(procedure.state, "sent")
        self.assertIn("pick it up", self.customer_messages(self.order(new_id)).body)

    def test_change_on_order_older_than_go_live_records_but_does_not_message(self):
        self.backend.message_older_orders = False  # the default
        self.first_sync()
        order = self.order(self.delivery_id)
        self.store.set_field("orders", self.delivery_id, "promised_date", "2026-12-24")
        self.sync("orders")
        event = self.events(self.delivery_id, event_type="delay")
        self.assertEqual(event.state, "skipped")
        self.assertFalse(self.customer_messages(order))

    def test_run_failing_mid_way_then_resumed_sends_each_message_once(self):
        self.backend.page_size = 10
        self.first_sync()
        changed = sorted(self.live_ids("orders"))
        for sm_id in changed:
            self.store.set_field("orders", sm_id, "status", "cancelled")
        self.sim.faults.add("status", "/api/v1/orders", count=1, after=1, status=503)
        run = self.sync("orders")
        self.assertEqual(run.state, "failed")
        self.sync("orders")
        already_cancelled = [
            sm_id for sm_id in changed if self.events(sm_id, event_type="cancelled")
        ]
        for sm_id in already_cancelled:
            self.assertEqual(len(self.events(sm_id, event_type="cancelled")), 1)
        self.assertEqual(len(self.events(event_type="cancelled")), len(already_cancelled))
        self.assertGreaterEqual(len(already_cancelled), 2)

    def test_messages_in_the_customers_language(self):
        # French and Dutch are loaded by the install (nothing to activate here)
        expected = {}
        for sm_id, lang in ((self.delivery_id, "fr"), (self.pickup_id, "nl")):
            customer = self.store.get("orders", sm_id)["customer_id"]
            self.store.set_field("contacts", customer, "lang", lang)
            expected[sm_id] = lang
        self.first_sync()
        for sm_id in expected:
            self.store.set_field("orders", sm_id, "promised_date", "2026-12-19")
        self.sync("orders")
        french = self.customer_messages(self.order(self.delivery_id))
        dutch = self.customer_messages(self.order(self.pickup_id))
        self.assertEqual(self.order(self.delivery_id).partner_id.lang, "fr_BE")
        self.assertEqual(self.order(self.pickup_id).partner_id.lang, "nl_BE")
        self.assertIn("Bonjour", french.body)
        self.assertIn("commande", french.subject)
        self.assertIn("Beste", dutch.body)
        self.assertIn("bestelling", dutch.subject)
        # dates as a letter writes them in the customer's language, not 12/19/2026
        self.assertIn("19 décembre 2026", french.body)
        self.assertIn("19 december 2026", dutch.body)
