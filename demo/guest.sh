#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The demo, run inside the test VM with pppk.ko loaded by the harness: a
# pppk link against Debian's pppd over a pty pair, CHAP in both directions
# (the names of Cisco's troubleshooting note), the negotiation printed as
# 'debug ppp negotiation' shows it, then pppctl show, a ping, and pppctl
# down.
#
#   ns pppk-a: pppctl up (maui-soho-01, 172.22.1.1) <== pty ==> pppd (maui-soho-03, 172.22.1.2), ns pppk-b
set -u
. "$PPPK_REPO/selftests/lib.sh"
trap rig_down EXIT
say() { printf '\n\033[1m# %s\033[0m\n' "$*"; }

rig_up
SEC=$(mktemp -d)
printf 'maui-soho-03 maui-soho-01 s3cret *\nmaui-soho-01 maui-soho-03 s3cret *\n' >"$SEC/chap-secrets"
cp "$SEC/chap-secrets" /etc/ppp/chap-secrets
ART=$SEC

say "pppd in namespace pppk-b: auth require-chap name maui-soho-03 172.22.1.2:172.22.1.1"
start_pppd demo auth require-chap name maui-soho-03 172.22.1.2:172.22.1.1
say "pppctl up /tmp/pppk-ia require-chap name maui-soho-01 chap-secrets ... 172.22.1.1:172.22.1.2 debug"
start_pppk demo require-chap name maui-soho-01 chap-secrets "$SEC/chap-secrets" \
	172.22.1.1:172.22.1.2 lcp-echo-interval 2 lcp-echo-failure 3
wait_ping "$NS_A" 172.22.1.2 60 || echo "(the link did not come up)"

say "debug ppp negotiation (pppctl's log)"
cat "$SEC/demo.pppk.log"
say "pppctl show"
in_a "$PPPCTL" show
say "pppctl -s show pppk0"
in_a "$PPPCTL" -s show pppk0
say "ping -c 3 172.22.1.2"
in_a ping -c 3 172.22.1.2
say "ip -s link show pppk0"
in_a ip -s link show pppk0
say "pppctl down pppk0"
in_a "$PPPCTL" down pppk0
tail -n 6 "$SEC/demo.pppk.log"
say "pppd's view"
grep -E "CHAP|local  IP|remote IP|terminated" "$SEC/demo.pppd.log"
rm -rf "$SEC"
