# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import (
    test_click2dial,
    test_endpoints,
    test_install,
    test_journal,
    test_lookup,
    test_security,
    test_tour,
)
