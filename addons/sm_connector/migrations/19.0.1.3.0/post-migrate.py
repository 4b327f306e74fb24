# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""SM orders no longer carry a fiscal position (their lines hold the VAT SM charged), and
their lines have no quantity to invoice (SM invoices them)."""


def migrate(cr, version):
    """Clear what Odoo stored on SM orders imported before 19.0.1.3.0 and computes differently
    since: the fiscal position it guessed, the lines' quantity to invoice.

    SQL on purpose: through the ORM the fiscal position's change would offer to recompute SM's
    line taxes; Odoo does not recompute a stored field whose method changed."""
    if not version:
        return
    cr.execute(
        "UPDATE sale_order SET fiscal_position_id = NULL"
        " WHERE sm_id IS NOT NULL AND fiscal_position_id IS NOT NULL"
    )
    cr.execute(
        "UPDATE sale_order_line line SET qty_to_invoice = 0 FROM sale_order o"
        " WHERE line.order_id = o.id AND o.sm_id IS NOT NULL AND line.qty_to_invoice != 0"
    )
