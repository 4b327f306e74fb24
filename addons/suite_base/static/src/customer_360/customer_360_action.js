import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { Component, onWillStart, useState } from "@odoo/owl";
import { Customer360Card } from "./customer_360_card";

/**
 * Client action ``suite_base.customer_360`` (res.partner.action_open_customer_360): the
 * whole 360 of one contact, params ``{partner_id}``.
 */
export class Customer360Action extends Component {
    static template = "suite_base.Customer360Action";
    static components = { Customer360Card };
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.actionService = useService("action");
        this.state = useState({ context: null, error: "" });
        const params = this.props.action.params || {};
        this.partnerId =
            params.partner_id || params.resId || this.props.action.context?.active_id;
        onWillStart(async () => {
            if (!this.partnerId) {
                this.state.error = _t("No contact to show.");
                return;
            }
            try {
                if (!params.partner_id && typeof this.partnerId === "number") {
                    // opened from a link (3CX's ContactUrl): log the opening as the button does
                    await this.orm.call("res.partner", "action_open_customer_360", [
                        [this.partnerId],
                    ]);
                }
                this.state.context = await this.orm.call(
                    "suite.customer.context",
                    "get_context",
                    [],
                    { partner_id: this.partnerId }
                );
            } catch (error) {
                this.state.error = error.data?.message || error.message;
            }
        });
    }

    openContact() {
        this.actionService.doAction({
            type: "ir.actions.act_window",
            res_model: "res.partner",
            res_id: this.partnerId,
            views: [[false, "form"]],
        });
    }
}

registry.category("actions").add("suite_base.customer_360", Customer360Action);
