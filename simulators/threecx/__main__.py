"""python -m simulators.threecx serve|drive ...  (see simulators/README.md, section 3CX)."""

import argparse
import sys
from pathlib import Path

from ..common.httpserver import run_until_stopped
from .driver import ThreeCXDriver, demo
from .server import ThreeCXSimulator


def serve(args):
    sim = ThreeCXSimulator(
        client_id=args.client_id,
        client_secret=args.client_secret,
        extensions=args.extensions,
        token_ttl=args.token_ttl,
        host=args.host,
        port=args.port,
    )
    if args.offline:
        sim.set_offline(*args.offline)
    url = sim.start()
    sim.httpd.verbose = args.verbose
    print(url, flush=True)
    return run_until_stopped(sim)


def drive(args):
    template = Path(args.template).read_bytes() if args.template else None
    driver = ThreeCXDriver(args.odoo_url, args.api_key, template=template, timeout=args.timeout)
    if args.scenario == "demo":
        results = demo(driver, extension=args.extension, queue=args.queue)
        failed = [run for run in results["reports"] if run.status >= 400]
        return 1 if failed else 0
    if args.scenario == "lookup":
        for number in args.numbers:
            run = driver.lookup(number)
            print(
                f"{number}: HTTP {run.status} {run.outputs if run.outputs is not None else run.answer}"
            )
        return 0
    raise SystemExit(f"unknown scenario {args.scenario}")


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m simulators.threecx")
    sub = parser.add_subparsers(dest="command", required=True)

    p_serve = sub.add_parser("serve", help="run the simulated PBX (Call Control API)")
    p_serve.add_argument("--host", default="127.0.0.1")
    p_serve.add_argument("--port", type=int, default=5001, help="0 = a free port")
    p_serve.add_argument("--client-id", default="odoo-demo")
    p_serve.add_argument("--client-secret", default="odoo-demo-secret")
    p_serve.add_argument("--extensions", nargs="+", default=["101", "102", "103"])
    p_serve.add_argument("--offline", nargs="*", default=[], help="extensions without a phone")
    p_serve.add_argument("--token-ttl", type=float, default=3600, help="token lifetime, seconds")
    p_serve.add_argument("--verbose", action="store_true")

    p_drive = sub.add_parser("drive", help="send 3CX's CRM requests (lookup, ReportCall) to Odoo")
    p_drive.add_argument("--odoo-url", required=True)
    p_drive.add_argument("--api-key", required=True)
    p_drive.add_argument(
        "--template", help="CRM template XML downloaded from Odoo (default: rendered)"
    )
    p_drive.add_argument("--scenario", choices=["demo", "lookup"], default="demo")
    p_drive.add_argument("--extension", default="101", help="agent extension used in reports")
    p_drive.add_argument("--queue", default="800", help="queue extension of missed queue calls")
    p_drive.add_argument("--timeout", type=float, default=30)
    p_drive.add_argument("numbers", nargs="*", help="numbers for --scenario lookup")

    args = parser.parse_args(argv)
    return serve(args) if args.command == "serve" else drive(args)


if __name__ == "__main__":
    sys.exit(main())
