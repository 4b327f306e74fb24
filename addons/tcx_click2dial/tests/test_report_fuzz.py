# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The whole journal path after the parser (merge window, callbacks, the inbox's SLA when it is
installed), fed reports near the limits: only ReportError may come out, never a crash that the
endpoint would answer 500 (the parser's own fuzzing is in tests/tcx_click2dial)."""

import datetime as dt

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from odoo.tests import tagged

from ..helpers.call_report import ReportError
from .common import AGENT_EXT, TcxCase

TEXT = st.text(st.one_of(st.characters(), st.characters(categories=["Cs"])), max_size=12)
MOMENTS = st.one_of(
    st.datetimes(min_value=dt.datetime(9999, 12, 24)),
    st.datetimes(max_value=dt.datetime(1, 1, 8)),
    st.datetimes(min_value=dt.datetime(1969, 12, 24), max_value=dt.datetime(1970, 1, 8)),
    st.datetimes(min_value=dt.datetime(2100, 12, 24), max_value=dt.datetime(2101, 1, 8)),
)
DATES = st.one_of(
    MOMENTS.map(lambda d: d.isoformat() + "Z"),
    st.builds(
        lambda d, minutes: d.replace(tzinfo=dt.timezone(dt.timedelta(minutes=minutes))).isoformat(),
        MOMENTS,
        st.integers(min_value=-1439, max_value=1439),
    ),
)
REPORTS = st.fixed_dictionaries(
    {
        "CallType": st.sampled_from(["Inbound", "Outbound", "Missed", "Notanswered"]),
        "Number": st.one_of(st.just("+32476987654"), TEXT),
        "CallStartTimeUTC": DATES,
    },
    optional={
        "Agent": st.sampled_from([AGENT_EXT, "", "999"]),
        "Name": TEXT,
        "CallEndTimeUTC": DATES,
        "CallEstablishedTimeUTC": DATES,
        "Duration": st.sampled_from(["00:01:00", "", "0"]),
    },
)


@tagged("post_install", "-at_install")
class TestReportFuzz(TcxCase):
    @settings(
        max_examples=80,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(REPORTS)
    @example(
        {"CallType": "Missed", "Number": "+3224445566", "CallStartTimeUTC": "9999-12-31T23:59:00Z"}
    )
    @example(
        {
            "CallType": "Outbound",
            "Number": "+3224445567",
            "Agent": AGENT_EXT,
            "CallStartTimeUTC": "9999-12-31T23:59:30Z",
        }
    )
    @example(
        {
            "CallType": "Inbound",
            "Number": "+32476987654",
            "Name": "\ud800",
            "CallStartTimeUTC": "2026-11-20T09:15:00Z",
        }
    )
    def test_journal_gives_a_call_or_a_report_error(self, payload):
        savepoint = self.env.cr.savepoint()
        try:
            self.report(**payload)
            self.env.flush_all()
        except ReportError as exc:
            self.assertTrue(exc.reason)
        finally:
            savepoint.close(rollback=True)
            self.env.invalidate_all()
