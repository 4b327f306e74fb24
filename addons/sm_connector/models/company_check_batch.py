# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import models


class CompanyCheckBatch(models.AbstractModel):
    """Odoo's company consistency check (`BaseModel._check_company`), batched.

    Odoo checks each record's each company-checked field with its own `filtered_domain`: on an
    SM page of 500 orders and 1,500 lines that was a tenth of the import (issue 17). The same
    rule holds for a batch when every value linked from the records of one company satisfies
    that company's domain, so the check runs once per (company, field) on the union of the
    linked records. Any inconsistency falls back to Odoo's own check, which names the records.
    """

    _name = "sm.company.check.batch"
    _description = "Company consistency check, one query per company and field"

    def _check_company(self, fnames=None):
        if len(self) < 2 or "company_id" not in self._fields:
            return super()._check_company(fnames)
        every = fnames is None or {"company_id", "company_ids"} & set(fnames)
        checked = [self._fields[name] for name in (self._fields if every else fnames)]
        checked = [field for field in checked if field.relational and field.check_company]
        regular = [field.name for field in checked if not field.company_dependent]
        dependent = [field.name for field in checked if field.company_dependent]
        linked = defaultdict(set)  # (company, field name) → ids of the records it links to
        # sudo: every linked record counts, whatever the user may read (as in Odoo's check)
        for record, as_root in zip(self, self.sudo(), strict=True):
            company = record.company_id  # read as Odoo's check reads it: with the user's rights
            for name in regular:
                linked[company, name].update(as_root[name]._ids)
        for (company, name), ids in linked.items():
            if not ids:
                continue
            corecords = self.env[self._fields[name].comodel_name].sudo().browse(ids)
            domain = corecords._check_company_domain(company)
            if domain and corecords != corecords.with_context(active_test=False).filtered_domain(
                domain
            ):
                return super()._check_company(fnames)
        if dependent:
            # company-dependent values are checked against the current company: Odoo's own way
            super()._check_company(dependent)
        return None
