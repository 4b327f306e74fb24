"""The ReportCall body 3CX posts at hang-up: parsing, checks, de-duplication key."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odoo.addons.tcx_click2dial.helpers.call_report import (
    CallReport,
    ReportError,
    dedup_key,
    is_withheld,
    missed_reason,
    parse_call_report,
    parse_datetime,
    parse_duration,
    text_problem,
)

START = "2026-11-20T09:15:00Z"


def body(**extra):
    data = {
        "CallType": "Inbound",
        "Number": "+32475123456",
        "Agent": "101",
        "Duration": "00:03:12",
        "CallStartTimeUTC": START,
    }
    data.update(extra)
    return data


@given(st.integers(min_value=0, max_value=7 * 24 * 3600))
def test_duration_round_trip(seconds):
    hours, rest = divmod(seconds, 3600)
    text = f"{hours:02d}:{rest // 60:02d}:{rest % 60:02d}"
    assert parse_duration(text) == seconds
    assert parse_duration(str(seconds)) == seconds
    assert parse_duration(seconds) == seconds


def test_duration_forms():
    assert parse_duration("1.02:03:04.1234567") == 26 * 3600 + 3 * 60 + 4  # .NET TimeSpan
    assert parse_duration("03:12") == 192
    assert parse_duration("") is None and parse_duration(None) is None
    for bad in ("abc", "00:61:00", "-5", True, "1:2:3:4"):
        with pytest.raises(ValueError):
            parse_duration(bad)


@given(
    st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2100, 1, 1)),
    st.integers(min_value=-12 * 60, max_value=14 * 60),
)
def test_datetime_offsets_are_converted_to_utc(moment, offset_minutes):
    moment = moment.replace(microsecond=0)
    zone = dt.timezone(dt.timedelta(minutes=offset_minutes))
    local = moment.replace(tzinfo=dt.timezone.utc).astimezone(zone)
    assert parse_datetime(local.isoformat()) == moment
    assert parse_datetime(moment.strftime("%Y-%m-%dT%H:%M:%SZ")) == moment
    assert parse_datetime(moment.strftime("%Y-%m-%d %H:%M:%S")) == moment


def test_datetime_forms():
    assert parse_datetime("2026-11-20T09:15:00.1234567Z") == dt.datetime(2026, 11, 20, 9, 15)
    assert parse_datetime("0001-01-01T00:00:00Z") is None  # .NET MinValue: never happened
    assert parse_datetime("") is None and parse_datetime(None) is None
    with pytest.raises(ValueError):
        parse_datetime("20/11/2026 09:15")


@pytest.mark.parametrize(
    ("call_type", "direction", "expected"),
    [
        ("Inbound", "", ("inbound", "answered")),
        ("Outbound", "", ("outbound", "answered")),
        ("Missed", "", ("inbound", "missed")),
        ("Notanswered", "", ("outbound", "unanswered")),
        ("NotAnswered", "Inbound", ("inbound", "missed")),
        ("not_answered", "Outbound", ("outbound", "unanswered")),
    ],
)
def test_call_types(call_type, direction, expected):
    report = parse_call_report(body(CallType=call_type, CallDirection=direction))
    assert (report.direction, report.status) == expected


def test_full_report():
    report = parse_call_report(
        body(
            Name="Julie Lambert",
            AgentEmail="alice@example.com",
            QueueExtension="800",
            CallEstablishedTimeUTC="2026-11-20T09:15:09Z",
            CallEndTimeUTC="2026-11-20T09:18:21Z",
            EntityId="42",
            EntityType="Contacts",
        )
    )
    assert report == CallReport(
        call_type="Inbound",
        direction="inbound",
        status="answered",
        number="+32475123456",
        name="Julie Lambert",
        agent="101",
        agent_email="alice@example.com",
        queue="800",
        duration=192,
        start=dt.datetime(2026, 11, 20, 9, 15),
        answer=dt.datetime(2026, 11, 20, 9, 15, 9),
        end=dt.datetime(2026, 11, 20, 9, 18, 21),
        entity_id=42,
    )


def test_keys_are_case_and_underscore_insensitive():
    report = parse_call_report(
        {"call_type": "Missed", "number": "0475 12 34 56", "call_start_time_utc": START}
    )
    assert (report.status, report.number, report.duration) == ("missed", "0475 12 34 56", 0)


def test_missed_call_has_no_talk_time_nor_answer():
    report = parse_call_report(
        body(CallType="Missed", Duration="00:00:25", CallEstablishedTimeUTC="0001-01-01T00:00:00Z")
    )
    assert (report.duration, report.answer) == (0, None)


def test_duration_from_times_and_start_from_end():
    report = parse_call_report(
        body(
            Duration="",
            CallEstablishedTimeUTC="2026-11-20T09:15:10Z",
            CallEndTimeUTC="2026-11-20T09:16:10Z",
        )
    )
    assert report.duration == 60
    report = parse_call_report(
        body(
            CallStartTimeUTC="",
            DateTime="",
            CallEndTimeUTC="2026-11-20T09:16:10Z",
            Duration="00:01:00",
        )
    )
    assert report.start == dt.datetime(2026, 11, 20, 9, 15, 10)
    assert parse_call_report(body(CallStartTimeUTC="", DateTime=START)).start == dt.datetime(
        2026, 11, 20, 9, 15
    )


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"CallType": ""}, "CallType"),
        ({"CallType": "Transfer"}, "CallType"),
        ({"CallDirection": "Sideways"}, "CallDirection"),
        ({"Number": "caller"}, "Number"),
        ({"Number": "+32\x00475123456"}, "Number"),
        ({"Name": "Julie\x00"}, "Name"),
        ({"Duration": float("inf")}, "Duration"),
        ({"Duration": float("nan")}, "Duration"),
        ({"Duration": "9" * 400}, "Duration"),
        ({"Duration": 10**400}, "Duration"),
        ({"CallStartTimeUTC": "9999-12-31T23:59:59-14:00"}, "CallStartTimeUTC"),
        ({"CallEndTimeUTC": "9999-12-31T23:59:59-14:00"}, "CallEndTimeUTC"),
        ({"CallStartTimeUTC": "2026-11-20T09:15:00\x00Z"}, "CallStartTimeUTC"),
        ({"EntityId": float("inf")}, "EntityId"),
        ({"Number": "1" * 65}, "Number"),
        ({"Number": ["+32"]}, "Number"),
        ({"Agent": "alice"}, "Agent"),
        ({"QueueExtension": "q1"}, "QueueExtension"),
        ({"AgentEmail": "alice"}, "AgentEmail"),
        ({"Duration": "long"}, "Duration"),
        ({"CallStartTimeUTC": "soon"}, "CallStartTimeUTC"),
        ({"CallStartTimeUTC": "", "DateTime": ""}, "CallStartTimeUTC"),
        ({"CallEndTimeUTC": "2026-11-20T09:00:00Z"}, "CallEndTimeUTC"),
        ({"CallEstablishedTimeUTC": "2026-11-20T09:00:00Z"}, "CallEstablishedTimeUTC"),
        ({"Name": "x" * 300}, "Name"),
        # lone surrogates are valid JSON escapes but no text PostgreSQL can store
        ({"Name": "\ud800"}, "Name"),
        ({"Name": "Julie \udfff Lambert"}, "Name"),
        ({"Number": "+32475123456\ud800"}, "Number"),
        ({"Agent": "\udc00"}, "Agent"),
        ({"AgentEmail": "a\ud800@example.com"}, "AgentEmail"),
        ({"CallType": "Inbound\ud800"}, "CallType"),
        ({"CallStartTimeUTC": "2026-11-20T09:15:00\ud800Z"}, "CallStartTimeUTC"),
        # dates near datetime's limits overflow the merge window and SLA deadlines later
        ({"CallType": "Outbound", "CallStartTimeUTC": "9999-12-31T23:59:30Z"}, "CallStartTimeUTC"),
        ({"CallType": "Missed", "CallStartTimeUTC": "9999-12-31T23:59:00Z"}, "CallStartTimeUTC"),
        ({"CallStartTimeUTC": "2101-01-01T00:00:00Z"}, "CallStartTimeUTC"),
        ({"CallStartTimeUTC": "1969-12-31T23:59:59Z"}, "CallStartTimeUTC"),
        ({"CallStartTimeUTC": "0002-01-01T00:00:00Z"}, "CallStartTimeUTC"),
        ({"CallEndTimeUTC": "9999-12-31T23:59:59Z"}, "CallEndTimeUTC"),
        ({"CallEstablishedTimeUTC": "9999-12-31T00:00:00Z"}, "CallEstablishedTimeUTC"),
        ({"CallStartTimeUTC": "", "DateTime": "9999-12-31T23:59:00"}, "DateTime"),
    ],
)
def test_invalid_reports(change, field):
    with pytest.raises(ReportError) as caught:
        parse_call_report(body(**change))
    assert caught.value.field == field
    assert caught.value.reason


def test_not_an_object():
    with pytest.raises(ReportError) as caught:
        parse_call_report(["Inbound"])
    assert caught.value.field == "body"


def test_dates_at_the_year_limits():
    assert parse_datetime("1970-01-01T00:00:00Z") == dt.datetime(1970, 1, 1)
    assert parse_datetime("2100-12-31T23:59:59Z") == dt.datetime(2100, 12, 31, 23, 59, 59)
    # the limit is judged in UTC: 2101 in Tokyo is still 2100 in UTC
    assert parse_datetime("2101-01-01T08:00:00+09:00") == dt.datetime(2100, 12, 31, 23)
    for value in ("2101-01-01T00:00:00Z", "1970-01-01T01:00:00+02:00", "9999-12-31T23:59Z"):
        with pytest.raises(ValueError):
            parse_datetime(value)


def test_text_problem():
    assert text_problem("Julie Lambert ☎ 😀") is None
    assert text_problem("\ud800")
    assert text_problem("\udbff\udfff")  # a surrogate pair not joined is two lone ones
    assert text_problem("a\x00b")


# the machine is shared: judge the parser, not the generator's speed
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
KEYS = [
    "CallType",
    "CallDirection",
    "Number",
    "Name",
    "Agent",
    "AgentEmail",
    "QueueExtension",
    "Duration",
    "DateTime",
    "CallStartTimeUTC",
    "CallEstablishedTimeUTC",
    "CallEndTimeUTC",
    "EntityId",
]
# any code point, lone surrogates included (json.loads gives them for "\\ud800")
TEXT = st.text(st.one_of(st.characters(), st.characters(categories=["Cs"])), max_size=40)
JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()  # NaN and ±Infinity included: Python's json reads them
    | TEXT,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)
EXTREME = st.one_of(
    st.datetimes(min_value=dt.datetime(9999, 12, 24)),
    st.datetimes(max_value=dt.datetime(1, 1, 8)),
)
DATES = st.one_of(
    st.datetimes().map(lambda d: d.isoformat()),
    EXTREME.map(lambda d: d.isoformat() + "Z"),
    st.builds(
        lambda d, minutes: d.replace(tzinfo=dt.timezone(dt.timedelta(minutes=minutes))).isoformat(),
        EXTREME,
        st.integers(min_value=-1439, max_value=1439),
    ),
    st.builds(
        lambda d, minutes: d.replace(tzinfo=dt.timezone(dt.timedelta(minutes=minutes))).isoformat(),
        st.datetimes(),
        st.integers(min_value=-1439, max_value=1439),
    ),
    TEXT,
)


@FUZZ
@given(
    st.fixed_dictionaries(
        {"CallType": st.sampled_from(["Inbound", "Outbound", "Missed", "Notanswered"])},
        optional={
            "Number": st.one_of(TEXT, st.sampled_from(["anonymous", ""]), JSON),
            "Duration": st.one_of(JSON, st.text(alphabet="0123456789:.,", max_size=30)),
            "CallStartTimeUTC": DATES,
            "CallEstablishedTimeUTC": DATES,
            "CallEndTimeUTC": DATES,
            "DateTime": DATES,
            "Agent": JSON,
            "EntityId": JSON,
            "Name": JSON,
        },
    )
)
def test_fuzz_shaped_reports_give_a_report_or_a_report_error(payload):
    """Reports close to real ones (any date, offset, duration): no other exception escapes."""
    try:
        report = parse_call_report(payload)
    except ReportError as exc:
        assert exc.field and exc.reason
        return
    assert report.start.tzinfo is None and 1969 <= report.start.year <= 2100
    for moment in (report.answer, report.end):
        assert moment is None or 1970 <= moment.year <= 2100
    assert 0 <= report.duration <= 7 * 24 * 3600
    for text in (report.number, report.name, report.agent, report.agent_email, report.queue):
        assert text_problem(text) is None
        text.encode("utf-8")  # what psycopg does: must not raise


@FUZZ
@given(st.one_of(JSON, st.dictionaries(st.sampled_from(KEYS), JSON)))
def test_fuzz_any_json_gives_a_report_or_a_report_error(payload):
    try:
        parse_call_report(payload)
    except ReportError:
        pass


@FUZZ
@given(st.one_of(TEXT, DATES, JSON))
def test_fuzz_datetime_and_duration_raise_only_value_error(value):
    for parse in (parse_datetime, parse_duration):
        try:
            parse(value)
        except ValueError:
            pass
    try:
        moment = parse_datetime(value)
    except ValueError:
        return
    if moment is not None:
        # what is done with a call's date later (merge window, SLA over a year) never overflows
        assert 1970 <= moment.year <= 2100
        moment + dt.timedelta(days=366) - dt.timedelta(days=366 * 2)


@pytest.mark.parametrize(
    "number", ["", "anonymous", "Anonymous", "ANONYMOUS", "private", "Unknown", "withheld", " "]
)
def test_withheld_caller_is_a_report_without_number(number):
    report = parse_call_report(body(CallType="Missed", Number=number, EntityId="42"))
    assert report.withheld and report.number == "" and report.entity_id is None
    assert report.status == "missed"
    assert is_withheld(number)
    no_number = body(CallType="Missed")
    del no_number["Number"]
    assert parse_call_report(no_number).withheld


def test_withheld_key_differs_from_a_real_number():
    start = dt.datetime(2026, 11, 20, 9, 15)
    assert dedup_key("", "", start) == dedup_key(None, "", start)
    assert dedup_key("", "", start) != dedup_key("+32475123456", "", start)


def test_year_one_with_an_offset_is_no_time():
    assert parse_datetime("0001-01-01T00:00:00+01:00") is None
    assert parse_datetime("0001-01-01T00:00:00-01:00") is None
    report = parse_call_report(body(CallEndTimeUTC="0001-01-01T00:00:00+01:00"))
    assert report.end is None


@FUZZ
@given(
    st.dictionaries(
        st.sampled_from(
            [
                "CallType",
                "Number",
                "Agent",
                "Duration",
                "CallStartTimeUTC",
                "CallEndTimeUTC",
                "EntityId",
                "QueueExtension",
                "Name",
            ]
        ),
        st.one_of(TEXT, DATES, st.integers(), st.none(), st.booleans()),
    )
)
def test_fuzz_only_report_errors(payload):
    try:
        parse_call_report(payload)
    except ReportError:
        pass


def test_dedup_key():
    start = dt.datetime(2026, 11, 20, 9, 15)
    key = dedup_key("+32475123456", "101", start)
    assert key == dedup_key("+32475123456", "101", start.replace(microsecond=500))
    assert len(key) == 40
    assert key != dedup_key("+32475123456", "102", start)
    assert key != dedup_key("+32475123457", "101", start)
    assert key != dedup_key("+32475123456", "101", start + dt.timedelta(seconds=1))


def test_recording_url_must_be_http():
    assert parse_call_report(body(RecordingUrl="https://pbx/rec/1.wav")).recording_url
    for bad in ("javascript:alert(1)", "/recordings/1.wav", "ftp://x/1.wav"):
        with pytest.raises(ReportError) as error:
            parse_call_report(body(RecordingUrl=bad))
        assert error.value.field == "RecordingUrl"


@pytest.mark.parametrize(
    ("sent", "agent", "queue", "expected"),
    [
        ("OutOfOfficeHours", "", "800", "outside_hours"),
        ("queue_abandoned", "101", "800", "queue_abandoned"),
        ("No agent available", "", "", "no_agent"),
        ("", "", "800", "queue_abandoned"),  # a queue call nobody took
        ("", "", "", "no_agent"),  # neither a queue nor an agent
        ("", "101", "", ""),  # it rang an agent: no reason to give
        ("something new", "101", "", ""),
    ],
)
def test_missed_reason(sent, agent, queue, expected):
    assert missed_reason(sent, "missed", agent, queue) == expected
    report = parse_call_report(
        body(CallType="Missed", Agent=agent, QueueExtension=queue, MissedReason=sent, Duration="0")
    )
    assert report.missed_reason == expected
    assert missed_reason(sent, "answered", agent, queue) == ""


def test_chat_report_needs_a_customer_and_a_start():
    from odoo.addons.tcx_click2dial.helpers.chat_report import parse_chat_report

    with pytest.raises(ReportError) as error:
        parse_chat_report({"ChatStartTimeUTC": START, "ChatMessages": "hi"})
    assert error.value.field == "Number"
    with pytest.raises(ReportError) as error:
        parse_chat_report({"Email": "julie@example.com"})
    assert error.value.field == "ChatStartTimeUTC"
    with pytest.raises(ReportError) as error:
        parse_chat_report({"Email": "not an address", "ChatStartTimeUTC": START})
    assert error.value.field == "Email"
    report = parse_chat_report({"EntityId": "42", "ChatStartTimeUTC": START, "Number": "anonymous"})
    assert (report.entity_id, report.number, report.duration) == (42, "", 0)


@given(st.dictionaries(st.text(max_size=20), st.one_of(st.text(), st.integers(), st.none())))
@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
def test_chat_report_never_raises_anything_else(payload):
    from odoo.addons.tcx_click2dial.helpers.chat_report import parse_chat_report

    try:
        parse_chat_report(payload)
    except ReportError:
        pass
