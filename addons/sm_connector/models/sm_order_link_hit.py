# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import SQL

# (hits, seconds): per visitor IP, and per order whatever the IP (a token tried from many places)
LIMITS = {"ip": (60, 600), "order": (30, 600)}


class SmOrderLinkHit(models.Model):
    """Requests to the order status page, counted per IP and per order to rate-limit them.

    A small DB-backed counter (Odoo's login cooldown is per process; this page is served by
    every worker): one row per request, read over a sliding window, purged by the autovacuum.
    """

    _name = "sm.order.link.hit"
    _description = "Order status page request"
    _log_access = False

    key = fields.Char(required=True, index=True)
    hit_date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)

    @api.model
    def _sm_throttled(self, ip, order_id):
        """Count this request; True when the IP or the order went over its limit.

        :param ip: the visitor's address (str); :param order_id: the order asked for (int).
        """
        over = False
        for kind, value in (("ip", ip), ("order", order_id)):
            hits, seconds = LIMITS[kind]
            key = f"{kind}:{value}"
            # one statement: insert this hit and count the window (now() is the request's
            # transaction time)
            self.env.cr.execute(
                SQL(
                    "WITH hit AS (INSERT INTO sm_order_link_hit (key, hit_date)"
                    " VALUES (%s, now() at time zone 'UTC') RETURNING 1)"
                    " SELECT count(*) + 1 FROM sm_order_link_hit"
                    " WHERE key = %s AND hit_date > (now() at time zone 'UTC') - %s::interval",
                    key,
                    key,
                    f"{int(seconds)} seconds",
                )
            )
            over = over or self.env.cr.fetchone()[0] > hits
        return over

    @api.autovacuum
    def _gc_hits(self):
        longest = max(seconds for _hits, seconds in LIMITS.values())
        self.env.cr.execute(
            SQL(
                "DELETE FROM sm_order_link_hit WHERE hit_date < (now() at time zone 'UTC') - %s::interval",
                f"{longest} seconds",
            )
        )
