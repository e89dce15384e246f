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

pair_down() {
	ip netns del "$NS_A" 2>/dev/null
	ip netns del "$NS_B" 2>/dev/null
	sleep 0.2
}

# Value of KEY in "pppk-nl get" output of link $2 in namespace $1.
link_get() {
	ip netns exec "$1" "$PPPK_NL" get "$2" | sed -n "s/^$3=//p"
}
