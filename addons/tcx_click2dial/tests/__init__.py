# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import test_install
from . import test_click2dial
from . import test_journal
from . import test_lookup
from . import test_security_tcx
from . import test_endpoints
from . import test_endpoints_depth
from . import test_tour
from . import test_endpoints_input
from . import test_dashboard_views
from . import test_report_fuzz
from . import test_ring_popup
