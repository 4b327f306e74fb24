# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta

from odoo import fields
from odoo.tests import tagged

from ..helpers.call_report import ReportError
from ..models.tcx_call_callback import TcxCall as TcxCallCallback
from .common import AGENT2_EXT, AGENT_EXT, TcxCase

START = datetime(2026, 11, 20, 9, 15, 0)


def stamp(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


@tagged("post_install", "-at_install")
class TestCallJournal(TcxCase):
    """Call reports: journal, de-duplication, chatter, missed call -> activity -> callback."""

    def inbound(self, number="+32476987654", start=START, **extra):
        body = {
            "CallType": "Inbound",
            "CallDirection": "Inbound",
            "Number": number,
            "Agent": AGENT_EXT,
            "Duration": "00:03:12",
            "CallStartTimeUTC": stamp(start),
            "CallEstablishedTimeUTC": stamp(start + timedelta(seconds=9)),
            "CallEndTimeUTC": stamp(start + timedelta(seconds=201)),
        }
        body.update(extra)
        return self.report(**body)

    def missed(self, number="+32476987654", start=START, **extra):
        body = {
            "CallType": "Missed",
            "Number": number,
            "CallStartTimeUTC": stamp(start),
            "Duration": "00:00:00",
        }
        body.update(extra)
        return self.report(**body)

    def callback_activities(self, call):
        """The open *Call back* tasks of ``call``, wherever they live (the call, or the record
        another installed module gives it, e.g. the inbox's ticket)."""
        return call._tcx_callback_activities()

    def tcx_rule(self, call):
        """What tcx_click2dial's own rule picks (other modules may extend the one rule)."""
        return TcxCallCallback._tcx_callback_assignee(call)

    def assert_one_callback_task(self, call, reassigned=False):
        """Exactly one open *Call back* task for ``call`` (on the call and on whatever holds
        its task together), assigned to the user the one rule picked (or the callback was
        given to since); returns it."""
        kind = self.env.ref("tcx_click2dial.mail_activity_type_tcx_callback")
        holder = call._tcx_callback_holder()
        tasks = self.env["mail.activity"].search(
            [
                ("activity_type_id", "=", kind.id),
                "|",
                "&",
                ("res_model", "=", "tcx.call"),
                ("res_id", "=", call.id),
                "&",
                ("res_model", "=", holder._name),
                ("res_id", "=", holder.id),
            ]
        )
        self.assertEqual(len(tasks), 1, "one missed call, one callback task")
        self.assertEqual(tasks, self.callback_activities(call))
        self.assertEqual(call.callback_state, "todo")
        self.assertTrue(call.callback_user_id)
        self.assertEqual(tasks.user_id, call.callback_user_id, "one task, one person")
        if not reassigned:
            self.assertEqual(call.callback_user_id, call._tcx_callback_assignee(), "the one rule")
        return tasks

    def test_report_is_journaled_on_contact_and_user(self):
        outcome, call = self.inbound("0476/98.76.54")
        self.assertEqual(outcome, "created")
        self.assertRecordValues(
            call,
            [
                {
                    "direction": "inbound",
                    "status": "answered",
                    "number_e164": "+32476987654",
                    "partner_id": self.julie.id,
                    "user_id": self.agent.id,
                    "extension": AGENT_EXT,
                    "duration": 192,
                    "start_date": START,
                    "answer_date": START + timedelta(seconds=9),
                    "end_date": START + timedelta(seconds=201),
                    "callback_state": False,
                }
            ],
        )
        note = self.julie.message_ids[:1]
        self.assertIn(
            "Inbound call from +32 476 98 76 54, answered by Alice Agent (3:12)", note.body
        )
        self.assertEqual(note.author_id, self.agent.partner_id)
        self.assertEqual(self.julie.tcx_call_count, 1)
        self.assertEqual(self.company.tcx_call_count, 1, "the company counts its people's calls")

    def test_same_report_twice_is_journaled_once(self):
        outcome, call = self.missed(Agent=AGENT_EXT)
        again, same = self.missed(Number="0476 98 76 54", Agent=AGENT_EXT)  # other spelling
        self.assertEqual((outcome, again), ("created", "duplicate"))
        self.assertEqual(call, same)
        self.assertEqual(
            self.env["tcx.call"].search_count([("number_e164", "=", "+32476987654")]), 1
        )
        self.assertEqual(len(self.callback_activities(call)), 1)
        other, _call = self.missed(start=START + timedelta(seconds=1), Agent=AGENT_EXT)
        self.assertEqual(other, "created", "another start second is another call")

    def test_dedup_key_is_number_extension_start(self):
        _o, first = self.inbound()
        outcome, second = self.inbound(Agent=AGENT2_EXT)
        self.assertEqual(outcome, "created", "same number and time on another extension")
        self.assertNotEqual(first.dedup_key, second.dedup_key)

    def test_concurrent_duplicate_is_caught_by_the_constraint(self):
        _o, call = self.inbound()
        # a second request that did not see the first one commit: the unique key stops it
        original_search = type(self.env["tcx.call"]).search

        def blind_search(model, domain, *args, **kwargs):
            if domain and domain[0][0] == "dedup_key":
                blind_search.calls += 1
                if blind_search.calls == 1:
                    return model.browse()
            return original_search(model, domain, *args, **kwargs)

        blind_search.calls = 0
        from unittest.mock import patch

        with patch.object(type(self.env["tcx.call"]), "search", blind_search):
            outcome, same = self.inbound()
        self.assertEqual((outcome, same), ("duplicate", call))

    def test_invalid_reports_are_refused(self):
        cases = {
            "CallType": {"CallType": "Transferred"},
            "Number": {"Number": "caller"},
            "CallStartTimeUTC": {"CallStartTimeUTC": "yesterday"},
            "Agent": {"Agent": "alice"},
            "CallEndTimeUTC": {"CallEndTimeUTC": stamp(START - timedelta(hours=1))},
        }
        for field, change in cases.items():
            with self.subTest(field=field), self.assertRaises(ReportError) as caught:
                self.inbound(**change)
            self.assertEqual(caught.exception.field, field)
        self.assertFalse(self.env["tcx.call"].search([("start_date", "=", START)]))

    def test_missed_call_schedules_callback_for_the_agent_it_rang(self):
        _o, call = self.missed(Agent=AGENT_EXT)
        self.assertEqual(self.tcx_rule(call), self.agent)
        activity = self.assert_one_callback_task(call)
        self.assertEqual(activity.date_deadline, fields.Date.context_today(call))
        self.assertIn("Call back Salons Lejeune SA, Julie Lejeune", activity.summary)
        self.assertIn("Missed call from +32 476 98 76 54", self.julie.message_ids[:1].body)

    def test_queue_call_missed_by_everybody_goes_to_the_queue(self):
        _o, call = self.missed("+33687654321", QueueExtension="880")
        self.assertEqual(call.queue_id, self.queue)
        self.assertEqual(self.tcx_rule(call), self.agent2)
        self.assert_one_callback_task(call)

    def test_fallbacks_salesperson_then_pbx_default(self):
        self.camille.user_id = self.agent
        _o, call = self.missed("+33687654321")
        self.assertEqual(self.tcx_rule(call), self.agent, "the contact's salesperson")
        self.assert_one_callback_task(call)
        self.pbx.callback_user_id = self.agent2
        _o, unknown = self.missed("+3281987601")  # no pending callback (the demo has +3281223344)
        self.assertEqual(self.tcx_rule(unknown), self.agent2, "the PBX's default callback agent")
        self.assert_one_callback_task(unknown)

    def test_repeated_missed_calls_share_one_callback(self):
        _o, first = self.missed(Agent=AGENT_EXT)
        _o, second = self.missed(Agent=AGENT_EXT, start=START + timedelta(minutes=5))
        self.assertEqual(second.callback_state, "todo")
        task = self.assert_one_callback_task(first)
        self.assertEqual(second._tcx_callback_task(), task, "the same task covers both")
        self.assertEqual(second.callback_user_id, task.user_id)
        holder = first._tcx_callback_holder()
        self.assertIn("called again", holder.message_ids[:1].body)

    def test_callback_from_missed_call_closes_the_activity(self):
        _o, missed = self.missed(Agent=AGENT_EXT)
        _o, again = self.missed(Agent=AGENT_EXT, start=START + timedelta(minutes=5))
        action = missed.with_user(self.agent).action_call_back()
        self.assertEqual(action["params"]["type"], "success")
        self.assertEqual(self.sim.calls[-1]["body"], {"destination": "+32476987654"})
        self.assertEqual((missed | again).mapped("callback_state"), ["done", "done"])
        self.assertFalse(self.callback_activities(missed), "the callback activity is done")
        callback = missed.callback_ids
        self.assertEqual(callback.user_id, self.agent)
        self.assertGreater(missed.callback_delay, 0)
        holder = missed._tcx_callback_holder()
        done = self.env["mail.message"].search(
            [
                ("model", "=", holder._name),
                ("res_id", "=", holder.id),
                ("body", "ilike", "Called back by"),
            ]
        )
        self.assertTrue(done, "the activity is marked done with feedback")

    def test_callback_by_a_colleague_also_closes_it(self):
        _o, missed = self.missed(Agent=AGENT_EXT)
        self.dial("+32 476 98 76 54", user=self.agent2)
        self.assertEqual(missed.callback_state, "done")
        self.assertFalse(self.callback_activities(missed))

    def test_failed_callback_keeps_the_activity(self):
        _o, missed = self.missed(Agent=AGENT_EXT)
        self.sim.faults.add("status", "/callcontrol", status=503)
        action = missed.with_user(self.agent).action_call_back()
        self.assertEqual(action["params"]["type"], "danger")
        self.assertEqual(missed.callback_state, "todo")
        self.assertTrue(self.callback_activities(missed))

    def test_outbound_report_from_desk_phone_closes_callback(self):
        _o, missed = self.missed(Agent=AGENT_EXT)
        self.report(
            CallType="Outbound",
            Number="+32476987654",
            Agent=AGENT2_EXT,
            Duration="00:01:00",
            CallStartTimeUTC=stamp(START + timedelta(hours=2)),
        )
        self.assertEqual(missed.callback_state, "done")
        self.assertAlmostEqual(missed.callback_delay, 2.0)
        self.assertFalse(self.callback_activities(missed), "closed everywhere")

    def test_reassigned_callback_takes_its_task_along(self):
        _o, missed = self.missed(Agent=AGENT_EXT)
        self.assert_one_callback_task(missed)
        missed.with_user(missed.callback_user_id).write({"callback_user_id": self.agent2.id})
        self.assertEqual(
            self.assert_one_callback_task(missed, reassigned=True).user_id, self.agent2
        )

    def test_task_done_by_hand_closes_the_calls_it_stands_for(self):
        _o, missed = self.missed(Agent=AGENT_EXT)
        _o, again = self.missed(Agent=AGENT_EXT, start=START + timedelta(minutes=5))
        task = self.assert_one_callback_task(missed)
        task.with_user(task.user_id).action_feedback(feedback="Reached on her mobile.")
        self.assertEqual((missed | again).mapped("callback_state"), ["done", "done"])
        self.assertFalse(self.callback_activities(missed) | self.callback_activities(again))
        _o, later = self.missed(Agent=AGENT_EXT, start=START + timedelta(hours=3))
        self.assert_one_callback_task(later)

    def test_each_missed_call_has_one_task_for_the_one_rule(self):
        cases = [
            {"Agent": AGENT_EXT},
            {"number": "+33687654321", "QueueExtension": "880"},
            {"number": "+3281987602", "start": START + timedelta(minutes=1)},  # nobody known
        ]
        tasks, assigned = self.env["mail.activity"], 0
        for case in cases:
            _o, call = self.missed(**case)
            if call._tcx_callback_assignee():
                assigned += 1
                tasks |= self.assert_one_callback_task(call)
            else:
                self.assertEqual(call.callback_state, "todo")
                self.assertFalse(call.callback_user_id)
                self.assertFalse(call._tcx_callback_task(), "nobody to assign: no task")
        self.pbx.callback_user_id = self.agent2
        _o, call = self.missed("+3281987603", start=START + timedelta(minutes=2))
        tasks |= self.assert_one_callback_task(call)
        self.assertGreaterEqual(assigned, 2)
        self.assertEqual(len(tasks), assigned + 1, "a task per caller, none shared")

    def test_report_completes_the_click_to_dial_call(self):
        answer = self.dial("0476 98 76 54", record=self.julie)
        requested = self.env["tcx.call"].browse(answer["call_id"])
        started = fields.Datetime.to_string(requested.start_date + timedelta(seconds=3))
        outcome, call = self.report(
            CallType="Outbound",
            Number="+32476987654",
            Agent=AGENT_EXT,
            Duration="00:02:00",
            CallStartTimeUTC=started,
        )
        self.assertEqual((outcome, call), ("updated", requested), "one call, not two")
        self.assertEqual(call.status, "answered")
        self.assertEqual(call.duration, 120)
        self.assertEqual(call.source, "click2dial")
        outcome, _same = self.report(
            CallType="Outbound",
            Number="+32476987654",
            Agent=AGENT_EXT,
            Duration="00:02:00",
            CallStartTimeUTC=started,
        )
        self.assertEqual(outcome, "duplicate")

    def test_on_call_logged_hook_runs_once_per_journaled_call(self):
        seen = []
        Call = type(self.env["tcx.call"])
        original = Call._on_call_logged

        def spy(records):
            seen.extend(records.ids)
            return original(records)

        from unittest.mock import patch

        with patch.object(Call, "_on_call_logged", spy):
            _o, call = self.missed()
            self.missed()
        self.assertEqual(seen, [call.id])

    def test_unknown_hidden_number(self):
        outcome, call = self.report(CallType="Missed", Number="0000", CallStartTimeUTC=stamp(START))
        self.assertEqual(outcome, "created")
        self.assertFalse(call.number_e164)
        self.assertFalse(call.callback_state, "nobody can call a hidden number back")
