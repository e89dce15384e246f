#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Boot a kernel of the matrix in QEMU with the host root shared read-only
# over 9p under a tmpfs overlay, load pppk.ko built for that same kernel, run
# selftests inside and hand the verdict back.
#
#   [KVER=RELEASE] selftests/vm/vm.sh [-t SECONDS] [-n] [-m MIB] [-P] [-k ARGS] [TEST...]
#   [KVER=RELEASE] selftests/vm/vm.sh -x SCRIPT   (any script, e.g. the demo)
#
# KVER picks the kernel (scripts/kernels.sh lists them: Debian's, and the
# debug kernel once scripts/debug-kernel.sh has built it); without it, the
# newest Debian kernel.  The module is (re)built for that kernel first
# (scripts/kmod-build.sh), so kernel and module always agree.
#
# TEST names a selftests/NAME.sh script or a program built into
# build/selftests/NAME; without any, every test in selftests/TESTS runs (on
# the debug kernel, those marked "debug" there).
# -n boots without loading pppk.ko (for tests that load it themselves).
# -x runs SCRIPT with bash in the guest and shows its output as it is.
# -t sets the per-test timeout (default 300 s).  The whole boot gets the sum
# of the test timeouts plus a margin.
# -m sets the guest's memory in MiB (default 1024).
# -P boots without the debugging allocators (slub_debug=FZPU page_poison=1),
# whose red zones and poisoning inflate memory figures: for benchmarks.
# Tests keep them.
# -k appends ARGS to the kernel command line (e.g. -P -k slub_debug=U to see
# where slab objects are allocated, /sys/kernel/slab/*/alloc_calls).
#
# The run fails when any test fails or when the guest kernel log shows BUG,
# WARNING, Oops, a general protection fault, slab corruption, a soft lockup
# or a hung task, and on the debug kernel any KASAN, KFENCE, UBSAN, lockdep
# or debug-objects report, or a leak in the kmemleak scan taken after the
# tests; the log is then printed, and last the problem's gist on three
# "# vm:" lines (first message, RIP, call trace).  Logs stay in
# build/vm/last/.
#
# A guest that does not reach its tests within 240 s (600 s on the debug
# kernel; PPPK_VM_STALL_AFTER=SECONDS overrides) stalled in boot: it is
# stopped and booted once more, and the run says so.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
here=$top/selftests/vm
TEST_TIMEOUT=300
LOAD_MODULE=1
RAW=
MEM=1024
DEBUG_ALLOC=1
KARGS=
while getopts "t:nx:m:Pk:" o; do
	case $o in
	t) TEST_TIMEOUT=$OPTARG ;;
	n) LOAD_MODULE=0 ;;
	x) RAW=$(realpath "$OPTARG") ;;
	m) MEM=$OPTARG ;;
	P) DEBUG_ALLOC=0 ;;
	k) KARGS=$OPTARG ;;
	*) exit 2 ;;
	esac
done
shift $((OPTIND - 1))
KVER=$("$top/scripts/kver.sh")
read -r _ KDIR IMAGE KIND < <("$top/scripts/kernels.sh" "$KVER") || exit 1
# The debug kernel is several times slower: fault_inject alone takes 3-4
# minutes there.
[ "$KIND" = debug ] && [ "$TEST_TIMEOUT" -lt 600 ] && TEST_TIMEOUT=600

if [ -n "$RAW" ]; then
	tests=(raw)
elif [ $# -eq 0 ]; then
	# "NAME [debug]" per line: the debug kernel runs those marked debug.
	mapfile -t tests < <(awk -v k="$KIND" '/^[ \t]*(#|$)/ { next }
		k != "debug" || $2 == "debug" { print $1 }' "$top/selftests/TESTS")
else
	tests=("$@")
fi

vmdir=$top/build/vm
mkdir -p "$vmdir"
KO=$("$top/scripts/kmod-build.sh" "$KVER") || {
	echo "not ok - vm: pppk.ko does not build for $KVER"
	exit 1
}

# --- initramfs: busybox plus the modules that 9p and overlayfs need ----------
initrd=$vmdir/initramfs-$KVER.cpio.gz
if [ ! -f "$initrd" ] || [ "$here/initramfs-init" -nt "$initrd" ]; then
	stage=$(mktemp -d)
	mkdir -p "$stage/bin" "$stage/modules"
	cp /bin/busybox "$stage/bin/busybox"
	cp "$here/initramfs-init" "$stage/init"
	chmod +x "$stage/init"
	# The debug kernel has all of them built in.
	[ "$KIND" = debug ] || for m in virtio_pci 9pnet_virtio 9p overlay; do
		modprobe -S "$KVER" --show-depends "$m" | awk '$1 == "insmod" { print $2 }'
	done | awk '!seen[$0]++' >"$stage/list"
	touch "$stage/list"
	: >"$stage/modules.order"
	while read -r ko; do
		base=$(basename "$ko")
		case "$ko" in
		*.xz) xz -dc "$ko" >"$stage/modules/${base%.xz}"; base=${base%.xz} ;;
		*.zst) zstd -qdc "$ko" >"$stage/modules/${base%.zst}"; base=${base%.zst} ;;
		*) cp "$ko" "$stage/modules/$base" ;;
		esac
		echo "$base" >>"$stage/modules.order"
	done <"$stage/list"
	(cd "$stage" && find . -print0 | cpio --null -o -H newc --quiet | gzip -1) >"$initrd.tmp"
	mv "$initrd.tmp" "$initrd"
	rm -rf "$stage"
fi

# --- accelerator: KVM only where it really boots -----------------------------
accel_file=$vmdir/accel
if [ ! -f "$accel_file" ]; then
	accel=tcg
	if [ -w /dev/kvm ] && timeout 8 qemu-system-x86_64 -accel kvm -nodefaults \
		-display none -serial stdio -m 128 -no-reboot \
		-kernel "$IMAGE" -append "console=ttyS0 panic=-1" \
		2>/dev/null | grep -q -m1 'Linux version'; then
		accel=kvm
	fi
	echo "$accel" >"$accel_file"
fi
accel=$(cat "$accel_file")
if [ "$accel" = kvm ]; then
	accel_args=(-accel kvm -cpu host)
else
	accel_args=(-accel tcg,thread=multi -cpu max)
fi

# --- run ----------------------------------------------------------------------
run=$vmdir/run.$$
rm -rf "$run"
mkdir -p "$run"
cp "$here/guest.sh" "$run/guest.sh"
{
	printf 'REPO=%q\n' "$top"
	printf 'TESTS=%q\n' "${tests[*]}"
	printf 'TEST_TIMEOUT=%q\n' "$TEST_TIMEOUT"
	printf 'LOAD_MODULE=%q\n' "$LOAD_MODULE"
	printf 'RAW=%q\n' "$RAW"
	printf 'PPPK_VM_ACCEL=%q\n' "$accel"
	printf 'PPPK_KO=%q\n' "$KO"
	printf 'PPPK_KDIR=%q\n' "$KDIR"
	printf 'PPPK_KERNEL_KIND=%q\n' "$KIND"
} >"$run/spec"

boot_timeout=$((TEST_TIMEOUT * ${#tests[@]} + 120))
debug_alloc="slub_debug=FZPU page_poison=1"
if [ "$KIND" = debug ]; then
	# KASAN and KFENCE watch the allocators already.  ACPI's PCI routing
	# methods crawl under lockdep in software emulation: pci=noacpi (keeps
	# ACPI power-off).  no5lvl: with the emulated CPU's 5-level paging an
	# interrupt early in boot drew a KASAN "wild-memory-access" in
	# rcu_is_watching() now and then, which also switches lockdep off for
	# the run.  Lockdep, KASAN shadow and kmemleak want memory.
	debug_alloc="pci=noacpi no5lvl"
	boot_timeout=$((boot_timeout + 180))
	[ "$MEM" -ge 2048 ] || MEM=2048
fi
[ "$DEBUG_ALLOC" = 1 ] || [ "$KIND" = debug ] || debug_alloc=
cmdline="console=ttyS0 loglevel=5 panic=-1 $debug_alloc $KARGS init=/init"
# A guest that has not reached guest.sh this long after qemu started has
# stalled in boot.  It happened once in software emulation: the debug
# kernel stopped printing 2 s in, while the second CPU came up, long before
# pppk.ko was loaded, and sat there until the run's timeout.  Such a boot
# is stopped and tried once more, and the stall is reported.  The Debian
# kernels reach guest.sh in 10-20 s here, the debug kernel in 40-60 s.
stall_after=${PPPK_VM_STALL_AFTER:-240}
[ "$KIND" = debug ] && [ -z "${PPPK_VM_STALL_AFTER:-}" ] && stall_after=600

# Boot the guest once: qemu's exit status, or 200 when the boot stalled.
boot() {
	local t0=$SECONDS qpid
	rm -f "$run/started"
	timeout -k 5 "$boot_timeout" qemu-system-x86_64 "${accel_args[@]}" \
		-m "$MEM" -smp 2 -nographic -no-reboot -nodefaults -serial stdio \
		-kernel "$IMAGE" -initrd "$initrd" -append "$cmdline" \
		-virtfs local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap \
		-virtfs "local,path=$run,mount_tag=pppkout,security_model=none,multidevs=remap" \
		-device virtio-rng-pci \
		</dev/null >"$run/console.log" 2>&1 &
	qpid=$!
	while kill -0 "$qpid" 2>/dev/null; do
		if [ ! -e "$run/started" ] && [ $((SECONDS - t0)) -ge $stall_after ]; then
			kill "$qpid"
			wait "$qpid"
			return 200
		fi
		sleep 2
	done
	wait "$qpid"
}

# The last thing a stalled guest printed, on one line.
console_end() {
	grep -v '^qemu-system' "$1" | tail -n 1 | tr -cd '[:print:]' | sed 's/\[[0-9;?]*[a-zA-Z]//g' | cut -c1-120
}

# problem_summary LOG LINE: the problem LOG reports at LINE, its RIP and
# its call trace as "f < g < h", one line each.
problem_summary() {
	local log=$1 line=$2
	echo "first problem: $(sed -n "${line}p" "$log" | sed 's/^\[ *[0-9.]*\] //' | cut -c1-200)"
	sed -n "${line},\$p" "$log" | grep -m1 'RIP: 0010:' |
		sed 's/^.*RIP: 0010:/RIP: /' | cut -c1-200
	sed -n "${line},\$p" "$log" | awk '
		/Call Trace:/ { on = 1; next }
		on && (/<\/TASK>/ || /^\[ *[0-9.]*\] *$/ || /RIP: /) { exit }
		on { sub(/^\[ *[0-9.]*\] */, ""); if ($0 ~ /^</) next
		     sub(/^\? /, "?"); sub(/\+0x.*/, ""); t = t (n++ ? " < " : "") $0 }
		END { if (n) print "call trace: " substr(t, 1, 400) }'
}

start=$(date +%s)
set +e
boot
qrc=$?
stalls=0
if [ $qrc -eq 200 ]; then
	stalls=1
	echo "# vm: the guest stalled in boot (no guest.sh after ${stall_after}s; the console ends with \"$(console_end "$run/console.log")\"); booting again"
	mv "$run/console.log" "$run/console-stalled.log"
	boot
	qrc=$?
	[ $qrc -eq 200 ] && stalls=2
fi
set -e
elapsed=$(($(date +%s) - start))

rm -rf "$vmdir/last"
mv "$run" "$vmdir/last"
run=$vmdir/last

fail=0
if [ -n "$RAW" ]; then
	cat "$run/raw.ktap" 2>/dev/null
	grep -q '^raw 0$' "$run/exit-codes" 2>/dev/null || fail=1
	tests=()
fi
for t in "${tests[@]}"; do
	if [ -f "$run/$t.ktap" ]; then
		cat "$run/$t.ktap"
	else
		echo "not ok 1 $t # no output from the VM"
		fail=1
	fi
done

reason=
[ $qrc -eq 124 ] || [ $qrc -eq 137 ] && reason="the VM timed out after ${boot_timeout}s"
[ $qrc -eq 200 ] && reason="the guest stalled in boot twice (no guest.sh after ${stall_after}s; the console ends with \"$(console_end "$run/console.log")\")"
[ -f "$run/done" ] || reason=${reason:-"the guest did not finish its run"}
[ -f "$run/guest-error" ] && reason="$(cat "$run/guest-error")"
klog=$run/dmesg.txt
[ -f "$klog" ] || klog=$run/console.log
# BUG: covers KASAN, KFENCE and "sleeping function called from invalid
# context"; WARNING: covers lockdep ("possible circular locking", "suspicious
# RCU usage", "inconsistent lock state") and debug objects' warnings.
pattern='BUG:|WARNING:|Oops|general protection fault|[Ss]lab corruption|Poison overwritten|Redzone|Object padding|soft lockup|blocked for more than|Kernel panic|kernel BUG|UBSAN:|ODEBUG:|possible circular locking|suspicious RCU usage|invalid context|unreferenced object'
first=$(grep -nE "$pattern" "$klog" | head -n1 | cut -d: -f1 || true)
if [ -z "$first" ] && grep -Eq "$pattern" "$run/console.log"; then
	klog=$run/console.log
	first=$(grep -nE "$pattern" "$klog" | head -n1 | cut -d: -f1 || true)
fi
if [ -n "$first" ]; then
	reason=${reason:-"the guest kernel log shows a problem"}
fi
# kmemleak: what the scans after the tests found (guest.sh), first with
# pppk still loaded (its frames named), then after rmmod.
if [ -s "$run/kmemleak.txt" ]; then
	reason=${reason:-"kmemleak reports $(grep -c '^unreferenced object' "$run/kmemleak.txt") leaked objects"}
	echo "# ---- kmemleak ----"
	cat "$run/kmemleak-loaded.txt" "$run/kmemleak.txt" 2>/dev/null |
		sed -n '1,200p' | sed 's/^/# /'
fi
if [ -n "$reason" ]; then
	echo "not ok - vm: $reason"
	# From a little before the first problem (or the last 150 lines).
	from=$(( ${first:-$(( $(wc -l <"$klog") - 150 ))} - 10 ))
	[ $from -lt 1 ] && from=1
	echo "# ---- guest kernel log ($klog from line $from) ----"
	sed -n "${from},$((from + 399))p" "$klog" | sed 's/^/# /'
	fail=1
fi
# The gist of a kernel problem on three lines, last, where a reader of only
# the end of the output sees it: what the kernel said first, where it was,
# and how it got there.
if [ -n "$first" ]; then
	problem_summary "$klog" "$first" | sed 's/^/# vm: /'
fi
echo "# vm: $accel, ${elapsed}s, kernel $KVER, $stalls boot stalls, logs in build/vm/last"
if [ $fail -ne 0 ] || { [ -z "$RAW" ] && grep -q '^not ok' "$run"/*.ktap 2>/dev/null; }; then
	exit 1
fi
exit 0
