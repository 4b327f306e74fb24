# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The SM entities the connector syncs, declared once: every other place reads this registry.

Plain Python (no Odoo import), so parsers, adapters, pure tests and the benches read it too.
Order matters: an entity comes after the entities it depends on (orders need contacts and
articles), and loops over ENTITIES (reconciliation, benches) run in that order.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class SmEntity:
    """One SM entity: its name in SM, its Odoo side and how it is read."""

    name: str  # path segment /api/v1/<name>, export file prefix, binding/run/state entity key
    label: str  # shown in selections (translated with the field's selection)
    model: str  # the Odoo model an SM record becomes
    importer: str  # the sm.importer model that imports it
    schema: str  # its schema in static/description/sm_api_v1.yaml
    row_key: str  # the export column holding the SM id
    export_columns: tuple  # the columns of its CSV/XLSX export (x-file-exports.columns)
    lock_index: int  # second half of the advisory lock key (one run per backend and entity)
    depends_on: tuple = ()  # entities imported first (on demand) when a record needs them

    @property
    def endpoint(self):
        """REST path of its collection, relative to /api/v1."""
        return f"/{self.name}"

    @property
    def switch_field(self):
        """The sm.backend boolean that switches its sync on."""
        return f"sync_{self.name}"

    @property
    def cron_xmlid(self):
        """The scheduled action that syncs it (data/ir_cron_data.xml)."""
        return f"sm_connector.ir_cron_sm_sync_{self.name}"


CONTACTS = SmEntity(
    name="contacts",
    label="Contacts",
    model="res.partner",
    importer="sm.contact.importer",
    schema="Contact",
    row_key="sm_id",
    export_columns=tuple(
        "sm_id kind is_company company_sm_id name vat street street2 zip city country email "
        "phone mobile lang segment showroom updated_at deleted".split()
    ),
    lock_index=1,
)
ARTICLES = SmEntity(
    name="articles",
    label="Articles",
    model="product.template",
    importer="sm.article.importer",
    schema="Article",
    row_key="code",
    export_columns=tuple(
        "code ean13 name_fr name_nl name_en description_fr description_nl description_en "
        "category collection brand price_incl_vat vat_rate cost weight_kg width_cm depth_cm "
        "height_cm stock incoming_qty next_restock_date components active updated_at "
        "deleted".split()
    ),
    lock_index=2,
)
ORDERS = SmEntity(
    name="orders",
    label="Orders",
    model="sale.order",
    importer="sm.order.importer",
    schema="Order",
    row_key="order_no",
    export_columns=tuple(
        "record_type order_no date customer_sm_id channel showroom status delivery_mode "
        "promised_date payment_status currency total_excl_vat total_vat total_incl_vat "
        "updated_at deleted line_no article_code description qty unit_price_incl_vat "
        "discount_pct vat_rate available expected_date".split()
    ),
    lock_index=3,
    depends_on=("contacts", "articles"),
)

ENTITIES = (CONTACTS, ARTICLES, ORDERS)
ENTITY = {entity.name: entity for entity in ENTITIES}
ENTITY_NAMES = tuple(ENTITY)
ENTITY_SELECTION = [(entity.name, entity.label) for entity in ENTITIES]


def entity(name):
    """The registered entity called `name`; KeyError for any other name."""
    return ENTITY[name]
