# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Who can answer a ticket: the eligibility rule of automatic assignment.

Pure Python, fed with facts read in bulk by ``inbox_step_assign.py``. An agent is eligible
when all of these hold (the first one failing is the reason given):

1. ``unavailable`` — the manual *Available for new tickets* switch is on (the override: an
   agent who switched it off gets nothing, whatever the calendar says);
2. ``language`` — the agent speaks the ticket's language (``fr``/``nl``/``en``); an agent
   whose languages are not filled in speaks them all, a ticket of unknown language needs none;
3. ``skill`` — the agent has every skill tag the ticket needs (e.g. after-sales);
4. ``leave`` — the agent is not on leave at the moment the ticket will be worked on (now,
   or the team's next opening when it is closed);
5. ``capacity`` — the agent has fewer open tickets of the ticket's channel than the
   channel's maximum per agent (0: no maximum).

Balancing among the eligible is :func:`..assignment.pick_assignee`.
"""

from dataclasses import dataclass, field

ELIGIBLE = ""
REASONS = ("unavailable", "language", "skill", "leave", "capacity")


@dataclass(frozen=True)
class Agent:
    """What assignment knows of one team member (all read in bulk, no query here)."""

    user_id: int
    open_tickets: int = 0  # open tickets of every channel: what balancing compares
    last_assigned: object = None  # naive UTC datetime or None (never assigned)
    available: bool = True
    languages: frozenset = field(default_factory=frozenset)  # {"fr", "nl"}; empty: all
    skills: frozenset = field(default_factory=frozenset)  # skill tag ids
    on_leave: bool = False
    open_in_channel: int = 0  # open tickets of the ticket's channel


@dataclass(frozen=True)
class Need:
    """What the ticket asks of its agent."""

    lang: str = ""  # fr / nl / en, "" when unknown
    skills: frozenset = field(default_factory=frozenset)
    capacity: int = 0  # max open tickets of the channel per agent, 0: no maximum


def why_not(agent, need):
    """The first rule ``agent`` fails for ``need`` (one of :data:`REASONS`), or ``""``."""
    if not agent.available:
        return "unavailable"
    if need.lang and agent.languages and need.lang not in agent.languages:
        return "language"
    if not need.skills <= agent.skills:
        return "skill"
    if agent.on_leave:
        return "leave"
    if need.capacity and agent.open_in_channel >= need.capacity:
        return "capacity"
    return ELIGIBLE


def eligible(agents, need):
    """The agents who can take a ticket with ``need``, in the given order."""
    return [agent for agent in agents if not why_not(agent, need)]
