// SPDX-License-Identifier: GPL-2.0
/*
 * pppd option words and files of links become the right configuration;
 * bad words give one line naming the word.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "daemon/conf.h"
#include "proto/debug.h"
#include "proto/vocab.h"

static int parse(struct link_conf *c, const char *line, char *err)
{
	char buf[512], *w[32];
	int n = 0;
	char *save, *tok;

	snprintf(buf, sizeof(buf), "%s", line);
	for (tok = strtok_r(buf, " ", &save); tok && n < 32;
	     tok = strtok_r(NULL, " ", &save))
		w[n++] = tok;
	conf_defaults(c);
	return conf_parse_words(c, n, w, true, err, 256);
}

TEST(pppd_words)
{
	struct link_conf c;
	char err[256];

	ASSERT_EQ(0, parse(&c, "ttyS0 115200 10.0.0.1:10.0.0.2 mru 296 asyncmap a0000 "
			   "nopcomp noaccomp require-chap name r1 user u1 +ipv6 "
			   "lcp-echo-interval 3 lcp-echo-failure 4 ms-dns 1.1.1.1 "
			   "ms-dns 8.8.8.8 nopeerroute debug", err)) TH_LOG("%s", err);
	EXPECT_STREQ("/dev/ttyS0", c.tty);
	EXPECT_EQ(115200, (int)c.speed);
	EXPECT_EQ(htonl(0x0a000001), c.local.s_addr);
	EXPECT_EQ(htonl(0x0a000002), c.remote.s_addr);
	EXPECT_EQ(296, (int)c.mru);
	EXPECT_EQ(0xa0000, (int)c.asyncmap);
	EXPECT_TRUE(c.nopcomp);
	EXPECT_TRUE(c.noaccomp);
	EXPECT_EQ(PPP_CHAP, c.require);
	EXPECT_STREQ("r1", c.name);
	EXPECT_STREQ("u1", c.user);
	EXPECT_TRUE(c.ipv6);
	EXPECT_EQ(3, (int)c.echo_interval);
	EXPECT_EQ(4, (int)c.echo_failure);
	EXPECT_EQ(htonl(0x01010101), c.ms_dns[0].s_addr);
	EXPECT_EQ(htonl(0x08080808), c.ms_dns[1].s_addr);
	EXPECT_TRUE(c.no_peer_route);
	EXPECT_NE(0, (int)(c.debug & DBG_NEGOTIATION));
}

/* debug-format ios|pppd: whose format debug lines take. */
TEST(debug_format_word)
{
	struct link_conf c;
	char err[256];

	conf_defaults(&c);
	EXPECT_EQ(DBG_FMT_IOS, c.debug_format);
	ASSERT_EQ(0, parse(&c, "ttyS0 debug debug-format pppd", err)) TH_LOG("%s", err);
	EXPECT_EQ(DBG_FMT_PPPD, c.debug_format);
	ASSERT_EQ(0, parse(&c, "ttyS0 debug-format pppd debug-format ios", err));
	EXPECT_EQ(DBG_FMT_IOS, c.debug_format);
	EXPECT_EQ(-1, parse(&c, "ttyS0 debug-format cisco", err));
	EXPECT_STREQ("option 'debug-format' needs a valid value, not cisco", strstr(err, "option"));
	EXPECT_EQ(-1, parse(&c, "ttyS0 debug-format", err));
}

TEST(defaults_are_ciscos_keepalive)
{
	struct link_conf c;

	conf_defaults(&c);
	EXPECT_EQ(10, (int)c.echo_interval);
	EXPECT_EQ(5, (int)c.echo_failure);
	EXPECT_STREQ("/etc/ppp/chap-secrets", c.chap_secrets);
}

TEST(half_address_pairs)
{
	struct link_conf c;
	char err[256];

	ASSERT_EQ(0, parse(&c, "/dev/pts/3 :10.0.0.9", err));
	EXPECT_EQ(0, (int)c.local.s_addr);
	EXPECT_EQ(htonl(0x0a000009), c.remote.s_addr);
	ASSERT_EQ(0, parse(&c, "/dev/pts/3 10.0.0.1:", err));
	EXPECT_EQ(htonl(0x0a000001), c.local.s_addr);
	EXPECT_EQ(0, (int)c.remote.s_addr);
	EXPECT_STREQ("/dev/pts/3", c.tty);
}

TEST(auth_means_chap_first)
{
	struct link_conf c;
	char err[256];

	ASSERT_EQ(0, parse(&c, "ttyS0 auth", err));
	EXPECT_TRUE(c.auth_any);
	EXPECT_EQ(PPP_CHAP, c.require);
}

TEST(bad_words_name_themselves)
{
	struct link_conf c;
	char err[256];

	EXPECT_EQ(-1, parse(&c, "ttyS0 frobnicate", err));
	EXPECT_NE(NULL, strstr(err, "frobnicate"));
	EXPECT_EQ(-1, parse(&c, "ttyS0 mru", err));
	EXPECT_NE(NULL, strstr(err, "mru"));
	EXPECT_EQ(-1, parse(&c, "ttyS0 mru lots", err));
	EXPECT_NE(NULL, strstr(err, "lots"));
	EXPECT_EQ(-1, parse(&c, "ttyS0 mru 65536", err));
	EXPECT_NE(NULL, strstr(err, "65536"));
	EXPECT_EQ(0, parse(&c, "ttyS0 mru 65535", err));
}

/*
 * Every number is range-checked where it is read, with a line naming the
 * word, the value and the range: nothing is narrowed later (max-failure
 * 256 used to become 0 in the automaton's 8 bits, mru 65536 "don't ask").
 */
TEST(numbers_out_of_range_refused)
{
	static const struct {
		const char *line, *range;
	} bad[] = {
		{ "ttyS0 max-failure 256", "1-255" },
		{ "ttyS0 max-configure 0", "1-255" },
		{ "ttyS0 max-terminate 300", "1-255" },
		{ "ttyS0 mru 127", "128-65535" },
		{ "ttyS0 mru 4294967296", NULL },
		{ "ttyS0 lcp-echo-interval 86401", "0-86400" },
		{ "ttyS0 lcp-echo-failure 65536", "0-65535" },
		{ "ttyS0 restart 5", "10-3600000" },
		{ "ttyS0 speed 4000001", "50-4000000" },
		{ "ttyS0 30", "50-4000000" },
		{ "ttyS0 max-failure -1", NULL },
	};
	struct link_conf c;
	char err[256];

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = '\0';
		EXPECT_EQ(-1, parse(&c, bad[i].line, err)) TH_LOG("%s", bad[i].line);
		if (bad[i].range)
			EXPECT_NE(NULL, strstr(err, bad[i].range))
				TH_LOG("%s: %s", bad[i].line, err);
	}
	ASSERT_EQ(0, parse(&c, "ttyS0 max-failure 255 max-configure 1 restart 10 "
			   "lcp-echo-interval 0 lcp-echo-failure 0 460800", err))
		TH_LOG("%s", err);
	EXPECT_EQ(255, (int)c.max_failure);
	EXPECT_EQ(460800, (int)c.speed);
	EXPECT_EQ(-1, parse(&c, "ttyS0 ms-dns 1.2.3", err));
	EXPECT_EQ(-1, parse(&c, "ttyS0 ms-dns 1.1.1.1 ms-dns 2.2.2.2 ms-dns 3.3.3.3", err));
	EXPECT_EQ(-1, parse(&c, "ttyS0 10.0.0.1:10.0.0.300", err));
}

TEST(file_of_links)
{
	char path[] = "/tmp/pppk-conf-XXXXXX", err[256];
	struct link_conf *links = NULL;
	FILE *f;
	int fd = mkstemp(path);

	ASSERT_LE(0, fd);
	f = fdopen(fd, "w");
	fprintf(f, "# global options\nrequire-chap name core-1\nlcp-echo-interval 5\n\n"
		   "link pppk-a /dev/ttyS0 10.1.0.1:10.1.0.2\n"
		   "link pppk-b /dev/ttyS1 10.1.1.1:10.1.1.2\n"
		   "mru 1400   # applies to pppk-b\n");
	fclose(f);
	ASSERT_EQ(2, conf_parse_file(path, &links, err, sizeof(err))) TH_LOG("%s", err);
	EXPECT_STREQ("pppk-a", links[0].ifname);
	EXPECT_STREQ("/dev/ttyS0", links[0].tty);
	EXPECT_EQ(PPP_CHAP, links[0].require);
	EXPECT_EQ(5, (int)links[0].echo_interval);
	EXPECT_EQ(0, (int)links[0].mru);
	EXPECT_STREQ("pppk-b", links[1].ifname);
	EXPECT_EQ(1400, (int)links[1].mru);
	EXPECT_STREQ("core-1", links[1].name);
	free(links);

	f = fopen(path, "w");
	fprintf(f, "link pppk-a /dev/ttyS0\nbogus-word\n");
	fclose(f);
	EXPECT_EQ(-1, conf_parse_file(path, &links, err, sizeof(err)));
	EXPECT_NE(NULL, strstr(err, ":2:"));
	EXPECT_NE(NULL, strstr(err, "bogus-word"));
	unlink(path);
	EXPECT_EQ(-1, conf_parse_file(path, &links, err, sizeof(err)));
	EXPECT_NE(NULL, strstr(err, path));
}

TEST(tty_as_an_inherited_descriptor)
{
	struct link_conf c;
	char err[256];

	ASSERT_EQ(0, parse(&c, "fd:7 10.0.0.1:10.0.0.2 mru 1400", err)) TH_LOG("%s", err);
	EXPECT_STREQ("fd:7", c.tty);
	EXPECT_EQ(7, conf_tty_fd(c.tty));
	EXPECT_EQ(htonl(0x0a000001), c.local.s_addr);
	ASSERT_EQ(0, parse(&c, "fd:0", err)) TH_LOG("%s", err);
	EXPECT_EQ(0, conf_tty_fd(c.tty));
	ASSERT_EQ(0, parse(&c, "fd:123456789", err)) TH_LOG("%s", err);
	EXPECT_EQ(123456789, conf_tty_fd(c.tty));

	/* Paths are not descriptors, whatever they contain. */
	EXPECT_EQ(-1, conf_tty_fd("/dev/ttyS0"));
	EXPECT_EQ(-1, conf_tty_fd("/dev/fd:3"));
	EXPECT_EQ(-1, conf_tty_fd(NULL));
	ASSERT_EQ(0, parse(&c, "ttyS0", err));
	EXPECT_EQ(-1, conf_tty_fd(c.tty));
}

TEST(bad_descriptor_specs_name_themselves)
{
	static const char *const bad[] = {
		"fd:", "fd:x", "fd:-1", "fd:3x", "fd:+3", "fd:0x3", "fd:1234567890",
	};
	struct link_conf c;
	char err[256];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char line[64];

		snprintf(line, sizeof(line), "%s 10.0.0.1:10.0.0.2", bad[i]);
		EXPECT_EQ(-1, parse(&c, line, err)) TH_LOG("%s accepted", bad[i]);
		EXPECT_NE(NULL, strstr(err, bad[i])) TH_LOG("%s", err);
		/* One line. */
		EXPECT_EQ(NULL, strchr(err, '\n'));
	}
	EXPECT_EQ(-1, parse(&c, "fd:x", err));
	EXPECT_NE(NULL, strstr(err, "'fd:x'")) TH_LOG("%s", err);
	EXPECT_NE(NULL, strstr(err, "e.g. fd:3")) TH_LOG("%s", err);
	/* A second tty word is not taken as one. */
	EXPECT_EQ(-1, parse(&c, "ttyS0 fd:3", err));
	EXPECT_NE(NULL, strstr(err, "fd:3")) TH_LOG("%s", err);
}

TEST(file_of_links_on_inherited_descriptors)
{
	char path[] = "/tmp/pppk-conf-XXXXXX", err[256];
	struct link_conf *links = NULL;
	FILE *f;
	int fd = mkstemp(path), i, n = 10000;

	ASSERT_LE(0, fd);
	f = fdopen(fd, "w");
	fprintf(f, "lcp-echo-interval 1 logfile /tmp/pppk-scale.log\n");
	for (i = 0; i < n; i++)
		fprintf(f, "link pa%d fd:%d 10.64.%d.%d:10.128.%d.%d\n", i, 3 + i,
			i / 250, i % 250 + 1, i / 250, i % 250 + 1);
	fclose(f);
	ASSERT_EQ(n, conf_parse_file(path, &links, err, sizeof(err))) TH_LOG("%s", err);
	for (i = 0; i < n; i += 997) {
		char name[16];

		snprintf(name, sizeof(name), "pa%d", i);
		EXPECT_STREQ(name, links[i].ifname);
		EXPECT_EQ(3 + i, conf_tty_fd(links[i].tty));
		EXPECT_EQ(htonl(0x0a400000 | (i / 250) << 8 | (i % 250 + 1)),
			  links[i].local.s_addr);
		EXPECT_EQ(1, (int)links[i].echo_interval);
	}
	/* Options of the file's head are shared, not copied per link. */
	EXPECT_STREQ("/tmp/pppk-scale.log", links[0].logfile);
	EXPECT_EQ(links[0].logfile, links[n - 1].logfile);
	EXPECT_EQ(links[0].chap_secrets, links[n - 1].chap_secrets);
	/* What a link's configuration costs a controller of 10,000. */
	EXPECT_GT(512, (int)sizeof(struct link_conf));
	free(links);

	/* In the head of the file a descriptor is no option. */
	f = fopen(path, "w");
	fprintf(f, "fd:3\nlink pa0 fd:4\n");
	fclose(f);
	EXPECT_EQ(-1, conf_parse_file(path, &links, err, sizeof(err)));
	EXPECT_NE(NULL, strstr(err, ":1:")) TH_LOG("%s", err);
	EXPECT_NE(NULL, strstr(err, "fd:3")) TH_LOG("%s", err);
	f = fopen(path, "w");
	fprintf(f, "link pa0 fd:three\n");
	fclose(f);
	EXPECT_EQ(-1, conf_parse_file(path, &links, err, sizeof(err)));
	EXPECT_NE(NULL, strstr(err, ":1:")) TH_LOG("%s", err);
	EXPECT_NE(NULL, strstr(err, "fd:three")) TH_LOG("%s", err);
	unlink(path);
}

/* Our CHAP Response only after the peer passed ours, on any link. */
TEST(peer_auth_first_word)
{
	struct link_conf c;
	char err[256];

	ASSERT_EQ(0, parse(&c, "ttyS0 require-chap", err)) TH_LOG("%s", err);
	EXPECT_FALSE(c.peer_auth_first);
	ASSERT_EQ(0, parse(&c, "ttyS0 require-chap peer-auth-first", err))
		TH_LOG("%s", err);
	EXPECT_TRUE(c.peer_auth_first);
	EXPECT_FALSE(c.silent);
}

/* pppd's words for what pppk never does: taken, no effect, said so. */
static const char *const noop_words[] = {
	"novj", "novjccomp", "noccp", "nobsdcomp", "nodeflate", "nopredictor1",
	"noipx", "noipdefault",
	"refuse-mschap", "refuse-mschap-v2", "refuse-eap", "hide-password",
};

/* What pppk does not do yet: refused in one line, never silently taken. */
static const char *const refused_words[] = {
	"welcome x", "pty x", "plugin x.so", "demand",
	"cdtrcts", "proxyarp",
};

static char *usage_text(void)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	conf_usage(f);
	fclose(f);
	return text;
}

/* The line of --help for @word: "  word ..." */
static const char *usage_line_of(const char *text, const char *word)
{
	char key[64];
	const char *p;

	snprintf(key, sizeof(key), "\n  %s ", word);
	p = strstr(text, key);
	return p ? p + 1 : NULL;
}

/* The line words pppd users have in /etc/ppp/options: each takes effect. */
TEST(line_words)
{
	struct link_conf c;
	char err[256];

	ASSERT_EQ(0, parse(&c, "ttyS0", err)) TH_LOG("%s", err);
	EXPECT_FALSE(c.crtscts || c.nocrtscts || c.modem || c.lock);
	EXPECT_STREQ("", c.ipparam);
	ASSERT_EQ(0, parse(&c, "ttyS0 crtscts modem lock ipparam up-link", err))
		TH_LOG("%s", err);
	EXPECT_TRUE(c.crtscts && c.modem && c.lock);
	EXPECT_STREQ("up-link", c.ipparam);
	/* local and nolock undo modem and lock, as a later pppd word does */
	ASSERT_EQ(0, parse(&c, "ttyS0 modem lock local nolock nocrtscts", err))
		TH_LOG("%s", err);
	EXPECT_FALSE(c.modem || c.lock);
	EXPECT_TRUE(c.nocrtscts);
	EXPECT_FALSE(c.xonxoff);
	ASSERT_EQ(0, parse(&c, "ttyS0 xonxoff", err)) TH_LOG("%s", err);
	EXPECT_TRUE(c.xonxoff);
}

/* The line around the link: scripts, persist, detaching, as pppd's. */
TEST(dial_words)
{
	struct link_conf c;
	char err[256];

	ASSERT_EQ(0, parse(&c, "ttyS0", err)) TH_LOG("%s", err);
	EXPECT_EQ(NULL, c.connect);
	EXPECT_EQ(NULL, c.disconnect);
	EXPECT_EQ(NULL, c.init);
	EXPECT_FALSE(c.persist || c.updetach || c.detach);
	EXPECT_EQ(1000, c.connect_delay);	/* pppd's defaults */
	EXPECT_EQ(30, c.holdoff);
	EXPECT_EQ(10, c.maxfail);
	ASSERT_EQ(0, parse(&c, "ttyS0 connect /usr/sbin/chat init i disconnect d "
			   "connect-delay 250 persist holdoff 2 maxfail 0 updetach",
			   err)) TH_LOG("%s", err);
	EXPECT_STREQ("/usr/sbin/chat", c.connect);
	EXPECT_STREQ("i", c.init);
	EXPECT_STREQ("d", c.disconnect);
	EXPECT_EQ(250, c.connect_delay);
	EXPECT_TRUE(c.persist && c.updetach);
	EXPECT_EQ(2, c.holdoff);
	EXPECT_EQ(0, c.maxfail);
	/* a later word undoes an earlier one */
	ASSERT_EQ(0, parse(&c, "ttyS0 persist detach nopersist nodetach", err))
		TH_LOG("%s", err);
	EXPECT_FALSE(c.persist || c.detach);
	EXPECT_EQ(-1, parse(&c, "ttyS0 holdoff x", err));
	EXPECT_EQ(-1, parse(&c, "ttyS0 maxfail 70000", err));
	EXPECT_EQ(-1, parse(&c, "ttyS0 connect", err));
}

TEST(noop_words_taken_and_listed)
{
	struct link_conf c, plain;
	char err[256], line[64], *text = usage_text();
	size_t i;

	ASSERT_EQ(0, parse(&plain, "ttyS0", err));
	for (i = 0; i < sizeof(noop_words) / sizeof(noop_words[0]); i++) {
		const char *l = usage_line_of(text, noop_words[i]);

		snprintf(line, sizeof(line), "ttyS0 %s", noop_words[i]);
		EXPECT_EQ(0, parse(&c, line, err)) TH_LOG("%s: %s", line, err);
		/* the same tty, in a string of its own */
		EXPECT_STREQ(plain.tty, c.tty);
		c.tty = plain.tty;
		EXPECT_EQ(0, memcmp(&c, &plain, sizeof(c))) TH_LOG("%s had an effect", line);
		ASSERT_NE(NULL, l) TH_LOG("%s not in --help", noop_words[i]);
		EXPECT_EQ(0, strncmp(strstr(l, "(accepted, no effect: "),
				     "(accepted, no effect: ", 22)) TH_LOG("%.80s", l);
		EXPECT_LT(strstr(l, "(accepted"), strchr(l, '\n'));
	}
	free(text);
}

TEST(unsupported_words_refused_by_name)
{
	struct link_conf c;
	char err[256], line[64], want[128], word[32], *text = usage_text();
	size_t i;

	for (i = 0; i < sizeof(refused_words) / sizeof(refused_words[0]); i++) {
		const char *l;

		sscanf(refused_words[i], "%31s", word);
		snprintf(line, sizeof(line), "ttyS0 %s", refused_words[i]);
		snprintf(want, sizeof(want),
			 "option '%s' is not supported by pppctl", word);
		EXPECT_EQ(-1, parse(&c, line, err)) TH_LOG("%s taken", line);
		EXPECT_STREQ(want, err);
		l = usage_line_of(text, word);
		ASSERT_NE(NULL, l) TH_LOG("%s not in --help", word);
		EXPECT_LT(strstr(l, "not supported"), strchr(l, '\n'));
	}
	free(text);
}

/* --help: the word and its argument in one column, the text in the next. */
TEST(usage_in_aligned_columns)
{
	char *text = usage_text();
	const char *l;

	l = usage_line_of(text, "mru");
	ASSERT_NE(NULL, l);
	EXPECT_EQ(0, strncmp(l, "  mru N                           ask the peer", 46))
		TH_LOG("%.60s", l);
	l = usage_line_of(text, "demand");
	ASSERT_NE(NULL, l);
	EXPECT_EQ(0, strncmp(l, "  demand                          not supported\n", 47))
		TH_LOG("%.60s", l);
	free(text);
}

TEST(conflicting_words_name_both)
{
	static const struct {
		const char *line, *err;
	} bad[] = {
		{ "ttyS0 noauth require-chap", "option 'require-chap' conflicts with 'noauth'" },
		{ "ttyS0 require-pap noauth", "option 'noauth' conflicts with 'require-pap'" },
		{ "ttyS0 auth noauth", "option 'noauth' conflicts with 'auth'" },
		{ "ttyS0 noip defaultroute", "option 'noip' conflicts with 'defaultroute'" },
		{ "ttyS0 usepeerdns noip", "option 'noip' conflicts with 'usepeerdns'" },
		{ "ttyS0 noip 10.0.0.1:10.0.0.2", "option 'noip' conflicts with IPv4 addresses (LOCAL:REMOTE)" },
		{ "ttyS0 noip ms-dns 1.1.1.1", "option 'noip' conflicts with 'ms-dns'" },
	};
	struct link_conf c;
	char err[256];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		EXPECT_EQ(-1, parse(&c, bad[i].line, err)) TH_LOG("%s taken", bad[i].line);
		EXPECT_STREQ(bad[i].err, err);
	}
	/* What pppd means by them alone. */
	ASSERT_EQ(0, parse(&c, "ttyS0 noauth", err));
	EXPECT_EQ(0, c.require);
	ASSERT_EQ(0, parse(&c, "ttyS0 defaultroute nodefaultroute", err));
	EXPECT_FALSE(c.defaultroute);
	/* A later file overrides: noauth there, require-chap here. */
	ASSERT_EQ(0, parse(&c, "ttyS0 require-chap file data/etc-ppp/noauth", err))
		TH_LOG("%s", err);
	EXPECT_EQ(0, c.require);
}

TEST(bad_address_says_so)
{
	struct link_conf c;
	char err[256];

	EXPECT_EQ(-1, parse(&c, "ttyS0 10.0.0.1:10.0.0.300", err));
	EXPECT_STREQ("bad address '10.0.0.1:10.0.0.300' (LOCAL:REMOTE, e.g. 10.0.0.1:10.0.0.2)", err);
	EXPECT_EQ(-1, parse(&c, "ttyS0 x:", err));
	EXPECT_EQ(0, strncmp(err, "bad address 'x:'", 16)) TH_LOG("%s", err);
}

/* A link file takes pppd's tokens too: single quotes, escapes. */
TEST(file_of_links_with_pppd_tokens)
{
	char path[] = "/tmp/pppk-conf-XXXXXX", err[256];
	struct link_conf *links = NULL;
	FILE *f;
	int fd = mkstemp(path);

	ASSERT_LE(0, fd);
	f = fdopen(fd, "w");
	fprintf(f, "name 'core 1'\nlink pppk-a /dev/ttyS0 user a\\sb\n"
		   "remotename \"isp\"'#1' # comment\n");
	fclose(f);
	ASSERT_EQ(1, conf_parse_file(path, &links, err, sizeof(err))) TH_LOG("%s", err);
	EXPECT_STREQ("core 1", links[0].name);
	EXPECT_STREQ("a b", links[0].user);
	EXPECT_STREQ("isp#1", links[0].remotename);
	free(links);

	f = fopen(path, "w");
	fprintf(f, "link pppk-a /dev/ttyS0 noip\ndefaultroute\n");
	fclose(f);
	EXPECT_EQ(-1, conf_parse_file(path, &links, err, sizeof(err)));
	EXPECT_NE(NULL, strstr(err, "link pppk-a: option 'noip' conflicts with 'defaultroute'"))
		TH_LOG("%s", err);
	f = fopen(path, "w");
	fprintf(f, "link pppk-a-name-too-long /dev/ttyS0\n");
	fclose(f);
	EXPECT_EQ(-1, conf_parse_file(path, &links, err, sizeof(err)));
	EXPECT_NE(NULL, strstr(err, ":1: 'link IFNAME' expected")) TH_LOG("%s", err);
	unlink(path);
}

/* Words of issue 14 that were refused: now each sets what pppd's does. */
TEST(pppd_link_words)
{
	struct link_conf c;
	char err[256];

	ASSERT_EQ(0, parse(&c, "ttyS0 mtu 1400 mru 1500 linkname lte idle 60 "
			   "maxconnect 3600 defaultroute replacedefaultroute", err))
		TH_LOG("%s", err);
	EXPECT_EQ(1400, (int)c.mtu);
	EXPECT_EQ(1500, (int)c.mru);
	EXPECT_STREQ("lte", c.linkname);
	ASSERT_EQ(0, parse(&c, "ttyS0", err));
	EXPECT_EQ(NULL, c.linkname);
	ASSERT_EQ(0, parse(&c, "ttyS0 mtu 1400 mru 1500 linkname lte idle 60 "
			   "maxconnect 3600 defaultroute replacedefaultroute", err));
	EXPECT_EQ(60, (int)c.idle);
	EXPECT_EQ(3600, (int)c.maxconnect);
	EXPECT_TRUE(c.defaultroute);
	EXPECT_TRUE(c.replacedefaultroute);
	EXPECT_EQ(-1, c.unit);
	EXPECT_STREQ("", c.ifname);
	ASSERT_EQ(0, parse(&c, "ttyS0 replacedefaultroute noreplacedefaultroute", err));
	EXPECT_FALSE(c.replacedefaultroute);
	/* mtu: pppd's bounds at the bottom, the kernel's 16 bits at the top */
	EXPECT_EQ(-1, parse(&c, "ttyS0 mtu 127", err));
	EXPECT_STREQ("option 'mtu': 127 is out of range 128-65535", err);
	EXPECT_EQ(-1, parse(&c, "ttyS0 idle 2000001", err));
	EXPECT_STREQ("option 'idle': 2000001 is out of range 0-2000000", err);
	EXPECT_EQ(-1, parse(&c, "ttyS0 maxconnect -1", err));
	EXPECT_STREQ("option 'maxconnect' needs a valid value, not -1", err);
}

TEST(unit_names_the_interface)
{
	struct link_conf c;
	char err[256];

	ASSERT_EQ(0, parse(&c, "ttyS0 unit 3", err)) TH_LOG("%s", err);
	EXPECT_EQ(3, c.unit);
	EXPECT_STREQ("pppk3", c.ifname);
	/* the later word wins, as in pppd's files */
	ASSERT_EQ(0, parse(&c, "ttyS0 unit 3 ifname wan0", err));
	EXPECT_STREQ("wan0", c.ifname);
	ASSERT_EQ(0, parse(&c, "ttyS0 ifname wan0 unit 65535", err));
	EXPECT_STREQ("pppk65535", c.ifname);
	EXPECT_EQ(-1, parse(&c, "ttyS0 unit 65536", err));
	EXPECT_STREQ("option 'unit': 65536 is out of range 0-65535", err);
	EXPECT_EQ(-1, parse(&c, "ttyS0 unit -1", err));
	EXPECT_STREQ("option 'unit' needs a valid value, not -1", err);
	EXPECT_EQ(-1, parse(&c, "ttyS0 unit 3x", err));
	EXPECT_STREQ("option 'unit' needs a valid value, not 3x", err);
}

TEST(linkname_is_a_file_name)
{
	struct link_conf c;
	char err[256];

	EXPECT_EQ(-1, parse(&c, "ttyS0 linkname ../etc/x", err));
	EXPECT_STREQ("option 'linkname' needs a valid value, not ../etc/x", err);
	EXPECT_EQ(-1, parse(&c, "ttyS0 linkname a/b", err));
	EXPECT_EQ(-1, parse(&c, "ttyS0 linkname .hidden", err));
	EXPECT_EQ(-1, parse(&c, "ttyS0 linkname "
			    "a123456789b123456789c123456789d123456789e123456789f123456789g123", err));
	ASSERT_EQ(0, parse(&c, "ttyS0 linkname "
			   "a123456789b123456789c123456789d123456789e123456789f123456789g12", err));
	EXPECT_EQ(63, (int)strlen(c.linkname));
}

/* The password is ours; a wrong one is refused without showing it. */
TEST(password_never_shown)
{
	struct link_conf c;
	char err[256], line[400], big[300];

	ASSERT_EQ(0, parse(&c, "ttyS0 user bob password s3cret", err)) TH_LOG("%s", err);
	EXPECT_STREQ("s3cret", c.password);
	EXPECT_STREQ("bob", c.user);
	ASSERT_EQ(0, parse(&c, "ttyS0", err));
	EXPECT_EQ(NULL, c.password);
	memset(big, 'p', 256);
	big[256] = '\0';
	snprintf(line, sizeof(line), "ttyS0 password %s", big);
	EXPECT_EQ(-1, parse(&c, line, err));
	EXPECT_STREQ("option 'password' needs a secret of at most 255 characters", err);
	EXPECT_EQ(NULL, strstr(err, "ppp"));
	big[255] = '\0';
	snprintf(line, sizeof(line), "ttyS0 password %s", big);
	EXPECT_EQ(0, parse(&c, line, err));
	EXPECT_EQ(255, (int)strlen(c.password));
	EXPECT_EQ(-1, parse(&c, "ttyS0 password", err));
	EXPECT_STREQ("option 'password' needs a secret of at most 255 characters", err);
}

TEST(escape_map)
{
	struct link_conf c;
	char err[256];

	ASSERT_EQ(0, parse(&c, "ttyS0 escape 11,13,ff", err)) TH_LOG("%s", err);
	ASSERT_NE(NULL, c.xaccm);
	EXPECT_EQ((1U << 0x11) | (1U << 0x13), c.xaccm[0]);
	EXPECT_EQ(0x80000000U, c.xaccm[7]);
	EXPECT_EQ(0U, c.xaccm[1] | c.xaccm[2] | c.xaccm[3] | c.xaccm[6]);
	/* several escape words add up, as in pppd */
	ASSERT_EQ(0, parse(&c, "ttyS0 escape 7e escape 45,0x80", err)) TH_LOG("%s", err);
	EXPECT_EQ(1U << (0x7e & 31), c.xaccm[3] & (1U << 30));
	EXPECT_EQ(1U << (0x45 & 31), c.xaccm[2]);
	EXPECT_EQ(1U, c.xaccm[4]);
	ASSERT_EQ(0, parse(&c, "ttyS0", err));
	EXPECT_EQ(NULL, c.xaccm);
	EXPECT_EQ(-1, parse(&c, "ttyS0 escape 20", err));
	EXPECT_STREQ("option 'escape': 20 names an octet that cannot be escaped (20-3f, 5e)", err);
	EXPECT_EQ(-1, parse(&c, "ttyS0 escape 11,5e", err));
	EXPECT_NE(NULL, strstr(err, "cannot be escaped"));
	EXPECT_EQ(-1, parse(&c, "ttyS0 escape 3f", err));
	EXPECT_EQ(-1, parse(&c, "ttyS0 escape 100", err));
	EXPECT_STREQ("option 'escape' needs a valid value, not 100", err);
	EXPECT_EQ(-1, parse(&c, "ttyS0 escape zz", err));
	EXPECT_EQ(-1, parse(&c, "ttyS0 escape ,", err));
	/* a refused list changes nothing */
	ASSERT_EQ(-1, parse(&c, "ttyS0 escape 11 escape 12,20", err));
	EXPECT_EQ(1U << 0x11, c.xaccm[0]);
}

TEST(ipv6_interface_identifiers)
{
	struct link_conf c;
	char err[256];

	ASSERT_EQ(0, parse(&c, "ttyS0 +ipv6 ipv6 ::1,::dead:beef:0:2", err)) TH_LOG("%s", err);
	EXPECT_TRUE(c.ipv6);
	EXPECT_EQ(1ULL, (unsigned long long)c.ipv6_local);
	EXPECT_EQ(0xdeadbeef00000002ULL, (unsigned long long)c.ipv6_remote);
	ASSERT_EQ(0, parse(&c, "ttyS0 ipv6 ,::2", err));
	EXPECT_EQ(0ULL, (unsigned long long)c.ipv6_local);
	EXPECT_EQ(2ULL, (unsigned long long)c.ipv6_remote);
	/* pppd: only "+ipv6" turns IPV6CP on */
	EXPECT_FALSE(c.ipv6);
	ASSERT_EQ(0, parse(&c, "ttyS0 ipv6 ::7,", err));
	EXPECT_EQ(7ULL, (unsigned long long)c.ipv6_local);
	/* pppd takes the low 64 bits */
	ASSERT_EQ(0, parse(&c, "ttyS0 ipv6 fe80::1:2:3:4,", err));
	EXPECT_EQ(0x0001000200030004ULL, (unsigned long long)c.ipv6_local);
	EXPECT_EQ(-1, parse(&c, "ttyS0 ipv6 ::1", err));
	EXPECT_STREQ("option 'ipv6' needs a valid value, not ::1", err);
	EXPECT_EQ(-1, parse(&c, "ttyS0 ipv6 ::,::2", err));
	EXPECT_EQ(-1, parse(&c, "ttyS0 ipv6 ,", err));
	EXPECT_EQ(-1, parse(&c, "ttyS0 ipv6 ::1,::2,::3", err));
	EXPECT_EQ(-1, parse(&c, "ttyS0 ipv6 10.0.0.1,::2", err));
	EXPECT_EQ(-1, parse(&c, "ttyS0 ipv6 2001::1:0:0:0:0,", err));
}

TEST_HARNESS_MAIN
