# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.addons.sm_connector.models.sm_managed_mixin import sm_sync_writes
from odoo.tests import TransactionCase, new_test_user

AGENT_GROUPS = (
    "base.group_user,helpdesk_mgmt.group_helpdesk_user,sm_connector.group_sm_agent,"
    "tcx_click2dial.group_tcx_agent"
)


class CockpitCase(TransactionCase):
    """A manager, two agents of a showroom, one alone in another, and an SM customer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team = cls.env["readiness.team"].create({"name": "Cockpit team", "code": "ck_team"})
        cls.showroom = cls.env["readiness.showroom"].create(
            {"name": "Cockpit showroom", "team_id": cls.team.id}
        )
        cls.small_showroom = cls.env["readiness.showroom"].create(
            {"name": "Cockpit small showroom", "team_id": cls.team.id}
        )
        cls.agent_a = cls._agent("ck-agent-a", cls.showroom)
        cls.agent_b = cls._agent("ck-agent-b", cls.showroom)
        cls.lone_agent = cls._agent("ck-agent-lone", cls.small_showroom)
        cls.manager = new_test_user(
            cls.env,
            login="ck-manager",
            groups="suite_cockpit.group_cockpit_manager",
            company_id=cls.env.company.id,
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Cockpit Customer", "email": "cockpit.customer@example.com"}
        )
        cls.now = fields.Datetime.now()
        cls.today = fields.Date.context_today(cls.env["res.users"])

    @classmethod
    def _agent(cls, login, showroom):
        user = new_test_user(
            cls.env, login=login, groups=AGENT_GROUPS, company_id=cls.env.company.id
        )
        user.write({"readiness_team_id": showroom.team_id.id, "readiness_showroom_id": showroom.id})
        return user

    @classmethod
    def _order(cls, status, promised_days, **vals):
        """An SM order in ``status`` promised ``promised_days`` from today."""
        with sm_sync_writes():
            return cls.env["sale.order"].create(
                {
                    "partner_id": cls.customer.id,
                    "company_id": cls.env.company.id,
                    "user_id": False,  # SM orders have no salesperson
                    "sm_status": status,
                    "sm_promised_date": cls.today + timedelta(days=promised_days),
                    **vals,
                }
            )

    @classmethod
    def _event(cls, order, event_type, state, **vals):
        with sm_sync_writes():
            return (
                cls.env["sm.order.event"]
                .sudo()
                .create(
                    {
                        "order_id": order.id,
                        "event_type": event_type,
                        "key": f"{event_type}-{order.id}-{state}",
                        "state": state,
                        **vals,
                    }
                )
            )

    @classmethod
    def _call(cls, **vals):
        # sudo: calls are journaled by the server only (env.su), as 3CX reports do
        return cls.env["tcx.call"].sudo().create({"number": "+3242223344", **vals})

    def _figure(self, xmlid):
        return self.env.ref(f"suite_cockpit.figure_{xmlid}").with_user(self.manager)
