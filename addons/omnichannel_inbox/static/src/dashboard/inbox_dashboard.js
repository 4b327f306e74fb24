import { Component, onWillStart, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";

/**
 * Manager dashboard of the omnichannel inbox: open tickets by team and channel, first
 * response time (median, p90), SLA breaches, duplicates avoided, tickets per customer.
 */
export class InboxDashboard extends Component {
    static template = "omnichannel_inbox.Dashboard";
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.state = useState({ days: 30, data: null });
        this.periods = [7, 30, 90];
        onWillStart(() => this.load());
    }

    async load() {
        this.state.data = await this.orm.call("inbox.dashboard", "get_dashboard_data", [], {
            days: this.state.days,
        });
    }

    async setDays(days) {
        this.state.days = days;
        await this.load();
    }

    cell(teamId, channelId) {
        return this.state.data.open_by_team_channel.cells[`${teamId}:${channelId}`] || 0;
    }

    minutes(value) {
        if (value === null || value === undefined) {
            return "-";
        }
        if (value < 90) {
            return `${value.toFixed(0)} min`;
        }
        return `${(value / 60).toFixed(1)} h`;
    }

    openTickets(domain, name) {
        this.action.doAction({
            type: "ir.actions.act_window",
            name: name || _t("Tickets"),
            res_model: "helpdesk.ticket",
            views: [
                [false, "list"],
                [false, "kanban"],
                [false, "form"],
            ],
            domain,
        });
    }

    openCell(teamId, channelId) {
        this.openTickets([
            ["inbox_open", "=", true],
            ["team_id", "=", teamId || false],
            ["channel_id", "=", channelId || false],
        ]);
    }

    openBreached() {
        this.openTickets(
            [
                ["inbox_open", "=", true],
                ["inbox_sla_status", "=", "breached"],
            ],
            _t("SLA breached")
        );
    }

    openCustomer(partnerId) {
        this.openTickets([["commercial_partner_id", "=", partnerId]]);
    }
}

registry.category("actions").add("omnichannel_inbox.dashboard", InboxDashboard);
