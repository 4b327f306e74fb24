# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The customers' languages: a code from outside (``fr``, ``nl-BE``, ``FR_be``) -> ``fr``/
``nl``/``en``, the installed Odoo language to use for it (Belgian variants first), and a
guess from a customer's text when nothing says it."""

import re

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


# Short, frequent words of each language that the others do not use (a customer's mail is
# short: the few function words it has are the clue). Accents stripped by nobody: kept.
MARKERS = {
    "fr": frozenset(
        "je vous nous est les des une pour avec pas mais merci bonjour commande livraison "
        "mon ma mes votre suis sur dans que qui".split()
    ),
    "nl": frozenset(
        "ik u jij we het een niet met voor maar dank bedankt goedendag hallo bestelling "
        "levering mijn uw ben zijn op wat wanneer".split()
    ),
    "en": frozenset(
        "i you we the is are not with for but thanks thank hello order delivery my your "
        "am on what when".split()
    ),
}
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def guess_lang(text, minimum=2):
    """``fr`` / ``nl`` / ``en`` guessed from ``text`` by counting each language's marker
    words, ``""`` when fewer than ``minimum`` markers or a tie: a guess never overrides a
    language the customer or the channel gave, it only fills the gap."""
    counts = dict.fromkeys(LANGUAGES, 0)
    for word in WORD.findall((text or "").lower()):
        for code in LANGUAGES:
            if word in MARKERS[code]:
                counts[code] += 1
    ranked = sorted(counts.items(), key=lambda item: item[1], reverse=True)
    (best, top), (_second, runner_up) = ranked[0], ranked[1]
    if top < minimum or top == runner_up:
        return ""
    return best
