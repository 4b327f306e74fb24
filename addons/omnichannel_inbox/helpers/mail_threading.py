# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Which ticket a reply belongs to when Outlook / Office 365 dropped ``References``.

Pure Python. Two fallbacks, used only when Odoo's own threading (``In-Reply-To`` /
``References`` matching a stored ``Message-Id``) found nothing:

* the ticket reference in the subject (``RE: [HT00042] Where is my sofa?``,
  ``TR: HT00042 - ...``, ``Antw: AW: HT00042``);
* ``Thread-Index``: Outlook's conversation index, base64 of a 22-byte header
  (FILETIME + conversation GUID) followed by one 5-byte block per reply. Every message
  of one Outlook conversation shares the header: its base64 is the conversation key.
"""

import base64
import binascii
import re

DEFAULT_TICKET_REF_PATTERN = r"(?<![A-Za-z0-9])HT\d{5,}(?!\d)"
THREAD_INDEX_HEADER = 22
THREAD_INDEX_CHILD = 5
MAX_THREAD_INDEX = 4096
# Reply/forward prefixes of the usual mail clients in en/fr/nl/de: RE, Re[2], TR, FW, Fwd,
# AW, WG, Antw, Doorst, SV, VS, RIF...
_PREFIX = re.compile(
    r"^\s*(?:(?:re|r|tr|fw|fwd|aw|wg|antw|antwoord|doorst|sv|vs|rif|réf|ref)"
    r"\s*(?:\[\d+\]|\(\d+\))?\s*[:：]\s*)+",
    re.IGNORECASE,
)


def strip_reply_prefixes(subject):
    """``RE: TR: Hello`` -> ``Hello`` (whitespace collapsed)."""
    text = " ".join((subject or "").split())
    previous = None
    while previous != text:
        previous = text
        text = _PREFIX.sub("", text).strip()
    return text


def ticket_refs(subject, pattern=DEFAULT_TICKET_REF_PATTERN):
    """Ticket numbers quoted in a subject, upper-cased, unique, in order."""
    if not subject or not isinstance(subject, str):
        return []
    try:
        regex = re.compile(pattern or DEFAULT_TICKET_REF_PATTERN, re.IGNORECASE)
    except re.error:
        regex = re.compile(DEFAULT_TICKET_REF_PATTERN, re.IGNORECASE)
    refs = []
    for match in regex.finditer(subject[:2000]):
        ref = match.group(0).upper()
        if ref not in refs:
            refs.append(ref)
    return refs


def _decode(value):
    if not value or not isinstance(value, str) or len(value) > MAX_THREAD_INDEX:
        return None
    text = "".join(value.split())
    try:
        raw = base64.b64decode(text + "=" * (-len(text) % 4), validate=True)
    except (binascii.Error, ValueError):
        return None
    if len(raw) < THREAD_INDEX_HEADER or (len(raw) - THREAD_INDEX_HEADER) % THREAD_INDEX_CHILD:
        return None
    return raw


def thread_index_root(value):
    """The conversation key (base64 of the 22-byte header) of a ``Thread-Index``, or None."""
    raw = _decode(value)
    if raw is None:
        return None
    return base64.b64encode(raw[:THREAD_INDEX_HEADER]).decode("ascii")


def thread_index_depth(value):
    """How many replies deep a ``Thread-Index`` is (0 = first message), or None if invalid."""
    raw = _decode(value)
    if raw is None:
        return None
    return (len(raw) - THREAD_INDEX_HEADER) // THREAD_INDEX_CHILD


def make_thread_index(root_bytes, depth=0, child=b"\x00\x00\x00\x00\x01"):
    """A ``Thread-Index`` value for tests and simulators: the header plus ``depth`` blocks."""
    if len(root_bytes) != THREAD_INDEX_HEADER:
        raise ValueError("the Thread-Index header is 22 bytes")
    if len(child) != THREAD_INDEX_CHILD:
        raise ValueError("a Thread-Index child block is 5 bytes")
    return base64.b64encode(root_bytes + child * depth).decode("ascii")


# RFC 3834 and the headers mail servers really send on automatic mail (out-of-office,
# vacation, mailing lists, bulk): never answered, never a customer request.
_AUTO_PRECEDENCE = ("bulk", "junk", "list")
# vacation responders (Zimbra, Exchange, cPanel...): present means automatic, even empty
_AUTO_FLAG_HEADERS = ("X-Autoreply", "X-Autorespond")


def auto_reply_reason(headers):
    """Why a mail is automatic (``"Auto-Submitted: auto-replied"``…), or ``""`` for a mail a
    person wrote. ``headers``: anything with ``get(name)`` (an ``email.message.Message``)."""

    def value(name):
        raw = headers.get(name)
        return " ".join(str(raw).split()) if raw is not None else ""

    auto_submitted = value("Auto-Submitted")
    if auto_submitted and auto_submitted.split(";")[0].strip().lower() != "no":
        return f"Auto-Submitted: {auto_submitted[:64]}"
    suppress = value("X-Auto-Response-Suppress")
    if suppress and suppress.lower() != "none":
        return f"X-Auto-Response-Suppress: {suppress[:64]}"
    for name in _AUTO_FLAG_HEADERS:
        flag = value(name)
        if headers.get(name) is not None and flag.lower() not in ("no", "false", "0"):
            return f"{name}: {flag[:64]}".rstrip(": ")
    precedence = value("Precedence").lower()
    if precedence in _AUTO_PRECEDENCE:
        return f"Precedence: {precedence}"
    if headers.get("Return-Path") is not None and value("Return-Path").strip("<> ") == "":
        return "Return-Path: <>"
    return ""
