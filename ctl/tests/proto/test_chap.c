// SPDX-License-Identifier: GPL-2.0
/*
 * CHAP with MD5 (RFC 1994): the response construction against digests
 * computed independently with md5sum(1), packet parsing, and two real
 * struct auth instances back to back (tests/auth_pair.h) in every
 * direction, with their `debug ppp authentication` output compared line
 * for line -- the both-ways exchange with the timestamps of Cisco's note.
 */
#include "kselftest_harness.h"
#include "auth_pair.h"

#define SECRET	"s3cr3t-chap"		/* data/auth/chap-0{1,3} */
#define WRONG	"wr0ng-s3cr3t"		/* data/auth/chap-03-wrong */

static void hex16(const char *hex, uint8_t out[16])
{
	int i;

	for (i = 0; i < 16; i++)
		sscanf(hex + 2 * i, "%2hhx", &out[i]);
}

/*
 * Each expected digest was computed once, outside this program, with
 *   printf '<Identifier><secret><challenge>' | md5sum
 * e.g. printf '\x04cisco123\x00\x01...\x0f' | md5sum.
 */
TEST(md5_response_rfc1994_vectors)
{
	static const uint8_t chal16[16] = {
		0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
		0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f,
	};
	static const uint8_t deadbeef[4] = { 0xde, 0xad, 0xbe, 0xef };
	uint8_t got[16], want[16];

	/* id 0x04, secret "cisco123", challenge 00 01 .. 0f */
	chap_md5_response(4, (const uint8_t *)"cisco123", 8, chal16, 16, got);
	hex16("a2ef2b29229dbd6922e0f3d055864d16", want);
	EXPECT_EQ(0, memcmp(want, got, 16));
	/* id 0xff, secret "pass word", challenge de ad be ef */
	chap_md5_response(0xff, (const uint8_t *)"pass word", 9, deadbeef, 4, got);
	hex16("3b59dd374650036401dfc5989d91d137", want);
	EXPECT_EQ(0, memcmp(want, got, 16));
	/* id 0x00, empty secret, empty challenge: MD5 of the one octet 00 */
	chap_md5_response(0, NULL, 0, NULL, 0, got);
	hex16("93b885adfe0da089cdf634904fd59f71", want);
	EXPECT_EQ(0, memcmp(want, got, 16));
	/* the order matters: id || secret || challenge, not another */
	chap_md5_response(4, chal16, 16, (const uint8_t *)"cisco123", 8, got);
	hex16("a2ef2b29229dbd6922e0f3d055864d16", want);
	EXPECT_NE(0, memcmp(want, got, 16));
}

TEST(packets_build_and_parse)
{
	uint8_t v[16], pkt[CHAP_MAX_PKT], pad[64];
	struct chap_pkt p;
	size_t len;

	memset(v, 0xa5, sizeof(v));
	len = chap_build(pkt, sizeof(pkt), CHAP_CHALLENGE, 4, v, 16,
			 (const uint8_t *)"maui-soho-01", 12);
	ASSERT_EQ(33, len);
	EXPECT_EQ(0, memcmp("\x01\x04\x00\x21\x10", pkt, 5));
	ASSERT_EQ(0, chap_parse(pkt, len, &p));
	EXPECT_EQ(CHAP_CHALLENGE, p.code);
	EXPECT_EQ(4, p.id);
	EXPECT_EQ(16, p.value_len);
	EXPECT_EQ(pkt + 5, p.value);
	EXPECT_EQ(12, p.name_len);
	EXPECT_EQ(0, memcmp("maui-soho-01", p.name, 12));

	/* padding past Length is not part of the name */
	memcpy(pad, pkt, len);
	memset(pad + len, 'Z', 10);
	ASSERT_EQ(0, chap_parse(pad, len + 10, &p));
	EXPECT_EQ(12, p.name_len);

	/* broken lengths */
	EXPECT_EQ(-1, chap_parse(pkt, 3, &p));		/* short */
	EXPECT_EQ(-1, chap_parse(pkt, len - 1, &p));	/* Length > buffer */
	pkt[3] = 3;
	EXPECT_EQ(-1, chap_parse(pkt, len, &p));	/* Length < 4 */
	pkt[3] = 4;
	EXPECT_EQ(-1, chap_parse(pkt, len, &p));	/* no Value-Size */
	pkt[3] = 20;
	EXPECT_EQ(-1, chap_parse(pkt, len, &p));	/* value past Length */
	pkt[3] = 21;
	EXPECT_EQ(0, chap_parse(pkt, len, &p));		/* empty name */
	EXPECT_EQ(0, p.name_len);
	pkt[4] = 0;
	EXPECT_EQ(-1, chap_parse(pkt, len, &p));	/* Value-Size 0 */
	pkt[4] = 16;
	pkt[0] = 5;
	EXPECT_EQ(-1, chap_parse(pkt, len, &p));	/* unknown code */
	EXPECT_EQ(-1, chap_parse(NULL, 0, &p));

	len = chap_build_status(pkt, sizeof(pkt), CHAP_FAILURE, 7,
				"MD/DES compare failed");
	ASSERT_EQ(25, len);
	ASSERT_EQ(0, chap_parse(pkt, len, &p));
	EXPECT_EQ(21, p.msg_len);
	EXPECT_EQ(0, memcmp("MD/DES compare failed", p.msg, 21));
	len = chap_build_status(pkt, sizeof(pkt), CHAP_SUCCESS, 4, NULL);
	ASSERT_EQ(4, len);
	EXPECT_EQ(0, memcmp("\x03\x04\x00\x04", pkt, 4));

	/* builders refuse what does not fit */
	EXPECT_EQ(0, chap_build(pkt, 20, CHAP_RESPONSE, 1, v, 16,
				(const uint8_t *)"x", 1));
	EXPECT_EQ(0, chap_build(pkt, sizeof(pkt), CHAP_RESPONSE, 1, v, 0,
				(const uint8_t *)"x", 1));
	EXPECT_EQ(0, chap_build_status(pkt, 5, CHAP_FAILURE, 1, "too long"));
}

static void start(struct ap_pair *p, uint16_t a_req, uint16_t a_peer,
		  uint16_t b_req, uint16_t b_peer)
{
	auth_set_next_id(&p->s[0].a, 4);
	auth_set_next_id(&p->s[1].a, 3);
	auth_start(&p->s[0].a, a_req, a_peer);
	auth_start(&p->s[1].a, b_req, b_peer);
}

static bool quiet(struct ap_pair *p)
{
	int i;

	for (i = 0; i < 2; i++)
		if (p->s[i].armed[0] || p->s[i].armed[1] || p->s[i].bad_stops)
			return false;
	return p->qh == p->qt && !p->overflow;
}

/* Cisco's note, both ways, the callin side waiting for the peer first. */
TEST(note_both_ways_wait_for_peer_first)
{
	static const char *const note[] = {
		"*Mar  1 00:06:37.201: BR0:1 CHAP: O CHALLENGE id 4 len 33 from \"maui-soho-01\"",
		"*Mar  1 00:06:37.225: BR0:1 CHAP: I CHALLENGE id 3 len 33 from \"maui-soho-03\"",
		"*Mar  1 00:06:37.229: BR0:1 CHAP: Waiting for peer to authenticate first",
		"*Mar  1 00:06:37.237: BR0:1 CHAP: I RESPONSE id 4 len 33 from \"maui-soho-03\"",
		"*Mar  1 00:06:37.244: BR0:1 CHAP: O SUCCESS id 4 len 4",
		"*Mar  1 00:06:37.248: BR0:1 CHAP: Processing saved Challenge, id 3",
		"*Mar  1 00:06:37.260: BR0:1 CHAP: O RESPONSE id 3 len 33 from \"maui-soho-01\"",
		"*Mar  1 00:06:37.292: BR0:1 CHAP: I SUCCESS id 3 len 4",
	};
	static const char *const b[] = {
		"BR1:1 CHAP: O CHALLENGE id 3 len 33 from \"maui-soho-03\"",
		"BR1:1 CHAP: I CHALLENGE id 4 len 33 from \"maui-soho-01\"",
		"BR1:1 CHAP: O RESPONSE id 4 len 33 from \"maui-soho-03\"",
		"BR1:1 CHAP: I SUCCESS id 4 len 4",
		"BR1:1 CHAP: I RESPONSE id 3 len 33 from \"maui-soho-01\"",
		"BR1:1 CHAP: O SUCCESS id 3 len 4",
	};
	struct ap_pair *p = ap_new();
	size_t i;

	for (i = 0; i < ARRAY_SIZE(note); i++)
		ASSERT_EQ(0, ap_stamp(&p->s[0], note[i]));
	p->s[0].conf.wait_for_peer_first = true;
	start(p, PPP_CHAP, PPP_CHAP, PPP_CHAP, PPP_CHAP);
	ap_run(p);
	EXPECT_STREQ(ap_join(note, ARRAY_SIZE(note)), ap_text(&p->s[0]));
	EXPECT_STREQ(ap_expect(b, ARRAY_SIZE(b)), ap_text(&p->s[1]));
	EXPECT_EQ(1, p->s[0].ndone);
	EXPECT_TRUE(p->s[0].ok);
	EXPECT_EQ(1, p->s[1].ndone);
	EXPECT_TRUE(p->s[1].ok);
	EXPECT_STREQ("maui-soho-03", auth_peer_name(&p->s[0].a));
	EXPECT_STREQ("maui-soho-01", auth_peer_name(&p->s[1].a));
	EXPECT_FALSE(auth_running(&p->s[0].a));
	EXPECT_TRUE(quiet(p));
	EXPECT_FALSE(ap_leaks(p, SECRET));
	ap_free(p);
}

TEST(both_ways_without_waiting)
{
	static const char *const a[] = {
		"BR0:1 CHAP: O CHALLENGE id 4 len 33 from \"maui-soho-01\"",
		"BR0:1 CHAP: I CHALLENGE id 3 len 33 from \"maui-soho-03\"",
		"BR0:1 CHAP: O RESPONSE id 3 len 33 from \"maui-soho-01\"",
		"BR0:1 CHAP: I RESPONSE id 4 len 33 from \"maui-soho-03\"",
		"BR0:1 CHAP: O SUCCESS id 4 len 4",
		"BR0:1 CHAP: I SUCCESS id 3 len 4",
	};
	static const char *const b[] = {
		"BR1:1 CHAP: O CHALLENGE id 3 len 33 from \"maui-soho-03\"",
		"BR1:1 CHAP: I CHALLENGE id 4 len 33 from \"maui-soho-01\"",
		"BR1:1 CHAP: O RESPONSE id 4 len 33 from \"maui-soho-03\"",
		"BR1:1 CHAP: I RESPONSE id 3 len 33 from \"maui-soho-01\"",
		"BR1:1 CHAP: O SUCCESS id 3 len 4",
		"BR1:1 CHAP: I SUCCESS id 4 len 4",
	};
	struct ap_pair *p = ap_new();
	const char *name;
	int r;

	start(p, PPP_CHAP, PPP_CHAP, PPP_CHAP, PPP_CHAP);
	ap_run(p);
	EXPECT_STREQ(ap_expect(a, ARRAY_SIZE(a)), ap_text(&p->s[0]));
	EXPECT_STREQ(ap_expect(b, ARRAY_SIZE(b)), ap_text(&p->s[1]));
	EXPECT_TRUE(p->s[0].ok && p->s[1].ok);
	EXPECT_EQ(1, p->s[0].ndone);
	EXPECT_EQ(1, p->s[1].ndone);
	/* Each way's outcome and name, as the kernel's view gets them. */
	EXPECT_EQ(PPP_CHAP, auth_result(&p->s[0].a, AUTH_TIMER_PEER, &r, &name));
	EXPECT_EQ(AUTH_RESULT_OK, r);
	EXPECT_STREQ("maui-soho-03", name);
	EXPECT_EQ(PPP_CHAP, auth_result(&p->s[0].a, AUTH_TIMER_US, &r, &name));
	EXPECT_EQ(AUTH_RESULT_OK, r);
	EXPECT_STREQ("maui-soho-01", name);
	EXPECT_TRUE(quiet(p));
	EXPECT_FALSE(ap_leaks(p, SECRET));
	ap_free(p);
}

/* wait_for_peer_first only matters when we authenticate the peer too. */
TEST(wait_flag_one_way_answers_at_once)
{
	static const char *const b[] = {
		"BR1:1 CHAP: I CHALLENGE id 4 len 33 from \"maui-soho-01\"",
		"BR1:1 CHAP: O RESPONSE id 4 len 33 from \"maui-soho-03\"",
		"BR1:1 CHAP: I SUCCESS id 4 len 4",
	};
	struct ap_pair *p = ap_new();

	p->s[1].conf.wait_for_peer_first = true;
	start(p, PPP_CHAP, 0, 0, PPP_CHAP);
	ap_run(p);
	EXPECT_STREQ(ap_expect(b, ARRAY_SIZE(b)), ap_text(&p->s[1]));
	EXPECT_TRUE(p->s[0].ok && p->s[1].ok);
	EXPECT_TRUE(quiet(p));
	ap_free(p);
}

TEST(one_way_a_authenticates_b)
{
	static const char *const a[] = {
		"BR0:1 CHAP: O CHALLENGE id 4 len 33 from \"maui-soho-01\"",
		"BR0:1 CHAP: I RESPONSE id 4 len 33 from \"maui-soho-03\"",
		"BR0:1 CHAP: O SUCCESS id 4 len 4",
	};
	static const char *const b[] = {
		"BR1:1 CHAP: I CHALLENGE id 4 len 33 from \"maui-soho-01\"",
		"BR1:1 CHAP: O RESPONSE id 4 len 33 from \"maui-soho-03\"",
		"BR1:1 CHAP: I SUCCESS id 4 len 4",
	};
	struct ap_pair *p = ap_new();

	start(p, PPP_CHAP, 0, 0, PPP_CHAP);
	EXPECT_TRUE(p->s[0].armed[AUTH_TIMER_PEER]);
	EXPECT_EQ(3000, p->s[0].timer_ms[AUTH_TIMER_PEER]);
	EXPECT_TRUE(p->s[1].armed[AUTH_TIMER_US]);
	EXPECT_EQ(30000, p->s[1].timer_ms[AUTH_TIMER_US]);
	ap_run(p);
	EXPECT_STREQ(ap_expect(a, ARRAY_SIZE(a)), ap_text(&p->s[0]));
	EXPECT_STREQ(ap_expect(b, ARRAY_SIZE(b)), ap_text(&p->s[1]));
	EXPECT_TRUE(p->s[0].ok && p->s[1].ok);
	EXPECT_STREQ("maui-soho-03", auth_peer_name(&p->s[0].a));
	EXPECT_EQ(NULL, auth_peer_name(&p->s[1].a));
	EXPECT_TRUE(quiet(p));
	EXPECT_FALSE(ap_leaks(p, SECRET));
	ap_free(p);
}

TEST(one_way_b_authenticates_a)
{
	static const char *const a[] = {
		"BR0:1 CHAP: I CHALLENGE id 3 len 33 from \"maui-soho-03\"",
		"BR0:1 CHAP: O RESPONSE id 3 len 33 from \"maui-soho-01\"",
		"BR0:1 CHAP: I SUCCESS id 3 len 4",
	};
	struct ap_pair *p = ap_new();

	start(p, 0, PPP_CHAP, PPP_CHAP, 0);
	ap_run(p);
	EXPECT_STREQ(ap_expect(a, ARRAY_SIZE(a)), ap_text(&p->s[0]));
	EXPECT_TRUE(p->s[0].ok && p->s[1].ok);
	EXPECT_STREQ("maui-soho-01", auth_peer_name(&p->s[1].a));
	EXPECT_TRUE(quiet(p));
	ap_free(p);
}

/* `user` differs from `name`: the response carries user, looked up as client. */
TEST(user_name_for_responses)
{
	struct ap_pair *p = ap_new();

	p->s[1].conf.name = "ignored-name";
	p->s[1].conf.user = "maui-soho-03";
	start(p, PPP_CHAP, 0, 0, PPP_CHAP);
	ap_run(p);
	EXPECT_TRUE(p->s[0].ok && p->s[1].ok);
	EXPECT_STREQ("maui-soho-03", auth_peer_name(&p->s[0].a));
	ap_free(p);
}

/* pppd's password answers the Challenge; the file is not read for it. */
TEST(password_instead_of_the_file)
{
	struct ap_pair *p = ap_new();

	p->s[1].conf.chap_secrets = "data/auth/nope";
	p->s[1].conf.password = SECRET;
	start(p, PPP_CHAP, 0, 0, PPP_CHAP);
	ap_run(p);
	EXPECT_TRUE(p->s[0].ok && p->s[1].ok);
	EXPECT_STREQ("maui-soho-03", auth_peer_name(&p->s[0].a));
	EXPECT_TRUE(quiet(p));
	EXPECT_FALSE(ap_leaks(p, SECRET));
	ap_free(p);

	p = ap_new();
	p->s[1].conf.password = WRONG;
	start(p, PPP_CHAP, 0, 0, PPP_CHAP);
	ap_run(p);
	EXPECT_FALSE(p->s[0].ok || p->s[1].ok);
	EXPECT_FALSE(ap_leaks(p, SECRET));
	EXPECT_FALSE(ap_leaks(p, WRONG));
	ap_free(p);
}

TEST(wrong_secret_fails_on_both_sides)
{
	static const char *const a[] = {
		"BR0:1 CHAP: O CHALLENGE id 4 len 33 from \"maui-soho-01\"",
		"BR0:1 CHAP: I RESPONSE id 4 len 33 from \"maui-soho-03\"",
		"BR0:1 CHAP: Unable to validate Response.  Username maui-soho-03: MD/DES compare failed",
		"BR0:1 CHAP: O FAILURE id 4 len 25 msg is \"MD/DES compare failed\"",
	};
	static const char *const b[] = {
		"BR1:1 CHAP: I CHALLENGE id 4 len 33 from \"maui-soho-01\"",
		"BR1:1 CHAP: O RESPONSE id 4 len 33 from \"maui-soho-03\"",
		"BR1:1 CHAP: I FAILURE id 4 len 25 msg is \"MD/DES compare failed\"",
	};
	struct ap_pair *p = ap_new();
	const char *name;
	int r;

	p->s[1].conf.chap_secrets = "data/auth/chap-03-wrong";
	start(p, PPP_CHAP, 0, 0, PPP_CHAP);
	ap_run(p);
	EXPECT_STREQ(ap_expect(a, ARRAY_SIZE(a)), ap_text(&p->s[0]));
	EXPECT_STREQ(ap_expect(b, ARRAY_SIZE(b)), ap_text(&p->s[1]));
	EXPECT_EQ(1, p->s[0].ndone);
	EXPECT_FALSE(p->s[0].ok);
	EXPECT_STREQ("CHAP: peer \"maui-soho-03\" failed authentication: its secret differs from ours (data/auth/chap-01)",
		     p->s[0].why);
	EXPECT_EQ(1, p->s[1].ndone);
	EXPECT_FALSE(p->s[1].ok);
	EXPECT_STREQ("CHAP: the peer refused our response: \"MD/DES compare failed\"",
		     p->s[1].why);
	EXPECT_EQ(NULL, auth_peer_name(&p->s[0].a));
	/* For the kernel's view: the name the peer tried, refused. */
	EXPECT_EQ(PPP_CHAP, auth_result(&p->s[0].a, AUTH_TIMER_PEER, &r, &name));
	EXPECT_EQ(AUTH_RESULT_FAILED, r);
	EXPECT_STREQ("maui-soho-03", name);
	EXPECT_EQ(0, auth_result(&p->s[0].a, AUTH_TIMER_US, &r, &name));
	EXPECT_EQ(PPP_CHAP, auth_result(&p->s[1].a, AUTH_TIMER_US, &r, &name));
	EXPECT_EQ(AUTH_RESULT_FAILED, r);
	EXPECT_STREQ("maui-soho-03", name);
	EXPECT_TRUE(quiet(p));
	EXPECT_FALSE(ap_leaks(p, SECRET));
	EXPECT_FALSE(ap_leaks(p, WRONG));
	ap_free(p);
}

TEST(both_ways_wrong_secret_with_wait_fails_before_answering)
{
	static const char *const a[] = {
		"BR0:1 CHAP: O CHALLENGE id 4 len 33 from \"maui-soho-01\"",
		"BR0:1 CHAP: I CHALLENGE id 3 len 33 from \"maui-soho-03\"",
		"BR0:1 CHAP: Waiting for peer to authenticate first",
		"BR0:1 CHAP: I RESPONSE id 4 len 33 from \"maui-soho-03\"",
		"BR0:1 CHAP: Unable to validate Response.  Username maui-soho-03: MD/DES compare failed",
		"BR0:1 CHAP: O FAILURE id 4 len 25 msg is \"MD/DES compare failed\"",
	};
	struct ap_pair *p = ap_new();

	p->s[0].conf.wait_for_peer_first = true;
	p->s[1].conf.chap_secrets = "data/auth/chap-03-wrong";
	start(p, PPP_CHAP, PPP_CHAP, PPP_CHAP, PPP_CHAP);
	ap_run(p);
	EXPECT_STREQ(ap_expect(a, ARRAY_SIZE(a)), ap_text(&p->s[0]));
	EXPECT_FALSE(p->s[0].ok);
	EXPECT_FALSE(p->s[1].ok);
	EXPECT_EQ(1, p->s[0].ndone);
	EXPECT_EQ(1, p->s[1].ndone);
	EXPECT_TRUE(quiet(p));
	EXPECT_FALSE(ap_leaks(p, SECRET));
	EXPECT_FALSE(ap_leaks(p, WRONG));
	ap_free(p);
}

TEST(authenticator_has_no_secret_for_peer)
{
	static const char *const a[] = {
		"BR0:1 CHAP: O CHALLENGE id 4 len 33 from \"maui-soho-01\"",
		"BR0:1 CHAP: I RESPONSE id 4 len 33 from \"maui-soho-03\"",
		"BR0:1 CHAP: Username maui-soho-03 not found",
		"BR0:1 CHAP: O FAILURE id 4 len 26 msg is \"Authentication failure\"",
	};
	struct ap_pair *p = ap_new();

	p->s[0].conf.chap_secrets = "data/auth/empty";
	start(p, PPP_CHAP, 0, 0, PPP_CHAP);
	ap_run(p);
	EXPECT_STREQ(ap_expect(a, ARRAY_SIZE(a)), ap_text(&p->s[0]));
	EXPECT_STREQ("CHAP: no secret for peer \"maui-soho-03\" (server \"maui-soho-01\") in data/auth/empty",
		     p->s[0].why);
	EXPECT_STREQ("CHAP: the peer refused our response: \"Authentication failure\"",
		     p->s[1].why);
	EXPECT_FALSE(p->s[0].ok || p->s[1].ok);
	EXPECT_TRUE(quiet(p));
	ap_free(p);
}

TEST(authenticatee_has_no_secret)
{
	static const char *const b[] = {
		"BR1:1 CHAP: I CHALLENGE id 4 len 33 from \"maui-soho-01\"",
		"BR1:1 CHAP: Unable to authenticate for peer maui-soho-01: no secret for maui-soho-03",
	};
	struct ap_pair *p = ap_new();

	p->s[1].conf.chap_secrets = "data/auth/empty";
	start(p, PPP_CHAP, 0, 0, PPP_CHAP);
	ap_run(p);
	EXPECT_STREQ(ap_expect(b, ARRAY_SIZE(b)), ap_text(&p->s[1]));
	EXPECT_EQ(1, p->s[1].ndone);
	EXPECT_FALSE(p->s[1].ok);
	EXPECT_STREQ("CHAP: no secret for \"maui-soho-03\" to authenticate to \"maui-soho-01\" in data/auth/empty",
		     p->s[1].why);
	EXPECT_FALSE(p->s[1].armed[AUTH_TIMER_US]);
	/* A is still waiting for a response */
	EXPECT_EQ(0, p->s[0].ndone);
	EXPECT_TRUE(p->s[0].armed[AUTH_TIMER_PEER]);
	ap_free(p);
}

TEST(secrets_file_missing)
{
	static const char *const a[] = {
		"BR0:1 CHAP: O CHALLENGE id 4 len 33 from \"maui-soho-01\"",
		"BR0:1 CHAP: I RESPONSE id 4 len 33 from \"maui-soho-03\"",
		"BR0:1 CHAP: cannot open data/auth/nope: No such file or directory",
		"BR0:1 CHAP: O FAILURE id 4 len 26 msg is \"Authentication failure\"",
	};
	struct ap_pair *p = ap_new();

	p->s[0].conf.chap_secrets = "data/auth/nope";
	start(p, PPP_CHAP, 0, 0, PPP_CHAP);
	ap_run(p);
	EXPECT_STREQ(ap_expect(a, ARRAY_SIZE(a)), ap_text(&p->s[0]));
	EXPECT_STREQ("CHAP: cannot open data/auth/nope: No such file or directory",
		     p->s[0].why);
	EXPECT_FALSE(p->s[0].ok);
	ap_free(p);

	/* the same on the authenticatee's side */
	p = ap_new();
	p->s[1].conf.chap_secrets = "data/auth/nope";
	start(p, PPP_CHAP, 0, 0, PPP_CHAP);
	ap_run(p);
	EXPECT_STREQ("CHAP: cannot open data/auth/nope: No such file or directory",
		     p->s[1].why);
	EXPECT_NE(NULL, strstr(ap_text(&p->s[1]),
			       "BR1:1 CHAP: cannot open data/auth/nope: No such file or directory\n"));
	ap_free(p);
}

TEST(retransmission_after_dropped_challenge)
{
	static const char *const a[] = {
		"BR0:1 CHAP: O CHALLENGE id 4 len 33 from \"maui-soho-01\"",
		"BR0:1 CHAP: O CHALLENGE id 5 len 33 from \"maui-soho-01\"",
		"BR0:1 CHAP: I RESPONSE id 5 len 33 from \"maui-soho-03\"",
		"BR0:1 CHAP: O SUCCESS id 5 len 4",
	};
	struct ap_pair *p = ap_new();
	uint8_t first[16];

	p->s[0].drop = 1;
	start(p, PPP_CHAP, 0, 0, PPP_CHAP);
	memcpy(first, p->s[0].last + 5, 16);
	EXPECT_EQ(0, ap_run(p));
	ASSERT_EQ(0, ap_fire(&p->s[0], AUTH_TIMER_PEER));
	/* a new Identifier and a new random value */
	EXPECT_EQ(5, p->s[0].last[1]);
	EXPECT_NE(0, memcmp(first, p->s[0].last + 5, 16));
	ap_run(p);
	EXPECT_STREQ(ap_expect(a, ARRAY_SIZE(a)), ap_text(&p->s[0]));
	EXPECT_TRUE(p->s[0].ok && p->s[1].ok);
	EXPECT_TRUE(quiet(p));
	ap_free(p);
}

TEST(retransmission_after_dropped_response_and_late_response_ignored)
{
	static const char *const a[] = {
		"BR0:1 CHAP: O CHALLENGE id 4 len 33 from \"maui-soho-01\"",
		"BR0:1 CHAP: O CHALLENGE id 5 len 33 from \"maui-soho-01\"",
		"BR0:1 CHAP: I RESPONSE id 4 len 33 from \"maui-soho-03\"",
		"BR0:1 CHAP: I RESPONSE id 5 len 33 from \"maui-soho-03\"",
		"BR0:1 CHAP: O SUCCESS id 5 len 4",
	};
	struct ap_pair *p = ap_new();
	struct ap_msg held;

	start(p, PPP_CHAP, 0, 0, PPP_CHAP);
	/* deliver the Challenge; hold B's Response back */
	held = p->q[p->qh];
	p->qh = (p->qh + 1) % AP_QUEUE;
	auth_input(&p->s[1].a, held.proto, held.b, held.len);
	ASSERT_EQ(0, ap_fire(&p->s[0], AUTH_TIMER_PEER));	/* Challenge id 5 */
	ap_run(p);	/* A gets the stale Response id 4 first, then id 5 */
	EXPECT_STREQ(ap_expect(a, ARRAY_SIZE(a)), ap_text(&p->s[0]));
	EXPECT_EQ(1, auth_stats(&p->s[0].a)->rx_ignored);
	EXPECT_TRUE(p->s[0].ok && p->s[1].ok);
	EXPECT_EQ(1, p->s[0].ndone);
	EXPECT_TRUE(quiet(p));
	ap_free(p);
}

TEST(max_tries_exhausted)
{
	struct ap_pair *p = ap_new();
	char line[128];
	const char *out;
	int i;

	/* B is not started: it ignores everything */
	auth_set_next_id(&p->s[0].a, 250);
	auth_start(&p->s[0].a, PPP_CHAP, 0);
	ap_run(p);
	for (i = 1; i < 10; i++) {
		ASSERT_EQ(0, ap_fire(&p->s[0], AUTH_TIMER_PEER));
		ap_run(p);
	}
	EXPECT_EQ(0, p->s[0].ndone);
	EXPECT_EQ(10, p->s[0].nsent);
	ASSERT_EQ(0, ap_fire(&p->s[0], AUTH_TIMER_PEER));
	EXPECT_EQ(10, p->s[0].nsent);
	EXPECT_EQ(1, p->s[0].ndone);
	EXPECT_FALSE(p->s[0].ok);
	EXPECT_STREQ("CHAP: the peer did not answer 10 Challenges", p->s[0].why);
	out = ap_text(&p->s[0]);
	/* ids 250..255, 0..3: the identifier wraps */
	for (i = 0; i < 10; i++) {
		snprintf(line, sizeof(line),
			 "*Mar  1 00:00:00.%03d: BR0:1 CHAP: O CHALLENGE id %d len 33 from \"maui-soho-01\"\n",
			 i, (250 + i) % 256);
		EXPECT_NE(NULL, strstr(out, line));
	}
	EXPECT_NE(NULL, strstr(out, "*Mar  1 00:00:00.010: BR0:1 CHAP: No response to 10 Challenges, giving up\n"));
	EXPECT_EQ(10, auth_stats(&p->s[1].a)->rx_ignored);
	EXPECT_TRUE(quiet(p));
	/* a stale timeout afterwards does nothing */
	auth_timeout(&p->s[0].a, AUTH_TIMER_PEER);
	EXPECT_EQ(1, p->s[0].ndone);
	ap_free(p);
}

TEST(max_tries_and_timeout_from_conf)
{
	struct ap_pair *p = ap_new();

	p->s[0].conf.max_tries = 3;
	p->s[0].conf.timeout_ms = 1000;
	auth_start(&p->s[0].a, PPP_CHAP, PPP_CHAP);
	EXPECT_EQ(1000, p->s[0].timer_ms[AUTH_TIMER_PEER]);
	EXPECT_EQ(3000, p->s[0].timer_ms[AUTH_TIMER_US]);
	ASSERT_EQ(0, ap_fire(&p->s[0], AUTH_TIMER_PEER));
	ASSERT_EQ(0, ap_fire(&p->s[0], AUTH_TIMER_PEER));
	EXPECT_EQ(3, p->s[0].nsent);
	ASSERT_EQ(0, ap_fire(&p->s[0], AUTH_TIMER_PEER));
	EXPECT_STREQ("CHAP: the peer did not answer 3 Challenges", p->s[0].why);
	EXPECT_FALSE(p->s[0].armed[AUTH_TIMER_US]);
	ap_free(p);
}

TEST(authenticatee_gives_up_waiting)
{
	struct ap_pair *p = ap_new();

	auth_start(&p->s[1].a, 0, PPP_CHAP);
	ASSERT_EQ(0, ap_fire(&p->s[1], AUTH_TIMER_US));
	EXPECT_STREQ("*Mar  1 00:00:00.000: BR1:1 CHAP: Timeout waiting for peer to authenticate us\n",
		     ap_text(&p->s[1]));
	EXPECT_STREQ("CHAP: the peer did not finish authenticating us within 30000 ms",
		     p->s[1].why);
	ap_free(p);
}

/*
 * A retransmitted Challenge is answered again; the authenticator answers
 * the second Response (our Success may have been lost) with Success again,
 * and nobody reports twice.
 */
TEST(repeated_challenge_and_response)
{
	static const char *const a[] = {
		"BR0:1 CHAP: O CHALLENGE id 4 len 33 from \"maui-soho-01\"",
		"BR0:1 CHAP: I RESPONSE id 4 len 33 from \"maui-soho-03\"",
		"BR0:1 CHAP: O SUCCESS id 4 len 4",
		"BR0:1 CHAP: I RESPONSE id 4 len 33 from \"maui-soho-03\"",
		"BR0:1 CHAP: O SUCCESS id 4 len 4",
	};
	static const char *const b[] = {
		"BR1:1 CHAP: I CHALLENGE id 4 len 33 from \"maui-soho-01\"",
		"BR1:1 CHAP: O RESPONSE id 4 len 33 from \"maui-soho-03\"",
		"BR1:1 CHAP: I CHALLENGE id 4 len 33 from \"maui-soho-01\"",
		"BR1:1 CHAP: O RESPONSE id 4 len 33 from \"maui-soho-03\"",
		"BR1:1 CHAP: I SUCCESS id 4 len 4",
		"BR1:1 CHAP: I SUCCESS id 4 len 4",
	};
	struct ap_pair *p = ap_new();
	struct ap_msg m;

	start(p, PPP_CHAP, 0, 0, PPP_CHAP);
	m = p->q[p->qh];
	auth_input(&p->s[1].a, m.proto, m.b, m.len);	/* delivered twice */
	ap_run(p);
	EXPECT_STREQ(ap_expect(a, ARRAY_SIZE(a)), ap_text(&p->s[0]));
	EXPECT_STREQ(ap_expect(b, ARRAY_SIZE(b)), ap_text(&p->s[1]));
	EXPECT_EQ(1, p->s[0].ndone);
	EXPECT_EQ(1, p->s[1].ndone);
	EXPECT_TRUE(p->s[0].ok && p->s[1].ok);
	ap_free(p);
}

/*
 * The Response on the wire is MD5(id || secret || challenge) for the
 * fixture's secret, against a digest computed with md5sum:
 *   printf '\x04s3cr3t-chap\x00\x01...\x0f' | md5sum
 *   23e7ba1be8f8439f185c12e6876451d6
 * Also: a re-challenge after success is answered (RFC 1994 allows them).
 */
TEST(response_on_the_wire_and_rechallenge)
{
	static const uint8_t chal16[16] = {
		0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
		0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f,
	};
	struct ap_pair *p = ap_new();
	uint8_t pkt[CHAP_MAX_PKT], want[16];
	size_t len;

	auth_start(&p->s[1].a, 0, PPP_CHAP);
	len = chap_build(pkt, sizeof(pkt), CHAP_CHALLENGE, 4, chal16, 16,
			 (const uint8_t *)"maui-soho-01", 12);
	auth_input(&p->s[1].a, PPP_CHAP, pkt, len);
	ASSERT_EQ(33, p->s[1].lastlen);
	hex16("23e7ba1be8f8439f185c12e6876451d6", want);
	EXPECT_EQ(0, memcmp("\x02\x04\x00\x21\x10", p->s[1].last, 5));
	EXPECT_EQ(0, memcmp(want, p->s[1].last + 5, 16));
	EXPECT_EQ(0, memcmp("maui-soho-03", p->s[1].last + 21, 12));

	len = chap_build_status(pkt, sizeof(pkt), CHAP_SUCCESS, 4, "Welcome");
	auth_input(&p->s[1].a, PPP_CHAP, pkt, len);
	EXPECT_EQ(1, p->s[1].ndone);
	EXPECT_TRUE(p->s[1].ok);

	/* re-challenge, id 9: answered; a Failure to it ends the link */
	len = chap_build(pkt, sizeof(pkt), CHAP_CHALLENGE, 9, chal16, 16,
			 (const uint8_t *)"maui-soho-01", 12);
	auth_input(&p->s[1].a, PPP_CHAP, pkt, len);
	EXPECT_EQ(2, p->s[1].nsent);
	EXPECT_EQ(9, p->s[1].last[1]);
	len = chap_build_status(pkt, sizeof(pkt), CHAP_FAILURE, 9, "no");
	auth_input(&p->s[1].a, PPP_CHAP, pkt, len);
	EXPECT_EQ(2, p->s[1].ndone);
	EXPECT_FALSE(p->s[1].ok);
	EXPECT_STREQ("CHAP: the peer refused our response: \"no\"", p->s[1].why);
	ap_free(p);
}

/* Success/Failure with the wrong id, or before any Response: ignored. */
TEST(status_with_wrong_id_ignored)
{
	struct ap_pair *p = ap_new();
	uint8_t pkt[64], chal[16] = { 1 };
	size_t len;

	auth_start(&p->s[1].a, 0, PPP_CHAP);
	len = chap_build_status(pkt, sizeof(pkt), CHAP_FAILURE, 4, "x");
	auth_input(&p->s[1].a, PPP_CHAP, pkt, len);	/* no Response yet */
	EXPECT_EQ(0, p->s[1].ndone);
	len = chap_build(pkt, sizeof(pkt), CHAP_CHALLENGE, 4, chal, 16,
			 (const uint8_t *)"maui-soho-01", 12);
	auth_input(&p->s[1].a, PPP_CHAP, pkt, len);
	len = chap_build_status(pkt, sizeof(pkt), CHAP_FAILURE, 5, "x");
	auth_input(&p->s[1].a, PPP_CHAP, pkt, len);
	len = chap_build_status(pkt, sizeof(pkt), CHAP_SUCCESS, 5, NULL);
	auth_input(&p->s[1].a, PPP_CHAP, pkt, len);
	EXPECT_EQ(0, p->s[1].ndone);
	EXPECT_EQ(3, auth_stats(&p->s[1].a)->rx_ignored);
	len = chap_build_status(pkt, sizeof(pkt), CHAP_SUCCESS, 4, NULL);
	auth_input(&p->s[1].a, PPP_CHAP, pkt, len);
	EXPECT_EQ(1, p->s[1].ndone);
	EXPECT_TRUE(p->s[1].ok);
	ap_free(p);
}

TEST(remote_name)
{
	static const char *const a[] = {
		"BR0:1 CHAP: O CHALLENGE id 4 len 33 from \"maui-soho-01\"",
		"BR0:1 CHAP: I RESPONSE id 4 len 33 from \"maui-soho-03\"",
		"BR0:1 CHAP: Unable to validate Response.  Username maui-soho-03: not the expected remote name someone-else",
		"BR0:1 CHAP: O FAILURE id 4 len 26 msg is \"Authentication failure\"",
	};
	static const uint8_t chal[16] = { 7 };
	struct ap_pair *p = ap_new();
	uint8_t pkt[64];
	size_t len;

	/* as authenticator: the peer must be remote_name */
	p->s[0].conf.remote_name = "someone-else";
	start(p, PPP_CHAP, 0, 0, PPP_CHAP);
	ap_run(p);
	EXPECT_STREQ(ap_expect(a, ARRAY_SIZE(a)), ap_text(&p->s[0]));
	EXPECT_STREQ("CHAP: the peer authenticated as \"maui-soho-03\", not as the remote name \"someone-else\"",
		     p->s[0].why);
	ap_free(p);

	/* as authenticatee: remote_name, not the Challenge's name, picks the secret */
	p = ap_new();
	len = chap_build(pkt, sizeof(pkt), CHAP_CHALLENGE, 1, chal, 16,
			 (const uint8_t *)"router", 6);
	auth_start(&p->s[1].a, 0, PPP_CHAP);
	auth_input(&p->s[1].a, PPP_CHAP, pkt, len);
	EXPECT_EQ(1, p->s[1].ndone);
	EXPECT_STREQ("CHAP: no secret for \"maui-soho-03\" to authenticate to \"router\" in data/auth/chap-03",
		     p->s[1].why);
	p->s[1].conf.remote_name = "maui-soho-01";
	auth_start(&p->s[1].a, 0, PPP_CHAP);
	auth_input(&p->s[1].a, PPP_CHAP, pkt, len);
	EXPECT_EQ(1, p->s[1].ndone);
	EXPECT_EQ(CHAP_RESPONSE, p->s[1].last[0]);
	ap_free(p);
}

/* A name with a NUL octet must not match the entry for its prefix. */
TEST(peer_name_with_nul_matches_nothing)
{
	static const char *const a[] = {
		"BR0:1 CHAP: O CHALLENGE id 4 len 33 from \"maui-soho-01\"",
		"BR0:1 CHAP: I RESPONSE id 4 len 35 from \"maui-soho-03\\x00x\"",
		"BR0:1 CHAP: Username maui-soho-03\\x00x not found",
		"BR0:1 CHAP: O FAILURE id 4 len 26 msg is \"Authentication failure\"",
	};
	struct ap_pair *p = ap_new();
	uint8_t pkt[64], resp[16];
	size_t len;

	auth_set_next_id(&p->s[0].a, 4);
	auth_start(&p->s[0].a, PPP_CHAP, 0);
	/* even the right digest does not help */
	chap_md5_response(4, (const uint8_t *)SECRET, strlen(SECRET),
			  p->s[0].last + 5, 16, resp);
	len = chap_build(pkt, sizeof(pkt), CHAP_RESPONSE, 4, resp, 16,
			 (const uint8_t *)"maui-soho-03\0x", 14);
	auth_input(&p->s[0].a, PPP_CHAP, pkt, len);
	EXPECT_STREQ(ap_expect(a, ARRAY_SIZE(a)), ap_text(&p->s[0]));
	EXPECT_FALSE(p->s[0].ok);
	ap_free(p);
}

/* A hand-made right answer is accepted; a 15-octet one is not. */
TEST(response_value_length)
{
	struct ap_pair *p = ap_new();
	uint8_t pkt[64], resp[16];
	size_t len;

	auth_set_next_id(&p->s[0].a, 4);
	auth_start(&p->s[0].a, PPP_CHAP, 0);
	chap_md5_response(4, (const uint8_t *)SECRET, strlen(SECRET),
			  p->s[0].last + 5, 16, resp);
	len = chap_build(pkt, sizeof(pkt), CHAP_RESPONSE, 4, resp, 15,
			 (const uint8_t *)"maui-soho-03", 12);
	auth_input(&p->s[0].a, PPP_CHAP, pkt, len);
	EXPECT_EQ(1, p->s[0].ndone);
	EXPECT_FALSE(p->s[0].ok);
	ap_free(p);

	p = ap_new();
	auth_set_next_id(&p->s[0].a, 4);
	auth_start(&p->s[0].a, PPP_CHAP, 0);
	chap_md5_response(4, (const uint8_t *)SECRET, strlen(SECRET),
			  p->s[0].last + 5, 16, resp);
	len = chap_build(pkt, sizeof(pkt), CHAP_RESPONSE, 4, resp, 16,
			 (const uint8_t *)"maui-soho-03", 12);
	auth_input(&p->s[0].a, PPP_CHAP, pkt, len);
	EXPECT_EQ(1, p->s[0].ndone);
	EXPECT_TRUE(p->s[0].ok);
	ap_free(p);
}

TEST(malformed_and_unexpected_packets)
{
	static const uint8_t bad[][8] = {
		{ 0x02, 0x04, 0x00 },			/* short */
		{ 0x02, 0x04, 0x00, 0x30, 0x10 },	/* Length past the end */
		{ 0x02, 0x04, 0x00, 0x02 },		/* Length < 4 */
		{ 0x02, 0x04, 0x00, 0x05, 0x00 },	/* Value-Size 0 */
		{ 0x02, 0x04, 0x00, 0x06, 0x10, 0 },	/* value past Length */
		{ 0x09, 0x04, 0x00, 0x04 },		/* unknown code */
	};
	static const size_t blen[] = { 3, 5, 4, 5, 6, 4 };
	struct ap_pair *p = ap_new();
	size_t i;

	auth_set_next_id(&p->s[0].a, 4);
	auth_start(&p->s[0].a, PPP_CHAP, 0);
	for (i = 0; i < ARRAY_SIZE(bad); i++)
		auth_input(&p->s[0].a, PPP_CHAP, bad[i], blen[i]);
	auth_input(&p->s[0].a, PPP_CHAP, NULL, 0);
	EXPECT_EQ(7, auth_stats(&p->s[0].a)->rx_malformed);
	EXPECT_EQ(0, p->s[0].ndone);
	EXPECT_TRUE(auth_running(&p->s[0].a));
	/* a Challenge to a side that does not authenticate itself */
	auth_input(&p->s[0].a, PPP_CHAP, p->s[0].last, p->s[0].lastlen);
	/* PAP and other protocols */
	auth_input(&p->s[0].a, PPP_PAP, (const uint8_t *)"\x02\x01\x00\x05\x00", 5);
	auth_input(&p->s[0].a, PPP_LCP, (const uint8_t *)"\x01\x01\x00\x04", 4);
	EXPECT_EQ(3, auth_stats(&p->s[0].a)->rx_ignored);
	EXPECT_EQ(0, p->s[0].ndone);
	EXPECT_EQ(1, p->s[0].nsent);
	ap_free(p);
}

TEST(start_none_unsupported_and_stop)
{
	static const uint8_t zero[16];
	struct ap_pair *p = ap_new();

	auth_start(&p->s[0].a, 0, 0);
	EXPECT_EQ(1, p->s[0].ndone);
	EXPECT_TRUE(p->s[0].ok);
	EXPECT_STREQ("", p->s[0].why);

	auth_start(&p->s[0].a, PPP_EAP, 0);
	EXPECT_EQ(2, p->s[0].ndone);
	EXPECT_FALSE(p->s[0].ok);
	EXPECT_STREQ("authentication protocol 0xC227 is not supported",
		     p->s[0].why);

	/* auth_stop midway: timers stopped, saved response wiped */
	p->s[0].conf.wait_for_peer_first = true;
	start(p, PPP_CHAP, PPP_CHAP, PPP_CHAP, PPP_CHAP);
	/* deliver B's Challenge to A only: A keeps it back */
	while (p->qh != p->qt) {
		struct ap_msg m = p->q[p->qh];

		p->qh = (p->qh + 1) % AP_QUEUE;
		if (m.to == 0)
			auth_input(&p->s[0].a, m.proto, m.b, m.len);
	}
	EXPECT_NE(NULL, strstr(ap_text(&p->s[0]), "Waiting for peer to authenticate first"));
	auth_stop(&p->s[0].a);
	EXPECT_FALSE(p->s[0].armed[AUTH_TIMER_US]);
	EXPECT_FALSE(p->s[0].armed[AUTH_TIMER_PEER]);
	EXPECT_EQ(0, p->s[0].bad_stops);
	EXPECT_EQ(0, memcmp(zero, p->s[0].a.saved_resp, 16));
	EXPECT_EQ(0, memcmp(zero, p->s[0].a.chal, 16));
	EXPECT_FALSE(auth_running(&p->s[0].a));
	/* input is now ignored; a new start is clean */
	auth_input(&p->s[0].a, PPP_CHAP, p->s[1].last, p->s[1].lastlen);
	EXPECT_EQ(2, p->s[0].ndone);
	EXPECT_EQ(1, p->s[0].nsent);
	ap_free(p);
}

/*
 * The entry that let the peer in hands its address words to the owner,
 * once, before done(); entries without any hand over none.
 */
TEST(authorized_hands_over_the_address_words)
{
	struct ap_pair *p = ap_new();

	p->s[0].conf.chap_secrets = "data/auth/chap-01-addrs";
	start(p, PPP_CHAP, 0, 0, PPP_CHAP);
	ap_run(p);
	EXPECT_TRUE(p->s[0].ok && p->s[1].ok);
	EXPECT_EQ(1, p->s[0].nauthz);
	EXPECT_STREQ("maui-soho-03", p->s[0].authz_name);
	EXPECT_STREQ("10.0.0.7 !10.0.1.9 10.0.1.0/24", p->s[0].authz_addrs);
	EXPECT_EQ(3, p->s[0].authz_naddrs);
	EXPECT_EQ(0, p->s[1].nauthz);	/* it authenticated nobody */
	EXPECT_FALSE(ap_leaks(p, SECRET));
	ap_free(p);

	p = ap_new();
	start(p, PPP_CHAP, 0, 0, PPP_CHAP);
	ap_run(p);
	EXPECT_EQ(1, p->s[0].nauthz);
	EXPECT_STREQ("", p->s[0].authz_addrs);
	EXPECT_EQ(0, p->s[0].authz_naddrs);
	ap_free(p);

	/* refused: never called */
	p = ap_new();
	p->s[0].conf.chap_secrets = "data/auth/chap-01-addrs";
	p->s[1].conf.chap_secrets = "data/auth/chap-03-wrong";
	start(p, PPP_CHAP, 0, 0, PPP_CHAP);
	ap_run(p);
	EXPECT_FALSE(p->s[0].ok);
	EXPECT_EQ(0, p->s[0].nauthz);
	ap_free(p);
}

/*
 * Reflection: the peer sends our own Challenge back (same Identifier and
 * value, a name we have a secret for) hoping to replay our Response as
 * its own.  It is not answered; a real Challenge still is.
 */
TEST(own_challenge_reflected_is_not_answered)
{
	struct ap_pair *p = ap_new();
	struct ap_side *a = &p->s[0];
	uint8_t chal[CHAP_MAX_PKT], pkt[CHAP_MAX_PKT], other[16];
	struct chap_pkt c;
	size_t len;
	int sent;

	auth_set_next_id(&a->a, 4);
	auth_start(&a->a, PPP_CHAP, PPP_CHAP);
	ASSERT_EQ(PPP_CHAP, a->lastproto);
	memcpy(chal, a->last, a->lastlen);
	ASSERT_EQ(0, chap_parse(chal, a->lastlen, &c));
	ASSERT_EQ(CHAP_CHALLENGE, c.code);
	len = chap_build(pkt, sizeof(pkt), CHAP_CHALLENGE, c.id, c.value,
			 c.value_len, (const uint8_t *)"maui-soho-03", 12);
	sent = a->nsent;
	auth_input(&a->a, PPP_CHAP, pkt, len);
	EXPECT_EQ(sent, a->nsent);
	EXPECT_EQ(0, a->ndone);
	EXPECT_NE(NULL, strstr(ap_text(a),
		"BR0:1 CHAP: Challenge from peer equals ours: reflection refused"));
	EXPECT_EQ(1, auth_stats(&a->a)->rx_ignored);
	/* another Identifier, same value: refused too */
	len = chap_build(pkt, sizeof(pkt), CHAP_CHALLENGE, c.id + 1, c.value,
			 c.value_len, (const uint8_t *)"maui-soho-03", 12);
	auth_input(&a->a, PPP_CHAP, pkt, len);
	EXPECT_EQ(sent, a->nsent);
	/* a Challenge of its own is answered */
	memset(other, 0x5a, sizeof(other));
	len = chap_build(pkt, sizeof(pkt), CHAP_CHALLENGE, 9, other,
			 sizeof(other), (const uint8_t *)"maui-soho-03", 12);
	auth_input(&a->a, PPP_CHAP, pkt, len);
	EXPECT_EQ(sent + 1, a->nsent);
	ASSERT_EQ(0, chap_parse(a->last, a->lastlen, &c));
	EXPECT_EQ(CHAP_RESPONSE, c.code);
	EXPECT_EQ(9, c.id);
	ap_free(p);
}

/*
 * An empty secret: anyone can compute the response.  As authenticator the
 * peer is refused even though its response matches; as authenticatee we
 * do not answer.
 */
TEST(empty_secret_refused_both_ways)
{
	static const char *const a[] = {
		"BR0:1 CHAP: O CHALLENGE id 4 len 33 from \"maui-soho-01\"",
		"BR0:1 CHAP: I RESPONSE id 4 len 33 from \"maui-soho-03\"",
		"BR0:1 CHAP: Unable to validate Response.  Username maui-soho-03: the secret is empty",
		"BR0:1 CHAP: O FAILURE id 4 len 26 msg is \"Authentication failure\"",
	};
	static const char *const b[] = {
		"BR1:1 CHAP: I CHALLENGE id 4 len 33 from \"maui-soho-01\"",
		"BR1:1 CHAP: Unable to authenticate for peer maui-soho-01: the secret for maui-soho-03 is empty",
	};
	struct ap_pair *p = ap_new();

	/* B's entry for A is empty: B does not answer */
	p->s[1].conf.chap_secrets = "data/auth/chap-empty";
	start(p, PPP_CHAP, 0, 0, PPP_CHAP);
	ap_run(p);
	EXPECT_FALSE(p->s[1].ok);
	EXPECT_STREQ(ap_expect(b, ARRAY_SIZE(b)), ap_text(&p->s[1]));
	EXPECT_STREQ("CHAP: the secret for \"maui-soho-03\" to authenticate to \"maui-soho-01\" in data/auth/chap-empty (line 2) is empty: not answering",
		     p->s[1].why);
	EXPECT_EQ(0, p->s[1].nsent);
	EXPECT_EQ(0, p->s[0].ndone);	/* still waiting for a response */
	ap_free(p);

	/* A's entry for B is empty; the peer answers as anyone could */
	p = ap_new();
	p->s[0].conf.chap_secrets = "data/auth/chap-empty";
	start(p, PPP_CHAP, 0, 0, PPP_CHAP);
	{
		/* B stays silent; the response is computed with "" */
		struct chap_pkt c;
		uint8_t resp[CHAP_MD5_LEN], pkt[CHAP_MAX_PKT];
		size_t len;

		p->s[1].drop_all = true;
		ap_run(p);
		ASSERT_EQ(0, chap_parse(p->s[0].last, p->s[0].lastlen, &c));
		chap_md5_response(c.id, (const uint8_t *)"", 0, c.value,
				  c.value_len, resp);
		len = chap_build(pkt, sizeof(pkt), CHAP_RESPONSE, c.id, resp,
				 sizeof(resp), (const uint8_t *)"maui-soho-03",
				 12);
		auth_input(&p->s[0].a, PPP_CHAP, pkt, len);
	}
	EXPECT_STREQ(ap_expect(a, ARRAY_SIZE(a)), ap_text(&p->s[0]));
	EXPECT_FALSE(p->s[0].ok);
	EXPECT_EQ(1, p->s[0].ndone);
	EXPECT_STREQ("CHAP: the secret for peer \"maui-soho-03\" in data/auth/chap-empty (line 2) is empty: refused",
		     p->s[0].why);
	EXPECT_EQ(NULL, auth_peer_name(&p->s[0].a));
	ap_free(p);
}

TEST(struct_size)
{
	TH_LOG("sizeof(struct auth) = %zu", sizeof(struct auth));
	EXPECT_GE(512, sizeof(struct auth));
}

TEST_HARNESS_MAIN
