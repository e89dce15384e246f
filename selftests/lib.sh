# SPDX-License-Identifier: GPL-2.0
# KTAP helpers for shell selftests: declare the plan, report each case.
#
#   ktap_plan N
#   ktap_ok "name"            ktap_fail "name" "why"     ktap_skip "name" "why"
#   ktap_check "name" cmd...  (ok when cmd succeeds)
#   ktap_finish               (exit status: 0 only when every case passed)

KTAP_N=0
KTAP_FAILED=0

ktap_plan() {
	echo "TAP version 13"
	echo "1..$1"
}

ktap_ok() {
	KTAP_N=$((KTAP_N + 1))
	echo "ok $KTAP_N $1"
}

ktap_fail() {
	KTAP_N=$((KTAP_N + 1))
	KTAP_FAILED=$((KTAP_FAILED + 1))
	[ -n "${2:-}" ] && echo "# $1: $2"
	echo "not ok $KTAP_N $1"
}

ktap_skip() {
	KTAP_N=$((KTAP_N + 1))
	echo "ok $KTAP_N $1 # SKIP ${2:-}"
}

ktap_check() {
	local name=$1
	shift
	if "$@"; then
		ktap_ok "$name"
	else
		ktap_fail "$name" "command failed: $*"
	fi
}

ktap_finish() {
	echo "# Totals: pass:$((KTAP_N - KTAP_FAILED)) fail:$KTAP_FAILED"
	[ "$KTAP_FAILED" -eq 0 ]
	exit $?
}

# Bytes held by all slab caches: the sum of active objects x object size.
slab_bytes() {
	awk 'NR > 2 { s += $2 * $4 } END { print s }' /proc/slabinfo
}

# "cache active_objs" for every slab cache.
slab_objs() {
	awk 'NR > 2 { print $1, $2 }' /proc/slabinfo
}

# Caches whose active object count grew by at least $3 between two
# slab_objs snapshots in files $1 and $2: "name +N" per line.
slab_growth() {
	awk -v min="$3" 'NR == FNR { a[$1] = $2; next }
		($2 - a[$1]) >= min { print $1, "+" ($2 - a[$1]) }' "$1" "$2"
}

# Settle the allocators so that before/after comparisons mean something.
settle() {
	sync
	echo 3 >/proc/sys/vm/drop_caches
	sleep 0.2
}

# ---- pppk links over a pty pair, ends in two network namespaces ----
#
#   ns_a (pppka, 10.99.0.1, fd00::1) <== pty pair ==> ns_b (pppkb, 10.99.0.2, fd00::2)
PPPK_NL=${PPPK_SELFTESTS:-$(dirname "${BASH_SOURCE[0]}")/../build/selftests}/pppk-nl
NS_A=pppk-a
NS_B=pppk-b

nl() { "$PPPK_NL" "$@"; }
in_a() { ip netns exec "$NS_A" "$@"; }
in_b() { ip netns exec "$NS_B" "$@"; }

# Create the namespaces and a link pair; "$@" extra settings for both ends.
pair_up() {
	ip netns add "$NS_A"
	ip netns add "$NS_B"
	in_a ip link set lo up
	in_b ip link set lo up
	nl pair "$NS_A" pppka "$NS_B" pppkb >/dev/null || return 1
	in_a "$PPPK_NL" set pppka lcp_open=1 ipv4=1 ipv6=1 "$@" || return 1
	in_b "$PPPK_NL" set pppkb lcp_open=1 ipv4=1 ipv6=1 "$@" || return 1
	in_a ip link set pppka up
	in_b ip link set pppkb up
	in_a ip addr add 10.99.0.1 peer 10.99.0.2 dev pppka
	in_b ip addr add 10.99.0.2 peer 10.99.0.1 dev pppkb
	in_a ip -6 addr add fd00::1 peer fd00::2 dev pppka nodad
	in_b ip -6 addr add fd00::2 peer fd00::1 dev pppkb nodad
}

# rmmod pppk, waiting up to 5 s for ttys to let the discipline go (a
# closed descriptor's last reference may still be on its way).
pppk_unload() {
	local i
	grep -q '^pppk ' /proc/modules || return 0
	for i in $(seq 50); do
		rmmod pppk 2>/dev/null && return 0
		sleep 0.1
	done
	rmmod pppk
}

# tcp_copy NS_FROM to NS_TO ADDR FILE: send FILE over TCP from one
# namespace to ADDR in the other; true when it arrived intact.
tcp_copy() {
	local from=$1 to=$3 addr=$4 file=$5 port=$((5000 + RANDOM % 1000))
	local got rc v= i srv
	got=$(mktemp)
	case $addr in *:*) v=6 addr="[$addr]" ;; esac
	ip netns exec "$to" timeout 150 socat -u \
		TCP$v-LISTEN:$port,reuseaddr,bind="$addr" CREATE:"$got" &
	srv=$!
	# listening before we connect, however loaded the VM is
	for i in $(seq 100); do
		ip netns exec "$to" ss -Hltn "sport = :$port" | grep -q . && break
		sleep 0.1
	done
	ip netns exec "$from" timeout 120 socat -u FILE:"$file" \
		TCP$v:"$addr":$port,connect-timeout=10
	rc=$?
	wait $srv
	[ $rc -eq 0 ] && cmp -s "$got" "$file"
	rc=$?
	rm -f "$got"
	return $rc
}

pair_down() {
	ip netns del "$NS_A" 2>/dev/null
	ip netns del "$NS_B" 2>/dev/null
	sleep 0.2
}

# Value of KEY in "pppk-nl get" output of link $2 in namespace $1.
link_get() {
	ip netns exec "$1" "$PPPK_NL" get "$2" | sed -n "s/^$3=//p"
}

# ---- interop rig: pppctl in ns pppk-a, a peer in ns pppk-b, over a pty pair
#
#   ns pppk-a: pppctl up /tmp/pppk-ia <== socat pty pair ==> /tmp/pppk-ib: pppd (or pppctl) in ns pppk-b
ART=${PPPK_ARTIFACTS:-/tmp}
rig_up() {
	pair_down
	pkill -x socat 2>/dev/null
	ip netns add "$NS_A"
	ip netns add "$NS_B"
	in_a ip link set lo up
	in_b ip link set lo up
	rm -f /tmp/pppk-ia /tmp/pppk-ib
	socat PTY,link=/tmp/pppk-ia,raw,echo=0 PTY,link=/tmp/pppk-ib,raw,echo=0 &
	RIG_SOCAT=$!
	for _ in $(seq 50); do [ -e /tmp/pppk-ib ] && [ -e /tmp/pppk-ia ] && break; sleep 0.1; done
	modprobe ppp_async 2>/dev/null
	mkdir -p /etc/ppp /run/lock
	: >/etc/ppp/options
}

rig_down() {
	[ -n "${PPPD_PID:-}" ] && kill "$PPPD_PID" 2>/dev/null
	[ -n "${PPPK_PID:-}" ] && kill "$PPPK_PID" 2>/dev/null
	[ -n "${PPPK_B_PID:-}" ] && kill "$PPPK_B_PID" 2>/dev/null
	sleep 0.5
	[ -n "${PPPD_PID:-}" ] && kill -9 "$PPPD_PID" 2>/dev/null
	[ -n "${PPPK_PID:-}" ] && kill -9 "$PPPK_PID" 2>/dev/null
	[ -n "${PPPK_B_PID:-}" ] && kill -9 "$PPPK_B_PID" 2>/dev/null
	PPPD_PID= PPPK_PID= PPPK_B_PID=
	[ -n "${RIG_SOCAT:-}" ] && kill "$RIG_SOCAT" 2>/dev/null
	RIG_SOCAT=
	pair_down
}

# pppd in ns B on the pty; $1 names the scenario (log file), then options.
start_pppd() {
	local name=$1
	shift
	ip netns exec "$NS_B" pppd /tmp/pppk-ib nodetach noauth local nocrtscts nodefaultroute \
		noipdefault nopersist debug logfile "$ART/$name.pppd.log" "$@" \
		>/dev/null 2>&1 &
	PPPD_PID=$!
}

# pppctl in ns A on the pty; debug output to ARTIFACTS/NAME.pppk.log.
start_pppk() {
	local name=$1
	shift
	ip netns exec "$NS_A" "$PPPCTL" up /tmp/pppk-ia debug all logfile "$ART/$name.pppk.log" "$@" \
		>>"$ART/$name.pppk.out" 2>&1 &
	PPPK_PID=$!
}

# pppctl in ns B too, for pppk against pppk.
start_pppk_b() {
	local name=$1
	shift
	ip netns exec "$NS_B" "$PPPCTL" up /tmp/pppk-ib debug all logfile "$ART/$name.pppk-b.log" "$@" \
		>>"$ART/$name.pppk-b.out" 2>&1 &
	PPPK_B_PID=$!
}

# Wait until ns $1 can ping $2; at most $3 seconds (default 30).
wait_ping() {
	local ns=$1 addr=$2 t=${3:-30} i
	for i in $(seq $((t * 2))); do
		ip netns exec "$ns" ping -c 1 -W 1 -q "$addr" >/dev/null 2>&1 && return 0
		sleep 0.5
	done
	return 1
}

# Wait until process $1 has exited; at most $2 seconds.
wait_exit() {
	local i
	for i in $(seq $(($2 * 10))); do
		kill -0 "$1" 2>/dev/null || return 0
		sleep 0.1
	done
	return 1
}
