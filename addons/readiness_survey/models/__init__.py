# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import (
    readiness_comment,
    readiness_dimension,
    readiness_group_result,
    readiness_participation,
    readiness_response,
    readiness_scoring_rule,
    readiness_showroom,
    readiness_team,
    readiness_wave,
    readiness_wave_follow_up,
    readiness_wave_invitation,
    readiness_wave_results,
    res_users,
    survey_question,
    survey_survey,
    survey_user_input,
)
