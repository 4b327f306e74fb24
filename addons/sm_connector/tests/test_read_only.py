# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from lxml import etree

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import SmCase


@tagged("post_install", "-at_install")
class TestReadOnly(SmCase):
    """SM is master: its fields are read-only in Odoo for synced records, the rest is not."""

    def setUp(self):
        super().setUp()
        self.sync()
        self.partner = self.partners()[:1].with_user(self.agent)

    def test_agent_cannot_change_sm_fields(self):
        with self.assertRaisesRegex(UserError, "Silicon Master"):
            self.partner.write({"email": "changed@example.com"})
        with self.assertRaisesRegex(UserError, "Silicon Master"):
            self.partner.write({"name": "Renamed"})

    def test_agent_can_change_odoo_only_fields(self):
        tag = self.env["res.partner.category"].create({"name": "Met at the fair"})
        self.partner.write({"category_id": [(4, tag.id)], "comment": "<p>Prefers phone calls</p>"})
        self.assertIn(tag, self.partner.category_id)
        # …and the next sync keeps the user's tag while managing its own
        self.store.set_field("contacts", self.partner.sm_id, "segment", "B2B")
        self.sync()
        self.assertIn(tag, self.partner.category_id)
        self.assertIn(
            self.env.ref("sm_connector.partner_tag_segment_b2b"), self.partner.category_id
        )

    def test_partners_created_in_odoo_stay_editable(self):
        own = self.env["res.partner"].with_user(self.agent).create({"name": "Walk-in customer"})
        own.write({"name": "Walk-in customer (Liège)", "email": "walkin@example.com"})
        self.assertEqual(own.email, "walkin@example.com")

    def test_synced_records_cannot_be_deleted(self):
        with self.assertRaisesRegex(UserError, "archived"):
            self.partners()[:1].unlink()

    def test_form_shows_sm_fields_read_only(self):
        arch = self.env["res.partner"].with_user(self.agent).get_view(view_type="form")["arch"]
        root = etree.fromstring(arch)
        email = root.xpath("//form//field[@name='email'][not(ancestor::field)]")[0]
        self.assertIn("sm_id", email.get("readonly"))
        comment = root.xpath("//field[@name='comment'][not(ancestor::field)]")
        self.assertTrue(not comment or "sm_id" not in (comment[0].get("readonly") or ""))

    def test_agent_cannot_read_the_api_key(self):
        backend = self.backend.with_user(self.manager)
        self.assertNotIn("api_key", backend.fields_get())
        self.assertTrue(self.backend.api_key)
