# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Likely duplicates among SM contacts: different SM records that share an identifier.

SM ids differ, but the same normalised e-mail, the same VAT number or the same E.164 phone
says "probably one customer typed twice". People of one company share its VAT (and often its
e-mail or switchboard): within one commercial entity a shared value is no duplicate.
"""

import re
from collections import defaultdict


def duplicate_keys(email=None, vat=None, phones=()):
    """The identifiers a contact shares with its duplicates, as (kind, value) pairs."""
    keys = set()
    if email and email.strip():
        keys.add(("e-mail", email.strip().lower()))
    compact = re.sub(r"[^0-9A-Za-z]", "", vat or "").upper()
    if compact:
        keys.add(("VAT", compact))
    for phone in phones:
        # only numbers brought to E.164: a dirty value kept as typed proves nothing
        if phone and re.fullmatch(r"\+[1-9][0-9]{6,14}", phone):
            keys.add(("phone", phone))
    return keys


def likely_duplicates(contacts, wanted):
    """{(id, other id): kinds shared} for contacts of different commercial entities sharing
    a key, one of the two in `wanted`; both directions are listed.

    contacts: iterable of (id, commercial entity id, keys) — every contact holding a key.
    """
    holders = defaultdict(list)
    entity_of = {}
    for contact_id, entity, keys in contacts:
        entity_of[contact_id] = entity
        for key in keys:
            holders[key].append(contact_id)
    pairs = defaultdict(set)
    for (kind, _value), ids in holders.items():
        for first in ids:
            for second in ids:
                if (
                    first != second
                    and entity_of[first] != entity_of[second]
                    and (first in wanted or second in wanted)
                ):
                    pairs[(first, second)].add(kind)
    return {pair: sorted(kinds) for pair, kinds in pairs.items()}
