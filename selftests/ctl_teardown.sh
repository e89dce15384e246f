#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Two controllers, one per namespace, with 600 links between them over pty
# pairs (build/selftests/scale_rig, as the scale benchmark): on SIGTERM
# each ends its links and deletes them in batches (LINK_DEL of a list,
# more links than one request holds), then exits 0; no link is left in
# either namespace and no deletion was refused.
set -u
. "$(dirname "$0")/lib.sh"
RIG=$(dirname "$PPPK_NL")/scale_rig
N=${PPPK_TEARDOWN_LINKS:-600}
SA=pppk-ta
SB=pppk-tb
d=$(mktemp -d)
# What is measured is the links, not the host's /etc/ppp/ip-up (Debian's
# run-parts) run 1,200 times: the controllers read an empty /etc/ppp.
mkdir "$d/etc-ppp"
export PPPCTL_ETC_PPP=$d/etc-ppp
cleanup() {
	exec 7>&- 2>/dev/null
	[ -n "${runpid:-}" ] && kill "$runpid" 2>/dev/null
	ip netns del $SA 2>/dev/null
	ip netns del $SB 2>/dev/null
}
trap cleanup EXIT

ktap_plan 4
ip netns add $SA && ip netns add $SB || exit 1
ip netns exec $SA ip link set lo up
ip netns exec $SB ip link set lo up
mkfifo "$d/go"
"$RIG" run "$N" "$d" $SA $SB "$PPPCTL" <"$d/go" >"$d/run.out" 2>"$d/run.err" &
runpid=$!
exec 7>"$d/go"
for _ in $(seq 600); do
	grep -q '^ptys' "$d/run.out" 2>/dev/null && break
	kill -0 "$runpid" 2>/dev/null || break
	sleep 0.1
done
echo go >&7
exec 7>&-
if "$RIG" wait "$d" $SA $SB "$N" 240 >"$d/wait.out" 2>&1; then
	ktap_ok "links_up"
else
	ktap_fail "links_up" "$(cat "$d/wait.out")"
fi
read -r pa pb <"$d/pids"
t0=$(date +%s%N)
kill -TERM "$pa" "$pb"
for _ in $(seq 1200); do kill -0 "$runpid" 2>/dev/null || break; sleep 0.1; done
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
echo "# $((2 * N)) link ends down in $ms ms"
if kill -0 "$runpid" 2>/dev/null; then
	ktap_fail "controllers_exit" "still running after 120 s"
else
	ktap_ok "controllers_exit"
fi
left="$("$RIG" stats $SA | sed -n 's/.*links=\([0-9]*\).*/\1/p') $("$RIG" stats $SB | sed -n 's/.*links=\([0-9]*\).*/\1/p')"
[ "$left" = "0 0" ] && ktap_ok "no_link_left" || ktap_fail "no_link_left" "left: $left"
if grep -q 'deleting' "$d/a.out" "$d/b.out"; then
	ktap_fail "no_deletion_refused" "$(grep -h deleting "$d/a.out" "$d/b.out" | head -n 3)"
else
	ktap_ok "no_deletion_refused"
fi
rm -rf "$d"
ktap_finish
