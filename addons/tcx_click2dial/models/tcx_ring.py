# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
from datetime import timedelta

from odoo import SUPERUSER_ID, api, fields, models
from odoo.addons.suite_phone.tools import phone_number
from odoo.exceptions import AccessError
from odoo.tools import SQL

from ..adapters.call_events import TcxCallEventsAdapter
from ..helpers.call_events import ring_key, ringing_caller

_logger = logging.getLogger(__name__)

BUS_TYPE = "tcx_click2dial/ringing"
KEEP_DAYS = 7


class TcxRing(models.Model):
    """One ringing of an agent's extension seen on 3CX's Call Control events, and the pop-up
    sent for it. The unique key makes one pop-up per real ringing, however many times 3CX
    repeats the event and however many listeners run."""

    _name = "tcx.ring"
    _description = "3CX ringing"
    _order = "date desc, id desc"
    _log_access = False

    ring_key = fields.Char(required=True, readonly=True)
    pbx_id = fields.Many2one("tcx.pbx", required=True, readonly=True, ondelete="cascade")
    company_id = fields.Many2one(related="pbx_id.company_id", store=True)
    date = fields.Datetime(required=True, readonly=True, index=True)
    extension = fields.Char(readonly=True)
    participant_id = fields.Integer(string="3CX participant", readonly=True)
    pbx_call_id = fields.Char(string="3CX call id", readonly=True)
    number = fields.Char(readonly=True)
    number_e164 = fields.Char(string="Number (E.164)", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Caller", readonly=True)
    user_id = fields.Many2one("res.users", string="Agent", readonly=True)
    delivered = fields.Boolean(string="Pop-up sent", readonly=True)

    _ring_key_unique = models.Constraint("UNIQUE(ring_key)", "This ringing is already known.")

    @api.model
    def _tcx_ring_received(self, pbx, dn, participant):
        """3CX says ``participant`` rings extension ``dn`` of ``pbx``: the agent behind the
        extension gets the caller's 360 on Odoo's bus (``tcx_click2dial/ringing``), once.

        Superuser mode (the listener), the 360 is built with the agent's own rights. Returns
        the ``tcx.ring`` row, or an empty recordset for a ringing already handled."""
        number = ringing_caller(participant)
        if not number or not self.env.su:
            return self.browse()
        e164 = phone_number.to_e164(number, pbx._tcx_region()) or ""
        # the one write that decides, under concurrency: the first listener inserts the key
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO tcx_ring (ring_key, pbx_id, company_id, date, extension,
                                      participant_id, pbx_call_id, number, number_e164, delivered)
                VALUES (%s, %s, %s, NOW() AT TIME ZONE 'UTC', %s, %s, %s, %s, %s, FALSE)
                ON CONFLICT (ring_key) DO NOTHING
                RETURNING id
                """,
                ring_key(pbx.id, dn, participant),
                pbx.id,
                pbx.company_id.id,
                dn,
                int(participant.get("id") or 0),
                str(participant.get("callid") or ""),
                number[:64],
                e164,
            )
        )
        row = self.env.cr.fetchone()
        if not row:
            return self.browse()
        ring = self.browse(row[0])
        agent = self.env["res.users"]._tcx_find_agent(extension=dn)
        if not agent or pbx.company_id not in agent.company_ids:
            return ring
        try:
            context = (
                self.env["suite.customer.context"]
                .with_user(agent)
                .with_company(pbx.company_id)
                .get_context(phone=number)
            )
        except AccessError:  # not staff: no customer data on their screen
            return ring
        agent._bus_send(
            BUS_TYPE,
            {
                "ring_id": ring.id,
                "extension": dn,
                "number": number,
                "caller_name": participant.get("party_caller_name") or "",
                "context": context,
            },
        )
        partner = context.get("partner") or {}
        ring.write({"user_id": agent.id, "partner_id": partner.get("id"), "delivered": True})
        return ring

    @api.autovacuum
    def _gc_rings(self):
        """Ringings are only kept a week (dedup and support): the call journal stays."""
        limit = fields.Datetime.now() - timedelta(days=KEEP_DAYS)
        self.search([("date", "<", limit)]).unlink()


def listen_for_ringing(registry, pbx_id, until, stop=None):
    """Hold the event socket of PBX ``pbx_id`` until the monotonic time ``until`` (or
    ``stop``): each ringing is handled in its own short transaction, none is held while
    waiting. Used by the ``tcx_ring_listener`` worker command (and the tests)."""
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        pbx = env["tcx.pbx"].browse(pbx_id)
        # the admin-only secret stays in this process (see TcxPbx._tcx_adapter)
        settings = (pbx.base_url, pbx.client_id, pbx.client_secret, pbx.timeout)
    adapter = TcxCallEventsAdapter(settings[0], settings[1], settings[2], timeout=settings[3])

    def on_ringing(dn, participant):
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["tcx.ring"]._tcx_ring_received(env["tcx.pbx"].browse(pbx_id), dn, participant)

    return adapter.listen(on_ringing, until, stop=stop)
