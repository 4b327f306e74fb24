/* Copyright 2026 SM CRM suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_utils";

function answer(question, choice) {
    return {
        content: `Answer "${question}": ${choice}`,
        trigger: `div.js_question-wrapper:contains("${question}") label:contains("${choice}")`,
        run: "click",
    };
}

function write(question, text, field = "textarea") {
    return {
        content: `Write an answer to "${question}"`,
        trigger: `div.js_question-wrapper:contains("${question}") ${field}`,
        run: `edit ${text}`,
    };
}

/* A SHOPS salesperson answers the questionnaire through the survey front end. */
registry.category("web_tour.tours").add("readiness_survey_answer_tour", {
    steps: () => [
        {
            content: "Start the questionnaire",
            trigger: 'button.btn:contains("Start")',
            run: "click",
        },
        answer("Which team do you work in?", "SHOPS"),
        answer("Which showroom do you work in?", "Liège"),
        {
            content: "Go to the questions about the CRM",
            trigger: 'button[value="next"]',
            run: "click",
        },
        answer("Did you have a clear idea of what a CRM is", "No"),
        write("Could you define in your own words", "A shared customer file."),
        answer("would you like some tasks to be improved", "Yes"),
        write("If YES, could you explain which ones and why", "Order follow-up emails."),
        answer("Do you have a clear idea of the benefits", "No"),
        answer("Select the items that match the goals", "Improve the customer relationship"),
        answer("Have you ever had the opportunity to use a CRM?", "No"),
        answer("is a CRM an easy tool to use?", "I don't know yet"),
        answer("Have you ever worked on implementing a CRM?", "No"),
        answer("Do you have any apprehensions about this project?", "Yes"),
        write("If YES, which ones?", "Losing the human contact with customers."),
        {
            content: "Submit the questionnaire",
            trigger: 'button[value="finish"]',
            run: "click",
        },
        {
            content: "Confirm the submission",
            trigger: ".modal-footer button.btn-primary",
            run: "click",
        },
        {
            content: "The questionnaire is done",
            trigger: "div.o_survey_finished",
        },
    ],
});

/* A manager opens the readiness dashboard and switches from the graph to the pivot. */
registry.category("web_tour.tours").add("readiness_survey_dashboard_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the CRM Readiness app",
            trigger: '.o_app[data-menu-xmlid="readiness_survey.menu_readiness_root"]',
            run: "click",
        },
        {
            content: "Open the dashboard menu",
            trigger: '.o_main_navbar button[data-menu-xmlid="readiness_survey.menu_readiness_dashboard"]',
            run: "click",
        },
        {
            content: "Open readiness by group",
            trigger: '.dropdown-item[data-menu-xmlid="readiness_survey.menu_readiness_dashboard_groups"]',
            run: "click",
        },
        {
            content: "The graph of readiness by team and showroom is shown",
            trigger: ".o_graph_renderer canvas",
        },
        {
            content: "Switch to the pivot table",
            trigger: ".o_switch_view.o_pivot",
            run: "click",
        },
        {
            content: "The pivot lists the SHOPS team",
            trigger: '.o_pivot th:contains("SHOPS")',
        },
        {
            content: "And the WEB team",
            trigger: '.o_pivot th:contains("WEB")',
        },
    ],
});

/* A manager opens the heatmap and enrols Liège in the course of its barrier point. */
registry.category("web_tour.tours").add("readiness_survey_heatmap_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the CRM Readiness app",
            trigger: '.o_app[data-menu-xmlid="readiness_survey.menu_readiness_root"]',
            run: "click",
        },
        {
            content: "Open the dashboard menu",
            trigger: '.o_main_navbar button[data-menu-xmlid="readiness_survey.menu_readiness_dashboard"]',
            run: "click",
        },
        {
            content: "Open the heatmap",
            trigger: '.dropdown-item[data-menu-xmlid="readiness_survey.menu_readiness_dashboard_heatmap"]',
            run: "click",
        },
        {
            content: "The pivot has a column per dimension",
            trigger: '.o_pivot th:contains("Understanding of the CRM")',
        },
        {
            content: "Switch to the coloured list",
            trigger: ".o_switch_view.o_list",
            run: "click",
        },
        {
            content: "Assign Liège the course of its barrier point",
            trigger:
                '.o_data_row:contains("Heatmap tour"):contains("SHOPS / Liège"):contains("Understanding of the CRM") button[name="action_assign_course"]',
            run: "click",
        },
        {
            content: "The people are enrolled",
            trigger: '.o_notification:contains("enrolled")',
        },
        {
            content: "Open the follow-up menu",
            trigger: '.o_main_navbar button[data-menu-xmlid="readiness_survey.menu_readiness_follow_up"]',
            run: "click",
        },
        {
            content: "Open the courses assigned",
            trigger: '.dropdown-item[data-menu-xmlid="readiness_survey.menu_readiness_trainings"]',
            run: "click",
        },
        {
            content: "The Liège salesperson follows the course",
            trigger: '.o_data_row:contains("CRM basics (tour)")',
        },
    ],
});
