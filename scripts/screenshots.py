"""Screenshots of the demo for the module description, in headless Chromium.

    python scripts/screenshots.py -c ODOO_CONF -d DB --out addons/sm_connector/static/description

On DB (a throw-away copy of the demo database: it is synced and changed): syncs a small
Silicon Master simulator, lets a promised date slip for a French and a Dutch customer, then
saves the delay messages they received (`sm_delay_message_fr.png`, `sm_delay_message_nl.png`)
and, through a real Odoo server, the order list of the Liège showroom agent of the demo
(`sm_agent_orders.png`, login demo/demo).
"""

import argparse
import base64
import json
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "chromium"
WIDTH, HEIGHT = 1280, 800


def free_port():
    """A free TCP port on localhost."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prepare_messages(config, database):
    """Sync the simulator into DB and make one delay message in French and one in Dutch;
    return {lang: (subject, html body)}."""
    sys.path.insert(0, str(REPO_ROOT))
    from odoo import api
    from odoo.modules.registry import Registry
    from odoo.tools import config as odoo_config
    from simulators.silicon_master import SiliconMasterSimulator

    odoo_config.parse_config(["-c", config, "-d", database, "--log-level=warn"])
    sim = SiliconMasterSimulator(contacts=40, articles=30, orders=30, seed=5, api_key="shots")
    url = sim.start()
    people = {"fr": "Pirard Noémie", "nl": "Van den Bossche Marie"}
    try:
        with Registry(database).cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            backend = env["sm.backend"].create(
                {
                    "name": "SM (screenshots)",
                    "base_url": url,
                    "api_key": "shots",
                    "message_older_orders": True,
                }
            )
            env["sm.order.event.type"].search([]).write({"settle_minutes": 0})
            store = sim.store
            chosen = {}
            for sm_id in sorted(store.table("orders").records):
                customer = store.get("contacts", store.get("orders", sm_id)["customer_id"]) or {}
                taken = {customer_id for _order, customer_id in chosen.values()}
                if (
                    customer.get("email")
                    and not customer.get("is_company")
                    and customer["id"] not in taken
                ):
                    lang = "fr" if "fr" not in chosen else "nl"
                    chosen[lang] = (sm_id, customer["id"])
                    if len(chosen) == 2:
                        break
            for lang, (sm_id, customer_id) in chosen.items():
                store.set_field("contacts", customer_id, "lang", lang)
                store.set_field("contacts", customer_id, "name", people[lang])
                store.set_field("contacts", customer_id, "country", "BE")
                store.set_field("orders", sm_id, "status", "confirmed")
                store.set_field("orders", sm_id, "showroom", "LIE")
                store.set_field("orders", sm_id, "promised_date", "2026-12-01")
            # the Liège agent of the demo works in French
            env.ref("base.user_demo").lang = "fr_BE"
            backend._sync("orders")
            for sm_id, _customer in chosen.values():
                store.set_field("orders", sm_id, "promised_date", "2026-12-08")
            backend._sync("orders")
            messages = {}
            for lang, (sm_id, _customer) in chosen.items():
                order = env["sale.order"].search([("sm_id", "=", sm_id)], limit=1)
                event = order.sm_event_ids.filtered(lambda e: e.event_type == "delay")[:1]
                if not event.message_id:
                    raise SystemExit(f"no delay message for {sm_id}: {event.state_reason}")
                message = event.message_id
                messages[lang] = (message.subject, str(message.body), message.email_from)
            cr.commit()
    finally:
        sim.stop()
    return messages


def message_page(subject, body, email_from):
    """The message as the customer's mail client shows it (sender, subject, body)."""
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><style>
body {{ font-family: Arial, sans-serif; background: #f2f2f2; margin: 0; padding: 24px; }}
.mail {{ background: white; max-width: 720px; margin: auto; padding: 24px 32px;
         border-radius: 6px; box-shadow: 0 1px 3px rgba(0,0,0,.2); font-size: 15px; }}
.head {{ color: #555; border-bottom: 1px solid #ddd; padding-bottom: 12px; margin-bottom: 16px; }}
.subject {{ font-size: 20px; color: #222; margin-top: 6px; }}
</style></head><body><div class="mail"><div class="head">
<div>{email_from.replace("<", "&lt;").replace(">", "&gt;")}</div>
<div class="subject">{subject}</div></div>{body}</div></body></html>"""


def screenshot_file(html, target):
    """Render an HTML page to a PNG with headless Chromium."""
    with tempfile.NamedTemporaryFile("w", suffix=".html", delete=False, encoding="utf-8") as f:
        f.write(html)
    subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            f"--window-size={WIDTH},620",
            f"--screenshot={target}",
            f"file://{f.name}",
        ],
        check=True,
        capture_output=True,
    )


class Browser:
    """Just enough of the Chrome DevTools protocol: cookies, navigation, screenshots."""

    def __init__(self):
        import websocket

        port = free_port()
        self.profile = tempfile.mkdtemp(prefix="shots-chrome-")
        self.proc = subprocess.Popen(
            [
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                f"--remote-debugging-port={port}",
                f"--user-data-dir={self.profile}",
                f"--window-size={WIDTH},{HEIGHT}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        import requests

        for _ in range(100):
            try:
                pages = requests.get(f"http://127.0.0.1:{port}/json", timeout=1).json()
                page = next(p for p in pages if p["type"] == "page")
                break
            except Exception:
                time.sleep(0.2)
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=60)
        self.counter = 0

    def call(self, method, **params):
        """Send one command and wait for its answer."""
        self.counter += 1
        self.ws.send(json.dumps({"id": self.counter, "method": method, "params": params}))
        while True:
            answer = json.loads(self.ws.recv())
            if answer.get("id") == self.counter:
                return answer.get("result", {})

    def wait_for(self, selector, timeout=60):
        """Wait until `selector` matches an element of the page."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            found = self.call(
                "Runtime.evaluate", expression=f"!!document.querySelector({json.dumps(selector)})"
            )
            if found.get("result", {}).get("value"):
                return
            time.sleep(0.3)
        raise SystemExit(f"timed out waiting for {selector}")

    def screenshot(self, target):
        data = self.call("Page.captureScreenshot", format="png")["data"]
        Path(target).write_bytes(base64.b64decode(data))

    def close(self):
        self.ws.close()
        self.proc.terminate()


def agent_order_list(config, database, target):
    """Start Odoo on a free port, log in as the demo's Liège agent, open their orders."""
    import requests

    port = free_port()
    server = subprocess.Popen(
        [
            str(REPO_ROOT / "scripts" / "odoo.sh"),
            "-d",
            database,
            f"--http-port={port}",
            "--log-level=warn",
            "--max-cron-threads=0",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    browser = None
    try:
        for _ in range(300):
            try:
                if requests.get(f"{base}/web/login", timeout=2).status_code == 200:
                    break
            except requests.RequestException:
                time.sleep(0.5)
        session = requests.Session()
        answer = session.post(
            f"{base}/web/session/authenticate",
            json={
                "jsonrpc": "2.0",
                "params": {"db": database, "login": "demo", "password": "demo"},
            },
            timeout=60,
        ).json()
        if answer.get("error"):
            raise SystemExit(f"login failed: {answer['error']}")
        browser = Browser()
        browser.call("Network.enable")
        browser.call(
            "Network.setCookie",
            name="session_id",
            value=session.cookies["session_id"],
            domain="127.0.0.1",
            path="/",
        )
        browser.call(
            "Page.navigate", url=f"{base}/odoo/action-sm_connector.action_sm_my_showroom_orders"
        )
        browser.wait_for(".o_list_renderer .o_data_row")
        time.sleep(2)  # fonts and badges
        browser.screenshot(target)
    finally:
        if browser:
            browser.close()
        server.terminate()
        server.wait(timeout=30)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--out", default=str(REPO_ROOT / "addons/sm_connector/static/description"))
    args = parser.parse_args(argv)
    out = Path(args.out)
    messages = prepare_messages(args.config, args.database)
    for lang, (subject, body, email_from) in messages.items():
        page = message_page(subject, body, email_from)
        screenshot_file(page, out / f"sm_delay_message_{lang}.png")
    agent_order_list(args.config, args.database, out / "sm_agent_orders.png")
    print(f"screenshots saved in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
