#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# pppk.ko loads and unloads 100 times (10 on the debug kernel, whose
# kmemleak scan catches a leak of a single object) without leaking: no slab
# cache holds ROUNDS/2 or more objects more after the loop than before it.  A leak of
# one object per load shows as a cache grown by close to ROUNDS objects
# (measured: kmalloc-64 +96 for a deliberate 40-byte leak); the rest of the
# system stays within a few objects.  Each load must register the line
# discipline.
set -u
. "$(dirname "$0")/lib.sh"
KO=${PPPK_KO:?}
ROUNDS=100
[ "${PPPK_KERNEL_KIND:-}" = debug ] && ROUNDS=10
# Background noise is a handful of objects; a leak per load shows as ~ROUNDS.
LEAK_MIN=$((ROUNDS / 2))
snap=$(mktemp -d)

ktap_plan 4
pppk_unload

# Warm up: first loads populate caches (module sections, sysfs nodes).
for _ in 1 2 3; do insmod "$KO" && rmmod pppk; done
settle
before=$(slab_bytes)
slab_objs >"$snap/before"

errors=0
for _ in $(seq $ROUNDS); do
	if ! insmod "$KO"; then errors=$((errors + 1)); continue; fi
	grep -q '^29 ' /proc/tty/ldiscs || grep -q 'pppk' /proc/tty/ldiscs || errors=$((errors + 1))
	rmmod pppk || errors=$((errors + 1))
done
settle
after=$(slab_bytes)
slab_objs >"$snap/after"
echo "# slab bytes before $before after $after delta $((after - before))"
grown=$(slab_growth "$snap/before" "$snap/after" "$LEAK_MIN")

if [ $errors -eq 0 ]; then ktap_ok "load_unload_${ROUNDS}_times"; else ktap_fail "load_unload_${ROUNDS}_times" "$errors failures"; fi
if [ -z "$grown" ]; then
	ktap_ok "no_slab_growth"
else
	ktap_fail "no_slab_growth" "caches grown by >= $LEAK_MIN objects: $(echo $grown)"
fi
echo "# largest growth: $(slab_growth "$snap/before" "$snap/after" 1 | sort -t+ -k2 -nr | head -n 3 | tr '\n' ' ')"
ktap_check "not_loaded_after_rmmod" bash -c '! grep -q "^pppk " /proc/modules'
insmod "$KO"
ktap_check "ldisc_registered" grep -q pppk /proc/tty/ldiscs
ktap_finish
