# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemo(TransactionCase):
    """The demo tells the thesis' story: WEB confident, some SHOPS staff apprehensive."""

    def setUp(self):
        super().setUp()
        self.wave = self.env.ref("readiness_survey.wave_before_golive", raise_if_not_found=False)
        if not self.wave:
            self.skipTest("demo data not loaded")

    def _index(self, wave, team, showroom=False):
        rows = wave.group_result_ids.filtered(
            lambda r: (
                r.team_id == self.env.ref(team)
                and (r.showroom_id == self.env.ref(showroom) if showroom else not r.showroom_id)
            )
        )
        return rows.readiness_index

    def test_before_go_live(self):
        wave = self.wave
        self.assertEqual(wave.state, "closed")
        self.assertEqual((wave.invited_count, wave.answered_count), (8, 7))
        web = self._index(wave, "readiness_survey.team_web")
        liege = self._index(wave, "readiness_survey.team_shops", "readiness_survey.showroom_liege")
        self.assertGreater(web, 75)
        self.assertLess(liege, 50)
        least = wave.least_ready_response_ids
        self.assertEqual(least.user_id, self.env.ref("readiness_survey.user_liege_assistant_2"))
        self.assertIn("contact humain", least.apprehension_text)
        self.assertTrue(least.activity_ids, "a training is already planned")
        self.assertFalse(
            {"Lola", "Alice", "Stéphanie", "Paulo", "Nils", "Pierre", "Gaetan"}
            & {word for name in wave.response_ids.user_id.mapped("name") for word in name.split()},
            "role labels, never the names of the thesis",
        )

    def test_after_training_rises(self):
        after = self.env.ref("readiness_survey.wave_after_training")
        self.assertEqual(after.previous_wave_id, self.wave)
        self.assertGreater(after.readiness_delta, 0)
        liege_before = self._index(
            self.wave, "readiness_survey.team_shops", "readiness_survey.showroom_liege"
        )
        liege_after = self._index(
            after, "readiness_survey.team_shops", "readiness_survey.showroom_liege"
        )
        self.assertGreater(liege_after, liege_before)
