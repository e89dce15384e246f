#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# lat_probe.sh TIMEOUT ADDR CMD...: run in the namespace of the end under
# test.  Starts CMD (a PPP controller) in the background and prints the
# milliseconds until a ppp* interface there is up and the local address ADDR
# is installed, which pppd and pppctl both do once IPCP is Open; -1 on
# timeout.  Polls
# with shell builtins only: under TCG every fork and exec costs ~0.1 s.
set -u
timeout=$1
addr=$2
shift 2
fifo=/tmp/pppk-lat-probe.$$
mkfifo "$fifo"
exec 8<>"$fifo"
rm -f "$fifo"
t0=$EPOCHREALTIME
"$@" >/dev/null 2>&1 &
end=$((${t0%.*} + timeout))
while [ "${EPOCHREALTIME%.*}" -lt "$end" ]; do
	for d in /sys/class/net/ppp*; do
		[ -r "$d/flags" ] || continue
		read -r flags <"$d/flags" || continue
		(( flags & 1 )) || continue	# IFF_UP
		mapfile -t trie </proc/net/fib_trie
		if [[ "${trie[*]}" == *"-- $addr "* ]]; then
			t1=$EPOCHREALTIME
			echo $(( (${t1/./} - ${t0/./}) / 1000 ))
			exit 0
		fi
	done
	read -r -t 0.002 -u 8 _ || true
done
echo -1
