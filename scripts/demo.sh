#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make demo: install what is missing, build, boot the test VM with the fresh
# pppk.ko loaded and run demo/guest.sh inside it.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
scripts/setup.sh
scripts/kernel-tools.sh
make -s all >/dev/null
echo "booting the test VM (software emulation: ~15 s) ..."
selftests/vm/vm.sh -t 120 -x demo/guest.sh
