"""The test tooling itself: install-log checks and the JUnit summary that gate `make test`."""

import importlib.util
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"


def _load(name):
    spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


check_odoo_log = _load("check_odoo_log")
junit_summary = _load("junit_summary")


def test_install_log_flags_errors_and_module_warnings():
    lines = [
        "2026-11-22 07:07:55,701 3847 INFO db odoo.modules.loading: 80 modules loaded",
        "2026-11-22 07:07:55,701 3847 WARNING db py.warnings: DeprecationWarning: werkzeug.urls",
        "2026-11-22 07:07:55,701 3847 WARNING db odoo.modules.loading: invalid module names, ignored: x",
        "2026-11-22 07:07:55,701 3847 ERROR db odoo.sql_db: bad query",
    ]
    found = list(check_odoo_log.problems(lines))
    assert found == [lines[2], lines[3]]


def test_summary_counts_and_fails_without_odoo_tests(tmp_path, capsys):
    report = tmp_path / "r.xml"
    report.write_text(
        '<testsuites><testsuite><testcase classname="a" name="ok"/>'
        '<testcase classname="a" name="ko"><failure message="boom"/></testcase>'
        '<testcase classname="a" name="tour"><skipped message="websocket-client module is not installed"/></testcase>'
        "</testsuite></testsuites>"
    )
    assert junit_summary.main(["--pure", str(report)]) == 1
    out = capsys.readouterr()
    assert "tests: 1 passed, 1 failed, 1 skipped" in out.out
    assert "no Odoo test ran" in out.err
    assert "browser test skipped" in out.err


def test_summary_passes_when_odoo_tests_pass(tmp_path):
    report = tmp_path / "r.xml"
    report.write_text('<testsuite><testcase classname="a" name="ok"/></testsuite>')
    assert junit_summary.main(["--odoo", str(report)]) == 0
