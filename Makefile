# SPDX-License-Identifier: GPL-2.0
#
# pppk: kernel data plane (kmod/) + userspace controller (ctl/).
#
#   make            build pppk.ko for every kernel installed (scripts/kernels.sh,
#                   into build/kmod/RELEASE/kmod/) and ctl/pppctl
#   make check      set-up, build, lint, host tests, VM tests; "N passed, N failed"
#   make demo       boot the test VM, load pppk and show it working
#   make bench      benchmarks (figures, not pass/fail)
#   make setup      install the Debian packages everything needs
#
# KDIR=/path/to/kernel/build builds pppk.ko for that kernel only, in kmod/.
# KVER=RELEASE builds it for that kernel of the matrix only.

all: kmod ctl

setup:
	@scripts/setup.sh

tools:
	@scripts/kernel-tools.sh

kmod:
ifdef KDIR
	$(MAKE) -C kmod KDIR=$(KDIR)
else ifdef KVER
	@scripts/kmod-build.sh $(KVER)
else
	@set -e; for k in $$(scripts/kernels.sh | cut -d' ' -f1); do \
		scripts/kmod-build.sh $$k; done
endif

ctl:
	$(MAKE) -C ctl

selftests: ctl tools
	$(MAKE) -C selftests

check:
	@scripts/check.sh

demo:
	@scripts/demo.sh

bench:
	@scripts/bench.sh

install: all
	$(MAKE) -C kmod install
	install -D -m 0755 ctl/pppctl $(DESTDIR)/usr/local/sbin/pppctl

clean:
	$(MAKE) -C kmod clean
	$(MAKE) -C ctl clean
	rm -rf build

.PHONY: all setup tools kmod ctl selftests check demo bench install clean
