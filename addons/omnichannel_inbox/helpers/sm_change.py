# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Does the order, as the last SM sync shows it, carry the change an agent asked for?

Pure Python. SM is master: Odoo never writes the change, a person keys it into SM and the
next sync brings it back. ``requested`` and ``current`` are plain dicts:

* ``cancel``: ``current["status"]`` is ``cancelled`` (or the order was removed in SM);
* ``pickup_date``: ``current["promised_date"]`` (a ``date``) equals the requested date;
* ``address``: street, zip and city of the order's delivery address equal the requested
  ones, ignoring case, accents, spaces and punctuation (``Rue  de l'Église 4`` = ``rue de
  l eglise 4``);
* ``note``: never — SM's export has no order notes, the person who keyed it marks the task
  done.
"""

import re
import unicodedata

KINDS = ("cancel", "address", "pickup_date", "note")
ADDRESS_FIELDS = ("street", "zip", "city")


def address_key(value):
    """Comparable form of an address part: lower case, no accents, words of letters/digits."""
    text = unicodedata.normalize("NFKD", value or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return " ".join(re.findall(r"[^\W_]+", text))


def fulfilled(kind, requested, current):
    """True when ``current`` (the order after the sync) shows the ``requested`` change."""
    if kind == "cancel":
        return current.get("status") == "cancelled" or bool(current.get("removed"))
    if kind == "pickup_date":
        return bool(requested.get("pickup_date")) and (
            current.get("promised_date") == requested["pickup_date"]
        )
    if kind == "address":
        wanted = [address_key(requested.get(name)) for name in ADDRESS_FIELDS]
        return any(wanted) and wanted == [address_key(current.get(name)) for name in ADDRESS_FIELDS]
    return False
