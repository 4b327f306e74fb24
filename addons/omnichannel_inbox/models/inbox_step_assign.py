# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.addons.suite_base.tools.languages import guess_lang, lang_code
from odoo.tools import SQL, html2plaintext

from ..helpers.assignment import pick_assignee
from ..helpers.eligibility import Agent, Need, eligible, why_not
from ..helpers.working_hours import next_working_moment


class InboxRouter(models.AbstractModel):
    """Step 5, assign: among the team members who can answer the ticket (language, skills,
    not on leave, under the channel's capacity, switch *available* on — the rule is
    helpers/eligibility.py), the one with the fewest open tickets (helpers/assignment.py).
    Nobody eligible: the team lead gets one activity on the ticket. The facts are read in
    bulk: the same few queries whatever the team size or the number of tickets. A manager
    switches assignment off per team."""

    _inherit = "inbox.router"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _inbox_assign(self, ticket):
        """Give ``ticket`` to an eligible member of its team; returns the assignee (maybe
        empty). A ticket already owned by a team member keeps its owner."""
        team = ticket.team_id
        if not team or not team.inbox_auto_assign:
            return ticket.user_id
        members = team.user_ids.filtered(lambda u: u.active and not u.share)
        if ticket.user_id and ticket.user_id in members:
            return ticket.user_id
        if not members:
            return ticket.user_id
        need = self._inbox_need(ticket)
        self._inbox_lock_team(team, members)
        agents = self._inbox_agent_facts(ticket, members)
        chosen = pick_assignee(eligible(agents, need))
        if chosen:
            ticket.user_id = chosen
            return ticket.user_id
        if ticket.user_id not in members:
            ticket.user_id = False
        self._inbox_tell_lead(ticket, agents, need)
        return ticket.user_id

    @api.model
    def _inbox_lock_team(self, team, members=None):
        """Serialise assignment in ``team`` until the transaction ends: of two intakes
        assigning in one team at the same moment, the second reads the first one's ticket.
        The same for its ``members`` (res.users), whose load counts every team's tickets:
        two intakes of two teams sharing an agent are serialised too (row order by id, so
        two such intakes never wait on each other crosswise).

        Odoo's transactions are REPEATABLE READ: a plain row lock would make the second
        intake wait, then read the load of its snapshot, taken before the first committed.
        A write does not let it: the second write on the row waits for the first
        transaction, then fails with a serialization failure if it committed, and the
        caller runs the whole request again on a fresh snapshot (HTTP and RPC:
        ``odoo.service.model.retrying``; the iAdvize queue and the mail fetcher:
        ``inbox_inbound_event.py``, ``mail_thread.py``). The write changes no value and no
        key: it takes ``FOR NO KEY UPDATE``, so tickets referencing the team are still
        created meanwhile."""
        # the conflict is expected and retried by the caller: not an error in the log
        self.env.cr.execute(
            SQL("UPDATE helpdesk_ticket_team SET write_date = write_date WHERE id = %s", team.id),
            log_exceptions=False,
        )
        if members:
            self.env.cr.execute(
                SQL(
                    "UPDATE res_users SET write_date = write_date WHERE id IN ("
                    " SELECT id FROM res_users WHERE id = ANY(%s) ORDER BY id"
                    " FOR NO KEY UPDATE)",
                    members.ids,
                ),
                log_exceptions=False,
            )

    # ------------------------------------------------------------------------ the ticket
    @api.model
    def _inbox_ticket_lang_code(self, ticket):
        """``fr``/``nl``/``en`` the ticket needs: the SM customer's language, else the
        request's, else guessed from the subject and text, else ``""`` (any agent)."""
        partner = ticket.partner_id
        known = lang_code(partner.sm_id and partner.lang) or lang_code(ticket.inbox_lang)
        if known:
            return known
        return guess_lang(f"{ticket.name or ''}\n{html2plaintext(ticket.description or '')}")

    @api.model
    def _inbox_need(self, ticket):
        skills = ticket.tag_ids.filtered("inbox_skill") | ticket.category_id.inbox_skill_tag_id
        return Need(
            lang=self._inbox_ticket_lang_code(ticket),
            skills=frozenset(skills.ids),
            capacity=max(0, ticket.channel_id.inbox_max_open_per_agent or 0),
        )

    # ------------------------------------------------------------------------ the agents
    @api.model
    def _inbox_agent_facts(self, ticket, members):
        """One :class:`Agent` per member: open tickets (all channels and the ticket's),
        last assignment, languages, skills, leave (one grouped query + prefetched reads)."""
        Ticket = self.env["helpdesk.ticket"]
        Ticket.flush_model(["inbox_open", "user_id", "assigned_date", "channel_id"])
        self.env.cr.execute(
            SQL(
                """
                SELECT user_id, channel_id, count(*), max(assigned_date)
                  FROM helpdesk_ticket
                 WHERE inbox_open IS TRUE AND user_id = ANY(%s) AND id != %s
              GROUP BY user_id, channel_id
                """,
                members.ids,
                ticket.id,
            )
        )
        total, in_channel, last = {}, {}, {}
        channel_id = ticket.channel_id.id
        for user_id, row_channel, count, assigned in self.env.cr.fetchall():
            total[user_id] = total.get(user_id, 0) + count
            if row_channel == channel_id:
                in_channel[user_id] = count
            if assigned and (last.get(user_id) is None or assigned > last[user_id]):
                last[user_id] = assigned
        away = self._inbox_agents_away(members, self._inbox_work_moment(ticket.team_id))
        return [
            Agent(
                user_id=user.id,
                open_tickets=total.get(user.id, 0),
                last_assigned=last.get(user.id),
                available=user.inbox_available,
                languages=frozenset(
                    filter(None, map(lang_code, user.inbox_lang_ids.mapped("code")))
                ),
                skills=frozenset(user.inbox_skill_ids.ids),
                on_leave=user.id in away,
                open_in_channel=in_channel.get(user.id, 0),
            )
            for user in members
        ]

    @api.model
    def _inbox_work_moment(self, team, now=None):
        """When the ticket will be worked on: now if the team works now, else the start of
        the team's next working period (a mail at night goes to who works in the morning)."""
        now = now or fields.Datetime.now()
        calendar = team._inbox_calendar() if team else None
        if not calendar:
            return now
        slots, tz, closures = self.env["inbox.sla.policy"]._inbox_calendar_data(calendar, now)
        return next_working_moment(now, slots, tz, closures)

    @api.model
    def _inbox_agents_away(self, users, moment):
        """Ids of ``users`` on leave at ``moment`` (naive UTC). Reads the leaves of their
        resources (``resource.calendar.leaves``) — Time Off (``hr_holidays``) writes one
        for each validated leave of an employee, so it is covered without a dependency.
        Another source of absences extends this hook (return a larger set)."""
        # sudo: who is away, only compared here; the leaves' details stay private
        leaves = (
            self.env["resource.calendar.leaves"]
            .sudo()
            .search_read(
                [
                    ("resource_id.user_id", "in", users.ids),
                    ("date_from", "<=", moment),
                    ("date_to", ">", moment),
                ],
                ["resource_id"],
            )
        )
        # sudo: only which agents are on leave is read, to route; no leave detail leaves here
        resources = (
            self.env["resource.resource"]
            .sudo()
            .browse([leave["resource_id"][0] for leave in leaves])
        )
        return set(resources.mapped("user_id").ids)

    # ------------------------------------------------------------------------ nobody
    @api.model
    def _inbox_tell_lead(self, ticket, agents, need):
        """One activity for the team lead on a ticket nobody can take, saying why."""
        team = ticket.team_id
        lead = team.user_id
        kind = self.env.ref("omnichannel_inbox.mail_activity_type_inbox_unassigned")
        if not lead or ticket.activity_ids.filtered(lambda a: a.activity_type_id == kind):
            return
        env = self._inbox_text_env(team)
        labels = {
            "unavailable": env._("not available"),
            "language": env._("does not answer in this language"),
            "skill": env._("lacks a skill"),
            "leave": env._("on leave"),
            "capacity": env._("at capacity"),
        }
        users = {user.id: user for user in ticket.team_id.user_ids}
        lines = Markup("").join(
            Markup("<li>%s: %s</li>") % (users[agent.user_id].name, labels[why_not(agent, need)])
            for agent in agents
        )
        note = Markup("<p>%s</p><ul>%s</ul>") % (
            escape(env._("No member of the team can take this ticket now:")),
            lines,
        )
        ticket.activity_schedule(
            "omnichannel_inbox.mail_activity_type_inbox_unassigned",
            summary=env._("Nobody can take this ticket"),
            note=note,
            user_id=lead.id,
        )
