"""Who can answer a ticket (pure rule of automatic assignment)."""

from datetime import datetime

from hypothesis import given
from hypothesis import strategies as st

from odoo.addons.omnichannel_inbox.helpers.assignment import pick_assignee
from odoo.addons.omnichannel_inbox.helpers.eligibility import (
    REASONS,
    Agent,
    Need,
    eligible,
    why_not,
)
from odoo.addons.omnichannel_inbox.helpers.working_hours import Slot, next_working_moment

AFTER_SALES = 7


def test_language_excludes_agents_who_do_not_answer_in_it():
    fr_only = Agent(1, languages=frozenset({"fr"}))
    nl_en = Agent(2, languages=frozenset({"nl", "en"}))
    anyone = Agent(3)  # languages not filled in: every language
    assert why_not(fr_only, Need(lang="nl")) == "language"
    assert [a.user_id for a in eligible([fr_only, nl_en, anyone], Need(lang="nl"))] == [2, 3]
    assert [a.user_id for a in eligible([fr_only, nl_en], Need(lang=""))] == [1, 2]


def test_skill_needs_every_skill_of_the_ticket():
    plain = Agent(1)
    sav = Agent(2, skills=frozenset({AFTER_SALES}))
    need = Need(skills=frozenset({AFTER_SALES}))
    assert why_not(plain, need) == "skill"
    assert eligible([plain, sav], need) == [sav]
    assert why_not(sav, Need(skills=frozenset({AFTER_SALES, 8}))) == "skill"


def test_leave_and_capacity_and_the_manual_switch():
    assert why_not(Agent(1, on_leave=True), Need()) == "leave"
    assert why_not(Agent(1, open_in_channel=3), Need(capacity=3)) == "capacity"
    assert why_not(Agent(1, open_in_channel=2), Need(capacity=3)) == ""
    assert why_not(Agent(1, open_in_channel=50), Need(capacity=0)) == "", "0: no maximum"
    # the switch overrides everything, and is the reason given first
    off = Agent(1, available=False, on_leave=True, languages=frozenset({"fr"}))
    assert why_not(off, Need(lang="nl")) == "unavailable"


def test_balanced_among_the_eligible_only():
    busy_fr = Agent(1, open_tickets=5, languages=frozenset({"fr"}))
    idle_nl = Agent(2, open_tickets=0, languages=frozenset({"nl"}))
    calm_fr = Agent(3, open_tickets=2, languages=frozenset({"fr"}))
    assert pick_assignee(eligible([busy_fr, idle_nl, calm_fr], Need(lang="fr"))) == 3
    assert (
        pick_assignee(eligible([busy_fr, idle_nl], Need(lang="en", skills=frozenset({1})))) is None
    )


@given(
    st.builds(
        Agent,
        user_id=st.integers(1, 50),
        available=st.booleans(),
        languages=st.frozensets(st.sampled_from(["fr", "nl", "en"])),
        skills=st.frozensets(st.integers(1, 4)),
        on_leave=st.booleans(),
        open_in_channel=st.integers(0, 6),
    ),
    st.builds(
        Need,
        lang=st.sampled_from(["", "fr", "nl", "en"]),
        skills=st.frozensets(st.integers(1, 4), max_size=2),
        capacity=st.integers(0, 5),
    ),
)
def test_eligible_exactly_when_no_rule_fails(agent, need):
    reason = why_not(agent, need)
    assert reason in ("", *REASONS)
    expected = (
        agent.available
        and (not need.lang or not agent.languages or need.lang in agent.languages)
        and need.skills <= agent.skills
        and not agent.on_leave
        and (not need.capacity or agent.open_in_channel < need.capacity)
    )
    assert (reason == "") == expected
    assert (eligible([agent], need) == [agent]) == expected


def test_next_working_moment_is_now_or_the_next_opening():
    office = [Slot(d, 9.0, 17.0) for d in range(5)]
    monday_10 = datetime(2026, 11, 23, 9, 0)  # 10:00 in Brussels
    assert next_working_moment(monday_10, office, "Europe/Brussels") == monday_10
    friday_night = datetime(2026, 11, 27, 22, 0)
    assert next_working_moment(friday_night, office, "Europe/Brussels") == datetime(
        2026, 11, 30, 8, 0
    ), "Monday 09:00 in Brussels"
    assert next_working_moment(friday_night, [], "Europe/Brussels") == friday_night
