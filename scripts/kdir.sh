#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Print the kernel build directory to build pppk.ko against: with KVER set,
# that kernel's from the matrix (scripts/kernels.sh: Debian headers or the
# debug kernel's tree); otherwise the running kernel's when it has one, or
# the newest installed Debian linux-headers.
set -eu
here=$(dirname "$0")
run=/lib/modules/$(uname -r)/build
if [ -z "${KVER:-}" ] && [ -f "$run/Makefile" ]; then
	echo "$run"
	exit 0
fi
"$here/kernels.sh" "$("$here/kver.sh")" | awk '{ print $2 }'
