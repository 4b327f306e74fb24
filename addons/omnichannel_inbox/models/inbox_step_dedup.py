# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.tools import SQL, email_normalize

from ..helpers.dedup import DEFAULT_WINDOW_HOURS, Candidate, normalize_name, pick_open_ticket
from ..helpers.mail_threading import DEFAULT_TICKET_REF_PATTERN, ticket_refs


class InboxRouter(models.AbstractModel):
    """Step 3, dedup / thread: an explicit reply goes to its ticket (Odoo's References, else
    the ticket number in the subject, else Outlook's Thread-Index); a new request of a
    customer who has an open ticket (any channel, within the window) joins it and says so."""

    _inherit = "inbox.router"  # pylint: disable=consider-merging-classes-inherited

    # -------------------------------------------------------------------- threading (mail)
    @api.model
    def _inbox_mail_thread_target(self, req, msg_dict):
        """The ticket an e-mail without usable References answers, or an empty recordset."""
        # sudo: threading looks at every ticket, whoever the gateway user is
        Ticket = self.env["helpdesk.ticket"].sudo()
        pattern = self._param("ticket_ref_pattern") or DEFAULT_TICKET_REF_PATTERN
        refs = ticket_refs(req.subject, pattern)
        if refs:
            Ticket.flush_model(["number"])
            self.env.cr.execute(
                SQL(
                    "SELECT id FROM helpdesk_ticket WHERE number = ANY(%s) AND company_id = %s "
                    "ORDER BY id DESC LIMIT 5",
                    refs,
                    req.company_id,
                )
            )
            candidates = Ticket.browse([row[0] for row in self.env.cr.fetchall()])
            for ticket in candidates:
                if self._inbox_sender_matches(ticket, msg_dict):
                    return ticket
        root = msg_dict.get("inbox_thread_index")
        if root:
            self.env["mail.message"].flush_model(["inbox_thread_index", "model", "res_id"])
            self.env.cr.execute(
                SQL(
                    "SELECT res_id FROM mail_message WHERE inbox_thread_index = %s "
                    "AND model = 'helpdesk.ticket' GROUP BY res_id ORDER BY MAX(id) DESC LIMIT 5",
                    root,
                )
            )
            candidates = Ticket.browse([row[0] for row in self.env.cr.fetchall()]).exists()
            for ticket in candidates:
                if ticket.company_id.id == req.company_id and self._inbox_sender_matches(
                    ticket, msg_dict
                ):
                    return ticket
        return Ticket

    @api.model
    def _inbox_sender_matches(self, ticket, msg_dict):
        """The one sender rule of every threading fallback (ticket number in the subject,
        Outlook's Thread-Index): a subject is easy to type and a Thread-Index travels with a
        forwarded mail, so only someone who takes part in the ticket threads into it that
        way: its customer, a follower, or the author of one of its messages."""
        sender = email_normalize(msg_dict.get("email_from") or msg_dict.get("from") or "")
        return bool(sender) and sender in self._inbox_ticket_participants(ticket)

    @api.model
    def _inbox_ticket_participants(self, ticket):
        """Normalized addresses of the people who take part in ``ticket``."""
        known = {
            email_normalize(ticket.partner_email or ""),
            ticket.partner_id.email_normalized,
            ticket.commercial_partner_id.email_normalized,
            *ticket.message_partner_ids.mapped("email_normalized"),
        }
        self.env["mail.message"].flush_model(["model", "res_id", "author_id", "email_from"])
        self.env.cr.execute(
            SQL(
                """
                SELECT DISTINCT p.email_normalized, m.email_from
                  FROM mail_message m
             LEFT JOIN res_partner p ON p.id = m.author_id
                 WHERE m.model = 'helpdesk.ticket' AND m.res_id = %s
                   AND m.message_type IN ('email', 'comment')
                """,
                ticket.id,
            )
        )
        for author_email, email_from in self.env.cr.fetchall():
            known.add(author_email)
            known.add(email_normalize(email_from or ""))
        return {address for address in known if address}

    # ------------------------------------------------------------------------------ dedup
    @api.model
    def _inbox_window_hours(self):
        try:
            return float(self._param("dedup_window_hours", DEFAULT_WINDOW_HOURS))
        except (TypeError, ValueError):
            return DEFAULT_WINDOW_HOURS

    @api.model
    def _inbox_find_existing(self, req):
        Ticket = self.env["helpdesk.ticket"]
        if req.thread_ticket_id:
            ticket = Ticket.browse(req.thread_ticket_id).exists()
            if ticket:
                return ticket, "threaded"
        if not req.allow_dedup or not (req.commercial_partner_id or req.sender_key):
            return Ticket, None
        window = self._inbox_window_hours()
        if window <= 0:
            return Ticket, None
        since = req.received - timedelta(hours=window)
        Ticket.flush_model(
            ["inbox_open", "commercial_partner_id", "inbox_sender_key", "inbox_last_request_date",
             "company_id", "channel_id"]
        )  # fmt: skip
        # both branches use a partial index on the open tickets (BitmapOr)
        self.env.cr.execute(
            SQL(
                """
                SELECT t.id, t.inbox_last_request_date, c.inbox_code
                  FROM helpdesk_ticket t
             LEFT JOIN helpdesk_ticket_channel c ON c.id = t.channel_id
                 WHERE t.inbox_open IS TRUE AND t.company_id = %(company)s
                   AND t.inbox_last_request_date >= %(since)s
                   AND ((t.commercial_partner_id IS NOT NULL AND t.commercial_partner_id = %(partner)s)
                        OR (t.inbox_sender_key IS NOT NULL AND t.inbox_sender_key = %(key)s))
              ORDER BY t.inbox_last_request_date DESC
                 LIMIT 5
                """,
                company=req.company_id,
                since=since,
                partner=req.commercial_partner_id or None,
                key=req.sender_key or None,
            )
        )
        candidates = [Candidate(row[0], row[1], row[2] or "") for row in self.env.cr.fetchall()]
        ticket_id = pick_open_ticket(candidates, req.received, window)
        return (Ticket.browse(ticket_id), "deduplicated") if ticket_id else (Ticket, None)

    @api.model
    def _inbox_append(self, ticket, req, outcome):
        """The request joins ``ticket``: its orders, its date, and a note in the thread."""
        vals = {
            "inbox_last_request_date": req.received,
            "inbox_request_count": ticket.inbox_request_count + 1,
        }
        if outcome == "deduplicated":
            vals["inbox_dedup_count"] = ticket.inbox_dedup_count + 1
        if not ticket.partner_id and req.partner_id:
            vals["partner_id"] = req.partner_id
        # a threaded reply may come from someone else than the ticket's customer: only the
        # ticket customer's orders are linked, the others are noted (inbox_note_foreign_orders)
        customer = ticket.commercial_partner_id.id or req.commercial_partner_id
        orders = self.env["sale.order"].browse(req.order_ids)
        own = self._inbox_orders_of(orders, customer)
        req.foreign_order_ids = list(dict.fromkeys([*req.foreign_order_ids, *(orders - own).ids]))
        req.order_ids = own.ids
        new_orders = [oid for oid in req.order_ids if oid not in ticket.inbox_order_ids.ids]
        if new_orders:
            vals["inbox_order_ids"] = [fields.Command.link(oid) for oid in new_orders]
        if not ticket.inbox_order_id and req.order_ids:
            vals["inbox_order_id"] = req.order_ids[0]
        if req.phone and not ticket.inbox_phone:
            vals["inbox_phone"] = req.phone
        ticket.write(vals)
        if outcome == "deduplicated":
            channel = self._inbox_channel(req)
            env = self.env["inbox.router"]._inbox_text_env(ticket.team_id)
            text = env._(
                "New request by %(channel)s from %(who)s added to this ticket: the customer "
                "already had it open (no new ticket, no duplicate).",
                channel=channel.with_env(env).name or req.channel,
                who=req.name or req.email_normalized or req.phone_e164 or env._("the customer"),
            )
            details = ""
            if req.order_numbers:
                details = env._("Orders mentioned: %s", ", ".join(req.order_numbers))
            body = Markup("<p>%s</p>") % escape(text)
            if details:
                body += Markup("<p>%s</p>") % escape(details)
            ticket.message_post(
                body=body,
                subtype_xmlid="mail.mt_note",
                message_type="comment",
                inbox_channel_id=channel.id or False,
            )
        return ticket

    # --------------------------------------------------------- possible duplicates (unknown)
    @api.model
    def _inbox_flag_possible_duplicate(self, ticket, req):
        """An unidentified sender with the name of an open ticket's customer, or quoting the
        same order, is flagged for the "Possible duplicates" filter (not merged: only a
        person can tell)."""
        if req.partner_id:
            return False
        name_key = normalize_name(req.name) if req.name else ""
        if name_key and ticket.inbox_name_key != name_key:
            ticket.inbox_name_key = name_key
        window = self._inbox_window_hours()
        since = req.received - timedelta(hours=max(window, 24.0))
        Ticket = self.env["helpdesk.ticket"]
        Ticket.flush_model(
            ["inbox_open", "inbox_name_key", "inbox_last_request_date", "company_id"]
        )
        found = False
        if name_key and len(name_key) > 3:
            self.env.cr.execute(
                SQL(
                    """
                    SELECT 1 FROM helpdesk_ticket
                     WHERE inbox_open IS TRUE AND inbox_name_key = %s AND id != %s AND company_id = %s
                       AND inbox_last_request_date >= %s
                     LIMIT 1
                    """,
                    name_key,
                    ticket.id,
                    req.company_id,
                    since,
                )
            )
            found = bool(self.env.cr.fetchone())
        cited = [*req.order_ids, *req.foreign_order_ids]
        if not found and cited:
            self.env.cr.execute(
                SQL(
                    """
                    SELECT 1 FROM inbox_ticket_sale_order_rel r
                      JOIN helpdesk_ticket t ON t.id = r.ticket_id
                     WHERE r.order_id = ANY(%s) AND t.id != %s AND t.inbox_open IS TRUE
                     LIMIT 1
                    """,
                    cited,
                    ticket.id,
                )
            )
            found = bool(self.env.cr.fetchone())
        if found:
            ticket.inbox_possible_duplicate = True
        return found
