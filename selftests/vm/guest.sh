#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Stage two of the test VM, run as PID 1 after switch_root: prepare the
# guest, load the freshly built pppk.ko, run the selected selftests and
# write their KTAP output and the kernel log to the output share.
set -u
OUT=/run/pppk-out
# shellcheck disable=SC1091
. "$OUT/spec"
# vm.sh takes a guest that has not got this far for one stalled in boot.
: >"$OUT/started"
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/root LANG=C.UTF-8

poweroff_now() {
	sync
	echo o >/proc/sysrq-trigger
	while :; do sleep 10; done
}

mkdir -p /dev/pts /dev/shm /run/lock /run/netns /tmp /var/run
mount -t devpts -o newinstance,ptmxmode=0666,mode=0620 devpts /dev/pts
ln -sf pts/ptmx /dev/ptmx
mount -t tmpfs tmpfs /dev/shm
hostname pppk-vm
ip link set lo up
echo 1 >/proc/sys/kernel/sysrq

# /tmp and the rest of the root are the overlay's tmpfs upper layer already:
# mounting anything over /tmp would hide a checkout that lives there.
cd "$REPO" || { echo "cannot enter $REPO in the guest" >"$OUT/guest-error"; poweroff_now; }
# PPPK_KERNEL_KIND: "debian", or "debug" for the instrumented kernel, where
# software emulation is several times slower: tests may do fewer rounds.
export PPPK_REPO=$REPO PPPK_KO PPPCTL=$REPO/ctl/pppctl PPPK_KERNEL_KIND
export PPPK_SELFTESTS=$REPO/build/selftests PPPK_ARTIFACTS=$OUT/artifacts
mkdir -p "$PPPK_ARTIFACTS"
mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null

# A kernel without /lib/modules on the host (the debug kernel) gets one in
# the overlay, from its build tree: modprobe then finds what is built in.
kver=$(uname -r)
if [ ! -d "/lib/modules/$kver" ] && [ -f "$PPPK_KDIR/modules.builtin" ]; then
	mkdir -p "/lib/modules/$kver"
	cp "$PPPK_KDIR"/modules.builtin* "/lib/modules/$kver/" 2>/dev/null
	cp "$PPPK_KDIR/modules.order" "/lib/modules/$kver/" 2>/dev/null
	depmod -a "$kver" 2>/dev/null
fi

# Software emulation (TCG) has trapped, twice in CI, on the int3 that the
# kernel's live code patching puts in while it flips a static key, after
# the patch was complete: "Oops: int3" in __netif_receive_skb_core, whose
# timestamp key is switched on and off as ping starts and exits (the code
# dump shows the finished jump where the int3 was).  A socket that keeps
# receive timestamps on for the whole run holds that key on: pings then
# only count it up and down, and no code is patched under the tests.
# (SO_TIMESTAMP is 29 on x86-64; python3, as tests "pkill -x socat".)
python3 -c 'import socket, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, 29, 1)
open("/run/pppk-tstamp", "w").close()
time.sleep(1 << 30)' &
for _ in $(seq 100); do [ -e /run/pppk-tstamp ] && break; sleep 0.1; done

# kmemleak (the debug kernel): forget what boot left behind, so that the
# scan after the tests shows only what they leaked.
KMEMLEAK=/sys/kernel/debug/kmemleak
if [ -w "$KMEMLEAK" ]; then
	echo scan >"$KMEMLEAK" 2>/dev/null
	echo clear >"$KMEMLEAK" 2>/dev/null
fi

if [ "${LOAD_MODULE:-1}" = 1 ]; then
	if ! insmod "$PPPK_KO" >"$OUT/insmod.log" 2>&1; then
		echo "insmod failed: $(cat "$OUT/insmod.log")" >"$OUT/guest-error"
		dmesg >"$OUT/dmesg.txt"
		poweroff_now
	fi
fi

# Run one test: a shell script selftests/NAME.sh or a program built into
# build/selftests/NAME.  A test that dies without a verdict is a failure.
run_test() {
	local t=$1 log=$OUT/$1.ktap rc
	if [ -n "${RAW:-}" ]; then
		timeout -k 5 "$TEST_TIMEOUT" bash "$RAW" >"$log" 2>&1
		echo "raw $?" >>"$OUT/exit-codes"
		return
	elif [ -f "$REPO/selftests/$t.sh" ]; then
		timeout -k 5 "$TEST_TIMEOUT" bash "$REPO/selftests/$t.sh" >"$log" 2>&1
	elif [ -x "$PPPK_SELFTESTS/$t" ]; then
		timeout -k 5 "$TEST_TIMEOUT" "$PPPK_SELFTESTS/$t" >"$log" 2>&1
	else
		echo "not ok 1 $t # no such test" >"$log"
		return
	fi
	rc=$?
	if [ $rc -ne 0 ] && ! grep -q '^not ok' "$log"; then
		[ $rc -eq 124 ] && echo "# $t: timed out after ${TEST_TIMEOUT}s" >>"$log"
		echo "not ok 1 $t # exited with status $rc" >>"$log"
	elif ! grep -qE '^(not )?ok' "$log"; then
		echo "not ok 1 $t # printed no result" >>"$log"
	fi
	echo "$t $rc" >>"$OUT/exit-codes"
}

for t in $TESTS; do
	run_test "$t"
done

# Leaks: what the tests allocated and nobody references any more.
# kmemleak reports objects older than 5 s, and a scan taken while pppk is
# still loaded names its functions in the backtraces (after rmmod they
# are bare addresses); the scan after rmmod catches what unloading left.
kmemleak_scan() {
	sleep 6
	echo scan >"$KMEMLEAK"
	cat "$KMEMLEAK" >"$1"
}
[ -w "$KMEMLEAK" ] && kmemleak_scan "$OUT/kmemleak-loaded.txt"
if [ "${LOAD_MODULE:-1}" = 1 ] && grep -q '^pppk ' /proc/modules; then
	# A tty still under the discipline pins the module: wait for the
	# last descriptors to go, then say what holds it.
	for _ in $(seq 100); do rmmod pppk 2>/dev/null && break; sleep 0.1; done
	if grep -q '^pppk ' /proc/modules; then
		rmmod pppk >>"$OUT/insmod.log" 2>&1
		echo "rmmod pppk failed: a tty still has the pppk discipline" >"$OUT/guest-error"
	fi
fi
[ -w "$KMEMLEAK" ] && kmemleak_scan "$OUT/kmemleak.txt"
dmesg >"$OUT/dmesg.txt"
echo done >"$OUT/done"
poweroff_now
