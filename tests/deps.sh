#!/bin/sh
# Install the Debian packages dealgraph needs when they are missing; when that is not
# possible (not root, no apt-get), print the exact command to run and fail.
missing=""
for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "dealgraph: installing missing packages:$missing"
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null 2>&1 || true
    apt-get install -y -qq $missing >/dev/null && exit 0
fi
echo "dealgraph: could not install them; run:" >&2
echo "    sudo apt-get install -y$missing" >&2
exit 1
