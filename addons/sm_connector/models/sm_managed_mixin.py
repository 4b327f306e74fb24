# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo import api, fields, models
from odoo.exceptions import UserError


class SmManagedMixin(models.AbstractModel):
    """Records whose master is Silicon Master: SM-managed fields are read-only in Odoo.

    Enforced twice: on the server (`write`/`unlink` refuse, with a clear message) and in
    form views (the managed fields of a synced record are shown read-only). The sync
    itself writes with `sm_sync=True` in the context. Fields not listed in
    `_sm_managed_fields` (tags, notes, CRM data…) stay editable.
    """

    _name = "sm.managed.mixin"
    _description = "Managed by Silicon Master"
    _sm_managed_fields = ()

    sm_id = fields.Char(
        string="SM id",
        index="btree_not_null",
        readonly=True,
        copy=False,
        help="Identifier of this record in Silicon Master; set on records synced from SM.",
    )
    sm_last_sync = fields.Datetime(string="Last SM sync", readonly=True, copy=False)
    sm_data_issues = fields.Text(
        string="SM data to check",
        readonly=True,
        copy=False,
        help="Values received from SM that look wrong (kept as received): fix them in SM.",
    )
    sm_data_issues_text = fields.Text(
        string="SM data to check (in your language)",
        compute="_compute_sm_data_issues_text",
        help="The values to check, written in the reader's language.",
    )
    sm_has_data_issues = fields.Boolean(
        string="Has SM data issues",
        compute="_compute_sm_has_data_issues",
        store=True,
    )

    @api.depends("sm_data_issues")
    @api.depends_context("lang")
    def _compute_sm_data_issues_text(self):
        for record in self:
            record.sm_data_issues_text = (
                "\n".join(
                    record._sm_translate_issue(line)
                    for line in record.sm_data_issues.splitlines()
                )
                if record.sm_data_issues
                else False
            )

    def _sm_translate_issue(self, line):
        """One issue line of the (English, language-neutral) mappers, in the reader's
        language; a line of an unknown shape is shown as it is."""
        _ = self.env._
        patterns = (
            (r"country '(?P<value>.+)' unknown", lambda v: _("country '%(value)s' unknown", **v)),
            (
                r"country missing \(phones read as Belgian\)",
                lambda v: _("country missing (phones read as Belgian)"),
            ),
            (
                r"phone '(?P<value>.+)' not recognised.*",
                lambda v: _("phone '%(value)s' not recognised", **v),
            ),
            (
                r"phone '(?P<value>.+)' is not a valid number",
                lambda v: _("phone '%(value)s' is not a valid number", **v),
            ),
            (r"VAT '(?P<value>.+)' is not valid", lambda v: _("VAT '%(value)s' is not valid", **v)),
            (
                r"EAN '(?P<value>.+)' is not a valid EAN-13",
                lambda v: _("EAN '%(value)s' is not a valid EAN-13", **v),
            ),
            (
                r"e-mail '(?P<value>.+)' is not valid",
                lambda v: _("e-mail '%(value)s' is not valid", **v),
            ),
            (
                r"no sales tax for VAT rate (?P<value>.+)%",
                lambda v: _("no sales tax for VAT rate %(value)s%%", **v),
            ),
            (
                r"company (?P<value>.+) not found in SM",
                lambda v: _("company %(value)s not found in SM", **v),
            ),
        )
        for pattern, translate in patterns:
            match = re.fullmatch(pattern, line.strip())
            if match:
                return translate(match.groupdict())
        return line

    @api.depends("sm_data_issues")
    def _compute_sm_has_data_issues(self):
        for record in self:
            record.sm_has_data_issues = bool(record.sm_data_issues)

    def _sm_check_managed_write(self, vals):
        touched = sorted(set(vals) & set(self._sm_managed_fields))
        if not touched or not any(self.mapped("sm_id")):
            return
        labels = ", ".join(
            self._fields[name].get_description(self.env)["string"] for name in touched
        )
        raise UserError(
            self.env._(
                "%(fields)s of %(record)s come from Silicon Master and can only be changed there; "
                "the next sync brings the change into Odoo.",
                fields=labels,
                record=self.filtered("sm_id")[:1].display_name,
            )
        )

    def write(self, vals):
        if not self.env.context.get("sm_sync"):
            self._sm_check_managed_write(vals)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_synced_from_sm(self):
        if not self.env.context.get("sm_sync") and any(self.mapped("sm_id")):
            raise UserError(
                self.env._(
                    "Records synced from Silicon Master cannot be deleted in Odoo: "
                    "they are archived when SM removes them."
                )
            )

    @api.model
    def _get_view(self, view_id=None, view_type="form", **options):
        arch, view = super()._get_view(view_id, view_type, **options)
        if view_type == "form" and self._sm_managed_fields:
            self._sm_lock_managed_fields_in_arch(arch)
        return arch, view

    @api.model
    def _sm_lock_managed_fields_in_arch(self, arch):
        """Make managed fields read-only for synced records in the form's own fields."""
        own_fields = [
            node
            for node in arch.iter("field")
            # only the form's own fields, not those of embedded one2many sub-views
            if not any(parent.tag == "field" for parent in node.iterancestors())
        ]
        for node in own_fields:
            if node.get("name") in self._sm_managed_fields:
                current = node.get("readonly")
                node.set("readonly", f"sm_id or ({current})" if current else "sm_id")
        if not any(node.get("name") == "sm_id" for node in own_fields):
            sheet = arch.find(".//sheet")
            parent = sheet if sheet is not None else arch
            hidden = parent.makeelement("field", {"name": "sm_id", "invisible": "1"})
            parent.append(hidden)
