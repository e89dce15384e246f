#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# DKMS builds and installs pppk.ko for one kernel of the matrix, with
# Debian's dkms: "dkms add" as "make dkms-install" does, then "dkms
# autoinstall" for the kernel, as Debian's kernel hook
# (/etc/kernel/postinst.d/dkms) does for each new kernel, into private trees under
# build/dkms/RELEASE/ (--sourcetree, --dkmstree, --installtree, no
# depmod of the host): the host's /usr/src, /var/lib/dkms and /lib/modules
# are never written.  dkms reads its signing key's place only from
# /etc/dkms/framework.conf, so it runs in a mount namespace of its own where
# /etc/dkms is a private one naming a key under build/dkms/ (otherwise dkms
# would make /var/lib/dkms/mok.key on the host).  Then: the module is where
# DKMS puts it, depmod finds it there, and its vermagic is the kernel's.
#
#   dist/tests/dkms.sh RELEASE
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
k=${1:?usage: dkms.sh RELEASE}
cd "$top"

if [ "$(id -u)" -ne 0 ]; then
	echo "SKIP: dkms needs root (a mount namespace for its private /etc/dkms)"
	exit 0
fi
command -v dkms >/dev/null || { echo "dkms: not installed (make setup)" >&2; exit 1; }
kdir=$(scripts/kernels.sh "$k" | awk '{ print $2 }')
[ -n "$kdir" ] || exit 1
ver=$(sed -n 's/^#define PPPK_VERSION "\(.*\)"/\1/p' kmod/version.h)

base=$top/build/dkms/$k
rm -rf "$base"
mkdir -p "$base/etc-dkms" "$base/tree" "$base/root/lib/modules/$k"
make -s dkms-source DESTDIR="$base/root" >/dev/null
src=$base/root/usr/src
cat >"$base/etc-dkms/framework.conf" <<EOC
mok_signing_key="$base/mok.key"
mok_certificate="$base/mok.pub"
EOC

marker=$base/started
touch "$marker"
tree=(--sourcetree "$src" --dkmstree "$base/tree" --installtree "$base/root/lib/modules")
log=$base/dkms.log
# In a mount namespace whose /etc/dkms is the private one: dkms add, then
# dkms autoinstall for the kernel.
# shellcheck disable=SC2016 # $1, $2, $@ are the inner shell's
if ! unshare --mount --propagation private bash -c '
	set -e
	mount --bind "$1" /etc/dkms
	ver=$2 k=$3 kdir=$4
	shift 4
	dkms add "pppk/$ver" "$@"
	dkms autoinstall --no-depmod -k "$k" --kernelsourcedir "$kdir" "$@"
' _ "$base/etc-dkms" "$ver" "$k" "$kdir" "${tree[@]}" >"$log" 2>&1; then
	cat "$log" >&2
	f=$base/tree/pppk/$ver/build/make.log
	[ -f "$f" ] && tail -n 30 "$f" >&2
	echo "dkms: pppk/$ver does not build or install for $k (log: $log)" >&2
	exit 1
fi

ko=$base/root/lib/modules/$k/updates/dkms/pppk.ko
for c in "" .xz .zst .gz; do
	[ -f "$ko$c" ] && ko=$ko$c && break
done
if [ ! -f "$ko" ]; then
	cat "$log" >&2
	echo "dkms: no pppk.ko in $base/root/lib/modules/$k/updates/dkms" >&2
	exit 1
fi
magic=$(modinfo -F vermagic "$ko" | awk '{ print $1 }')
if [ "$magic" != "$k" ]; then
	echo "dkms: $ko has vermagic '$magic', not $k" >&2
	exit 1
fi
mver=$(modinfo -F version "$ko")
if [ "$mver" != "$ver" ]; then
	echo "dkms: $ko has version '$mver', not $ver (kmod/version.h)" >&2
	exit 1
fi
# Signed where dkms had the kernel's sign-file (Debian's kernels).
if grep -q '^Signing module' "$log" && [ -z "$(modinfo -F signer "$ko")" ]; then
	echo "dkms: dkms signed $ko, but it carries no signature" >&2
	exit 1
fi
status=$(dkms status pppk --dkmstree "$base/tree" --sourcetree "$src" \
	--installtree "$base/root/lib/modules" -k "$k" 2>&1)
if ! grep -q "installed" <<<"$status"; then
	echo "dkms: status says '$status', not installed" >&2
	exit 1
fi
# depmod reads the kernel's lists of modules beside the one installed.
for f in modules.order modules.builtin modules.builtin.modinfo; do
	for d in "/lib/modules/$k" "$kdir"; do
		if [ -f "$d/$f" ]; then
			cp "$d/$f" "$base/root/lib/modules/$k/"
			break
		fi
	done
done
depmod -b "$base/root" "$k"
if ! grep -q '^updates/dkms/pppk\.ko[^:]*:' "$base/root/lib/modules/$k/modules.dep"; then
	echo "dkms: depmod does not list updates/dkms/pppk.ko for $k" >&2
	exit 1
fi
# Nothing of the host's written: not its module tree, not dkms's own.
changed=$(for d in "/lib/modules/$k" /var/lib/dkms /usr/src; do
	[ -d "$d" ] && find "$d" -newer "$marker" -print -quit
done | head -n 5)
if [ -n "$changed" ]; then
	echo "dkms: the host was written: $changed" >&2
	exit 1
fi
echo "# $k: $ko, vermagic $magic, version $mver"
