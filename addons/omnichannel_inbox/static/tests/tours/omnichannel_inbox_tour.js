import { registry } from "@web/core/registry";

// An agent opens the inbox, opens a chat ticket, sees its order panel and the chat badge of
// the transcript, then sends a canned reply filled with the order's promised date.
registry.category("web_tour.tours").add("omnichannel_inbox_tour", {
    steps: () => [
        {
            content: "The inbox shows the chat ticket with its channel and its order",
            trigger:
                ".o_kanban_record:contains(Tour chat about SO26-777001):contains(Chat (iAdvize)):contains(SO26-777001)",
            run: "click",
        },
        {
            content: "The order panel tells where the order is",
            trigger: ".o_inbox_order_panel .o_inbox_order_name:contains(SO26-777001)",
        },
        {
            content: "…with its lines, availability and next restock date",
            trigger: ".o_inbox_order_panel .o_inbox_unavailable",
        },
        {
            content: "The transcript in the thread carries the Chat badge",
            trigger: ".o-mail-Message .o_inbox_channel_badge:contains(Chat)",
        },
        {
            content: "Open the canned replies",
            trigger: "button.o_inbox_canned_reply",
            run: "click",
        },
        {
            content: "Pick the delay reply",
            trigger: ".modal .o_field_widget[name=template_id] input",
            run: "edit Delay",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains(Canned reply: Delay)",
            run: "click",
        },
        {
            content: "The reply is filled with the order",
            trigger: ".modal .o_field_widget[name=body]:contains(SO26-777001)",
        },
        {
            content: "Send it",
            trigger: ".modal button.o_inbox_send",
            run: "click",
        },
        {
            content: "The reply is in the thread, as an e-mail",
            trigger: ".o-mail-Message:contains(is delayed) .o_inbox_channel_badge:contains(E-mail), .o-mail-Message:contains(is delayed) .o_inbox_channel_badge:contains(Email)",
        },
    ],
});
