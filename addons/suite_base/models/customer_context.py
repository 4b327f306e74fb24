# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
from datetime import datetime

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

# rows each list section shows: the 360 is a glance, the full history is one click away
SECTION_LIMIT = 5
CANDIDATE_LIMIT = 5
# longest hint worth looking up (RFC 5321 address, E.164 with spacing and extension, SM id)
HINT_LIMITS = {"phone": 64, "email": 254, "visitor": 64}
# PostgreSQL stores neither NUL nor lone surrogates (valid in JSON: "\\ud800")
UNSTORABLE = re.compile("[\\x00\\ud800-\\udfff]")


class SuiteCustomerContext(models.AbstractModel):
    """The customer 360, once: who the customer is and what is going on with them, for every
    surface that shows it (side panel, ring-time pop-up, 3CX ContactUrl, Outlook, iAdvize).

    Each add-on contributes its sections by overriding :meth:`_suite_360_sections` (and
    :meth:`_suite_360_identity` for identity facts), calling ``super()``. Sections read a
    bounded number of rows with a constant number of queries, whatever the history.
    """

    _name = "suite.customer.context"
    _description = "Customer 360"

    @api.model
    def get_context(self, partner_id=None, phone=None, email=None, visitor=None):
        """The 360 of a contact, or of whoever a phone number / e-mail / web-shop visitor id
        means (through ``res.partner._suite_identify``, the suite's one identification).

        Callable over RPC by internal users. ``partner_id`` must be a contact the caller may
        read (``AccessError`` otherwise); a contact found from hints the caller may not read
        counts as unknown. Returns a JSON-serialisable dict::

            {"partner": {id, name, ...} or None,
             "query": {"phone": e164, "email": normalized, "visitor": id, "identified_by": ...},
             "candidates": [{id, name, company_name}, ...],   # other contacts of that number
             "sections": {name: data, ...}}                    # see each add-on's hook

        Dates are ISO strings (``YYYY-MM-DD``, datetimes in UTC ``YYYY-MM-DD HH:MM:SS``);
        labels are in the caller's language.
        """
        if not self.env.user._is_internal():
            raise AccessError(self.env._("The customer 360 is for staff only."))
        Partner = self.env["res.partner"]
        phone, email, visitor = (
            self._suite_360_hint(value, HINT_LIMITS[name])
            for name, value in (("phone", phone), ("email", email), ("visitor", visitor))
        )
        query = {"phone": "", "email": "", "visitor": visitor, "identified_by": ""}
        candidates = []
        if partner_id:
            if isinstance(partner_id, bool) or not isinstance(partner_id, int):
                raise ValidationError(self.env._("The contact id must be a number."))
            partner = Partner.browse(partner_id).exists()
            partner.check_access("read")
            query["identified_by"] = "partner"
        else:
            found = Partner._suite_identify(email=email, phone=phone, customer_ref=visitor)
            query.update(
                phone=found.phone_e164,
                email=found.email_normalized,
                identified_by=found.identified_by,
            )
            # identification ignores access rights (gateways use it): show only what this
            # user may read
            partner = found.partner._filtered_access("read")
            ids = [row["id"] for row in found.candidates[: CANDIDATE_LIMIT + 1]]
            readable = Partner.browse(ids)._filtered_access("read")
            candidates = [
                {"id": row["id"], "name": row["name"], "company_name": row["company_name"] or ""}
                for row in found.candidates
                if row["id"] in readable.ids and row["id"] != partner.id
            ][:CANDIDATE_LIMIT]
        if not partner:
            return {"partner": None, "query": query, "candidates": candidates, "sections": {}}
        return {
            "partner": self._suite_360_identity(partner),
            "query": query,
            "candidates": candidates,
            "sections": self._suite_360_sections(partner),
        }

    @api.model
    def _suite_360_identity(self, partner):
        """Hook: who the customer is (a readable ``res.partner`` of one) → dict. Add-ons add
        their facts (home showroom, data to check) calling ``super()``."""
        commercial = partner.commercial_partner_id
        flags = []
        if partner.phone_unverified:
            flags.append(partner.phone_check_reason or self.env._("Phone number to check"))
        return {
            "id": partner.id,
            "name": partner.name or "",
            "display_name": partner.display_name,
            "is_company": partner.is_company,
            "company": {"id": commercial.id, "name": commercial.name}
            if commercial != partner
            else None,
            "email": partner.email or "",
            "phone": partner.phone or "",
            "mobile": partner.mobile or "",
            "lang": partner.lang or "",
            "lang_name": self._suite_360_label(partner, "lang"),
            "flags": flags,
        }

    @api.model
    def _suite_360_sections(self, partner):
        """Hook: ``{section name: JSON data}`` for a readable contact. Each add-on adds its
        own sections (``orders``, ``messages``, ``calls``, ``tickets``, ``interactions``)
        calling ``super()``, with a constant number of queries (bounded rows, batched reads)."""
        return {}

    @api.model
    def _suite_360_hint(self, value, limit):
        """A hint from the client as a lookup can use it: '' unless a string of at most
        ``limit`` characters (longer is no phone/address/id), without NUL or lone surrogates."""
        if not isinstance(value, str) or len(value) > limit:
            return ""
        return UNSTORABLE.sub("", value).strip()

    # helpers the sections share ----------------------------------------------------------
    @api.model
    def _suite_360_label(self, record, field_name):
        """The caller-language label of a selection field's value ('' when unset)."""
        value = record[field_name]
        if not value:
            return ""
        selection = record._fields[field_name]._description_selection(self.env)
        return dict(selection).get(value, value)

    @api.model
    def _suite_360_date(self, value):
        """A date or datetime as an ISO string ('' when unset): JSON has no dates."""
        if not value:
            return ""
        if isinstance(value, datetime):
            return fields.Datetime.to_string(value)
        return fields.Date.to_string(value)
