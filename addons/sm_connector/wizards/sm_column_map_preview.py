# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import json
from itertools import islice

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..parsers.export_parser import iter_records, read_csv_rows, read_xlsx_rows
from ..parsers.record_validator import SmRecordError, validate

PREVIEW_ROWS = 20


class SmColumnMapPreview(models.TransientModel):
    """The first rows of an SM export as the map reads them, with each row's problems,
    before anything is imported (the same parser, map and validator as the sync)."""

    _name = "sm.column.map.preview"
    _description = "SM column map: preview of a file"

    map_id = fields.Many2one("sm.column.map", required=True, ondelete="cascade")
    file = fields.Binary(string="SM export (CSV or XLSX)", required=True)
    file_name = fields.Char()
    line_ids = fields.One2many("sm.column.map.preview.line", "preview_id", readonly=True)

    @api.model
    def _preview_lines(self, column_map, entity, data, is_xlsx, limit=PREVIEW_ROWS):
        """[(line number, mapped record as JSON text, problem or "")] of the first rows."""
        header, rows = read_xlsx_rows(data) if is_xlsx else read_csv_rows(data)
        lines = []
        try:
            for number, _raw, record in islice(
                iter_records(entity, header, rows, column_map), limit
            ):
                if isinstance(record, SmRecordError):
                    lines.append((number, "", str(record)))
                    continue
                try:
                    canonical = validate(entity, record)
                    problem = ""
                except SmRecordError as exc:
                    canonical, problem = record, str(exc)
                lines.append((number, json.dumps(canonical, ensure_ascii=False), problem))
        except SmRecordError as exc:  # the whole file (header) is refused
            lines.append((1, "", str(exc)))
        return lines

    def action_preview(self):
        """Read the file and show its first rows as mapped."""
        self.ensure_one()
        data = base64.b64decode(self.file or b"")
        is_xlsx = (self.file_name or "").lower().endswith(".xlsx")
        try:
            lines = self._preview_lines(
                self.map_id._column_map(), self.map_id.entity, data, is_xlsx
            )
        except (ValueError, KeyError, OSError) as exc:
            raise UserError(self.env._("This file cannot be read: %s", exc)) from None
        self.line_ids = [(5, 0, 0)] + [
            (0, 0, {"line_number": number, "record": record, "problem": problem})
            for number, record, problem in lines
        ]
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }


class SmColumnMapPreviewLine(models.TransientModel):
    _name = "sm.column.map.preview.line"
    _description = "SM column map: previewed row"
    _order = "line_number"

    preview_id = fields.Many2one("sm.column.map.preview", required=True, ondelete="cascade")
    line_number = fields.Integer(string="Line")
    record = fields.Text(string="As the sync reads it")
    problem = fields.Char()
