#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The kernel matrix: every kernel this machine can build pppk.ko for and
# boot in the test VM, one line each, oldest first:
#
#   RELEASE KDIR IMAGE KIND
#
# KIND is "debian" for an installed Debian kernel (an image in /boot and its
# headers in /usr/src) and "debug" for the instrumented kernel that
# scripts/debug-kernel.sh builds from linux-source-7.3 (listed once built).
#
#   scripts/kernels.sh              the whole matrix
#   scripts/kernels.sh RELEASE      the line of one kernel, or exit 1
set -eu
here=$(cd "$(dirname "$0")" && pwd)

list() {
	local h v d
	for h in /usr/src/linux-headers-*; do
		[ -f "$h/Makefile" ] || continue
		v=${h#/usr/src/linux-headers-}
		case "$v" in *-common | *-common-rt) continue ;; esac
		[ -f "/boot/vmlinuz-$v" ] || continue
		echo "$v $h /boot/vmlinuz-$v debian"
	done | sort -V
	if d=$("$here/debug-kernel.sh" --dir 2>/dev/null); then
		echo "$(cat "$d/include/config/kernel.release") $d $d/arch/x86/boot/bzImage debug"
	fi
}

if [ $# -eq 0 ]; then
	list
	exit 0
fi
line=$(list | awk -v k="$1" '$1 == k')
if [ -z "$line" ]; then
	echo "kernels: no kernel $1 here (scripts/kernels.sh lists them)" >&2
	exit 1
fi
echo "$line"
