# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import SUPERUSER_ID, fields, models
from odoo.tools import SQL

# Time columns that would tell when each anonymous answer was given: matching them with
# who answered when (participations, mail logs) would re-identify the respondent.
ANONYMOUS_TIME_COLUMNS = {
    "survey_user_input": ("create_date", "write_date", "start_datetime", "end_datetime"),
    "survey_user_input_line": ("create_date", "write_date"),
    "readiness_response": ("create_date", "write_date"),
    "readiness_response_score": ("create_date", "write_date"),
    "readiness_participation": ("write_date",),
}


def coarsen_to_day(records, columns):
    """Truncate the given datetime ``columns`` of ``records`` to midnight (UTC) in SQL.

    The ORM sets create/write dates itself; only SQL can lower their precision.
    """
    if not records:
        return
    records.flush_recordset()
    records.env.cr.execute(
        SQL(
            "UPDATE %s SET %s WHERE id IN %s",
            SQL.identifier(records._table),
            SQL(", ").join(
                SQL("%s = date_trunc('day', %s)", SQL.identifier(col), SQL.identifier(col))
                for col in columns
            ),
            tuple(records.ids),
        )
    )
    records.invalidate_recordset(list(columns))


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    # The wave owns its answers: deleting it must not leave anonymous answers behind,
    # visible once no wave hides them any more.
    readiness_wave_id = fields.Many2one(
        "readiness.wave", index="btree_not_null", ondelete="cascade"
    )

    def _readiness_anonymous(self):
        return self.filtered(lambda answer: answer.readiness_wave_id.is_anonymous)

    def _mark_done(self):
        res = super()._mark_done()
        answers = self.filtered(lambda answer: answer.readiness_wave_id and not answer.test_entry)
        if answers:
            # sudo: respondents cannot read the scoring table nor write results; the survey
            # controller already runs this on a token-checked answer.
            self.env["readiness.response"].sudo()._register_answers(answers)
        return res

    def _notify_new_participation_subscribers(self):
        # "X just participated" posted on an anonymous answer would sign it.
        return super(
            SurveyUserInput, self - self._readiness_anonymous()
        )._notify_new_participation_subscribers()

    def _readiness_forget_respondent(self):
        """Remove every trace of who gave these (anonymous) answers."""
        if not self:
            return
        self.write({"partner_id": False, "email": False, "nickname": False, "invite_token": False})
        # The log columns would still hold the respondent's uid next to the answers.
        self.flush_recordset()
        self.user_input_line_ids.flush_recordset()
        for table, column in (
            ("survey_user_input", "id"),
            ("survey_user_input_line", "user_input_id"),
        ):
            self.env.cr.execute(
                SQL(
                    "UPDATE %s SET create_uid = %s, write_uid = %s WHERE %s IN %s",
                    SQL.identifier(table),
                    SUPERUSER_ID,
                    SUPERUSER_ID,
                    SQL.identifier(column),
                    tuple(self.ids),
                )
            )
        self.invalidate_recordset(["create_uid", "write_uid"])
        self.user_input_line_ids.invalidate_recordset(["create_uid", "write_uid"])

    def _readiness_coarsen_times(self, responses, participations):
        """Keep only the day of every time attached to these anonymous answers.

        Survey stores when an answer was started, ended, created and last written (on the
        answer and each line); the readiness response and score lines have create/write
        dates and the participation's write date marks when its owner answered. All are
        truncated to the day, so that who answered at 10:42 cannot be matched with the
        answer ended at 10:42. The participation's ``state`` still says who answered (for
        reminders) but not which answer is theirs.
        """
        for records in (
            self,
            self.user_input_line_ids,
            responses,
            responses.score_ids,
            participations,
        ):
            coarsen_to_day(records, ANONYMOUS_TIME_COLUMNS[records._table])
