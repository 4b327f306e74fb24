# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
import time
from datetime import timedelta

import requests

from odoo import fields
from odoo.tests import HttpCase, tagged

from ..parsers.push_signature import sign
from .common import API_KEY, SmCase

SECRET = "push-secret-under-test"


@tagged("post_install", "-at_install")
class TestPush(SmCase, HttpCase):
    """SM pings "entity X changed": the incremental run starts at once, debounced; only
    authentic, fresh, first-seen pings count."""

    sim_sizes = {"contacts": 30, "articles": 10, "orders": 0}

    def setUp(self):
        super().setUp()
        self.backend.push_secret = SECRET
        self.url = f"{self.base_url_odoo()}/sm/push/{self.backend.id}"
        self.cron = self.env.ref("sm_connector.ir_cron_sm_sync_contacts")
        # other backends (demo data) are not part of these runs
        self.env["sm.backend"].search([("id", "!=", self.backend.id)]).active = False
        self.assertEqual(self.sync("contacts").state, "done")

    def base_url_odoo(self):
        return type(self).base_url()  # self.base_url is the simulator's (SmCase)

    def triggers(self):
        return self.env["ir.cron.trigger"].search([("cron_id", "=", self.cron.id)])

    def jobs(self):
        return self.env["queue.job"].search([("model_name", "=", "sm.backend")])

    def ping(self, entity="contacts", secret=SECRET, timestamp=None, body=None):
        body = body or json.dumps({"entity": entity, "ping_id": str(time.time_ns())}).encode()
        timestamp = timestamp or str(int(time.time()))
        headers = {"X-SM-Timestamp": timestamp, "X-SM-Signature": sign(secret, timestamp, body)}
        return self.url_open(self.url, data=body, headers=headers)

    def sim_push(self, fault=None):
        answer = requests.post(
            f"{self.base_url}/_sim/push",
            json={"url": self.url, "secret": SECRET, "fault": fault},
            headers={"X-SM-Api-Key": API_KEY},
            timeout=10,
        )
        answer.raise_for_status()

    def sim_change(self, sm_id, city):
        # the simulator (another HTTP client than the test's opener) pings the test server
        with self.allow_requests(all_requests=True):
            answer = requests.post(
                f"{self.base_url}/_sim/set",
                json={"entity": "contacts", "id": sm_id, "field": "city", "value": city},
                headers={"X-SM-Api-Key": API_KEY},
                timeout=30,
            )
        answer.raise_for_status()

    def test_sm_change_pings_and_the_run_starts_at_once(self):
        self.triggers().unlink()
        self.sim_push()
        sm_id = sorted(self.live_ids("contacts"))[0]
        self.sim_change(sm_id, "Spa")
        self.assertEqual(self.sim.push.log, [(202, {"status": "started", "entity": "contacts"})])
        trigger = self.triggers()
        self.assertEqual(len(trigger), 1)
        # due now: the cron worker (woken by the trigger) runs it within seconds
        self.assertLessEqual(trigger.call_at, fields.Datetime.now() + timedelta(seconds=5))
        self.env["sm.backend"]._cron_sync("contacts")  # what the triggered cron runs
        self.assertEqual(self.partners(sm_id=sm_id).city, "Spa")
        self.assertFalse(self.env["sm.push.request"].search([("backend_id", "=", self.backend.id)]))
        # the next change pings and asks for a run again
        self.sim_change(sm_id, "Huy")
        self.assertEqual(self.sim.push.log[-1][1]["status"], "started")

    def test_burst_of_pings_is_one_run(self):
        self.triggers().unlink()
        answers = [self.ping() for _ in range(50)]
        self.assertEqual({answer.status_code for answer in answers}, {202})
        self.assertEqual([a.json()["status"] for a in answers].count("started"), 1)
        self.assertEqual(len(self.triggers()), 1)

    def test_burst_of_pings_is_one_queue_job_when_chunks_run_as_jobs(self):
        self.backend.use_queue_job = True
        before = self.jobs()
        for _ in range(50):
            self.assertEqual(self.ping().status_code, 202)
        job = self.jobs() - before
        self.assertEqual(len(job), 1)
        self.assertEqual(job.method_name, "_push_run")
        self.assertEqual(job.args, ["contacts"])

    def _assert_refused(self, answer, reason):
        self.assertEqual(answer.status_code, 401, answer.text)
        self.assertIn(reason, answer.json()["message"])
        self.assertFalse(self.triggers())
        self.assertFalse(self.jobs())
        self.assertFalse(self.env["sm.push.request"].search([]))

    def test_bad_signature_stale_or_replayed_ping_is_refused_with_nothing_queued(self):
        self.triggers().unlink()
        self._assert_refused(self.ping(secret="wrong"), "signature does not match")
        stale = str(int(time.time()) - 3600)
        self._assert_refused(self.ping(timestamp=stale), "outside the accepted window")
        body = json.dumps({"entity": "contacts", "ping_id": "once"}).encode()
        timestamp = str(int(time.time()))
        headers = {"X-SM-Timestamp": timestamp, "X-SM-Signature": sign(SECRET, timestamp, body)}
        self.assertEqual(self.url_open(self.url, data=body, headers=headers).status_code, 202)
        self.triggers().unlink()
        self.env["sm.push.request"].search([]).unlink()
        self._assert_refused(self.url_open(self.url, data=body, headers=headers), "already")

    def test_simulator_faults_are_refused(self):
        self.triggers().unlink()
        sm_id = sorted(self.live_ids("contacts"))[0]
        for fault in ("bad_signature", "stale"):
            self.sim_push(fault)
            self.sim_change(sm_id, fault)
            self.assertEqual(self.sim.push.log[-1][0], 401)
        self.assertFalse(self.triggers())
        self.sim_push("replay")
        self.sim_change(sm_id, "replayed")
        self.assertEqual([status for status, _body in self.sim.push.log[-2:]], [202, 401])
        self.assertEqual(len(self.triggers()), 1)

    def test_unknown_backend_or_no_secret_or_bad_entity(self):
        self.triggers().unlink()
        self.url = f"{self.base_url_odoo()}/sm/push/999999"
        self._assert_refused(self.ping(), "no push secret")
        self.url = f"{self.base_url_odoo()}/sm/push/{self.backend.id}"
        answer = self.ping(entity="invoices")
        self.assertEqual(answer.status_code, 400)
        self.assertFalse(self.triggers())
        self.backend.push_secret = False
        self._assert_refused(self.ping(), "no push secret")

    def test_push_secret_is_for_sm_admins_only(self):
        self.assertIn("group_sm_admin", self.backend._fields["push_secret"].groups)
        with self.assertRaises(Exception):  # noqa: B017 (AccessError on the field)
            self.backend.with_user(self.manager).read(["push_secret"])
