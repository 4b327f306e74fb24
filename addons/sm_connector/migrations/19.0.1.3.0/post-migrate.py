# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""SM orders no longer carry a fiscal position (their lines hold the VAT SM charged)."""


def migrate(cr, version):
    """Clear the fiscal position Odoo guessed for the SM orders imported before 19.0.1.3.0.

    SQL on purpose: through the ORM the change would offer to recompute SM's line taxes."""
    if not version:
        return
    cr.execute(
        "UPDATE sale_order SET fiscal_position_id = NULL"
        " WHERE sm_id IS NOT NULL AND fiscal_position_id IS NOT NULL"
    )
