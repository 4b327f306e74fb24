# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Push from SM: "entity X changed" starts that entity's incremental run at once, debounced
(a burst of pings is one run); polling stays as the safety net."""

import secrets
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

from ..entities import ENTITY, ENTITY_SELECTION


class SmPushSignature(models.Model):
    """Signatures of the pings already accepted: a ping replayed within the window is refused."""

    _name = "sm.push.signature"
    _description = "SM push: accepted ping"
    _log_access = False

    backend_id = fields.Many2one("sm.backend", required=True, ondelete="cascade", index=True)
    signature = fields.Char(required=True)
    received = fields.Datetime(required=True, index=True)

    _signature_unique = models.Constraint(
        "UNIQUE(backend_id, signature)", "A ping is accepted once."
    )

    @api.model
    def _accept(self, backend, signature):
        """Record the signature; False when it was already accepted (a replay). Safe under
        concurrency: the unique index decides which of two identical pings wins."""
        self.env.cr.execute(
            SQL(
                "INSERT INTO sm_push_signature (backend_id, signature, received)"
                " VALUES (%s, %s, %s) ON CONFLICT (backend_id, signature) DO NOTHING"
                " RETURNING id",
                backend.id,
                signature,
                fields.Datetime.now(),
            )
        )
        return bool(self.env.cr.fetchone())

    @api.model
    def _gc(self, older_than_seconds):
        """Forget signatures older than the window: their timestamps are refused anyway."""
        limit = fields.Datetime.now() - timedelta(seconds=older_than_seconds)
        self.env.cr.execute(SQL("DELETE FROM sm_push_signature WHERE received < %s", limit))


class SmPushRequest(models.Model):
    """A run SM's pings asked for that has not started yet: further pings add nothing.

    Its own table (not sm.sync.state, whose row a running sync rewrites at every chunk), one
    row per backend and entity at most: the unique index makes a burst of pings one run."""

    _name = "sm.push.request"
    _description = "SM push: run asked for"
    _log_access = False

    backend_id = fields.Many2one("sm.backend", required=True, ondelete="cascade", index=True)
    entity = fields.Selection(ENTITY_SELECTION, required=True)
    requested = fields.Datetime(required=True)

    _backend_entity_unique = models.Constraint(
        "UNIQUE(backend_id, entity)", "One pending pushed run per backend and entity."
    )


class SmBackendPush(models.Model):
    _inherit = "sm.backend"  # pylint: disable=consider-merging-classes-inherited

    push_secret = fields.Char(
        groups="sm_connector.group_sm_admin",
        copy=False,
        help="Shared with SM: it signs its pings with it (HMAC-SHA256). Readable by SM "
        "administrators only. Empty: pushes are refused, polling alone syncs.",
    )
    push_window = fields.Integer(
        string="Push timestamp window (s)",
        default=300,
        help="A ping whose timestamp is further from now than this is refused (replays).",
    )

    def action_generate_push_secret(self):
        """A new random push secret (give it to SM; the old one stops working)."""
        self.ensure_one()
        self.check_access("write")
        self.push_secret = secrets.token_urlsafe(32)

    def _push_request(self, entity):
        """SM said `entity` changed: start its incremental run now, unless one is already
        asked for and not started (debounce). Returns True when a run was asked for.

        The request is one row per backend and entity: of two pings at once,
        the second then waits, sees it and asks for nothing."""
        self.ensure_one()
        self.env.cr.execute(
            SQL(
                "INSERT INTO sm_push_request (backend_id, entity, requested) VALUES (%s, %s, %s)"
                " ON CONFLICT (backend_id, entity) DO NOTHING RETURNING id",
                self.id,
                entity,
                fields.Datetime.now(),
            )
        )
        if not self.env.cr.fetchone():
            return False
        if self.use_queue_job:
            self.with_delay(
                identity_key=f"sm-push-{self.id}-{entity}",
                description=self.env._("SM push: sync %s", entity),
            )._push_run(entity)
        else:
            # sudo: a fixed scheduled action; the ping comes from SM, not from a user
            self.env.ref(ENTITY[entity].cron_xmlid).sudo()._trigger()
        return True

    def _push_run(self, entity):
        """queue_job entry point of a pushed run."""
        return self._sync(entity)

    def _sync(self, entity, mode="incremental"):
        # the run starting now covers what the pings announced: the next ping asks again
        self.env.cr.execute(
            SQL(
                "DELETE FROM sm_push_request WHERE backend_id = ANY(%s) AND entity = %s",
                self.ids,
                entity,
            )
        )
        return super()._sync(entity, mode=mode)
