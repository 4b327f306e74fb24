"""Add up pytest JUnit XML reports into one closing line: `tests: N passed, N failed, N skipped`.

Exit status is non-zero when anything failed, when no Odoo test ran, or when a browser
test was skipped (a skipped tour is not a passed tour).
"""

import re
import sys
import xml.etree.ElementTree as ET

BROWSER_SKIP = re.compile(r"websocket|chrom|browser|odoo-http", re.IGNORECASE)


def count(path):
    """Return (passed, failed, skipped, browser_skips) for one JUnit report."""
    passed = failed = skipped = 0
    browser_skips = []
    for case in ET.parse(path).getroot().iter("testcase"):
        if case.find("failure") is not None or case.find("error") is not None:
            failed += 1
        elif (skip := case.find("skipped")) is not None:
            skipped += 1
            if BROWSER_SKIP.search(skip.get("message", "")):
                browser_skips.append(f"{case.get('classname')}.{case.get('name')}")
        else:
            passed += 1
    return passed, failed, skipped, browser_skips


def main(argv):
    """argv: --odoo REPORT ... --pure REPORT ..."""
    totals = [0, 0, 0]
    odoo_ran = 0
    browser_skips = []
    kind = None
    for arg in argv:
        if arg in ("--odoo", "--pure"):
            kind = arg
            continue
        try:
            p, f, s, b = count(arg)
        except (OSError, ET.ParseError) as exc:
            print(f"missing or unreadable report {arg}: {exc}", file=sys.stderr)
            totals[1] += 1
            continue
        totals = [totals[0] + p, totals[1] + f, totals[2] + s]
        browser_skips += b
        if kind == "--odoo":
            odoo_ran += p + f
    status = 0
    if not odoo_ran:
        print("no Odoo test ran", file=sys.stderr)
        status = 1
    for name in browser_skips:
        print(f"browser test skipped (counts as a failure): {name}", file=sys.stderr)
        status = 1
    if totals[1]:
        status = 1
    print(f"tests: {totals[0]} passed, {totals[1]} failed, {totals[2]} skipped")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
