# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Phone numbers as the retailer's staff and customers type them, with what they must give.

One table for every path that reads a number: the pure normaliser (``tests/suite_phone``),
the stored partner columns, the SM contact sync, the 3CX caller-ID lookup and the inbox's
identification (``omnichannel_inbox/tests/test_phone_forms.py``).
"""

from typing import NamedTuple


class PhoneForm(NamedTuple):
    typed: str  # as typed in SM or Odoo, or sent by 3CX / a chat
    country: str  # the contact's country (the PBX's, for the lookup)
    e164: str | None  # None: not a phone number
    extension: str | None = None
    valid: bool = True  # False: outside the known ranges, normalised and flagged
    reason: str | None = None  # why a valid number is flagged (read in a fallback region)

    @property
    def flagged(self):
        """True when the number is kept but someone should check it."""
        return bool(self.e164) and (not self.valid or bool(self.reason))


BXL, BXL2, LIEGE, NAMUR, GENT = (
    "+3225112233",
    "+3225112244",
    "+3242234567",
    "+3281223344",
    "+3292234567",
)
BE_MOBILE, PARIS, FR_MOBILE = "+32475123456", "+33142685300", "+33612345678"
AMSTERDAM, NL_MOBILE, LU_FIXED, LU_MOBILE = (
    "+31201234567",
    "+31612345678",
    "+35226123456",
    "+352621123456",
)

PHONE_FORMS = (
    # Belgium: landlines, every separator and prefix
    PhoneForm("02 511 22 33", "BE", BXL),
    PhoneForm("02/511.22.33", "BE", BXL),
    PhoneForm("02-511-22-33", "BE", BXL),
    PhoneForm("(02) 511 22 33", "BE", BXL),
    PhoneForm("+32 2 511 22 33", "BE", BXL),
    PhoneForm("+32 (0)2 511 22 33", "BE", BXL),
    PhoneForm("0032 2 511 22 33", "BE", BXL),
    PhoneForm("+32 (0)4 223 45 67", "BE", LIEGE),
    PhoneForm("04/223.45.67", "BE", LIEGE),
    PhoneForm("081 22 33 44", "BE", NAMUR),
    PhoneForm("+32 2 511 22 33", "FR", BXL),  # international wins over the contact's country
    # Belgium: mobiles
    PhoneForm("0475 12 34 56", "BE", BE_MOBILE),
    PhoneForm("0475/12.34.56", "BE", BE_MOBILE),
    PhoneForm("0475.12.34.56", "BE", BE_MOBILE),
    PhoneForm("+32 475 12 34 56", "BE", BE_MOBILE),
    PhoneForm("0032475123456", "BE", BE_MOBILE),
    PhoneForm("32475123456", "BE", BE_MOBILE),  # 3CX with Prefix="Off"
    PhoneForm("tel:+32475123456", "BE", BE_MOBILE),
    # Belgium: extensions in English, French and Dutch, and RFC 3966
    PhoneForm("02/511.22.33 ext. 204", "BE", BXL, "204"),
    PhoneForm("02 511 22 44 poste 117", "BE", BXL2, "117"),
    PhoneForm("02 511 22 33 ext 204", "BE", BXL, "204"),
    PhoneForm("+32 2 511 22 33 x204", "BE", BXL, "204"),
    PhoneForm("02 511 22 33 #204", "BE", BXL, "204"),
    PhoneForm("02 511 22 33 extension 2040", "BE", BXL, "2040"),
    PhoneForm("02 511 22 44, p. 117", "BE", BXL2, "117"),
    PhoneForm("(02) 511 22 44 (poste 117)", "BE", BXL2, "117"),
    PhoneForm("09 223 45 67 toestel 12", "BE", GENT, "12"),
    PhoneForm("09/223.45.67 tst. 12", "BE", GENT, "12"),
    PhoneForm("+32 (0)9 223 45 67 post 12", "BE", GENT, "12"),
    PhoneForm("tel:+32-2-511-22-33;ext=204", "BE", BXL, "204"),
    PhoneForm("tel:025112233;phone-context=+32", "FR", BXL),
    # Belgium: a possible number in a block the library does not know yet
    PhoneForm("+32 400 12 34 56", "BE", "+32400123456", valid=False),
    PhoneForm("0400 12 34 56", "BE", "+32400123456", valid=False),
    # France
    PhoneForm("01 42 68 53 00", "FR", PARIS),
    PhoneForm("01.42.68.53.00", "FR", PARIS),
    PhoneForm("+33 (0)1 42 68 53 00", "FR", PARIS),
    PhoneForm("0033 1 42 68 53 00", "FR", PARIS),
    PhoneForm("06 12 34 56 78", "FR", FR_MOBILE),
    PhoneForm("+33 6 12 34 56 78", "FR", FR_MOBILE),
    PhoneForm("06 12 34 56 78", "BE", FR_MOBILE),  # a French mobile on a Belgian contact
    # invalid in Belgium, read as French but flagged: likely a mistyped Brussels number
    PhoneForm("02 54 01 22 33", "BE", "+33254012233", reason="read_as_FR"),
    PhoneForm("01 42 68 53 00", "BE", PARIS, reason="read_as_FR"),
    PhoneForm("081 22 33 44", "FR", NAMUR, reason="read_as_BE"),
    PhoneForm("+33 2 54 01 22 33", "BE", "+33254012233"),  # typed internationally: sure
    PhoneForm("01 42 68 53 00 poste 117", "FR", PARIS, "117"),
    PhoneForm("tel:+33-1-42-68-53-00;ext=21", "FR", PARIS, "21"),
    PhoneForm("06 39 12 34 56", "FR", "+33639123456", valid=False),
    # Netherlands
    PhoneForm("020 123 4567", "NL", AMSTERDAM),
    PhoneForm("06 12345678", "NL", NL_MOBILE),
    PhoneForm("0031 6 1234 5678", "NL", NL_MOBILE),
    PhoneForm("+31 (0)20 123 4567 toestel 3", "NL", AMSTERDAM, "3"),
    PhoneForm("06 70 12 34 56", "NL", "+31670123456", valid=False),
    # Luxembourg (no trunk prefix)
    PhoneForm("26 12 34 56", "LU", LU_FIXED),
    PhoneForm("621 123 456", "LU", LU_MOBILE),
    PhoneForm("+352 621 123 456", "BE", LU_MOBILE),
    PhoneForm("00352 26 12 34 56 poste 12", "LU", LU_FIXED, "12"),
    # not phone numbers: no E.164, the text is kept by the callers and flagged
    PhoneForm("04 12", "BE", None),
    PhoneForm("0475 12", "BE", None),
    PhoneForm("047x 12 34 56", "BE", None),
    PhoneForm("voir GSM", "BE", None),
    PhoneForm("n/a", "BE", None),
    PhoneForm("04 75 12 34 56 3456", "BE", None),
    PhoneForm("+999 12345", "BE", None),
    PhoneForm("ext. 204", "BE", None),
    PhoneForm("02 511 22 33 poste abc", "BE", None),
)
