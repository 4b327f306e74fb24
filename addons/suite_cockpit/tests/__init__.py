# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import test_adoption
from . import test_cockpit_figures
from . import test_cockpit_tour
