#!/usr/bin/env bash
# Obtain Odoo 19.0 Community from Debian's `odoo-19` package (only the unstable suite has it)
# with a private apt configuration derived from this machine's apt sources. The system's apt
# configuration is never changed: sources, state and cache live under $SUITE_CACHE/apt.
source "$(dirname "$0")/lib.sh"

stamp="$ODOO_ROOT/.unpacked"
if [ -f "$stamp" ]; then log "Odoo 19 already unpacked in $ODOO_ROOT"; exit 0; fi

APT_DIR="$SUITE_CACHE/apt"
mkdir -p "$APT_DIR"/{state/lists/partial,cache/archives/partial,etc/sources.list.d,etc/preferences.d,debs}

# The first Debian archive URI (not the security one) the machine already uses, with its keyring.
derive_source() {
    local files=() f
    for f in /etc/apt/sources.list.d/*.sources; do [ -f "$f" ] && files+=("$f"); done
    if [ ${#files[@]} -gt 0 ]; then
        awk 'BEGIN{RS=""; FS="\n"}
             { uri=""; key=""; suites="";
               for(i=1;i<=NF;i++){ if($i ~ /^URIs:/){sub(/^URIs:[ \t]*/,"",$i); uri=$i}
                                   if($i ~ /^Suites:/){suites=$i}
                                   if($i ~ /^Signed-By:/){sub(/^Signed-By:[ \t]*/,"",$i); key=$i} }
               split(uri, u, " ");
               split(suites, s, " ");
               if (u[1] ~ /debian\/?$/ && suites !~ /security/) { print u[1] "\t" s[2] "\t" key; exit } }' "${files[@]}"
    fi
    if [ -f /etc/apt/sources.list ]; then
        awk '$1=="deb" && $0 !~ /security/ { for(i=2;i<=NF;i++) if ($i ~ /^(https?|file):/) { print $i "\t" $(i+1) "\t"; exit } }' /etc/apt/sources.list
    fi
}
IFS=$'\t' read -r uri own_suite key < <(derive_source | head -n1) || true
[ -n "${uri:-}" ] || die "could not find a Debian archive in /etc/apt/sources.list{,.d}"
key="${key:-/usr/share/keyrings/debian-archive-keyring.gpg}"
log "private apt source: unstable (+ $own_suite) from the machine's own Debian archive"
cat >"$APT_DIR/etc/sources.list.d/unstable.sources" <<SRC
Types: deb
URIs: $uri
Suites: unstable $own_suite
Components: main
Signed-By: $key
SRC
: >"$APT_DIR/etc/sources.list"

APT_OPTS=(
    -o "Dir::Etc=$APT_DIR/etc" -o "Dir::Etc::sourcelist=$APT_DIR/etc/sources.list"
    -o "Dir::Etc::sourceparts=$APT_DIR/etc/sources.list.d" -o "Dir::Etc::preferencesparts=$APT_DIR/etc/preferences.d"
    -o "Dir::State=$APT_DIR/state" -o "Dir::State::status=/var/lib/dpkg/status"
    -o "Dir::Cache=$APT_DIR/cache" -o "Debug::NoLocking=1"
    -o "Acquire::Languages=none" -o "APT::Sandbox::User=root"
)
log "apt-get update (private, unstable)"
apt-get "${APT_OPTS[@]}" update -qq
log "apt-get download odoo-19 (~125 MB)"
(cd "$APT_DIR/debs" && rm -f ./*.deb && apt-get "${APT_OPTS[@]}" download odoo-19)
deb=$(ls "$APT_DIR"/debs/odoo-19_*.deb | head -n1)
log "unpacking $(basename "$deb")"
rm -rf "$ODOO_ROOT" && mkdir -p "$ODOO_ROOT"
dpkg-deb -x "$deb" "$ODOO_ROOT"
test -d "$ODOO_DIST/odoo/addons/base" || die "unexpected package layout in $deb"

# The web client's JS libraries and fonts are relative symlinks into ../usr/share: unpack the
# Debian packages that own those targets into the same tree so the links resolve in the cache.
SHARE_PKGS=(libjs-jquery libjs-jquery-form libjs-underscore fonts-font-awesome fonts-inconsolata
            fonts-montserrat fonts-ocr-b fonts-roboto-unhinted)
log "apt-get download ${SHARE_PKGS[*]}"
# The machine's own suite first: its font layouts match the package's links (unstable moved some).
for p in "${SHARE_PKGS[@]}"; do
    (cd "$APT_DIR/debs" && { apt-get "${APT_OPTS[@]}" download -qq "$p/$own_suite" 2>/dev/null ||
                             apt-get "${APT_OPTS[@]}" download -qq "$p/unstable"; })
    dpkg-deb -x "$(ls "$APT_DIR"/debs/"${p}"_*.deb | head -n1)" "$ODOO_ROOT"
done
broken=$(find "$ODOO_DIST/odoo/addons/web" -xtype l | wc -l)
[ "$broken" = 0 ] || die "$broken web client symlinks still dangle"

# The +dfsg repack dropped a file that mail's backend bundle lists; npm has the original.
seg="$ODOO_DIST/odoo/addons/mail/static/lib/selfie_segmentation/selfie_segmentation.js"
if [ ! -f "$seg" ]; then
    log "restoring selfie_segmentation.js from npm"
    tmp=$(mktemp -d)
    (cd "$tmp" && npm pack --silent @mediapipe/selfie_segmentation@0.1.1675465747 >/dev/null && tar xzf mediapipe-selfie_segmentation-*.tgz)
    mkdir -p "$(dirname "$seg")" && cp "$tmp/package/selfie_segmentation.js" "$seg"
    rm -rf "$tmp"
fi
touch "$stamp"
log "Odoo 19 ready in $ODOO_DIST"
