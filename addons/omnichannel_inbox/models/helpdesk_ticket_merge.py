# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import email_normalize


class HelpdeskTicket(models.Model):
    """Possible duplicates of a ticket, merging tickets, linking the unknown sender to a contact."""

    _inherit = "helpdesk.ticket"  # pylint: disable=consider-merging-classes-inherited

    inbox_duplicate_candidate_ids = fields.Many2many(
        "helpdesk.ticket",
        string="Possible duplicates",
        compute="_compute_inbox_duplicate_candidate_ids",
    )

    @api.depends("partner_id", "inbox_sender_key", "inbox_name_key", "inbox_order_ids")
    def _compute_inbox_duplicate_candidate_ids(self):
        for ticket in self:
            ticket.inbox_duplicate_candidate_ids = ticket._inbox_duplicate_candidates()

    def _inbox_duplicate_candidates(self, limit=10):
        """Open tickets that may be the same request: same sender, same name or same order;
        the ``limit`` latest (``inbox_last_request_date``), newest first.

        One search per clue, each on its own index, then the latest of their union: one
        search with the clues OR-ed (the orders' one a sub-query) made PostgreSQL read every
        ticket, ~1 s at 100,000 tickets on each ticket form (issue 17)."""
        self.ensure_one()
        branches = []
        if self.commercial_partner_id:
            branches.append([("commercial_partner_id", "=", self.commercial_partner_id.id)])
        if self.inbox_sender_key:
            branches.append([("inbox_sender_key", "=", self.inbox_sender_key)])
        if self.inbox_name_key:
            branches.append([("inbox_name_key", "=", self.inbox_name_key)])
        if self.inbox_order_ids:
            branches.append([("inbox_order_ids", "in", self.inbox_order_ids.ids)])
        order = "inbox_last_request_date desc"
        others = [("id", "!=", self._origin.id or 0), ("inbox_open", "=", True)]
        found = self.browse()
        for branch in branches:  # the latest `limit` of each clue hold the latest `limit` of all
            found |= self.search([*others, *branch], limit=limit, order=order)
        if len(branches) < 2:
            return found
        return self.search([("id", "in", found.ids)], limit=limit, order=order)

    def _inbox_set_partner(self, partner):
        """The unknown sender is ``partner``: on the ticket, and as author of their messages."""
        self.ensure_one()
        email = email_normalize(self.partner_email or "")
        self.write(
            {
                "partner_id": partner.id,
                "partner_name": partner.name,
                "partner_email": partner.email or self.partner_email,
                "inbox_possible_duplicate": False,
                "inbox_lang": partner.lang or self.inbox_lang,
            }
        )
        # sudo: re-attributing the customer's own messages of this ticket (write checked)
        Message = self.env["mail.message"].sudo()
        messages = Message.search(
            [("model", "=", self._name), ("res_id", "=", self.id), ("author_id", "=", False)]
        )
        messages.filtered(
            lambda m: not email or email_normalize(m.email_from or "") == email
        ).write({"author_id": partner.id})
        self.message_subscribe(partner_ids=partner.ids)
        return partner

    def _inbox_merge(self, sources):
        """Move everything of ``sources`` into this ticket; they become its duplicates."""
        self.ensure_one()
        sources = sources - self
        if not sources:
            return self
        # sudo: moving mail records between two tickets the user may write (checked by caller)
        Message = self.env["mail.message"].sudo()
        # sudo: attachments follow their messages (same check as above)
        Attachment = self.env["ir.attachment"].sudo()
        # sudo: activities follow their ticket (same check as above)
        Activity = self.env["mail.activity"].sudo()
        closed = self.company_id.helpdesk_mgmt_duplicate_ticket_stage_id or self.env.ref(
            "helpdesk_mgmt.helpdesk_ticket_stage_cancelled", raise_if_not_found=False
        )
        moved_messages = moved_attachments = 0
        for source in sources:
            messages = Message.search([("model", "=", self._name), ("res_id", "=", source.id)])
            attachments = Attachment.search(
                [("res_model", "=", self._name), ("res_id", "=", source.id)]
            )
            messages.write({"res_id": self.id})
            attachments.write({"res_id": self.id})
            Activity.search([("res_model", "=", self._name), ("res_id", "=", source.id)]).write(
                {"res_id": self.id}
            )
            moved_messages += len(messages)
            moved_attachments += len(attachments)
            self.message_subscribe(partner_ids=source.message_partner_ids.ids)
            # sudo: 3CX journal rights differ from helpdesk rights; only the link moves
            self.env["tcx.call"].sudo().search([("inbox_ticket_id", "=", source.id)]).write(
                {"inbox_ticket_id": self.id}
            )
            # a ticket's orders are its customer's: another customer's orders do not follow
            # sudo: the target's customer, only compared
            customer = (self.partner_id or source.partner_id).sudo().commercial_partner_id
            # sudo: the source's orders and their customers, only compared and linked
            orders = (source.sudo().inbox_order_ids | source.sudo().inbox_order_id).filtered(
                lambda o, c=customer: c and o.partner_id.commercial_partner_id == c
            )
            vals = {
                "inbox_order_ids": [fields.Command.link(o.id) for o in orders],
                "inbox_request_count": self.inbox_request_count + source.inbox_request_count,
                "inbox_last_request_date": max(
                    filter(None, [self.inbox_last_request_date, source.inbox_last_request_date])
                ),
                "inbox_possible_duplicate": False,
            }
            if not self.partner_id and source.partner_id:
                vals["partner_id"] = source.partner_id.id
            if not self.inbox_order_id and orders:
                vals["inbox_order_id"] = (source.inbox_order_id & orders or orders[:1]).id
            # sudo: request count and date are system fields; the caller checked write access
            self.sudo().write(vals)
            source_vals = {"duplicate_id": self.id, "inbox_possible_duplicate": False}
            if closed:
                source_vals["stage_id"] = closed.id
            source.write(source_vals)
            source.message_post(
                body=self.env._("Merged into %(ticket)s.", ticket=self.display_name),
                subtype_xmlid="mail.mt_note",
            )
            # sudo: the request log is written by the system, read by managers
            self.env["inbox.request"].sudo().create(
                {
                    "ticket_id": self.id,
                    "outcome": "merged",
                    "partner_id": source.partner_id.id or False,
                    "channel_id": source.channel_id.id or False,
                    "company_id": self.company_id.id,
                }
            )
        self.message_post(
            body=self.env._(
                "Merged %(tickets)s here: %(messages)s messages and %(attachments)s attachments "
                "moved.",
                tickets=", ".join(sources.mapped("number")),
                messages=moved_messages,
                attachments=moved_attachments,
            ),
            subtype_xmlid="mail.mt_note",
        )
        return self

    def action_inbox_merge(self):
        tickets = self if len(self) > 1 else self | self.inbox_duplicate_candidate_ids
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Merge tickets"),
            "res_model": "inbox.merge.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_ticket_ids": tickets.ids,
                "default_target_id": tickets.sorted("create_date")[:1].id,
            },
        }

    def action_inbox_link_partner(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Link to a contact"),
            "res_model": "inbox.link.partner.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_ticket_id": self.id},
        }
