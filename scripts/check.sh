#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make check: set-up, build, lint, host tests, packaging (make install, man
# pages, the systemd unit, DKMS) and VM tests, the kernel parts
# on every kernel of the matrix (scripts/kernels.sh: Debian 12's 6.1 and
# 6.12, and the 7.x debug kernel that set-up builds once per machine).
# Every stage's output is KTAP (ok / not ok lines); each kernel's VM run
# ends with "KERNEL: N passed, N failed", the closing line counts
# everything as "N passed, N failed" and the exit status is non-zero on any
# failure.  Logs are kept in build/check/.
#
# PPPK_CHECK_STAGES (space separated) limits the stages, e.g. "build host";
# PPPK_CHECK_KERNELS (releases, space separated) limits the matrix.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
logs=$top/build/check
stages=${PPPK_CHECK_STAGES:-setup build lint host fuzz package vm}
start=$(date +%s)

mkdir -p "$logs"
rm -f "$logs"/*.log

# Run a stage: its output is shown and kept; a non-zero exit without any
# "not ok" line becomes one, so that no failure goes uncounted.
stage() {
	local name=$1 log=$logs/$1.log rc
	shift
	echo "# == $name"
	"$@" >"$log" 2>&1
	rc=$?
	cat "$log"
	if [ $rc -ne 0 ] && ! grep -q '^not ok' "$log"; then
		echo "not ok - $name: exited with status $rc" | tee -a "$log"
	fi
	return 0
}

# A command that is a single test case: ok/not ok on its exit status.
as_case() {
	local name=$1 out rc
	shift
	out=$("$@" 2>&1)
	rc=$?
	if [ $rc -eq 0 ] && grep -q '^SKIP: ' <<<"$out"; then
		echo "ok - $name # SKIP $(sed -n 's/^SKIP: //p' <<<"$out" | head -n1)"
	elif [ $rc -eq 0 ]; then
		echo "ok - $name"
	else
		printf '%s\n' "$out" | tail -n 60 | sed 's/^/# /'
		echo "not ok - $name"
	fi
}

# The matrix, one release per line, oldest first.
kernels() {
	if [ -n "${PPPK_CHECK_KERNELS:-}" ]; then
		printf '%s\n' $PPPK_CHECK_KERNELS
	else
		scripts/kernels.sh | awk '{ print $1 }'
	fi
}

do_setup() {
	local secs
	as_case "setup: Debian packages present" scripts/setup.sh
	as_case "setup: kernel tools extracted" scripts/kernel-tools.sh
	secs=$(date +%s)
	as_case "setup: debug kernel built (linux-source-7.3)" scripts/debug-kernel.sh
	echo "# debug kernel: $(($(date +%s) - secs)) s (cached in $(scripts/debug-kernel.sh --dir 2>/dev/null || echo nowhere))"
}

do_build() {
	local k
	for k in $(kernels); do
		as_case "build: pppk.ko for $k (-Werror)" scripts/kmod-build.sh "$k"
	done
	as_case "build: ctl/pppctl (-Wall -Wextra -Werror)" make -C ctl
	as_case "build: VM selftests" make -C selftests
	as_case "build: host tests (ASan+UBSan)" make -C ctl tests
	if [ -f kmod/tests/Makefile ]; then
		as_case "build: framing tests (ASan+UBSan)" make -C kmod/tests
	fi
}

do_lint() {
	local f k
	for f in kmod/*.c kmod/*.h include/uapi/linux/pppk.h; do
		case $f in *.mod.c) continue ;; esac
		as_case "checkpatch --strict $f" build/tools/scripts/checkpatch.pl \
			--strict --no-tree --quiet --show-types -f "$f"
	done
	for k in $(kernels); do
		as_case "sparse (C=2) kmod for $k" scripts/kmod-build.sh "$k" sparse
	done
}

do_host() {
	make -s -C ctl check
	if [ -f kmod/tests/Makefile ]; then
		make -s -C kmod/tests check
	fi
}

do_fuzz() {
	local secs=${PPPK_FUZZ_SECONDS:-5} f
	make -s -C ctl fuzzers >/dev/null || { echo "not ok - fuzz: build"; return; }
	if [ -f kmod/tests/Makefile ]; then
		make -s -C kmod/tests fuzzers >/dev/null || { echo "not ok - fuzz: build kmod"; return; }
	fi
	for f in build/ctl/fuzz/*/fuzz_* build/kmod-tests/fuzz_*; do
		[ -x "$f" ] || continue
		as_case "fuzz ${secs}s: $(basename "$f")" "$f" -max_total_time="$secs" \
			-rss_limit_mb=1024 -print_final_stats=0
	done
}

# Installed like a system package (dist/tests/): the man pages, the unit,
# make install, the completion, and DKMS for every kernel of the matrix in
# private trees (the host's /lib/modules is never written).
do_package() {
	local p k secs
	as_case "package: ctl/pppctl builds" make -s -C ctl
	for p in Documentation/man/*.[1-8]; do
		as_case "package: man -l $(basename "$p") renders without warnings" \
			dist/tests/man-render.sh "$p"
	done
	as_case "package: pppctl.8 documents every command and option word" \
		dist/tests/man-coverage.sh
	as_case "package: systemd-analyze verify pppctl@.service" dist/tests/unit-verify.sh
	as_case "package: make install DESTDIR= installs exactly its files" \
		dist/tests/install-files.sh
	as_case "package: bash completion" dist/tests/completion.sh
	for k in $(kernels); do
		secs=$(date +%s)
		as_case "package: DKMS builds and installs pppk.ko for $k" dist/tests/dkms.sh "$k"
		echo "# dkms $k: $(($(date +%s) - secs)) s"
	done
}

# One VM boot per kernel; each ends with its own count.
do_vm() {
	local k log p f
	for k in $(kernels); do
		log=$logs/vm-$k.out
		echo "# -- kernel $k"
		KVER=$k selftests/vm/vm.sh >"$log" 2>&1
		cat "$log"
		if [ -d build/vm/last ]; then
			rm -rf "build/vm/$k"
			cp -a build/vm/last "build/vm/$k"
		fi
		p=$(grep -E '^ok ' "$log" | grep -vc '# SKIP')
		f=$(grep -cE '^not ok ' "$log")
		echo "# $k: $p passed, $f failed"
	done
}

for s in $stages; do
	case $s in
	setup) stage setup do_setup ;;
	build) stage build do_build ;;
	lint) stage lint do_lint ;;
	host) stage host do_host ;;
	fuzz) stage fuzz do_fuzz ;;
	package) stage package do_package ;;
	vm) stage vm do_vm ;;
	*) echo "check: unknown stage $s" >&2; exit 2 ;;
	esac
done

# Each kernel's problems again, last, a line each: the end of a long
# output is what a reader sees first.
if [[ " $stages " == *" vm "* ]]; then
	for k in $(kernels); do
		[ -f "$logs/vm-$k.out" ] || continue
		grep -E '^# vm: (first problem|RIP|call trace|the guest stalled)' "$logs/vm-$k.out" |
			sed "s|^# vm: |# $k: |"
	done
fi
pass=$(cat "$logs"/*.log | grep -E '^ok ' | grep -vc '# SKIP')
fail=$(cat "$logs"/*.log | grep -cE '^not ok ')
skip=$(cat "$logs"/*.log | grep -E '^ok ' | grep -c '# SKIP')
echo "# check took $(($(date +%s) - start))s; logs in build/check/"
if [ "$skip" -gt 0 ]; then
	echo "$pass passed, $fail failed, $skip skipped"
else
	echo "$pass passed, $fail failed"
fi
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
