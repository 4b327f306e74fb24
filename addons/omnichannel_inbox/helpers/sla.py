# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""SLA status of a ticket at a given moment. Pure Python."""

NONE, RUNNING, AT_RISK, BREACHED, MET = "none", "running", "at_risk", "breached", "met"
STATUSES = (NONE, RUNNING, AT_RISK, BREACHED, MET)
DEFAULT_AT_RISK_RATIO = 0.75


def sla_status(now, deadline, at_risk_date=None, responded=None):
    """``none`` without deadline; ``met``/``breached`` once answered (on time or late);
    before an answer: ``breached`` past the deadline, ``at_risk`` past the at-risk moment,
    else ``running``."""
    if not deadline:
        return NONE
    if responded:
        return MET if responded <= deadline else BREACHED
    if now >= deadline:
        return BREACHED
    if at_risk_date and now >= at_risk_date:
        return AT_RISK
    return RUNNING


def at_risk_minutes(target_minutes, ratio=DEFAULT_AT_RISK_RATIO):
    """Working minutes after which a ticket still unanswered is "at risk"."""
    ratio = min(max(float(ratio or DEFAULT_AT_RISK_RATIO), 0.05), 1.0)
    return float(target_minutes) * ratio


def percentile(values, fraction):
    """Linear-interpolated percentile (as PostgreSQL's ``percentile_cont``); None if empty."""
    data = sorted(v for v in values if v is not None)
    if not data:
        return None
    if len(data) == 1:
        return float(data[0])
    position = (len(data) - 1) * fraction
    low = int(position)
    high = min(low + 1, len(data) - 1)
    return float(data[low] + (data[high] - data[low]) * (position - low))
