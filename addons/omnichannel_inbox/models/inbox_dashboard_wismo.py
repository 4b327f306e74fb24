# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The measure that matters for SM's customer messages: "where is my order?" contacts avoided.

Per kind of order event whose message was switched to *Send automatically*
(sm.order.event.type.auto_since): the orders that had such an event in the `days` before the
switch and in the `days` after it, and the tickets linked to those orders (the inbox's
order link) opened within CONTACT_DAYS of the event. Tickets per order before vs after.
"""

from odoo import api, models
from odoo.tools import SQL

CONTACT_DAYS = 14  # a customer asking about an event asks within two weeks


class InboxDashboardWismo(models.AbstractModel):
    _inherit = "inbox.dashboard"

    @api.model
    def get_dashboard_data(self, days=30):
        data = super().get_dashboard_data(days=days)
        data["order_contacts"] = self._order_contacts(data["days"], self.env.companies.ids)
        return data

    def _order_contacts(self, days, company_ids):
        """[{event_type, label, auto_since, before: {orders, tickets, per_order}, after: …}]."""
        self.env["sm.order.event"].sudo().flush_model()  # sudo: flush only (SQL below)
        self.env["sm.order.event.type"].sudo().flush_model()  # sudo: flush only
        self.env["helpdesk.ticket"].flush_model()
        self.env.cr.execute(
            SQL(
                """
                WITH events AS (
                    SELECT e.order_id, e.event_type, min(e.create_date) AS at, t.auto_since
                      FROM sm_order_event e
                      JOIN sm_order_event_type t ON t.code = e.event_type
                      JOIN sale_order o ON o.id = e.order_id
                     WHERE t.auto_since IS NOT NULL
                       AND o.company_id = ANY(%(companies)s)
                       AND e.create_date >= t.auto_since - make_interval(days => %(days)s)
                       AND e.create_date < t.auto_since + make_interval(days => %(days)s)
                  GROUP BY e.order_id, e.event_type, t.auto_since
                )
                SELECT ev.event_type, ev.at >= ev.auto_since AS after,
                       count(DISTINCT ev.order_id), count(DISTINCT tk.id)
                  FROM events ev
             LEFT JOIN helpdesk_ticket tk
                    ON tk.company_id = ANY(%(companies)s)
                   AND tk.create_date >= ev.at
                   AND tk.create_date < ev.at + make_interval(days => %(contact_days)s)
                   AND (tk.inbox_order_id = ev.order_id OR EXISTS (
                        SELECT 1 FROM inbox_ticket_sale_order_rel r
                         WHERE r.ticket_id = tk.id AND r.order_id = ev.order_id))
              GROUP BY ev.event_type, after
                """,
                companies=company_ids,
                days=days,
                contact_days=CONTACT_DAYS,
            )
        )
        figures = {}
        for event_type, after, orders, tickets in self.env.cr.fetchall():
            figures.setdefault(event_type, {})["after" if after else "before"] = {
                "orders": orders,
                "tickets": tickets,
                "per_order": round(tickets / orders, 2) if orders else None,
            }
        empty = {"orders": 0, "tickets": 0, "per_order": None}
        rows = []
        # sudo: only the kinds' names and switch dates, for helpdesk managers (checked by
        # get_dashboard_data) who need not be in the SM groups
        configs = self.env["sm.order.event.type"].sudo().search([("auto_since", "!=", False)])
        for config in configs:
            found = figures.get(config.code, {})
            rows.append(
                {
                    "event_type": config.code,
                    "label": config.name,
                    "auto_since": config.auto_since.date().isoformat(),
                    "before": found.get("before", empty),
                    "after": found.get("after", empty),
                }
            )
        return rows
