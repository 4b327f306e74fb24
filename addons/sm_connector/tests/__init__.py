# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import (
    test_alerts,
    test_article_sync,
    test_column_map,
    test_contact_sync,
    test_data_quality,
    test_dependency_faults,
    test_dry_run,
    test_entity_registry,
    test_faults,
    test_file_import,
    test_install,
    test_order_sync,
    test_order_totals,
    test_push,
    test_read_only,
    test_record_errors,
    test_security_admin_tools,
    test_security_sm,
    test_web_client,
)
