# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The inbound event store became generic: ``conversation_id`` is now ``external_id``."""


def migrate(cr, version):
    """Rename the column in place (no data lost, the index follows)."""
    cr.execute(
        """
        SELECT 1 FROM information_schema.columns
         WHERE table_name = 'inbox_inbound_event' AND column_name = 'conversation_id'
        """
    )
    if cr.fetchone():
        cr.execute("ALTER TABLE inbox_inbound_event RENAME COLUMN conversation_id TO external_id")
