# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The call report 3CX posts at hang-up (template scenario ``ReportCall``): parse and check it.

The body is the JSON object built by the template's ``<PostValues>`` (see
``crm_template.py``); keys are 3CX's variable names (``CallType``, ``Number``, ``Agent``...),
matched case-insensitively, ``_`` ignored. Times are ISO 8601 (UTC when naive); 3CX's
"no time" (``0001-01-01…``) and empty strings mean absent. ``Duration`` is ``hh:mm:ss``
(optionally with a fraction or a day part, as a .NET TimeSpan prints) or seconds.

3CX sends no call identifier: a report is identified by number, extension and start time
(:func:`dedup_key`). A withheld caller (``Number`` empty, ``anonymous``, ``private``...) is a
valid report without a number (:attr:`CallReport.withheld`).

Any input, however malformed, gives a :class:`CallReport` or a :class:`ReportError`, never
another exception (tests/tcx_click2dial/test_call_report.py fuzzes it).
"""

import hashlib
import math
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from odoo.addons.suite_base.tools.timestamps import parse_iso_utc

# 3CX [CallType] -> (direction, status). Missed is an inbound call nobody answered,
# Notanswered an outbound one the customer did not pick up.
CALL_TYPES = {
    "inbound": ("inbound", "answered"),
    "outbound": ("outbound", "answered"),
    "missed": ("inbound", "missed"),
    "notanswered": ("outbound", "unanswered"),
}
DIRECTIONS = {"inbound": "inbound", "outbound": "outbound", "in": "inbound", "out": "outbound"}
MAX_DURATION = 7 * 24 * 3600
MAX_TEXT = 256
# A transcription or a chat's messages: long, but bounded (the endpoint's body limit is 64 KiB).
MAX_LONG_TEXT = 32000
MAX_URL = 2048
# Why nobody took an inbound call: our code -> the spellings 3CX call flows and CDRs use.
MISSED_REASONS = {
    "outside_hours": ("outsidehours", "outofofficehours", "outofhours", "officeclosed", "closed"),
    "queue_abandoned": ("queueabandoned", "abandoned", "abandonedinqueue", "callerhungup"),
    "no_agent": ("noagent", "noagents", "noagentavailable", "noanswer", "allbusy", "busy"),
}
_REASON_CODES = {
    spelling: code for code, spellings in MISSED_REASONS.items() for spelling in spellings
}
# No 3CX call is dated outside these years; dates near datetime's limits overflow later
# arithmetic (merge windows, SLA deadlines), so they are refused here, once for all.
MIN_YEAR = 1970
MAX_YEAR = 2100
# What PBXs and carriers put in the caller number when the caller hides it (CLIR).
WITHHELD = frozenset(
    {
        "",
        "anonymous",
        "private",
        "unknown",
        "withheld",
        "restricted",
        "unavailable",
        "hidden",
        "blocked",
        "clir",
        "nocallerid",
        "privatenumber",
        "unknownnumber",
    }
)
WITHHELD_KEY = "withheld"
_EXTENSION = re.compile(r"^[0-9]{1,12}$")
_DURATION = re.compile(
    r"^(?:([0-9]{1,4})\.)?([0-9]{1,3}):([0-9]{1,2}):([0-9]{1,2})(?:[.,][0-9]+)?$"
)
_SHORT_DURATION = re.compile(r"^([0-9]{1,4}):([0-9]{1,2})$")
_SECONDS = re.compile(r"^[0-9]{1,9}(?:\.[0-9]{1,9})?$")
# NUL and the other C0 controls (tab, CR, LF excepted): PostgreSQL refuses NUL in text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def text_problem(value):
    """Why the string ``value`` cannot be stored as text, or None when it can.

    The one check of every text field of every 3CX endpoint: PostgreSQL refuses NUL (and no
    name or number holds other C0 controls), and psycopg cannot encode lone surrogates
    (``"\\ud800"`` is valid JSON but not valid Unicode text).
    """
    if _CONTROL.search(value):
        return "contains control characters"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "contains characters that are not valid Unicode text (lone surrogates)"
    return None


class ReportError(ValueError):
    """The report cannot be journaled: ``field`` is the offending key, ``reason`` says why."""

    def __init__(self, field, reason):
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


@dataclass(frozen=True)
class CallReport:
    call_type: str  # Inbound / Outbound / Missed / Notanswered, as 3CX spells it
    direction: str  # inbound / outbound
    status: str  # answered / missed / unanswered
    number: str  # the external party, as 3CX sent it ("" when withheld)
    name: str
    agent: str  # extension (DN) of the agent, may be empty (queue call missed by all)
    agent_email: str
    queue: str
    duration: int  # seconds of conversation
    start: datetime  # naive UTC
    answer: datetime | None
    end: datetime | None
    entity_id: int | None  # our contact id, when the lookup matched it
    withheld: bool = False  # the caller hid their number: no contact, no callback
    recording_url: str = ""  # http(s) link to the recording, when 3CX records the call
    transcription: str = ""  # 3CX's transcription of the call, when it sends one
    summary: str = ""  # 3CX's summary of the call, when it sends one
    missed_reason: str = ""  # a key of MISSED_REASONS, or "" (answered, or reason unknown)


def _normalised_keys(payload):
    return {re.sub(r"[_\s-]", "", str(key)).lower(): value for key, value in payload.items()}


def _text(data, key, required=False, max_length=MAX_TEXT):
    value = data.get(key.lower())
    if value is None:
        value = ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        if isinstance(value, float) and not math.isfinite(value):
            raise ReportError(key, "must be a finite number or a string")
        value = str(value)
    if not isinstance(value, str):
        raise ReportError(key, "must be a string")
    problem = text_problem(value)
    if problem:
        raise ReportError(key, problem)
    value = value.strip()
    if required and not value:
        raise ReportError(key, "is required")
    if len(value) > max_length:
        raise ReportError(key, f"is longer than {max_length} characters")
    return value


def parse_datetime(value):
    """Naive UTC datetime from 3CX's ISO 8601 text, read by the suite's one parser
    (``suite_base.tools.timestamps.parse_iso_utc``: None for empty values and .NET's
    ``DateTime.MinValue``, ValueError for anything it cannot read). A 3CX call is never dated
    outside the years :data:`MIN_YEAR`-:data:`MAX_YEAR` (in UTC): ValueError too.
    """
    moment = parse_iso_utc(value)
    if moment is not None and not MIN_YEAR <= moment.year <= MAX_YEAR:
        raise ValueError(f"outside the years {MIN_YEAR}-{MAX_YEAR}")
    return moment


def _duration_from_text(text):
    if _SECONDS.match(text):
        return int(float(text))
    if match := _DURATION.match(text):
        days, hours, minutes, secs = (int(group or 0) for group in match.groups())
        if minutes > 59 or secs > 59:
            raise ValueError("minutes and seconds go up to 59")
        return ((days * 24 + hours) * 60 + minutes) * 60 + secs
    if match := _SHORT_DURATION.match(text):
        minutes, secs = (int(group) for group in match.groups())
        if secs > 59:
            raise ValueError("seconds go up to 59")
        return minutes * 60 + secs
    raise ValueError(f"unreadable duration {text!r}")


def parse_duration(value):
    """Seconds from ``hh:mm:ss`` (``d.hh:mm:ss.fffffff``, ``mm:ss``) or a number of seconds."""
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError("not a duration")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError("not a finite number")
    if isinstance(value, int) and abs(value) > 10 * MAX_DURATION:
        raise ValueError("out of range")
    seconds = _duration_from_text(value.strip()) if isinstance(value, str) else int(value)
    if seconds < 0 or seconds > MAX_DURATION:
        raise ValueError("out of range")
    return seconds


def _time(data, key):
    try:
        return parse_datetime(data.get(key.lower()))
    except ValueError as exc:
        raise ReportError(key, f"is not an ISO 8601 date-time ({exc})") from exc


def _kind(data):
    """(call type as sent, direction, status)."""
    call_type = _text(data, "CallType", required=True, max_length=32)
    kind = re.sub(r"[\s_-]", "", call_type).lower()
    if kind not in CALL_TYPES:
        raise ReportError("CallType", "must be Inbound, Outbound, Missed or Notanswered")
    direction, status = CALL_TYPES[kind]
    raw_direction = _text(data, "CallDirection", max_length=16).lower()
    if raw_direction:
        if raw_direction not in DIRECTIONS:
            raise ReportError("CallDirection", "must be Inbound or Outbound")
        direction = DIRECTIONS[raw_direction]
    if direction == "inbound" and status == "unanswered":
        status = "missed"
    return call_type, direction, status


def _extension(data, key):
    value = _text(data, key, max_length=32)
    if value and not _EXTENSION.match(value):
        raise ReportError(key, "must be an extension number")
    return value


def is_withheld(number):
    """True when ``number`` is how a PBX writes a hidden caller (``anonymous``, empty...)."""
    if not isinstance(number, str):
        return False
    return re.sub(r"[\s_.-]", "", number).lower() in WITHHELD


def _parties(data):
    """(number, agent extension, queue extension, agent e-mail); number "" when withheld."""
    number = _text(data, "Number", max_length=64)
    if is_withheld(number):
        number = ""
    elif not any("0" <= ch <= "9" for ch in number):
        raise ReportError("Number", "has no digit (send it empty or 'anonymous' if withheld)")
    agent_email = _text(data, "AgentEmail", max_length=254)
    if agent_email and "@" not in agent_email:
        raise ReportError("AgentEmail", "is not an e-mail address")
    return number, _extension(data, "Agent"), _extension(data, "QueueExtension"), agent_email


def _timing(data, status):
    """(start, answer, end, duration in seconds), consistent with each other."""
    start = _time(data, "CallStartTimeUTC") or _time(data, "DateTime")
    answer = _time(data, "CallEstablishedTimeUTC")
    end = _time(data, "CallEndTimeUTC")
    try:
        duration = parse_duration(data.get("duration"))
    except ValueError as exc:
        raise ReportError("Duration", f"is not hh:mm:ss nor seconds ({exc})") from exc
    if duration is None:
        duration = int((end - answer).total_seconds()) if answer and end and end >= answer else 0
        if duration > MAX_DURATION:  # would not even fit the journal's integer column
            raise ReportError("CallEndTimeUTC", "is more than a week after the answer")
    if start is None and end is not None:
        start = end - timedelta(seconds=duration)
    if start is None:
        raise ReportError("CallStartTimeUTC", "is required (or DateTime)")
    if end is not None and end < start:
        raise ReportError("CallEndTimeUTC", "is before the start of the call")
    if answer is not None and (answer < start or (end is not None and answer > end)):
        raise ReportError("CallEstablishedTimeUTC", "is outside the call")
    if status != "answered":
        return start, None, end, 0
    return start, answer, end, duration


def parse_url(data, key):
    """An absolute http(s) URL, or "" (a recording link is shown to agents as a link: no
    ``javascript:`` or relative path may get through)."""
    value = _text(data, key, max_length=MAX_URL)
    if value and not re.match(r"^https?://[^\s/]+", value, re.IGNORECASE):
        raise ReportError(key, "must be an http(s) URL")
    return value


def missed_reason(raw, status, agent, queue):
    """Why an inbound call was missed: the reason 3CX sent (any spelling of
    :data:`MISSED_REASONS`), else what the report itself says: a queue call no agent took is
    abandoned in the queue, a call that reached neither a queue nor an agent found no agent.
    "" for an answered call, or a missed call that rang an agent (no reason to give)."""
    if status != "missed":
        return ""
    key = re.sub(r"[\s_-]", "", raw or "").lower()
    if key in _REASON_CODES:
        return _REASON_CODES[key]
    if queue and not agent:
        return "queue_abandoned"
    if not queue and not agent:
        return "no_agent"
    return ""


def parse_call_report(payload):
    """Check one report and return a :class:`CallReport`; raise :class:`ReportError`."""
    if not isinstance(payload, dict):
        raise ReportError("body", "must be a JSON object")
    data = _normalised_keys(payload)
    call_type, direction, status = _kind(data)
    number, agent, queue, agent_email = _parties(data)
    start, answer, end, duration = _timing(data, status)
    entity = _text(data, "EntityId", max_length=32)
    entity_id = int(entity) if re.fullmatch(r"[0-9]{1,10}", entity) else None
    entity_id = entity_id if entity_id and entity_id < 2**31 else None

    return CallReport(
        call_type=call_type,
        direction=direction,
        status=status,
        number=number,
        name=_text(data, "Name"),
        agent=agent,
        agent_email=agent_email,
        queue=queue,
        duration=duration,
        start=start,
        answer=answer,
        end=end,
        entity_id=entity_id if number else None,
        withheld=not number,
        recording_url=parse_url(data, "RecordingUrl"),
        transcription=_text(data, "Transcription", max_length=MAX_LONG_TEXT),
        summary=_text(data, "Summary", max_length=MAX_LONG_TEXT),
        missed_reason=missed_reason(
            _text(data, "MissedReason", max_length=64), status, agent, queue
        ),
    )


def dedup_key(number_key, extension, start):
    """Identity of a report: same number, extension and start second = same call."""
    stamp = start.replace(microsecond=0).isoformat()
    raw = f"{number_key or WITHHELD_KEY}|{extension or ''}|{stamp}"
    return hashlib.sha256(raw.encode()).hexdigest()[:40]
