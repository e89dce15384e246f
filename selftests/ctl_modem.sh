#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# pppctl as a pppd user runs it on a 4G modem: `pppctl call lte` with a
# peers file whose connect script is Debian's chat.  The modem is
# selftests/modem_emu.py on a pty: it answers AT commands, and on ATD
# starts pppd (the ISP, in ns pppk-b: PAP required, addresses and DNS
# given) and relays until it hangs up.  Checked: chat dials, PAP with the
# peers file's user, address and DNS taken from the peer (noipdefault
# usepeerdns), the default route, ip-up's arguments and environment,
# resolv.conf; after a hang-up persist redials after holdoff; once dials
# fail maxfail ends it, with exit status 1.  The UUCP lock keeps a second
# pppctl off the line and a stale one is taken over; updetach returns 0
# once the link is up and 1 when negotiation fails.
set -u
. "$(dirname "$0")/lib.sh"
EMU=$(dirname "$0")/modem_emu.py
D=$(mktemp -d)
ETC=$D/etc-ppp
LINE=$D/ttyMODEM
export PPPCTL_ETC_PPP=$ETC PPPCTL_LOCK_DIR=$D/lock
mkdir -p "$ETC/peers" "$D/lock"
EMU_PID= PPPK_PID=

cleanup() {
	[ -n "$EMU_PID" ] && kill "$EMU_PID" 2>/dev/null
	[ -n "$SYSLOG_PID" ] && kill "$SYSLOG_PID" 2>/dev/null
	[ -n "$PPPK_PID" ] && kill -9 "$PPPK_PID" 2>/dev/null
	pkill -f "pppd $D" 2>/dev/null
	pkill -x pppd 2>/dev/null
	pkill -x pppctl 2>/dev/null
	cp "$D"/*.log "$D"/*.out "$D"/*.pppd-out "$ART/" 2>/dev/null
	pair_down
}
trap cleanup EXIT
trap 'exit 1' TERM INT

pair_down
ip netns add "$NS_A"
ip netns add "$NS_B"
in_a ip link set lo up
in_b ip link set lo up
modprobe ppp_async 2>/dev/null
# pppctl's side has a default route already (its LAN): defaultroute must
# say so and leave it; the ISP's address must still be reachable.
in_a ip link add dummy0 type dummy
in_a ip link set dummy0 up
in_a ip addr add 192.168.7.2/24 dev dummy0
in_a ip route add default via 192.168.7.1

# The ISP: PAP with one user, addresses and DNS for the caller.
printf 'lte-user * s3cret-pw *\n' >"$D/pap-secrets"
chmod 600 "$D/pap-secrets"
mkdir -p /etc/ppp
: >/etc/ppp/options
cp "$D/pap-secrets" /etc/ppp/pap-secrets
ISP=(ip netns exec "$NS_B" pppd @TTY@ nodetach local nocrtscts noipdefault
	nodefaultroute nopersist require-pap name isp debug
	logfile "$D/isp.log" 10.64.0.1:10.64.0.2 ms-dns 10.64.0.53 ms-dns 10.64.0.54)

cat >"$D/chat-lte" <<'EOF'
ABORT 'NO CARRIER'
ABORT BUSY
TIMEOUT 5
'' AT
OK ATZ
OK 'AT+CGDCONT=1,"IP","internet"'
OK ATD*99#
CONNECT ''
EOF
cat >"$ETC/peers/lte" <<EOF
# as a pppd user writes it
$LINE
115200
lock
connect "/usr/sbin/chat -v -f $D/chat-lte"
user lte-user
pap-secrets $D/pap-secrets
noipdefault
usepeerdns
defaultroute
noauth
persist
holdoff 2
maxfail 2
debug all
logfile $D/pppctl.log
EOF
# ip-up as pppd runs it: arguments and the environment it gives
cat >"$ETC/ip-up" <<EOF
#!/bin/sh
{ echo "args \$*"; env | grep -E '^(IPLOCAL|IPREMOTE|DNS1|DNS2|USEPEERDNS|IFNAME|DEVICE|SPEED)='; } >>$D/ip-up.out
EOF
chmod +x "$ETC/ip-up"
printf '#!/bin/sh\necho "down $*" >>%s/ip-down.out\n' "$D" >"$ETC/ip-down"
chmod +x "$ETC/ip-down"

# A syslog daemon of our own: what reaches /dev/log, one datagram a line.
start_syslog() {
	rm -f /dev/log
	python3 -c '
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind("/dev/log")
out = open(sys.argv[1], "ab", buffering=0)
while True:
    out.write(s.recv(4096).rstrip(b"\0") + b"\n")
' "$D/syslog.out" &
	SYSLOG_PID=$!
	for _ in $(seq 50); do [ -S /dev/log ] && break; sleep 0.1; done
}
SYSLOG_PID=

start_emu() {
	rm -f "$D/emu.log" "$D/hangup"
	"$EMU" "$LINE" "$D/emu.log" "$1" "$D/hangup" -- "${ISP[@]}" &
	EMU_PID=$!
	for _ in $(seq 50); do [ -e "$LINE" ] && break; sleep 0.1; done
}
stop_emu() {
	kill "$EMU_PID" 2>/dev/null
	wait "$EMU_PID" 2>/dev/null
	EMU_PID=
	pkill -x pppd 2>/dev/null
}
emu_has() { grep -q "$1" "$D/emu.log" 2>/dev/null; }
wait_for() {	# wait_for SECONDS COMMAND...: by the clock, however slow the VM
	local end=$((SECONDS + $1))
	shift
	while [ $SECONDS -lt $end ]; do "$@" && return 0; sleep 0.1; done
	"$@"
}
# Seconds between two events of the emulator's log.
emu_gap() {
	awk -v a="$1" -v b="$2" '$0 ~ a { ta = $1 } $0 ~ b { tb = $1 } END { printf "%d", (tb - ta) * 10 }' "$D/emu.log"
}

ktap_plan 33

# A stale lock (a process that no longer exists) is taken over.
echo "     99999" >"$D/lock/LCK..ttyMODEM"
start_syslog
start_emu 2
ip netns exec "$NS_A" "$PPPCTL" call lte replacedefaultroute >"$D/pppctl.out" 2>&1 &
PPPK_PID=$!

ktap_check "dial.chat_dials" wait_for 30 emu_has "connect 1"
ktap_check "dial.link_up_ping" wait_ping "$NS_A" 10.64.0.1 40
if ! in_a ip link show pppk0 >/dev/null 2>&1; then
	# Nothing else can pass: say why and stop.
	for f in pppctl.out emu.log emu.log.pppd-out isp.log pppctl.log; do
		echo "# ---- $f"
		tail -n 30 "$D/$f" 2>/dev/null | sed 's/^/# /'
	done
	exit 1
fi
ktap_check "dial.pap_user_authenticated" grep -q 'PAP peer authentication succeeded for lte-user' "$D/isp.log"
ktap_check "dial.address_from_peer" bash -c "ip netns exec $NS_A ip -4 addr show dev pppk0 | grep -q 'inet 10.64.0.2 peer 10.64.0.1'"
ktap_check "dial.ip_up_args" wait_for 10 grep -q "^args pppk0 $LINE 115200 10.64.0.2 10.64.0.1" "$D/ip-up.out"
ktap_check "dial.ip_up_env_dns" bash -c "grep -q '^DNS1=10.64.0.53' $D/ip-up.out && grep -q '^DNS2=10.64.0.54' $D/ip-up.out && grep -q '^USEPEERDNS=1' $D/ip-up.out"
ktap_check "dial.resolv_conf" bash -c "grep -q 'nameserver 10.64.0.53' $ETC/resolv.conf && grep -q 'nameserver 10.64.0.54' $ETC/resolv.conf"
default_via() { ip netns exec "$NS_A" ip route show default | grep -q "$1"; }
ktap_check "dial.default_route_replaced" wait_for 10 default_via "dev pppk0"
ktap_check "dial.stale_lock_taken_over" grep -qw "$PPPK_PID" "$D/lock/LCK..ttyMODEM"

# The line is locked: a second pppctl is refused at once, naming the lock.
in_a timeout 20 "$PPPCTL" call lte persist maxfail 1 >"$D/second.out" 2>&1
rc=$?
ktap_check "lock.second_call_refused" bash -c "[ $rc -ne 0 ] && grep -qi 'lock' $D/second.out"
ktap_check "lock.first_still_up" wait_ping "$NS_A" 10.64.0.1 10

# The modem hangs up: persist redials after holdoff, and the link is back.
touch "$D/hangup"
ktap_check "persist.hangup_seen" wait_for 20 emu_has "hangup 1"
# as pppd: ip-down runs after a hang-up too
ktap_check "persist.default_route_restored" wait_for 10 default_via "via 192.168.7.1 dev dummy0"
ktap_check "persist.ip_down_after_hangup" wait_for 10 grep -q "^down pppk0 $LINE 115200 10.64.0.2 10.64.0.1" "$D/ip-down.out"
ktap_check "persist.redials" wait_for 30 emu_has "connect 2"
gap=$(emu_gap 'hangup 1' 'dial 2')
ktap_check "persist.holdoff_respected" test "$gap" -ge 18
ktap_check "persist.link_back" wait_ping "$NS_A" 10.64.0.1 40

# Hang up again: the dials now fail (NO CARRIER) and maxfail 2 ends it.
touch "$D/hangup"
ktap_check "maxfail.ends_controller" wait_exit "$PPPK_PID" 60
wait "$PPPK_PID"
rc=$?
PPPK_PID=
ktap_check "maxfail.exit_status_1" test "$rc" -eq 1
ktap_check "maxfail.two_failed_dials" bash -c "[ \$(grep -c no-carrier $D/emu.log) -eq 2 ]"
ktap_check "maxfail.lock_released" bash -c "! ls $D/lock/LCK..* 2>/dev/null"
# pppd's facility (daemon) and level (notice: <29>), ident with the pid
ktap_check "syslog.reports_as_pppd" grep -q "^<29>.*pppctl\[[0-9]*\]: $LINE: redialling in 2 s" "$D/syslog.out"
ktap_check "syslog.giving_up_logged" grep -q "pppctl\[[0-9]*\]: $LINE: 2 failed attempts in a row" "$D/syslog.out"
stop_emu

# updetach: the command returns 0 once the link is up, the controller
# stays behind; it returns 1 when negotiation fails (PAP refused).
start_emu 5
timeout 90 ip netns exec "$NS_A" "$PPPCTL" call lte nopersist updetach \
	logfile "$D/updetach.log" >"$D/updetach.out" 2>&1
rc=$?
ktap_check "updetach.returns_0_when_up" test "$rc" -eq 0
# up on our side; pppd (the far end) may take a moment more to set up its
# own interface after our Configure-Ack reaches it
ktap_check "updetach.link_up_on_return" wait_ping "$NS_A" 10.64.0.1 10
# without replacedefaultroute an existing default route stays, and it is said
ktap_check "updetach.defaultroute_exists_said" grep -q 'not replacing the existing default route' "$D/updetach.log"
bg=$(pgrep -x pppctl)
ktap_check "updetach.controller_stays" test -n "$bg"
[ -n "$bg" ] && kill $bg
ktap_check "updetach.controller_ends_on_sigterm" wait_for 20 bash -c "! pgrep -x pppctl >/dev/null"
timeout 90 ip netns exec "$NS_A" "$PPPCTL" call lte nopersist updetach user nobody \
	logfile "$D/updetach-fail.log" >"$D/updetach-fail.out" 2>&1
rc=$?
ktap_check "updetach.returns_1_when_auth_fails" bash -c "[ $rc -eq 1 ] && ! pgrep -x pppctl >/dev/null"
stop_emu

# idle with persist: the link is closed after 3 s without data, and the
# next attempt starts at once, skipping holdoff (30 s here), as pppd's
# does.  (Whether that attempt connects is the emulator's race: the far end
# may still be in the data call when chat speaks; a real modem hangs up on
# DTR.  What is pppctl's is that no holdoff comes first.)
start_emu 5
ip netns exec "$NS_A" "$PPPCTL" call lte idle 3 holdoff 30 \
	logfile "$D/idle.log" >"$D/idle.out" 2>&1 &
PPPK_PID=$!
ktap_check "idle.link_up" wait_for 40 emu_has "connect 1"
ktap_check "idle.closed_when_idle" wait_for 20 grep -q 'Link inactive' "$D/idle.out"
after_idle() { awk '/Link inactive/ { f = 1; next } f { print; exit }' "$D/idle.out"; }
attempted() { after_idle | grep -q 'connected\|connect script'; }
ktap_check "idle.next_attempt_at_once" wait_for 20 attempted
ktap_check "idle.redial_skips_holdoff" bash -c "! awk '/Link inactive/ { f = 1; next } f { print; exit }' $D/idle.out | grep -q redialling"
kill "$PPPK_PID"
wait_exit "$PPPK_PID" 15
PPPK_PID=
stop_emu

ktap_finish
