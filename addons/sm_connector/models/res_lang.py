# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import api, models

_logger = logging.getLogger(__name__)

# The Odoo languages SM's customers and staff use (SM codes fr/nl/en, Belgian first).
SM_LANGUAGES = ("fr_BE", "nl_BE", "en_US")


class ResLang(models.Model):
    """Languages: the ones SM uses are loaded at install; a language activated later is
    applied at once to the SM contacts that speak it (their SM payload did not change)."""

    _inherit = "res.lang"

    @api.model
    def _sm_load_languages(self):
        """Activate the languages SM uses and load their translations; return the new ones."""
        activated = self.browse()
        for code in SM_LANGUAGES:
            lang = self.with_context(active_test=False).search([("code", "=", code)], limit=1)
            if lang and not lang.active:
                activated |= lang
        if activated:
            activated.write({"active": True})
            # at install, this module is still "to install": its own terms are loaded too
            modules = self.env["ir.module.module"].search(
                ["|", ("state", "=", "installed"), ("name", "=", "sm_connector")]
            )
            modules._update_translations(activated.mapped("code"))
            _logger.info("Languages used by SM loaded: %s", ", ".join(activated.mapped("code")))
        return activated

    def write(self, vals):
        """A newly active language becomes the language of the SM contacts who speak it."""
        newly_active = self.filtered(lambda lang: not lang.active) if vals.get("active") else None
        res = super().write(vals)
        if newly_active:
            self.env["res.partner"]._sm_apply_languages()
        return res
