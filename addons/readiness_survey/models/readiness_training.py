# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class ReadinessTraining(models.Model):
    """A course assigned to one person because of a barrier point found in a wave.

    The course lives in eLearning (``website_slides``): assigning enrols the person, and
    the completion shown here is read back from their course membership, so that the next
    wave can show it beside the new score.
    """

    _name = "readiness.training"
    _description = "Readiness Training Assignment"
    _order = "create_date desc, id desc"
    _rec_name = "channel_id"

    wave_id = fields.Many2one(
        "readiness.wave",
        required=True,
        ondelete="cascade",
        index=True,
        help="The wave whose results led to the assignment.",
    )
    dimension_id = fields.Many2one("readiness.dimension", string="Barrier", required=True)
    channel_id = fields.Many2one(
        "slide.channel", string="Course", required=True, ondelete="cascade"
    )
    user_id = fields.Many2one("res.users", string="Trainee", required=True, ondelete="cascade")
    partner_id = fields.Many2one(related="user_id.partner_id")
    team_id = fields.Many2one("readiness.team")
    showroom_id = fields.Many2one("readiness.showroom")
    group_result_id = fields.Many2one(
        "readiness.group.result", string="Assigned From Group", ondelete="set null"
    )
    completion = fields.Integer(
        string="Completion (%)",
        compute="_compute_completion",
        compute_sudo=True,
        aggregator="avg",
        help="Read from the person's eLearning course membership.",
    )
    member_status = fields.Selection(
        [
            ("invited", "Invited"),
            ("joined", "Joined"),
            ("ongoing", "Ongoing"),
            ("completed", "Finished"),
        ],
        string="Course Status",
        compute="_compute_completion",
        compute_sudo=True,
    )

    _wave_user_channel_unique = models.Constraint(
        "UNIQUE(wave_id, user_id, channel_id)", "A course is assigned once per person and wave."
    )

    @api.depends("channel_id", "partner_id")
    def _compute_completion(self):
        memberships = self.env["slide.channel.partner"].search(
            [
                ("channel_id", "in", self.channel_id.ids),
                ("partner_id", "in", self.partner_id.ids),
            ]
        )
        by_key = {(m.channel_id.id, m.partner_id.id): m for m in memberships}
        for training in self:
            membership = by_key.get((training.channel_id.id, training.partner_id.id))
            training.completion = membership.completion if membership else 0
            training.member_status = membership.member_status if membership else False

    @api.model
    def _assign(self, wave, dimension, users, group_result=None):
        """Enrol ``users`` in the course of ``dimension`` and record why.

        :return: the assignments created (people already assigned this course for this
            wave are skipped, so a second click changes nothing).
        """
        # checked first: the enrolment below runs as superuser
        self.check_access("create")
        channel = dimension.channel_id
        if not channel:
            raise UserError(
                self.env._(
                    "No course is set for %(dimension)s: pick one in Configuration > Dimensions.",
                    dimension=dimension.name,
                )
            )
        known = self.search(
            [
                ("wave_id", "=", wave.id),
                ("channel_id", "=", channel.id),
                ("user_id", "in", users.ids),
            ]
        ).user_id
        users = users - known
        if not users:
            return self
        # sudo: readiness managers need not be eLearning officers; the course is the one
        # mapped to the dimension and the people are members of a group they can read.
        channel.sudo()._action_add_members(users.partner_id)
        return self.create(
            [
                {
                    "wave_id": wave.id,
                    "dimension_id": dimension.id,
                    "channel_id": channel.id,
                    "user_id": user.id,
                    "team_id": user.readiness_team_id.id,
                    "showroom_id": user.readiness_showroom_id.id,
                    "group_result_id": group_result.id if group_result else False,
                }
                for user in users
            ]
        )

    @api.model
    def _notification(self, trainings):
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success" if trainings else "info",
                "message": self.env._(
                    "%(count)s person(s) enrolled in %(courses)s.",
                    count=len(trainings),
                    courses=", ".join(trainings.channel_id.mapped("name")) or "-",
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
