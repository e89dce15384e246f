#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# IPv4 and IPv6 cross a pppk link pair over a pty, ends in two network
# namespaces, with state forced over netlink (no controller): ping and a
# TCP bulk transfer both ways with the payload verified, under ACCM 0 and
# 0xffffffff, with and without PFC/ACFC, and with FCS-32.  The escape
# counters show the ACCM really applied, and mismatched settings really
# break the link.
#
#   ns pppk-a: pppka 10.99.0.1 fd00::1 <== pty ==> ns pppk-b: pppkb 10.99.0.2 fd00::2
set -u
. "$(dirname "$0")/lib.sh"
trap pair_down EXIT
SIZE=$((2 * 1024 * 1024))
# The debug kernel checks every access: less data, and (below) the
# plainest case and the one with the most framing options.
debug=; [ "${PPPK_KERNEL_KIND:-}" = debug ] && debug=1
[ -n "$debug" ] && SIZE=$((256 * 1024))
data=$(mktemp)
head -c $SIZE /dev/urandom >"$data"

CASES=("tx_accm=0 rx_accm=0"
       "tx_accm=0xffffffff rx_accm=0xffffffff"
       "tx_accm=0 rx_accm=0 pfc=1 acfc=1"
       "tx_accm=0x000a0000 rx_accm=0x000a0000 tx_fcs32=1 rx_fcs32=1")
[ -n "$debug" ] && CASES=("${CASES[0]}" "${CASES[3]}")
ktap_plan $((${#CASES[@]} * 7 + 3))
for c in "${CASES[@]}"; do
	name=$(echo "$c" | tr ' =' '_-')
	pair_down
	# shellcheck disable=SC2086
	if ! pair_up $c; then
		for t in ping4 ping6 tcp_a_to_b tcp_b_to_a ping6_b_to_a no_errors; do
			ktap_fail "$name.$t" "link set-up failed"
		done
		continue
	fi
	ktap_check "$name.ping4" in_a ping -c 3 -i 0.2 -W 5 -q 10.99.0.2
	ktap_check "$name.ping6" in_a ping -6 -c 3 -i 0.2 -W 5 -q fd00::2
	ktap_check "$name.ping6_b_to_a" in_b ping -6 -c 2 -i 0.2 -W 5 -q fd00::1
	ktap_check "$name.tcp_a_to_b" tcp_copy "$NS_A" to "$NS_B" 10.99.0.2 "$data"
	ktap_check "$name.tcp_b_to_a" tcp_copy "$NS_B" to "$NS_A" fd00::1 "$data"
	bad=$(( $(link_get "$NS_A" pppka rx_bad_fcs) + $(link_get "$NS_B" pppkb rx_bad_fcs) ))
	if [ "$bad" -eq 0 ]; then ktap_ok "$name.no_errors"; else ktap_fail "$name.no_errors" "$bad bad FCS"; fi
	# B received one random bulk: ACCM 0 escapes 2 octets in 256 (8
	# per mille), 0x000a0000 4 (16), 0xffffffff 34 (133).
	esc=$(link_get "$NS_B" pppkb rx_escaped)
	per_mille=$(( esc * 1000 / SIZE ))
	echo "# $name: $esc escapes received, ${per_mille} per mille of the bulk data"
	case $c in
	*0xffffffff*) [ $per_mille -ge 100 ] ;;
	*0x000a0000*) [ $per_mille -ge 12 ] && [ $per_mille -lt 50 ] ;;
	*) [ $per_mille -lt 12 ] ;;
	esac && ktap_ok "$name.escape_rate" || ktap_fail "$name.escape_rate" "$per_mille per mille"
done
# ip -s link must count the traffic: at least a packet per 2 KiB of the
# last case's bulk data (it crossed both ways).
pkts=$(in_b ip -j -s link show pppkb | sed -n 's/.*"rx":{"bytes":[0-9]*,"packets":\([0-9]*\).*/\1/p')
if [ "${pkts:-0}" -gt $((SIZE / 2048)) ]; then ktap_ok "ip_s_link_counts"; else ktap_fail "ip_s_link_counts" "rx packets ${pkts:-none}"; fi

# Negative controls: settings that disagree must break the link.
pair_down
pair_up
in_a "$PPPK_NL" set pppka tx_fcs32=1
if in_a ping -c 2 -i 0.2 -W 1 -q 10.99.0.2 >/dev/null; then
	ktap_fail "fcs_mismatch_breaks_link" "ping passed"
else
	ktap_ok "fcs_mismatch_breaks_link"
fi
pair_down
pair_up
in_a "$PPPK_NL" set pppka tx_accm=0
in_b "$PPPK_NL" set pppkb rx_accm=0xffffffff
# The ICMP payload carries octets 0x00-0x1f: unescaped they are discarded.
in_a ping -c 2 -i 0.2 -W 1 -q 10.99.0.2 >/dev/null
dropped=$(link_get "$NS_B" pppkb rx_accm_discarded)
if [ "${dropped:-0}" -gt 0 ]; then ktap_ok "accm_mismatch_discards"; else ktap_fail "accm_mismatch_discards" "nothing discarded"; fi
rm -f "$data"
ktap_finish
