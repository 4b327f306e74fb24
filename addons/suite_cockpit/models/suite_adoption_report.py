# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools
from odoo.tools import SQL

# Kinds logged through suite.usage.event._suite_log() (the other kinds are read where the
# suite already records the action: messages, the call journal).
USAGE_KINDS = ("order_message_sent", "canned_reply", "customer_360")
KINDS = [
    ("ticket_answered", "Ticket answers"),
    ("call_logged", "Calls placed from Odoo"),
    ("callback_done", "Callbacks done"),
    ("order_message_sent", "Prepared order messages sent"),
    ("canned_reply", "Canned replies used"),
    ("customer_360", "Customer 360 panels opened"),
]


class SuiteAdoptionReport(models.Model):
    """What staff actually do in the suite, per team/showroom, week and activity, beside the
    readiness index of the latest closed wave.

    Aggregated in SQL and never per person: a row counts the actions of a group (the
    readiness team and showroom of the users who acted). Groups with fewer members than
    the minimum group size of the latest anonymous wave are left out, so an anonymous
    survey's promise is not broken by adoption figures.
    """

    _name = "suite.adoption.report"
    _description = "Adoption per team and week"
    _auto = False
    _order = "week desc, team_id, showroom_id, kind"

    week = fields.Date(readonly=True, help="Monday of the week (UTC).")
    team_id = fields.Many2one("readiness.team", readonly=True)
    showroom_id = fields.Many2one("readiness.showroom", readonly=True)
    kind = fields.Selection(KINDS, string="Activity", readonly=True)
    action_count = fields.Integer(string="Actions", readonly=True, aggregator="sum")
    people_count = fields.Integer(
        string="People Active",
        readonly=True,
        aggregator="max",
        help="How many members of the group did this activity this week.",
    )
    headcount = fields.Integer(
        string="Group Size", readonly=True, aggregator="max", help="Active internal users."
    )
    readiness_index = fields.Float(
        string="Readiness (Latest Wave)",
        readonly=True,
        aggregator="avg",
        help="The group's readiness index in the latest closed wave (the team's if the "
        "showroom has no result of its own).",
    )

    def _adoption_sources(self):
        """One SQL per source of actions, each selecting ``(kind, user_id, date)``.

        A new activity is one more entry here (and in ``KINDS``)."""
        return [
            # a reply to the customer (not an internal note) written by staff on a ticket
            SQL(
                """SELECT 'ticket_answered' AS kind, u.id AS user_id, m.date AS date
                     FROM mail_message m
                     JOIN res_users u ON u.partner_id = m.author_id AND NOT u.share
                    WHERE m.model = 'helpdesk.ticket'
                      AND m.message_type IN ('comment', 'email')
                      AND m.subtype_id = (SELECT res_id FROM ir_model_data
                                           WHERE module = 'mail' AND name = 'mt_comment')"""
            ),
            SQL(
                """SELECT 'call_logged', c.user_id, c.start_date FROM tcx_call c
                    WHERE c.source = 'click2dial' AND c.user_id IS NOT NULL"""
            ),
            SQL(
                """SELECT 'callback_done', c.callback_user_id, c.callback_date FROM tcx_call c
                    WHERE c.callback_state = 'done' AND c.callback_user_id IS NOT NULL
                      AND c.callback_date IS NOT NULL"""
            ),
            SQL(
                "SELECT e.kind, e.user_id, e.date FROM suite_usage_event e WHERE e.kind IN %s",
                USAGE_KINDS,
            ),
        ]

    def _query(self):
        actions = SQL(" UNION ALL ").join(self._adoption_sources())
        return SQL(
            """
            WITH actions AS (%(actions)s),
            staff AS (
                SELECT u.id AS user_id, u.readiness_team_id AS team_id,
                       u.readiness_showroom_id AS showroom_id
                  FROM res_users u
                 WHERE u.active AND NOT u.share
            ),
            groups AS (
                SELECT team_id, showroom_id, count(*) AS headcount
                  FROM staff GROUP BY team_id, showroom_id
            ),
            minimum AS (
                SELECT COALESCE((SELECT w.min_group_size FROM readiness_wave w
                                  WHERE w.is_anonymous
                                  ORDER BY w.date_start DESC, w.id DESC LIMIT 1), 1) AS size
            ),
            latest AS (
                SELECT w.id FROM readiness_wave w WHERE w.state = 'closed'
                 ORDER BY w.date_start DESC, w.id DESC LIMIT 1
            ),
            counted AS (
                SELECT date_trunc('week', a.date)::date AS week, s.team_id, s.showroom_id,
                       a.kind, count(*) AS action_count,
                       count(DISTINCT a.user_id) AS people_count
                  FROM actions a JOIN staff s ON s.user_id = a.user_id
                 GROUP BY 1, 2, 3, 4
            )
            SELECT row_number() OVER (ORDER BY c.week, c.team_id, c.showroom_id, c.kind) AS id,
                   c.week, c.team_id, c.showroom_id, c.kind, c.action_count, c.people_count,
                   g.headcount, r.readiness_index
              FROM counted c
              JOIN groups g ON g.team_id IS NOT DISTINCT FROM c.team_id
                           AND g.showroom_id IS NOT DISTINCT FROM c.showroom_id
             CROSS JOIN minimum m
              LEFT JOIN LATERAL (
                    SELECT gr.readiness_index
                      FROM readiness_group_result gr JOIN latest l ON l.id = gr.wave_id
                     WHERE gr.team_id = c.team_id
                       AND (gr.showroom_id = c.showroom_id OR gr.showroom_id IS NULL)
                     ORDER BY gr.showroom_id IS NULL, gr.id
                     LIMIT 1
              ) r ON TRUE
             WHERE g.headcount >= m.size
            """,
            actions=actions,
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._query())
        )
