#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Scale benchmark inside the test VM: one pppctl controller per network
# namespace brings up N links (1,000, then 10,000) to a second controller,
# one pty pair per link (masters in ns A as fd:N, slaves in ns B), all with
# lcp-echo-interval 1.  For each N:
#
#   all-up      controllers started -> N links IPCP Open on both sides
#               (a netlink dump every 0.25-1 s, no debug logs)
#   ctl RSS     VmRSS/Pss of each controller over the same controller
#               with one link, per link
#   kernel      /proc/meminfo, /proc/slabinfo and /proc/vmallocinfo in three
#               steps: baseline -> N pty pairs open -> N links up on both
#               ends; per link end (one net_device), total and pppk alone
#   idle        60 s with every link Open: controllers' utime+stime and
#               wakeups, system CPU, echo counters (the kernel's keepalives
#               must move; failures counted)
#   teardown    SIGTERM both controllers -> every link gone
#
# and pppd's RSS per process for a handful of pppd<->pppd links over socat
# pty pairs.  Boot with vm.sh -n -P (no debug allocators) and enough memory.
# Prints a table; JSON to ARTIFACTS/scale.json, raw figures under
# ARTIFACTS/scale/.
#
#   SCALE_N="1000 10000"  link counts, ascending (the last is left up)
#   SCALE_IDLE=60         idle window, seconds
#   SCALE_PPPD=10         pppd<->pppd links for comparison (0: none)
#   SCALE_DOWN_MAX=90     teardown time box from 5,000 links on
#   SCALE_PERF=SECONDS    perf record the first seconds of bring-up
#   SCALE_PERF_DOWN=SECONDS  perf record the first seconds of teardown
# With vm.sh -k slub_debug=U (diagnosis: inflated figures) the report also
# lists the allocation sites of the kernel memory per link.
set -u
. "$PPPK_REPO/selftests/lib.sh"
RIG=$PPPK_REPO/build/bench/scale_rig
REPORT=$PPPK_REPO/bench/scale_report.py
NS_LIST=${SCALE_N:-"1000 10000"}
IDLE=${SCALE_IDLE:-60}
PPPD_N=${SCALE_PPPD:-10}
DOWN_MAX=${SCALE_DOWN_MAX:-90}
WORDS="lcp-echo-interval 1 lcp-echo-failure 10"
SA=pppk-sa
SB=pppk-sb
work=/tmp/pppk-scale
rm -rf "$work"
mkdir -p "$work"

# vm.sh -n leaves loading to us (and skips the final rmmod).
grep -q '^pppk ' /proc/modules || insmod "$PPPK_KO" || exit 1
# Up to 10,000 pty pairs (plus the reserve of the initial devpts instance).
echo 32768 >/proc/sys/kernel/pty/max
echo "# guest: $(nproc) CPUs, $(awk '/MemTotal/ { print int($2 / 1024) }' /proc/meminfo) MiB," \
	"kernel $(uname -r), cmdline: $(cat /proc/cmdline)"
grep -q slub_debug /proc/cmdline && echo "# WARNING: debug allocators on: memory figures are inflated"

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# Kernel memory snapshot $2 into directory $1, after settling the allocators.
snap() {
	settle
	sleep 1
	cat /proc/meminfo >"$1/$2.meminfo"
	cat /proc/slabinfo >"$1/$2.slab"
	cat /proc/vmallocinfo >"$1/$2.vmalloc" 2>/dev/null
	# Booted with slub_debug=U: who allocated every slab object.
	if grep -q 'slub_debug=U' /proc/cmdline; then
		[ -d /sys/kernel/debug/slab ] || mount -t debugfs none /sys/kernel/debug
		for f in /sys/kernel/debug/slab/*/alloc_traces; do
			c=${f%/alloc_traces}
			sed "s|^|${c##*/} |" "$f"
		done >"$1/$2.calls" 2>/dev/null
		for c in /sys/kernel/slab/*/object_size; do
			c=${c%/object_size}
			echo "${c##*/} $(cat "$c/object_size")"
		done >"$1/$2.objsize" 2>/dev/null
	fi
}

# "VmRSS_kB Pss_kB" of process $1.
rss_of() {
	local rss pss
	rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null)
	pss=$(awk '/^Pss:/ { print $2 }' "/proc/$1/smaps_rollup" 2>/dev/null)
	echo "${rss:-0} ${pss:-0}"
}

# "utime+stime ctxt_switches" of process $1.
cpu_of() {
	local t c
	t=$(awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null)
	c=$(awk '/ctxt_switches/ { s += $2 } END { print s }' "/proc/$1/status" 2>/dev/null)
	echo "${t:-0} ${c:-0}"
}

# "busy total" jiffies of all CPUs.
sys_cpu() {
	awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9 }' /proc/stat
}

ns_up() {
	ip netns del "$SA" 2>/dev/null
	ip netns del "$SB" 2>/dev/null
	ip netns add "$SA" && ip netns add "$SB" || return 1
	ip netns exec "$SA" ip link set lo up
	ip netns exec "$SB" ip link set lo up
}

ns_down() {
	ip netns del "$SA" 2>/dev/null
	ip netns del "$SB" 2>/dev/null
}

# One run of N links; $2 = full (memory steps, idle window) or rss (only the
# controllers' RSS once up: the one-link baseline).
scale_one() {
	local n=$1 mode=$2 d=$work/n$1 to runpid pa pb t0 i down_max
	mkdir -p "$d"
	ns_up || { echo "# cannot create namespaces"; return 1; }
	[ "$mode" = full ] && snap "$d" s0
	rm -f "$d/go"
	mkfifo "$d/go"
	# The links are measured, not the host's /etc/ppp/ip-up (Debian's
	# run-parts) run once per link: the controllers read an empty /etc/ppp.
	mkdir -p "$d/etc-ppp"
	# shellcheck disable=SC2086
	PPPCTL_ETC_PPP=$d/etc-ppp "$RIG" run "$n" "$d" "$SA" "$SB" "$PPPCTL" $WORDS <"$d/go" >"$d/run.out" 2>"$d/run.err" &
	runpid=$!
	exec 7>"$d/go"
	for i in $(seq 600); do
		grep -q '^ptys' "$d/run.out" 2>/dev/null && break
		kill -0 "$runpid" 2>/dev/null || break
		sleep 0.5
	done
	if ! grep -q '^ptys' "$d/run.out"; then
		echo "# n=$n: the rig did not open its ptys: $(cat "$d/run.err")"
		exec 7>&-
		ns_down
		return 1
	fi
	[ "$mode" = full ] && snap "$d" s1
	echo go >&7
	exec 7>&-
	if [ "$mode" = full ] && [ -n "${SCALE_PERF:-}" ]; then
		# Where the time goes while links come up (SCALE_PERF=SECONDS).
		perf record -a -g -F 99 -o "$d/perf.data" -- sleep "$SCALE_PERF" \
			>/dev/null 2>&1 &
		perfpid=$!
	fi
	to=$(( n >= 5000 ? 900 : 300 ))
	if [ "$mode" = full ]; then
		# (no /dev/fd in the guest: a pipe, not a process substitution)
		"$RIG" wait "$d" "$SA" "$SB" "$n" "$to" 2>&1 >"$d/wait.out" | tee "$d/wait.err"
	else
		"$RIG" wait "$d" "$SA" "$SB" "$n" "$to" >"$d/wait.out" 2>"$d/wait.err"
	fi
	read -r pa pb <"$d/pids"
	echo "$(cpu_of "$pa") $(cpu_of "$pb")" >"$d/cpu_up"
	if [ -n "${perfpid:-}" ]; then
		wait "$perfpid"
		perf report -i "$d/perf.data" --stdio --no-children --sort comm,sym \
			-g none --percent-limit 0.5 >"$d/perf.txt" 2>/dev/null
		perf report -i "$d/perf.data" --stdio --no-children --sort sym \
			-g caller,0.5,callee --percent-limit 3 >"$d/perf-callers.txt" 2>/dev/null
		rm -f "$d/perf.data"
		perfpid=
	fi
	sleep 2
	echo "$(rss_of "$pa") $(rss_of "$pb")" >"$d/rss"
	if [ "$mode" = full ]; then
		snap "$d" s2
		ip netns exec "$SA" tc qdisc show dev pa0 >"$d/qdisc" 2>&1
		now_ms >"$d/stats_ms"
		"$RIG" stats "$SA" >"$d/stats0.a"
		"$RIG" stats "$SB" >"$d/stats0.b"
		echo "$(cpu_of "$pa") $(cpu_of "$pb") $(sys_cpu) $(now_ms)" >"$d/cpu0"
		sleep "$IDLE"
		echo "$(cpu_of "$pa") $(cpu_of "$pb") $(sys_cpu) $(now_ms)" >"$d/cpu1"
		now_ms >>"$d/stats_ms"
		"$RIG" stats "$SA" >"$d/stats1.a"
		"$RIG" stats "$SB" >"$d/stats1.b"
		cat /proc/sys/kernel/pty/nr >"$d/pty_nr"
	fi
	# Teardown: both controllers terminate every link (TERMREQ), delete
	# them in batches and exit.  From 5,000 links on, after DOWN_MAX
	# seconds the rate so far is reported instead, the controllers are
	# killed and the links left for the poweroff (so the largest N must
	# come last).
	down_max=$(( n >= 5000 ? DOWN_MAX : 600 ))
	if [ "$mode" = full ] && [ -n "${SCALE_PERF_DOWN:-}" ]; then
		perf record -a -g -F 99 -o "$d/perf-down.data" -- sleep "$SCALE_PERF_DOWN" \
			>/dev/null 2>&1 &
		perfdown=$!
		sleep 1
	fi
	t0=$(now_ms)
	kill -TERM "$pa" "$pb" 2>/dev/null
	for i in $(seq $(( down_max * 2 ))); do
		kill -0 "$runpid" 2>/dev/null || break
		sleep 0.5
	done
	if kill -0 "$runpid" 2>/dev/null; then
		echo "$(( $(now_ms) - t0 )) $("$RIG" stats "$SA" | sed 's/.*links=\([0-9]*\).*/\1/') $("$RIG" stats "$SB" | sed 's/.*links=\([0-9]*\).*/\1/')" >"$d/down_partial"
		echo "# n=$n: teardown stopped after ${down_max}s with $(cut -d' ' -f2 "$d/down_partial")+$(cut -d' ' -f3 "$d/down_partial") links left; controllers killed, links left for the poweroff"
		kill -KILL "$pa" "$pb" 2>/dev/null
		wait "$runpid" 2>/dev/null
		return 0
	fi
	echo $(( $(now_ms) - t0 )) >"$d/down_ms"
	if [ -n "${perfdown:-}" ]; then
		wait "$perfdown"
		perf report -i "$d/perf-down.data" --stdio --no-children --sort comm,sym \
			-g none --percent-limit 0.5 >"$d/perf-down.txt" 2>/dev/null
		rm -f "$d/perf-down.data"
		perfdown=
	fi
	wait "$runpid" 2>/dev/null
	ns_down
	[ "$mode" = full ] && snap "$d" s3
	return 0
}

# pppd<->pppd over socat pty pairs: VmRSS and Pss of each pppd.
pppd_rss() {
	local d=$work/pppd i n=$PPPD_N up=0 pids=() socats=()
	mkdir -p "$d" /etc/ppp /run/lock
	: >/etc/ppp/options
	modprobe ppp_async 2>/dev/null
	ns_up || return 1
	for i in $(seq "$n"); do
		rm -f "/tmp/pppk-sa$i" "/tmp/pppk-sb$i"
		socat "PTY,link=/tmp/pppk-sa$i,raw,echo=0" "PTY,link=/tmp/pppk-sb$i,raw,echo=0" &
		socats+=($!)
	done
	for i in $(seq 50); do
		[ -e "/tmp/pppk-sb$n" ] && [ -e "/tmp/pppk-sa$n" ] && break
		sleep 0.1
	done
	for i in $(seq "$n"); do
		ip netns exec "$SA" pppd "/tmp/pppk-sa$i" nodetach noauth local nocrtscts \
			nodefaultroute nopersist $WORDS "10.200.$i.1:10.200.$i.2" \
			logfile "$d/pppd-a$i.log" >/dev/null 2>&1 &
		pids+=($!)
		ip netns exec "$SB" pppd "/tmp/pppk-sb$i" nodetach noauth local nocrtscts \
			nodefaultroute nopersist $WORDS "10.200.$i.2:10.200.$i.1" \
			logfile "$d/pppd-b$i.log" >/dev/null 2>&1 &
		pids+=($!)
	done
	for i in $(seq 120); do
		up=$(( $(ip netns exec "$SA" ip -o -4 addr show | grep -c ' ppp') +
		       $(ip netns exec "$SB" ip -o -4 addr show | grep -c ' ppp') ))
		[ "$up" -ge $((2 * n)) ] && break
		sleep 0.5
	done
	sleep 2
	: >"$d/rss"
	for i in "${pids[@]}"; do
		echo "$(rss_of "$i")" >>"$d/rss"
	done
	echo "$up" >"$d/up"
	kill "${pids[@]}" 2>/dev/null
	sleep 2
	kill -9 "${pids[@]}" 2>/dev/null
	kill "${socats[@]}" 2>/dev/null
	wait 2>/dev/null
	ns_down
}

scale_one 1 rss || true
[ "$PPPD_N" -gt 0 ] && { pppd_rss || true; }
for n in $NS_LIST; do
	echo "# n=$n: $(date +%T) starting"
	scale_one "$n" full || true
	echo "# n=$n: $(date +%T) done"
done
python3 "$REPORT" "$work" "$ART/scale.json" $NS_LIST
# Keep the raw figures (not the link files and the big vmalloc lists).
mkdir -p "$ART/scale"
(cd "$work" && find . -type f ! -name '*.conf' ! -name '*.vmalloc' ! -name go \
	-exec cp --parents {} "$ART/scale/" \;)
