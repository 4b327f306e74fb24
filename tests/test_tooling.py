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


def _fake_cache(tmp_path):
    """A SUITE_CACHE whose venv "python" echoes its arguments, so odoo.sh can run without Odoo."""
    cache = tmp_path / "cache"
    (cache / "run").mkdir(parents=True)
    (cache / "run" / "pg.env").write_text("PGHOST=127.0.0.1\nPGPORT=5432\nPGUSER=odoo\n")
    python = cache / "venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text('#!/bin/sh\necho "$@"\n')
    python.chmod(0o755)
    return cache


def _odoo_sh(repo, cache, *args):
    import subprocess

    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(cache),
        "SUITE_CACHE": str(cache),
        "ODOO_HTTP_PORT": "8069",
    }
    return subprocess.run(
        ["bash", str(repo / "scripts" / "odoo.sh"), *args],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def test_odoo_sh_puts_sub_commands_before_the_config(tmp_path):
    cache = _fake_cache(tmp_path)
    repo = SCRIPTS.parent
    argv = _odoo_sh(repo, cache, "shell", "-d", "db1").split()
    assert argv[1:5] == ["shell", "-c", argv[3], "-d"]  # odoo <sub-command> -c <conf> …
    argv = _odoo_sh(repo, cache, "-d", "db1", "--stop-after-init").split()
    assert argv[1] == "-c" and argv[3:] == ["-d", "db1", "--stop-after-init"]


def test_odoo_sh_config_is_per_clone(tmp_path):
    import shutil

    cache = _fake_cache(tmp_path)
    clone = tmp_path / "other-clone"
    shutil.copytree(SCRIPTS, clone / "scripts")
    ours, theirs = (
        _odoo_sh(SCRIPTS.parent, cache, "--print-conf"),
        _odoo_sh(clone, cache, "--print-conf"),
    )
    assert ours != theirs
    assert str(SCRIPTS.parent / "addons") in Path(ours).read_text()
    assert str(clone / "addons") in Path(theirs).read_text()
