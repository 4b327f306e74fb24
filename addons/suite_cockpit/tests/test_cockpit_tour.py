# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.addons.readiness_survey.tests.common import APPREHENSIVE, CONFIDENT, ReadinessCase
from odoo.tests import HttpCase, tagged

from .common import CockpitCase


@tagged("post_install", "-at_install")
class TestCockpitTour(CockpitCase, ReadinessCase, HttpCase):
    """A manager opens the cockpit in the Dashboards app, drills into late orders, opens the
    readiness heatmap and assigns a barrier's course."""

    def test_tour_manager_drills_into_late_orders_and_assigns_a_course(self):
        self._order("confirmed", -4, name="COCKPIT-LATE-1")
        course = self.env["slide.channel"].create(
            {"name": "Cockpit course", "enroll": "invite", "is_published": True}
        )
        self.env["readiness.dimension"].search([]).channel_id = course
        wave = self._new_wave(name="Cockpit wave")
        self._answer(wave, self.agent_liege, APPREHENSIVE)
        self._answer(wave, self.agent_namur, CONFIDENT)
        wave.with_user(self.manager).action_close()
        barriers = self.env["readiness.group.score"].search(
            [("wave_id", "=", wave.id), ("is_barrier", "=", True)]
        )
        self.assertTrue(barriers, "the apprehensive answers leave a barrier point")
        # the spreadsheet's lazy bundle is built on its first request; built here, the
        # browser never races its creation (seen right after a module update)
        bundle = self.env["ir.qweb"]._get_asset_bundle("spreadsheet.o_spreadsheet")
        bundle.js()
        bundle.css()
        self.start_tour("/odoo", "suite_cockpit_tour", login=self.manager.login)
        enrolled = self.env["slide.channel.partner"].search([("channel_id", "=", course.id)])
        self.assertTrue(
            enrolled.partner_id & (self.agent_liege | self.agent_namur).partner_id,
            "the barrier's group was enrolled in the course",
        )
