import { registry } from "@web/core/registry";

// On a contact form, the agent clicks the 3CX button next to the mobile number: the server
// asks 3CX (the simulator in the test) to ring the agent's phone, and says so.
registry.category("web_tour.tours").add("tcx_click2dial_call_button", {
    steps: () => [
        {
            content: "The contact form shows the mobile number with a 3CX button",
            trigger: ".o_form_view .o_field_widget[name=mobile] .o_tcx_call_button",
            run: "click",
        },
        {
            content: "Odoo confirms that 3CX rings the agent's phone",
            trigger: ".o_notification:contains(3CX is ringing your phone)",
        },
    ],
});
