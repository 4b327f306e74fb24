#!/usr/bin/env bash
# `make lint`: pre-commit (ruff, pylint-odoo, OCA module checks) on every tracked file, from a
# dedicated lint virtualenv (lint tools pin versions that clash with Odoo's runtime pins).
source "$(dirname "$0")/lib.sh"
LINT_VENV="$SUITE_CACHE/lint-venv"
want=$(sha256sum "$REPO_ROOT/requirements-lint.txt" | cut -c1-16)
if [ ! -f "$LINT_VENV/.reqs" ] || [ "$(cat "$LINT_VENV/.reqs")" != "$want" ]; then
    log "creating lint virtualenv $LINT_VENV"
    python3 -m venv "$LINT_VENV"
    "$LINT_VENV/bin/pip" install -q --disable-pip-version-check -r "$REPO_ROOT/requirements-lint.txt" \
        2> >(grep -v "is ignored: it is neither" >&2)
    echo "$want" >"$LINT_VENV/.reqs"
fi
export PATH="$LINT_VENV/bin:$PATH"
export PRE_COMMIT_HOME="$SUITE_CACHE/pre-commit"
cd "$REPO_ROOT"
exec pre-commit run --all-files --show-diff-on-failure
