#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Print the kernel version the project builds for and boots in the VM: the
# newest Debian kernel that has both an image in /boot and headers in /usr/src.
# KVER in the environment overrides.
set -eu
if [ -n "${KVER:-}" ]; then
	echo "$KVER"
	exit 0
fi
best=
for h in /usr/src/linux-headers-*; do
	[ -f "$h/Makefile" ] || continue
	v=${h#/usr/src/linux-headers-}
	case "$v" in *-common|*-common-rt) continue ;; esac
	[ -f "/boot/vmlinuz-$v" ] || continue
	best=$(printf '%s\n%s\n' "$best" "$v" | sort -V | tail -n1)
done
if [ -z "$best" ]; then
	echo "kver: no kernel with both /boot/vmlinuz-* and /usr/src/linux-headers-* installed (run scripts/setup.sh)" >&2
	exit 1
fi
echo "$best"
