# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResUsers(models.Model):
    _inherit = "res.users"

    tcx_extension = fields.Char(
        string="3CX extension",
        copy=False,
        index="btree_not_null",
        help="The user's extension number (DN) in 3CX: click-to-dial rings this phone first, "
        "and call reports of this extension are journaled for this user.",
    )

    _tcx_extension_unique = models.Constraint(
        "UNIQUE(tcx_extension)",
        "Each 3CX extension belongs to one user only.",
    )

    @property
    def SELF_READABLE_FIELDS(self):
        return [*super().SELF_READABLE_FIELDS, "tcx_extension"]

    @api.constrains("tcx_extension")
    def _check_tcx_extension(self):
        for user in self.filtered("tcx_extension"):
            if not re.fullmatch(r"\d{1,12}", user.tcx_extension):
                raise ValidationError(
                    self.env._(
                        "The 3CX extension of %(user)s must be digits only (e.g. 101).",
                        user=user.name,
                    )
                )

    @api.model
    def _tcx_find_agent(self, extension=None, email=None):
        """The active user behind a 3CX extension (or, failing that, an agent e-mail)."""
        users = self.with_context(active_test=True)
        if extension:
            user = users.search([("tcx_extension", "=", extension)], limit=1)
            if user:
                return user
        if email:
            wanted = email.strip().lower()
            found = users.search(["|", ("login", "=ilike", wanted), ("email", "=ilike", wanted)])
            # =ilike reads _ and % as wildcards: keep exact matches only
            return found.filtered(lambda u: wanted in (u.login.lower(), (u.email or "").lower()))[
                :1
            ]
        return users.browse()
