#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# How pppctl ends a link that cannot work, on real lines through the
# kernel:
#   - a looped line (socat echoes every octet back): LCP never opens, every
#     loop is logged, and the link ends "looped back" after Max-Configure
#     paced retries, or at the first loop with down-when-looped;
#   - no network protocol left: pppd gives us no address, our IPCP fails,
#     and LCP closes with "No network protocols running" (pppd's words);
#   - a peer asking CHAP of a link that has only a PAP password is Nak'd
#     towards PAP and the link comes up, instead of acking CHAP and then
#     failing for want of a secret;
#   - pppd's ip-up/ip-down with its arguments and environment,
#     usepeerdns's resolv.conf, defaultroute beside an existing default;
#   - against a scripted peer (ppp_peer.py, real frames): renegotiation
#     shows ESTABLISHING, a Code-Reject of Echo-Request turns keepalives
#     off instead of killing the link, and while authenticating another
#     protocol is dropped, not Protocol-Rejected, and a Protocol-Reject of
#     the agreed authentication ends the link at once.
set -u
. "$(dirname "$0")/lib.sh"
trap rig_down EXIT
SEC=$(mktemp -d)

ktap_plan 34

# A pty whose far side is a pipe: everything pppctl sends comes back.
loop_up() {
	rig_down
	ip netns add "$NS_A"
	rm -f /tmp/pppk-loop
	socat PTY,link=/tmp/pppk-loop,raw,echo=0 PIPE &
	RIG_SOCAT=$!
	for _ in $(seq 50); do [ -e /tmp/pppk-loop ] && break; sleep 0.1; done
}

# pppctl on the looped line; $1 names the scenario, then options.  Sets
# RC to its exit status (124: still running after $T seconds).
T=20
loop_run() {
	local name=$1
	shift
	timeout -k 3 "$T" ip netns exec "$NS_A" "$PPPCTL" up /tmp/pppk-loop debug all \
		logfile "$ART/$name.pppk.log" "$@" >"$ART/$name.pppk.out" 2>&1
	RC=$?
}

log_has() { grep -q -- "$2" "$ART/$1"; }
log_lacks() { ! grep -q -- "$2" "$ART/$1"; }
count_ge() { [ "$(grep -c -- "$2" "$ART/$1")" -ge "$3" ]; }

# 1. Looped, down-when-looped: down at the first loop, well before the
# restart-timer budget (4 x 500 ms here, and T).
loop_up
loop_run looped_down restart 500 max-configure 4 down-when-looped
ktap_check "looped_down.exit_status_1" test "$RC" = 1
ktap_check "looped_down.says_looped" log_has looped_down.pppk.out "looped back (down-when-looped)"
ktap_check "looped_down.loop_logged" log_has looped_down.pppk.log "LCP: Loopback detected (1)"
ktap_check "looped_down.lcp_never_open" log_lacks looped_down.pppk.log "LCP: State is Open"
ktap_check "looped_down.terminated" log_has looped_down.pppk.log "LCP: O TERMREQ"

# 2. Looped, no down-when-looped: every paced retry is a loop seen; LCP
# never opens; Max-Configure ends it.
loop_up
loop_run looped_retry restart 300 max-configure 4
ktap_check "looped_retry.exit_status_1" test "$RC" = 1
ktap_check "looped_retry.says_looped" log_has looped_retry.pppk.out "the line is looped back"
ktap_check "looped_retry.each_loop_logged" count_ge looped_retry.pppk.log "LCP: Loopback detected" 4
ktap_check "looped_retry.lcp_never_open" log_lacks looped_retry.pppk.log "LCP: State is Open"
rig_down

# 3. pppd has an address for itself and none for us: it rejects our
# request for one, our IPCP cannot work, and nothing else runs.
PPPD_ARGS=(10.0.0.2:)
rig_up
start_pppd no_ncp "${PPPD_ARGS[@]}"
start_pppk no_ncp
wait_exit "$PPPK_PID" 30
ktap_check "no_ncp.ipcp_failed" log_has no_ncp.pppk.log "could not determine local IP address"
ktap_check "no_ncp.lcp_closed" log_has no_ncp.pppk.log "PPP: Closing: No network protocols running"
ktap_check "no_ncp.pppctl_exited" bash -c "! kill -0 $PPPK_PID 2>/dev/null"
ktap_check "no_ncp.says_why" log_has no_ncp.pppk.out "No network protocols running (IPCP: could not determine local IP address)"
rig_down

# 4. pppd asks CHAP first (it would take PAP: it has secrets for both);
# we have only a PAP password.
printf 'bob * bobpw *\n' >"$SEC/pap"
: >"$SEC/chap"
printf 'bob * bobpw *\n' >/etc/ppp/pap-secrets
printf 'bob * bobchap *\n' >/etc/ppp/chap-secrets
rig_up
start_pppd chap_to_pap auth require-chap require-pap 10.0.0.2:10.0.0.1
start_pppk chap_to_pap user bob pap-secrets "$SEC/pap" chap-secrets "$SEC/chap"
ktap_check "chap_to_pap.ping" wait_ping "$NS_A" 10.0.0.2 30
ktap_check "chap_to_pap.nak_towards_pap" bash -c "grep -A1 'LCP: O CONFNAK' $ART/chap_to_pap.pppk.log | grep -q 'AuthProto PAP'"
ktap_check "chap_to_pap.pap_acked" log_has chap_to_pap.pppk.log "PAP: I AUTH-ACK"
rig_down

# 4b. pppd's hook scripts and words: ip-up and ip-down with pppd's
# arguments and environment, usepeerdns writing resolv.conf where pppd
# does, defaultroute beside an existing default route saying so.
ETC=$(mktemp -d)
for s in ip-up ip-down; do
	printf '#!/bin/sh\necho "$@" >%s/%s.args\nenv >%s/%s.env\n' "$ETC" "$s" "$ETC" "$s" >"$ETC/$s"
	chmod 755 "$ETC/$s"
done
rig_up
in_a ip link add d0 type dummy
in_a ip link set d0 up
in_a ip route add default dev d0
start_pppd words ms-dns 10.9.9.9 10.0.0.2:10.0.0.1
PPPCTL_ETC_PPP=$ETC PPPCTL_LOCK_DIR=$ETC start_pppk words defaultroute usepeerdns lock ipparam wan1
ktap_check "words.ping" wait_ping "$NS_A" 10.0.0.2 30
ktap_check "words.default_route_kept" bash -c "grep -q 'defaultroute: not replacing the existing default route' $ART/words.pppk.log && ip netns exec $NS_A ip route show default | grep -q 'dev d0'"
ktap_check "words.resolv_conf_written" bash -c "grep -qx 'nameserver 10.9.9.9' $ETC/resolv.conf"
ktap_check "words.ip_up_args" bash -c "for i in \$(seq 20); do [ -s $ETC/ip-up.args ] && break; sleep 0.2; done; grep -Eqx 'pppk0 /tmp/pppk-ia [1-9][0-9]* 10.0.0.1 10.0.0.2 wan1' $ETC/ip-up.args"
ktap_check "words.ip_up_env" bash -c "grep -qx 'IPREMOTE=10.0.0.2' $ETC/ip-up.env && grep -qx 'DNS1=10.9.9.9' $ETC/ip-up.env && grep -qx 'USEPEERDNS=1' $ETC/ip-up.env && grep -qx 'IFNAME=pppk0' $ETC/ip-up.env"
ktap_check "words.lock_held" bash -c "[ \$(cat $ETC/LCK..pppk-ia) = $PPPK_PID ]"
ktap_check "words.second_user_refused" bash -c "PPPCTL_LOCK_DIR=$ETC ip netns exec $NS_A $PPPCTL up /tmp/pppk-ia lock 2>&1 | grep -q 'pppk-ia is locked by process $PPPK_PID'"
in_a "$PPPCTL" down pppk0 >/dev/null 2>&1
wait_exit "$PPPK_PID" 15
ktap_check "words.ip_down_ran_before_exit" bash -c "grep -Eqx 'pppk0 /tmp/pppk-ia [1-9][0-9]* 10.0.0.1 10.0.0.2 wan1' $ETC/ip-down.args"
ktap_check "words.lock_removed" test ! -e "$ETC/LCK..pppk-ia"
rig_down
rm -rf "$ETC"

# The scripted peer on the pty's far side; $1 scenario, $2 seconds.
PEER=$(dirname "$0")/ppp_peer.py
start_peer() {
	python3 "$PEER" /tmp/pppk-ib "$1" "$2" >"$ART/$1.peer.out" 2>&1 &
	PEER_PID=$!
}
phases_are() { [ "$(grep -o 'Phase is [A-Z]*' "$ART/$1" | awk '{print $3}' | paste -sd' ')" = "$2" ]; }

# 5. The peer sends a new Configure-Request on an open link.
rig_up
start_peer renegotiate 5
start_pppk renegotiate noip lcp-echo-interval 0
wait_exit "$PEER_PID" 15
sleep 0.5
ktap_check "renegotiate.phases" phases_are renegotiate.pppk.log "ESTABLISHING UP ESTABLISHING UP"
ktap_check "renegotiate.still_up" bash -c "kill -0 $PPPK_PID"
kill "$PEER_PID" 2>/dev/null
rig_down

# 6. A peer without LCP echo: it Code-Rejects our Echo-Requests.
rig_up
start_peer coderej-echo 7
start_pppk coderej_echo noip lcp-echo-interval 1 lcp-echo-failure 2
sleep 6
ktap_check "coderej_echo.keepalives_off" log_has coderej_echo.pppk.log "the peer rejects Echo-Request: keepalives off"
ktap_check "coderej_echo.no_dead_peer" log_lacks coderej_echo.pppk.log "Keepalive lost"
ktap_check "coderej_echo.still_up" bash -c "kill -0 $PPPK_PID"
kill "$PEER_PID" 2>/dev/null
rig_down

# 7. We wait for the peer's PAP; it sends IPCP, then rejects PAP.
rig_up
start_peer auth-protrej 6
start_pppk auth_protrej require-pap noip
wait_exit "$PPPK_PID" 8
ktap_check "auth_protrej.ipcp_not_rejected" bash -c "! grep -q '^I c021 8' $ART/auth-protrej.peer.out"
ktap_check "auth_protrej.ended_at_once" bash -c "! kill -0 $PPPK_PID 2>/dev/null"
ktap_check "auth_protrej.says_why" log_has auth_protrej.pppk.out "the peer rejected PAP (Protocol-Reject) during authentication"
ktap_check "auth_protrej.was_authenticating" log_has auth_protrej.pppk.log "Phase is AUTHENTICATING"
kill "$PEER_PID" 2>/dev/null
rig_down
rm -rf "$SEC"
ktap_finish
