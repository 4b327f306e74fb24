"""3CX v20 simulator: Call Control API (token, makecall) and a driver playing 3CX's CRM side."""

from .crm_engine import CrmTemplate, net_format
from .driver import CallSpec, ChatSpec, ThreeCXDriver, render_template
from .server import ThreeCXHandler, ThreeCXSimulator
from .state import PbxError, PbxState

__all__ = [
    "CallSpec",
    "ChatSpec",
    "CrmTemplate",
    "PbxError",
    "PbxState",
    "ThreeCXDriver",
    "ThreeCXHandler",
    "ThreeCXSimulator",
    "net_format",
    "render_template",
]
