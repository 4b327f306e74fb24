# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import hmac
import secrets

from odoo import api, fields, models, tools
from odoo.addons.suite_phone.tools import phone_number
from odoo.exceptions import AccessError, UserError, ValidationError

from ..adapters.call_control import TcxCallControlAdapter
from ..adapters.errors import (
    TcxAuthError,
    TcxError,
    TcxProtocolError,
    TcxRefusedError,
    TcxUnreachableError,
)
from ..helpers.crm_template import TEMPLATE_PATH

ADMIN_GROUP = "tcx_click2dial.group_tcx_admin"


def _new_api_key():
    return secrets.token_urlsafe(32)


class TcxPbx(models.Model):
    """The company's 3CX phone system: how Odoo reaches it, and how it reaches Odoo."""

    _name = "tcx.pbx"
    _description = "3CX phone system"
    _order = "sequence, id"

    name = fields.Char(required=True, default="3CX")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    base_url = fields.Char(
        string="PBX URL",
        required=True,
        help="Address of the 3CX server, e.g. https://retailer.3cx.be (Call Control API and "
        "web client).",
    )
    dial_mode = fields.Selection(
        [
            ("api", "Server side (3CX Call Control API)"),
            ("webclient", "3CX web client"),
            ("tel", "Phone link (tel:)"),
        ],
        required=True,
        default="api",
        help="Server side: 3CX rings the agent's phone, then dials the customer. Web client: "
        "the 3CX web client opens in a new tab with the number. Phone link: the computer's "
        "phone application (3CX desktop app, softphone) handles a tel: link.",
    )
    dial_format = fields.Selection(
        [("e164", "International (E.164, +32475123456)"), ("national", "National, with prefix")],
        required=True,
        default="e164",
        help="How 3CX expects the number. National: domestic numbers as dialled in the PBX's "
        "country (0475123456), foreign ones with the international prefix (0033612345678), "
        "both after the outside-line prefix.",
    )
    outside_prefix = fields.Char(
        help="Digits to get an outside line, if the outbound rules need them (e.g. 0 or 9)."
    )
    country_id = fields.Many2one(
        "res.country",
        string="PBX country",
        required=True,
        default=lambda self: self.env.ref("base.be", raise_if_not_found=False),
        help="Country of the PBX: numbers without country code are read in it (unless the "
        "contact has a country), and national dialling is relative to it.",
    )
    client_id = fields.Char(
        string="API client id",
        groups=ADMIN_GROUP,
        help="3CX Admin > Integrations > API: the client id of the application allowed to use "
        "the Call Control API on the agents' extensions.",
    )
    client_secret = fields.Char(string="API secret", groups=ADMIN_GROUP, copy=False)
    timeout = fields.Integer(string="Timeout (s)", default=10, required=True)
    api_key = fields.Char(
        string="Odoo API key",
        groups=ADMIN_GROUP,
        copy=False,
        default=lambda self: _new_api_key(),
        help="The key 3CX sends (header X-Tcx-Api-Key) when it looks a caller up, reports a "
        "call or creates a contact. It is pre-filled in the CRM template.",
    )
    odoo_url = fields.Char(
        string="Odoo URL for 3CX",
        help="Address at which 3CX reaches this Odoo (default: the web base URL).",
    )
    allow_contact_creation = fields.Boolean(
        help="Let 3CX users create a contact in Odoo from an unknown number."
    )
    callback_user_id = fields.Many2one(
        "res.users",
        string="Default callback agent",
        domain=[("share", "=", False)],
        help="Gets the callback of a missed call when neither the agent, the queue nor the "
        "contact's salesperson designates someone.",
    )
    queue_ids = fields.One2many("tcx.queue", "pbx_id", string="Queues")
    ring_popup = fields.Boolean(
        string="Ring-time pop-up",
        help="Listen to 3CX's Call Control events: when an agent's extension rings, their "
        "Odoo shows the caller's 360 before they answer (needs the tcx_ring_listener worker).",
    )

    @api.constrains("active", "company_id")
    def _check_one_per_company(self):
        for pbx in self.filtered("active"):
            others = self.search_count(
                [
                    ("company_id", "=", pbx.company_id.id),
                    ("active", "=", True),
                    ("id", "!=", pbx.id),
                ]
            )
            if others:
                raise ValidationError(
                    self.env._(
                        "%(company)s already has an active 3CX phone system.",
                        company=pbx.company_id.name,
                    )
                )

    @api.constrains("base_url", "timeout")
    def _check_url(self):
        for pbx in self:
            if not (pbx.base_url or "").lower().startswith(("http://", "https://")):
                raise ValidationError(
                    self.env._("The PBX URL must start with http:// or https://.")
                )
            if not 1 <= pbx.timeout <= 120:
                raise ValidationError(self.env._("The timeout must be between 1 and 120 seconds."))

    # keys and cache ----------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        self.env.registry.clear_cache()
        return records

    def write(self, vals):
        result = super().write(vals)
        self.env.registry.clear_cache()
        return result

    def unlink(self):
        result = super().unlink()
        self.env.registry.clear_cache()
        return result

    @api.model
    @tools.ormcache()
    def _tcx_key_table(self):
        """What the 3CX endpoints need of each active PBX, cached: no query per request.

        ``((id, api key, company id, country code, odoo url), ...)``; the cache is cleared
        whenever a PBX changes.
        """
        # sudo: the keys are admin-only fields; only this server-side check reads them
        pbxes = self.sudo().search([("api_key", "!=", False)])
        return tuple(
            (pbx.id, pbx.api_key, pbx.company_id.id, pbx.country_id.code, pbx.odoo_url or "")
            for pbx in pbxes
        )

    @api.model
    def _tcx_authenticate(self, key):
        """The PBX whose API key is ``key`` (constant-time comparison), as a dict, or None.

        ``{"id", "company_id", "region", "odoo_url"}`` (``odoo_url`` may be empty: use the
        web base URL then).
        """
        if not key or not isinstance(key, str):
            return None
        found = None
        for pbx_id, pbx_key, company_id, country, odoo_url in self._tcx_key_table():
            # compare with every key, always: the time taken says nothing about which matched
            if hmac.compare_digest(pbx_key.encode(), key.encode()):
                found = {
                    "id": pbx_id,
                    "company_id": company_id,
                    "region": country or phone_number.DEFAULT_REGION,
                    "odoo_url": odoo_url.rstrip("/"),
                }
        return found

    @api.model
    def _tcx_get(self, company=None):
        """The active PBX of ``company`` (default: the current one), as superuser, or empty."""
        company = company or self.env.company
        # sudo: agents cannot read the PBX; the server reads its configuration for them and
        # never returns it (callers: click-to-dial, callbacks, the journal)
        return self.sudo().search([("company_id", "=", company.id)], limit=1)

    def _tcx_region(self):
        return (self.country_id.code if self else None) or phone_number.DEFAULT_REGION

    # actions -----------------------------------------------------------------------------
    def _tcx_check_admin(self):
        """PBX actions read or change its secrets: 3CX administrators only, whatever the id."""
        if not self.env.su and not self.env.user.has_group(ADMIN_GROUP):
            raise AccessError(self.env._("Only 3CX administrators can do this."))
        self.check_access("write")

    def action_generate_api_key(self):
        """A new key for 3CX (the old one stops working at once)."""
        self.ensure_one()
        self._tcx_check_admin()
        self.api_key = _new_api_key()
        return True

    def action_download_template(self):
        """The CRM template to upload in 3CX, with this PBX's key in it."""
        self.ensure_one()
        self._tcx_check_admin()
        return {"type": "ir.actions.act_url", "url": f"{TEMPLATE_PATH}/{self.id}", "target": "self"}

    def action_test_connection(self):
        """Fetch a token from 3CX: proves URL, client id and secret."""
        self.ensure_one()
        self._tcx_check_admin()
        adapter = self._tcx_adapter()
        try:
            adapter.token(force=True)
        except TcxError as exc:
            raise UserError(self._tcx_error_message(exc)) from exc
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "title": self.env._("3CX"),
                "message": self.env._("Connected: 3CX accepted Odoo's API credentials."),
            },
        }

    def _tcx_adapter(self):
        self.ensure_one()
        # sudo: the adapter needs the admin-only secret; it never leaves the server
        pbx = self.sudo()
        return TcxCallControlAdapter(
            pbx.base_url, pbx.client_id, pbx.client_secret, timeout=pbx.timeout
        )

    def _tcx_odoo_url(self):
        self.ensure_one()
        return (self.odoo_url or self.get_base_url() or "").rstrip("/")

    @api.model
    def _tcx_error_message(self, exc):
        """The translated sentence an agent reads for a failure of the Call Control API."""
        detail = exc.detail or self.env._("no detail")
        if isinstance(exc, TcxUnreachableError):
            return self.env._(
                "The 3CX phone system cannot be reached (%(detail)s). Try again in a moment, "
                "or tell your administrator if it lasts.",
                detail=detail,
            )
        if isinstance(exc, TcxAuthError):
            return self.env._(
                "3CX refused Odoo's API credentials (%(detail)s). Ask your administrator "
                "to check the API client id and secret.",
                detail=detail,
            )
        if isinstance(exc, TcxRefusedError):
            return self.env._("3CX refused the call: %(reason)s", reason=detail)
        if isinstance(exc, TcxProtocolError):
            return self.env._("3CX sent an answer Odoo cannot read (%(detail)s).", detail=detail)
        return self.env._("3CX error: %(detail)s", detail=detail)
