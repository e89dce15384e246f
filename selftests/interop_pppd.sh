#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# pppk against the PPP every Linux box has: Debian's pppd with ppp_async,
# over a pty pair, ends in two network namespaces.  Each scenario brings
# the link up, pings across and checks what both sides logged; a few move
# TCP data too.  Debug logs of both sides are kept as artifacts.
#
#   ns pppk-a: pppctl up /tmp/pppk-ia  <== pty ==>  /tmp/pppk-ib: pppd, ns pppk-b
set -u
. "$(dirname "$0")/lib.sh"
trap rig_down EXIT
ECHO="lcp-echo-interval 1 lcp-echo-failure 3"
DEAD_MS=8000	# 3-4 s by the settings, with slack for a loaded VM
# The debug kernel (KASAN, lockdep, ... in software emulation) runs the
# scenarios that cross the most kernel code: no auth with TCP, CHAP each
# way and both with TCP, pppd killed, pppk against pppk.  Keepalives get
# more room there, still well apart from the defaults (10 s x 5).
full_run() { [ "${PPPK_KERNEL_KIND:-}" != debug ]; }
if ! full_run; then
	ECHO="lcp-echo-interval 2 lcp-echo-failure 3"
	DEAD_MS=14000
fi
SEC=$(mktemp -d)

# A scenario: $1 name; PPPD_ARGS and PPPK_ARGS arrays; checks follow.
up() {
	local name=$1
	rig_up
	start_pppd "$name" "${PPPD_ARGS[@]}"
	start_pppk "$name" "${PPPK_ARGS[@]}"
}

log_has() { grep -q -- "$2" "$ART/$1"; }

# 256 KiB over TCP from ns A to $1 in ns B, intact.
tcp_check() {
	local f rc
	f=$(mktemp)
	head -c 262144 /dev/urandom >"$f"
	tcp_copy "$NS_A" to "$NS_B" "$1" "$f"
	rc=$?
	rm -f "$f"
	return $rc
}

if full_run; then
	ktap_plan 51
else
	echo "TAP version 13"
fi

# 1. No authentication, addresses on both sides, CCP and IPV6CP refused.
PPPD_ARGS=(10.0.0.2:10.0.0.1) PPPK_ARGS=(10.0.0.1:10.0.0.2 $ECHO)
up noauth
ktap_check "noauth.ping" wait_ping "$NS_A" 10.0.0.2 30
ktap_check "noauth.tcp" tcp_check 10.0.0.2
ktap_check "noauth.route_installed_logged" log_has noauth.pppk.log "IPCP: Install route to 10.0.0.2"
ktap_check "noauth.ccp_refused" log_has noauth.pppd.log "Protocol-Reject for 'Compression Control Protocol'"
ktap_check "noauth.show_lists_link" bash -c "ip netns exec $NS_A $PPPCTL show | grep -q pppk0"
# TERMREQ from pppk: SIGTERM to pppctl.
kill "$PPPK_PID"
wait_exit "$PPPK_PID" 15
ktap_check "noauth.pppk_terminates" log_has noauth.pppd.log "LCP terminated by peer"
rig_down

# 1b. A jumbo MRU both ways (pppd allows up to 16384): frames of 9000
# octets, more than pppk's transmit batch holds escaped, cross whole.
if full_run; then
PPPD_ARGS=(mru 9000 10.0.0.2:10.0.0.1) PPPK_ARGS=(mru 9000 10.0.0.1:10.0.0.2)
up jumbo
ktap_check "jumbo.ping" wait_ping "$NS_A" 10.0.0.2 30
ktap_check "jumbo.mtu_is_peer_mru" bash -c "[ \$(ip netns exec $NS_A cat /sys/class/net/pppk0/mtu) = 9000 ]"
ktap_check "jumbo.ping_9000_df" in_a ping -c 2 -i 0.3 -W 5 -q -M do -s 8972 10.0.0.2
ktap_check "jumbo.tcp" tcp_check 10.0.0.2
rig_down
fi

# 2. PAP, pppk authenticates pppd.
if full_run; then
printf 'alice * "alice pw" 10.0.0.2\n' >"$SEC/pap-a"
printf 'alice * "alice pw"\n' >/etc/ppp/pap-secrets
PPPD_ARGS=(user alice) PPPK_ARGS=(require-pap pap-secrets "$SEC/pap-a" 10.0.0.1:10.0.0.2)
up pap_by_pppk
ktap_check "pap_by_pppk.ping" wait_ping "$NS_A" 10.0.0.2 30
ktap_check "pap_by_pppk.auth_ack_logged" log_has pap_by_pppk.pppk.log "PAP: O AUTH-ACK"
ktap_check "pap_by_pppk.password_not_logged" bash -c "! grep -q 'alice pw' $ART/pap_by_pppk.pppk.log"
ktap_check "pap_by_pppk.show_json" bash -c "ip netns exec $NS_A $PPPCTL -j -s show | python3 -m json.tool >/dev/null"
ktap_check "pap_by_pppk.show_lcp_ipcp_open" bash -c "ip netns exec $NS_A $PPPCTL show pppk0 | grep -q 'LCP Open  IPCP Open'"
ktap_check "pap_by_pppk.down" bash -c "ip netns exec $NS_A $PPPCTL down pppk0"
ktap_check "pap_by_pppk.down_sends_termreq" log_has pap_by_pppk.pppd.log "LCP terminated by peer"
rig_down
fi

# 3. PAP, pppd authenticates pppk.
if full_run; then
printf 'bob * bobpw *\n' >"$SEC/pap-b"
printf 'bob * bobpw *\n' >/etc/ppp/pap-secrets
PPPD_ARGS=(auth require-pap 10.0.0.2:10.0.0.1) PPPK_ARGS=(user bob pap-secrets "$SEC/pap-b")
up pap_by_pppd
ktap_check "pap_by_pppd.ping" wait_ping "$NS_A" 10.0.0.2 30
ktap_check "pap_by_pppd.peer_accepted" log_has pap_by_pppd.pppk.log "PAP: I AUTH-ACK"
rig_down
fi

# 4-6. CHAP each way and both; names as in Cisco's note.
printf 'maui-soho-03 maui-soho-01 s3cret *\nmaui-soho-01 maui-soho-03 s3cret *\n' >"$SEC/chap"
cp "$SEC/chap" /etc/ppp/chap-secrets
PPPD_ARGS=(name maui-soho-03 10.0.0.2:10.0.0.1) PPPK_ARGS=(require-chap name maui-soho-01 chap-secrets "$SEC/chap")
up chap_by_pppk
ktap_check "chap_by_pppk.ping" wait_ping "$NS_A" 10.0.0.2 30
ktap_check "chap_by_pppk.success_logged" log_has chap_by_pppk.pppk.log "CHAP: O SUCCESS"
rig_down
PPPD_ARGS=(auth require-chap name maui-soho-03 10.0.0.2:10.0.0.1) PPPK_ARGS=(name maui-soho-01 chap-secrets "$SEC/chap")
up chap_by_pppd
ktap_check "chap_by_pppd.ping" wait_ping "$NS_A" 10.0.0.2 30
ktap_check "chap_by_pppd.success_logged" log_has chap_by_pppd.pppk.log "CHAP: I SUCCESS"
rig_down
PPPD_ARGS=(auth require-chap name maui-soho-03 10.0.0.2:10.0.0.1) PPPK_ARGS=(require-chap name maui-soho-01 chap-secrets "$SEC/chap")
up chap_both
ktap_check "chap_both.ping" wait_ping "$NS_A" 10.0.0.2 30
ktap_check "chap_both.phase_by_both" log_has chap_both.pppk.log "Phase is AUTHENTICATING, by both"
# pppd escapes with ACCM 0 right after its Ack: nothing may be lost to it.
ktap_check "chap_both.no_accm_losses" bash -c "ip netns exec $NS_A $PPPCTL -s show pppk0 | grep -Eq 'rx_accm_discarded 0( |$)'"
ktap_check "chap_both.tcp" tcp_check 10.0.0.2
rig_down

# 7. Wrong secret: both sides fail cleanly, with the right lines.
if full_run; then
printf 'maui-soho-03 maui-soho-01 wrong\n' >"$SEC/chap-bad"
PPPD_ARGS=(name maui-soho-03 10.0.0.2:10.0.0.1) PPPK_ARGS=(require-chap name maui-soho-01 chap-secrets "$SEC/chap-bad")
up chap_wrong
wait_exit "$PPPK_PID" 30
ktap_check "chap_wrong.pppk_failure_sent" log_has chap_wrong.pppk.log "CHAP: O FAILURE"
ktap_check "chap_wrong.pppd_sees_failure" log_has chap_wrong.pppd.log "CHAP authentication failed"
ktap_check "chap_wrong.pppk_exited" bash -c "! kill -0 $PPPK_PID 2>/dev/null"
rig_down
fi

# 7b. The peer may use only the addresses its secrets entry lists: pppd
# (not authenticating us, answering our CHAP) asks 10.0.0.50 for itself,
# its entry allows 10.0.0.7; with ipcp-accept-local pppd takes our Nak and
# the link comes up with 10.0.0.7, and no route goes to 10.0.0.50.
if full_run; then
printf 'maui-soho-03 maui-soho-01 s3cret 10.0.0.7\n' >"$SEC/chap-addr"
PPPD_ARGS=(name maui-soho-03 ipcp-accept-local 10.0.0.50:10.0.0.1) PPPK_ARGS=(require-chap name maui-soho-01 chap-secrets "$SEC/chap-addr" 10.0.0.1:)
up addr_list
ktap_check "addr_list.ping_allowed_address" wait_ping "$NS_A" 10.0.0.7 30
ktap_check "addr_list.nak_to_allowed_address" log_has addr_list.pppk.log "IPCP: O CONFNAK"
ktap_check "addr_list.pppd_took_allowed_address" log_has addr_list.pppd.log "local  IP address 10.0.0.7"
ktap_check "addr_list.route_to_allowed_address" log_has addr_list.pppk.log "IPCP: Install route to 10.0.0.7"
ktap_check "addr_list.asked_address_not_routed" bash -c "! ip netns exec $NS_A ip route show dev pppk0 | grep -q 10.0.0.50"
rig_down
fi

# 8. pppd asyncmap 0 against pppk's default, and mru 296.
if full_run; then
PPPD_ARGS=(asyncmap 0 mru 296 10.0.0.2:10.0.0.1) PPPK_ARGS=(default-asyncmap)
up mru296
ktap_check "mru296.ping_large" bash -c "for i in \$(seq 60); do ip netns exec $NS_A ping -c 1 -W 1 -s 1000 -q 10.0.0.2 >/dev/null 2>&1 && exit 0; sleep 0.5; done; exit 1"
ktap_check "mru296.mtu_296" bash -c "ip netns exec $NS_A ip link show pppk0 | grep -q 'mtu 296'"
rig_down
fi

# 9. Address assignment both ways, and ms-dns to a usepeerdns pppd.
if full_run; then
PPPD_ARGS=(noipdefault usepeerdns) PPPK_ARGS=(10.0.0.1:10.0.0.7 ms-dns 10.9.9.9)
up assign_to_pppd
ktap_check "assign_to_pppd.ping" wait_ping "$NS_A" 10.0.0.7 30
ktap_check "assign_to_pppd.dns_given" log_has assign_to_pppd.pppd.log "primary   DNS address 10.9.9.9"
rig_down
PPPD_ARGS=(10.0.0.2:10.0.0.9) PPPK_ARGS=()
up assign_to_pppk
ktap_check "assign_to_pppk.ping" wait_ping "$NS_A" 10.0.0.2 30
ktap_check "assign_to_pppk.address_taken" bash -c "ip netns exec $NS_A ip addr show pppk0 | grep -q 'inet 10.0.0.9'"
rig_down
fi

# 10. IPv6 link-local addresses through IPV6CP.
if full_run; then
PPPD_ARGS=(+ipv6 10.0.0.2:10.0.0.1) PPPK_ARGS=(+ipv6)
up ipv6
ktap_check "ipv6.ping4" wait_ping "$NS_A" 10.0.0.2 30
ll=$(ip netns exec "$NS_B" ip -6 addr show dev ppp0 scope link 2>/dev/null | sed -n 's/.*inet6 \(fe80::[0-9a-f:]*\).*/\1/p' | head -n1)
ktap_check "ipv6.ping6_link_local" bash -c "ip netns exec $NS_A ping -6 -c 2 -W 3 -q ${ll:-fe80::1}%pppk0 >/dev/null"
rig_down
fi

# 11. pppd killed: pppk declares the peer dead within interval x failures.
PPPD_ARGS=(10.0.0.2:10.0.0.1) PPPK_ARGS=($ECHO)
up killed
wait_ping "$NS_A" 10.0.0.2 30
kill -9 "$PPPD_PID"
t0=$(date +%s%N)
for _ in $(seq 100); do log_has killed.pppk.log "Keepalive lost" && break; sleep 0.1; done
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
echo "# pppk declared the peer dead ${ms} ms after pppd was killed ($ECHO)"
ktap_check "killed.dead_peer_logged" log_has killed.pppk.log "Keepalive lost"
# 3-4 s by the settings (6-8 s on the debug kernel); the slack absorbs a
# loaded VM, and still tells them from the defaults (10 s x 5)
[ $ms -le $DEAD_MS ] && ktap_ok "killed.within_interval_x_failures" || ktap_fail "killed.within_interval_x_failures" "${ms} ms"
ktap_check "killed.pppk_exits" wait_exit "$PPPK_PID" 20
rig_down

# 12. TERMREQ from pppd.
if full_run; then
PPPD_ARGS=(10.0.0.2:10.0.0.1) PPPK_ARGS=()
up pppd_terminates
wait_ping "$NS_A" 10.0.0.2 30
kill "$PPPD_PID"
wait_exit "$PPPK_PID" 15
ktap_check "pppd_terminates.termreq_received" log_has pppd_terminates.pppk.log "LCP: I TERMREQ"
ktap_check "pppd_terminates.pppk_exited" bash -c "! kill -0 $PPPK_PID 2>/dev/null"
rig_down
fi

# 13. pppk against pppk, CHAP both ways.
rig_up
start_pppk_b pppk_pppk require-chap name maui-soho-03 chap-secrets "$SEC/chap" 10.0.0.2:10.0.0.1 silent
start_pppk pppk_pppk require-chap name maui-soho-01 chap-secrets "$SEC/chap" 10.0.0.1:10.0.0.2
ktap_check "pppk_pppk.ping" wait_ping "$NS_A" 10.0.0.2 30
ktap_check "pppk_pppk.chap_both_ways" bash -c "grep -q 'CHAP: O SUCCESS' $ART/pppk_pppk.pppk.log && grep -q 'CHAP: O SUCCESS' $ART/pppk_pppk.pppk-b.log"
ktap_check "pppk_pppk.tcp" tcp_check 10.0.0.2
rig_down
rm -rf "$SEC"
full_run || echo "1..$KTAP_N"
ktap_finish
