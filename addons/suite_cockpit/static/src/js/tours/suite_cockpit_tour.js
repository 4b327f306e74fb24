/* Copyright 2026 SM CRM suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_utils";

/* A manager opens the suite cockpit from the Dashboards app and drills into late orders. */
registry.category("web_tour.tours").add("suite_cockpit_tour", {
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Dashboards app",
            trigger: '.o_app[data-menu-xmlid="spreadsheet_dashboard.spreadsheet_dashboard_menu_root"]',
            run: "click",
        },
        {
            content: "The suite's spreadsheet dashboard opens first (adoption and messages)",
            trigger: '.o_search_panel_category_value.active:contains("Adoption and messages")',
        },
        {
            content: "Its pivots are loaded",
            trigger: ".o-spreadsheet .o-grid",
        },
        {
            content: "Open the suite cockpit",
            trigger: '[data-menu-xmlid="suite_cockpit.menu_suite_cockpit"]',
            run: "click",
        },
        {
            content: "The cockpit shows the orders at risk",
            trigger: '.o_kanban_group:contains("Orders at risk")',
        },
        {
            content: "Drill into the late orders without message",
            trigger: '.o_kanban_record:contains("Late orders without message")',
            run: "click",
        },
        {
            content: "The list behind the figure shows the late order",
            trigger: '.o_list_view .o_data_row:contains("COCKPIT-LATE-1")',
        },
        {
            content: "The breadcrumb names the figure",
            trigger: '.o_breadcrumb:contains("Late orders without message")',
        },
        {
            content: "Back to the cockpit",
            trigger: '.o_breadcrumb .o_back_button, .o_breadcrumb li.breadcrumb-item:first a',
            run: "click",
        },
        {
            content: "Open the readiness heatmap",
            trigger: '.o_kanban_record:contains("Readiness heatmap")',
            run: "click",
        },
        {
            content: "The heatmap shows each group's readiness per dimension",
            trigger: '.o_pivot_view .o_pivot',
        },
        {
            content: "Switch to the list to act on a barrier",
            trigger: ".o_switch_view.o_list",
            run: "click",
        },
        {
            content: "Assign the course of a barrier point to its group",
            trigger: '.o_data_row:has(td[name="is_barrier"] input:checked) button[name="action_assign_course"]',
            run: "click",
        },
        {
            content: "The group is enrolled",
            trigger: '.o_notification:contains("enrolled")',
        },
    ],
});
