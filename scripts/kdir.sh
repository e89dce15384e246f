#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Print the kernel build directory: the running kernel's when it has one,
# otherwise the installed Debian linux-headers that scripts/kver.sh picks.
set -eu
run=/lib/modules/$(uname -r)/build
if [ -z "${KVER:-}" ] && [ -f "$run/Makefile" ]; then
	echo "$run"
	exit 0
fi
v=$("$(dirname "$0")/kver.sh")
echo "/usr/src/linux-headers-$v"
