# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import res_users
from . import tcx_pbx
from . import tcx_queue
from . import tcx_call
from . import tcx_call_journal
from . import tcx_call_click2dial
from . import tcx_call_callback
from . import tcx_call_chat
from . import res_partner
from . import tcx_ring
from . import mail_activity
from . import res_config_settings
from . import customer_context
from . import ir_http
