# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command

from .. import cadence


class ReadinessWave(models.Model):
    """Invitations and reminders: who is invited, mailing them, counting who answered."""

    _inherit = "readiness.wave"  # pylint: disable=consider-merging-classes-inherited

    @api.depends("participation_ids.state")
    def _compute_participation_counts(self):
        data = {
            (wave.id, state): count
            for wave, state, count in self.env["readiness.participation"]._read_group(
                [("wave_id", "in", self.ids)], ["wave_id", "state"], ["__count"]
            )
        }
        for wave in self:
            invited = sum(count for (wave_id, _s), count in data.items() if wave_id == wave.id)
            answered = data.get((wave.id, "done"), 0)
            wave.invited_count = invited
            wave.answered_count = answered
            wave.response_rate = round(100.0 * answered / invited, 1) if invited else 0.0

    def action_open_invite_wizard(self):
        """Open the wizard inviting sales staff filtered by team and showroom."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "readiness_survey.readiness_wave_invite_action"
        )
        action["context"] = {"default_wave_id": self.id}
        return action

    def action_send_reminders(self):
        """Mail the invitation again to everyone who has not answered yet."""
        self.check_access("write")
        reminded = 0
        for wave in self:
            reminded += wave._send_reminders()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success" if reminded else "info",
                "message": self.env._("%(count)s reminder(s) sent.", count=reminded),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def _invite_users(self, users):
        """Invite ``users`` (mail with their personal link); re-sends pending invitations.

        :return: the participations that were mailed.
        """
        self.ensure_one()
        if self.state == "closed":
            raise UserError(self.env._("The wave %(wave)s is closed.", wave=self.display_name))
        if self.state == "draft":
            self.action_start()
        users = users.filtered(lambda user: not user.share)
        known = self.participation_ids.user_id
        self.env["readiness.participation"].create(
            [
                {
                    "wave_id": self.id,
                    "user_id": user.id,
                    "team_id": user.readiness_team_id.id,
                    "showroom_id": user.readiness_showroom_id.id,
                }
                for user in users - known
            ]
        )
        pending = self.participation_ids.filtered(
            lambda p: p.user_id in users and p.state != "done"
        )
        if not pending:
            return pending
        template = self.env.ref("survey.mail_template_user_input_invite", raise_if_not_found=False)
        invite_model = self.env["survey.invite"]
        if self.is_anonymous:
            # sudo: a global rule hides anonymous answers from every user; the survey engine
            # still has to create and mail them for the people invited to this wave.
            invite_model = invite_model.sudo()
        invite = invite_model.with_context(
            readiness_wave_id=self.id,
            default_email_layout_xmlid="mail.mail_notification_light",
        ).create(
            {
                "survey_id": self.survey_id.id,
                "partner_ids": [Command.set(pending.partner_id.ids)],
                "template_id": template.id if template else False,
                "deadline": self.deadline,
                "existing_mode": "resend",
            }
        )
        invite.action_invite()
        self.last_mailing_date = fields.Datetime.now()
        return pending

    def _link_answers(self, answers):
        """Attach the survey answers created for this wave to the participations."""
        self.ensure_one()
        by_partner = {answer.partner_id.id: answer for answer in answers if answer.partner_id}
        for participation in self.participation_ids.filtered(lambda p: p.state != "done"):
            answer = by_partner.get(participation.partner_id.id)
            if answer and participation.user_input_id != answer:
                participation.user_input_id = answer

    def _send_reminders(self):
        """Re-send the invitation to participants who did not answer; return how many."""
        self.ensure_one()
        if self.state != "running":
            return 0
        pending = self.participation_ids.filtered(lambda p: p.state != "done")
        if not pending:
            return 0
        self._invite_users(pending.user_id)
        for participation in pending:
            participation.write(
                {
                    "reminder_count": participation.reminder_count + 1,
                    "last_reminder_date": fields.Datetime.now(),
                }
            )
        return len(pending)

    @api.model
    def _cron_send_reminders(self):
        """Remind non-respondents of running waves that ask for automatic reminders."""
        now = fields.Datetime.now()
        waves = self.search([("state", "=", "running"), ("auto_reminder", "=", True)])
        due = waves.filtered(
            lambda w: (
                (not w.deadline or w.deadline > now)
                and (
                    not w.last_mailing_date
                    or w.last_mailing_date + relativedelta(days=w.reminder_interval) <= now
                )
            )
        )
        on_day = self._due_reminder_days(now)
        self.env["ir.cron"]._commit_progress(remaining=len(due) + len(on_day))
        for wave in due:
            wave._send_reminders()
            if not self.env["ir.cron"]._commit_progress(1):
                return
        for wave, day in on_day.items():
            # Recorded with the mailing in one commit: a rerun the same day sends nothing.
            wave._send_reminders()
            wave.reminder_day_done = day
            if not self.env["ir.cron"]._commit_progress(1):
                return

    @api.model
    def _due_reminder_days(self, now):
        """``{wave: day}`` of running waves with a reminder day due and not sent yet."""
        waves = self.search([("state", "=", "running"), ("reminder_days", "!=", False)])
        due = {}
        for wave in waves:
            if wave.deadline and wave.deadline <= now:
                continue
            days_open = (fields.Date.context_today(wave, now) - wave.date_start).days
            day = cadence.due_reminder_day(
                cadence.parse_days(wave.reminder_days), days_open, wave.reminder_day_done
            )
            if day:
                due[wave] = day
        return due
