# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import sm_managed_mixin
from . import sm_showroom
from . import sm_backend
from . import sm_binding
from . import sm_sync_run
from . import sm_sync_state
from . import sm_sync_error
from . import sm_stock_level
from . import sm_kit_line
from . import res_partner
from . import res_lang
from . import res_users
from . import product_template
from . import product_product
from . import sale_order
from . import sale_order_line
from . import sm_order_event_type
from . import sm_order_event
from . import sm_importer
from . import sm_contact_importer
from . import sm_article_importer
from . import sm_order_importer
from . import sale_order_status_link
from . import sm_backend_status_link
from . import sm_order_link_hit
from . import sm_order_event_status_link
