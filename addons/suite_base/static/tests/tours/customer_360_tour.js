import { registry } from "@web/core/registry";

// On a ticket form, an agent without Sales rights opens the Customer 360 tab: the customer's
// SM order (with the line out of stock) and ticket show; *Open* opens the full 360.
registry.category("web_tour.tours").add("suite_base_customer_360_panel", {
    steps: () => [
        {
            content: "Open the Customer 360 tab",
            trigger: ".o_form_view .o_notebook a.nav-link:contains(Customer 360)",
            run: "click",
        },
        {
            content: "The panel shows the customer's SM order and its missing item",
            trigger: ".o_suite_360_panel .o_suite_360_order:contains(SO26-000123) .o_suite_360_unavailable",
        },
        {
            content: "… and the open ticket",
            trigger: ".o_suite_360_panel .o_suite_360_ticket:contains(Where is my sofa)",
        },
        {
            content: "Open the full 360",
            trigger: ".o_suite_360_panel .o_suite_360_open",
            run: "click",
        },
        {
            content: "The 360 page of the customer",
            trigger: ".o_suite_360_action .o_suite_360_name:contains(Julie Lambert)",
        },
    ],
});
