#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Link benchmarks inside the test VM (one boot): negotiation latency and
# TCP throughput over the same transport (a socat pty pair, ends in two
# network namespaces) for pppk<->pppk, pppd<->pppd (Linux's ppp_async) and
# pppk<->pppd.  Figures only: software emulation makes absolute numbers
# indicative, the ratios are what to read.  JSON to ARTIFACTS/bench.json.
# Then bench/vm_scale.sh in the same boot (BENCH_SCALE=0 skips it).
set -u
. "$PPPK_REPO/selftests/lib.sh"
trap rig_down EXIT
# vm.sh -n: the module is ours to load.
grep -q '^pppk ' /proc/modules || insmod "$PPPK_KO" || exit 1
SECS=${BENCH_SECS:-5}
json="$ART/bench.json"
echo "{" >"$json"

# Negotiation latency of ends $2 (A) against $3 (B), round $4: B is started
# first and waits silently; then bench/lat_probe.sh, already in ns A, starts
# A's controller and times it to IPCP Open (interface up, address in).  No
# debug output on either end.  Prints milliseconds.
lat_round() {
	local name=$1 a=$2 b=$3 r=$4 i
	rig_up
	case $b in
	pppd) ip netns exec "$NS_B" pppd /tmp/pppk-ib nodetach noauth local nocrtscts \
		nodefaultroute nopersist silent 10.0.0.2:10.0.0.1 >/dev/null 2>&1 &
	      PPPD_PID=$! ;;
	pppk) ip netns exec "$NS_B" "$PPPCTL" up /tmp/pppk-ib silent 10.0.0.2:10.0.0.1 \
		>/dev/null 2>&1 &
	      PPPK_B_PID=$! ;;
	esac
	# B is ready once its interface exists
	for i in $(seq 100); do
		in_b ip -o link show 2>/dev/null | grep -q ': ppp' && break
		sleep 0.1
	done
	case $a in
	pppd) in_a "$PPPK_REPO/bench/lat_probe.sh" 30 10.0.0.1 pppd /tmp/pppk-ia nodetach \
		noauth local nocrtscts nodefaultroute nopersist 10.0.0.1:10.0.0.2 ;;
	pppk) in_a "$PPPK_REPO/bench/lat_probe.sh" 30 10.0.0.1 "$PPPCTL" up /tmp/pppk-ia \
		10.0.0.1:10.0.0.2 ;;
	esac
	rig_down
	pkill -x pppd 2>/dev/null
	pkill -x pppctl 2>/dev/null
	sleep 0.3
}

# One warm-up round (TCG translates code on first use), then $LAT_ROUNDS;
# prints the median and the best in ms.
latency() {
	local name=$1 a=$2 b=$3 r v=()
	lat_round "$name" "$a" "$b" 0 >/dev/null
	for r in $(seq "${LAT_ROUNDS:-3}"); do
		v+=("$(lat_round "$name" "$a" "$b" "$r")")
	done
	printf '%s\n' "${v[@]}" | sort -n | awk '{ x[NR] = $1 } END { print x[int((NR + 1) / 2)], x[1] }'
}

# iperf3 from ns A to ns B's address $1 (and -R for the other way): Mbit/s.
iperf() {
	local out
	out=$(in_a iperf3 -c "$1" -t "$SECS" -J $2 2>/dev/null)
	echo "$out" | python3 -c 'import json,sys
try: print("%.1f" % (json.load(sys.stdin)["end"]["sum_received"]["bits_per_second"] / 1e6))
except Exception: print("-1")'
}

run() {
	local name=$1 a=$2 b=$3 lat best up down v
	v=$(latency "$name" "$a" "$b")
	lat=${v% *}
	best=${v#* }
	rig_up
	case $b in
	pppd) start_pppd "bench-$name" 10.0.0.2:10.0.0.1 ;;
	pppk) start_pppk_b "bench-$name" 10.0.0.2:10.0.0.1 silent ;;
	esac
	case $a in
	pppd) ip netns exec "$NS_A" pppd /tmp/pppk-ia nodetach noauth local nocrtscts \
		nodefaultroute nopersist 10.0.0.1:10.0.0.2 logfile "$ART/bench-$name.pppd-a.log" \
		>/dev/null 2>&1 &
	      PPPK_PID=$! ;;
	pppk) start_pppk "bench-$name" 10.0.0.1:10.0.0.2 ;;
	esac
	wait_ping "$NS_A" 10.0.0.2 30 >/dev/null
	in_b iperf3 -s -D -1 >/dev/null 2>&1
	sleep 0.5
	up=$(iperf 10.0.0.2 "")
	in_b iperf3 -s -D -1 >/dev/null 2>&1
	sleep 0.5
	down=$(iperf 10.0.0.2 -R)
	printf '%-14s %8s %8s %14s %14s\n' "$name" "$lat" "$best" "$up" "$down"
	printf '  "%s": {"negotiation_ms": %s, "negotiation_best_ms": %s, "tcp_a_to_b_mbit": %s, "tcp_b_to_a_mbit": %s},\n' \
		"$name" "$lat" "$best" "$up" "$down" >>"$json"
	pkill -x iperf3 2>/dev/null
	rig_down
}

printf '%-14s %8s %8s %14s %14s\n' "ends (a-b)" "up ms" "best ms" "TCP a>b Mbit" "TCP b>a Mbit"
run pppd-pppd pppd pppd
run pppk-pppk pppk pppk
run pppk-pppd pppk pppd
echo '  "transport": "socat pty pair, two network namespaces, one VM boot"' >>"$json"
echo "}" >>"$json"
python3 - "$json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
a, k = d["pppd-pppd"], d["pppk-pppk"]
def r(x, y):
    return "%.2fx" % (x / y) if x > 0 and y > 0 else "n/a"
print("pppk/pppd ratio: TCP a>b %s, b>a %s; negotiation pppd/pppk %s" % (
    r(k["tcp_a_to_b_mbit"], a["tcp_a_to_b_mbit"]),
    r(k["tcp_b_to_a_mbit"], a["tcp_b_to_a_mbit"]),
    r(a["negotiation_ms"], k["negotiation_ms"])))
PY
{ rig_down; wait; } 2>/dev/null
if [ "${BENCH_SCALE:-1}" = 1 ]; then
	echo
	echo "== scale: links in one controller"
	bash "$PPPK_REPO/bench/vm_scale.sh"
fi
