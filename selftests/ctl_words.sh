#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# pppd's words of issue 14 on real links, against Debian's pppd (and pppk
# itself where the wire must be seen): password, mtu, escape, ipv6 L,R,
# unit, linkname and the pid files, replacedefaultroute, idle,
# maxconnect, and the scripts ip-pre-up (waited for), auth-up, auth-down,
# ip-down with pppd's environment.  The rig is interop_pppd's (lib.sh).
set -u
. "$(dirname "$0")/lib.sh"
W=$(mktemp -d)
cleanup() { rig_down; rm -rf "$W"; }
trap cleanup EXIT
mkdir -p "$W/etc" "$W/run"
export PPPCTL_ETC_PPP=$W/etc PPPCTL_RUN_DIR=$W/run

up() {
	local name=$1
	rig_up
	start_pppd "$name" "${PPPD_ARGS[@]}"
	start_pppk "$name" "${PPPK_ARGS[@]}"
}
log_has() { grep -q -- "$2" "$ART/$1"; }
# Wait up to $2 s for command $1 (a string) to succeed.
wait_for() {
	local end=$(($(date +%s) + $2))
	while :; do
		bash -c "$1" && return 0
		[ "$(date +%s)" -lt $end ] || return 1
		sleep 0.2
	done
}

ktap_plan 29

# 1. One pppd link with password (our PAP secret, the secrets file not
# even there, never shown), mtu 1200 (pppd asks MRU 1500: acked, we send
# no more than 1200), escape 45,ff (every IPv4 header starts 0x45: pppd
# still reads them), unit 5 and linkname lte (the pid files; a second
# link on unit 5 refused).
printf 'bob * "b0b pw" *\n' >/etc/ppp/pap-secrets
PPPD_ARGS=(auth require-pap 10.0.0.2:10.0.0.1)
PPPK_ARGS=(user bob password "b0b pw" pap-secrets "$W/none" mtu 1200 escape 45,ff unit 5 linkname lte)
up words
ktap_check "words.ping" wait_ping "$NS_A" 10.0.0.2 30
ktap_check "password.pap_ack" log_has words.pppk.log "PAP: I AUTH-ACK"
ktap_check "password.never_shown" bash -c "! grep -rq 'b0b pw' $ART/words.pppk.log $ART/words.pppk.out && ! ip netns exec $NS_A $PPPCTL -j -s show | grep -q 'b0b'"
ktap_check "mtu.interface_1200" bash -c "[ \"\$(ip netns exec $NS_A cat /sys/class/net/pppk5/mtu)\" = 1200 ]"
ktap_check "mtu.peer_mru_acked" bash -c "! grep -q 'LCP: O CONFNAK' $ART/words.pppk.log"
ktap_check "mtu.df_1200_passes" in_a ping -c 1 -W 5 -q -M do -s 1172 10.0.0.2
ktap_check "mtu.df_1201_refused" bash -c "! ip netns exec $NS_A ping -c 1 -W 2 -q -M do -s 1173 10.0.0.2 >/dev/null 2>&1"
ktap_check "escape.pppd_receives_45_ff" in_a ping -c 3 -i 0.3 -W 5 -q -s 600 -p 45ff 10.0.0.2
ktap_check "unit.pppk5" bash -c "ip netns exec $NS_A ip link show pppk5 >/dev/null"
ktap_check "linkname.pidfile" bash -c "[ \"\$(cat $W/run/ppp-lte.pid)\" = \"$PPPK_PID
pppk5\" ]"
ktap_check "unit.pidfile_ifname" bash -c "[ \"\$(cat $W/run/pppk5.pid)\" = $PPPK_PID ]"
socat PTY,link=/tmp/pppk-ic,raw,echo=0 PTY,link=/tmp/pppk-id,raw,echo=0 &
s2=$!
for _ in $(seq 50); do [ -e /tmp/pppk-ic ] && break; sleep 0.1; done
out=$(ip netns exec "$NS_A" timeout 10 "$PPPCTL" up /tmp/pppk-ic unit 5 2>&1)
echo "# $out"
ktap_check "unit.in_use_refused" bash -c "echo \"\$1\" | grep -qx 'pppctl: unit 5: interface pppk5 is in use'" _ "$out"
kill $s2
kill "$PPPK_PID"
wait_exit "$PPPK_PID" 15
ktap_check "linkname.pidfiles_removed" bash -c "[ ! -e $W/run/ppp-lte.pid ] && [ ! -e $W/run/pppk5.pid ]"
rig_down

# 2. escape 45,ff on the wire: pppk at the far end counts the escapes.
rig_up
start_pppk_b escape_wire 10.0.0.2:10.0.0.1 silent
start_pppk escape_wire escape 45,ff 10.0.0.1:10.0.0.2
wait_ping "$NS_A" 10.0.0.2 30
esc0=$(ip netns exec "$NS_B" "$PPPCTL" -s show pppk0 | sed -n 's/.*rx_escaped \([0-9]*\).*/\1/p')
in_a ping -c 4 -i 0.3 -W 5 -q -s 1000 -p 45ff 10.0.0.2 >/dev/null
esc1=$(ip netns exec "$NS_B" "$PPPCTL" -s show pppk0 | sed -n 's/.*rx_escaped \([0-9]*\).*/\1/p')
echo "# far end rx_escaped ${esc0:-?} -> ${esc1:-?}"
# 4 requests of ~980 octets of 45 ff each (and their headers): without
# escape, only the odd 7d/7e of the timestamps
ktap_check "escape.on_the_wire" bash -c "[ \$(( ${esc1:-0} - ${esc0:-0} )) -ge 3500 ]"
rig_down

# 3. ipv6 ::1,::2: the link-local addresses are fe80::1 and fe80::2.
PPPD_ARGS=(+ipv6 10.0.0.2:10.0.0.1) PPPK_ARGS=(+ipv6 ipv6 ::1,::2 10.0.0.1:10.0.0.2)
up ipv6ids
wait_ping "$NS_A" 10.0.0.2 30
ktap_check "ipv6ids.local" wait_for "ip netns exec $NS_A ip -6 addr show dev pppk0 | grep -q 'inet6 fe80::1 '" 15
ktap_check "ipv6ids.peer_took_remote" wait_for "ip netns exec $NS_B ip -6 addr show dev ppp0 | grep -Eq 'inet6 fe80::2[/ ]'" 15
ktap_check "ipv6ids.ping6" in_a ping -6 -c 2 -W 3 -q fe80::2%pppk0
rig_down

# 4. replacedefaultroute: the default route of ns A goes through the link
# while it is up and comes back after; maxconnect 8 ends the link.
rig_up
in_a ip link add d0 type dummy
in_a ip addr add 192.168.77.1/24 dev d0
in_a ip link set d0 up
in_a ip route add default via 192.168.77.254
start_pppd replace 10.0.0.2:10.0.0.1
start_pppk replace defaultroute replacedefaultroute maxconnect 8 10.0.0.1:10.0.0.2
wait_ping "$NS_A" 10.0.0.2 30
ktap_check "replace.default_via_link" wait_for "ip netns exec $NS_A ip route show default | grep -q 'dev pppk0'" 5
ktap_check "replace.old_one_gone" bash -c "! ip netns exec $NS_A ip route show default | grep -q 192.168.77.254"
wait_exit "$PPPK_PID" 30
ktap_check "maxconnect.expired" log_has replace.pppk.log "Closing: Connect time expired"
ktap_check "replace.restored" bash -c "ip netns exec $NS_A ip route show default | grep -q 'default via 192.168.77.254 dev d0'"
rig_down

# 5. idle 3: no data either way, the link closes ("Link inactive"); data
# keeps it up meanwhile.
PPPD_ARGS=(10.0.0.2:10.0.0.1) PPPK_ARGS=(idle 3 10.0.0.1:10.0.0.2)
up idle
wait_ping "$NS_A" 10.0.0.2 30
in_a ping -c 10 -i 0.5 -q 10.0.0.2 >/dev/null 2>&1
ktap_check "idle.traffic_keeps_it_up" kill -0 "$PPPK_PID"
t0=$(date +%s%N)
wait_exit "$PPPK_PID" 20
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
echo "# closed ${ms} ms after the last ping (idle 3)"
ktap_check "idle.link_inactive" log_has idle.pppk.log "Closing: Link inactive"
ktap_check "idle.after_3_s" bash -c "[ $ms -ge 2500 ] && [ $ms -le 8000 ]"
rig_down
# 6. Scripts: ip-pre-up runs with the address on and the interface down,
# and ip-up waits for it; auth-up/auth-down with pppd's arguments; ip-down
# with the connection's statistics.
cat >"$W/etc/ip-pre-up" <<EOS
#!/bin/sh
{ ip -o link show "\$1" | grep -q ',UP' && echo up || echo down
  ip -o addr show dev "\$1" | grep -q "inet \$4" && echo addr
  echo "\$LINKNAME"; } >$W/pre
sleep 1
date +%s%N >$W/pre.end
EOS
cat >"$W/etc/ip-up" <<EOS
#!/bin/sh
date +%s%N >$W/up.start
EOS
cat >"$W/etc/ip-down" <<EOS
#!/bin/sh
echo "\$CONNECT_TIME \$BYTES_SENT \$BYTES_RCVD \$PEERNAME \$IPLOCAL \$IPREMOTE" >$W/down
EOS
cat >"$W/etc/auth-up" <<EOS
#!/bin/sh
echo "\$# \$1 \$2 \$3 \$4 \$5 \$PEERNAME" >$W/auth-up
EOS
cat >"$W/etc/auth-down" <<EOS
#!/bin/sh
echo "\$1 \$2 \$CONNECT_TIME" >$W/auth-down
EOS
chmod 755 "$W"/etc/*
printf 'maui-soho-03 maui-soho-01 s3cret *\nmaui-soho-01 maui-soho-03 s3cret *\n' >"$W/chap"
cp "$W/chap" /etc/ppp/chap-secrets
PPPD_ARGS=(name maui-soho-03 10.0.0.2:10.0.0.1) PPPK_ARGS=(require-chap name maui-soho-01 user ourname chap-secrets "$W/chap" linkname lk 10.0.0.1:10.0.0.2)
up scripts
wait_ping "$NS_A" 10.0.0.2 30
ktap_check "scripts.pre_up_down_with_address" bash -c "[ \"\$(cat $W/pre)\" = 'down
addr
lk' ]"
ktap_check "scripts.ip_up_after_pre_up" bash -c "[ -s $W/up.start ] && [ \$(cat $W/up.start) -ge \$(cat $W/pre.end) ]"
echo "# auth-up: $(cat $W/auth-up 2>/dev/null)"
# interface, peer name, user name, tty, speed; PEERNAME
ktap_check "scripts.auth_up_args" bash -c "read n i p u t s pn <$W/auth-up && [ \"\$n \$i \$p \$u \$t \$pn\" = '5 pppk0 maui-soho-03 ourname /tmp/pppk-ia maui-soho-03' ]"
sleep 2
in_a ping -c 3 -i 0.3 -q 10.0.0.2 >/dev/null
in_a "$PPPCTL" down pppk0
wait_exit "$PPPK_PID" 15
sleep 1
echo "# ip-down: $(cat $W/down 2>/dev/null); auth-down: $(cat $W/auth-down 2>/dev/null)"
ktap_check "scripts.ip_down_statistics" bash -c "read t s r p l rm <$W/down && [ \$t -ge 3 ] && [ \$s -gt 0 ] && [ \$r -gt 0 ] && [ \$p = maui-soho-03 ] && [ \$l = 10.0.0.1 ] && [ \$rm = 10.0.0.2 ]"
ktap_check "scripts.auth_down" bash -c "read i p t <$W/auth-down && [ \$i = pppk0 ] && [ \$p = maui-soho-03 ] && [ \$t -ge 3 ]"
rig_down
: >/etc/ppp/chap-secrets
: >/etc/ppp/pap-secrets
ktap_finish
