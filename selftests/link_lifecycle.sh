#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Links come and go cleanly: created with the interface name asked for,
# shown by dump, deleted by command; a tty hang-up takes the link down with
# an event; a controller that goes away is reported and a new one can adopt
# the link.  Links are an rtnetlink kind: "ip -d link" names it, "ip link
# del" deletes, "ip link add" is refused, a namespace takes its links with
# it; rmmod is refused while a tty has the discipline and works once the
# ttys are let go.
set -u
. "$(dirname "$0")/lib.sh"
trap 'pair_down; pkill -x socat' EXIT

ktap_plan 17
mon=$(mktemp)
"$PPPK_NL" monitor 30 >"$mon" &
sleep 0.5

# A tty on a socat pty pair; closing socat hangs the slave up.
socat PTY,link=/tmp/pppk-m,raw,echo=0 PTY,link=/tmp/pppk-s,raw,echo=0 &
socatpid=$!
for _ in $(seq 50); do [ -e /tmp/pppk-s ] && break; sleep 0.1; done
name=$("$PPPK_NL" new /tmp/pppk-s pppk-life)
[ "$name" = pppk-life ] && ktap_ok "created_with_name" || ktap_fail "created_with_name" "got '$name'"
ip -d link show pppk-life | grep -q 'link/ppp' && ktap_ok "is_ppp_netdev" || ktap_fail "is_ppp_netdev"
"$PPPCTL" show | grep -q pppk-life && ktap_ok "dump_lists_link" || ktap_fail "dump_lists_link"
grep -q "pppk-life created" "$mon" && ktap_ok "created_event" || ktap_fail "created_event"

# Controller: adopt, go away, be reported.
"$PPPK_NL" recv pppk-life 1 2>/dev/null
[ "$("$PPPK_NL" get pppk-life | sed -n "s/^controller=//p")" = 0 ] &&
	ktap_ok "controller_cleared_on_close" || ktap_fail "controller_cleared_on_close"
sleep 0.3
grep -q "pppk-life controller_gone" "$mon" && ktap_ok "controller_gone_event" || ktap_fail "controller_gone_event"

kill $socatpid
wait $socatpid 2>/dev/null
for _ in $(seq 50); do ip link show pppk-life >/dev/null 2>&1 || break; sleep 0.1; done
ip link show pppk-life >/dev/null 2>&1 && ktap_fail "hangup_removes_link" || ktap_ok "hangup_removes_link"
grep -q "pppk-life hangup" "$mon" && ktap_ok "hangup_event" || ktap_fail "hangup_event"

pair_up
in_a ip -d -j link show pppka | grep -q '"info_kind":"pppk"' &&
	ktap_ok "link_kind_is_pppk" || ktap_fail "link_kind_is_pppk" "$(in_a ip -d link show pppka)"
in_a ip link add pppkx type pppk 2>/dev/null && ktap_fail "ip_link_add_refused" || ktap_ok "ip_link_add_refused"
rmmod pppk 2>/dev/null && ktap_fail "rmmod_refused_while_a_tty_has_pppk" ||
	ktap_ok "rmmod_refused_while_a_tty_has_pppk"
in_a ip link del pppka && ! in_a ip link show pppka >/dev/null 2>&1 &&
	ktap_ok "deleted_by_ip_link_del" || ktap_fail "deleted_by_ip_link_del"
# pppka's tty, the pty master, closed with it: pppkb's slave hangs up.
for _ in $(seq 50); do in_b ip link show pppkb >/dev/null 2>&1 || break; sleep 0.1; done
in_b ip link show pppkb >/dev/null 2>&1 && ktap_fail "peer_tty_hangs_up" || ktap_ok "peer_tty_hangs_up"
pppk_unload && ktap_ok "rmmod_once_ttys_let_go" || ktap_fail "rmmod_once_ttys_let_go" "$(lsmod | grep pppk)"
insmod "$PPPK_KO"
pair_down

pair_up
in_a "$PPPK_NL" del pppka && ! in_a ip link show pppka >/dev/null 2>&1 &&
	ktap_ok "deleted_by_command" || ktap_fail "deleted_by_command"
in_a "$PPPK_NL" del pppka 2>/dev/null && ktap_fail "delete_twice_fails" || ktap_ok "delete_twice_fails"
# The namespaces go, and their links with them: every tty let go.
pair_down
pppk_unload && ktap_ok "netns_exit_lets_ttys_go" || ktap_fail "netns_exit_lets_ttys_go" "$(lsmod | grep pppk)"
insmod "$PPPK_KO"
ktap_finish
