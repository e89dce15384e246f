// SPDX-License-Identifier: GPL-2.0
/*
 * PAP (RFC 1334): packet building and parsing, and two real struct auth
 * instances back to back (tests/auth_pair.h): each way, both ways, mixed
 * with CHAP, wrong and missing secrets, retransmissions, give-ups -- with
 * the `debug ppp authentication` lines compared exactly, and the passwords
 * never in them.
 */
#include <unistd.h>

#include "kselftest_harness.h"
#include "auth_pair.h"

#define PW_USER	"pa55w0rd"	/* "user" logging in to maui-soho-01 */
#define PW_01	"p4p-0f-01"	/* maui-soho-01 logging in to maui-soho-03 */
#define PW_BAD	"wr0ngpwd"	/* data/auth/pap-03-wrong */

static bool leaks(struct ap_pair *p)
{
	return ap_leaks(p, PW_USER) || ap_leaks(p, PW_01) || ap_leaks(p, PW_BAD);
}

static bool quiet(struct ap_pair *p)
{
	int i;

	for (i = 0; i < 2; i++)
		if (p->s[i].armed[0] || p->s[i].armed[1] || p->s[i].bad_stops)
			return false;
	return p->qh == p->qt && !p->overflow;
}

TEST(packets_build_and_parse)
{
	uint8_t pkt[PAP_MAX_PKT];
	struct pap_req q;
	struct pap_reply r;
	size_t len;

	len = pap_build_req(pkt, sizeof(pkt), 1, (const uint8_t *)"user", 4,
			    (const uint8_t *)PW_USER, 8);
	ASSERT_EQ(18, len);
	EXPECT_EQ(0, memcmp("\x01\x01\x00\x12\x04user\x08" PW_USER, pkt, 18));
	ASSERT_EQ(0, pap_parse_req(pkt, len, &q));
	EXPECT_EQ(1, q.id);
	EXPECT_EQ(4, q.user_len);
	EXPECT_EQ(0, memcmp("user", q.user, 4));
	EXPECT_EQ(8, q.pass_len);
	EXPECT_EQ(0, memcmp(PW_USER, q.pass, 8));
	EXPECT_EQ(-1, pap_parse_reply(pkt, len, &r));

	/* padding past Length ignored; broken lengths refused */
	EXPECT_EQ(0, pap_parse_req(pkt, sizeof(pkt), &q));
	EXPECT_EQ(-1, pap_parse_req(pkt, 17, &q));	/* Length > buffer */
	pkt[3] = 17;
	EXPECT_EQ(-1, pap_parse_req(pkt, 18, &q));	/* password past Length */
	pkt[3] = 8;
	EXPECT_EQ(-1, pap_parse_req(pkt, 18, &q));	/* Passwd-Length past */
	pkt[3] = 5;
	EXPECT_EQ(-1, pap_parse_req(pkt, 18, &q));	/* no Passwd-Length */
	pkt[3] = 3;
	EXPECT_EQ(-1, pap_parse_req(pkt, 18, &q));	/* Length < 4 */
	EXPECT_EQ(-1, pap_parse_req(pkt, 3, &q));
	EXPECT_EQ(-1, pap_parse_req(NULL, 0, &q));
	/* empty user and password are well-formed */
	ASSERT_EQ(6, pap_build_req(pkt, sizeof(pkt), 2, NULL, 0, NULL, 0));
	ASSERT_EQ(0, pap_parse_req(pkt, 6, &q));
	EXPECT_EQ(0, q.user_len);
	EXPECT_EQ(0, q.pass_len);

	len = pap_build_reply(pkt, sizeof(pkt), PAP_AUTHNAK, 1,
			      "Authentication failure");
	ASSERT_EQ(27, len);
	ASSERT_EQ(0, pap_parse_reply(pkt, len, &r));
	EXPECT_EQ(PAP_AUTHNAK, r.code);
	EXPECT_EQ(22, r.msg_len);
	EXPECT_EQ(0, memcmp("Authentication failure", r.msg, 22));
	ASSERT_EQ(5, pap_build_reply(pkt, sizeof(pkt), PAP_AUTHACK, 1, NULL));
	EXPECT_EQ(0, memcmp("\x02\x01\x00\x05\x00", pkt, 5));
	/* lenient about the message: none at all, or cut to what is there */
	ASSERT_EQ(0, pap_parse_reply((const uint8_t *)"\x02\x07\x00\x04", 4, &r));
	EXPECT_EQ(7, r.id);
	EXPECT_EQ(0, r.msg_len);
	ASSERT_EQ(0, pap_parse_reply((const uint8_t *)"\x03\x07\x00\x07\x09" "ab", 7, &r));
	EXPECT_EQ(2, r.msg_len);
	EXPECT_EQ(-1, pap_parse_reply((const uint8_t *)"\x02\x07\x00\x09\x00", 5, &r));

	/* builders refuse what does not fit */
	memset(pkt, 'x', 300);
	EXPECT_EQ(0, pap_build_req(pkt, sizeof(pkt), 1, pkt, 256, pkt, 1));
	EXPECT_EQ(0, pap_build_req(pkt, 10, 1, (const uint8_t *)"user", 4,
				   (const uint8_t *)"pw", 2));
	EXPECT_EQ(0, pap_build_reply(pkt, 6, PAP_AUTHNAK, 1, "long"));
}

TEST(one_way_a_authenticates_b)
{
	static const char *const a[] = {
		"BR0:1 PAP: I AUTH-REQ id 1 len 18 from \"user\"",
		"BR0:1 PAP: O AUTH-ACK id 1 len 5",
	};
	static const char *const b[] = {
		"BR1:1 PAP: O AUTH-REQ id 1 len 18 from \"user\"",
		"BR1:1 PAP: I AUTH-ACK id 1 len 5",
	};
	struct ap_pair *p = ap_new();

	p->s[1].conf.user = "user";
	auth_start(&p->s[0].a, PPP_PAP, 0);
	EXPECT_TRUE(p->s[0].armed[AUTH_TIMER_PEER]);
	EXPECT_EQ(30000, p->s[0].timer_ms[AUTH_TIMER_PEER]);
	auth_set_next_id(&p->s[1].a, 1);
	auth_start(&p->s[1].a, 0, PPP_PAP);
	EXPECT_TRUE(p->s[1].armed[AUTH_TIMER_US]);
	EXPECT_EQ(3000, p->s[1].timer_ms[AUTH_TIMER_US]);
	ap_run(p);
	EXPECT_STREQ(ap_expect(a, ARRAY_SIZE(a)), ap_text(&p->s[0]));
	EXPECT_STREQ(ap_expect(b, ARRAY_SIZE(b)), ap_text(&p->s[1]));
	EXPECT_TRUE(p->s[0].ok && p->s[1].ok);
	EXPECT_EQ(1, p->s[0].ndone);
	EXPECT_EQ(1, p->s[1].ndone);
	EXPECT_STREQ("user", auth_peer_name(&p->s[0].a));
	EXPECT_TRUE(quiet(p));
	EXPECT_FALSE(leaks(p));
	ap_free(p);
}

TEST(one_way_b_authenticates_a)
{
	static const char *const a[] = {
		"BR0:1 PAP: O AUTH-REQ id 4 len 27 from \"maui-soho-01\"",
		"BR0:1 PAP: I AUTH-ACK id 4 len 5",
	};
	static const char *const b[] = {
		"BR1:1 PAP: I AUTH-REQ id 4 len 27 from \"maui-soho-01\"",
		"BR1:1 PAP: O AUTH-ACK id 4 len 5",
	};
	struct ap_pair *p = ap_new();

	auth_start(&p->s[1].a, PPP_PAP, 0);
	auth_set_next_id(&p->s[0].a, 4);
	auth_start(&p->s[0].a, 0, PPP_PAP);
	ap_run(p);
	EXPECT_STREQ(ap_expect(a, ARRAY_SIZE(a)), ap_text(&p->s[0]));
	EXPECT_STREQ(ap_expect(b, ARRAY_SIZE(b)), ap_text(&p->s[1]));
	EXPECT_TRUE(p->s[0].ok && p->s[1].ok);
	EXPECT_STREQ("maui-soho-01", auth_peer_name(&p->s[1].a));
	EXPECT_TRUE(quiet(p));
	EXPECT_FALSE(leaks(p));
	ap_free(p);
}

TEST(both_ways)
{
	static const char *const a[] = {
		"BR0:1 PAP: O AUTH-REQ id 4 len 27 from \"maui-soho-01\"",
		"BR0:1 PAP: I AUTH-REQ id 3 len 18 from \"user\"",
		"BR0:1 PAP: O AUTH-ACK id 3 len 5",
		"BR0:1 PAP: I AUTH-ACK id 4 len 5",
	};
	struct ap_pair *p = ap_new();

	p->s[1].conf.user = "user";
	auth_set_next_id(&p->s[0].a, 4);
	auth_set_next_id(&p->s[1].a, 3);
	auth_start(&p->s[0].a, PPP_PAP, PPP_PAP);
	auth_start(&p->s[1].a, PPP_PAP, PPP_PAP);
	ap_run(p);
	EXPECT_STREQ(ap_expect(a, ARRAY_SIZE(a)), ap_text(&p->s[0]));
	EXPECT_TRUE(p->s[0].ok && p->s[1].ok);
	EXPECT_EQ(1, p->s[0].ndone);
	EXPECT_EQ(1, p->s[1].ndone);
	EXPECT_STREQ("user", auth_peer_name(&p->s[0].a));
	EXPECT_STREQ("maui-soho-01", auth_peer_name(&p->s[1].a));
	EXPECT_TRUE(quiet(p));
	EXPECT_FALSE(leaks(p));
	ap_free(p);
}

/* A authenticates B with CHAP, B authenticates A with PAP. */
TEST(mixed_chap_one_way_pap_the_other)
{
	static const char *const a[] = {
		"BR0:1 CHAP: O CHALLENGE id 4 len 33 from \"maui-soho-01\"",
		"BR0:1 PAP: O AUTH-REQ id 5 len 27 from \"maui-soho-01\"",
		"BR0:1 CHAP: I RESPONSE id 4 len 33 from \"maui-soho-03\"",
		"BR0:1 CHAP: O SUCCESS id 4 len 4",
		"BR0:1 PAP: I AUTH-ACK id 5 len 5",
	};
	static const char *const b[] = {
		"BR1:1 CHAP: I CHALLENGE id 4 len 33 from \"maui-soho-01\"",
		"BR1:1 CHAP: O RESPONSE id 4 len 33 from \"maui-soho-03\"",
		"BR1:1 PAP: I AUTH-REQ id 5 len 27 from \"maui-soho-01\"",
		"BR1:1 PAP: O AUTH-ACK id 5 len 5",
		"BR1:1 CHAP: I SUCCESS id 4 len 4",
	};
	struct ap_pair *p = ap_new();

	auth_set_next_id(&p->s[0].a, 4);
	auth_start(&p->s[0].a, PPP_CHAP, PPP_PAP);
	auth_start(&p->s[1].a, PPP_PAP, PPP_CHAP);
	ap_run(p);
	EXPECT_STREQ(ap_expect(a, ARRAY_SIZE(a)), ap_text(&p->s[0]));
	EXPECT_STREQ(ap_expect(b, ARRAY_SIZE(b)), ap_text(&p->s[1]));
	EXPECT_TRUE(p->s[0].ok && p->s[1].ok);
	EXPECT_EQ(1, p->s[0].ndone);
	EXPECT_EQ(1, p->s[1].ndone);
	EXPECT_TRUE(quiet(p));
	EXPECT_FALSE(leaks(p));
	EXPECT_FALSE(ap_leaks(p, "s3cr3t-chap"));
	ap_free(p);
}

/*
 * The callin side authenticates with PAP and waits: the peer's CHAP
 * Challenge is answered only after our Authenticate-Ack.
 */
TEST(mixed_waiting_for_peer_first)
{
	static const char *const a[] = {
		"BR0:1 CHAP: I CHALLENGE id 3 len 33 from \"maui-soho-03\"",
		"BR0:1 CHAP: Waiting for peer to authenticate first",
		"BR0:1 PAP: I AUTH-REQ id 4 len 18 from \"user\"",
		"BR0:1 PAP: O AUTH-ACK id 4 len 5",
		"BR0:1 CHAP: Processing saved Challenge, id 3",
		"BR0:1 CHAP: O RESPONSE id 3 len 33 from \"maui-soho-01\"",
		"BR0:1 CHAP: I SUCCESS id 3 len 4",
	};
	struct ap_pair *p = ap_new();

	p->s[0].conf.wait_for_peer_first = true;
	p->s[1].conf.user = "user";
	auth_start(&p->s[0].a, PPP_PAP, PPP_CHAP);
	auth_set_next_id(&p->s[1].a, 3);
	auth_start(&p->s[1].a, PPP_CHAP, PPP_PAP);
	ap_run(p);
	EXPECT_STREQ(ap_expect(a, ARRAY_SIZE(a)), ap_text(&p->s[0]));
	EXPECT_TRUE(p->s[0].ok && p->s[1].ok);
	EXPECT_TRUE(quiet(p));
	EXPECT_FALSE(leaks(p));
	ap_free(p);
}

TEST(wrong_password_fails_on_both_sides)
{
	static const char *const a[] = {
		"BR0:1 PAP: I AUTH-REQ id 1 len 18 from \"user\"",
		"BR0:1 PAP: Unable to validate Password.  Username user: Authentication failure",
		"BR0:1 PAP: O AUTH-NAK id 1 len 27 msg is \"Authentication failure\"",
	};
	static const char *const b[] = {
		"BR1:1 PAP: O AUTH-REQ id 1 len 18 from \"user\"",
		"BR1:1 PAP: I AUTH-NAK id 1 len 27 msg is \"Authentication failure\"",
	};
	struct ap_pair *p = ap_new();

	p->s[1].conf.user = "user";
	p->s[1].conf.pap_secrets = "data/auth/pap-03-wrong";
	auth_start(&p->s[0].a, PPP_PAP, 0);
	auth_set_next_id(&p->s[1].a, 1);
	auth_start(&p->s[1].a, 0, PPP_PAP);
	ap_run(p);
	EXPECT_STREQ(ap_expect(a, ARRAY_SIZE(a)), ap_text(&p->s[0]));
	EXPECT_STREQ(ap_expect(b, ARRAY_SIZE(b)), ap_text(&p->s[1]));
	EXPECT_FALSE(p->s[0].ok || p->s[1].ok);
	EXPECT_EQ(1, p->s[0].ndone);
	EXPECT_EQ(1, p->s[1].ndone);
	EXPECT_STREQ("PAP: peer \"user\" failed authentication: wrong password (data/auth/pap-01)",
		     p->s[0].why);
	EXPECT_STREQ("PAP: the peer refused our login: \"Authentication failure\"",
		     p->s[1].why);
	EXPECT_EQ(NULL, auth_peer_name(&p->s[0].a));
	EXPECT_TRUE(quiet(p));
	EXPECT_FALSE(leaks(p));
	ap_free(p);
}

/*
 * pppd's password: our secret instead of the file's (a file that is not
 * there is not even opened); a wrong one fails as a wrong file entry does.
 */
TEST(password_instead_of_the_file)
{
	struct ap_pair *p = ap_new();

	p->s[1].conf.user = "user";
	p->s[1].conf.pap_secrets = "data/auth/nope";
	p->s[1].conf.password = PW_USER;
	auth_start(&p->s[0].a, PPP_PAP, 0);
	auth_set_next_id(&p->s[1].a, 1);
	auth_start(&p->s[1].a, 0, PPP_PAP);
	ap_run(p);
	EXPECT_TRUE(p->s[0].ok && p->s[1].ok);
	EXPECT_STREQ("user", auth_peer_name(&p->s[0].a));
	EXPECT_TRUE(quiet(p));
	EXPECT_FALSE(leaks(p));
	ap_free(p);

	p = ap_new();
	p->s[1].conf.user = "user";
	p->s[1].conf.password = PW_BAD;
	auth_start(&p->s[0].a, PPP_PAP, 0);
	auth_set_next_id(&p->s[1].a, 1);
	auth_start(&p->s[1].a, 0, PPP_PAP);
	ap_run(p);
	EXPECT_FALSE(p->s[0].ok || p->s[1].ok);
	EXPECT_STREQ("PAP: the peer refused our login: \"Authentication failure\"",
		     p->s[1].why);
	EXPECT_FALSE(leaks(p));
	ap_free(p);
}

TEST(unknown_user)
{
	static const char *const a[] = {
		"BR0:1 PAP: I AUTH-REQ id 1 len 18 from \"user\"",
		"BR0:1 PAP: Username user not found",
		"BR0:1 PAP: O AUTH-NAK id 1 len 27 msg is \"Authentication failure\"",
	};
	struct ap_pair *p = ap_new();

	p->s[0].conf.pap_secrets = "data/auth/empty";
	p->s[1].conf.user = "user";
	auth_start(&p->s[0].a, PPP_PAP, 0);
	auth_set_next_id(&p->s[1].a, 1);
	auth_start(&p->s[1].a, 0, PPP_PAP);
	ap_run(p);
	EXPECT_STREQ(ap_expect(a, ARRAY_SIZE(a)), ap_text(&p->s[0]));
	EXPECT_STREQ("PAP: no secret for peer \"user\" (server \"maui-soho-01\") in data/auth/empty",
		     p->s[0].why);
	EXPECT_FALSE(p->s[0].ok || p->s[1].ok);
	EXPECT_TRUE(quiet(p));
	EXPECT_FALSE(leaks(p));
	ap_free(p);
}

TEST(authenticatee_has_no_secret)
{
	struct ap_pair *p = ap_new();

	p->s[1].conf.user = "user";
	p->s[1].conf.pap_secrets = "data/auth/empty";
	auth_start(&p->s[1].a, 0, PPP_PAP);
	EXPECT_STREQ("*Mar  1 00:00:00.000: BR1:1 PAP: Unable to authenticate for peer: no secret for user user\n",
		     ap_text(&p->s[1]));
	EXPECT_EQ(1, p->s[1].ndone);
	EXPECT_FALSE(p->s[1].ok);
	EXPECT_STREQ("PAP: no secret for user \"user\" in data/auth/empty",
		     p->s[1].why);
	EXPECT_EQ(0, p->s[1].nsent);
	EXPECT_TRUE(quiet(p));
	ap_free(p);

	/* a missing file names the file */
	p = ap_new();
	p->s[1].conf.pap_secrets = "data/auth/nope";
	auth_start(&p->s[1].a, 0, PPP_PAP);
	EXPECT_STREQ("*Mar  1 00:00:00.000: BR1:1 PAP: cannot open data/auth/nope: No such file or directory\n",
		     ap_text(&p->s[1]));
	EXPECT_STREQ("PAP: cannot open data/auth/nope: No such file or directory",
		     p->s[1].why);
	ap_free(p);
}

TEST(secret_too_long_for_pap)
{
	char path[] = "/tmp/test_pap_XXXXXX", line[400];
	struct ap_pair *p = ap_new();
	int fd = mkstemp(path);

	ASSERT_LE(0, fd);
	memset(line, 0, sizeof(line));
	memcpy(line, "user * ", 7);
	memset(line + 7, 'L', 300);
	line[307] = '\n';
	ASSERT_EQ(308, write(fd, line, 308));
	close(fd);
	p->s[1].conf.user = "user";
	p->s[1].conf.pap_secrets = path;
	auth_start(&p->s[1].a, 0, PPP_PAP);
	EXPECT_STREQ("*Mar  1 00:00:00.000: BR1:1 PAP: Secret for user user is longer than 255 octets\n",
		     ap_text(&p->s[1]));
	EXPECT_FALSE(p->s[1].ok);
	EXPECT_EQ(0, p->s[1].nsent);
	EXPECT_FALSE(ap_leaks(p, "LLLLLLLL"));
	unlink(path);
	ap_free(p);
}

TEST(retransmission_after_dropped_request)
{
	static const char *const b[] = {
		"BR1:1 PAP: O AUTH-REQ id 1 len 18 from \"user\"",
		"BR1:1 PAP: O AUTH-REQ id 2 len 18 from \"user\"",
		"BR1:1 PAP: I AUTH-ACK id 2 len 5",
	};
	struct ap_pair *p = ap_new();

	p->s[1].conf.user = "user";
	p->s[1].drop = 1;
	auth_start(&p->s[0].a, PPP_PAP, 0);
	auth_set_next_id(&p->s[1].a, 1);
	auth_start(&p->s[1].a, 0, PPP_PAP);
	EXPECT_EQ(0, ap_run(p));
	ASSERT_EQ(0, ap_fire(&p->s[1], AUTH_TIMER_US));
	ap_run(p);
	EXPECT_STREQ(ap_expect(b, ARRAY_SIZE(b)), ap_text(&p->s[1]));
	EXPECT_TRUE(p->s[0].ok && p->s[1].ok);
	EXPECT_TRUE(quiet(p));
	EXPECT_FALSE(leaks(p));
	ap_free(p);
}

/* Our Ack was lost: the retransmitted request is verified and acked again. */
TEST(lost_ack_is_repeated)
{
	static const char *const a[] = {
		"BR0:1 PAP: I AUTH-REQ id 1 len 18 from \"user\"",
		"BR0:1 PAP: O AUTH-ACK id 1 len 5",
		"BR0:1 PAP: I AUTH-REQ id 2 len 18 from \"user\"",
		"BR0:1 PAP: O AUTH-ACK id 2 len 5",
	};
	struct ap_pair *p = ap_new();

	p->s[1].conf.user = "user";
	p->s[0].drop = 1;
	auth_start(&p->s[0].a, PPP_PAP, 0);
	auth_set_next_id(&p->s[1].a, 1);
	auth_start(&p->s[1].a, 0, PPP_PAP);
	ap_run(p);
	EXPECT_EQ(1, p->s[0].ndone);
	EXPECT_EQ(0, p->s[1].ndone);
	ASSERT_EQ(0, ap_fire(&p->s[1], AUTH_TIMER_US));
	ap_run(p);
	EXPECT_STREQ(ap_expect(a, ARRAY_SIZE(a)), ap_text(&p->s[0]));
	EXPECT_EQ(1, p->s[0].ndone);
	EXPECT_TRUE(p->s[0].ok && p->s[1].ok);
	EXPECT_TRUE(quiet(p));
	ap_free(p);
}

/* An Ack to an earlier request of this run counts; others are ignored. */
TEST(ack_ids)
{
	struct ap_pair *p = ap_new();
	uint8_t pkt[16];
	size_t len;

	p->s[1].conf.user = "user";
	auth_set_next_id(&p->s[1].a, 1);
	auth_start(&p->s[1].a, 0, PPP_PAP);
	ASSERT_EQ(0, ap_fire(&p->s[1], AUTH_TIMER_US));	/* id 2 */
	ASSERT_EQ(0, ap_fire(&p->s[1], AUTH_TIMER_US));	/* id 3 */
	len = pap_build_reply(pkt, sizeof(pkt), PAP_AUTHACK, 4, NULL);
	auth_input(&p->s[1].a, PPP_PAP, pkt, len);
	len = pap_build_reply(pkt, sizeof(pkt), PAP_AUTHACK, 0, NULL);
	auth_input(&p->s[1].a, PPP_PAP, pkt, len);
	EXPECT_EQ(2, auth_stats(&p->s[1].a)->rx_ignored);
	EXPECT_EQ(0, p->s[1].ndone);
	len = pap_build_reply(pkt, sizeof(pkt), PAP_AUTHACK, 1, NULL);
	auth_input(&p->s[1].a, PPP_PAP, pkt, len);
	EXPECT_EQ(1, p->s[1].ndone);
	EXPECT_TRUE(p->s[1].ok);
	/* a later Nak changes nothing */
	len = pap_build_reply(pkt, sizeof(pkt), PAP_AUTHNAK, 3, "late");
	auth_input(&p->s[1].a, PPP_PAP, pkt, len);
	EXPECT_EQ(1, p->s[1].ndone);
	EXPECT_FALSE(p->s[1].armed[AUTH_TIMER_US]);
	EXPECT_EQ(0, p->s[1].bad_stops);
	ap_free(p);
}

TEST(max_tries_exhausted)
{
	struct ap_pair *p = ap_new();
	const char *out;
	char line[128];
	int i;

	p->s[1].conf.user = "user";
	auth_set_next_id(&p->s[1].a, 1);
	auth_start(&p->s[1].a, 0, PPP_PAP);	/* A is not started */
	ap_run(p);
	for (i = 1; i < 10; i++) {
		ASSERT_EQ(0, ap_fire(&p->s[1], AUTH_TIMER_US));
		ap_run(p);
	}
	EXPECT_EQ(0, p->s[1].ndone);
	ASSERT_EQ(0, ap_fire(&p->s[1], AUTH_TIMER_US));
	EXPECT_EQ(10, p->s[1].nsent);
	EXPECT_EQ(1, p->s[1].ndone);
	EXPECT_FALSE(p->s[1].ok);
	EXPECT_STREQ("PAP: the peer did not answer 10 Authenticate-Requests",
		     p->s[1].why);
	out = ap_text(&p->s[1]);
	for (i = 0; i < 10; i++) {
		snprintf(line, sizeof(line),
			 "*Mar  1 00:00:00.%03d: BR1:1 PAP: O AUTH-REQ id %d len 18 from \"user\"\n",
			 i, i + 1);
		EXPECT_NE(NULL, strstr(out, line));
	}
	EXPECT_NE(NULL, strstr(out, "*Mar  1 00:00:00.010: BR1:1 PAP: No reply to 10 AUTH-REQs, giving up\n"));
	EXPECT_TRUE(quiet(p));
	EXPECT_FALSE(leaks(p));
	ap_free(p);
}

TEST(authenticator_gives_up_waiting)
{
	struct ap_pair *p = ap_new();

	p->s[0].conf.timeout_ms = 2000;
	p->s[0].conf.max_tries = 5;
	auth_start(&p->s[0].a, PPP_PAP, 0);
	EXPECT_EQ(10000, p->s[0].timer_ms[AUTH_TIMER_PEER]);
	ASSERT_EQ(0, ap_fire(&p->s[0], AUTH_TIMER_PEER));
	EXPECT_STREQ("*Mar  1 00:00:00.000: BR0:1 PAP: Timeout waiting for AUTH-REQ from peer\n",
		     ap_text(&p->s[0]));
	EXPECT_STREQ("PAP: the peer sent no Authenticate-Request within 10000 ms",
		     p->s[0].why);
	EXPECT_FALSE(p->s[0].ok);
	ap_free(p);
}

TEST(remote_name_mismatch)
{
	static const char *const a[] = {
		"BR0:1 PAP: I AUTH-REQ id 1 len 18 from \"user\"",
		"BR0:1 PAP: Unable to validate Password.  Username user: not the expected remote name someone-else",
		"BR0:1 PAP: O AUTH-NAK id 1 len 27 msg is \"Authentication failure\"",
	};
	struct ap_pair *p = ap_new();

	p->s[0].conf.remote_name = "someone-else";
	p->s[1].conf.user = "user";
	auth_start(&p->s[0].a, PPP_PAP, 0);
	auth_set_next_id(&p->s[1].a, 1);
	auth_start(&p->s[1].a, 0, PPP_PAP);
	ap_run(p);
	EXPECT_STREQ(ap_expect(a, ARRAY_SIZE(a)), ap_text(&p->s[0]));
	EXPECT_FALSE(p->s[0].ok || p->s[1].ok);
	EXPECT_FALSE(leaks(p));
	ap_free(p);
}

/* A user name with a NUL octet, or odd octets, is shown escaped. */
TEST(odd_user_names)
{
	static const char *const a[] = {
		"BR0:1 PAP: I AUTH-REQ id 7 len 20 from \"user\\x00x\"",
		"BR0:1 PAP: Username user\\x00x not found",
		"BR0:1 PAP: O AUTH-NAK id 7 len 27 msg is \"Authentication failure\"",
	};
	struct ap_pair *p = ap_new();
	uint8_t pkt[64];
	size_t len;

	auth_start(&p->s[0].a, PPP_PAP, 0);
	len = pap_build_req(pkt, sizeof(pkt), 7, (const uint8_t *)"user\0x", 6,
			    (const uint8_t *)PW_USER, 8);
	auth_input(&p->s[0].a, PPP_PAP, pkt, len);
	EXPECT_STREQ(ap_expect(a, ARRAY_SIZE(a)), ap_text(&p->s[0]));
	EXPECT_FALSE(p->s[0].ok);
	EXPECT_FALSE(leaks(p));
	ap_free(p);
}

TEST(malformed_packets)
{
	static const uint8_t bad[][8] = {
		{ 0x01, 0x01, 0x00 },				/* short */
		{ 0x01, 0x01, 0x00, 0x09, 0x01, 'u' },		/* Length past end */
		{ 0x01, 0x01, 0x00, 0x06, 0x05, 'u' },		/* user past Length */
		{ 0x01, 0x01, 0x00, 0x06, 0x01, 'u' },		/* no Passwd-Length */
		{ 0x01, 0x01, 0x00, 0x07, 0x01, 'u', 0x02 },	/* password past */
		{ 0x07, 0x01, 0x00, 0x04 },			/* unknown code */
	};
	static const size_t blen[] = { 3, 6, 6, 6, 7, 4 };
	struct ap_pair *p = ap_new();
	size_t i;

	auth_start(&p->s[0].a, PPP_PAP, 0);
	for (i = 0; i < ARRAY_SIZE(bad); i++)
		auth_input(&p->s[0].a, PPP_PAP, bad[i], blen[i]);
	EXPECT_EQ(6, auth_stats(&p->s[0].a)->rx_malformed);
	EXPECT_EQ(0, p->s[0].ndone);
	EXPECT_EQ(0, p->s[0].nsent);
	EXPECT_TRUE(auth_running(&p->s[0].a));
	ap_free(p);
}

/* The entry that let the peer in hands its address words to the owner. */
TEST(authorized_hands_over_the_address_words)
{
	struct ap_pair *p = ap_new();

	p->s[0].conf.pap_secrets = "data/auth/pap-01-addrs";
	p->s[1].conf.user = "user";
	auth_start(&p->s[0].a, PPP_PAP, 0);
	auth_start(&p->s[1].a, 0, PPP_PAP);
	ap_run(p);
	EXPECT_TRUE(p->s[0].ok && p->s[1].ok);
	EXPECT_EQ(1, p->s[0].nauthz);
	EXPECT_STREQ("user", p->s[0].authz_name);
	EXPECT_STREQ("* 10.0.0.1", p->s[0].authz_addrs);
	EXPECT_EQ(2, p->s[0].authz_naddrs);
	ap_free(p);
}

TEST_HARNESS_MAIN
