#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A line that stops taking data (the far end of the pty not read) leaves
# the queue to the qdisc: byte queue limits hold what pppk keeps in flight
# to about what the line takes at once, and the qdisc holds the rest where
# fq_codel (or any qdisc) can manage it.  Before BQL, 32 full frames sat in
# the driver's own queue (about 4 s of data at 115200 bit/s).
#
#   pppk-bql 10.98.0.1 -> 10.98.0.2 on a socat pty whose far end is stopped
set -u
. "$(dirname "$0")/lib.sh"
trap 'kill -CONT $socatpid 2>/dev/null; kill $socatpid $catpid 2>/dev/null; ip link del pppk-bql 2>/dev/null' EXIT

ktap_plan 4
rm -f /tmp/pppk-bm /tmp/pppk-bs
socat PTY,link=/tmp/pppk-bm,raw,echo=0 PTY,link=/tmp/pppk-bs,raw,echo=0 &
socatpid=$!
for _ in $(seq 50); do [ -e /tmp/pppk-bs ] && [ -e /tmp/pppk-bm ] && break; sleep 0.1; done
# The far end's reader: what socat passes on is thrown away.
cat /tmp/pppk-bm >/dev/null &
catpid=$!
"$PPPK_NL" new /tmp/pppk-bs pppk-bql >/dev/null
"$PPPK_NL" set pppk-bql lcp_open=1 ipv4=1
ip link set pppk-bql up
ip addr add 10.98.0.1 peer 10.98.0.2 dev pppk-bql
bql=/sys/class/net/pppk-bql/queues/tx-0/byte_queue_limits

# The far end stops reading: the pty fills, then pppk's queue.
kill -STOP $socatpid
ping -q -f -c 2000 -s 1400 -w 5 10.98.0.2 >/dev/null 2>&1
limit=$(cat $bql/limit)
inflight=$(cat $bql/inflight)
backlog=$(tc -s qdisc show dev pppk-bql | sed -n 's/.*backlog \([0-9]*\)b \([0-9]*\)p.*/\2/p' | head -n 1)
echo "# line stopped: BQL limit $limit inflight $inflight, qdisc backlog ${backlog:-?} packets"
[ "$inflight" -gt 0 ] && ktap_ok "bql_counts_what_is_in_flight" ||
	ktap_fail "bql_counts_what_is_in_flight" "inflight $inflight"
# BQL lets one frame past its limit.
[ "$inflight" -le $((limit + 1500)) ] && ktap_ok "in_flight_within_the_limit" ||
	ktap_fail "in_flight_within_the_limit" "inflight $inflight, limit $limit"
[ "${backlog:-0}" -gt 0 ] && ktap_ok "qdisc_holds_the_queue" ||
	ktap_fail "qdisc_holds_the_queue" "backlog ${backlog:-none}"

# The line resumes: everything drains, nothing stays in flight.
kill -CONT $socatpid
for _ in $(seq 100); do [ "$(cat $bql/inflight)" = 0 ] && break; sleep 0.1; done
[ "$(cat $bql/inflight)" = 0 ] && ktap_ok "drains_when_the_line_resumes" ||
	ktap_fail "drains_when_the_line_resumes" "inflight $(cat $bql/inflight)"
ktap_finish
