# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Calls' statuses the suite's add-ons share (3CX journal, the inbox's callback tickets)."""

# an inbound call nobody took: someone must call back
MISSED_STATUSES = ("missed", "unanswered")


def is_missed(direction, status):
    """An inbound call nobody answered."""
    return direction == "inbound" and status in MISSED_STATUSES
