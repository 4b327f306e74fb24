# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..entities import ENTITY, ENTITY_SELECTION
from ..parsers.column_map import ColumnMap, build_map

JOIN_RULES = [("space", "Space"), ("comma", "Comma and space"), ("none", "Nothing")]
JOIN_WITH = {"space": " ", "comma": ", ", "none": ""}


class SmColumnMap(models.Model):
    """How one backend's SM writes one entity's exports: its columns, codes and gaps.

    The map without a backend is the default of every backend (shipped: the contract's own
    names). The mapping itself is pure: parsers/column_map.py.
    """

    _name = "sm.column.map"
    _description = "SM column map"
    _order = "entity, backend_id"

    name = fields.Char(compute="_compute_name", store=True)
    backend_id = fields.Many2one(
        "sm.backend",
        ondelete="cascade",
        index=True,
        help="Empty: the default map of every backend that has none of its own.",
    )
    entity = fields.Selection(ENTITY_SELECTION, required=True)
    line_ids = fields.One2many("sm.column.map.line", "map_id", string="Columns", copy=True)
    value_ids = fields.One2many("sm.column.map.value", "map_id", string="Value maps", copy=True)

    _backend_entity_unique = models.Constraint(
        "UNIQUE NULLS NOT DISTINCT (backend_id, entity)",
        "One column map per backend and entity (and one default per entity).",
    )

    @api.depends("entity", "backend_id.name")
    def _compute_name(self):
        labels = dict(self._fields["entity"]._description_selection(self.env))
        for column_map in self:
            owner = column_map.backend_id.name or self.env._("default")
            column_map.name = f"{labels.get(column_map.entity, '')} ({owner})"

    def _column_map(self):
        """The pure ColumnMap of this record (parsers/column_map.py)."""
        self.ensure_one()
        return build_map(
            [
                (
                    line.field,
                    line.sm_columns,
                    JOIN_WITH[line.join_rule],
                    line.optional,
                    line.default_value,
                )
                for line in self.line_ids
            ],
            [(value.field, value.sm_value, value.value) for value in self.value_ids],
        )

    def action_preview(self):
        """Open the preview of a file read through this map."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Preview an SM export"),
            "res_model": "sm.column.map.preview",
            "view_mode": "form",
            "target": "new",
            "context": {"default_map_id": self.id},
        }

    @api.model
    def _maps_for(self, backend):
        """{entity: ColumnMap}: the backend's own map, else the default, else the contract."""
        maps = self.search([("backend_id", "in", [backend.id, False])])
        result = {}
        for entity in ENTITY:
            of_entity = maps.filtered(lambda m, e=entity: m.entity == e)
            own = of_entity.filtered("backend_id")[:1] or of_entity[:1]
            result[entity] = (
                own._column_map() if own else ColumnMap.identity(ENTITY[entity].export_columns)
            )
        return result


class SmColumnMapLine(models.Model):
    """One contract column and the SM column(s) that hold it."""

    _name = "sm.column.map.line"
    _description = "SM column map: column"
    _order = "map_id, sequence, id"

    map_id = fields.Many2one("sm.column.map", required=True, ondelete="cascade", index=True)
    entity = fields.Selection(related="map_id.entity")
    sequence = fields.Integer(default=10)
    field = fields.Char(
        string="Contract column", required=True, help="The column's name in the SM contract."
    )
    sm_columns = fields.Char(
        string="SM column(s)",
        help="The column as SM names it; several, separated by commas, are joined in that "
        "order (e.g. first name, surname → name). Empty: always the default.",
    )
    join_rule = fields.Selection(JOIN_RULES, default="space", required=True, string="Join with")
    optional = fields.Boolean(
        help="The column may be absent from SM's files: it then takes the default."
    )
    default_value = fields.Char(string="Default", help="Value of an absent optional column.")

    @api.constrains("field", "map_id")
    def _check_field(self):
        for line in self:
            columns = ENTITY[line.map_id.entity].export_columns
            if line.field not in columns:
                raise ValidationError(
                    self.env._(
                        "%(column)s is not a column of the %(entity)s contract (%(columns)s).",
                        column=line.field,
                        entity=line.map_id.entity,
                        columns=", ".join(columns),
                    )
                )


class SmColumnMapValue(models.Model):
    """One SM value code and the contract value it stands for (e.g. C → customer)."""

    _name = "sm.column.map.value"
    _description = "SM column map: value"
    _order = "map_id, field, sm_value"

    map_id = fields.Many2one("sm.column.map", required=True, ondelete="cascade", index=True)
    field = fields.Char(string="Contract column", required=True)
    sm_value = fields.Char(string="SM value", required=True)
    value = fields.Char(string="Contract value", help="Empty: the cell is read as empty.")

    _value_unique = models.Constraint(
        "UNIQUE(map_id, field, sm_value)", "An SM value is mapped once per column."
    )
