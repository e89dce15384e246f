#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The controller's netlink socket overflows: the kernel drops what it cannot
# queue.  A lost control frame is just a lost frame (PPP retransmits); a
# lost event is found by one dump of the links.  pppctl is stopped while
# the peer floods its link with frames the kernel hands up, until its
# socket overflows, and the link is deleted behind its back, so the
# deletion event is among the lost.  Resumed, pppctl must say it overran,
# find the link gone and end with one line saying so.
set -u
. "$(dirname "$0")/lib.sh"
trap rig_down EXIT

ktap_plan 5
rig_up
start_pppk overrun ifname pppk-ovr silent
for _ in $(seq 100); do in_a ip link show pppk-ovr >/dev/null 2>&1 && break; sleep 0.1; done
kill -STOP "$PPPK_PID"

# 60,000 frames of an unknown protocol (0x8281), each handed to the
# controller: about 60 MB of socket buffer, twice what pppctl asks for.
python3 - /tmp/pppk-ib "$(dirname "$0")" <<'PY'
import sys
sys.path.insert(0, sys.argv[2])
from ppp_peer import frame

chunk = b"".join(frame(0x8281, bytes([0x01, i & 0xFF, 0x00, 0x04])) for i in range(1000))
with open(sys.argv[1], "wb", buffering=0) as tty:
    for _ in range(60):
        tty.write(chunk)
PY
sleep 3
dropped=$(link_get "$NS_A" pppk-ovr rx_ctrl_dropped)
[ "${dropped:-0}" -gt 0 ] && ktap_ok "socket_overran" ||
	ktap_fail "socket_overran" "no frame was dropped (rx_ctrl_dropped=${dropped:-?}): no overrun to test"

in_a "$PPPK_NL" del pppk-ovr
kill -CONT "$PPPK_PID"
if wait_exit "$PPPK_PID" 60; then
	ktap_ok "controller_ends"
else
	ktap_fail "controller_ends" "still running 60 s after the link was deleted"
fi
wait "$PPPK_PID"
rc=$?
PPPK_PID=
[ "$rc" -eq 1 ] && ktap_ok "exit_status_1" || ktap_fail "exit_status_1" "status $rc"
out="$ART/overrun.pppk.out"
grep -q "netlink receive buffer overrun" "$out" && ktap_ok "overrun_reported" ||
	ktap_fail "overrun_reported" "$(tail -3 "$out")"
grep -q "pppk-ovr: the kernel link was deleted" "$out" && ktap_ok "lost_deletion_found" ||
	ktap_fail "lost_deletion_found" "$(tail -3 "$out")"
ktap_finish
