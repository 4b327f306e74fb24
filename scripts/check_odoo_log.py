"""Fail on an Odoo install/update log that shows errors or module-loading warnings.

Odoo exits 0 even when a module could not be loaded or a view failed to validate: the
log is the only witness. Werkzeug 2.3 DeprecationWarnings (py.warnings) are expected
with Odoo 19 and ignored.
"""

import re
import sys

FATAL = re.compile(r"^\S+ \S+ \d+ (ERROR|CRITICAL) ")
# Warning-level messages that mean a module did not load or is broken.
MODULE_WARNINGS = re.compile(
    r"^\S+ \S+ \d+ WARNING \S+ odoo\.(modules|addons\.base\.models\.ir_(ui_view|model|module))"
    r"|invalid module names|not installable|inconsistent states|Some modules (are not loaded|have inconsistent)"
    r"|Missing access|no access rules|field .* unknown|Two fields .* have the same label"
)


def problems(lines):
    """Yield the log lines that should fail the run."""
    for line in lines:
        if FATAL.match(line) or MODULE_WARNINGS.search(line):
            yield line.rstrip()


def main(path):
    with open(path, encoding="utf-8", errors="replace") as log:
        found = list(problems(log))
    for line in found:
        print(f"install problem: {line}", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
