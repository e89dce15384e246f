#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# pppd's xonxoff: software flow control on the line.  A scripted peer
# (ppp_peer.py, real frames) sends a raw XOFF once LCP is open and a raw
# XON 2.5 s later, while pppctl's kernel sends an Echo-Request a second.
# With xonxoff (IXON on the tty) nothing leaves pppk between XOFF (once
# what was already on its way has arrived) and XON,
# and what waited goes out after it; without xonxoff the XOFF is line
# noise and the keepalives never pause.  xonxoff also asks the peer to
# escape XON and XOFF (ACCM 0x000A0000).
set -u
. "$(dirname "$0")/lib.sh"
trap rig_down EXIT
PEER=$(dirname "$0")/ppp_peer.py
export PPPCTL_ETC_PPP=$(mktemp -d)

# Echo-Requests the peer got between its XOFF and XON lines (from 0.5 s
# after the XOFF: one already on its way may still arrive), and after.
echos_paused() { awk '/^SETTLED/ { s = 1; next } /^XON/ { s = 2; next } s == 1 && /^I c021 9$/ { n++ } END { exit n != 0 }' "$1"; }
echos_after() { awk '/^XON/ { s = 1; next } s && /^I c021 9$/ { n++ } END { exit n == 0 }' "$1"; }
echos_during() { ! echos_paused "$1"; }

run() {	# run NAME PPPCTL-WORDS...
	local name=$1
	shift
	rig_up
	python3 "$PEER" /tmp/pppk-ib xoff 7 >"$ART/$name.peer.out" 2>&1 &
	PEER_PID=$!
	start_pppk "$name" noip lcp-echo-interval 1 lcp-echo-failure 10 "$@"
	wait_exit "$PEER_PID" 20
}

log_has() { grep -q -- "$2" "$ART/$1"; }

ktap_plan 7
run xonxoff xonxoff
ktap_check "xonxoff.tty_ixon" bash -c "stty -a -F /tmp/pppk-ia | grep -qw ixon"
ktap_check "xonxoff.accm_asked" log_has xonxoff.pppk.log "ACCM 0x000A0000"
ktap_check "xonxoff.xoff_seen" grep -q '^XOFF' "$ART/xonxoff.peer.out"
ktap_check "xonxoff.output_stops_at_xoff" echos_paused "$ART/xonxoff.peer.out"
ktap_check "xonxoff.output_resumes_at_xon" echos_after "$ART/xonxoff.peer.out"
rig_down

# The same without xonxoff: an XOFF is line noise, the keepalives go on.
run noxonxoff
ktap_check "noxonxoff.tty_no_ixon" bash -c "stty -a -F /tmp/pppk-ia | grep -qw -- -ixon"
ktap_check "noxonxoff.xoff_ignored" echos_during "$ART/noxonxoff.peer.out"
rig_down
ktap_finish
