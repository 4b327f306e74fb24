# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""``odoo tcx_ring_listener -d DB``: the worker behind the ring-time pop-up.

Holds one 3CX Call Control event socket per PBX with *Ring-time pop-up* on, in a thread each,
and sends the caller's 360 to the agent whose extension rings. Reconnects by itself; re-reads
the PBX list every ``--refresh`` seconds (a PBX switched on or off, new credentials). Run it
next to the Odoo server (one process per database; a second one is harmless: ringings are
deduplicated in the database). SIGTERM / Ctrl-C stops it.
"""

import logging
import optparse
import signal
import sys
import threading
import time

from odoo.cli.command import Command
from odoo.modules.registry import Registry
from odoo.tools import config

_logger = logging.getLogger(__name__)


class TcxRingListener(Command):
    """Listen to 3CX Call Control events and pop the caller's 360 up in the agent's Odoo."""

    name = "tcx_ring_listener"

    def run(self, args):
        parser = config.parser
        parser.prog = self.prog
        group = optparse.OptionGroup(parser, "3CX ring listener")
        group.add_option(
            "--refresh",
            dest="tcx_refresh",
            type="int",
            default=300,
            help="seconds between two readings of the PBX list (default 300)",
        )
        parser.add_option_group(group)
        options = config.parse_config(args, setup_logging=True)
        if len(config["db_name"]) != 1:
            sys.exit("tcx_ring_listener needs exactly one database (-d)")
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        try:
            serve(Registry(config["db_name"][0]), stop, options.tcx_refresh)
        except KeyboardInterrupt:
            stop.set()


def serve(registry, stop, refresh):
    """Listen for every PBX with the pop-up on, ``refresh`` seconds at a time, until ``stop``."""
    # loaded as odoo.cli.tcx_ring_listener (not from the add-on package): absolute imports,
    # once the registry has loaded the add-ons
    from odoo import SUPERUSER_ID, api
    from odoo.addons.tcx_click2dial.models import tcx_ring  # pylint: disable=odoo-addons-relative-import

    while not stop.is_set():
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            pbx_ids = env["tcx.pbx"].search([("ring_popup", "=", True)]).ids
        until = time.monotonic() + refresh
        threads = [
            threading.Thread(
                target=tcx_ring.listen_for_ringing,
                args=(registry, pbx_id, until, stop),
                name=f"tcx-ring-{pbx_id}",
                daemon=True,
            )
            for pbx_id in pbx_ids
        ]
        _logger.info("3CX ring listener: %d phone system(s)", len(threads))
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if not threads:
            stop.wait(refresh)
