#!/usr/bin/env bash
# Installs the real servers that some tests start privately on loopback, when they are missing:
# Virtuoso open source (remote store, federation and fault tests) and Redis (the shared result cache
# tier of remote stores). Debian/Ubuntu only; idempotent.
set -uo pipefail

packages=()
command -v virtuoso-t >/dev/null 2>&1 || packages+=(virtuoso-opensource)
command -v redis-server >/dev/null 2>&1 || packages+=(redis-server)
if [ ${#packages[@]} -eq 0 ]; then exit 0; fi

echo "Installing ${packages[*]} (for the remote store and Redis cache tests)..."
sudo_cmd=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then sudo_cmd="sudo"; fi
# The packages would start their system services; policy-rc.d forbids that (the tests run their own instances).
created_policy=""
if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo_cmd tee /usr/sbin/policy-rc.d >/dev/null && $sudo_cmd chmod +x /usr/sbin/policy-rc.d && created_policy=1
fi
status=0
$sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get update -qq \
    && $sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null \
    || { echo "Could not install ${packages[*]}; the tests that need them will fail." >&2; status=1; }
if [ -n "$created_policy" ]; then $sudo_cmd rm -f /usr/sbin/policy-rc.d; fi
exit $status
