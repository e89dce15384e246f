// SPDX-License-Identifier: GPL-2.0
/*
 * pppd-format secrets files (secrets.c) against the fixture
 * data/secrets/chap-secrets: quotes, escapes, wildcards, comments,
 * continuation lines, @files, best-match order, and malformed lines that
 * must be skipped without harm.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "proto/secrets.h"

#define FIXTURE_FILE "data/secrets/chap-secrets"

struct res {
	int rc;
	struct secret s;
	char err[512];
};

static void look(struct res *r, const char *client, const char *server)
{
	memset(r, 0, sizeof(*r));
	r->rc = secrets_lookup(FIXTURE_FILE, client, server, &r->s, r->err,
			       sizeof(r->err));
}

static void look_mem(struct res *r, const char *text, const char *client,
		     const char *server)
{
	memset(r, 0, sizeof(*r));
	r->rc = secrets_lookup_mem("mem", text, strlen(text), client, server,
				   &r->s, r->err, sizeof(r->err));
}

TEST(exact_entry_with_quotes_and_address)
{
	struct res r;

	look(&r, "maui-soho-03", "maui-soho-01");
	ASSERT_EQ(1, r.rc);
	EXPECT_EQ(9, r.s.len);
	EXPECT_STREQ("cisco 123", (char *)r.s.val);
	EXPECT_STREQ("172.22.1.2", r.s.addrs);
	EXPECT_EQ(1, r.s.naddrs);
	EXPECT_EQ(3, r.s.line);
	/* onlytwo, unterminated, nul */
	EXPECT_EQ(3, r.s.bad_lines);

	look(&r, "maui-soho-01", "maui-soho-03");
	ASSERT_EQ(1, r.rc);
	EXPECT_STREQ("o'neil", (char *)r.s.val);
	EXPECT_STREQ("*", r.s.addrs);
	secret_wipe(&r.s);
}

TEST(best_match_order)
{
	struct res r;

	/* exact client and server beat exact client and wildcard server */
	look(&r, "alice", "server1");
	ASSERT_EQ(1, r.rc);
	EXPECT_STREQ("alice-s1", (char *)r.s.val);
	EXPECT_STREQ("10.0.0.1 10.0.0.2", r.s.addrs);
	EXPECT_EQ(2, r.s.naddrs);
	/* exact client beats exact server (* server2 any-s2) */
	look(&r, "alice", "server2");
	ASSERT_EQ(1, r.rc);
	EXPECT_STREQ("alice-any", (char *)r.s.val);
	EXPECT_EQ(0, r.s.naddrs);
	EXPECT_STREQ("", r.s.addrs);
	/* ... also when the exact-server entry comes first in the file */
	look(&r, "jack", "server3");
	ASSERT_EQ(1, r.rc);
	EXPECT_STREQ("jack-any", (char *)r.s.val);
	/* exact server beats all-wildcard */
	look(&r, "zed", "server1");
	ASSERT_EQ(1, r.rc);
	EXPECT_STREQ("any-s1", (char *)r.s.val);
	look(&r, "zed", "server2");
	ASSERT_EQ(1, r.rc);
	EXPECT_STREQ("any-s2", (char *)r.s.val);
	look(&r, "zed", "elsewhere");
	ASSERT_EQ(1, r.rc);
	EXPECT_STREQ("fallback", (char *)r.s.val);
	/* same rank: the first entry wins */
	look(&r, "frank", "x");
	ASSERT_EQ(1, r.rc);
	EXPECT_STREQ("first", (char *)r.s.val);
	/* NULL server: any server word, ranked as a wildcard */
	look(&r, "alice", NULL);
	ASSERT_EQ(1, r.rc);
	EXPECT_STREQ("alice-any", (char *)r.s.val);
	secret_wipe(&r.s);
}

TEST(escapes_quotes_comments_continuation)
{
	struct res r;

	look(&r, "bob smith", "x");
	ASSERT_EQ(1, r.rc);
	EXPECT_STREQ("quote\"d\\back", (char *)r.s.val);
	EXPECT_STREQ("10.1.1.1", r.s.addrs);

	look(&r, "carol", "x");
	ASSERT_EQ(1, r.rc);
	EXPECT_STREQ("tab\there" "AA !", (char *)r.s.val);
	EXPECT_EQ(12, r.s.len);

	/* '#' inside a word is literal; at the start of a word it comments */
	look(&r, "hash#name", "x");
	ASSERT_EQ(1, r.rc);
	EXPECT_STREQ("h#sh", (char *)r.s.val);
	EXPECT_EQ(0, r.s.naddrs);

	/* backslash-newline continues the entry on the next line */
	look(&r, "continued", "x");
	ASSERT_EQ(1, r.rc);
	EXPECT_STREQ("cont-secret", (char *)r.s.val);
	EXPECT_STREQ("192.168.0.1", r.s.addrs);
	EXPECT_EQ(17, r.s.line);

	look(&r, "single", "x");
	ASSERT_EQ(1, r.rc);
	EXPECT_STREQ("it's", (char *)r.s.val);
	secret_wipe(&r.s);
}

TEST(at_file_secrets)
{
	struct res r;

	look(&r, "dave", "x");
	ASSERT_EQ(1, r.rc);
	EXPECT_STREQ("dave file secret", (char *)r.s.val);
	EXPECT_EQ(16, r.s.len);
	EXPECT_EQ(12, r.s.line);

	look(&r, "gina", "x");
	ASSERT_EQ(1, r.rc);
	EXPECT_STREQ("no-newline-at-end", (char *)r.s.val);

	look(&r, "erin", "x");
	ASSERT_EQ(-1, r.rc);
	EXPECT_STREQ("cannot open data/secrets/missing.secret: No such file or directory",
		     r.err);
	EXPECT_EQ(0, r.s.len);
	EXPECT_EQ(0, r.s.val[0]);

	look(&r, "hank", "x");
	ASSERT_EQ(-1, r.rc);
	EXPECT_STREQ("secret file data/secrets/empty.secret is empty (named in data/secrets/chap-secrets)",
		     r.err);

	/* odd octets in an @path stay on one line in the error */
	look_mem(&r, "a b @no\\nsuch\\x7f\n", "a", "b");
	ASSERT_EQ(-1, r.rc);
	EXPECT_STREQ("cannot open no\\x0Asuch\\x7F: No such file or directory", r.err);

	look(&r, "ivan", "x");
	ASSERT_EQ(-1, r.rc);
	EXPECT_STREQ("cannot use data/secrets: not a regular file", r.err);
	secret_wipe(&r.s);
}

/* An @file is one word: a huge one is refused, not read to its end. */
TEST(at_file_size_limit)
{
	char path[] = "/tmp/test_secrets_XXXXXX", text[128];
	static char blanks[70 * 1024];
	struct res r;
	int fd = mkstemp(path);

	ASSERT_LE(0, fd);
	memset(blanks, '\n', sizeof(blanks));
	ASSERT_EQ((ssize_t)sizeof(blanks), write(fd, blanks, sizeof(blanks)));
	ASSERT_EQ(5, write(fd, "late\n", 5));
	close(fd);
	snprintf(text, sizeof(text), "a b @%s\n", path);
	look_mem(&r, text, "a", "b");
	EXPECT_EQ(-1, r.rc);
	snprintf(text, sizeof(text), "cannot read %s: File too large", path);
	EXPECT_STREQ(text, r.err);
	unlink(path);
}

TEST(no_match_and_bad_files)
{
	struct res r;

	/* the fixture has "* * fallback": use a file without one */
	look_mem(&r, "alice server1 s\n", "bob", "server1");
	EXPECT_EQ(0, r.rc);
	look_mem(&r, "alice server1 s\n", "alice", "server2");
	EXPECT_EQ(0, r.rc);
	look_mem(&r, "", "alice", "server1");
	EXPECT_EQ(0, r.rc);

	memset(&r, 0, sizeof(r));
	r.rc = secrets_lookup("data/secrets/nope", "a", "b", &r.s, r.err,
			      sizeof(r.err));
	EXPECT_EQ(-1, r.rc);
	EXPECT_STREQ("cannot open data/secrets/nope: No such file or directory",
		     r.err);
	r.rc = secrets_lookup("data/secrets", "a", "b", &r.s, r.err,
			      sizeof(r.err));
	EXPECT_EQ(-1, r.rc);
	EXPECT_STREQ("cannot use data/secrets: not a regular file", r.err);
}

TEST(malformed_lines_are_skipped)
{
	static const char *const bad[] = {
		"a\n",				/* one word */
		"a b\n",			/* two words */
		"a b \"open\n",			/* unterminated double quote */
		"a b 'open\n",			/* unterminated single quote */
		"a b s\\000x\n",		/* escape making NUL */
		"a b s\\400\n",			/* octal out of range */
		"a b \"x\n\" more\n",		/* newline inside quotes */
	};
	struct res r;
	char text[256];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		/* a good entry after the bad line must still be found */
		snprintf(text, sizeof(text), "%sa b good\n", bad[i]);
		look_mem(&r, text, "a", "b");
		EXPECT_EQ(1, r.rc);
		EXPECT_STREQ("good", (char *)r.s.val);
		EXPECT_LE(1, r.s.bad_lines);
	}
	/* trailing junk at the end of input, no newline: never a crash */
	look_mem(&r, "a b \\", "a", "b");
	EXPECT_EQ(0, r.rc);
	EXPECT_EQ(1, r.s.bad_lines);
	look_mem(&r, "a b \"abc", "a", "b");
	EXPECT_EQ(0, r.rc);
	look_mem(&r, "a b c", "a", "b");
	EXPECT_EQ(1, r.rc);
	EXPECT_STREQ("c", (char *)r.s.val);
	/* CRLF line ends */
	look_mem(&r, "a b c1\r\nx y c2\r\n", "x", "y");
	EXPECT_EQ(1, r.rc);
	EXPECT_STREQ("c2", (char *)r.s.val);
	/* \x with no digits is an x; hex and octal escapes */
	look_mem(&r, "a b \\xg\\x4a\\x4\\101\\7\n", "a", "b");
	EXPECT_EQ(1, r.rc);
	EXPECT_STREQ("xgJ\x04" "A\a", (char *)r.s.val);
	/* "" is an empty word, a legal empty client */
	look_mem(&r, "\"\" b c\n", "", "b");
	EXPECT_EQ(1, r.rc);
	EXPECT_STREQ("c", (char *)r.s.val);
	/* a quoted "*" is a wildcard too, as in pppd */
	look_mem(&r, "\"*\" b c\n", "anyone", "b");
	EXPECT_EQ(1, r.rc);
}

TEST(long_words_and_address_lists)
{
	size_t n = SECRET_MAX + 100, k;
	char *text = malloc(n + 4096);
	struct res r;

	ASSERT_NE(NULL, text);
	/* a secret one octet too long: line skipped */
	k = (size_t)sprintf(text, "a b ");
	memset(text + k, 's', SECRET_MAX);
	k += SECRET_MAX;
	k += (size_t)sprintf(text + k, "\na b ");
	/* the longest secret that fits */
	memset(text + k, 't', SECRET_MAX - 1);
	k += SECRET_MAX - 1;
	text[k++] = '\n';
	text[k] = 0;
	look_mem(&r, text, "a", "b");
	ASSERT_EQ(1, r.rc);
	EXPECT_EQ(SECRET_MAX - 1, r.s.len);
	EXPECT_EQ('t', r.s.val[0]);
	EXPECT_EQ(1, r.s.bad_lines);

	/* 200 addresses: truncated, flagged, never overflowing */
	k = (size_t)sprintf(text, "a b c");
	for (n = 0; n < 200; n++)
		k += (size_t)sprintf(text + k, " 10.0.%zu.1", n);
	text[k++] = '\n';
	text[k] = 0;
	look_mem(&r, text, "a", "b");
	ASSERT_EQ(1, r.rc);
	EXPECT_TRUE(r.s.addrs_truncated);
	EXPECT_LT(strlen(r.s.addrs), (size_t)SECRET_ADDRS_MAX);
	EXPECT_EQ(0, strncmp(r.s.addrs, "10.0.0.1 10.0.1.1 ", 18));
	/* naddrs counts exactly the words kept */
	for (n = 1, k = 0; r.s.addrs[k]; k++)
		n += r.s.addrs[k] == ' ';
	EXPECT_EQ(n, r.s.naddrs);
	EXPECT_LT(r.s.naddrs, 200);
	free(text);
	secret_wipe(&r.s);
}

TEST(wipe_and_constant_time_compare)
{
	struct res r;
	size_t i;
	int nz = 0;

	look(&r, "alice", "server1");
	ASSERT_EQ(1, r.rc);
	secret_wipe(&r.s);
	for (i = 0; i < sizeof(r.s); i++)
		nz |= ((uint8_t *)&r.s)[i];
	EXPECT_EQ(0, nz);

	EXPECT_TRUE(secret_equal((const uint8_t *)"abc", 3,
				 (const uint8_t *)"abc", 3));
	EXPECT_FALSE(secret_equal((const uint8_t *)"abc", 3,
				  (const uint8_t *)"abd", 3));
	EXPECT_FALSE(secret_equal((const uint8_t *)"abc", 3,
				  (const uint8_t *)"ab", 2));
	EXPECT_FALSE(secret_equal((const uint8_t *)"abc", 3,
				  (const uint8_t *)"abcd", 4));
	EXPECT_FALSE(secret_equal((const uint8_t *)"", 0,
				  (const uint8_t *)"a", 1));
	EXPECT_TRUE(secret_equal((const uint8_t *)"", 0,
				 (const uint8_t *)"", 0));
}

TEST(mode_warning)
{
	char path[] = "/tmp/test_secrets_XXXXXX", msg[256], want[320];
	int fd = mkstemp(path);

	ASSERT_LE(0, fd);
	close(fd);
	ASSERT_EQ(0, chmod(path, 0600));
	EXPECT_EQ(0, secrets_check_mode(path, msg, sizeof(msg)));
	EXPECT_STREQ("", msg);
	ASSERT_EQ(0, chmod(path, 0644));
	EXPECT_EQ(1, secrets_check_mode(path, msg, sizeof(msg)));
	snprintf(want, sizeof(want),
		 "warning: %s is readable by all users (mode 0644)", path);
	EXPECT_STREQ(want, msg);
	/* readable by the group is a warning too */
	ASSERT_EQ(0, chmod(path, 0640));
	EXPECT_EQ(1, secrets_check_mode(path, msg, sizeof(msg)));
	snprintf(want, sizeof(want),
		 "warning: %s is readable by its group (mode 0640)", path);
	EXPECT_STREQ(want, msg);
	unlink(path);
	EXPECT_EQ(-1, secrets_check_mode(path, msg, sizeof(msg)));
}

struct said {
	char text[4096];
	int n;
};

static void say(void *arg, const char *line)
{
	struct said *s = arg;
	size_t k = strlen(s->text);

	s->n++;
	snprintf(s->text + k, sizeof(s->text) - k, "%s\n", line);
}

/*
 * What the owner tells the user once per file: the mode, then each
 * malformed line by number, never its content (it may hold a secret).
 */
TEST(report_names_malformed_lines_and_mode)
{
	char path[] = "/tmp/test_secrets_XXXXXX", want[2048];
	static const char text[] =
		"# comment\n"
		"a b good\n"
		"lonely-word t0p-s3cret\n"		/* 3: two words */
		"a b \"unterminated t0p-s3cret\n"	/* 4: open quote */
		"\n"
		"c d ok 10.0.0.1\n"
		"x y z\\000w\n";			/* 7: a NUL octet */
	struct said got = { .n = 0 };
	struct secret sec;
	char err[256];
	int fd = mkstemp(path);
	size_t k;
	int i;

	ASSERT_LE(0, fd);
	ASSERT_EQ((ssize_t)strlen(text), write(fd, text, strlen(text)));
	close(fd);
	ASSERT_EQ(0, chmod(path, 0644));
	secrets_report(path, say, &got);
	snprintf(want, sizeof(want),
		 "warning: %s is readable by all users (mode 0644)\n"
		 "%s:3: malformed entry skipped\n"
		 "%s:4: malformed entry skipped\n"
		 "%s:7: malformed entry skipped\n", path, path, path, path);
	EXPECT_STREQ(want, got.text);
	EXPECT_EQ(NULL, strstr(got.text, "t0p-s3cret"));
	EXPECT_EQ(NULL, strstr(got.text, "lonely"));
	/* the scan alone: counts and lines, no secret kept */
	EXPECT_EQ(0, secrets_scan(path, &sec, err, sizeof(err)));
	EXPECT_EQ(3, sec.bad_lines);
	EXPECT_EQ(7, sec.bad_at[2]);
	EXPECT_EQ(0, sec.len);

	/* a clean private file: nothing to say */
	ASSERT_EQ(0, chmod(path, 0600));
	fd = open(path, O_WRONLY | O_TRUNC);
	ASSERT_LE(0, fd);
	ASSERT_EQ(9, write(fd, "a b good\n", 9));
	close(fd);
	memset(&got, 0, sizeof(got));
	secrets_report(path, say, &got);
	EXPECT_EQ(0, got.n);

	/* many malformed lines: the first few by number, then a count */
	fd = open(path, O_WRONLY | O_TRUNC);
	ASSERT_LE(0, fd);
	for (i = 0; i < SECRETS_BAD_AT + 3; i++)
		ASSERT_EQ(2, write(fd, "x\n", 2));
	close(fd);
	memset(&got, 0, sizeof(got));
	secrets_report(path, say, &got);
	EXPECT_EQ(SECRETS_BAD_AT + 1, got.n);
	k = strlen(got.text);
	snprintf(want, sizeof(want), "%s: 3 more malformed entries skipped\n",
		 path);
	EXPECT_STREQ(want, got.text + k - strlen(want));
	unlink(path);
	/* a missing file says nothing (its authentication will) */
	memset(&got, 0, sizeof(got));
	secrets_report(path, say, &got);
	EXPECT_EQ(0, got.n);
}

TEST_HARNESS_MAIN
