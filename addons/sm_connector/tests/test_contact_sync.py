# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from ..models.sm_managed_mixin import sm_sync_writes
from .common import SmCase


@tagged("post_install", "-at_install")
class TestContactSync(SmCase):
    """SM contacts → res.partner over real HTTP: initial, incremental, idempotent, archive."""

    def test_initial_import_brings_every_contact_once(self):
        run = self.sync()
        self.assertEqual(run.state, "done", run.message)
        live = self.live_ids("contacts")
        partners = self.partners()
        self.assertEqual(set(partners.mapped("sm_id")), live)
        # demo partners sharing an e-mail with SM contacts are matched, not duplicated
        self.assertEqual(run.created + run.updated, len(live))
        self.assertEqual(run.failed, 0)
        # people are attached to their company, companies are companies
        people_in_companies = [
            r for r in self.store.table("contacts").records.values() if r.get("company_id")
        ]
        self.assertTrue(people_in_companies, "the dataset has people working for companies")
        for record in people_in_companies:
            person = self.partners(sm_id=record["id"])
            self.assertEqual(person.parent_id.sm_id, record["company_id"])
        # ranks, segment tags and home showroom come along
        sample = next(
            r for r in self.store.table("contacts").records.values() if r.get("showroom") == "LIE"
        )
        partner = self.partners(sm_id=sample["id"])
        self.assertEqual(partner.sm_showroom_id.code, "LIE")
        self.assertIn(self.env.ref("sm_connector.partner_tag_showroom_lie"), partner.category_id)
        if sample["kind"] in ("customer", "both"):
            self.assertGreaterEqual(partner.customer_rank, 1)
        self.assertTrue(self.backend.contacts_watermark)

    def test_phones_are_e164_and_dirty_values_kept_and_flagged(self):
        self.sync()
        dirty = self.store.dirty["contacts"]
        for sm_id in dirty["invalid_vat"]:
            partner = self.partners(sm_id=sm_id)
            self.assertEqual(
                partner.vat.replace(" ", "").upper()[-4:],
                self.store.get("contacts", sm_id)["vat"]
                .replace(" ", "")
                .replace(".", "")
                .upper()[-4:],
            )
            self.assertTrue(partner.sm_has_data_issues)
            self.assertIn("VAT", partner.sm_data_issues)
        for sm_id in dirty["malformed_phone"]:
            partner = self.partners(sm_id=sm_id)
            self.assertEqual(partner.phone, self.store.get("contacts", sm_id)["phone"])
            self.assertIn("phone", partner.sm_data_issues)
        clean = self.partners().filtered(lambda p: not p.sm_has_data_issues and p.phone)
        self.assertTrue(clean)
        for partner in clean:
            self.assertRegex(partner.phone, r"^\+\d{8,15}$")

    def test_incremental_run_writes_only_what_changed(self):
        self.sync()
        before = {p.sm_id: p.write_date for p in self.partners()}
        changed = sorted(self.live_ids("contacts"))[:3]
        for sm_id in changed:
            self.store.set_field("contacts", sm_id, "city", "Spa")
        run = self.sync()
        self.assertEqual(run.state, "done", run.message)
        self.assertEqual(run.updated, 3)
        self.assertEqual(run.created, 0)
        for sm_id in changed:
            self.assertEqual(self.partners(sm_id=sm_id).city, "Spa")
        # the watermark limits the read to the recent changes (plus the overlap window)
        self.assertLess(run.processed, len(before))

    def test_rerun_from_scratch_is_idempotent_with_zero_writes(self):
        self.sync()
        self.env.cr.execute(
            "SELECT max(write_date), count(*) FROM res_partner WHERE sm_id IS NOT NULL"
        )
        before = self.env.cr.fetchone()
        self.backend.action_reset_watermarks()
        run = self.sync()
        self.assertEqual((run.created, run.updated, run.failed), (0, 0, 0))
        self.assertEqual(run.unchanged, len(self.live_ids("contacts")))
        self.env.cr.execute(
            "SELECT max(write_date), count(*) FROM res_partner WHERE sm_id IS NOT NULL"
        )
        self.assertEqual(self.env.cr.fetchone(), before)

    def test_touched_but_unchanged_record_costs_no_write(self):
        self.sync()
        sm_id = sorted(self.live_ids("contacts"))[5]
        self.store.touch("contacts", [sm_id])
        run = self.sync()
        self.assertEqual((run.updated, run.created), (0, 0))
        self.assertGreaterEqual(run.unchanged, 1)

    def test_deleted_in_sm_means_archived_in_odoo(self):
        self.sync()
        person = next(
            r for r in self.store.table("contacts").records.values() if not r["is_company"]
        )
        self.store.delete("contacts", [person["id"]])
        run = self.sync()
        self.assertEqual(run.archived, 1)
        partner = self.partners(sm_id=person["id"])
        self.assertTrue(partner.exists())
        self.assertFalse(partner.active)
        self.assertTrue(self.binding("contacts", person["id"]).sm_deleted)

    def test_full_reconciliation_archives_what_sm_no_longer_lists(self):
        self.sync()
        with sm_sync_writes():
            ghost = self.env["res.partner"].create({"name": "Ghost", "sm_id": "C9999999"})
        self.env["sm.binding"]._upsert(
            self.backend, "contacts", [("C9999999", ghost.id, "x", None)]
        )
        run = self.sync(mode="reconcile")
        self.assertEqual(run.state, "done", run.message)
        self.assertEqual(run.archived, 1)
        self.assertFalse(ghost.active)
        self.assertTrue(self.backend.contacts_reconciled)

    def test_first_run_matches_existing_partners_instead_of_duplicating(self):
        record = next(
            r
            for r in self.store.table("contacts").records.values()
            if r.get("email")
            and not r["is_company"]
            and r["id"] not in str(self.store.dirty["contacts"])
        )
        existing = self.env["res.partner"].create(
            {"name": "Typed by hand", "email": record["email"].upper()}
        )
        company = next(
            r
            for r in self.store.table("contacts").records.values()
            if r["is_company"]
            and r.get("vat")
            and r["id"] not in self.store.dirty["contacts"]["invalid_vat"]
        )
        existing_company = self.env["res.partner"].create(
            {
                "name": "Company typed by hand",
                "is_company": True,
                "vat": company["vat"].replace(" ", "").replace(".", ""),
            }
        )
        self.sync()
        self.assertEqual(existing.sm_id, record["id"])
        self.assertEqual(existing.name, record["name"])
        self.assertEqual(existing_company.sm_id, company["id"])
        self.assertEqual(len(self.partners(sm_id=record["id"])), 1)

    def test_bad_record_is_logged_with_payload_and_the_rest_imported(self):
        victim = sorted(self.live_ids("contacts"))[10]
        self.store.set_field("contacts", victim, "kind", "prospect")
        run = self.sync()
        self.assertEqual(run.state, "done")
        self.assertEqual(run.failed, 1)
        self.assertEqual(len(self.partners()), len(self.live_ids("contacts")) - 1)
        error = self.env["sm.sync.error"].search([("reference", "=", victim)])
        self.assertEqual(error.state, "open")
        self.assertIn("kind", error.reason)
        self.assertIn('"prospect"', error.payload)
        # fixed in SM: the next run retries it and closes the error
        self.store.set_field("contacts", victim, "kind", "customer")
        run = self.sync()
        self.assertEqual(error.state, "resolved")
        self.assertTrue(self.partners(sm_id=victim))

    def test_manual_retry_from_the_error(self):
        victim = sorted(self.live_ids("contacts"))[12]
        self.store.set_field("contacts", victim, "lang", "de")
        self.sync()
        error = self.env["sm.sync.error"].search([("reference", "=", victim)])
        self.store.set_field("contacts", victim, "lang", "fr")  # fixed in SM: Retry reads it
        error.with_user(self.manager).action_retry()
        self.assertEqual(error.state, "resolved")
        self.assertTrue(self.partners(sm_id=victim))

    def test_queue_job_scale_out_path(self):
        from odoo.addons.queue_job.tests.common import trap_jobs

        self.backend.use_queue_job = True
        with trap_jobs() as trap:
            run = self.sync()
            self.assertEqual(run.state, "done", run.message)
            self.assertFalse(self.partners(), "pages are queued, not imported inline")
            trap.assert_jobs_count(3)  # 60 contacts, 25 per page
            trap.perform_enqueued_jobs()
        self.env.invalidate_all()
        self.assertEqual(set(self.partners().mapped("sm_id")), self.live_ids("contacts"))
        self.assertTrue(self.backend.contacts_watermark)

    def test_stale_payload_never_overwrites_newer_data(self):
        self.sync()
        sm_id = sorted(self.live_ids("contacts"))[7]
        old = dict(self.store.get("contacts", sm_id))
        self.store.set_field("contacts", sm_id, "city", "Spa")
        self.sync()
        counts = self.env["sm.contact.importer"]._import_payloads(self.backend, [old])
        self.assertEqual(counts["updated"], 0)
        self.assertEqual(self.partners(sm_id=sm_id).city, "Spa")
