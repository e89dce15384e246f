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
