# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Which contact a phone number means when several have it (pure; rows are dicts)."""


def rank_candidates(rows, e164):
    """The partner rows matching ``e164``, the most relevant first.

    Persons reached on their own line (their mobile, or a phone they do not share with their
    company among the matches) come first; then companies; then persons only sharing their
    company's number. Inside a tier, a contact the retailer's ERP knows (``known``) wins
    (anyone can create a contact with a customer's number), then the most recent activity
    (last call, last change), then the newest record. Several matches never mean "no match".
    """
    ids = {row["id"] for row in rows}

    def tier(row):
        if row["is_company"]:
            return 1
        own_line = row.get("mobile_e164") == e164
        company = row.get("commercial_partner_id")
        shares = company and company != row["id"] and company in ids
        return 0 if own_line or not shares else 2

    def activity(row):
        moment = row.get("last_activity")
        return moment.timestamp() if moment else 0.0

    return sorted(
        rows, key=lambda row: (tier(row), not row.get("known"), -activity(row), -row["id"])
    )
