"""python -m simulators.iadvize serve|send ...  (see simulators/iadvize/README.md)."""

import argparse
import json
import sys

import requests

from ..common.httpserver import run_until_stopped
from .server import DEFAULT_SECRET, IAdvizeSimulator


def serve(args):
    sim = IAdvizeSimulator(
        host=args.host,
        port=args.port,
        webhook_secret=args.secret,
        demo=not args.empty,
        project_id=args.project_id,
        username=args.username,
        password=args.password,
        oauth_client_id=args.client_id,
        oauth_client_secret=args.client_secret,
        token_ttl=args.token_ttl,
    )
    url = sim.start()
    sim.httpd.verbose = args.verbose
    print(url, flush=True)
    return run_until_stopped(sim)


def send(args):
    """Ask a running simulator to close a conversation and deliver the webhook to Odoo."""
    body = {
        "odoo_url": args.odoo_url,
        "conversation_id": args.conversation_id,
        "bad_signature": args.bad_signature,
        "retry_delays": [] if args.no_retry else None,
    }
    if args.secret:
        body["secret"] = args.secret
    response = requests.post(
        f"{args.sim_url.rstrip('/')}/_sim/webhooks/closed", json=body, timeout=120
    )
    print(json.dumps(response.json(), indent=2, ensure_ascii=False))
    answer = response.json()
    return 0 if response.ok and (answer.get("status") or 0) < 300 else 1


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m simulators.iadvize")
    sub = parser.add_subparsers(dest="command", required=True)

    p_serve = sub.add_parser("serve", help="run the simulated iAdvize API")
    p_serve.add_argument("--host", default="127.0.0.1")
    p_serve.add_argument("--port", type=int, default=5002, help="0 = a free port")
    p_serve.add_argument("--secret", default=DEFAULT_SECRET, help="webhook secret token")
    p_serve.add_argument("--project-id", default="7301")
    p_serve.add_argument("--username", default="api@sm-meubles.test")
    p_serve.add_argument("--password", default="iadvize-demo-password")
    p_serve.add_argument("--client-id", default="odoo-inbox")
    p_serve.add_argument("--client-secret", default="odoo-inbox-secret")
    p_serve.add_argument("--token-ttl", type=float, default=3600)
    p_serve.add_argument("--empty", action="store_true", help="start without demo conversations")
    p_serve.add_argument("--verbose", action="store_true")

    p_send = sub.add_parser("send", help="close a conversation: signed webhook to Odoo")
    p_send.add_argument("--sim-url", default="http://127.0.0.1:5002")
    p_send.add_argument("--odoo-url", default="http://127.0.0.1:8069")
    p_send.add_argument("--conversation-id", help="default: the last conversation")
    p_send.add_argument("--secret", help="default: the simulator's secret")
    p_send.add_argument("--bad-signature", action="store_true")
    p_send.add_argument("--no-retry", action="store_true")

    args = parser.parse_args(argv)
    return serve(args) if args.command == "serve" else send(args)


if __name__ == "__main__":
    sys.exit(main())
