import { registry } from "@web/core/registry";

// The 3CX simulator (its URL set by the test in window.tcxSimUrl) rings the agent's extension;
// Odoo's listener sends the caller's 360 to the agent's tab before they answer.
function ring(caller) {
    return {
        content: `3CX rings extension 201 from ${caller}`,
        trigger: ".o_main_navbar",
        run: async () => {
            await fetch(`${window.tcxSimUrl}/_sim/ring`, {
                method: "POST",
                mode: "no-cors", // the simulator is another origin: the answer is not needed
                body: JSON.stringify({ extension: "201", caller }),
            });
        },
    };
}

registry.category("web_tour.tours").add("omnichannel_ring_popup", {
    steps: () => [
        ring("+32475123456"),
        {
            content: "The pop-up shows the caller's open order with the missing item",
            trigger: ".o_tcx_ring_popup .o_suite_360_order:contains(SO26-000123) .o_suite_360_unavailable",
        },
        {
            content: "… and their open ticket",
            trigger: ".o_tcx_ring_popup .o_suite_360_ticket:contains(Where is my sofa)",
        },
        {
            content: "Open the 360",
            trigger: ".o_tcx_ring_popup .o_tcx_ring_open",
            run: "click",
        },
        {
            content: "The customer's 360 page, pop-up gone",
            trigger: ".o_suite_360_action .o_suite_360_name:contains(Julie Lambert)",
        },
        {
            trigger: "body:not(:has(.o_tcx_ring_popup))",
        },
        // then a caller nobody knows
        ring("+32470998877"),
        {
            content: "An unknown caller: create or link a contact",
            trigger: ".o_tcx_ring_popup:contains(+32470998877) .o_tcx_ring_link",
        },
        {
            trigger: ".o_tcx_ring_popup .o_tcx_ring_create",
            run: "click",
        },
        {
            content: "A new contact with the caller's number",
            trigger: ".o_form_view .o_field_widget[name=phone] input",
            run() {
                if (!this.anchor.value.replace(/\D/g, "").endsWith("470998877")) {
                    throw new Error(`phone is "${this.anchor.value}"`);
                }
            },
        },
    ],
});
