#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Control frames cross the link between controllers over netlink: what one
# controller sends the other receives byte for byte, whatever the protocol
# (LCP, PAP, CHAP, IPCP, unknown ones); the data protocols are refused;
# Echo-Requests are answered by the kernel and never reach the controller;
# LCP Configure-Requests go out with the default ACCM even after ACCM 0 was
# negotiated, visible in the peer's escape counter.
set -u
. "$(dirname "$0")/lib.sh"
trap pair_down EXIT

ktap_plan 8
pair_up magic=0x01020304
in_b "$PPPK_NL" set pppkb magic=0x05060708
got=$(mktemp)
in_b "$PPPK_NL" recv pppkb 10 4 >"$got" 2>/dev/null &
rpid=$!
sleep 0.5

LCP_CONFREQ=0101000e0506507a214d03040c00
PAP_REQ=0101000c047573657202707700
UNKNOWN=01020008deadbeef
in_a "$PPPK_NL" send pppka 0xc021 $LCP_CONFREQ
in_a "$PPPK_NL" send pppka 0xc023 $PAP_REQ
in_a "$PPPK_NL" send pppka 0x8281 $UNKNOWN
# An Echo-Request from A's controller: B's kernel answers, B's controller
# must not see it; A's kernel takes the reply.
in_a "$PPPK_NL" send pppka 0xc021 09070008aabbccdd
in_a "$PPPK_NL" send pppka 0x80fd 0105000401
wait $rpid
cat "$got" | sed 's/^/# got: /'

grep -qx "0xc021 $LCP_CONFREQ" "$got" && ktap_ok "lcp_frame_delivered" || ktap_fail "lcp_frame_delivered"
grep -qx "0xc023 $PAP_REQ" "$got" && ktap_ok "pap_frame_delivered" || ktap_fail "pap_frame_delivered"
grep -qx "0x8281 $UNKNOWN" "$got" && ktap_ok "unknown_protocol_delivered" || ktap_fail "unknown_protocol_delivered"
grep -q "^0xc021 09" "$got" && ktap_fail "echo_request_kept_in_kernel" || ktap_ok "echo_request_kept_in_kernel"
[ "$(link_get "$NS_A" pppka echo_rep_rcvd)" -ge 1 ] && ktap_ok "echo_reply_taken_by_kernel" ||
	ktap_fail "echo_reply_taken_by_kernel"

in_a "$PPPK_NL" send pppka 0x0021 4500 2>/dev/null && ktap_fail "ipv4_refused" || ktap_ok "ipv4_refused"
in_a "$PPPK_NL" send pppka 0x0022 00 2>/dev/null && ktap_fail "even_protocol_refused" || ktap_ok "even_protocol_refused"

# ACCM 0 negotiated: a Configure-Request full of control octets is still
# sent with every control octet escaped (RFC 1661 section 6.2).
in_a "$PPPK_NL" set pppka tx_accm=0
before=$(link_get "$NS_B" pppkb rx_escaped)
in_a "$PPPK_NL" send pppka 0xc021 0109001400000000000000000000000000000000
sleep 0.5
after=$(link_get "$NS_B" pppkb rx_escaped)
[ $((after - before)) -ge 16 ] && ktap_ok "lcp_confreq_uses_default_accm" ||
	ktap_fail "lcp_confreq_uses_default_accm" "$((after - before)) escapes"
ktap_finish
