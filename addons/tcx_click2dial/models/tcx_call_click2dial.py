# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
from urllib.parse import quote

from odoo import api, models
from odoo.addons.suite_phone.tools import phone_number
from odoo.exceptions import AccessError, UserError

from ..adapters.errors import TcxError
from ..helpers import numbers
from .tcx_call import AGENT_GROUP

_logger = logging.getLogger(__name__)


class TcxCall(models.Model):
    """Placing calls from Odoo (click-to-dial): journal the call, start it in 3CX."""

    _inherit = "tcx.call"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def tcx_click_to_dial(self, number, res_model=False, res_id=False):
        """Call ``number`` (shown on record ``res_model``/``res_id``) for the current user.

        Returns ``{"ok", "mode", "message", "url"?, "call_id"?}``: in mode ``api`` 3CX already
        rings the agent's phone; in modes ``webclient`` and ``tel`` the browser opens ``url``.
        Raises UserError when nothing can be tried (not an agent, no PBX, no extension,
        invalid number); a failure of 3CX itself is journaled and returned with ok=False.
        """
        if not self.env.user.has_group(AGENT_GROUP):
            raise AccessError(self.env._("Only 3CX agents can call from Odoo."))
        pbx = self.env["tcx.pbx"]._tcx_get()
        if not pbx:
            raise UserError(
                self.env._("No 3CX phone system is configured: ask your administrator.")
            )
        partner = self._tcx_partner_of(res_model, res_id)
        region = partner.country_id.code or partner.commercial_partner_id.country_id.code
        call = self._tcx_dial(number, region or pbx._tcx_region(), partner=partner, pbx=pbx)
        return call._tcx_dial_answer(pbx)

    @api.model
    def _tcx_partner_of(self, res_model, res_id):
        """The contact a phone number belongs to, from the record it is shown on.

        Only contacts and models with a ``partner_id`` contact are looked into; on any other
        model the call is simply not linked (the phone widget is on every form). The record is
        searched with the user's rights, and a missing record and one the user cannot read get
        the same AccessError: the answer never tells whether an id exists.
        """
        partner = self.env["res.partner"]
        if not res_model or not res_id or not isinstance(res_model, str):
            return partner
        if not self._tcx_model_with_partner(res_model):
            return partner
        Model = self.env[res_model]
        try:
            record_id = int(res_id)
        except (TypeError, ValueError, OverflowError):
            record_id = 0
        record = Model.browse()
        if 0 < record_id < 2**31 and Model.has_access("read"):
            record = Model.search([("id", "=", record_id)], limit=1)
        if not record:
            raise AccessError(
                self.env._("This record does not exist or you are not allowed to read it.")
            )
        contact = record if res_model == "res.partner" else record.partner_id
        return contact._filtered_access("read")

    @api.model
    def _tcx_model_with_partner(self, res_model):
        """True when ``res_model`` is res.partner or a model whose ``partner_id`` is one."""
        if res_model not in self.env:
            return False
        Model = self.env[res_model]
        if Model._abstract:
            return False
        if res_model == "res.partner":
            return True
        field = Model._fields.get("partner_id")
        return bool(field and field.type == "many2one" and field.comodel_name == "res.partner")

    @api.model
    def _tcx_dial(self, raw_number, region, partner=None, pbx=None, callback_of=None):
        """Journal an outgoing call and start it; returns the tcx.call (status failed on error)."""
        pbx = pbx or self.env["tcx.pbx"]._tcx_get()
        if not pbx:
            raise UserError(
                self.env._("No 3CX phone system is configured: ask your administrator.")
            )
        user = self.env.user
        if pbx.dial_mode == "api" and not user.tcx_extension:
            raise UserError(
                self.env._(
                    "You have no 3CX extension: ask your administrator to set it on your user "
                    "(Settings > Users > 3CX extension)."
                )
            )
        e164 = phone_number.to_e164(raw_number, region or pbx._tcx_region())
        if not e164:
            raise UserError(
                self.env._(
                    "%(number)s is not a valid phone number: check it on the contact.",
                    number=(raw_number or "").strip() or self.env._("(empty)"),
                )
            )
        destination = numbers.dial_string(
            e164, pbx.dial_format, pbx._tcx_region(), pbx.outside_prefix
        )
        if not partner:
            best = self.env["res.partner"]._tcx_lookup(e164, company_id=pbx.company_id.id)[1]
            partner = self.env["res.partner"].browse(best[0]["id"]) if best else partner
        # sudo: journal fields are server-made here (the user, the checked number, the PBX)
        call = (
            self.sudo()
            .create(
                {
                    "direction": "outbound",
                    "status": "requested",
                    "source": "click2dial",
                    "number": (raw_number or "").strip() or e164,
                    "number_e164": e164,
                    "partner_id": partner.id if partner else False,
                    "user_id": user.id,
                    "extension": user.tcx_extension,
                    "callback_of_id": callback_of.id if callback_of else False,
                    "company_id": pbx.company_id.id,
                }
            )
            .sudo(False)
        )
        if pbx.dial_mode == "api":
            try:
                answer = pbx._tcx_adapter().make_call(user.tcx_extension, destination)
            except TcxError as exc:
                _logger.info("3CX makecall failed for %s: %r", user.login, exc)
                # sudo: the outcome comes from 3CX's answer, not from the user
                call.sudo().write(
                    {"status": "failed", "error_message": pbx._tcx_error_message(exc)}
                )
                return call
            result = answer.get("result") if isinstance(answer.get("result"), dict) else {}
            # sudo: 3CX's own id of the call, from its answer
            call.sudo().pbx_call_id = str(result.get("callid") or result.get("id") or "") or False
        call._tcx_close_callbacks()
        return call

    def _tcx_dial_answer(self, pbx):
        self.ensure_one()
        shown = phone_number.pretty(self.number_e164)
        if self.status == "failed":
            return {
                "ok": False,
                "mode": pbx.dial_mode,
                "call_id": self.id,
                "message": self.error_message,
            }
        if pbx.dial_mode == "api":
            message = self.env._(
                "3CX is ringing your phone (extension %(ext)s): pick up to call %(number)s.",
                ext=self.extension,
                number=shown,
            )
            return {"ok": True, "mode": "api", "call_id": self.id, "message": message}
        if pbx.dial_mode == "webclient":
            destination = numbers.dial_string(
                self.number_e164, pbx.dial_format, pbx._tcx_region(), pbx.outside_prefix
            )
            url = f"{pbx.base_url.rstrip('/')}/webclient/#/call?phone={quote(destination, safe='')}"
            message = self.env._("Calling %(number)s in the 3CX web client.", number=shown)
            return {
                "ok": True,
                "mode": "webclient",
                "call_id": self.id,
                "url": url,
                "message": message,
            }
        message = self.env._("Calling %(number)s with your phone application.", number=shown)
        return {
            "ok": True,
            "mode": "tel",
            "call_id": self.id,
            "url": f"tel:{self.number_e164}",
            "message": message,
        }
