# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import controllers
from . import models


def post_init_hook(env):
    """Load the languages SM uses, so synced contacts get theirs from the first sync."""
    env["res.lang"]._sm_load_languages()
