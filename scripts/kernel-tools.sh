#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Extract the few files pppk borrows from Debian's linux-source-6.1 tarball
# (the kselftest harness headers and checkpatch.pl with its data files) into
# build/tools.  They are never committed.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
out=$top/build/tools
stamp=$out/.done
[ -f "$stamp" ] && exit 0

tarball=$(ls /usr/src/linux-source-6.1.tar.xz 2>/dev/null || true)
if [ -z "$tarball" ]; then
	echo "kernel-tools: /usr/src/linux-source-6.1.tar.xz is missing (run scripts/setup.sh)" >&2
	exit 1
fi
files=(
	tools/testing/selftests/kselftest.h
	tools/testing/selftests/kselftest_harness.h
	scripts/checkpatch.pl
	scripts/spelling.txt
	scripts/const_structs.checkpatch
)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tar -xJf "$tarball" -C "$tmp" "${files[@]/#/linux-source-6.1/}"
mkdir -p "$out/include" "$out/scripts"
cp "$tmp"/linux-source-6.1/tools/testing/selftests/kselftest*.h "$out/include/"
cp "$tmp"/linux-source-6.1/scripts/{checkpatch.pl,spelling.txt,const_structs.checkpatch} "$out/scripts/"
chmod +x "$out/scripts/checkpatch.pl"
touch "$stamp"
