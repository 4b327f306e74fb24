import { _t } from "@web/core/l10n/translation";
import { useService } from "@web/core/utils/hooks";
import { Component } from "@odoo/owl";
import { Customer360Card } from "@suite_base/customer_360/customer_360_card";

/** One ringing call: who calls (their 360), and what the agent can do before answering. */
export class RingPopup extends Component {
    static template = "tcx_click2dial.RingPopup";
    static components = { Customer360Card };
    static props = { ring: Object, onClose: Function };

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
    }

    get partner() {
        return this.props.ring.context.partner;
    }

    get title() {
        return this.partner
            ? _t("Incoming call: %(name)s", { name: this.partner.display_name })
            : _t("Incoming call: %(number)s", { number: this.props.ring.number });
    }

    async open() {
        const action = await this.orm.call("res.partner", "action_open_customer_360", [
            [this.partner.id],
        ]);
        this.props.onClose();
        await this.action.doAction(action);
    }

    async createContact() {
        this.props.onClose();
        await this.action.doAction({
            type: "ir.actions.act_window",
            res_model: "res.partner",
            views: [[false, "form"]],
            target: "current",
            context: {
                default_phone: this.props.ring.number,
                default_name: this.props.ring.caller_name || "",
            },
        });
    }

    async linkContact() {
        this.props.onClose();
        await this.action.doAction("tcx_click2dial.action_tcx_link_number", {
            additionalContext: { default_number: this.props.ring.number },
        });
    }
}

export class RingPopupContainer extends Component {
    static template = "tcx_click2dial.RingPopupContainer";
    static components = { RingPopup };
    static props = { state: Object };

    close(ring) {
        const index = this.props.state.rings.indexOf(ring);
        if (index >= 0) {
            this.props.state.rings.splice(index, 1);
        }
    }
}
