"""VAT numbers, EAN-13 codes and phone numbers, valid or deliberately broken.

Check digits are computed here (not with python-stdnum, which the tests use to verify them):

* Belgian VAT: 10 digits, the last two = ``97 - (first eight mod 97)``.
* French VAT: ``FR`` + key + SIREN, SIREN = 8 digits + a Luhn digit,
  key = ``(SIREN * 100 + 12) mod 97``.
* EAN-13: weights 1,3,1,3... from the left on 12 digits, check = ``(10 - sum mod 10) mod 10``.
"""

import random


def be_vat_digits(rng: random.Random) -> str:
    """A valid Belgian enterprise number (10 digits, begins with 0 or 1)."""
    base = ("0" if rng.random() < 0.85 else "1") + f"{rng.randrange(2_000_000, 10_000_000):07d}"
    return base + f"{97 - int(base) % 97:02d}"


def luhn_digit(digits: str) -> str:
    """The Luhn check digit to append to ``digits``."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char) * (2 if position % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return str((10 - total % 10) % 10)


def fr_vat_digits(rng: random.Random) -> str:
    """A valid French VAT number without the ``FR`` prefix: 2-digit key + SIREN."""
    body = f"{rng.randrange(1, 10)}{rng.randrange(0, 10_000_000):07d}"
    siren = body + luhn_digit(body)
    return f"{(int(siren) * 100 + 12) % 97:02d}{siren}"


def corrupt_vat_digits(country: str, digits: str, rng: random.Random) -> str:
    """Same number with wrong check digits (BE: last two, FR: the key)."""
    if country == "BE":
        check = int(digits[-2:])
        wrong = (check - 1 + rng.randrange(1, 97)) % 97 + 1  # 1..97, never the right one
        return digits[:-2] + f"{wrong:02d}"
    key = (int(digits[:2]) + rng.randrange(1, 97)) % 97
    return f"{key:02d}{digits[2:]}"


def format_vat(country: str, digits: str, rng: random.Random) -> str:
    """Type the VAT number the way people do in SM (with or without prefix, dots, spaces)."""
    style = rng.randrange(4)
    if country == "BE":
        dotted = f"{digits[:4]}.{digits[4:7]}.{digits[7:]}"
        return (
            f"BE{digits}",
            f"BE {dotted}",
            dotted,
            f"BE{digits[:4]} {digits[4:7]} {digits[7:]}",
        )[style]
    return (
        f"FR{digits}",
        f"FR {digits[:2]} {digits[2:]}",
        f"FR{digits}",
        f"FR{digits[:2]} {digits[2:5]} {digits[5:8]} {digits[8:]}",
    )[style]


def ean13_check(digits12: str) -> str:
    """The EAN-13 check digit of 12 digits."""
    total = sum(int(char) * (3 if index % 2 else 1) for index, char in enumerate(digits12))
    return str((10 - total % 10) % 10)


def ean13(company_prefix: str, item: int) -> str:
    """A valid EAN-13 made of a 7-digit GS1 company prefix and a 5-digit item reference."""
    digits12 = f"{company_prefix}{item % 100_000:05d}"
    return digits12 + ean13_check(digits12)


def corrupt_ean13(code: str) -> str:
    """Same EAN-13 with a wrong check digit."""
    return code[:-1] + str((int(code[-1]) + 1 + int(code[-2]) % 8) % 10)


# --- phones ------------------------------------------------------------------------------

_BE_MOBILE_PREFIXES = (
    "470",
    "471",
    "472",
    "473",
    "474",
    "475",
    "476",
    "477",
    "478",
    "479",
    "484",
    "485",
    "486",
    "487",
    "488",
    "489",
    "490",
    "491",
    "492",
    "493",
    "494",
    "495",
    "496",
    "497",
    "498",
    "499",
)
# first digit of the subscriber number the numbering plan allows per 2-digit zone
_BE_ZONE_FIRST = {"02": "2345678", "03": "2345678", "04": "23", "09": "234"}
_FR_MOBILE_PREFIXES = ("61", "62", "64", "65", "66", "67", "68", "75", "76", "77", "78")
_FR_LANDLINE_FIRST = {"01": "23456789", "03": "23456789", "04": "23456789", "05": "2345678"}


def _digits(rng: random.Random, count: int) -> str:
    return f"{rng.randrange(10**count):0{count}d}"


def be_mobile(rng: random.Random) -> str:
    """A Belgian mobile in national form, e.g. ``0475123456``."""
    return "0" + rng.choice(_BE_MOBILE_PREFIXES) + _digits(rng, 6)


def be_landline(rng: random.Random, zone: str) -> str:
    """A Belgian landline in national form for ``zone`` (``04``, ``081``...), 9 digits."""
    if len(zone) == 2:
        return zone + rng.choice(_BE_ZONE_FIRST[zone]) + _digits(rng, 6)
    return zone + rng.choice("2345678") + _digits(rng, 5)


def fr_mobile(rng: random.Random) -> str:
    """A French mobile in national form, e.g. ``0612345678``."""
    return "0" + rng.choice(_FR_MOBILE_PREFIXES) + _digits(rng, 7)


def fr_landline(rng: random.Random, zone: str) -> str:
    """A French landline in national form for ``zone`` (``01``..``05``)."""
    return zone + rng.choice(_FR_LANDLINE_FIRST.get(zone, "2345678")) + _digits(rng, 7)


def _pairs(digits: str) -> str:
    return " ".join(digits[i : i + 2] for i in range(0, len(digits), 2))


def format_phone(country: str, national: str, rng: random.Random) -> str:
    """Type ``national`` (``0`` + significant digits) in one of the formats people use."""
    significant = national[1:]
    if country == "FR":
        styles = (
            _pairs(national),
            f"+33 {significant[0]} {_pairs(significant[1:])}",
            f"0033{significant}",
            ".".join(_pairs(national).split()),
            national,
            f"+33{significant}",
            f"+33 (0){significant[0]} {_pairs(significant[1:])}",
        )
        return rng.choice(styles)
    if len(national) == 10:  # Belgian mobile 04xx xx xx xx
        head, tail = national[:4], national[4:]
        styles = (
            f"{head} {_pairs(tail)}",
            f"+32 {head[1:]} {_pairs(tail)}",
            f"0032{significant}",
            f"{head}/{'.'.join(_pairs(tail).split())}",
            national,
            f"+32{significant}",
            f"{head} {tail[:3]} {tail[3:]}",
            f"{head}.{'.'.join(_pairs(tail).split())}",
        )
        return rng.choice(styles)
    zone_len = 2 if national[:2] in _BE_ZONE_FIRST else 3
    zone, rest = national[:zone_len], national[zone_len:]
    grouped = f"{rest[:3]} {_pairs(rest[3:])}" if zone_len == 2 else _pairs(rest)
    styles = (
        f"{zone}/{'.'.join(grouped.split())}",
        f"{zone} {grouped}",
        f"+32 {zone[1:]} {grouped}",
        national,
        f"0032 {zone[1:]} {grouped}",
    )
    return rng.choice(styles)


_MALFORMED_PHONES = (
    lambda national: f"{national[:2]} {national[2:4]}",  # cut short: "04 12"
    lambda national: f"{national[:4]} {national[4:6]}",  # "0475 12"
    lambda national: f"{national[:3]}x {_pairs(national[4:])}",  # a letter typed for a digit
    lambda national: "voir GSM",
    lambda national: f"{_pairs(national)} {national[-4:]}",  # digits typed twice: too long
    lambda national: "n/a",
)


def malformed_phone(national: str, rng: random.Random) -> str:
    """A phone nobody can dial: too short, too long, letters or words."""
    return rng.choice(_MALFORMED_PHONES)(national)
