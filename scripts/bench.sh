#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make bench: run every benchmark and print its figures.  Benchmarks print
# numbers; they never pass or fail on speed.  JSON goes to build/bench/.
#   1. the framing core against a byte-at-a-time reference (native)
#   2. link benchmarks in the test VM, one boot: negotiation latency and
#      TCP throughput, pppk<->pppk against pppd<->pppd over the same ptys
#   3. a table of every figure beside its anchor and goal (bench/summary.py)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
scripts/setup.sh
scripts/kernel-tools.sh
mkdir -p build/bench
echo "== framing core (native)"
make -s -C bench run JSON="$top/build/bench/framing.json"
echo
echo "== links in the VM (software emulation: read the ratios)"
make -s all selftests >/dev/null
selftests/vm/vm.sh -t 600 -x bench/vm_bench.sh
cp build/vm/last/artifacts/bench.json build/bench/link.json
echo
echo "== summary: each figure beside its anchor from the same run"
python3 bench/summary.py build/bench
echo "JSON: build/bench/{framing,link,summary}.json"
