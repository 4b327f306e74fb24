# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Canonical SM contact → `res.partner` values."""

from dataclasses import dataclass, field

from .normalize import DEFAULT_COUNTRY, check_email, check_phone, check_vat

# SM language + country → Odoo language code, best first.
LANG_CANDIDATES = {
    ("fr", "BE"): ("fr_BE", "fr_FR"),
    ("fr", None): ("fr_FR", "fr_BE"),
    ("nl", "BE"): ("nl_BE", "nl_NL"),
    ("nl", None): ("nl_NL", "nl_BE"),
    ("en", None): ("en_GB", "en_US"),
}


@dataclass
class ContactLookups:
    """Everything the mapper needs from Odoo, fetched once per chunk by the importer."""

    country_ids: dict = field(default_factory=dict)  # "BE" → res.country id
    active_langs: frozenset = frozenset({"en_US"})
    segment_tag_ids: dict = field(default_factory=dict)  # "B2B" → res.partner.category id
    showroom_ids: dict = field(default_factory=dict)  # "LIE" → sm.showroom id
    showroom_tag_ids: dict = field(default_factory=dict)  # "LIE" → res.partner.category id
    company_partner_ids: dict = field(default_factory=dict)  # SM id of a company → partner id
    # SM id of a company that could not be fetched or imported → why (its people must wait)
    unavailable_companies: dict = field(default_factory=dict)

    @property
    def sm_tag_ids(self):
        """Tags the sync owns; any other tag on a partner belongs to Odoo users."""
        return set(self.segment_tag_ids.values()) | set(self.showroom_tag_ids.values())


def odoo_lang(sm_lang, country, active_langs):
    """Pick an installed Odoo language for an SM language; None when none fits."""
    if not sm_lang:
        return None
    candidates = LANG_CANDIDATES.get((sm_lang, country)) or LANG_CANDIDATES.get((sm_lang, None))
    return next((code for code in candidates or () if code in active_langs), None)


def map_contact(record, lookups):
    """Return (vals, issues) for a live canonical contact. `issues` lists dirty values kept."""
    issues = []
    country = record.get("country")
    phone_country = country or DEFAULT_COUNTRY

    def keep(value_issue):
        value, issue = value_issue
        if issue:
            issues.append(issue)
        return value

    vat = keep(check_vat(record.get("vat"), country))
    email = keep(check_email(record.get("email")))
    phone = keep(check_phone(record.get("phone"), phone_country)) or record.get("phone")
    mobile = keep(check_phone(record.get("mobile"), phone_country)) or record.get("mobile")
    if country and country not in lookups.country_ids:
        issues.append(f"country {country!r} unknown")
    if not country:
        issues.append("country missing (phones read as Belgian)")

    wanted_tags = {
        lookups.segment_tag_ids.get(record.get("segment")),
        lookups.showroom_tag_ids.get(record.get("showroom")),
    } - {None}
    tag_commands = [(3, tag_id) for tag_id in sorted(lookups.sm_tag_ids - wanted_tags)]
    tag_commands += [(4, tag_id) for tag_id in sorted(wanted_tags)]

    kind = record["kind"]
    vals = {
        "name": record["name"],
        "is_company": record["is_company"],
        "parent_id": lookups.company_partner_ids.get(record.get("company_id")) or False,
        "vat": vat or False,
        "street": record.get("street") or False,
        "street2": record.get("street2") or False,
        "zip": record.get("zip") or False,
        "city": record.get("city") or False,
        "country_id": lookups.country_ids.get(country) or False,
        "email": email or False,
        "phone": phone or False,
        "mobile": mobile or False,
        "category_id": tag_commands,
        "customer_rank": 1 if kind in ("customer", "both") else 0,
        "supplier_rank": 1 if kind in ("supplier", "both") else 0,
        "sm_kind": kind,
        "sm_segment": record.get("segment") or False,
        "sm_showroom_id": lookups.showroom_ids.get(record.get("showroom")) or False,
        "sm_lang": record.get("lang") or False,
        "sm_data_issues": "\n".join(issues) or False,
        "active": True,
    }
    lang = odoo_lang(record.get("lang"), country, lookups.active_langs)
    if lang:
        vals["lang"] = lang
    return vals, issues


def company_dependency(record):
    """SM id of the company a person belongs to (imported first), else None."""
    return None if record.get("deleted") or record.get("is_company") else record.get("company_id")
