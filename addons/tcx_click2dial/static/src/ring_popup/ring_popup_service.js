import { registry } from "@web/core/registry";
import { reactive } from "@odoo/owl";
import { RingPopupContainer } from "./ring_popup";

const MAX_SHOWN = 3;

/**
 * Ring-time pop-up: the server (tcx.ring, fed by 3CX's Call Control events) sends the caller's
 * 360 on the user's bus channel as "tcx_click2dial/ringing". Every tab of the user receives it;
 * only the main tab (bus multi_tab election, as Odoo does for its own sounds) shows it, so a
 * user with several tabs gets one pop-up, not one per tab.
 */
export const ringPopupService = {
    dependencies: ["bus_service", "multi_tab"],
    start(env, { bus_service: bus, multi_tab: multiTab }) {
        const state = reactive({ rings: [] });
        registry.category("main_components").add("tcx_click2dial.RingPopupContainer", {
            Component: RingPopupContainer,
            props: { state },
        });
        bus.subscribe("tcx_click2dial/ringing", async (payload) => {
            if (!(await multiTab.isOnMainTab())) {
                return;
            }
            if (state.rings.some((ring) => ring.ring_id === payload.ring_id)) {
                return;
            }
            state.rings.unshift(payload);
            state.rings.splice(MAX_SHOWN);
        });
        bus.start();
        return {
            dismiss(ringId) {
                const index = state.rings.findIndex((ring) => ring.ring_id === ringId);
                if (index >= 0) {
                    state.rings.splice(index, 1);
                }
            },
        };
    },
};

registry.category("services").add("tcx_click2dial.ring_popup", ringPopupService);
