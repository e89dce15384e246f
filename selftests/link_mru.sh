#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# MRUs above 1500, up to RFC 1661's 65535 (IOS POS links use 4470): the
# net_device takes the peer's MRU as its MTU, frames of that size cross
# whole both ways (ping with DF set at exactly the MTU, IPv6 too, and TCP
# bulk, whose segments fill the MTU), including frames whose escaped form
# is larger than a transmit batch (ACCM 0xffffffff at MRU 9000: up to
# 18 KB on the wire, sent in pieces), and the receive side holds only what
# its own MRU allows: a frame over it is counted and dropped.
#
#   ns pppk-a: pppka 10.99.0.1 fd00::1 <== pty ==> ns pppk-b: pppkb 10.99.0.2 fd00::2
set -u
. "$(dirname "$0")/lib.sh"
trap pair_down EXIT
SIZE=$((1024 * 1024))
CASES=("4470" "9000 tx_accm=0xffffffff rx_accm=0xffffffff" "65535")
# The debug kernel (KASAN on every access, in software emulation): the one
# case where every frame goes out in pieces, with less data.
if [ "${PPPK_KERNEL_KIND:-}" = debug ]; then
	SIZE=$((128 * 1024))
	CASES=("${CASES[1]}")
fi
data=$(mktemp)
head -c $SIZE /dev/urandom >"$data"

mtu_of() { ip netns exec "$1" cat "/sys/class/net/$2/mtu"; }

ktap_plan $((${#CASES[@]} * 6 + 3))
for c in "${CASES[@]}"; do
	read -r mru opts <<<"$c"
	name="mru_$mru${opts:+_accm_ffffffff}"
	pair_down
	# shellcheck disable=SC2086
	if ! pair_up tx_mru=$mru rx_mru=$mru $opts; then
		for t in mtu ping4_df ping6 ping4_b_to_a tcp_a_to_b no_errors; do
			ktap_fail "$name.$t" "link set-up failed"
		done
		continue
	fi
	if [ "$(mtu_of "$NS_A" pppka)" = "$mru" ] && [ "$(mtu_of "$NS_B" pppkb)" = "$mru" ]; then
		ktap_ok "$name.mtu"
	else
		ktap_fail "$name.mtu" "MTU $(mtu_of "$NS_A" pppka)/$(mtu_of "$NS_B" pppkb), peer MRU $mru"
	fi
	# IPv4 and ICMP headers: 28 octets; IPv6 and ICMPv6: 48.  The
	# largest IPv4 datagram is 65535, so ping stops there.
	s4=$((mru - 28)); [ $s4 -gt 65507 ] && s4=65507
	ktap_check "$name.ping4_df" in_a ping -c 2 -i 0.3 -W 5 -q -M do -s $s4 10.99.0.2
	ktap_check "$name.ping6" in_a ping -6 -c 2 -i 0.3 -W 5 -q -M do -s $((mru - 48)) fd00::2
	ktap_check "$name.ping4_b_to_a" in_b ping -c 2 -i 0.3 -W 5 -q -M do -s $s4 10.99.0.1
	ktap_check "$name.tcp_a_to_b" tcp_copy "$NS_A" to "$NS_B" 10.99.0.2 "$data"
	bad=0
	for k in rx_bad_fcs rx_oversize rx_aborts; do
		bad=$((bad + $(link_get "$NS_A" pppka $k) + $(link_get "$NS_B" pppkb $k)))
	done
	if [ "$bad" -eq 0 ]; then ktap_ok "$name.no_errors"; else ktap_fail "$name.no_errors" "$bad bad frames"; fi
done

# The receiving end holds its own MRU: A may send 9000, B takes 1500.
pair_down
pair_up
in_a "$PPPK_NL" set pppka tx_mru=9000
before=$(link_get "$NS_B" pppkb rx_oversize)
if in_a ping -c 2 -i 0.3 -W 2 -q -M do -s 8000 10.99.0.2 >/dev/null; then
	ktap_fail "over_own_mru_dropped" "an 8028-octet frame went through an MRU of 1500"
else
	ktap_ok "over_own_mru_dropped"
fi
after=$(link_get "$NS_B" pppkb rx_oversize)
if [ "${after:-0}" -gt "${before:-0}" ]; then
	ktap_ok "over_own_mru_counted"
else
	ktap_fail "over_own_mru_counted" "rx_oversize ${before:-?} -> ${after:-?}"
fi
# No MTU beyond the 16-bit MRU.
if in_a ip link set pppka mtu 65536 2>/dev/null; then
	ktap_fail "mtu_above_65535_refused" "ip link set mtu 65536 succeeded"
else
	ktap_ok "mtu_above_65535_refused"
fi
ktap_finish
