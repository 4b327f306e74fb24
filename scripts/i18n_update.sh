#!/usr/bin/env bash
# Refresh a module's translation template and catalogs: scripts/i18n_update.sh MODULE [DB]
# Exports i18n/MODULE.pot from a database where the module is installed, then merges it into
# i18n/fr.po and i18n/nl.po (created if missing); new terms arrive with an empty msgstr.
source "$(dirname "$0")/lib.sh"
module="${1:?module name}"; db="${2:-$TEST_DB}"
set -a; source "$RUN_DIR/pg.env"; set +a
conf="$("$REPO_ROOT/scripts/odoo.sh" --print-conf)"
dir="$REPO_ROOT/addons/$module/i18n"; mkdir -p "$dir"
"$PY" "$ODOO_ROOT/usr/bin/odoo" i18n export -c "$conf" -d "$db" -o "$dir/$module.pot" "$module" 2> >(grep -v "DeprecationWarning\|^\s" >&2)
for lang in fr nl; do
    if [ -f "$dir/$lang.po" ]; then
        msgmerge --quiet --no-fuzzy-matching --update --backup=none "$dir/$lang.po" "$dir/$module.pot"
        # terms gone from the module stay as obsolete `#~` entries: dropped (tests/test_translations.py)
        msgattrib --no-obsolete -o "$dir/$lang.po" "$dir/$lang.po"
    else
        msginit --no-translator --locale="$lang" --input="$dir/$module.pot" --output-file="$dir/$lang.po" 2>/dev/null
        sed -i 's/^"Language: .*/"Language: '"$lang"'\\n"/' "$dir/$lang.po"
    fi
done
log "$dir: $(grep -c '^msgid' "$dir/$module.pot") terms; empty in fr: $(msgattrib --untranslated "$dir/fr.po" | grep -c '^msgid' || true)"
