import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { standardWidgetProps } from "@web/views/widgets/standard_widget_props";
import { Component, onWillStart, onWillUpdateProps, useState } from "@odoo/owl";
import { Customer360Card } from "./customer_360_card";

/**
 * Form widget: the 360 of the record's customer, beside the form's own fields.
 * ``<widget name="customer_360_panel" partner_field="partner_id"/>`` (no partner_field: the
 * record is the contact itself). The server checks the user may read that contact.
 */
export class Customer360Panel extends Component {
    static template = "suite_base.Customer360Panel";
    static components = { Customer360Card };
    static props = { ...standardWidgetProps, partnerField: { type: String, optional: true } };

    setup() {
        this.orm = useService("orm");
        this.state = useState({ context: null, partnerId: false, error: "" });
        onWillStart(() => this.load(this.props));
        onWillUpdateProps((next) => {
            if (this.partnerIdOf(next) !== this.state.partnerId) {
                return this.load(next);
            }
        });
    }

    partnerIdOf(props) {
        if (!props.partnerField) {
            return props.record.resId || false;
        }
        const value = props.record.data[props.partnerField];
        return (value && value.id) || false;
    }

    async load(props) {
        const partnerId = this.partnerIdOf(props);
        this.state.partnerId = partnerId;
        this.state.error = "";
        if (!partnerId) {
            this.state.context = null;
            return;
        }
        try {
            this.state.context = await this.orm.call("suite.customer.context", "get_context", [], {
                partner_id: partnerId,
            });
        } catch (error) {
            this.state.context = null;
            this.state.error = error.data?.message || error.message;
        }
    }

    async openFull() {
        const action = await this.orm.call("res.partner", "action_open_customer_360", [
            [this.state.partnerId],
        ]);
        await this.env.services.action.doAction(action);
    }
}

export const customer360Panel = {
    component: Customer360Panel,
    extractProps: ({ attrs }) => ({ partnerField: attrs.partner_field }),
};

registry.category("view_widgets").add("customer_360_panel", customer360Panel);
