import { registry } from "@web/core/registry";

// An agent opens a ticket about an order and, from its order panel, asks SM to deliver the
// order to a new address: the request is recorded on the ticket, waiting for SM.
registry.category("web_tour.tours").add("omnichannel_inbox_sm_change_tour", {
    steps: () => [
        {
            content: "Open the ticket about the order",
            trigger: ".o_kanban_record:contains(Tour: new address please)",
            run: "click",
        },
        {
            content: "The order panel shows the order",
            trigger: ".o_inbox_order_panel .o_inbox_order_name:contains(SO26-777002)",
        },
        {
            content: "Request a change in SM from the order panel",
            trigger: "button.o_inbox_request_sm_change",
            run: "click",
        },
        {
            content: "Change the delivery address",
            trigger: ".modal .o_field_widget[name=kind] input[data-value=address]",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=street] input",
            run: "edit Chaussée de Louvain 12",
        },
        {
            trigger: ".modal .o_field_widget[name=zip] input",
            run: "edit 5000",
        },
        {
            trigger: ".modal .o_field_widget[name=city] input",
            run: "edit Namur",
        },
        {
            content: "Send the request",
            trigger: ".modal button.o_inbox_sm_change_confirm",
            run: "click",
        },
        {
            content: "The ticket lists the change, waiting for SM",
            trigger:
                ".o_field_widget[name=inbox_sm_change_ids] .o_data_row:contains(Chaussée de Louvain 12):contains(Requested)",
        },
        {
            content: "…and its thread says it was requested",
            trigger: ".o-mail-Message:contains(Change requested in SM)",
        },
    ],
});
