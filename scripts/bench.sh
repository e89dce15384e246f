#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make bench: run every benchmark and print its figures.  Benchmarks print
# numbers; they never pass or fail on speed.  JSON goes to build/bench/.
#   1. the framing core against a byte-at-a-time reference (native)
#   2. link benchmarks in the test VM, one boot: negotiation latency and
#      TCP throughput, pppk<->pppk against pppd<->pppd over the same ptys;
#      then scale: 1,000 and 10,000 links in one controller (time to all
#      up, memory per link, idle CPU with keepalives).  The VM boots
#      without the debugging allocators (they inflate memory figures), with
#      6 GiB, and without vm.sh loading pppk.ko: vm_bench.sh loads it
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
make -s -C bench all
rc=0
selftests/vm/vm.sh -n -P -m 6144 -t 1800 -x bench/vm_bench.sh || rc=$?
art=build/vm/last/artifacts
[ -f $art/bench.json ] && cp $art/bench.json build/bench/link.json
[ -f $art/scale.json ] && cp $art/scale.json build/bench/scale.json
echo
echo "== summary: each figure beside its anchor from the same run"
python3 bench/summary.py build/bench
echo "JSON: build/bench/{framing,link,scale,summary}.json"
exit $rc
