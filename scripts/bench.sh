#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make bench: run every benchmark and print its figures.  Benchmarks print
# numbers; they never pass or fail on speed.  JSON goes to build/bench/.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
scripts/setup.sh
mkdir -p build/bench
if [ -f bench/Makefile ]; then
	make -s -C bench run JSON="$top/build/bench/framing.json"
else
	echo "bench: no benchmarks in this tree yet" >&2
	exit 1
fi
