from . import res_partner
from . import suite_usage_event
