# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The install and the demo look like the Belgian retailer: languages, company, taxes,
menus for agents, customer messages and who follows them up (issue 11, items 3-6)."""

from odoo.exceptions import ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from ..models.sm_managed_mixin import sm_sync_writes
from .common import SmCase


@tagged("post_install", "-at_install")
class TestRetailerSetup(SmCase):
    """Installed languages, the demo company and SM contacts' languages."""

    sim_sizes = {"contacts": 60, "articles": 20, "orders": 0}

    def test_languages_sm_uses_are_loaded_by_the_install(self):
        active = set(dict(self.env["res.lang"].get_installed()))
        self.assertLessEqual({"fr_BE", "nl_BE", "en_US"}, active)
        # the suite's own terms are there in French and Dutch
        sync_label = self.env.ref("sm_connector.menu_sm_backend").with_context(lang="fr_BE").name
        self.assertEqual(sync_label, "Connexion")
        # loading again changes nothing
        self.assertFalse(self.env["res.lang"]._sm_load_languages())

    def test_language_installed_after_the_first_sync_reaches_the_contacts(self):
        self.assertEqual(self.sync().state, "done")
        french_in_france = self.partners(sm_lang="fr").filtered(
            lambda p: p.country_id.code == "FR"
        )[:1]
        self.assertTrue(french_in_france, "the dataset has French customers living in France")
        # fr_FR, their best language, is not installed yet: the closest one was given
        self.assertEqual(french_in_france.lang, "fr_BE")
        self.env["res.lang"]._activate_lang("fr_FR")
        self.assertEqual(french_in_france.lang, "fr_FR")
        # the next sync (payload unchanged, skipped) keeps it
        run = self.sync()
        self.assertEqual(run.updated, 0)
        self.assertEqual(french_in_france.lang, "fr_FR")

    def test_dutch_and_french_contacts_get_their_language_at_the_first_sync(self):
        self.sync()
        for sm_lang, lang in (("fr", "fr_BE"), ("nl", "nl_BE")):
            partner = self.partners(sm_lang=sm_lang).filtered(lambda p: p.country_id.code == "BE")[
                :1
            ]
            self.assertEqual(partner.lang, lang)

    def test_demo_company_is_the_belgian_retailer(self):
        company = self.env.ref("base.main_company")
        self.assertEqual(company.country_id.code, "BE")
        self.assertEqual(company.currency_id.name, "EUR")
        pricelists = self.env["product.pricelist"].search([("company_id", "=", company.id)])
        self.assertEqual(set(pricelists.currency_id.mapped("name")), {"EUR"}, "no '$' on orders")
        self.assertEqual(company.chart_template, "be_comp")
        self.assertEqual(company.city, "Liège")
        self.assertNotIn("YourCompany", company.name)
        self.assertTrue(company.email.startswith("service@"))
        self.assertTrue(company.alias_domain_id, "a mail to a team's alias must route somewhere")
        rates = (
            self.env["account.tax"]
            .search([("company_id", "=", company.id), ("type_tax_use", "=", "sale")])
            .mapped("amount")
        )
        self.assertLessEqual({21.0, 12.0, 6.0}, set(rates))

    def test_sm_taxes_are_the_belgian_ones_vat_included(self):
        company = self.env.ref("base.main_company")
        self.backend.company_id = company
        for rate in ("21", "12", "6"):
            tax = self.backend._sale_tax_for_rate(rate)
            local = self.env["account.tax"].search(
                [
                    ("company_id", "=", company.id),
                    ("type_tax_use", "=", "sale"),
                    ("amount", "=", float(rate)),
                    ("price_include_override", "!=", "tax_included"),
                ],
                limit=1,
            )
            self.assertEqual(tax.price_include_override, "tax_included")
            self.assertEqual(tax.amount, float(rate))
            # the Belgian tax group and report grids, not a bare tax of our own
            self.assertEqual(tax.tax_group_id, local.tax_group_id)
            self.assertEqual(
                tax.invoice_repartition_line_ids.tag_ids,
                local.invoice_repartition_line_ids.tag_ids,
            )
            self.assertEqual(self.backend._sale_tax_for_rate(rate), tax, "made once")

    def test_backend_responsible_must_be_a_person(self):
        for user in (
            self.env.ref("base.user_root"),
            new_test_user(self.env, login="sm-portal", groups="base.group_portal"),
            new_test_user(self.env, login="sm-gone", groups="base.group_user"),
        ):
            if user.login == "sm-gone":
                user.active = False
            with self.assertRaises(ValidationError, msg=user.login):
                self.backend.user_id = user
        self.backend.user_id = self.agent
        # created by OdooBot (install, cron): the administrator, not OdooBot
        backend = (
            self.env["sm.backend"]
            .with_user(self.env.ref("base.user_root"))
            .create({"name": "SM by OdooBot", "base_url": "http://127.0.0.1:1", "api_key": "k"})
        )
        self.assertEqual(backend.user_id, self.env.ref("base.user_admin"))


@tagged("post_install", "-at_install")
class TestAgentsFindOrders(SmCase):
    """Agents reach SM orders and articles from a menu; a showroom agent has their orders."""

    sim_sizes = {"contacts": 40, "articles": 20, "orders": 20}

    def setUp(self):
        super().setUp()
        self.showroom = self.env.ref("sm_connector.showroom_lie")
        self.shop_agent = new_test_user(
            self.env, login="sm-liege-agent", groups="sm_connector.group_sm_agent"
        )
        self.shop_agent.sm_showroom_id = self.showroom

    def test_agent_sees_orders_and_articles_menus_not_the_connection(self):
        visible = self.env["ir.ui.menu"].with_user(self.shop_agent)._visible_menu_ids()
        for xmlid in (
            "sm_connector.menu_sm_root",
            "sm_connector.menu_sm_orders",
            "sm_connector.menu_sm_my_showroom_orders",
            "sm_connector.menu_sm_articles",
        ):
            self.assertIn(self.env.ref(xmlid).id, visible, xmlid)
        for xmlid in ("sm_connector.menu_sm_backend", "sm_connector.menu_sm_sync_run"):
            self.assertNotIn(self.env.ref(xmlid).id, visible, xmlid)

    def test_my_showroom_filter_lists_the_showroom_orders(self):
        self.assertEqual(self.sync("orders").state, "done")
        orders = self.env["sale.order"].browse(self.bound_ids("orders"))
        liege = orders.filtered(lambda o: o.sm_showroom_id == self.showroom)
        self.assertTrue(liege, "the dataset has Liège orders")
        self.assertFalse(orders.user_id, "SM orders have no salesperson: 'My orders' is empty")
        arch = self.env["sale.order"].get_view(
            self.env.ref("sale.view_sales_order_filter").id, "search"
        )["arch"]
        domain_text = arch.split('name="sm_my_showroom"')[1].split('domain="')[1].split('"')[0]
        domain = safe_eval(domain_text.replace("&#39;", "'"), {"uid": self.shop_agent.id})
        Order = self.env["sale.order"].with_user(self.shop_agent)
        found = Order.search(domain + [("id", "in", orders.ids)])
        self.assertEqual(found, liege.with_user(self.shop_agent))
        # the agent reads them and the articles from the menus' actions
        action = self.env.ref("sm_connector.action_sm_articles")
        articles = self.env["product.template"].with_user(self.shop_agent)
        self.assertTrue(articles.search_count(safe_eval(action.domain)))


@tagged("post_install", "-at_install")
class TestCustomerMessages(SmCase):
    """A customer message reads like the retailer's: greeting, dates, sender; follow-up
    activities go to a person."""

    sim_sizes = {"contacts": 60, "articles": 30, "orders": 20}

    def setUp(self):
        super().setUp()
        self.env["sm.order.event.type"].search([]).write({"settle_minutes": 0})
        self.backend.message_older_orders = True
        self.backend.company_id = self.env.ref("base.main_company")
        self.order_id = next(
            sm_id
            for sm_id in sorted(self.live_ids("orders"))
            if (
                self.store.get("contacts", self.store.get("orders", sm_id)["customer_id"]) or {}
            ).get("email")
        )
        record = self.store.get("orders", self.order_id)
        self.customer_id = record["customer_id"]
        lines = [dict(line, available=True, expected_date=None) for line in record["lines"]]
        self.store.set_field("orders", self.order_id, "lines", lines)
        self.store.set_field("orders", self.order_id, "status", "confirmed")
        self.store.set_field("orders", self.order_id, "delivery_mode", "delivery")
        self.store.set_field("orders", self.order_id, "showroom", "LIE")
        self.store.set_field("orders", self.order_id, "promised_date", "2026-12-01")

    def delay_message(self, name, lang, is_company=False):
        self.store.set_field("contacts", self.customer_id, "name", name)
        self.store.set_field("contacts", self.customer_id, "lang", lang)
        self.store.set_field("contacts", self.customer_id, "country", "BE")
        if is_company:
            self.store.set_field("contacts", self.customer_id, "is_company", True)
            self.store.set_field("contacts", self.customer_id, "company_id", None)
        self.assertEqual(self.sync("orders").state, "done")
        self.store.set_field("orders", self.order_id, "promised_date", "2026-12-08")
        self.sync("orders")
        order = self.env["sale.order"].search([("sm_id", "=", self.order_id)])
        event = order.sm_event_ids.filtered(lambda e: e.event_type == "delay")
        self.assertEqual(event.state, "sent", event.state_reason)
        return event.message_id

    def test_french_delay_message_greets_given_name_first_with_a_french_date(self):
        message = self.delay_message("Pirard Noémie", "fr")
        self.assertIn("Bonjour Noémie Pirard,", message.body)
        self.assertNotIn("Pirard Noémie", message.body)
        self.assertIn("8 décembre 2026", message.body)
        self.assertNotIn("12/08/2026", message.body)
        # from the retailer's customer service, not OdooBot
        self.assertNotIn("odoobot", (message.email_from or "").lower())
        self.assertIn("@maison-mosane.example", message.email_from)
        self.assertEqual(message.author_id, self.env.ref("base.main_company").partner_id)

    def test_dutch_delay_message(self):
        message = self.delay_message("Van den Bossche Marie", "nl")
        self.assertIn("Beste Marie Van den Bossche,", message.body)
        self.assertIn("8 december 2026", message.body)

    def test_company_customer_gets_a_formal_greeting(self):
        message = self.delay_message("Meubles Dubois SRL", "fr", is_company=True)
        self.assertIn("Madame, Monsieur,", message.body)
        self.assertNotIn("Bonjour Meubles", message.body)

    def test_follow_up_activity_goes_to_a_person_never_odoobot(self):
        self.env.ref("sm_connector.event_type_delay").mode = "prepare"
        odoobot = self.env.ref("base.user_root")
        showroom = self.env.ref("sm_connector.showroom_lie")
        # a showroom whose responsible is OdooBot (set by hand) and no sales team leader
        showroom.user_id = odoobot
        self.backend.user_id = self.manager
        self.assertEqual(self.sync("orders").state, "done")
        order = self.env["sale.order"].search([("sm_id", "=", self.order_id)])
        order.team_id.user_id = False
        self.store.set_field("orders", self.order_id, "promised_date", "2026-12-08")
        # the cron runs as OdooBot
        self.backend.with_user(odoobot)._sync("orders")
        event = order.sm_event_ids.filtered(lambda e: e.event_type == "delay")
        self.assertEqual(event.state, "prepared")
        self.assertEqual(event.activity_id.user_id, self.manager)
        # the showroom's responsible, when a person, comes first
        showroom.user_id = self.agent
        self.assertEqual(event._responsible(), self.agent)


@tagged("post_install", "-at_install")
class TestManagerViews(SmCase):
    """The sync-runs graph shows work on a healthy system; reasons read in one's language."""

    sim_sizes = {"contacts": 10, "articles": 0, "orders": 0}

    def test_sync_runs_graph_measures_records_read_not_failures(self):
        arch = self.env["sm.sync.run"].get_view(
            self.env.ref("sm_connector.sm_sync_run_view_graph").id, "graph"
        )["arch"]
        self.assertIn('name="processed" type="measure"', arch)
        self.assertNotIn('name="failed" type="measure"', arch)
        run = self.sync()
        self.assertEqual(run.failed, 0)
        ((_entity, processed),) = self.env["sm.sync.run"]._read_group(
            [("id", "=", run.id)], ["entity"], ["processed:sum"]
        )
        self.assertGreater(processed, 0, "a healthy run shows up in the default graph")

    def test_reasons_and_data_issues_in_the_readers_language(self):
        with sm_sync_writes():  # issues are the sync's own words
            partner = self.env["res.partner"].create(
                {"name": "Dirty", "sm_data_issues": "country missing (phones read as Belgian)"}
            )
        self.assertEqual(
            partner.with_context(lang="fr_BE").sm_data_issues_text,
            "pays manquant (téléphones lus comme belges)",
        )
        with sm_sync_writes():
            partner.sm_data_issues = "phone '+32 4 bad' is not a valid number\nsomething new"
        self.assertEqual(
            partner.with_context(lang="nl_BE").sm_data_issues_text,
            "telefoon '+32 4 bad' is geen geldig nummer\nsomething new",
        )
        states = self.env["sm.order.event"].with_context(lang="fr_BE").fields_get(["state"])
        self.assertNotEqual(dict(states["state"]["selection"])["sent"], "Sent")
        event = self.env["sm.order.event"].new(
            {"state_reason": "Messages of this kind are switched off."}
        )
        self.assertEqual(
            event.with_context(lang="fr_BE").state_reason_text,
            "Les messages de ce type sont désactivés.",
        )
