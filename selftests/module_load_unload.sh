#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# pppk.ko loads and unloads 100 times without leaking: the bytes held by all
# slab caches after the loop are within a small margin of those before it.
# Each load must register the line discipline and the netlink family.
set -u
. "$(dirname "$0")/lib.sh"
KO=${PPPK_KO:?}
ROUNDS=100
# A leak of a single small object per load would exceed this.
MARGIN=$((ROUNDS * 32))

ktap_plan 4
grep -q '^pppk ' /proc/modules && rmmod pppk

# Warm up: first loads populate caches (module sections, sysfs nodes).
for _ in 1 2 3; do insmod "$KO" && rmmod pppk; done
settle
before=$(slab_bytes)

errors=0
for _ in $(seq $ROUNDS); do
	if ! insmod "$KO"; then errors=$((errors + 1)); continue; fi
	grep -q '^29 ' /proc/tty/ldiscs || grep -q 'pppk' /proc/tty/ldiscs || errors=$((errors + 1))
	rmmod pppk || errors=$((errors + 1))
done
settle
after=$(slab_bytes)
delta=$((after - before))
echo "# slab bytes before $before after $after delta $delta (margin $MARGIN)"

if [ $errors -eq 0 ]; then ktap_ok "load_unload_${ROUNDS}_times"; else ktap_fail "load_unload_${ROUNDS}_times" "$errors failures"; fi
if [ $delta -le $MARGIN ]; then ktap_ok "no_slab_growth"; else ktap_fail "no_slab_growth" "slab grew by $delta bytes"; fi
ktap_check "not_loaded_after_rmmod" bash -c '! grep -q "^pppk " /proc/modules'
insmod "$KO"
ktap_check "ldisc_registered" grep -q pppk /proc/tty/ldiscs
ktap_finish
