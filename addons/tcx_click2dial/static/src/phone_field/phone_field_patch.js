import { patch } from "@web/core/utils/patch";
import { PhoneField } from "@web/views/fields/phone/phone_field";
import { TcxCallButton } from "./tcx_call_button";

// Every phone widget (contacts, leads, orders, tickets, lists) gets the 3CX button.
patch(PhoneField, {
    components: {
        ...PhoneField.components,
        TcxCallButton,
    },
});
