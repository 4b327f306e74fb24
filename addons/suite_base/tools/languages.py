# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The customers' languages: a code from outside (``fr``, ``nl-BE``, ``FR_be``) -> ``fr``/
``nl``/``en``, and the installed Odoo language to use for it (Belgian variants first)."""

LANGUAGES = ("fr", "nl", "en")
# the Odoo languages of each, in order of preference for a Belgian retailer
PREFERRED = {"fr": ("fr_BE", "fr_FR"), "nl": ("nl_BE", "nl_NL"), "en": ("en_US", "en_GB")}


def lang_code(value):
    """``fr`` / ``nl`` / ``en`` from a language code in any usual spelling, else ``""``."""
    code = (value or "").strip().lower().replace("-", "_").split("_")[0]
    return code if code in LANGUAGES else ""


def odoo_lang(value, installed):
    """The installed Odoo language (``installed``: codes) for ``value``, else False."""
    if value in installed:
        return value
    base = lang_code(value)
    if not base:
        return False
    for code in (*PREFERRED.get(base, ()), *installed):
        if code in installed and code.startswith(base):
            return code
    return False
