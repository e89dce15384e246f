#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The systemd unit as "make install" writes it: systemd-analyze verify of
# an instance (pppctl@test.service) says nothing at all (it exits 0 on a
# misspelt key or value, only warning, so any output fails here), with the
# pppctl it starts and the man pages it cites installed beside it (PREFIX
# is a scratch directory: verify checks that ExecStart's program exists and
# runs man for each Documentation= page); and its hardening keeps
# "systemd-analyze security" at 4.9 ("OK") or better.
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
command -v systemd-analyze >/dev/null ||
	{ echo "unit-verify: systemd-analyze missing (make setup)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
make -s -C "$top" install PREFIX="$tmp" >"$tmp/make.log" 2>&1 ||
	{ cat "$tmp/make.log" >&2; exit 1; }
unit=$tmp/lib/systemd/system/pppctl@test.service
ln -s pppctl@.service "$unit"
if ! grep -qx "ExecStart=$tmp/sbin/pppctl call %i" "$tmp/lib/systemd/system/pppctl@.service"; then
	grep ExecStart "$tmp/lib/systemd/system/pppctl@.service" >&2
	echo "unit-verify: ExecStart is not PREFIX/sbin/pppctl call %i" >&2
	exit 1
fi
out=$(cd "$tmp" && MANPATH=$tmp/share/man systemd-analyze verify "$unit" 2>&1)
rc=$?
if [ $rc -ne 0 ] || [ -n "$out" ]; then
	printf '%s\n' "$out" >&2
	echo "unit-verify: systemd-analyze verify pppctl@.service: status $rc" >&2
	exit 1
fi
sec=$(systemd-analyze security --offline=yes --threshold=49 "$unit" 2>&1)
rc=$?
level=$(grep -o 'Overall exposure level.*' <<<"$sec")
if [ $rc -ne 0 ]; then
	printf '%s\n' "$sec" | grep '✗' >&2
	echo "unit-verify: $level, over 4.9" >&2
	exit 1
fi
echo "# pppctl@.service: $level"
