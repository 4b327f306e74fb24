"""Contacts: Belgian and French people and companies, customers and suppliers.

Mix: ~15 % companies (B2B; ~2 % suppliers, ~0.5 % both customer and supplier), people of
which ~15 % work for a company (``company_id``, B2B), the rest private customers (B2C).

Dirty on purpose (shares of all contacts, ids listed in ``Dataset.dirty["contacts"]``):
``invalid_vat`` 3 % of the contacts having a VAT number get wrong check digits;
``malformed_phone`` 2 % get an undialable ``phone`` (``04 12``, ``047x ...``, ``n/a``...);
``duplicate_email`` 0.5 % pairs (1 % of contacts) where the second reuses the first's email;
``missing_country`` 1 % have ``country`` null (address otherwise complete).
"""

import random
from datetime import datetime

from . import identifiers as ids
from . import refdata_people as ref
from .gen_common import ascii_slug, batch_stamps, dirty_count, past_stamp, weighted

_BY_REGION = {}
for _loc in ref.LOCALITIES:
    _BY_REGION.setdefault(_loc[2], []).append(_loc)
_REGIONS = tuple(ref.REGION_WEIGHTS.items())


def contact_id(number: int) -> str:
    """SM contact id of the ``number``-th contact: ``C0012345``."""
    return f"C{number:07d}"


class ContactFactory:
    """Builds clean contact records; the dirty pass comes afterwards (:func:`spoil`)."""

    def __init__(self, rng: random.Random, start: datetime):
        self.rng = rng
        self.start = start
        self.batches = batch_stamps(rng, start)
        self.emails: set[str] = set()

    def address(self, region: str) -> dict:
        """Street, street2, zip, city, country for a random locality of ``region``."""
        rng = self.rng
        zip_code, city, _region, showroom, zone = rng.choice(_BY_REGION[region])
        number = rng.randrange(1, 250)
        suffix = rng.choice(("", "", "", "", "A", "B")) if region != "FR" else ""
        street = rng.choice(ref.STREETS[region])
        if region == "VLA":
            street = f"{street} {number}{suffix}"
        else:
            street = f"{number}{suffix} {street}"
        street2 = None
        if rng.random() < 0.12:
            street2 = rng.choice(ref.STREET2[region]).format(n=rng.randrange(1, 30))
        country = "FR" if region == "FR" else "BE"
        return {
            "street": street,
            "street2": street2,
            "zip": zip_code,
            "city": city,
            "country": country,
            "_showroom": showroom,
            "_zone": zone,
        }

    def phone(self, country: str, zone: str, mobile: bool) -> str:
        """A clean phone number typed in one of the usual formats."""
        rng = self.rng
        if country == "FR":
            national = ids.fr_mobile(rng) if mobile else ids.fr_landline(rng, zone)
        else:
            national = ids.be_mobile(rng) if mobile else ids.be_landline(rng, zone)
        return ids.format_phone(country, national, rng)

    def vat(self, country: str) -> str:
        """A valid VAT number as typed."""
        digits = ids.be_vat_digits(self.rng) if country == "BE" else ids.fr_vat_digits(self.rng)
        return ids.format_vat(country, digits, self.rng)

    def unique_email(self, local: str, domain: str) -> str:
        """``local@domain``, numbered when already taken (duplicates only come from spoil)."""
        email = f"{local}@{domain}"
        serial = 1
        while email in self.emails:
            serial += 1
            email = f"{local}{serial}@{domain}"
        self.emails.add(email)
        return email

    def person_name(self, region: str, lang: str) -> tuple[str, str]:
        """(first, last) names fitting the region and language."""
        rng = self.rng
        first = rng.choice(ref.FIRST_NAMES[lang])
        last = rng.choice(ref.LAST_NAMES[weighted(rng, ref.LAST_NAME_MIX[region])])
        return first, last

    def company(self, number: int, kind: str) -> dict:
        """A company record (customer, supplier or both)."""
        rng = self.rng
        region = weighted(rng, _REGIONS)
        addr = self.address(region)
        patterns = ref.SUPPLIER_PATTERNS if kind == "supplier" else ref.COMPANY_PATTERNS
        last = rng.choice(ref.LAST_NAMES[weighted(rng, ref.LAST_NAME_MIX[region])])
        label = rng.choice(patterns[region]).format(last=last, city=addr["city"])
        name = f"{label} {rng.choice(ref.LEGAL_FORMS[region])}"
        tld = "fr" if region == "FR" else "be"
        email = None
        if rng.random() < 0.92:
            local = rng.choice(("info", "contact", "compta", "admin"))
            email = self.unique_email(local, f"{ascii_slug(label, '-')}.{tld}")
        return self._record(
            number,
            kind,
            True,
            None,
            name=name,
            region=region,
            addr=addr,
            email=email,
            vat=self.vat(addr["country"]) if rng.random() < 0.96 else None,
            phone=self.phone(addr["country"], addr["_zone"], False),
            mobile=self.phone(addr["country"], addr["_zone"], True) if rng.random() < 0.3 else None,
            segment="B2B",
        )

    def person(self, number: int, employer: dict | None) -> dict:
        """A person; with ``employer`` they work there (same address, B2B)."""
        rng = self.rng
        if employer is not None:
            region, addr = employer["_region"], dict(employer["_addr"])
        else:
            region = weighted(rng, _REGIONS)
            addr = self.address(region)
        lang = weighted(rng, ref.LANG_WEIGHTS[region])
        first, last = self.person_name(region, lang)
        email = None
        if rng.random() < 0.88:
            if employer is not None and employer["email"]:
                domain = employer["email"].split("@", 1)[1]
            else:
                domain = rng.choice(ref.PERSON_EMAIL_DOMAINS[region])
            local = f"{ascii_slug(first, '-')}.{ascii_slug(last)}"
            email = self.unique_email(local, domain)
        country, zone = addr["country"], addr["_zone"]
        kind = employer["kind"] if employer is not None else "customer"
        return self._record(
            number,
            kind,
            False,
            employer["id"] if employer else None,
            name=f"{last} {first}",
            region=region,
            addr=addr,
            email=email,
            vat=self.vat(country) if rng.random() < 0.02 else None,
            phone=self.phone(country, zone, False) if rng.random() < 0.25 else None,
            mobile=self.phone(country, zone, True) if rng.random() < 0.85 else None,
            segment="B2B" if employer is not None else "B2C",
            lang=lang,
        )

    def _record(
        self,
        number,
        kind,
        is_company,
        company_id,
        *,
        name,
        region,
        addr,
        email,
        vat,
        phone,
        mobile,
        segment,
        lang=None,
    ) -> dict:
        rng = self.rng
        if lang is None:
            lang = weighted(rng, ref.LANG_WEIGHTS[region])
        showroom = addr["_showroom"]
        if segment == "B2C" and rng.random() < 0.25:
            showroom = "WEB"  # web-shop customers never came to a showroom
        return {
            "id": contact_id(number),
            "kind": kind,
            "is_company": is_company,
            "company_id": company_id,
            "name": name,
            "vat": vat,
            "street": addr["street"],
            "street2": addr["street2"],
            "zip": addr["zip"],
            "city": addr["city"],
            "country": addr["country"],
            "email": email,
            "phone": phone,
            "mobile": mobile,
            "lang": lang,
            "segment": segment,
            "showroom": showroom,
            "updated_at": past_stamp(rng, self.start, 730, self.batches),
            "deleted": False,
            # generator-only keys, stripped before the records leave the generator
            "_region": region,
            "_addr": addr,
        }


def generate_contacts(count: int, rng: random.Random, start: datetime) -> tuple[list, dict]:
    """``count`` contact records (contract shape) and the dirty-data manifest."""
    factory = ContactFactory(rng, start)
    records: list[dict] = []
    employers: list[dict] = []
    for number in range(1, count + 1):
        draw = rng.random()
        if draw < 0.02:
            record = factory.company(number, "supplier")
        elif draw < 0.025:
            record = factory.company(number, "both")
        elif draw < 0.15:
            record = factory.company(number, "customer")
        else:
            employer = rng.choice(employers) if employers and rng.random() < 0.15 else None
            record = factory.person(number, employer)
        if record["is_company"]:
            employers.append(record)
        records.append(record)
    dirty = spoil(records, rng)
    for record in records:
        del record["_region"], record["_addr"]
    return records, dirty


def spoil(records: list[dict], rng: random.Random) -> dict:
    """Make the documented share of contacts dirty, in place; returns the id lists."""
    with_vat = [rec for rec in records if rec["vat"]]
    invalid_vat = rng.sample(with_vat, dirty_count(len(with_vat), 0.03))
    for rec in invalid_vat:
        country = "FR" if rec["vat"].upper().startswith("FR") else "BE"
        digits = "".join(char for char in rec["vat"] if char.isdigit())
        if country == "BE" and len(digits) == 9:
            digits = "0" + digits
        rec["vat"] = ids.format_vat(country, ids.corrupt_vat_digits(country, digits, rng), rng)

    malformed = rng.sample(records, dirty_count(len(records), 0.02))
    for rec in malformed:
        national = "0475123456" if rec["country"] == "BE" else "0612345678"
        rec["phone"] = ids.malformed_phone(national, rng)

    with_email = [rec for rec in records if rec["email"]]
    pair_count = min(len(with_email) // 2, dirty_count(len(records), 0.005))
    pairs = rng.sample(with_email, pair_count * 2)
    duplicate_email = []
    for first, second in zip(pairs[::2], pairs[1::2], strict=True):
        second["email"] = first["email"]
        duplicate_email.append(sorted((first["id"], second["id"])))

    missing = rng.sample(records, dirty_count(len(records), 0.01))
    for rec in missing:
        rec["country"] = None
    return {
        "invalid_vat": sorted(rec["id"] for rec in invalid_vat),
        "malformed_phone": sorted(rec["id"] for rec in malformed),
        "duplicate_email": sorted(duplicate_email),
        "missing_country": sorted(rec["id"] for rec in missing),
    }
