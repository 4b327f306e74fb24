# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Alerts to SM administrators: an activity and a chatter message once per incident, closed
when the condition clears. Checked after every run and by a scheduled action (for "no
successful run for N minutes", which no run would ever notice)."""

import logging
from datetime import timedelta

from odoo import api, fields, models

from ..entities import ENTITIES, ENTITY_SELECTION

_logger = logging.getLogger(__name__)

ALERT_KINDS = [
    ("stale", "No successful run"),
    ("mass_change", "One run changed many records"),
    ("invalid", "Many invalid records"),
]


class SmAlert(models.Model):
    """One incident of one backend and entity: open until its condition clears."""

    _name = "sm.alert"
    _description = "SM alert"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"

    backend_id = fields.Many2one("sm.backend", required=True, ondelete="cascade", index=True)
    kind = fields.Selection(ALERT_KINDS, required=True)
    entity = fields.Selection(ENTITY_SELECTION, required=True)
    state = fields.Selection(
        [("open", "Open"), ("resolved", "Resolved")], default="open", required=True, index=True
    )
    detail = fields.Char()
    resolved_date = fields.Datetime(readonly=True)

    _open_unique = models.UniqueIndex(
        "(backend_id, kind, entity) WHERE state = 'open'",
        "One open alert per backend, kind and entity.",
    )

    @api.depends("kind", "entity", "backend_id")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        entities = dict(self._fields["entity"]._description_selection(self.env))
        for alert in self:
            alert.display_name = f"{kinds.get(alert.kind)}: {entities.get(alert.entity)}"


class SmBackendAlerts(models.Model):
    _inherit = "sm.backend"  # pylint: disable=consider-merging-classes-inherited

    alert_stale_minutes = fields.Integer(
        string="Alert: no successful run for (min)",
        default=120,
        help="Alert the SM administrators when an entity switched on has had no successful "
        "run for this long. 0: no alert.",
    )
    alert_change_pct = fields.Float(
        string="Alert: one run changes more than (%)",
        default=30.0,
        help="Alert when one run updates or archives more than this share of an entity's "
        "records (a mass change in SM, or a mapping gone wrong). 0: no alert.",
    )
    alert_invalid_pct = fields.Float(
        string="Alert: invalid records above (%)",
        default=5.0,
        help="Alert when more than this share of an entity's records is refused (open record "
        "errors). 0: no alert.",
    )
    alert_ids = fields.One2many("sm.alert", "backend_id", string="Alerts")
    open_alert_count = fields.Integer(compute="_compute_open_alert_count")

    def _compute_open_alert_count(self):
        groups = dict(
            self.env["sm.alert"]._read_group(
                [("backend_id", "in", self.ids), ("state", "=", "open")],
                ["backend_id"],
                ["__count"],
            )
        )
        for backend in self:
            backend.open_alert_count = groups.get(backend, 0)

    def _on_run_finished(self, run):
        result = super()._on_run_finished(run)
        try:
            with self.env.cr.savepoint():
                self._check_alerts()
        except Exception:  # an alert that cannot be raised never fails the run it follows
            _logger.exception("SM alerts of %s could not be checked", self.display_name)
        return result

    @api.model
    def _cron_check_alerts(self):
        """Scheduled action: check the alerts of every active backend."""
        self.search([("active", "=", True)])._check_alerts()

    def _check_alerts(self, now=None):
        """Open the alerts whose condition holds, resolve those whose condition cleared."""
        now = now or fields.Datetime.now()
        Alert = self.env["sm.alert"].sudo()  # sudo: the sync (OdooBot, any user's run) alerts
        for backend in self:
            open_alerts = {
                (alert.kind, alert.entity): alert
                for alert in Alert.search([("backend_id", "=", backend.id), ("state", "=", "open")])
            }
            for entity in ENTITIES:
                if not backend[entity.switch_field]:
                    continue
                for kind, detail in backend._alert_conditions(entity.name, now).items():
                    alert = open_alerts.get((kind, entity.name))
                    if detail and not alert:
                        backend._open_alert(kind, entity.name, detail)
                    elif not detail and alert:
                        backend._resolve_alert(alert)

    def _alert_conditions(self, entity, now):
        """{kind: detail text when the condition holds, else False} for one entity."""
        self.ensure_one()
        Run = self.env["sm.sync.run"].sudo()  # sudo: alert checks read every run
        bound = (
            self.env["sm.binding"]
            .sudo()
            .search_count(  # sudo: counts only
                [("backend_id", "=", self.id), ("entity", "=", entity), ("sm_deleted", "=", False)]
            )
        )
        conditions = {}
        last_ok = Run.search(
            [("backend_id", "=", self.id), ("entity", "=", entity), ("state", "=", "done")],
            limit=1,
        )
        since = last_ok.date_end or last_ok.date_start or self.create_date
        stale = self.alert_stale_minutes and since < now - timedelta(
            minutes=self.alert_stale_minutes
        )
        conditions["stale"] = stale and self.env._(
            "No successful run since %(since)s (UTC).", since=fields.Datetime.to_string(since)
        )
        last = Run.search(
            [
                ("backend_id", "=", self.id),
                ("entity", "=", entity),
                ("state", "!=", "running"),
                ("mode", "!=", "retry"),
            ],
            limit=1,
        )
        changed = last.updated + last.archived
        share = 100.0 * changed / bound if bound else 0.0
        conditions["mass_change"] = (
            self.alert_change_pct
            and last.watermark_from  # a first or full read changes everything by design
            and share > self.alert_change_pct
            and self.env._(
                "Run %(run)s changed %(changed)s of %(total)s records (%(share).0f %%).",
                run=last.display_name,
                changed=changed,
                total=bound,
                share=share,
            )
        )
        invalid = (
            self.env["sm.sync.error"]
            .sudo()
            .search_count(  # sudo: counts only
                [("backend_id", "=", self.id), ("entity", "=", entity), ("state", "=", "open")]
            )
        )
        total = bound + invalid
        invalid_share = 100.0 * invalid / total if total else 0.0
        conditions["invalid"] = (
            self.alert_invalid_pct
            and invalid_share > self.alert_invalid_pct
            and self.env._(
                "%(invalid)s of %(total)s records are refused (%(share).0f %%).",
                invalid=invalid,
                total=total,
                share=invalid_share,
            )
        )
        return conditions

    def _alert_admins(self):
        """SM administrators who read activities (people, not OdooBot)."""
        # sudo: who the SM admins are, to notify them; no data of theirs is shown
        users = self.env.ref("sm_connector.group_sm_admin").sudo().user_ids
        return users.filtered(lambda user: user._sm_is_person())

    def _open_alert(self, kind, entity, detail):
        alert = (
            self.env["sm.alert"]
            .sudo()
            .create(  # sudo: the sync raises alerts
                {"backend_id": self.id, "kind": kind, "entity": entity, "detail": detail}
            )
        )
        summary = alert.display_name
        for user in self._alert_admins():
            alert.activity_schedule(
                "mail.mail_activity_data_todo", summary=summary, note=detail, user_id=user.id
            )
        # sudo: the backend's chatter; the run may be any manager's or OdooBot's
        self.sudo().message_post(
            body=self.env._("Alert: %(alert)s. %(detail)s", alert=summary, detail=detail),
            partner_ids=self._alert_admins().partner_id.ids,
            subtype_xmlid="mail.mt_comment",
        )
        return alert

    def _resolve_alert(self, alert):
        alert.write({"state": "resolved", "resolved_date": fields.Datetime.now()})
        alert.activity_ids.action_feedback(feedback=self.env._("Resolved."))
        self.sudo().message_post(  # sudo: see _open_alert
            body=self.env._("Resolved: %s.", alert.display_name),
            subtype_xmlid="mail.mt_note",
        )
