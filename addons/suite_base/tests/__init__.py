from . import test_identify
from . import test_usage_event
