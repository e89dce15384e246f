#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install, idempotently and only when missing, every Debian package that the
# build, the tests, the benchmarks and the demo need: among them the kernels
# of the test matrix that Debian 12 ships (6.1, and the 6.12 LTS from its
# security archive) and what building the debug kernel takes.  Safe to run
# every time: when everything is present it does nothing but check.
set -euo pipefail

PKGS=(
	build-essential make gcc clang llvm libclang-rt-14-dev pkg-config
	libmnl-dev libmd-dev
	linux-headers-amd64 linux-image-amd64 linux-source-6.1
	linux-headers-6.12-amd64 linux-image-6.12-amd64
	flex bison bc libelf-dev libssl-dev debian-archive-keyring
	sparse perl xz-utils cpio kmod
	qemu-system-x86 busybox-static
	ppp socat iproute2 iputils-ping iperf3 procps
	dkms man-db groff-base systemd
)

missing=()
for p in "${PKGS[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing+=("$p")
	fi
done

if [ ${#missing[@]} -eq 0 ]; then
	exit 0
fi

echo "setup: installing ${missing[*]}"
SUDO=
if [ "$(id -u)" -ne 0 ]; then
	SUDO=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
