"""The add-ons' translation files stay loadable and consistent.

Several branches append to the same `.po` files (merged with git's union driver), which can
interleave entries: a msgid without its `#. module:` line (Odoo then cannot load it), a
translation under the wrong msgid, a placeholder lost. Odoo reads these files at install, so
a broken one shows up late; this test names the entry at once.
"""

import re
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted(ROOT.glob("addons/*/i18n/*.po")) + sorted(ROOT.glob("addons/*/i18n/*.pot"))
# %(name)s / %s / {name} placeholders, as Odoo's python, javascript and QWeb strings use them
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sdf]|%[sd]|\{[a-z_]+\}")


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_translation_file_is_consistent(path):
    module = path.parent.parent.name
    entries = polib.pofile(str(path))
    problems = []
    seen = set()
    for entry in entries:
        key = (entry.msgctxt, entry.msgid)
        if key in seen:
            problems.append(f"duplicate msgid {entry.msgid[:60]!r}")
        seen.add(key)
        if f"module: {module}" not in (entry.comment or ""):
            problems.append(f"no '#. module: {module}' for {entry.msgid[:60]!r}")
        if entry.msgstr and sorted(PLACEHOLDER.findall(entry.msgid)) != sorted(
            PLACEHOLDER.findall(entry.msgstr)
        ):
            problems.append(f"placeholders differ: {entry.msgid[:60]!r} -> {entry.msgstr[:60]!r}")
    assert not problems, "\n".join(problems)
