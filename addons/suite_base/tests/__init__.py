from . import test_identify
