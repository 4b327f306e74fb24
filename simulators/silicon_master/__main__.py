"""Command line: ``python -m simulators.silicon_master serve|export ...`` (from the repo root)."""

import argparse
import sys

from ..common.httpserver import run_until_stopped
from .exports import ENCODINGS, FORMATS, export
from .server import SiliconMasterSimulator
from .store import Store


def _data_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--contacts", type=int, default=500, help="number of contacts (500)")
    parser.add_argument("--articles", type=int, default=300, help="number of articles (300)")
    parser.add_argument("--orders", type=int, default=800, help="number of orders (800)")
    parser.add_argument("--seed", type=int, default=42, help="random seed (42)")


def build_parser() -> argparse.ArgumentParser:
    """The ``serve`` and ``export`` sub-commands."""
    parser = argparse.ArgumentParser(
        prog="python -m simulators.silicon_master", description="Silicon Master ERP simulator"
    )
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="serve the SM API over HTTP until Ctrl-C/SIGTERM")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8900, help="0 = any free port (8900)")
    serve.add_argument("--api-key", default="sm-demo-key")
    _data_options(serve)
    serve.add_argument(
        "--advance-every",
        type=float,
        metavar="SECONDS",
        help="advance the simulated clock every SECONDS real seconds",
    )
    serve.add_argument(
        "--advance-minutes",
        type=float,
        default=15,
        help="simulated minutes per automatic advance (15)",
    )
    serve.add_argument(
        "--change-ratio",
        type=float,
        default=0.01,
        help="share of records changed per automatic advance (0.01)",
    )
    serve.add_argument("--verbose", action="store_true", help="log every request")

    exp = commands.add_parser("export", help="write CSV/XLSX export files and exit")
    exp.add_argument("--out", required=True, help="folder to write the files to")
    exp.add_argument("--format", choices=FORMATS, default="csv")
    exp.add_argument("--encoding", choices=ENCODINGS, default="utf-8-sig", help="CSV only")
    exp.add_argument("--entities", nargs="+", choices=("contacts", "articles", "orders"))
    exp.add_argument("--updated-since", help="only records changed since (ISO-8601)")
    exp.add_argument(
        "--advance-minutes",
        type=float,
        default=0,
        help="simulate that many minutes of activity before exporting",
    )
    exp.add_argument("--change-ratio", type=float, default=0.01)
    _data_options(exp)
    return parser


def serve(args) -> int:
    """Run the HTTP simulator until interrupted."""
    sim = SiliconMasterSimulator(
        contacts=args.contacts,
        articles=args.articles,
        orders=args.orders,
        seed=args.seed,
        api_key=args.api_key,
        host=args.host,
        port=args.port,
        verbose=args.verbose,
    )
    base_url = sim.start()
    if args.advance_every:
        sim.start_auto_advance(args.advance_every, args.advance_minutes, args.change_ratio)
    print(base_url, flush=True)
    print(
        f"Silicon Master simulator: {sim.store.counts()} (seed {args.seed}); "
        f"header X-SM-Api-Key: {args.api_key}; Ctrl-C to stop",
        file=sys.stderr,
        flush=True,
    )
    return run_until_stopped(sim)


def export_files(args) -> int:
    """Generate (and optionally age) a dataset, write the export files, print their paths."""
    store = Store(
        contacts=args.contacts, articles=args.articles, orders=args.orders, seed=args.seed
    )
    if args.advance_minutes:
        store.advance(minutes=args.advance_minutes, change_ratio=args.change_ratio)
    for path in export(
        store,
        args.out,
        args.format,
        entities=args.entities,
        encoding=args.encoding,
        updated_since=args.updated_since,
    ):
        print(path)
    return 0


def main(argv=None) -> int:
    """Entry point."""
    args = build_parser().parse_args(argv)
    return serve(args) if args.command == "serve" else export_files(args)


if __name__ == "__main__":
    sys.exit(main())
