import { registry } from "@web/core/registry";

// One tour per agent flow; each flow's steps are exported so a longer tour can chain them
// (e.g. split a ticket, then request a change in SM on the new one).

/**
 * An agent splits a ticket the inbox joined wrongly: from the ticket's form, *Split*, then
 * *Split from here* on the message about the other subject; the new ticket opens, linked.
 * @param {string} message text of the message to split from (its subject or body)
 * @param {string} origin text of the original ticket's name
 */
export function splitTicketSteps(message, origin) {
    return [
        {
            content: "Split the ticket",
            trigger: ".o_form_view button.o_inbox_split",
            run: "click",
        },
        {
            content: "Split from the message about the other subject",
            trigger: `.modal .o_inbox_split_lines .o_data_row:contains(${message}) button.o_inbox_split_here`,
            run: "click",
        },
        {
            content: "The new ticket opens, linked to the first one",
            trigger: `.o_form_view .o_field_widget[name=inbox_origin_ticket_id]:contains(${origin})`,
        },
        {
            content: "…named after the message split off",
            trigger: `.o_form_view .o_field_widget[name=name]:has(input), .o_form_view .o_field_widget[name=name]`,
            run() {
                const field = document.querySelector(".o_form_view .o_field_widget[name=name]");
                const value = field.querySelector("input")?.value || field.textContent;
                if (!value.includes(message)) {
                    throw new Error(`the new ticket is named "${value}", not after "${message}"`);
                }
            },
        },
    ];
}

registry.category("web_tour.tours").add("omnichannel_inbox_split_tour", {
    steps: () => [
        {
            content: "Open the ticket from the inbox",
            trigger: ".o_kanban_record:contains(Ma table est abîmée)",
            run: "click",
        },
        ...splitTicketSteps("Livraison du canapé", "Ma table est abîmée"),
    ],
});
