# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.figures import Figure

SECTIONS = [
    ("sync", "Sync health"),
    ("orders", "Orders at risk"),
    ("messages", "Messages sent"),
    ("tickets", "Tickets"),
    ("calls", "Calls"),
    ("people", "Readiness and adoption"),
]
DEFAULT_PERIOD_DAYS = 30


class SuiteCockpitFigure(models.Model):
    """One figure of the manager cockpit: a count, and the list behind it.

    A record only says where the figure sits (section, order, label); what it counts is
    the method ``_figure_<code>(param)``, which returns a :class:`~..tools.figures.Figure`
    (model, domain, optional value). The count and the list it opens use that one domain,
    with the manager's own rights, so the figure always equals its list. A new figure is
    one such method (in the file of its concern) plus one record.
    """

    _name = "suite.cockpit.figure"
    _description = "Cockpit figure"
    _order = "section_sequence, sequence, id"

    name = fields.Char(required=True, translate=True)
    description = fields.Char(translate=True, help="What the figure counts, in one line.")
    code = fields.Char(
        required=True, help="The figure's method is _figure_<code>: the source of its numbers."
    )
    param = fields.Char(help="Passed to the figure's method, e.g. an entity or a message type.")
    section = fields.Selection(SECTIONS, required=True)
    section_sequence = fields.Integer(compute="_compute_section_sequence", store=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    count = fields.Integer(compute="_compute_figure")
    value_display = fields.Char(string="Value", compute="_compute_figure")

    @api.depends("section")
    def _compute_section_sequence(self):
        order = [key for key, _label in SECTIONS]
        for figure in self:
            figure.section_sequence = order.index(figure.section) if figure.section else 0

    @api.constrains("code")
    def _check_code(self):
        for figure in self:
            if not callable(getattr(self, f"_figure_{figure.code}", None)):
                raise ValidationError(
                    self.env._("No cockpit figure is computed by “%s”.", figure.code)
                )

    def _figure(self):
        """The :class:`Figure` of this record (model, domain, value), for the current user."""
        self.ensure_one()
        # the code is admin-written data, checked against the figure methods above
        return getattr(self, f"_figure_{self.code}")(self.param)

    def _compute_figure(self):
        for figure in self:
            spec = figure._figure()
            figure.count = self.env[spec.model].search_count(spec.domain)
            figure.value_display = spec.value if spec.value is not None else str(figure.count)

    def action_open(self):
        """The list behind the figure: same model, same domain, the manager's rights."""
        self.ensure_one()
        spec = self._figure()
        return {
            "type": "ir.actions.act_window",
            "name": self.name,
            "res_model": spec.model,
            "view_mode": spec.view_mode,
            "views": [(False, mode) for mode in spec.view_mode.split(",")],
            "domain": spec.domain,
            "context": {"create": False},
            "target": "current",
        }

    # helpers the figure methods share ------------------------------------------------
    def _since(self, days=None):
        """Start of the cockpit's period (default 30 days, *suite_cockpit.period_days*)."""
        if days is None:
            # sudo: a display setting; ir.config_parameter is readable by admins only
            days = int(
                self.env["ir.config_parameter"]
                .sudo()
                .get_param("suite_cockpit.period_days", DEFAULT_PERIOD_DAYS)
            )
        return fields.Datetime.now() - timedelta(days=days)

    def _format_percent(self, value):
        return "–" if value is None else f"{value:.0f} %"

    def _no_figure(self, model):
        """A figure with nothing behind it (e.g. no wave yet)."""
        return Figure(model, [("id", "=", False)], value="–")
