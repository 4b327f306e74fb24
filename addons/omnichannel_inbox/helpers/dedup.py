# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Is this request a new one, or the same customer again while their ticket is open?

Pure Python. The model fetches the few open tickets of the customer (or, for an unknown
sender, of the same address/number) with one indexed query; these functions decide.
"""

import re
import unicodedata
from dataclasses import dataclass
from datetime import timedelta

DEFAULT_WINDOW_HOURS = 72.0


@dataclass(frozen=True)
class Candidate:
    """An open ticket that may receive the new request."""

    ticket_id: int
    last_request: object  # naive UTC datetime of the customer's last request on it
    channel: str = ""


def sender_key(email=None, phone_e164=None, visitor_id=None):
    """Identity of an unidentified sender, best first: ``email:…``, ``phone:…``, ``visitor:…``."""
    if email:
        return f"email:{email.strip().lower()}"
    if phone_e164:
        return f"phone:{phone_e164.strip()}"
    if visitor_id:
        return f"visitor:{str(visitor_id).strip()}"
    return None


def in_window(last_request, now, window_hours):
    """True when ``last_request`` is at most ``window_hours`` before ``now``."""
    if not last_request:
        return False
    if window_hours is None or window_hours <= 0:
        return False
    return now - last_request <= timedelta(hours=window_hours)


def pick_open_ticket(candidates, now, window_hours=DEFAULT_WINDOW_HOURS):
    """The ticket the request joins: the most recent candidate within the window, else None."""
    eligible = [c for c in candidates if in_window(c.last_request, now, window_hours)]
    if not eligible:
        return None
    return max(eligible, key=lambda c: (c.last_request, c.ticket_id)).ticket_id


def normalize_name(name):
    """``  Dupont-Lambert, Julie `` -> ``dupont lambert julie`` (accents, punctuation and
    order of words removed) to spot the same person typed twice."""
    if not name:
        return ""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    words = re.findall(r"[a-z0-9]+", text)
    return " ".join(sorted(words))
