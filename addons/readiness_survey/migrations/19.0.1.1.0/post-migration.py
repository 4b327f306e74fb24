# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Dimensions created before frameworks existed belong to the first (5-dimension) one."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    framework = env.ref("readiness_survey.framework_readiness", raise_if_not_found=False)
    if not framework:
        return
    cr.execute(
        "UPDATE readiness_dimension SET framework_id = %s WHERE framework_id IS NULL",
        (framework.id,),
    )
    cr.execute(
        "UPDATE readiness_wave SET framework_id = %s WHERE framework_id IS NULL", (framework.id,)
    )
    env["readiness.response"]._recompute_all()
