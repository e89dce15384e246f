// SPDX-License-Identifier: GPL-2.0
/*
 * pppctl up: run the controller.  With a tty and pppd option words it
 * brings up one link in the foreground and returns when the link ends; with
 * -f FILE it serves every link the file defines.  SIGTERM or SIGINT
 * terminates the links cleanly (LCP Terminate-Request); a second one ends
 * the controller at once.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "daemon/conf.h"
#include "daemon/ctld.h"
#include "daemon/plink.h"
#include "daemon/syslog.h"
#include "pppctl.h"

static void usage(FILE *f)
{
	fprintf(f, "Usage: pppctl up TTY [OPTION...]\n"
		   "       pppctl up -f FILE\n"
		   "       pppctl call NAME [OPTION...]\n"
		   "\n"
		   "Brings PPP links up on ttys and stays to run them.  OPTIONs are\n"
		   "pppd's words; FILE holds global options, then 'link IFNAME TTY\n"
		   "[OPTION...]' sections, one per link.  TTY is a path or fd:N, a\n"
		   "tty inherited open as descriptor N (e.g. a pty master).  'call\n"
		   "NAME' reads /etc/ppp/options, then /etc/ppp/peers/NAME, then the\n"
		   "OPTIONs, as pppd does: a later word overrides an earlier one.\n"
		   "pppctl stays in the foreground unless told 'detach' or\n"
		   "'updetach' (pppd detaches by default); -d is pppd's: debug.\n\n");
	conf_usage(f);
}

/*
 * Before any netlink, for the one link of the command line (a file's links
 * each fail on their own): a tty given by path must be one.  Returns the
 * descriptor it was checked on, to be held open until the link has the tty
 * (closing the last descriptor of a tty hangs it up: a pty's other end
 * would see its peer gone, a modem DTR drop); -2 for fd:N, -1 on error.
 */
static int check_tty(const char *tty)
{
	struct stat st;
	int fd;

	if (conf_tty_fd(tty) >= 0)
		return -2;
	if (stat(tty, &st)) {
		fprintf(stderr, "pppctl: %s: %s\n", tty, strerror(errno));
		return -1;
	}
	if (!S_ISCHR(st.st_mode)) {
		fprintf(stderr, "pppctl: %s: not a tty\n", tty);
		return -1;
	}
	fd = open(tty, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "pppctl: %s: %s\n", tty, strerror(errno));
		return -1;
	}
	if (!isatty(fd)) {
		fprintf(stderr, "pppctl: %s: not a tty\n", tty);
		close(fd);
		return -1;
	}
	return fd;
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

static int run(struct link_conf *confs, int n, int held);

/* pppd's -d, anywhere: "debug". */
static void dash_d_is_debug(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++)
		if (!strcmp(argv[i], "-d"))
			argv[i] = "debug";
}

static bool wants_help(int argc, char **argv)
{
	return argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"));
}

int cmd_call(int argc, char **argv)
{
	struct link_conf *conf;
	char err[512];
	int held;

	if (wants_help(argc, argv)) {
		usage(stdout);
		return 0;
	}
	dash_d_is_debug(argc, argv);
	if (argc < 2) {
		fprintf(stderr, "pppctl: call: which peer? (pppctl call NAME [OPTION...])\n");
		return 1;
	}
	conf = calloc(1, sizeof(*conf));
	if (!conf)
		return 1;
	conf_defaults(conf);
	if (conf_parse_call(conf, argv[1], argc - 2, argv + 2, err, sizeof(err))) {
		fprintf(stderr, "pppctl: %s\n", err);
		free(conf);
		return 1;
	}
	if (!conf->tty) {
		fprintf(stderr, "pppctl: call %s: no tty given (a device name such as /dev/ttyUSB0, in the peers file or on the command line)\n",
			argv[1]);
		free(conf);
		return 1;
	}
	held = check_tty(conf->tty);
	if (held == -1) {
		free(conf);
		return 1;
	}
	return run(conf, 1, held);
}

int cmd_up(int argc, char **argv)
{
	struct link_conf *confs = NULL;
	char err[512];
	const char *file = NULL;
	int n = 0, i, first = 1, held = -2;

	if (wants_help(argc, argv)) {
		usage(stdout);
		return 0;
	}
	dash_d_is_debug(argc, argv);
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-f") && i + 1 < argc) {
			file = argv[++i];
			first = i + 1;
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
			fprintf(stderr, "pppctl: up: no tty given (pppctl up TTY [OPTION...], see pppctl up --help)\n");
			free(confs);
			return 1;
		}
		held = check_tty(confs->tty);
		if (held == -1) {
			free(confs);
			return 1;
		}
		n = 1;
	}
	return run(confs, n, held);
}

/*
 * detach and updetach: the process the user started stays in the
 * foreground until the controller, a child in a session of its own, says
 * "U" down a pipe (the links exist, or are up); it then exits 0.  When
 * the controller ends first, its exit status is the foreground's.  The
 * controller gets the pipe's write end in *@up_fd.
 */
static int background(int *up_fd)
{
	int p[2], st;
	pid_t pid;
	ssize_t r;
	char c;

	if (pipe2(p, O_CLOEXEC) < 0) {
		fprintf(stderr, "pppctl: cannot detach: %s\n", strerror(errno));
		return -1;
	}
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "pppctl: cannot detach: %s\n", strerror(errno));
		close(p[0]);
		close(p[1]);
		return -1;
	}
	if (pid == 0) {
		close(p[0]);
		setsid();
		*up_fd = p[1];
		return 0;
	}
	close(p[1]);
	do
		r = read(p[0], &c, 1);
	while (r < 0 && errno == EINTR);
	if (r == 1)
		_exit(0);
	if (waitpid(pid, &st, 0) < 0)
		_exit(1);
	_exit(WIFEXITED(st) ? WEXITSTATUS(st) : 1);
}

/*
 * Bring up the @n links of @confs (freed here) and run them; @held, when
 * not negative, is closed once the links hold their ttys.
 */
static int run(struct link_conf *confs, int n, int held)
{
	struct dial *dials;
	char err[512];
	struct ctld d;
	bool detach = false, updetach = false;
	int i, rc, up_fd = -1;

	for (i = 0; i < n; i++) {
		updetach |= confs[i].updetach;
		detach |= confs[i].detach && !confs[i].updetach;
	}
	if ((detach || updetach) && background(&up_fd) < 0) {
		free(confs);
		if (held >= 0)
			close(held);
		return 1;
	}
	raise_nofile();
	rc = ctld_init(&d);
	if (rc) {
		nl_open_perror(NULL, rc);
		ctld_fini(&d);
		free(confs);
		if (held >= 0)
			close(held);
		return 1;
	}
	/* From here on every line also goes to syslog, as pppd's. */
	if (log_to_syslog() < 0)
		fprintf(stderr, "pppctl: cannot log to syslog: %s\n", strerror(errno));
	d.exit_when_empty = true;
	d.up_fd = up_fd;
	d.up_wanted = updetach ? (unsigned int)n : 0;
	dials = calloc(n, sizeof(*dials));
	if (!dials) {
		ctld_fini(&d);
		free(confs);
		if (held >= 0)
			close(held);
		return 1;
	}
	/*
	 * In the file's order; a line without scripts or persist has its
	 * link at once and opens a window at a time (CTLD_OPENING).
	 */
	for (i = 0; i < n; i++) {
		if (ctld_dial(&d, &dials[i], &confs[i], err, sizeof(err)) < 0) {
			fprintf(stderr, "pppctl: %s\n", err);
			d.rc = 1;
			if (updetach)
				d.up_wanted--;
		}
	}
	if (held >= 0)
		close(held);
	for (i = 0; i < n; i++)
		if (dials[i].straight && dials[i].link)
			ctld_open(&d, dials[i].link);
	if (d.up_fd >= 0 && !updetach && (d.nlinks || d.ndials))
		ctld_detached(&d);
	rc = ctld_run(&d);
	ctld_fini(&d);
	free(dials);
	free(confs);
	return rc;
}
