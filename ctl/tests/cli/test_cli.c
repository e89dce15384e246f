// SPDX-License-Identifier: GPL-2.0
/*
 * pppctl's subcommands as a user meets them: one line for each mistake,
 * said before any netlink call (these run with or without the module).
 * Run from ctl/tests, as make check does.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "pppctl.h"

/* Slurp a file written by the command; "" when empty. */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf;
	long n;

	if (!f)
		return strdup("");
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = calloc(1, n + 1);
	if (buf && n > 0 && fread(buf, 1, n, f) != (size_t)n)
		buf[0] = '\0';
	fclose(f);
	return buf;
}

/*
 * Run @fn(@argv) with stdout and stderr into files, read back into *@out
 * and *@err (the caller frees them); returns its status.
 */
static int run(int (*fn)(int, char **), char **argv, char **out, char **err)
{
	char o[] = "/tmp/pppctl-outXXXXXX", e[] = "/tmp/pppctl-errXXXXXX";
	int fo = mkstemp(o), fe = mkstemp(e), so, se, rc, argc = 0;

	while (argv[argc])
		argc++;
	fflush(stdout);
	fflush(stderr);
	so = dup(1);
	se = dup(2);
	dup2(fo, 1);
	dup2(fe, 2);
	rc = fn(argc, argv);
	fflush(stdout);
	fflush(stderr);
	dup2(so, 1);
	dup2(se, 2);
	close(so);
	close(se);
	close(fo);
	close(fe);
	*out = slurp(o);
	*err = slurp(e);
	unlink(o);
	unlink(e);
	return rc;
}

#define RUN_ERR(fn, want, ...) do {					\
	char *argv_[] = { __VA_ARGS__, NULL }, *out_, *err_;		\
	EXPECT_EQ(1, run(fn, argv_, &out_, &err_));			\
	EXPECT_STREQ(want, err_);					\
	free(out_);							\
	free(err_);							\
} while (0)

TEST(up_refuses_before_netlink)
{
	RUN_ERR(cmd_up, "pppctl: /etc/passwd: not a tty\n", "up", "/etc/passwd");
	RUN_ERR(cmd_up, "pppctl: /dev/null: not a tty\n", "up", "/dev/null", "mru", "1400");
	RUN_ERR(cmd_up, "pppctl: /dev/no-such-tty: No such file or directory\n",
		"up", "/dev/no-such-tty");
	RUN_ERR(cmd_up, "pppctl: up: no tty given (pppctl up TTY [OPTION...], see pppctl up --help)\n",
		"up", "mru", "1400");
	RUN_ERR(cmd_up, "pppctl: bad address '10.0.0.1:10.0.0.300' (LOCAL:REMOTE, e.g. 10.0.0.1:10.0.0.2)\n",
		"up", "/dev/null", "10.0.0.1:10.0.0.300");
	RUN_ERR(cmd_up, "pppctl: option 'persist' is not supported yet (pppd users: see issue 14)\n",
		"up", "/dev/null", "persist");
}

TEST(call_refuses_before_netlink)
{
	setenv("PPPCTL_ETC_PPP", "data/etc-ppp", 1);
	RUN_ERR(cmd_call, "pppctl: data/etc-ppp/peers/bad:3: unknown option 'foo'\n",
		"call", "bad");
	RUN_ERR(cmd_call, "pppctl: /dev/null: not a tty\n", "call", "lte");
	RUN_ERR(cmd_call, "pppctl: call: which peer? (pppctl call NAME [OPTION...])\n",
		"call");
	RUN_ERR(cmd_call, "pppctl: call notty: no tty given (a device name such as /dev/ttyUSB0, in the peers file or on the command line)\n",
		"call", "notty");
	RUN_ERR(cmd_call, "pppctl: call '../noauth': a name in data/etc-ppp/peers, not a path\n",
		"call", "../noauth");
}

TEST_HARNESS_MAIN
