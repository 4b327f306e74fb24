# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.misc import clean_context

from ..adapters.errors import SmTransportError
from ..adapters.sm_file_adapter import SmFileAdapter
from ..adapters.sm_rest_adapter import SmRestAdapter
from ..entities import ENTITIES, ENTITY

SEGMENTS = ("B2B", "B2C")


class SmBackend(models.Model):
    """The connection to one Silicon Master: transport, key, switches and watermarks."""

    _name = "sm.backend"
    _description = "Silicon Master backend"
    _inherit = ["mail.thread"]

    name = fields.Char(required=True, default="Silicon Master")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    transport = fields.Selection(
        [("rest", "REST API"), ("file", "File exports (CSV/XLSX)")],
        required=True,
        default="rest",
        tracking=True,
    )
    base_url = fields.Char(string="SM URL", tracking=True, help="e.g. https://sm.example.be")
    api_key = fields.Char(
        string="API key",
        groups="sm_connector.group_sm_admin",
        copy=False,
        help="Sent as X-SM-Api-Key. Readable by SM administrators only.",
    )
    export_folder = fields.Char(
        help="Folder where SM drops its CSV/XLSX exports (done/ and failed/ are created in it)."
    )
    page_size = fields.Integer(default=500, help="Records per page and per committed chunk.")
    timeout = fields.Float(string="Timeout (s)", default=30.0)
    retries = fields.Integer(default=2, help="Retries of a failed SM request before the run stops.")
    overlap_seconds = fields.Integer(
        string="Overlap (s)",
        default=300,
        help="Each incremental run re-reads this much before its watermark, in case SM "
        "committed late; unchanged records cost nothing.",
    )
    sync_contacts = fields.Boolean(string="Contacts", default=True)
    sync_articles = fields.Boolean(string="Articles", default=True)
    sync_orders = fields.Boolean(string="Customer orders", default=True)
    message_older_orders = fields.Boolean(
        string="Message orders placed before go-live",
        help="Off (default): customers whose order existed before the first orders sync get no "
        "automatic messages, so going live floods nobody. On: changes to those orders are "
        "messaged too (never their initial import).",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible for order messages",
        default=lambda self: self._default_user_id(),
        domain=[("share", "=", False)],
        help="Gets the prepared messages and calls of orders whose showroom and sales team have "
        "no responsible: a person, never OdooBot.",
    )
    state_ids = fields.One2many("sm.sync.state", "backend_id", string="Sync states")
    contacts_watermark = fields.Datetime(compute="_compute_sync_states")
    articles_watermark = fields.Datetime(compute="_compute_sync_states")
    contacts_reconciled = fields.Datetime(
        string="Contacts reconciled", compute="_compute_sync_states"
    )
    articles_reconciled = fields.Datetime(
        string="Articles reconciled", compute="_compute_sync_states"
    )
    orders_watermark = fields.Datetime(compute="_compute_sync_states")
    orders_reconciled = fields.Datetime(string="Orders reconciled", compute="_compute_sync_states")
    use_queue_job = fields.Boolean(
        string="Run chunks as queue jobs",
        help="Scale-out path: each page becomes a queue_job job that any Odoo worker can run. "
        "Needs queue_job's job runner (server_wide_modules). Off: the cron imports inline.",
    )
    run_ids = fields.One2many("sm.sync.run", "backend_id", string="Runs")
    open_error_count = fields.Integer(compute="_compute_dashboard")
    last_contacts_run_id = fields.Many2one("sm.sync.run", compute="_compute_dashboard")
    last_articles_run_id = fields.Many2one("sm.sync.run", compute="_compute_dashboard")
    last_orders_run_id = fields.Many2one("sm.sync.run", compute="_compute_dashboard")
    contacts_count = fields.Integer(compute="_compute_dashboard", string="Synced contacts")
    articles_count = fields.Integer(compute="_compute_dashboard", string="Synced articles")
    orders_count = fields.Integer(compute="_compute_dashboard", string="Synced orders")

    @api.depends("state_ids.watermark", "state_ids.reconciled")
    def _compute_sync_states(self):
        for backend in self:
            for entity in ENTITY:
                state = backend.state_ids.filtered(lambda s, e=entity: s.entity == e)[:1]
                backend[f"{entity}_watermark"] = state.watermark
                backend[f"{entity}_reconciled"] = state.reconciled

    def _compute_dashboard(self):
        Run = self.env["sm.sync.run"]
        Binding = self.env["sm.binding"]
        for backend in self:
            backend.open_error_count = self.env["sm.sync.error"].search_count(
                [("backend_id", "=", backend.id), ("state", "=", "open")]
            )
            for entity in ENTITY:
                backend[f"last_{entity}_run_id"] = Run.search(
                    [("backend_id", "=", backend.id), ("entity", "=", entity)], limit=1
                )
                backend[f"{entity}_count"] = Binding.search_count(
                    [
                        ("backend_id", "=", backend.id),
                        ("entity", "=", entity),
                        ("sm_deleted", "=", False),
                    ]
                )

    # ------------------------------------------------------------ adapters
    def _rest_adapter(self):
        self.ensure_one()
        # sudo: the key only goes to the URL that SM admins (alone) set; callers aren't admins
        key = self.sudo().api_key
        return SmRestAdapter(self.base_url, key, timeout=self.timeout, retries=self.retries)

    def _file_adapter(self):
        self.ensure_one()
        return SmFileAdapter(self.export_folder, self.env["sm.column.map"]._maps_for(self))

    def _importer(self, entity):
        if entity not in ENTITY:
            raise UserError(self.env._("Unknown SM entity %s.", entity))
        # the sync creates records (orders, states, runs): a caller's `default_*` context keys,
        # which any RPC client may send, must not fill the fields SM's data leaves out (the
        # context is replaced on purpose: merging kwargs would keep those keys)
        importer = self.env[ENTITY[entity].importer]
        return importer.with_context(clean_context(self.env.context))  # pylint: disable=context-overridden

    # ------------------------------------------------------------ watermarks
    def _get_watermark(self, entity):
        return self.env["sm.sync.state"]._for(self, entity).watermark

    def _set_watermark(self, entity, stamp):
        self.env["sm.sync.state"]._for(self, entity)._set(watermark=stamp)

    def _set_reconciled(self, entity):
        self.env["sm.sync.state"]._for(self, entity)._set(reconciled=fields.Datetime.now())

    # ------------------------------------------------------------ lookups the mappers need
    def _segment_tag_ids(self):
        """{"B2B": tag id, "B2C": tag id}: contact tags the sync owns for SM segments."""
        return {
            segment: self.env.ref(f"sm_connector.partner_tag_segment_{segment.lower()}").id
            for segment in SEGMENTS
        }

    def _sale_tax_for_rate(self, rate):
        """The VAT-included sales tax for an SM VAT rate (SM prices include VAT)."""
        self.ensure_one()
        Tax = self.env["account.tax"].with_company(self.company_id)
        amount = float(rate)
        domain = [
            ("type_tax_use", "=", "sale"),
            ("amount_type", "=", "percent"),
            ("amount", "=", amount),
            ("price_include_override", "=", "tax_included"),
            ("company_id", "=", self.company_id.id),
        ]
        tax = Tax.search(domain, limit=1)
        if tax:
            return tax
        # the localisation's tax of that rate (Belgium: 21/12/6 %), VAT excluded: a VAT-included
        # twin keeps its tax group, accounts and tax-report grids
        local = Tax.search(
            [
                ("type_tax_use", "=", "sale"),
                ("amount_type", "=", "percent"),
                ("amount", "=", amount),
                ("company_id", "=", self.company_id.id),
            ],
            order="sequence, id",
            limit=1,
        )
        name = self.env._("VAT %(rate)s%% incl. (SM)", rate=f"{amount:g}")
        if local:
            # sudo: taxes are accounting config; the sync may run as a non-accountant user.
            tax = local.sudo().copy({"name": name, "price_include_override": "tax_included"})
        else:
            # sudo: taxes are accounting config; the sync may run as a non-accountant user.
            tax = Tax.sudo().create(
                {
                    "name": name,
                    "amount": amount,
                    "amount_type": "percent",
                    "type_tax_use": "sale",
                    "price_include_override": "tax_included",
                    "company_id": self.company_id.id,
                }
            )
        return tax

    # ------------------------------------------------------------ runs
    def _sync(self, entity, mode="incremental"):
        """Run one sync of `entity` now (in this transaction's worker); return the run."""
        self.ensure_one()
        return self._importer(entity).with_company(self.company_id)._run_sync(self, mode=mode)

    def _on_run_finished(self, run):
        """Tell the SM admins when a sync starts failing (not on every failed retry)."""
        if run.state != "failed":
            return
        previous = self.env["sm.sync.run"].search(
            [("backend_id", "=", self.id), ("entity", "=", run.entity), ("id", "<", run.id)],
            limit=1,
        )
        if previous.state == "failed":
            return
        admins = self.env.ref("sm_connector.group_sm_admin").user_ids.partner_id
        self.message_post(
            body=self.env._(
                "The %(entity)s sync failed: %(reason)s", entity=run.entity, reason=run.message
            ),
            partner_ids=admins.ids,
            subtype_xmlid="mail.mt_comment",
        )

    @api.model
    def _cron_sync(self, entity, mode="incremental"):
        """Scheduled action entry point: every active backend with this entity switched on."""
        for backend in self.search([(ENTITY[entity].switch_field, "=", True)]):
            backend._sync(entity, mode=mode)

    # ------------------------------------------------------------ buttons
    def action_test_connection(self):
        """Check the URL and key (or folder) and say so in plain words."""
        self.ensure_one()
        try:
            if self.transport == "file":
                answer = self._file_adapter().ping()
                message = self.env._("Export folder OK: %s file(s) waiting.", answer["files"])
            else:
                answer = self._rest_adapter().ping()
                message = self.env._(
                    "Connected to Silicon Master (API v%(version)s, SM time %(time)s).",
                    version=answer.get("version"),
                    time=answer.get("server_time"),
                )
            kind = "success"
        except SmTransportError as exc:
            message, kind = str(exc), "danger"
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Silicon Master"),
                "message": message,
                "type": kind,
                "sticky": kind != "success",
            },
        }

    def _trigger_cron(self, xmlid):
        # only users who see the backend (SM managers) start its syncs
        self.check_access("read")
        # sudo: a fixed scheduled action, triggered for a manager without rights on crons.
        self.env.ref(xmlid).sudo()._trigger()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Silicon Master"),
                "message": self.env._(
                    "The sync starts in the background: follow it in the sync runs."
                ),
                "type": "info",
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def action_sync_contacts_now(self):
        """Sync contacts now, in the background."""
        return self._trigger_cron(ENTITY["contacts"].cron_xmlid)

    def action_sync_articles_now(self):
        """Sync articles now, in the background."""
        return self._trigger_cron(ENTITY["articles"].cron_xmlid)

    def action_sync_orders_now(self):
        """Sync customer orders now, in the background."""
        return self._trigger_cron(ENTITY["orders"].cron_xmlid)

    @api.model
    def _default_user_id(self):
        # installs and crons run as OdooBot, who reads no activity: the administrator instead
        user = self.env.user
        return user if user._sm_is_person() else self.env.ref("base.user_admin", False)

    @api.constrains("user_id")
    def _check_user_id_is_person(self):
        for backend in self:
            if backend.user_id and not backend.user_id._sm_is_person():
                raise ValidationError(
                    self.env._(
                        "%(user)s cannot be responsible for order messages: choose an active "
                        "internal user (not OdooBot nor a portal user), who will see the "
                        "activities.",
                        user=backend.user_id.display_name,
                    )
                )

    def _order_responsible(self):
        """Who gets order activities when neither the showroom nor the sales team has someone:
        this backend's responsible (any backend's if none given), else the administrator,
        never OdooBot."""
        backend = self[:1] or self.search([("user_id", "!=", False)], limit=1)
        for user in (backend.user_id, self.env.ref("base.user_admin", False)):
            if user and user._sm_is_person():
                return user
        return self.env["res.users"]

    def action_full_reconcile(self):
        """Archive records gone from SM (runs in the background)."""
        return self._trigger_cron("sm_connector.ir_cron_sm_reconcile")

    def action_reset_watermarks(self):
        """Next runs re-read everything from SM (unchanged records still cost no write)."""
        # an SM administrator's button (the view hides it from the others; RPC checks here)
        self.check_access("write")
        # the position of a budget-stopped pass too: else the next run begins there
        self.state_ids._set(watermark=False, resume_cursor=False)

    def action_view_runs(self):
        action = self.env["ir.actions.act_window"]._for_xml_id("sm_connector.action_sm_sync_run")
        action["domain"] = [("backend_id", "in", self.ids)]
        return action

    def action_view_errors(self):
        action = self.env["ir.actions.act_window"]._for_xml_id("sm_connector.action_sm_sync_error")
        action["domain"] = [("backend_id", "in", self.ids), ("state", "=", "open")]
        return action

    def action_retry_failed(self):
        """Import every open failed record again."""
        errors = self.env["sm.sync.error"].search(
            [("backend_id", "in", self.ids), ("state", "=", "open")]
        )
        errors.action_retry()
        return self.action_view_errors()

    @api.model
    def _cron_reconcile(self):
        for backend in self.search([("transport", "=", "rest")]):
            for entity in ENTITIES:  # dependencies first
                if backend[entity.switch_field]:
                    backend._sync(entity.name, mode="reconcile")
