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

#include <libmnl/libmnl.h>
#include <linux/genetlink.h>
#include <linux/pppk.h>

#include "kselftest_harness.h"
#include "json.h"
#include "json_check.h"
#include "pppctl.h"

/* pppctl's main, to run as the user does. */
#define main pppctl_main
#include "pppctl.c"
#undef main

#define STARTS(s, lit) (strncmp(s, lit, sizeof(lit) - 1) == 0)

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
	RUN_ERR(cmd_up, "pppctl: option 'demand' is not supported by pppctl\n",
		"up", "/dev/null", "demand");
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

#define RUN_OUT(fn, rc, want, ...) do {					\
	char *argv_[] = { __VA_ARGS__, NULL }, *out_, *err_;		\
	optind = 0;							\
	EXPECT_EQ(rc, run(fn, argv_, &out_, &err_)) TH_LOG("%s", err_);	\
	EXPECT_EQ(0, strncmp(out_, want, strlen(want))) TH_LOG("%s", out_); \
	free(out_);							\
	free(err_);							\
} while (0)

TEST(help_and_version_options)
{
	RUN_OUT(pppctl_main, 0, "Usage: pppctl", "pppctl", "--help");
	RUN_OUT(pppctl_main, 0, "Usage: pppctl", "pppctl", "-h");
	RUN_OUT(pppctl_main, 0, "pppctl " PPPCTL_VERSION "\n", "pppctl", "--version");
	RUN_OUT(pppctl_main, 0, "Usage: pppctl up TTY", "pppctl", "up", "--help");
	RUN_OUT(pppctl_main, 0, "Usage: pppctl up TTY", "pppctl", "call", "-h");
	RUN_OUT(pppctl_main, 0, "Usage: pppctl [-j] version", "pppctl", "version", "-h");
	RUN_OUT(pppctl_main, 0, "Usage: pppctl [-j] [-s] show", "pppctl", "show", "-h");
	optind = 0;
	RUN_ERR(pppctl_main, "pppctl: unknown option '--bogus' (try pppctl --help)\n",
		"pppctl", "--bogus");
	optind = 0;
	RUN_ERR(pppctl_main, "pppctl: unknown option '-x' (try pppctl --help)\n",
		"pppctl", "-xj");
}

/* The controller's version, with or without the module. */
TEST(version_without_the_module)
{
	char *argv[] = { "version", NULL }, *out, *err;

	g_opts.json = false;
	EXPECT_EQ(0, run(cmd_version, argv, &out, &err)) TH_LOG("%s", err);
	EXPECT_TRUE(STARTS(out, "pppctl " PPPCTL_VERSION "\nkernel family pppk "))
		TH_LOG("%s", out);
	free(out);
	free(err);
	g_opts.json = true;
	EXPECT_EQ(0, run(cmd_version, argv, &out, &err)) TH_LOG("%s", err);
	g_opts.json = false;
	EXPECT_TRUE(json_valid(out, strlen(out), true)) TH_LOG("%s", out);
	EXPECT_TRUE(STARTS(out, "{\"pppctl\":\"" PPPCTL_VERSION "\",\"family\":"))
		TH_LOG("%s", out);
	free(out);
	free(err);
}

static char *jw_text(void (*fn)(struct jw *w, const void *arg), const void *arg)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	struct jw w;

	jw_init(&w, f);
	fn(&w, arg);
	fclose(f);
	return w.bad ? NULL : text;
}

static void write_nested(struct jw *w, const void *arg)
{
	jw_obj(w);
	jw_key(w, "s");
	jw_str(w, arg);
	jw_key(w, "n");
	jw_null(w);
	jw_key(w, "a");
	jw_arr(w);
	jw_uint(w, 18446744073709551615ull);
	jw_bool(w, true);
	jw_obj(w);
	jw_obj_end(w);
	jw_arr(w);
	jw_arr_end(w);
	jw_str(w, NULL);
	jw_arr_end(w);
	jw_obj_end(w);
}

TEST(json_writer_escapes_and_separates)
{
	char *text = jw_text(write_nested, "q\"b\\s/\n\t\x01\x7f\xe9");

	ASSERT_NE(NULL, text);
	EXPECT_STREQ("{\"s\":\"q\\\"b\\\\s/\\n\\t\\u0001\\u007f\\u00e9\",\"n\":null,"
		     "\"a\":[18446744073709551615,true,{},[],null]}", text);
	EXPECT_TRUE(json_valid(text, strlen(text), true));
	free(text);
}

/* pppctl -j show: a link name of quotes and backslashes stays JSON. */
static void write_link(struct jw *w, const void *arg)
{
	jw_arr(w);
	show_link(arg, w);
	show_link(arg, w);
	jw_arr_end(w);
}

TEST(show_json_escapes_names)
{
	char buf[MNL_SOCKET_BUFFER_SIZE], *text;
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct nlattr *nest;

	mnl_nlmsg_put_extra_header(nlh, sizeof(struct genlmsghdr));
	mnl_attr_put_u32(nlh, PPPK_A_LINK_IFINDEX, 7);
	mnl_attr_put_strz(nlh, PPPK_A_LINK_IFNAME, "a\"b\\c");
	mnl_attr_put_strz(nlh, PPPK_A_LINK_TTY_NAME, "tty\x01\xff");
	nest = mnl_attr_nest_start(nlh, PPPK_A_LINK_TX);
	mnl_attr_put_u16(nlh, PPPK_A_CFG_MRU, 1500);
	mnl_attr_nest_end(nlh, nest);
	text = jw_text(write_link, nlh);
	ASSERT_NE(NULL, text);
	EXPECT_TRUE(json_valid(text, strlen(text), true)) TH_LOG("%s", text);
	EXPECT_NE(NULL, strstr(text, "{\"ifindex\":7,\"ifname\":\"a\\\"b\\\\c\",\"tty\":\"tty\\u0001\\u00ff\","))
		TH_LOG("%s", text);
	EXPECT_NE(NULL, strstr(text, "},{\"ifindex\":7,")) TH_LOG("%s", text);
	EXPECT_NE(NULL, strstr(text, "\"tx\":{\"mru\":1500,")) TH_LOG("%s", text);
	free(text);
}

TEST_HARNESS_MAIN
