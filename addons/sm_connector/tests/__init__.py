# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import (
    test_article_sync,
    test_contact_sync,
    test_data_quality,
    test_dependency_faults,
    test_entity_registry,
    test_escalation_ladder,
    test_faults,
    test_file_import,
    test_install,
    test_order_sync,
    test_order_status_page,
    test_order_totals,
    test_read_only,
    test_record_errors,
    test_security_sm,
    test_to_call,
    test_web_client,
)
