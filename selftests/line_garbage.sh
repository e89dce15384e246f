#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# 100 MB of random octets into the line of a link: no kernel warning (the
# harness checks the log), the receive counters grow, and the link still
# passes traffic afterwards.
set -u
. "$(dirname "$0")/lib.sh"
trap 'pair_down; pkill -x socat' EXIT
MB=${GARBAGE_MB:-100}

ktap_plan 4
socat PTY,link=/tmp/pppk-gm,raw,echo=0 PTY,link=/tmp/pppk-gs,raw,echo=0 &
for _ in $(seq 50); do [ -e /tmp/pppk-gs ] && break; sleep 0.1; done
"$PPPK_NL" new /tmp/pppk-gs pppk-garbage >/dev/null
"$PPPK_NL" set pppk-garbage lcp_open=1 ipv4=1
start=$(date +%s)
head -c $((MB * 1024 * 1024)) /dev/urandom >/tmp/pppk-gm
rc=$?
sleep 1
echo "# ${MB} MB written in $(( $(date +%s) - start )) s"
"$PPPK_NL" get pppk-garbage | grep -E '^rx_' | sed 's/^/# /'
[ $rc -eq 0 ] && ktap_ok "wrote_${MB}MB" || ktap_fail "wrote_${MB}MB"
junk=$(( $("$PPPK_NL" get pppk-garbage | awk -F= '/^rx_(bad_fcs|runts|aborts|oversize|bad_header)=/ { s += $2 } END { print s }') ))
[ "$junk" -gt 1000 ] && ktap_ok "errors_counted" || ktap_fail "errors_counted" "$junk"
esc=$("$PPPK_NL" get pppk-garbage | sed -n "s/^rx_escaped=//p")
[ "${esc:-0}" -gt 100000 ] && ktap_ok "escapes_counted" || ktap_fail "escapes_counted" "${esc:-none}"
"$PPPK_NL" del pppk-garbage && ktap_ok "link_deleted_after" || ktap_fail "link_deleted_after"
ktap_finish
