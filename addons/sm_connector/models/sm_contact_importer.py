# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.tools import SQL

from ..mappers.contact_mapper import ContactLookups, company_dependency, map_contact
from ..mappers.duplicates import duplicate_keys, likely_duplicates
from ..mappers.normalize import check_vat
from ..parsers.record_validator import SmRecordError


class SmContactImporter(models.AbstractModel):
    """SM contacts → res.partner: companies before their people, first-run matching by
    VAT (companies) and e-mail."""

    _name = "sm.contact.importer"
    _inherit = "sm.importer"
    _description = "SM contact importer"
    _sm_entity = "contacts"

    def _dependency_batches(self, items):
        companies = [item for item in items if item.record["is_company"]]
        people = [item for item in items if not item.record["is_company"]]
        return [batch for batch in (companies, people) if batch]

    def _order_file_records(self, records):
        # companies first: people in the same export then find their company bound
        return sorted(records, key=lambda rec: not _is_company(rec))

    @api.model
    def _prepare_lookups(self, backend, run, records, first_load=False):
        env = self.env
        showrooms = env["sm.showroom"]._by_code()
        company_ids = {dep for dep in map(company_dependency, records) if dep}
        unavailable = {}
        company_partner_ids = (
            self._ensure_imported(backend, run, sorted(company_ids), unavailable)
            if company_ids
            else {}
        )
        return ContactLookups(
            country_ids={
                row["code"]: row["id"] for row in env["res.country"].search_read([], ["code"])
            },
            active_langs=frozenset(dict(env["res.lang"].get_installed())),
            segment_tag_ids=backend._segment_tag_ids(),
            showroom_ids={code: room.id for code, room in showrooms.items()},
            showroom_tag_ids={
                code: room.partner_tag_id.id
                for code, room in showrooms.items()
                if room.partner_tag_id
            },
            company_partner_ids=company_partner_ids,
            unavailable_companies=unavailable,
        )

    @api.model
    def _map(self, record, lookups):
        vals, issues = map_contact(record, lookups)
        company = company_dependency(record)
        if company in lookups.unavailable_companies:
            # never imported detached from its company: logged with the payload, retried
            raise SmRecordError(f"company {company} {lookups.unavailable_companies[company]}")
        if company and not vals["parent_id"]:
            # SM itself answered that it does not know this company: kept and flagged
            issues.append(f"company {company} not found in SM")
            vals["sm_data_issues"] = "\n".join(issues)
        return vals, issues

    @api.model
    def _match_existing(self, backend, records):
        """Partners created in Odoo before the sync: same VAT (companies) or same e-mail."""
        vats = {}
        emails = {}
        for record in records:
            vat, issue = check_vat(record.get("vat"), record.get("country"))
            if record["is_company"] and vat and not issue:
                vats.setdefault(vat, record["id"])
                vats.setdefault(vat[2:], record["id"])  # typed in Odoo without country prefix
            if record.get("email"):
                emails.setdefault(record["email"], record["id"])
        if not vats and not emails:
            return {}
        self.env["res.partner"].flush_model(["vat", "email_normalized", "sm_id"])
        self.env.cr.execute(
            SQL(
                "SELECT id, upper(regexp_replace(vat, '[^A-Za-z0-9]', '', 'g')), email_normalized,"
                " is_company FROM res_partner WHERE sm_id IS NULL"
                " AND (upper(regexp_replace(vat, '[^A-Za-z0-9]', '', 'g')) = ANY(%s)"
                " OR email_normalized = ANY(%s))"
                " ORDER BY is_company DESC, id",
                list(vats),
                list(emails),
            )
        )
        candidates = [
            (partner_id, vats.get(vat) or emails.get(email))
            for partner_id, vat, email, _is_company in self.env.cr.fetchall()
        ]
        return self.env["sm.binding"]._first_unbound(self._sm_entity, candidates)

    def _create(self, backend, run, Model, items, counts):
        # Odoo syncs every new person with their company one write at a time (commercial
        # fields, address); like Odoo's own data loader, skip that and write once per company.
        created = super()._create(
            backend, run, Model.with_context(_partners_skip_fields_sync=True), items, counts
        )
        self._sync_with_companies(Model.browse([partner.id for partner, _r, _d in created]))
        return created

    def _sync_with_companies(self, partners):
        # sudo: copies company values onto partners the sync just created (as Odoo's own sync)
        partners = partners.sudo()
        groups = {}
        for partner in partners:
            commercial = partner.commercial_partner_id if partner.parent_id else partner.browse()
            address_parent = partner.parent_id if partner.type == "contact" else partner.browse()
            groups.setdefault((commercial, address_parent), partner.browse())
            groups[(commercial, address_parent)] |= partner
        for (commercial, address_parent), children in groups.items():
            values = (
                commercial._convert_fields_to_values(commercial._commercial_fields())
                if commercial
                else {}
            )
            for fname in children._address_fields() if address_parent else ():
                value = address_parent[fname]
                if value:
                    values[fname] = value.id if isinstance(value, models.BaseModel) else value
            if values:
                children.write(values)
        for partner in partners:
            partner._handle_first_contact_creation()

    def _after_import(self, backend, imported, lookups):
        """Flag likely duplicates of the contacts just written, on both records: one query for
        the chunk finds every SM contact sharing an e-mail, a VAT or a phone with them."""
        partners = self.env["res.partner"].browse([partner.id for partner, _rec in imported])
        if not partners:
            return
        Partner = self.env["res.partner"]
        Partner.flush_model(
            ["email_normalized", "vat", "phone", "mobile", "commercial_partner_id", "active"]
        )
        cr = self.env.cr
        # their values may have changed: their links are computed again from scratch
        cr.execute(
            SQL(
                "DELETE FROM sm_partner_duplicate_rel"
                " WHERE partner_id = ANY(%(ids)s) OR duplicate_id = ANY(%(ids)s)",
                ids=partners.ids,
            )
        )
        cr.execute(
            SQL(
                "SELECT email_normalized, vat, phone, mobile FROM res_partner WHERE id = ANY(%s)",
                partners.ids,
            )
        )
        values = [set(row) - {None, ""} for row in cr.fetchall()]
        wanted = set().union(*values) if values else set()
        if wanted:
            cr.execute(
                SQL(
                    "SELECT id, commercial_partner_id, email_normalized, vat, phone, mobile"
                    " FROM res_partner WHERE sm_id IS NOT NULL AND active"
                    " AND (email_normalized = ANY(%(v)s) OR vat = ANY(%(v)s)"
                    " OR phone = ANY(%(v)s) OR mobile = ANY(%(v)s))",
                    v=sorted(wanted),
                )
            )
            contacts = [
                # a person's VAT is their company's (Odoo copies it): only entities' own count
                (pid, entity, duplicate_keys(email, vat if pid == entity else None, phones))
                for pid, entity, email, vat, *phones in cr.fetchall()
            ]
            pairs = likely_duplicates(contacts, set(partners.ids))
            if pairs:
                cr.execute(
                    SQL(
                        "INSERT INTO sm_partner_duplicate_rel (partner_id, duplicate_id)"
                        " VALUES %s ON CONFLICT DO NOTHING",
                        SQL(", ").join(SQL("(%s, %s)", a, b) for a, b in sorted(pairs)),
                    )
                )
        Partner.invalidate_model(["sm_duplicate_ids"])

    def _adjust_update_vals(self, targets):
        # Sales in Odoo raise customer_rank: SM only says "is a customer", never lower it.
        for partner, vals in targets:
            for rank in ("customer_rank", "supplier_rank"):
                vals[rank] = max(vals.get(rank, 0), partner[rank])


def _is_company(raw):
    return str(raw.get("is_company")).strip().lower() in ("1", "true", "o", "oui", "y", "yes")
