#!/usr/bin/env bash
# Installs the real servers that some tests start privately on loopback, when they are missing:
# Virtuoso open source (remote store, federation and fault tests). Debian/Ubuntu only; idempotent.
set -uo pipefail

if command -v virtuoso-t >/dev/null 2>&1; then exit 0; fi

echo "Installing virtuoso-opensource (for the remote store tests)..."
sudo_cmd=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then sudo_cmd="sudo"; fi
# The package would start the system service; policy-rc.d forbids that (the tests run their own instance).
created_policy=""
if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo_cmd tee /usr/sbin/policy-rc.d >/dev/null && $sudo_cmd chmod +x /usr/sbin/policy-rc.d && created_policy=1
fi
status=0
$sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get update -qq \
    && $sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends virtuoso-opensource >/dev/null \
    || { echo "Could not install virtuoso-opensource; the Virtuoso tests will fail." >&2; status=1; }
if [ -n "$created_policy" ]; then $sudo_cmd rm -f /usr/sbin/policy-rc.d; fi
exit $status
