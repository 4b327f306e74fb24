# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import (
    test_access,
    test_action_plan,
    test_adkar,
    test_anonymity,
    test_comparison,
    test_courses,
    test_demo,
    test_frontend,
    test_install,
    test_manager_graphs,
    test_pulse,
    test_questionnaire,
    test_report,
    test_scoring_table,
    test_security_readiness,
    test_training,
    test_views,
    test_wave,
)
