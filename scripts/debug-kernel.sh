#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build (once) the debug kernel of the test matrix: the newest kernel line,
# from Debian's architecture-independent linux-source-7.3 in trixie-backports,
# with selftests/vm/debug.config (KASAN, KFENCE, kmemleak, lockdep, UBSAN,
# debug objects, failslab) merged over x86_64_defconfig + kvm_guest.config.
#
# The package is fetched with a private apt sources list and state under the
# checkout's ignored build/apt/: the system's apt configuration is never
# touched and nothing is installed.  The built tree is cached outside the
# checkout, in $PPPK_CACHE (default /var/cache/pppk for root, else
# ~/.cache/pppk), keyed by a hash of the config fragment, the source package
# version, the compiler and RECIPE below, so a machine builds it once (about
# 15 min with 2 cores) and every clone reuses it.  Bump RECIPE when a change
# here changes what gets built.
#
#   scripts/debug-kernel.sh          build if needed, print the build dir
#   scripts/debug-kernel.sh --dir    print the build dir only if built
#
# The build dir holds arch/x86/boot/bzImage, the kernel release in
# include/config/kernel.release, and is a KDIR for out-of-tree modules.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
PKG=linux-source-7.3
RECIPE=1
SUITE=trixie-backports
MIRROR=${PPPK_DEBIAN_MIRROR:-http://deb.debian.org/debian}
frag=$top/selftests/vm/debug.config

if [ -n "${PPPK_CACHE:-}" ]; then
	cache=$PPPK_CACHE
elif [ "$(id -u)" -eq 0 ]; then
	cache=/var/cache/pppk
else
	cache=${XDG_CACHE_HOME:-$HOME/.cache}/pppk
fi
mkdir -p "$cache"

apt_dir=$top/build/apt
apt_opts=(
	-o "Dir::Etc::SourceList=$apt_dir/sources.list"
	-o Dir::Etc::SourceParts=/dev/null
	-o "Dir::State::Lists=$apt_dir/lists"
	-o "Dir::Cache=$apt_dir/cache"
	-o "Dir::State::status=/dev/null"
	-o APT::Sandbox::User=root
	-q
)

# The package version: from the private index (refreshed at most daily),
# or from what the cache already holds when the mirror cannot be reached.
pkg_version() {
	mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial"
	echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $MIRROR $SUITE main" \
		>"$apt_dir/sources.list"
	if [ -z "$(find "$apt_dir/lists" -name '*Packages*' -mmin -1440 2>/dev/null)" ]; then
		apt-get "${apt_opts[@]}" update >"$apt_dir/update.log" 2>&1 || true
	fi
	apt-cache "${apt_opts[@]}" show "$PKG" 2>/dev/null |
		awk '/^Version:/ { print $2; exit }'
}

ver=$(pkg_version)
if [ -z "$ver" ]; then
	# Offline: the newest source already in the cache.
	ver=$(ls -d "$cache"/src-"$PKG"_* 2>/dev/null | sed "s|.*/src-${PKG}_||" | sort -V | tail -n1)
fi
if [ -z "$ver" ]; then
	echo "debug-kernel: cannot find $PKG in $SUITE (see $apt_dir/update.log)" >&2
	exit 1
fi

key=$( { cat "$frag"; echo "$ver recipe $RECIPE"; gcc --version | head -n1; } |
	sha256sum | cut -c1-12)
out=$cache/kernel-$key
if [ "${1:-}" = --dir ]; then
	[ -f "$out/.pppk-built" ] || exit 1
	echo "$out"
	exit 0
fi
if [ -f "$out/.pppk-built" ]; then
	echo "$out"
	exit 0
fi

# ---- source --------------------------------------------------------------
src=$cache/src-${PKG}_$ver
if [ ! -f "$src/.pppk-extracted" ]; then
	echo "debug-kernel: fetching $PKG $ver from $SUITE" >&2
	dl=$(mktemp -d "$cache/dl.XXXXXX")
	(cd "$dl" && apt-get "${apt_opts[@]}" download "$PKG=$ver" >&2)
	rm -rf "$src"
	mkdir -p "$src"
	dpkg-deb --fsys-tarfile "$dl"/"$PKG"_*.deb |
		tar -xO --wildcards '*/linux-source-*.tar.xz' |
		tar -xJ -C "$src" --strip-components=1
	rm -rf "$dl"
	touch "$src/.pppk-extracted"
fi

# ---- configure and build ---------------------------------------------------
echo "debug-kernel: building $PKG $ver into $out (first time only, ~15 min)" >&2
start=$(date +%s)
rm -rf "$out"
mkdir -p "$out"
log=$out/build.log
kmake() { make -C "$src" O="$out" -j"$(nproc)" "$@" >>"$log" 2>&1; }
if ! { kmake x86_64_defconfig && kmake kvm_guest.config &&
	"$src/scripts/kconfig/merge_config.sh" -m -O "$out" "$out/.config" "$frag" >>"$log" 2>&1 &&
	kmake olddefconfig; }; then
	tail -n 40 "$log" >&2
	echo "debug-kernel: configuration failed (log: $log)" >&2
	exit 1
fi
# Every option the fragment asks for must have survived olddefconfig.
missing=$(grep -E '^CONFIG_[A-Z0-9_]+=[y"0-9]' "$frag" | while IFS= read -r want; do
	grep -qxF "$want" "$out/.config" || echo "$want"
done)
if [ -n "$missing" ]; then
	echo "debug-kernel: options dropped by Kconfig (dependencies?):" >&2
	echo "$missing" >&2
	exit 1
fi
if ! kmake all; then
	grep -E 'error|Error' "$log" | head -n 30 >&2
	echo "debug-kernel: build failed (log: $log)" >&2
	exit 1
fi
echo "$(($(date +%s) - start))" >"$out/.pppk-build-seconds"
touch "$out/.pppk-built"
echo "debug-kernel: built $(cat "$out/include/config/kernel.release") in $(($(date +%s) - start)) s" >&2
echo "$out"
