# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What a customer's reply to a closed ticket does. Pure Python.

The rule (readme/USAGE.md, "A reply to a closed ticket"):

1. A *short thanks* changes nothing: it is logged on the closed ticket, which stays closed.
2. Otherwise, within the team's grace period after the closing (default 7 days), the ticket
   reopens.
3. After it, a new ticket opens, linked to the closed one (the customer's new question is a
   new case; the agent sees the history through the link).

A *short thanks* is a message that, once the quoted earlier mail and the signature are cut:

- holds a thanks word (``merci``, ``bedankt``, ``dank``, ``thanks``, ``thank``, ``thx``...),
- has no question mark and at most :data:`MAX_WORDS` words,
- and every other word is a politeness word (:data:`POLITE_WORDS`: "ok", "parfait",
  "beaucoup", "bonne journée", "groeten", "regards"...) or a capitalised sign-off name
  after them ("Merci, Julie").

So "Merci !", "Bedankt, fijne dag", "Thank you very much - Tom" do not reopen;
"Merci, mais toujours rien reçu" and "Thanks, when will it arrive?" do.
"""

import re
import unicodedata
from datetime import timedelta

REOPEN, NEW_LINKED, THANKS = "reopen", "new_linked", "thanks"
DEFAULT_GRACE_DAYS = 7
MAX_WORDS = 12

THANKS_WORDS = frozenset(
    {
        # fr
        "merci", "mercis", "remercie", "remercions", "remerciements",
        # nl
        "bedankt", "dank", "dankjewel", "dankuwel",
        # en
        "thanks", "thank", "thx", "ty", "cheers",
    }
)  # fmt: skip
POLITE_WORDS = frozenset(
    {
        # fr
        "ok", "okay", "d", "accord", "daccord", "parfait", "super", "top", "genial", "beaucoup",
        "bien", "mille", "encore", "tres", "pour", "tout", "votre", "vos", "aide", "reponse",
        "bonne", "journee", "soiree", "cordialement", "salutations", "a", "vous", "je",
        "tous", "madame", "monsieur", "et", "c", "est", "note", "nickel", "bisous", "bises",
        # nl
        "oke", "prima", "goed", "heel", "hartelijk", "hartelijke",
        "harte", "veel", "wel", "u", "jullie", "voor", "de", "het", "uw", "hulp",
        "antwoord", "fijne", "dag", "avond", "groeten", "groetjes", "vriendelijke", "met",
        "mvg", "en", "alvast", "nogmaals",
        # en
        "great", "perfect", "very", "much", "so", "lot", "many", "you", "for", "your",
        "help", "reply", "answer", "again", "all", "have", "nice", "good", "day", "best",
        "regards", "kind", "and", "got", "it", "noted", "brilliant", "lovely",
    }
)  # fmt: skip
# where a mail client starts quoting the earlier mail (fr / nl / en clients)
QUOTE_HEADERS = re.compile(
    r"^\s*(le\s.+\sa\s+[ée]crit\s*:|op\s.+\sschreef\s.+:|on\s.+\swrote\s*:"
    r"|-{2,}\s*(original message|message d'origine|oorspronkelijk bericht)\s*-{2,}"
    r"|(de|from|van)\s*:\s.+)\s*$",
    re.IGNORECASE,
)
SIGNATURE = re.compile(r"^\s*(--|__|envoy[ée] de mon|sent from my|verzonden vanaf)", re.I)
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def _strip_accents(text):
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def own_text(text):
    """The customer's own lines: no quoted earlier mail (``>`` lines, "On ... wrote:",
    "Le ... a écrit :", "Op ... schreef ...:"), no signature (``--``, "Sent from my")."""
    kept = []
    for line in (text or "").splitlines():
        if QUOTE_HEADERS.match(line) or SIGNATURE.match(line):
            break
        if line.lstrip().startswith(">"):
            continue
        kept.append(line)
    return "\n".join(kept).strip()


def is_short_thanks(text):
    """True when ``text`` (plain text of a reply) is only a short thanks (module docstring)."""
    own = own_text(text)
    if not own or "?" in own:
        return False
    words = WORD.findall(own)
    if not words or len(words) > MAX_WORDS:
        return False
    folded = [_strip_accents(w).lower() for w in words]
    if not any(w in THANKS_WORDS for w in folded):
        return False
    index = 0
    while index < len(folded) and (folded[index] in THANKS_WORDS or folded[index] in POLITE_WORDS):
        index += 1
    # what is left must be a sign-off name: at most three capitalised words
    rest = words[index:]
    return len(rest) <= 3 and all(w[:1].isupper() for w in rest)


def reply_to_closed(closed_at, now, text, grace_days=DEFAULT_GRACE_DAYS):
    """What a customer's reply at ``now`` to a ticket closed at ``closed_at`` does:
    :data:`THANKS` (log it, stay closed), :data:`REOPEN` (within ``grace_days`` days of the
    closing; a missing closing date counts as just closed) or :data:`NEW_LINKED`."""
    if is_short_thanks(text):
        return THANKS
    grace = timedelta(days=max(0, int(grace_days or 0)))
    if closed_at is None or now - closed_at <= grace:
        return REOPEN
    return NEW_LINKED
