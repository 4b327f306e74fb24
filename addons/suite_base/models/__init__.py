from . import res_partner
from . import customer_context
from . import suite_usage_event
from . import res_partner_search
