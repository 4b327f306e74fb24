import { Component, onWillStart, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { user } from "@web/core/user";
import { useService } from "@web/core/utils/hooks";
import { formatFloat } from "@web/core/utils/numbers";

/**
 * "1 ticket answered" / "2 tickets answered" by the plural rules of the user's language
 * (French: 0 and 1 are singular), each form a term of its own in the translations.
 */
export function pluralize(count, one, other, lang = user.lang) {
    let rule = count === 1 ? "one" : "other";
    try {
        rule = new Intl.PluralRules(lang || "en-US").select(count);
    } catch {
        // an unknown locale keeps the English rule
    }
    return String(rule === "one" ? one : other).replace("%s", formatNumber(count, 0));
}

/** A number in the user's locale: "14,3" in French, "14.3" in English. */
export function formatNumber(value, digits = 1) {
    if (value === null || value === undefined) {
        return "-";
    }
    return formatFloat(value, { digits: [false, digits] });
}

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
            return _t("%s min", formatNumber(value, 0));
        }
        return _t("%s h", formatNumber(value / 60, 1));
    }

    percent(value) {
        // the locale's own percent sign and spacing ("14,3 %" in French, "14.3%" in English)
        try {
            return new Intl.NumberFormat(user.lang || "en-US", {
                style: "percent",
                maximumFractionDigits: 1,
            }).format((value || 0) / 100);
        } catch {
            return `${formatNumber(value, 1)}%`;
        }
    }

    number(value) {
        return formatNumber(value, 1);
    }

    daysLabel(days) {
        return pluralize(days, _t("%s day"), _t("%s days"));
    }

    hours(value) {
        return value === null || value === undefined ? "-" : _t("%s h", formatNumber(value, 1));
    }

    csatPercent(value) {
        // no rating yet is not 0 % satisfied
        return value === null || value === undefined ? "-" : this.percent(value);
    }

    resolvedLabel(resolution) {
        return [
            pluralize(resolution.count, _t("%s ticket resolved"), _t("%s tickets resolved")),
            pluralize(resolution.breached, _t("%s late"), _t("%s late")),
        ].join(" · ");
    }

    ratingsLabel(count) {
        return pluralize(count, _t("%s rating"), _t("%s ratings"));
    }

    csatGroups(csat) {
        return [
            { key: "team", label: _t("Teams"), rows: csat.by_team },
            { key: "channel", label: _t("Channels"), rows: csat.by_channel },
            { key: "agent", label: _t("Agents"), rows: csat.by_agent },
        ].filter((group) => group.rows.length);
    }

    answeredLabel(count) {
        return pluralize(count, _t("%s ticket answered"), _t("%s tickets answered"));
    }

    slaDetail(sla) {
        return [
            pluralize(sla.breached_open, _t("%s still open"), _t("%s still open")),
            pluralize(sla.at_risk, _t("%s at risk"), _t("%s at risk")),
            pluralize(sla.met, _t("%s met"), _t("%s met")),
        ].join(" · ");
    }

    duplicatesDetail(dup) {
        return [
            pluralize(dup.deduplicated, _t("%s joined automatically"), _t("%s joined automatically")),
            pluralize(dup.merged, _t("%s merged"), _t("%s merged")),
            _t("%(percent)s of %(requests)s", {
                percent: this.percent(dup.avoided_ratio),
                requests: pluralize(dup.requests, _t("%s request"), _t("%s requests")),
            }),
        ].join(" · ");
    }

    customersDetail(customers) {
        return [
            pluralize(customers.customers, _t("%s customer"), _t("%s customers")),
            pluralize(
                customers.unidentified_tickets,
                _t("%s ticket of an unknown sender"),
                _t("%s tickets of unknown senders")
            ),
        ].join(", ");
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
