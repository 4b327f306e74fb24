# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Silicon Master Connector",
    "summary": "One-way sync of contacts, articles and customer orders from the Silicon Master ERP",
    "version": "19.0.1.1.1",
    "category": "Connector",
    "license": "AGPL-3",
    "author": "SM CRM suite contributors",
    "website": "https://example.invalid/sm-crm-suite",
    "depends": [
        "contacts",
        "sale_crm",
        "suite_phone",
        "suite_base",
        "queue_job",
        # the retailer is Belgian: its VAT rates (21/12/6 %) and tax grids for SM orders
        "l10n_be",
    ],
    "external_dependencies": {
        "python": ["phonenumbers", "python-stdnum", "email-validator", "openpyxl", "requests"]
    },
    "data": [
        "security/sm_connector_security.xml",
        "security/ir.model.access.csv",
        "data/res_partner_category_data.xml",
        "data/sm_showroom_data.xml",
        "data/mail_activity_type_data.xml",
        "data/ir_cron_data.xml",
        "views/sm_backend_views.xml",
        "views/sm_sync_run_views.xml",
        "views/sm_sync_error_views.xml",
        "views/sm_showroom_views.xml",
        "views/res_partner_views.xml",
        "views/product_template_views.xml",
        "views/sm_order_event_views.xml",
        "views/sale_order_views.xml",
        "views/res_users_views.xml",
        "views/menus.xml",
        "data/sm_order_event_type_data.xml",
    ],
    "demo": ["demo/sm_demo_company.xml", "demo/sm_backend_demo.xml"],
    "post_init_hook": "post_init_hook",
}
