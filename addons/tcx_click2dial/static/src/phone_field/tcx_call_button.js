import { _t } from "@web/core/l10n/translation";
import { browser } from "@web/core/browser/browser";
import { RPCError } from "@web/core/network/rpc";
import { useService } from "@web/core/utils/hooks";
import { session } from "@web/session";
import { Component, useState } from "@odoo/owl";

// Server errors shown as a notification rather than an error dialog: they say what to do.
const EXPECTED_ERRORS = [
    "odoo.exceptions.UserError",
    "odoo.exceptions.AccessError",
    "odoo.exceptions.ValidationError",
];

/**
 * "3CX" button next to a phone number: asks the server to call it for the current user
 * (tcx.call.tcx_click_to_dial), then follows the PBX mode: 3CX already rings the agent's
 * phone (server side), or the browser opens the 3CX web client / a tel: link.
 */
export class TcxCallButton extends Component {
    static template = "tcx_click2dial.TcxCallButton";
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.notification = useService("notification");
        // from the page's session info (ir.http): no RPC before the phone field can be drawn
        this.state = useState({ allowed: Boolean(session.tcx_agent), busy: false });
        this.title = _t("Call with 3CX");
    }

    get number() {
        return (this.props.record.data[this.props.name] || "").trim();
    }

    async onClick() {
        if (this.state.busy || !this.number) {
            return;
        }
        this.state.busy = true;
        const record = this.props.record;
        try {
            const result = await this.orm.call("tcx.call", "tcx_click_to_dial", [this.number], {
                res_model: record.resModel,
                res_id: record.resId || false,
            });
            if (result.ok && result.url) {
                if (result.mode === "tel") {
                    browser.location.href = result.url;
                } else {
                    browser.open(result.url, "_blank");
                }
            }
            this.notification.add(result.message, {
                title: _t("3CX"),
                type: result.ok ? "success" : "danger",
                sticky: !result.ok,
            });
        } catch (error) {
            if (error instanceof RPCError && EXPECTED_ERRORS.includes(error.exceptionName)) {
                this.notification.add(error.data.message, { title: _t("3CX"), type: "danger" });
            } else {
                throw error;
            }
        } finally {
            this.state.busy = false;
        }
    }
}
