#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make install DESTDIR=... installs exactly the expected files, with their
# modes, for PREFIX=/usr (the unit in /lib/systemd/system) and the default
# /usr/local; make uninstall removes them all; make dkms-source writes
# exactly the module's sources and dkms.conf with kmod/version.h's version.
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

# "MODE PATH" of every file under $1, sorted.
files() { (cd "$1" && find . -type f -printf '%m %P\n' -o -type l -printf 'l %P\n' | sort); }

check() {	# name root expected
	if [ "$(files "$2")" != "$3" ]; then
		echo "install-files: $1 installed:" >&2
		diff <(printf '%s\n' "$3") <(files "$2") | sed 's/^/# /' >&2
		fail=1
	fi
}

for prefix in /usr /usr/local; do
	d=$tmp/root${prefix//\//_}
	args=(DESTDIR="$d")
	[ "$prefix" = /usr ] && args+=(PREFIX=/usr)
	if ! make -s -C "$top" install "${args[@]}" >"$tmp/log" 2>&1; then
		cat "$tmp/log" >&2
		exit 1
	fi
	p=${prefix#/}
	unitdir=$p/lib/systemd/system
	[ "$prefix" = /usr ] && unitdir=lib/systemd/system
	check "make install PREFIX=$prefix" "$d" "$(sort <<EOL
644 $unitdir/pppctl@.service
644 $p/share/bash-completion/completions/pppctl
644 $p/share/man/man4/pppk.4
644 $p/share/man/man5/pppctl.conf.5
644 $p/share/man/man8/pppctl.8
755 $p/sbin/pppctl
EOL
)"
	if ! grep -qx "ExecStart=$prefix/sbin/pppctl call %i" "$d/$unitdir/pppctl@.service"; then
		echo "install-files: PREFIX=$prefix: the unit does not start $prefix/sbin/pppctl" >&2
		fail=1
	fi
	if grep -n '@[A-Z]*@' "$d/$unitdir/pppctl@.service" >&2; then
		echo "install-files: a placeholder left in the unit" >&2
		fail=1
	fi
	make -s -C "$top" uninstall "${args[@]}" >/dev/null 2>&1
	check "make uninstall PREFIX=$prefix (what is left)" "$d" ""
done

ver=$(sed -n 's/^#define PPPK_VERSION "\(.*\)"/\1/p' "$top/kmod/version.h")
if ! grep -q "^#define PPPCTL_VERSION \"$ver\"" "$top/ctl/pppctl.h"; then
	echo "install-files: pppctl's version (ctl/pppctl.h) is not the module's, $ver" >&2
	fail=1
fi
d=$tmp/dkms
make -s -C "$top" dkms-source DESTDIR="$d" >"$tmp/log" 2>&1 || { cat "$tmp/log" >&2; exit 1; }
want=$( (cd "$top" && for f in kmod/*.[ch] kmod/Kbuild kmod/Makefile; do
	case $f in *.mod.c) continue ;; esac
	echo "644 usr/src/pppk-$ver/$f"
done; echo "644 usr/src/pppk-$ver/include/uapi/linux/pppk.h"
echo "644 usr/src/pppk-$ver/dkms.conf") | sort)
check "make dkms-source" "$d" "$want"
conf=$d/usr/src/pppk-$ver/dkms.conf
if ! grep -qx "PACKAGE_VERSION=\"$ver\"" "$conf" || ! grep -qx 'PACKAGE_NAME="pppk"' "$conf"; then
	echo "install-files: dkms.conf does not name pppk $ver" >&2
	fail=1
fi
# dkms sources dkms.conf with bash: it must be valid bash.
bash -n "$conf" || fail=1
exit $fail
