#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Print the kernel release the project builds for and boots in the VM when
# none is named: KVER from the environment, otherwise the newest installed
# Debian kernel (image in /boot and headers in /usr/src).  The whole matrix,
# the debug kernel included, is scripts/kernels.sh.
set -eu
if [ -n "${KVER:-}" ]; then
	echo "$KVER"
	exit 0
fi
best=$("$(dirname "$0")/kernels.sh" | awk '$4 == "debian" { v = $1 } END { print v }')
if [ -z "$best" ]; then
	echo "kver: no kernel with both /boot/vmlinuz-* and /usr/src/linux-headers-* installed (run scripts/setup.sh)" >&2
	exit 1
fi
echo "$best"
