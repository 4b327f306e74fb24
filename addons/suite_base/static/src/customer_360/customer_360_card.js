import { _t } from "@web/core/l10n/translation";
import { deserializeDate, deserializeDateTime, formatDate, formatDateTime } from "@web/core/l10n/dates";
import { useService } from "@web/core/utils/hooks";
import { Component } from "@odoo/owl";

/**
 * The customer 360 as the suite shows it everywhere (side panel, client action, ring-time
 * pop-up): renders what suite.customer.context.get_context returned. Sections an add-on
 * did not send (e.g. calls for a user who is no 3CX agent) are simply not shown.
 */
export class Customer360Card extends Component {
    static template = "suite_base.Customer360Card";
    static props = {
        context: Object,
        compact: { type: Boolean, optional: true },
        slots: { type: Object, optional: true },
    };

    setup() {
        this.action = useService("action");
    }

    get partner() {
        return this.props.context.partner;
    }

    get sections() {
        return this.props.context.sections || {};
    }

    get orders() {
        const items = this.sections.orders?.items || [];
        return this.props.compact ? items.filter((o) => o.open).slice(0, 2) : items;
    }

    date(value) {
        return value ? formatDate(deserializeDate(value)) : "";
    }

    datetime(value) {
        return value ? formatDateTime(deserializeDateTime(value)) : "";
    }

    qty(value) {
        return Number.isInteger(value) ? String(value) : value.toFixed(2);
    }

    statusClass(order) {
        if (["ready_for_pickup", "delivered"].includes(order.sm_status)) {
            return "text-bg-success";
        }
        if (order.late || ["awaiting_stock", "cancelled"].includes(order.sm_status)) {
            return "text-bg-danger";
        }
        return "text-bg-info";
    }

    slaClass(ticket) {
        return (
            { breached: "text-bg-danger", at_risk: "text-bg-warning", met: "text-bg-success" }[
                ticket.sla_status
            ] || "text-bg-light"
        );
    }

    open(resModel, resId) {
        this.action.doAction({
            type: "ir.actions.act_window",
            res_model: resModel,
            res_id: resId,
            views: [[false, "form"]],
            target: "current",
        });
    }

    get labels() {
        return {
            orders: _t("Orders"),
            tickets: _t("Open tickets"),
            calls: _t("Calls"),
            messages: _t("Messages sent"),
            interactions: _t("Last contacts"),
        };
    }
}
