# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""SM is master: what the sync owns is refused to every other writer.

The sync's permission is a Python context variable that only the importer sets, around its
own writes (`sm_sync_writes()`): a client chooses its RPC context, never this variable.
"""

import functools
import re

from odoo import api, fields, models, tools
from odoo.addons.suite_base.tools.trusted_flag import TrustedFlag
from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tools.mail import email_normalize

_SYNC_WRITES = TrustedFlag("sm_sync_writes")


def sm_sync_writes():
    """Let the code inside this block write SM-owned data (the importer's writes only)."""
    return _SYNC_WRITES.raised()


def sync_writer(method):
    """Decorate a private method of the connector whose writes are the sync's own."""

    @functools.wraps(method)
    def wrapper(*args, **kwargs):
        with sm_sync_writes():
            return method(*args, **kwargs)

    return wrapper


def in_sm_sync():
    """Whether the current code runs inside the importer's `sm_sync_writes()` block."""
    return _SYNC_WRITES.is_raised()


def _x2many_unchanged(current, commands):
    """Whether x2many `commands` would leave the lines linked to `current` as they are."""
    ids = set(current.ids)
    for command in commands or ():
        if isinstance(command, int):
            if command not in ids:
                return False
            continue
        code = command[0]
        if code == Command.LINK and command[1] in ids:
            continue
        if code == Command.SET and set(command[2] or ()) == ids:
            continue
        if code == Command.UPDATE and not command[2]:
            continue
        return False
    return True


class SmLockedMixin(models.AbstractModel):
    """Data owned by the SM sync: creating, changing or deleting it outside the sync is refused.

    The one place that says which fields are SM's: `_sm_locked_fields()` = the fields a model
    lists in `_sm_managed_fields` (values SM sends) + `_sm_sync_fields` (the sync's own
    bookkeeping, refused on every record) + every stored computed field derived from them
    (e.g. a normalised phone number). Writing the value a record already holds is not a
    change and passes (Odoo's own flows, e.g. creating a portal user, rewrite values).
    """

    _name = "sm.locked.mixin"
    _description = "Owned by the Silicon Master sync"
    _sm_managed_fields = ()
    _sm_sync_fields = ()

    def _sm_owned(self):
        """The records of `self` whose managed values belong to SM (hook; default: none)."""
        return self.browse()

    @api.model
    def _sm_creates_owned(self, vals):
        """Whether creating a record with `vals` would add SM-owned data (hook)."""
        return any(vals.get(name) for name in self._sm_sync_fields)

    def _sm_trusted_writer(self):
        """The sync, or module data files (demo) that load as superuser before the registry
        is ready, when no RPC is served."""
        return in_sm_sync() or (self.env.su and not self.pool.ready)

    @api.model
    @tools.ormcache()
    def _sm_locked_fields(self):
        """frozenset of the names of every field the sync owns or derives on this model."""
        locked = {name for name in self._sm_managed_fields + self._sm_sync_fields}
        locked &= set(self._fields)
        derived = [
            field
            for field in self._fields.values()
            if field.compute and field.store and field.readonly and not field.inverse
        ]
        grew = True
        while grew:  # derived from derived (e.g. a flag computed from a computed field)
            grew = False
            for field in derived:
                if field.name in locked:
                    continue
                depends = self.pool.field_depends.get(field) or ()
                if any(path.split(".")[0] in locked for path in depends):
                    locked.add(field.name)
                    grew = True
        return frozenset(locked)

    def _sm_same_value(self, name, value):
        """Whether writing `value` in field `name` leaves this record's value as it is."""
        field = self._fields[name]
        if field.type in ("one2many", "many2many"):
            return _x2many_unchanged(self[name], value)
        new = field.convert_to_record(field.convert_to_cache(value, self), self)
        current = self[name]
        if field.type in ("char", "text", "html"):
            return (new or False) == (current or False)
        return new == current

    def _sm_changed_fields(self, vals):
        """Names of the SM-owned fields that `vals` would change on some record of `self`."""
        locked = self._sm_locked_fields()
        names = [name for name in vals if name in locked]
        if not names:
            return []
        owned = self._sm_owned()
        changed = []
        for name in names:
            targets = self if name in self._sm_sync_fields else owned
            if any(not record._sm_same_value(name, vals[name]) for record in targets):
                changed.append(name)
        return changed

    def _sm_refuse(self, names):
        labels = ", ".join(
            self._fields[name].get_description(self.env)["string"] for name in sorted(names)
        )
        raise UserError(
            self.env._(
                "%(fields)s of %(record)s come from Silicon Master and can only be changed there; "
                "the next sync brings the change into Odoo.",
                fields=labels,
                record=(self._sm_owned() or self)[:1].display_name,
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        owned = any(self._sm_creates_owned(vals) for vals in vals_list)
        if owned and not self._sm_trusted_writer():
            raise UserError(
                self.env._(
                    "%(model)s: this data comes from Silicon Master and only its sync creates it.",
                    model=self._description,
                )
            )
        return super().create(vals_list)

    def write(self, vals):
        if not self._sm_trusted_writer():
            changed = self._sm_changed_fields(vals)
            if changed:
                self._sm_refuse(changed)
            # moving a record into SM's data (a line into an SM order) is creating SM data
            if (self - self._sm_owned()) and self._sm_creates_owned(vals):
                raise UserError(
                    self.env._(
                        "%(model)s: a record cannot be moved into data that comes from "
                        "Silicon Master; only its sync adds to it.",
                        model=self._description,
                    )
                )
        return super().write(vals)

    def _sm_unlink_message(self):
        return self.env._(
            "This data comes from Silicon Master: it changes with the next sync, "
            "it cannot be deleted in Odoo."
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_owned_by_sm(self):
        if not self._sm_trusted_writer() and self._sm_owned():
            raise UserError(self._sm_unlink_message())


class SmManagedMixin(models.AbstractModel):
    """Records whose master is Silicon Master: SM-managed fields are read-only in Odoo.

    Enforced twice: on the server (`sm.locked.mixin` refuses, with a clear message) and in
    form views (the managed fields of a synced record are shown read-only). Fields not
    listed in `_sm_managed_fields` (tags, notes, CRM data…) stay editable.
    """

    _name = "sm.managed.mixin"
    _inherit = "sm.locked.mixin"
    _description = "Managed by Silicon Master"
    _sm_managed_fields = ()
    # the sync's bookkeeping: refused on every record (setting sm_id would fake a synced record)
    _sm_sync_fields = ("sm_id", "sm_last_sync", "sm_data_issues")

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
                    record._sm_translate_issue(line) for line in record.sm_data_issues.splitlines()
                )
                if record.sm_data_issues
                else False
            )

    def _sm_translate_issue(self, line):
        """One issue line of the (English, language-neutral) mappers, in the reader's
        language; a line of an unknown shape is shown as it is."""
        patterns = (
            (
                r"country '(?P<value>.+)' unknown",
                lambda v: self.env._("country '%(value)s' unknown", **v),
            ),
            (
                r"country missing \(phones read as Belgian\)",
                lambda v: self.env._("country missing (phones read as Belgian)"),
            ),
            (
                r"phone '(?P<value>.+)' not recognised.*",
                lambda v: self.env._("phone '%(value)s' not recognised", **v),
            ),
            (
                r"phone '(?P<value>.+)' is not a valid number",
                lambda v: self.env._("phone '%(value)s' is not a valid number", **v),
            ),
            (
                r"VAT '(?P<value>.+)' is not valid",
                lambda v: self.env._("VAT '%(value)s' is not valid", **v),
            ),
            (
                r"EAN '(?P<value>.+)' is not a valid EAN-13",
                lambda v: self.env._("EAN '%(value)s' is not a valid EAN-13", **v),
            ),
            (
                r"e-mail '(?P<value>.+)' is not valid",
                lambda v: self.env._("e-mail '%(value)s' is not valid", **v),
            ),
            (
                r"no sales tax for VAT rate (?P<value>.+)%",
                lambda v: self.env._("no sales tax for VAT rate %(value)s%%", **v),
            ),
            (
                r"company (?P<value>.+) not found in SM",
                lambda v: self.env._("company %(value)s not found in SM", **v),
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

    def _sm_owned(self):
        return self.filtered("sm_id")

    def _sm_unlink_message(self):
        return self.env._(
            "Records synced from Silicon Master cannot be deleted in Odoo: "
            "they are archived when SM removes them."
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
        locked = self._sm_locked_fields()
        own_fields = [
            node
            for node in arch.iter("field")
            # only the form's own fields, not those of embedded one2many sub-views
            if not any(parent.tag == "field" for parent in node.iterancestors())
        ]
        for node in own_fields:
            if node.get("name") in locked:
                current = node.get("readonly")
                node.set("readonly", f"sm_id or ({current})" if current else "sm_id")
        if not any(node.get("name") == "sm_id" for node in own_fields):
            sheet = arch.find(".//sheet")
            parent = sheet if sheet is not None else arch
            hidden = parent.makeelement("field", {"name": "sm_id", "invisible": "1"})
            parent.append(hidden)


def email_same(current, value):
    """Whether writing e-mail `value` over `current` leaves it as it is: exactly the same
    value, or the normalised form of `current` (what Odoo's portal and user flows write)."""
    current, value = current or "", value or ""
    return value == current or (bool(value) and value == email_normalize(current))
