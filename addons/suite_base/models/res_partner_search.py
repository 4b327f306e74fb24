# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.addons.suite_phone.tools import phone_number
from odoo.modules.db import FunctionStatus


def _trigram(column, ilike=True, where=""):
    """Index definition of a pg_trgm GIN index on ``column`` matching the SQL Odoo writes
    for ``like``/``ilike`` on it (``unaccent(…)`` for ``ilike`` when the database has an
    indexable ``unaccent``), or none without pg_trgm (the search then scans)."""

    def definition(registry):
        if not registry.has_trigram:
            return ""
        expression = f'"{column}"'
        if ilike and registry.has_unaccent == FunctionStatus.INDEXABLE:
            expression = registry.unaccent(expression)
        return f"USING gin ({expression} gin_trgm_ops){where}"

    return definition


class ResPartner(models.Model):
    """Contacts found by a text someone types (a name, an e-mail, a number or part of it),
    without reading the whole contacts table: trigram indexes (pg_trgm GIN, which Odoo
    creates in every new database) serve ``ilike '%text%'`` on the name and e-mail and
    ``like '%digits%'`` on the stored E.164 numbers."""

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    # Odoo's own complete_name index is a btree (order, equality): it cannot serve '%text%'.
    _suite_complete_name_trgm = models.Index(_trigram("complete_name"))
    _suite_email_trgm = models.Index(_trigram("email", where=" WHERE email IS NOT NULL"))
    _suite_phone_e164_trgm = models.Index(
        _trigram("phone_e164", ilike=False, where=" WHERE phone_e164 IS NOT NULL")
    )
    _suite_mobile_e164_trgm = models.Index(
        _trigram("mobile_e164", ilike=False, where=" WHERE mobile_e164 IS NOT NULL")
    )

    @api.model
    def _suite_search_domain(self, text, region):
        """Domain of the contacts ``text`` (as typed, stripped) finds: its name or e-mail
        contains the text (``%`` and ``_`` typed are plain characters), its phone or mobile
        contains the digits of a typed (part of a) number
        (:func:`~odoo.addons.suite_phone.tools.phone_number.search_digits`), or its number
        is ``text`` read as a whole number in any spelling (``region``: ``BE``, ``FR``…
        for national spellings). Each part is an index lookup."""
        pattern = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        domain = ["|", ("complete_name", "ilike", pattern), ("email", "ilike", pattern)]
        digits = phone_number.search_digits(text)
        if digits:
            domain = [
                "|",
                "|",
                ("phone_e164", "like", digits),
                ("mobile_e164", "like", digits),
                *domain,
            ]
        e164 = any("0" <= c <= "9" for c in text) and phone_number.to_e164(text, region)
        if e164:
            domain = ["|", *self._phone_domain(e164), *domain]
        return domain
