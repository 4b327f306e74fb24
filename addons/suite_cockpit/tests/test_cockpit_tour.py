# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged

from .common import CockpitCase


@tagged("post_install", "-at_install")
class TestCockpitTour(CockpitCase, HttpCase):
    """A manager opens the cockpit in the Dashboards app and drills into late orders."""

    def test_tour_manager_drills_into_late_orders(self):
        self._order("confirmed", -4, name="COCKPIT-LATE-1")
        self.manager.write({"name": "Cockpit Manager"})
        self.start_tour("/odoo", "suite_cockpit_tour", login=self.manager.login)
