"""Pieces shared by every simulator: threaded JSON HTTP server, JSON helpers, fault injection."""

from .faults import FAULT_MODES, Fault, FaultInjector, fault_from_dict
from .httpserver import BackgroundServer, HttpError, JsonRequestHandler, SimHTTPServer
from .jsonio import dumps, error_body, loads

__all__ = [
    "FAULT_MODES",
    "BackgroundServer",
    "Fault",
    "FaultInjector",
    "HttpError",
    "JsonRequestHandler",
    "SimHTTPServer",
    "dumps",
    "error_body",
    "fault_from_dict",
    "loads",
]
