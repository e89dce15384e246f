// SPDX-License-Identifier: GPL-2.0
/*
 * pppctl call NAME: pppd's option files (data/etc-ppp stands for /etc/ppp
 * through PPPCTL_ETC_PPP), read in pppd's order with pppd's tokens; a
 * later word overrides an earlier one; errors name the file and line.
 * Run from ctl/tests, as make check does.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "daemon/conf.h"
#include "proto/vocab.h"

#define ETC	"data/etc-ppp"

static int call(struct link_conf *c, const char *etc, const char *name,
		const char *line, char *err, size_t errlen)
{
	char buf[512], *w[32];
	char *save, *tok;
	int n = 0;

	setenv("PPPCTL_ETC_PPP", etc, 1);
	snprintf(buf, sizeof(buf), "%s", line);
	for (tok = strtok_r(buf, " ", &save); tok && n < 32;
	     tok = strtok_r(NULL, " ", &save))
		w[n++] = tok;
	conf_defaults(c);
	err[0] = '\0';
	return conf_parse_call(c, name, n, w, err, errlen);
}

/* options, then peers/NAME (with a file in it), then the command line. */
TEST(options_then_peer_then_command_line)
{
	struct link_conf c;
	char err[512];

	ASSERT_EQ(0, call(&c, ETC, "lte", "mru 1280 nodefaultroute", err,
			  sizeof(err))) TH_LOG("%s", err);
	EXPECT_STREQ("/dev/null", c.tty);
	EXPECT_EQ(115200, (int)c.speed);
	EXPECT_EQ(0, (int)c.asyncmap);
	/* options said 30 and 4, the peer 5 */
	EXPECT_EQ(5, (int)c.echo_interval);
	EXPECT_EQ(4, (int)c.echo_failure);
	/* options 1400, extra 1500, the command line 1280 */
	EXPECT_EQ(1280, (int)c.mru);
	EXPECT_STREQ("my user@realm", c.user);
	EXPECT_STREQ("r1", c.name);
	EXPECT_STREQ("isp \"one\"", c.remotename);
	EXPECT_EQ(0, c.require);
	EXPECT_TRUE(c.usepeerdns);
	EXPECT_FALSE(c.defaultroute);

	/* Without the command line: the files' words. */
	ASSERT_EQ(0, call(&c, ETC, "lte", "", err, sizeof(err))) TH_LOG("%s", err);
	EXPECT_EQ(1500, (int)c.mru);
	EXPECT_TRUE(c.defaultroute);
}

/* The tty is a bare word in any source; a later one replaces it. */
TEST(tty_in_any_source)
{
	struct link_conf c;
	char err[512];

	ASSERT_EQ(0, call(&c, ETC, "lte", "zero 57600", err, sizeof(err)))
		TH_LOG("%s", err);
	EXPECT_STREQ("/dev/zero", c.tty);
	EXPECT_EQ(57600, (int)c.speed);
	ASSERT_EQ(0, call(&c, ETC, "lte", "/dev/zero", err, sizeof(err)))
		TH_LOG("%s", err);
	EXPECT_STREQ("/dev/zero", c.tty);
	/* No /etc/ppp/options is no error. */
	ASSERT_EQ(0, call(&c, "data/etc-ppp-bare", "min", "", err, sizeof(err)))
		TH_LOG("%s", err);
	EXPECT_STREQ("/dev/zero", c.tty);
	EXPECT_EQ(10, (int)c.echo_interval);
	/* A second tty in one source is no tty. */
	EXPECT_EQ(-1, call(&c, ETC, "lte", "zero null", err, sizeof(err)));
	EXPECT_STREQ("unknown option 'null' (see pppctl up --help)", err);
}

TEST(errors_name_file_and_line)
{
	struct link_conf c;
	char err[512];

	EXPECT_EQ(-1, call(&c, ETC, "bad", "", err, sizeof(err)));
	EXPECT_STREQ(ETC "/peers/bad:3: unknown option 'foo'", err);
	/* A misspelt option is not taken as a tty that does not exist. */
	EXPECT_EQ(-1, call(&c, ETC, "typo", "", err, sizeof(err)));
	EXPECT_STREQ(ETC "/peers/typo:1: unknown option 'lcok'", err);
	EXPECT_EQ(-1, call(&c, ETC, "demand", "", err, sizeof(err)));
	EXPECT_STREQ(ETC "/peers/demand:3: option 'demand' is not supported by pppctl",
		     err);
	EXPECT_EQ(-1, call(&c, ETC, "quote", "", err, sizeof(err)));
	EXPECT_STREQ(ETC "/peers/quote:2: a quote that is never closed", err);
	EXPECT_EQ(-1, call(&c, ETC, "nofile", "", err, sizeof(err)));
	EXPECT_STREQ(ETC "/peers/nofile:2: file data/etc-ppp/does-not-exist: No such file or directory",
		     err);
	EXPECT_EQ(-1, call(&c, ETC, "nosuch", "", err, sizeof(err)));
	EXPECT_STREQ(ETC "/peers/nosuch: No such file or directory", err);
	/* On the command line, no file to name. */
	EXPECT_EQ(-1, call(&c, ETC, "lte", "mru 1", err, sizeof(err)));
	EXPECT_STREQ("option 'mru': 1 is out of range 128-65535", err);
	EXPECT_EQ(-1, call(&c, ETC, "lte", "bogus", err, sizeof(err)));
	EXPECT_STREQ("unknown option 'bogus' (see pppctl up --help)", err);
}

TEST(peer_names_are_not_paths)
{
	static const char *const bad[] = { "", "../options", "a/b", ".hidden", "/etc/passwd" };
	struct link_conf c;
	char err[512];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		EXPECT_EQ(-1, call(&c, ETC, bad[i], "", err, sizeof(err)))
			TH_LOG("'%s' taken", bad[i]);
		EXPECT_NE(NULL, strstr(err, "not a path")) TH_LOG("%s", err);
	}
}

/* "file" and "call" nest, to a limit: a file that reads itself ends. */
TEST(nesting_and_its_limit)
{
	struct link_conf c;
	char err[512];

	ASSERT_EQ(0, call(&c, ETC, "nested", "", err, sizeof(err))) TH_LOG("%s", err);
	EXPECT_EQ(7, (int)c.echo_interval);
	EXPECT_STREQ("my user@realm", c.user);
	EXPECT_EQ(-1, call(&c, ETC, "loop", "", err, sizeof(err)));
	EXPECT_STREQ(ETC "/peers/loop:2: 'file data/etc-ppp/peers/loop': files nested more than 8 deep",
		     err);
	EXPECT_EQ(-1, call(&c, ETC, "callloop", "", err, sizeof(err)));
	EXPECT_STREQ(ETC "/peers/callloop:1: 'call callloop': files nested more than 8 deep",
		     err);
	/* "file" on pppctl up's command line too. */
	conf_defaults(&c);
	{
		char *argv[] = { "ttyS0", "file", ETC "/extra" };

		ASSERT_EQ(0, conf_parse_words(&c, 3, argv, true, err, sizeof(err)))
			TH_LOG("%s", err);
		EXPECT_EQ(1500, (int)c.mru);
	}
}

/* pppd's tokens: \ escapes, both quotes, # comments, continuations. */
TEST(pppd_tokens)
{
	struct link_conf c;
	char err[512];
	char *argv[] = { "ttyS0", "file", ETC "/tokens" };
	char path[] = "/tmp/pppk-tok-XXXXXX";
	FILE *f;
	int fd, i;

	conf_defaults(&c);
	ASSERT_EQ(0, conf_parse_words(&c, 3, argv, true, err, sizeof(err)))
		TH_LOG("%s", err);
	EXPECT_STREQ("a b#c", c.name);
	EXPECT_STREQ("x yz", c.user);
	EXPECT_STREQ("ABC\\", c.remotename);
	EXPECT_EQ(1280, (int)c.mru);

	/* A word longer than pppd's 1023 characters is refused. */
	fd = mkstemp(path);
	ASSERT_LE(0, fd);
	f = fdopen(fd, "w");
	fprintf(f, "mru 1400\nname ");
	for (i = 0; i < 1100; i++)
		fputc('a', f);
	fprintf(f, "\n");
	fclose(f);
	argv[2] = path;
	conf_defaults(&c);
	EXPECT_EQ(-1, conf_parse_words(&c, 3, argv, true, err, sizeof(err)));
	EXPECT_NE(NULL, strstr(err, ":2: a word longer than 1023 characters"))
		TH_LOG("%s", err);
	/* A NUL by escape is refused, not cut short. */
	f = fopen(path, "w");
	fprintf(f, "name ab\\000c\n");
	fclose(f);
	conf_defaults(&c);
	EXPECT_EQ(-1, conf_parse_words(&c, 3, argv, true, err, sizeof(err)));
	EXPECT_NE(NULL, strstr(err, ":1: a NUL character in a word")) TH_LOG("%s", err);
	unlink(path);
}

/* Across sources a later word wins; in one source, noauth and auth clash. */
TEST(conflicts_and_overrides)
{
	struct link_conf c;
	char err[512];

	EXPECT_EQ(-1, call(&c, ETC, "conflict", "", err, sizeof(err)));
	EXPECT_STREQ(ETC "/peers/conflict:3: option 'noauth' conflicts with 'auth'", err);
	ASSERT_EQ(0, call(&c, ETC, "lte", "require-chap", err, sizeof(err)))
		TH_LOG("%s", err);
	EXPECT_EQ(PPP_CHAP, c.require);
	EXPECT_EQ(-1, call(&c, ETC, "noip", "defaultroute", err, sizeof(err)));
	EXPECT_STREQ("option 'noip' conflicts with 'defaultroute'", err);
}

/* The words of issue 14 in a peers file, pppd's quotes in the password. */
TEST(pppd_link_words_in_a_peers_file)
{
	struct link_conf c;
	char err[512];

	ASSERT_EQ(0, call(&c, ETC, "words", "", err, sizeof(err))) TH_LOG("%s", err);
	EXPECT_STREQ("pa55 \"w0rd\"", c.password);
	EXPECT_STREQ("bob", c.user);
	EXPECT_EQ(1400, (int)c.mtu);
	ASSERT_NE(NULL, c.xaccm);
	EXPECT_EQ((1U << 0x11) | (1U << 0x13), c.xaccm[0]);
	EXPECT_EQ(0x80000000U, c.xaccm[7]);
	EXPECT_TRUE(c.ipv6);
	EXPECT_EQ(1ULL, (unsigned long long)c.ipv6_local);
	EXPECT_EQ(2ULL, (unsigned long long)c.ipv6_remote);
	EXPECT_STREQ("pppk3", c.ifname);
	EXPECT_STREQ("my-lte", c.linkname);
	EXPECT_TRUE(c.defaultroute && c.replacedefaultroute);
	EXPECT_EQ(600, (int)c.idle);
	EXPECT_EQ(7200, (int)c.maxconnect);
	/* CALL_FILE for the scripts */
	EXPECT_STREQ("words", c.call);
	/* the command line overrides the file */
	ASSERT_EQ(0, call(&c, ETC, "words", "unit 4 noreplacedefaultroute password x",
			  err, sizeof(err))) TH_LOG("%s", err);
	EXPECT_STREQ("pppk4", c.ifname);
	EXPECT_FALSE(c.replacedefaultroute);
	EXPECT_STREQ("x", c.password);
}

TEST_HARNESS_MAIN
