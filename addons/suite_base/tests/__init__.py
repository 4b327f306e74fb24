from . import test_identify
from . import test_usage_event
from . import test_search_contacts
