# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Balanced assignment: the available member with the fewest open tickets.

Pure Python. Ties go to the member who was assigned a ticket longest ago, then to the lowest
user id, so that a burst of requests is spread round-robin over equally loaded agents.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Member:
    user_id: int
    open_tickets: int = 0
    last_assigned: object = None  # naive UTC datetime or None (never assigned)
    available: bool = True


def pick_assignee(members):
    """The user id to assign, or None when no member is available."""
    available = [m for m in members if m.available]
    if not available:
        return None

    def key(member):
        # never assigned sorts first; datetimes compare among themselves
        return (
            member.open_tickets,
            member.last_assigned is not None,
            member.last_assigned or 0,
            member.user_id,
        )

    return min(available, key=key).user_id
