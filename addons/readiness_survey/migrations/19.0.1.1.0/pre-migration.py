# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""``readiness.dimension.code`` becomes a Char (dimensions are data): drop the selection
values Odoo kept for it, which it would otherwise try to clean up as if it still were a
selection field."""


def migrate(cr, version):
    cr.execute(
        """
        SELECT s.id FROM ir_model_fields_selection s
        JOIN ir_model_fields f ON f.id = s.field_id
        WHERE f.model = 'readiness.dimension' AND f.name = 'code'
        """
    )
    ids = tuple(row[0] for row in cr.fetchall())
    if not ids:
        return
    cr.execute(
        "DELETE FROM ir_model_data WHERE model = 'ir.model.fields.selection' AND res_id IN %s",
        (ids,),
    )
    cr.execute("DELETE FROM ir_model_fields_selection WHERE id IN %s", (ids,))
