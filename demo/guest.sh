#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The demo, run inside the test VM with pppk.ko already loaded by the
# harness.  It grows with the project: for now it shows the kernel module
# registered and the controller talking to it.
set -eu
PPPCTL=${PPPCTL:-pppctl}
say() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }

say uname -r
uname -r
say grep pppk /proc/modules
grep pppk /proc/modules
say grep pppk /proc/tty/ldiscs
grep pppk /proc/tty/ldiscs
say pppctl version
"$PPPCTL" version
say pppctl -j version
"$PPPCTL" -j version
say pppctl show
"$PPPCTL" show
echo "(no links yet)"
