#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# What the controller knows reaches scripts through the kernel: against a
# real pppd, "pppctl monitor" (text and -j) shows the phases, both ways of
# authentication with the names given, ip up and ip down with the
# addresses IPCP agreed; "pppctl show" the same; "pppctl wait" started
# before the link exists returns 0 once it can carry traffic (a ping goes
# through at once), "wait ... down" once it is gone, and 1 on a timeout or
# when the link is deleted before it was up (a failed authentication).
set -u
. "$(dirname "$0")/lib.sh"
SEC=$(mktemp -d)
MONS=
cleanup() {
	[ -n "$MONS" ] && kill $MONS 2>/dev/null
	rig_down
	rm -rf "$SEC"
}
trap cleanup EXIT

ktap_plan 26

# pppd authenticates us with PAP as alice; we authenticate it with CHAP,
# and it answers as bob.
printf 'alice * alicepw *\n' >/etc/ppp/pap-secrets
printf 'bob * bobsecret *\n' >/etc/ppp/chap-secrets
printf 'alice * alicepw *\n' >"$SEC/pap"
printf 'bob * bobsecret *\n' >"$SEC/chap"

# Monitors, text and JSON, in ns A; each has joined before we go on.
start_monitors() {
	in_a "$PPPCTL" monitor >"$ART/$1.mon.txt" 2>&1 &
	MONS="$MONS $!"
	in_a "$PPPCTL" -j monitor >"$ART/$1.mon.json" 2>&1 &
	MONS="$MONS $!"
	sleep 0.5
}
stop_monitors() {
	sleep 0.3
	kill $MONS 2>/dev/null
	wait $MONS 2>/dev/null
	MONS=
}
# The phases a JSON monitor saw, in order.
phases() {
	sed -n 's/.*"event":"phase","phase":"\([A-Z]*\)".*/\1/p' "$ART/$1.mon.json" | paste -sd' '
}
has() { grep -qF -- "$2" "$ART/$1"; }

# 1. Up: wait and the monitors are there before the link.
rig_up
start_monitors up
in_a "$PPPCTL" wait pppk0 up timeout 40 >"$ART/up.wait.out" 2>&1 &
WAIT=$!
start_pppd up auth require-pap user bob 10.0.0.2:10.0.0.1
start_pppk up require-chap name pppk-a user alice pap-secrets "$SEC/pap" chap-secrets "$SEC/chap"
wait $WAIT
RC=$?
# "up" means traffic flows: no wait_ping here, one ping at once.
ktap_check "up.wait_returns_0" test "$RC" = 0
ktap_check "up.ping_right_after_wait" bash -c "ip netns exec $NS_A ping -c 1 -W 2 -q 10.0.0.2 >/dev/null"
ktap_check "up.show_addresses" bash -c "ip netns exec $NS_A $PPPCTL show pppk0 | grep -qx '    ip 10.0.0.1 -> 10.0.0.2'"
ktap_check "up.show_auth" bash -c "ip netns exec $NS_A $PPPCTL show pppk0 | grep -qx '    auth peer \"bob\" CHAP ok  self \"alice\" PAP ok'"
ktap_check "up.show_json" bash -c "ip netns exec $NS_A $PPPCTL -j show pppk0 | grep -q '\"phase\":\"UP\",.*\"ipv4_local\":\"10.0.0.1\",\"ipv4_peer\":\"10.0.0.2\",.*\"auth\":{\"peer\":{\"protocol\":\"CHAP\",\"result\":\"ok\",\"name\":\"bob\"},\"self\":{\"protocol\":\"PAP\",\"result\":\"ok\",\"name\":\"alice\"}}'"
ktap_check "up.wait_ip_up_at_once" in_a timeout 5 "$PPPCTL" wait pppk0 ip-up timeout 1

# 2. Down: wait for it, then take the link down.
in_a "$PPPCTL" wait pppk0 down timeout 20 >"$ART/down.wait.out" 2>&1 &
WAIT=$!
sleep 0.3
in_a "$PPPCTL" down pppk0 >/dev/null 2>&1
wait $WAIT
RC=$?
ktap_check "down.wait_returns_0" test "$RC" = 0
wait_exit "$PPPK_PID" 15
stop_monitors
ktap_check "monitor.phases" test "$(phases up)" = "ESTABLISHING AUTHENTICATING UP TERMINATING DOWN"
ktap_check "monitor.created_first" bash -c "head -1 $ART/up.mon.txt | grep -qx 'pppk0: created'"
ktap_check "monitor.auth_peer" has up.mon.txt 'pppk0: auth peer "bob" CHAP ok'
ktap_check "monitor.auth_self" has up.mon.txt 'pppk0: auth self "alice" PAP ok'
ktap_check "monitor.ip_up" has up.mon.txt "pppk0: ip up 10.0.0.1 -> 10.0.0.2"
ktap_check "monitor.ip_down" has up.mon.txt "pppk0: ip down 10.0.0.1 -> 10.0.0.2"
ktap_check "monitor.deleted_last" bash -c "tail -1 $ART/up.mon.txt | grep -qx 'pppk0: deleted'"
# Text and JSON saw the same events (the text has a line for each way of
# authentication); the JSON is one object a line.
ktap_check "monitor.json_same_count" test "$(grep -c '"event":' "$ART/up.mon.json")" = "$(grep -vc '^pppk0: auth self ' "$ART/up.mon.txt")"
ktap_check "monitor.json_ip_up" has up.mon.json '"event":"ip_up","local":"10.0.0.1","peer":"10.0.0.2"'
ktap_check "monitor.json_auth" has up.mon.json '"event":"auth","peer":{"protocol":"CHAP","result":"ok","name":"bob"},"self":{"protocol":"PAP","result":"ok","name":"alice"}'
ktap_check "monitor.json_lines_valid" python3 -c "import json,sys; [json.loads(l) for l in open('$ART/up.mon.json')]"
rig_down

# 3. A timeout: no such link comes.
rig_up
T0=$(date +%s%N)
in_a "$PPPCTL" wait pppk0 up timeout 1 >"$ART/timeout.wait.out" 2>&1
RC=$?
MS=$((($(date +%s%N) - T0) / 1000000))
ktap_check "timeout.returns_1" test "$RC" = 1
ktap_check "timeout.after_the_timeout" bash -c "[ $MS -ge 1000 ] && [ $MS -lt 5000 ]"
ktap_check "timeout.says_so" has timeout.wait.out "pppctl: wait: pppk0 not up after 1 s"
rig_down

# 4. pppd answers our CHAP with the wrong secret: auth fails, the link is
# deleted, and wait says it never came up.
printf 'bob * wrongsecret *\n' >/etc/ppp/chap-secrets
rig_up
start_monitors authfail
in_a "$PPPCTL" wait pppk0 up timeout 40 >"$ART/authfail.wait.out" 2>&1 &
WAIT=$!
start_pppd authfail user bob 10.0.0.2:10.0.0.1
start_pppk authfail require-chap name pppk-a chap-secrets "$SEC/chap"
wait $WAIT
RC=$?
wait_exit "$PPPK_PID" 15
stop_monitors
ktap_check "authfail.wait_returns_1" bash -c "[ $RC = 1 ] && grep -q 'pppk0 was deleted before it was up' $ART/authfail.wait.out"
ktap_check "authfail.monitor_failed" has authfail.mon.txt 'pppk0: auth peer "bob" CHAP failed'
rig_down

# 5. IPV6CP: wait ipv6-up; the monitor's link-local addresses are the
# interface's, and ipv6 down names them again.
rig_up
start_monitors v6
in_a "$PPPCTL" wait pppk0 ipv6-up timeout 40 >"$ART/v6.wait.out" 2>&1 &
WAIT=$!
start_pppd v6 +ipv6 10.0.0.2:10.0.0.1
start_pppk v6 +ipv6
wait $WAIT
RC=$?
ktap_check "ipv6.wait_returns_0" test "$RC" = 0
sleep 0.3
V6=$(sed -n 's/^pppk0: ipv6 up \(fe80::[0-9a-f:]*\) -> \(fe80::[0-9a-f:]*\)$/\1 \2/p' "$ART/v6.mon.txt")
L6=${V6% *} P6=${V6#* }
ktap_check "ipv6.monitor_has_the_interface_addresses" bash -c "[ -n '$V6' ] && ip netns exec $NS_A ip -6 addr show dev pppk0 | grep -q 'inet6 $L6 peer $P6/'"
in_a "$PPPCTL" down pppk0 >/dev/null 2>&1
wait_exit "$PPPK_PID" 15
stop_monitors
ktap_check "ipv6.monitor_down" grep -qx "pppk0: ipv6 down $L6 -> $P6" "$ART/v6.mon.txt"
rig_down

ktap_finish
