"""The cockpit's pure helpers: rates and weeks."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from odoo.addons.suite_cockpit.tools.figures import Figure, percent, week_start, weeks_back


def test_percent():
    assert percent(1, 4) == 25.0
    assert percent(0, 3) == 0.0
    assert percent(3, 0) is None


@given(st.dates())
def test_week_start_is_the_monday_of_the_same_iso_week(day):
    monday = week_start(day)
    assert monday.weekday() == 0
    assert monday.isocalendar()[:2] == day.isocalendar()[:2]
    assert timedelta(0) <= day - monday < timedelta(days=7)


def test_weeks_back():
    sunday = date(2026, 11, 29)
    assert weeks_back(sunday, 0) == date(2026, 11, 23)
    assert weeks_back(sunday, 3) == date(2026, 11, 2)
    with pytest.raises(ValueError):
        weeks_back(sunday, -1)
    with pytest.raises(TypeError):
        week_start("2026-11-29")


def test_figure_defaults_to_a_list():
    figure = Figure("sale.order", [("id", "=", 1)])
    assert (figure.view_mode, figure.value) == ("list,form", None)
