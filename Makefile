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
#   make install    pppctl, man pages, systemd unit, bash completion (below)
#   make dkms-install  the module's sources to /usr/src/pppk-VERSION, then
#                   dkms add, build, install: rebuilt for each new kernel
#
# KDIR=/path/to/kernel/build builds pppk.ko for that kernel only, in kmod/.
# KVER=RELEASE builds it for that kernel of the matrix only.
#
# Installing: DESTDIR (staging root, default none) and PREFIX (default
# /usr/local) as usual.  With PREFIX=/usr the unit goes to /lib/systemd/system
# (Debian 12's systemd unit directory), otherwise to PREFIX/lib/systemd/system.
# make install installs userspace only; the module goes through DKMS
# (make dkms-install), or, for a kernel without DKMS, make kmod-install
# (modules_install + depmod for KDIR, default the running kernel).

PREFIX	?= /usr/local
SBINDIR	?= $(PREFIX)/sbin
MANDIR	?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ifeq ($(PREFIX),/usr)
UNITDIR	?= /lib/systemd/system
else
UNITDIR	?= $(PREFIX)/lib/systemd/system
endif
# The one version: kmod/version.h (pppctl's is checked against it).
VERSION	:= $(shell sed -n 's/^\#define PPPK_VERSION "\(.*\)"/\1/p' kmod/version.h)
DKMS_SRC ?= /usr/src/pppk-$(VERSION)

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

install: ctl
	install -D -m 0755 ctl/pppctl $(DESTDIR)$(SBINDIR)/pppctl
	install -D -m 0644 Documentation/man/pppctl.8 $(DESTDIR)$(MANDIR)/man8/pppctl.8
	install -D -m 0644 Documentation/man/pppk.4 $(DESTDIR)$(MANDIR)/man4/pppk.4
	install -D -m 0644 Documentation/man/pppctl.conf.5 $(DESTDIR)$(MANDIR)/man5/pppctl.conf.5
	install -D -m 0644 dist/pppctl.bash-completion $(DESTDIR)$(BASHCOMPDIR)/pppctl
	install -d $(DESTDIR)$(UNITDIR)
	sed 's|@SBINDIR@|$(SBINDIR)|g' dist/pppctl@.service.in >$(DESTDIR)$(UNITDIR)/pppctl@.service
	chmod 0644 $(DESTDIR)$(UNITDIR)/pppctl@.service

uninstall:
	rm -f $(DESTDIR)$(SBINDIR)/pppctl $(DESTDIR)$(MANDIR)/man8/pppctl.8 \
	      $(DESTDIR)$(MANDIR)/man4/pppk.4 $(DESTDIR)$(MANDIR)/man5/pppctl.conf.5 \
	      $(DESTDIR)$(BASHCOMPDIR)/pppctl $(DESTDIR)$(UNITDIR)/pppctl@.service

# The module without DKMS, for one kernel (KDIR, default the running one's).
kmod-install:
	$(MAKE) -C kmod install

# What a pppk-dkms package holds: the module's sources and dkms.conf, in
# $(DESTDIR)/usr/src/pppk-VERSION (DKMS_SRC).
dkms-source:
	rm -rf $(DESTDIR)$(DKMS_SRC)
	install -d $(DESTDIR)$(DKMS_SRC)/kmod $(DESTDIR)$(DKMS_SRC)/include/uapi/linux
	install -m 0644 $(filter-out %.mod.c,$(wildcard kmod/*.c)) $(wildcard kmod/*.h) \
		kmod/Kbuild kmod/Makefile $(DESTDIR)$(DKMS_SRC)/kmod/
	install -m 0644 include/uapi/linux/pppk.h $(DESTDIR)$(DKMS_SRC)/include/uapi/linux/
	sed 's|@VERSION@|$(VERSION)|g' dist/dkms.conf.in >$(DESTDIR)$(DKMS_SRC)/dkms.conf
	chmod 0644 $(DESTDIR)$(DKMS_SRC)/dkms.conf

# Registered with DKMS, built and installed for the running kernel; DKMS
# then rebuilds it whenever a kernel (with its headers) is installed.  The
# same version installed before is replaced.
dkms-install:
	@if [ -n "$$(dkms status pppk/$(VERSION))" ]; then \
		dkms remove pppk/$(VERSION) --all; fi
	$(MAKE) dkms-source DESTDIR=
	dkms add pppk/$(VERSION)
	dkms build pppk/$(VERSION)
	dkms install pppk/$(VERSION)

dkms-uninstall:
	@if [ -n "$$(dkms status pppk/$(VERSION))" ]; then \
		dkms remove pppk/$(VERSION) --all; fi
	rm -rf $(DKMS_SRC)

clean:
	$(MAKE) -C kmod clean
	$(MAKE) -C ctl clean
	rm -rf build

.PHONY: all setup tools kmod ctl selftests check demo bench install uninstall \
	kmod-install dkms-source dkms-install dkms-uninstall clean
