/* The iAdvize desk's custom app: asks the desk (iAdvize's conversation panel app library,
 * window.idzCpa) for its token, loads the customer 360 panel from Odoo with it, and inserts a
 * canned reply in the desk's compose box. Plain script: the page runs outside Odoo's web
 * client, in the desk's iframe. */
(function () {
    "use strict";
    const panel = document.getElementById("o_desk_panel");
    const failure = document.getElementById("o_desk_error");
    let replies = [];

    async function load(client, orderId) {
        const token = await client.getJWT();
        const response = await fetch(panel.dataset.contextUrl, {
            method: "POST",
            headers: {"Content-Type": "application/json", Authorization: "Bearer " + token},
            body: JSON.stringify(orderId ? {orderId: orderId} : {}),
        });
        if (!response.ok) {
            throw new Error("HTTP " + response.status);
        }
        const data = await response.json();
        replies = data.replies || [];
        // the panel is rendered by Odoo's QWeb (escaped server-side)
        panel.innerHTML = data.html;
    }

    function wire(client) {
        panel.addEventListener("click", (event) => {
            const insert = event.target.closest(".o_desk_insert");
            if (insert) {
                const reply = replies.find((r) => String(r.id) === insert.dataset.replyId);
                if (reply) {
                    client.insertTextInComposeBox(reply.text);
                }
                return;
            }
            const order = event.target.closest(".o_desk_order");
            if (order) {
                load(client, Number(order.dataset.orderId)).catch(fail);
            }
        });
    }

    function fail() {
        failure.hidden = false;
    }

    if (!window.idzCpa) {
        fail();
        return;
    }
    window.idzCpa
        .init()
        .then((client) => {
            wire(client);
            return load(client, 0);
        })
        .catch(fail);
})();
