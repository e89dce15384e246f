// SPDX-License-Identifier: GPL-2.0
/*
 * pppctl up: run the controller.  With a tty and pppd option words it
 * brings up one link in the foreground and returns when the link ends; with
 * -f FILE it serves every link the file defines.  SIGTERM or SIGINT
 * terminates the links cleanly (LCP Terminate-Request); a second one ends
 * the controller at once.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>

#include "daemon/conf.h"
#include "daemon/ctld.h"
#include "daemon/plink.h"
#include "pppctl.h"

static void usage(FILE *f)
{
	fprintf(f, "Usage: pppctl up TTY [OPTION...]\n"
		   "       pppctl up -f FILE\n"
		   "       pppctl up ... -d        (detach: run in the background)\n\n"
		   "Brings PPP links up on ttys and stays to run them.  OPTIONs are\n"
		   "pppd's words; FILE holds global options, then 'link IFNAME TTY\n"
		   "[OPTION...]' sections, one per link.  TTY is a path or fd:N, a\n"
		   "tty inherited open as descriptor N (e.g. a pty master).\n\n");
	conf_usage(f);
}

/*
 * Descriptors: a controller of thousands of links may have inherited one
 * per link (fd:N) and still needs its own; take the hard limit.
 */
static void raise_nofile(void)
{
	struct rlimit r;

	if (getrlimit(RLIMIT_NOFILE, &r) == 0 && r.rlim_cur < r.rlim_max) {
		r.rlim_cur = r.rlim_max;
		setrlimit(RLIMIT_NOFILE, &r);
	}
}

int cmd_up(int argc, char **argv)
{
	struct link_conf *confs = NULL;
	struct plink **made;
	char err[512];
	const char *file = NULL;
	bool detach = false;
	struct ctld d;
	int n = 0, i, rc, first = 1;

	if (argc > 1 && !strcmp(argv[1], "--help")) {
		usage(stdout);
		return 0;
	}
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-f") && i + 1 < argc) {
			file = argv[++i];
			first = i + 1;
		} else if (!strcmp(argv[i], "-d")) {
			detach = true;
			memmove(&argv[i], &argv[i + 1], (argc - i - 1) * sizeof(*argv));
			argc--;
			i--;
		}
	}
	if (file) {
		n = conf_parse_file(file, &confs, err, sizeof(err));
		if (n < 0) {
			fprintf(stderr, "pppctl: %s\n", err);
			return 1;
		}
		if (n == 0) {
			fprintf(stderr, "pppctl: %s defines no link\n", file);
			free(confs);
			return 1;
		}
		if (first < argc) {
			fprintf(stderr, "pppctl: options go in %s, not after it\n", file);
			free(confs);
			return 1;
		}
	} else {
		confs = calloc(1, sizeof(*confs));
		if (!confs)
			return 1;
		conf_defaults(confs);
		if (conf_parse_words(confs, argc - 1, argv + 1, true, err,
				     sizeof(err))) {
			fprintf(stderr, "pppctl: %s\n", err);
			free(confs);
			return 1;
		}
		if (!confs->tty) {
			usage(stderr);
			free(confs);
			return 1;
		}
		n = 1;
	}

	raise_nofile();
	rc = ctld_init(&d);
	if (rc) {
		if (rc == -ENOENT)
			fprintf(stderr, "pppctl: the pppk kernel module is not loaded (modprobe pppk)\n");
		else
			fprintf(stderr, "pppctl: pppk netlink family: %s\n", strerror(-rc));
		ctld_fini(&d);
		free(confs);
		return 1;
	}
	d.exit_when_empty = true;
	made = calloc(n, sizeof(*made));
	if (!made) {
		ctld_fini(&d);
		free(confs);
		return 1;
	}
	for (i = 0; i < n; i++) {
		struct plink *l = plink_new(&d.owner, &confs[i], err, sizeof(err));

		made[i] = l;
		if (!l) {
			fprintf(stderr, "pppctl: %s\n", err);
			d.rc = 1;
			continue;
		}
		if (!detach)
			fprintf(stderr, "pppctl: %s on %s\n", l->ifname, confs[i].tty);
	}
	if (detach && d.nlinks && daemon(0, 1)) {
		fprintf(stderr, "pppctl: cannot detach: %s\n", strerror(errno));
		d.rc = 1;
	}
	/* In the file's order, a window at a time (CTLD_OPENING). */
	for (i = 0; i < n; i++)
		if (made[i])
			ctld_open(&d, made[i]);
	free(made);
	rc = ctld_run(&d);
	ctld_fini(&d);
	free(confs);
	return rc;
}
