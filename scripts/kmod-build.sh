#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build pppk.ko for one kernel of the matrix (scripts/kernels.sh) in a tree
# of its own, build/kmod/RELEASE/, so that modules for several kernels live
# side by side and the module a VM loads always matches the kernel it boots.
#
#   scripts/kmod-build.sh RELEASE           build; print the path of pppk.ko
#   scripts/kmod-build.sh RELEASE sparse    the same under sparse (C=2); any
#                                           warning fails
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
kver=${1:?usage: kmod-build.sh RELEASE [sparse]}
mode=${2:-build}
kdir=$("$top/scripts/kernels.sh" "$kver" | awk '{ print $2 }')
[ -n "$kdir" ] || exit 1

# The kbuild tree: build/kmod/RELEASE/kmod holds links to the sources and
# build/kmod/RELEASE/include the uapi headers, as ../include is from kmod/.
tree=$top/build/kmod/$kver
mkdir -p "$tree/kmod"
ln -sfn "$top/include" "$tree/include"
for f in "$tree"/kmod/*.[ch] "$tree"/kmod/Kbuild; do
	[ -L "$f" ] && [ ! -e "$f" ] && rm -f "$f"	# a source that is gone
done
for f in "$top"/kmod/*.[ch] "$top/kmod/Kbuild"; do
	case $f in *.mod.c) continue ;; esac
	ln -sf "$f" "$tree/kmod/$(basename "$f")"
done

log=$tree/$mode.log
case $mode in
build)
	if ! make -C "$kdir" M="$tree/kmod" CONFIG_PPPK=m modules >"$log" 2>&1; then
		cat "$log" >&2
		echo "kmod-build: pppk.ko does not build for $kver (log: $log)" >&2
		exit 1
	fi
	echo "$tree/kmod/pppk.ko"
	;;
sparse)
	# sparse only looks at what gets compiled: start from a clean tree.
	make -C "$kdir" M="$tree/kmod" clean >/dev/null 2>&1 || true
	if ! make -C "$kdir" M="$tree/kmod" CONFIG_PPPK=m C=2 \
		CF="-D__CHECK_ENDIAN__" modules >"$log" 2>&1; then
		cat "$log" >&2
		exit 1
	fi
	# Debian 12's sparse (0.6.4) predates what 7.x headers use; the kernel
	# then switches sparse off.  Say so instead of passing silently.
	if grep -q 'sparse is not available or not up to date' "$log"; then
		echo "SKIP: $(sparse --version 2>/dev/null || echo sparse) is too old for $kver"
		exit 0
	fi
	if grep -E ': (warning|error):' "$log" >&2; then
		echo "kmod-build: sparse warnings for $kver (log: $log)" >&2
		exit 1
	fi
	;;
*)
	echo "kmod-build: unknown mode $mode" >&2
	exit 2
	;;
esac
