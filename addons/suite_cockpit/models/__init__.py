# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import suite_cockpit_figure
from . import suite_cockpit_figure_sync
from . import suite_cockpit_figure_orders
from . import suite_cockpit_figure_tickets
from . import suite_cockpit_figure_calls
from . import suite_cockpit_figure_people
from . import suite_adoption_report
from . import readiness_wave
from . import sm_order_event
