// SPDX-License-Identifier: GPL-2.0
/*
 * The debug formatter against Cisco's note: the packets behind the note's
 * sample lines must come out byte for byte as IOS prints them, with the
 * note's timestamps injected through the clock.
 *
 * The note's HTML rendering collapsed runs of blanks ("*Mar 1", option
 * lines without their indent); IOS pads the day to two columns and indents
 * option lines by four blanks.  Expected lines below are IOS's; the
 * "verbatim" test also compares, blanks collapsed, with the note's text as
 * printed.
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "kselftest_harness.h"
#include "proto/dbgopt.h"
#include "proto/debug.h"
#include "proto/vocab.h"

#define MAXSTAMPS 128

struct clk {
	struct tm tm[MAXSTAMPS];
	unsigned int ms[MAXSTAMPS];
	int n, next;
};

static void clk_fn(void *arg, struct tm *tm, unsigned int *msec)
{
	struct clk *c = arg;
	int i = c->next < c->n ? c->next++ : c->n - 1;

	*tm = c->tm[i];
	*msec = c->ms[i];
}

/* Queue the stamp of one expected line: "*Mar  1 00:06:37.054: ...". */
static int clk_push(struct clk *c, const char *line)
{
	static const char *const mon = "JanFebMarAprMayJunJulAugSepOctNovDec";
	char m[4];
	struct tm *tm = &c->tm[c->n];

	if (c->n >= MAXSTAMPS)
		return -1;
	memset(tm, 0, sizeof(*tm));
	if (sscanf(line, "*%3s %d %d:%d:%d.%u:", m, &tm->tm_mday, &tm->tm_hour,
		   &tm->tm_min, &tm->tm_sec, &c->ms[c->n]) != 6)
		return -1;
	tm->tm_mon = (int)((strstr(mon, m) - mon) / 3);
	c->n++;
	return 0;
}

struct cap {
	char *buf;
	size_t len;
	FILE *f;
	struct dbg d;
	struct clk clk;
};

static void cap_open(struct cap *c, unsigned int classes)
{
	memset(c, 0, sizeof(*c));
	c->f = open_memstream(&c->buf, &c->len);
	dbg_init(&c->d, c->f);
	dbg_set_clock(&c->d, clk_fn, &c->clk);
	dbg_enable(&c->d, classes);
}

static const char *cap_text(struct cap *c)
{
	fflush(c->f);
	return c->buf ? c->buf : "";
}

static void cap_close(struct cap *c)
{
	fclose(c->f);
	free(c->buf);
}

/* Expected output: lines joined with '\n'; their stamps go on the clock. */
static char *expect(struct clk *clk, const char *const *lines, int n)
{
	static char out[8192];
	size_t k = 0;
	int i;

	for (i = 0; i < n; i++) {
		if (clk_push(clk, lines[i]))
			return NULL;
		k += snprintf(out + k, sizeof(out) - k, "%s\n", lines[i]);
	}
	return out;
}


static const uint8_t lcp_confreq_id4[] = {
	0x01, 0x04, 0x00, 0x0f,
	0x03, 0x05, 0xc2, 0x23, 0x05,
	0x05, 0x06, 0x10, 0x81, 0xe7, 0xe1,
};

TEST(note_lcp_confreq_chap_magic)
{
	static const char *const want[] = {
		"*Mar  1 00:06:37.054: BR0:1 LCP: O CONFREQ [Listen] id 4 len 15",
		"*Mar  1 00:06:37.058: BR0:1 LCP:    AuthProto CHAP (0x0305C22305)",
		"*Mar  1 00:06:37.062: BR0:1 LCP:    MagicNumber 0x1081E7E1 (0x05061081E7E1)",
	};
	struct cap c;
	const char *exp;

	cap_open(&c, DBG_NEGOTIATION);
	exp = expect(&c.clk, want, ARRAY_SIZE(want));
	ASSERT_NE(NULL, exp);
	dbg_packet(&c.d, "BR0:1", PPP_LCP, 'O', vocab_state_name(VS_LISTEN),
		   lcp_confreq_id4, sizeof(lcp_confreq_id4));
	EXPECT_STREQ(exp, cap_text(&c));
	cap_close(&c);
}

TEST(note_lcp_confreq_pap_callback)
{
	static const uint8_t pkt[] = {
		0x01, 0x07, 0x00, 0x11,
		0x03, 0x04, 0xc0, 0x23,
		0x05, 0x06, 0x50, 0x7a, 0x21, 0x4d,
		0x0d, 0x03, 0x00,
	};
	static const char *const want[] = {
		"*Mar  1 00:06:37.034: BR0:1 LCP: I CONFREQ [Listen] id 7 len 17",
		"*Mar  1 00:06:37.038: BR0:1 LCP:    AuthProto PAP (0x0304C023)",
		"*Mar  1 00:06:37.042: BR0:1 LCP:    MagicNumber 0x507A214D (0x0506507A214D)",
		"*Mar  1 00:06:37.046: BR0:1 LCP:    Callback 0 (0x0D0300)",
	};
	struct cap c;
	const char *exp;

	cap_open(&c, DBG_NEGOTIATION);
	exp = expect(&c.clk, want, ARRAY_SIZE(want));
	ASSERT_NE(NULL, exp);
	dbg_packet(&c.d, "BR0:1", PPP_LCP, 'I', "Listen", pkt, sizeof(pkt));
	EXPECT_STREQ(exp, cap_text(&c));
	cap_close(&c);
}

TEST(note_lcp_confrej_callback)
{
	static const uint8_t pkt[] = { 0x04, 0x07, 0x00, 0x07, 0x0d, 0x03, 0x00 };
	static const char *const want[] = {
		"*Mar  1 00:06:37.066: BR0:1 LCP: O CONFREJ [Listen] id 7 len 7",
		"*Mar  1 00:06:37.070: BR0:1 LCP:    Callback 0 (0x0D0300)",
	};
	struct cap c;
	const char *exp;

	cap_open(&c, DBG_NEGOTIATION);
	exp = expect(&c.clk, want, ARRAY_SIZE(want));
	ASSERT_NE(NULL, exp);
	dbg_packet(&c.d, "BR0:1", PPP_LCP, 'O', "Listen", pkt, sizeof(pkt));
	EXPECT_STREQ(exp, cap_text(&c));
	cap_close(&c);
}

TEST(note_ipcp_confreq_address)
{
	static const uint8_t pkt[] = {
		0x01, 0x04, 0x00, 0x0a, 0x03, 0x06, 0xac, 0x16, 0x01, 0x01,
	};
	static const char *const want[] = {
		"*Mar  1 00:06:37.304: BR0:1 IPCP: O CONFREQ [Closed] id 4 len 10",
		"*Mar  1 00:06:37.308: BR0:1 IPCP:    Address 172.22.1.1 (0x0306AC160101)",
	};
	struct cap c;
	const char *exp;

	cap_open(&c, DBG_NEGOTIATION);
	exp = expect(&c.clk, want, ARRAY_SIZE(want));
	ASSERT_NE(NULL, exp);
	dbg_packet(&c.d, "BR0:1", PPP_IPCP, 'O', "Closed", pkt, sizeof(pkt));
	EXPECT_STREQ(exp, cap_text(&c));
	cap_close(&c);
}

/* A CHAP Challenge/Response: 16-byte value, then the name. */
static size_t chap_pkt(uint8_t *p, uint8_t code, uint8_t id, const char *name)
{
	size_t nlen = strlen(name), len = 4 + 1 + 16 + nlen;

	p[0] = code;
	p[1] = id;
	p[2] = len >> 8;
	p[3] = len & 0xff;
	p[4] = 16;
	memset(p + 5, 0xa5, 16);
	memcpy(p + 21, name, nlen);
	return len;
}

static void note_sequence(struct dbg *d)
{
	static const uint8_t rej7[] = { 4, 7, 0, 7, 0x0d, 3, 0 };
	static const uint8_t req7[] = {
		1, 7, 0, 17, 3, 4, 0xc0, 0x23, 5, 6, 0x50, 0x7a, 0x21, 0x4d,
		0x0d, 3, 0,
	};
	static const uint8_t req8[] = {
		1, 8, 0, 14, 3, 4, 0xc0, 0x23, 5, 6, 0x50, 0x7a, 0x21, 0x4d,
	};
	static const uint8_t nak8[] = { 3, 8, 0, 9, 3, 5, 0xc2, 0x23, 5 };
	static const uint8_t req9[] = {
		1, 9, 0, 15, 3, 5, 0xc2, 0x23, 5, 5, 6, 0x50, 0x7a, 0x21, 0x4d,
	};
	uint8_t ack4[sizeof(lcp_confreq_id4)], ack9[sizeof(req9)], p[64];
	uint8_t ip1[] = { 1, 4, 0, 10, 3, 6, 172, 22, 1, 1 };
	uint8_t ip2[] = { 1, 4, 0, 10, 3, 6, 172, 22, 1, 2 };
	uint8_t cdp[] = { 1, 4, 0, 4 };
	uint8_t ok[] = { 3, 4, 0, 4 };
	struct in_addr peer;

	memcpy(ack4, lcp_confreq_id4, sizeof(ack4));
	ack4[0] = CP_CONFACK;
	memcpy(ack9, req9, sizeof(ack9));
	ack9[0] = CP_CONFACK;
	dbg_msg(d, DBG_NEGOTIATION, "BR0:1", "PPP", "Treating connection as a callin");
	dbg_phase(d, "BR0:1", VP_ESTABLISHING, "Passive Open");
	dbg_state(d, "BR0:1", PPP_LCP, VS_LISTEN);
	dbg_packet(d, "BR0:1", PPP_LCP, 'I', "Listen", req7, sizeof(req7));
	dbg_packet(d, "BR0:1", PPP_LCP, 'O', "Listen", lcp_confreq_id4,
		   sizeof(lcp_confreq_id4));
	dbg_packet(d, "BR0:1", PPP_LCP, 'O', "Listen", rej7, sizeof(rej7));
	dbg_packet(d, "BR0:1", PPP_LCP, 'I', "REQsent", ack4, sizeof(ack4));
	dbg_packet(d, "BR0:1", PPP_LCP, 'I', "ACKrcvd", req8, sizeof(req8));
	dbg_packet(d, "BR0:1", PPP_LCP, 'O', "ACKrcvd", nak8, sizeof(nak8));
	dbg_packet(d, "BR0:1", PPP_LCP, 'I', "ACKrcvd", req9, sizeof(req9));
	dbg_packet(d, "BR0:1", PPP_LCP, 'O', "ACKrcvd", ack9, sizeof(ack9));
	dbg_state(d, "BR0:1", PPP_LCP, VS_OPENED);
	dbg_phase(d, "BR0:1", VP_AUTHENTICATING, vocab_by_name(VB_BOTH));
	dbg_packet(d, "BR0:1", PPP_CHAP, 'O', NULL, p,
		   chap_pkt(p, CHAP_CHALLENGE, 4, "maui-soho-01"));
	dbg_packet(d, "BR0:1", PPP_CHAP, 'I', NULL, p,
		   chap_pkt(p, CHAP_CHALLENGE, 3, "maui-soho-03"));
	dbg_msg(d, DBG_AUTHENTICATION, "BR0:1", "CHAP",
		"Waiting for peer to authenticate first");
	dbg_packet(d, "BR0:1", PPP_CHAP, 'I', NULL, p,
		   chap_pkt(p, CHAP_RESPONSE, 4, "maui-soho-03"));
	ok[1] = 4;
	dbg_packet(d, "BR0:1", PPP_CHAP, 'O', NULL, ok, sizeof(ok));
	dbg_msg(d, DBG_AUTHENTICATION, "BR0:1", "CHAP",
		"Processing saved Challenge, id %u", 3);
	dbg_packet(d, "BR0:1", PPP_CHAP, 'O', NULL, p,
		   chap_pkt(p, CHAP_RESPONSE, 3, "maui-soho-01"));
	ok[1] = 3;
	dbg_packet(d, "BR0:1", PPP_CHAP, 'I', NULL, ok, sizeof(ok));
	dbg_phase(d, "BR0:1", VP_UP, NULL);
	dbg_packet(d, "BR0:1", PPP_IPCP, 'O', "Closed", ip1, sizeof(ip1));
	dbg_packet(d, "BR0:1", PPP_CDPCP, 'O', "Closed", cdp, sizeof(cdp));
	dbg_packet(d, "BR0:1", PPP_CDPCP, 'I', "REQsent", cdp, sizeof(cdp));
	cdp[0] = CP_CONFACK;
	dbg_packet(d, "BR0:1", PPP_CDPCP, 'O', "REQsent", cdp, sizeof(cdp));
	dbg_packet(d, "BR0:1", PPP_IPCP, 'I', "REQsent", ip2, sizeof(ip2));
	ip2[0] = ip1[0] = CP_CONFACK;
	dbg_packet(d, "BR0:1", PPP_IPCP, 'O', "REQsent", ip2, sizeof(ip2));
	dbg_packet(d, "BR0:1", PPP_IPCP, 'I', "ACKsent", ip1, sizeof(ip1));
	dbg_state(d, "BR0:1", PPP_IPCP, VS_OPENED);
	dbg_packet(d, "BR0:1", PPP_CDPCP, 'I', "ACKsent", cdp, sizeof(cdp));
	dbg_state(d, "BR0:1", PPP_CDPCP, VS_OPENED);
	inet_pton(AF_INET, "172.22.1.2", &peer);
	dbg_route(d, "BR0", peer);
}

/*
 * The whole sample exchange of the note, as transcribed in
 * data/explain/note_sample.log, minus the console (%...) lines which IOS's
 * console prints, not the PPP debugging.
 */
TEST(note_whole_exchange)
{
	char line[512], *want = NULL;
	size_t wlen = 0;
	FILE *f = fopen("data/explain/note_sample.log", "r");
	FILE *w = open_memstream(&want, &wlen);
	struct cap c;

	ASSERT_NE(NULL, f);
	cap_open(&c, DBG_NEGOTIATION | DBG_AUTHENTICATION);
	while (fgets(line, sizeof(line), f)) {
		if (strstr(line, ": %"))
			continue;
		ASSERT_EQ(0, clk_push(&c.clk, line));
		fputs(line, w);
	}
	fclose(f);
	fclose(w);
	ASSERT_GT(c.clk.n, 40);
	note_sequence(&c.d);
	EXPECT_STREQ(want, cap_text(&c));
	EXPECT_EQ(c.clk.n, c.clk.next);
	free(want);
	cap_close(&c);
}

static void squeeze(char *s)
{
	char *o = s, *start = s;

	for (; *s; s++)
		if (*s != ' ' || o == start || o[-1] != ' ')
			*o++ = *s;
	*o = 0;
}

/* Lines exactly as the note prints them (its rendering squeezed blanks). */
TEST(note_verbatim_squeezed)
{
	static const char *const note[] = {
		"*Mar 1 00:06:37.054: BR0:1 LCP: O CONFREQ [Listen] id 4 len 15",
		"*Mar 1 00:06:37.058: BR0:1 LCP: AuthProto CHAP (0x0305C22305)",
		"*Mar 1 00:06:37.062: BR0:1 LCP: MagicNumber 0x1081E7E1 (0x05061081E7E1)",
	};
	char got[1024];
	struct cap c;
	size_t i;

	cap_open(&c, DBG_NEGOTIATION);
	for (i = 0; i < ARRAY_SIZE(note); i++)
		ASSERT_EQ(0, clk_push(&c.clk, note[i]));
	dbg_packet(&c.d, "BR0:1", PPP_LCP, 'O', "Listen", lcp_confreq_id4,
		   sizeof(lcp_confreq_id4));
	snprintf(got, sizeof(got), "%s", cap_text(&c));
	squeeze(got);
	EXPECT_STREQ("*Mar 1 00:06:37.054: BR0:1 LCP: O CONFREQ [Listen] id 4 len 15\n"
		     "*Mar 1 00:06:37.058: BR0:1 LCP: AuthProto CHAP (0x0305C22305)\n"
		     "*Mar 1 00:06:37.062: BR0:1 LCP: MagicNumber 0x1081E7E1 (0x05061081E7E1)\n",
		     got);
	cap_close(&c);
}

/* Print one packet with a fixed stamp and return the text after it. */
static const char *one(struct cap *c, uint16_t proto, char dir,
		       const char *state, const uint8_t *p, size_t len)
{
	dbg_packet(&c->d, "Se0/0/0", proto, dir, state, p, len);
	return cap_text(c);
}

TEST(chap_lines)
{
	uint8_t p[64];
	static const uint8_t fail[] = {
		4, 1, 0, 25, 'A', 'u', 't', 'h', 'e', 'n', 't', 'i', 'c', 'a',
		't', 'i', 'o', 'n', ' ', 'f', 'a', 'i', 'l', 'e', 'd',
	};
	struct cap c;

	cap_open(&c, DBG_AUTHENTICATION);
	ASSERT_EQ(0, clk_push(&c.clk, "*Mar  1 00:06:37.201: x"));
	one(&c, PPP_CHAP, 'O', "ignored", p, chap_pkt(p, 1, 4, "maui-soho-01"));
	one(&c, PPP_CHAP, 'I', NULL, fail, sizeof(fail));
	EXPECT_STREQ("*Mar  1 00:06:37.201: Se0/0/0 CHAP: O CHALLENGE id 4 len 33 from \"maui-soho-01\"\n"
		     "*Mar  1 00:06:37.201: Se0/0/0 CHAP: I FAILURE id 1 len 25 msg is \"Authentication failed\"\n",
		     cap_text(&c));
	cap_close(&c);
}

TEST(chap_name_escaped_and_malformed)
{
	uint8_t p[64];
	struct cap c;
	size_t len;

	cap_open(&c, DBG_AUTHENTICATION);
	ASSERT_EQ(0, clk_push(&c.clk, "*Jan  9 10:00:00.000: x"));
	len = chap_pkt(p, CHAP_RESPONSE, 2, "a\"b\x01");
	one(&c, PPP_CHAP, 'I', NULL, p, len);
	p[4] = 200;	/* value size past the end */
	one(&c, PPP_CHAP, 'I', NULL, p, len);
	EXPECT_STREQ("*Jan  9 10:00:00.000: Se0/0/0 CHAP: I RESPONSE id 2 len 25 from \"a\\\"b\\x01\"\n"
		     "*Jan  9 10:00:00.000: Se0/0/0 CHAP: I RESPONSE id 2 len 25 malformed\n",
		     cap_text(&c));
	cap_close(&c);
}

TEST(pap_password_never_printed)
{
	static const uint8_t req[] = {
		1, 1, 0, 18, 4, 'u', 's', 'e', 'r', 8,
		's', '3', 'c', 'r', '3', 't', 'P', 'W',
	};
	uint8_t bad[sizeof(req)];
	struct cap c;

	cap_open(&c, DBG_AUTHENTICATION | DBG_NEGOTIATION);
	ASSERT_EQ(0, clk_push(&c.clk, "*Mar  1 00:06:37.201: x"));
	one(&c, PPP_PAP, 'O', NULL, req, sizeof(req));
	memcpy(bad, req, sizeof(bad));
	bad[9] = 200;		/* password length past the end */
	one(&c, PPP_PAP, 'O', NULL, bad, sizeof(bad));
	bad[3] = 10;		/* Length cuts into the password */
	one(&c, PPP_PAP, 'O', NULL, bad, sizeof(bad));
	bad[3] = 3;		/* Length shorter than a header */
	one(&c, PPP_PAP, 'O', NULL, bad, sizeof(bad));
	one(&c, PPP_PAP, 'O', NULL, bad, 3);	/* short packet */
	EXPECT_STREQ("*Mar  1 00:06:37.201: Se0/0/0 PAP: O AUTH-REQ id 1 len 18 from \"user\"\n"
		     "*Mar  1 00:06:37.201: Se0/0/0 PAP: O AUTH-REQ id 1 len 18 from \"user\" malformed\n"
		     "*Mar  1 00:06:37.201: Se0/0/0 PAP: O AUTH-REQ id 1 len 10 from \"user\" malformed\n"
		     "*Mar  1 00:06:37.201: Se0/0/0 PAP: O AUTH-REQ id 1 len 3 (have 18) malformed\n"
		     "*Mar  1 00:06:37.201: Se0/0/0 PAP: O short packet, 3 bytes\n",
		     cap_text(&c));
	EXPECT_EQ(NULL, strstr(cap_text(&c), "s3cr"));
	EXPECT_EQ(NULL, strstr(cap_text(&c), "7333")); /* "s3" in hex */
	cap_close(&c);
}

TEST(pap_ack_nak)
{
	static const uint8_t ack[] = { 2, 1, 0, 5, 0 };
	static const uint8_t nak[] = { 3, 1, 0, 9, 4, 'n', 'o', 'p', 'e' };
	struct cap c;

	cap_open(&c, DBG_AUTHENTICATION);
	ASSERT_EQ(0, clk_push(&c.clk, "*Mar  1 00:00:01.002: x"));
	one(&c, PPP_PAP, 'I', NULL, ack, sizeof(ack));
	one(&c, PPP_PAP, 'I', NULL, nak, sizeof(nak));
	EXPECT_STREQ("*Mar  1 00:00:01.002: Se0/0/0 PAP: I AUTH-ACK id 1 len 5\n"
		     "*Mar  1 00:00:01.002: Se0/0/0 PAP: I AUTH-NAK id 1 len 9 msg is \"nope\"\n",
		     cap_text(&c));
	cap_close(&c);
}

/* Options whose lengths lie: never read past them, print them raw. */
TEST(garbled_options)
{
	static const uint8_t zero_len[] = { 1, 1, 0, 13, 1, 4, 5, 0xdc, 7, 0, 8, 2, 9 };
	static const uint8_t past_end[] = { 1, 2, 0, 10, 5, 8, 1, 2, 3, 0xff };
	static const uint8_t wrong_len[] = { 2, 3, 0, 11, 1, 3, 5, 0x2a, 3, 0xff, 8 };
	static const uint8_t one_byte[] = { 4, 4, 0, 5, 7 };
	static const uint8_t cut[] = { 1, 5, 0, 40, 1, 4, 5, 0xdc };
	static const uint8_t padded[] = { 1, 6, 0, 8, 1, 4, 5, 0xdc, 0xde, 0xad };
	struct cap c;

	cap_open(&c, DBG_NEGOTIATION);
	ASSERT_EQ(0, clk_push(&c.clk, "*Mar  1 00:00:00.000: x"));
	one(&c, PPP_LCP, 'I', "REQsent", zero_len, sizeof(zero_len));
	one(&c, PPP_LCP, 'I', "REQsent", past_end, sizeof(past_end));
	one(&c, PPP_LCP, 'O', "REQsent", wrong_len, sizeof(wrong_len));
	one(&c, PPP_LCP, 'O', "REQsent", one_byte, sizeof(one_byte));
	one(&c, PPP_LCP, 'I', "REQsent", cut, sizeof(cut));
	one(&c, PPP_LCP, 'I', "REQsent", padded, sizeof(padded));
	EXPECT_STREQ("*Mar  1 00:00:00.000: Se0/0/0 LCP: I CONFREQ [REQsent] id 1 len 13\n"
		     "*Mar  1 00:00:00.000: Se0/0/0 LCP:    MRU 1500 (0x010405DC)\n"
		     "*Mar  1 00:00:00.000: Se0/0/0 LCP:    Garbled (0x0700080209)\n"
		     "*Mar  1 00:00:00.000: Se0/0/0 LCP: I CONFREQ [REQsent] id 2 len 10\n"
		     "*Mar  1 00:00:00.000: Se0/0/0 LCP:    Garbled (0x0508010203FF)\n"
		     "*Mar  1 00:00:00.000: Se0/0/0 LCP: O CONFACK [REQsent] id 3 len 11\n"
		     "*Mar  1 00:00:00.000: Se0/0/0 LCP:    MRU malformed (0x010305)\n"
		     "*Mar  1 00:00:00.000: Se0/0/0 LCP:    Unknown 42 (0x2A03FF)\n"
		     "*Mar  1 00:00:00.000: Se0/0/0 LCP:    Garbled (0x08)\n"
		     "*Mar  1 00:00:00.000: Se0/0/0 LCP: O CONFREJ [REQsent] id 4 len 5\n"
		     "*Mar  1 00:00:00.000: Se0/0/0 LCP:    Garbled (0x07)\n"
		     "*Mar  1 00:00:00.000: Se0/0/0 LCP: I CONFREQ [REQsent] id 5 len 40 (have 8)\n"
		     "*Mar  1 00:00:00.000: Se0/0/0 LCP:    MRU 1500 (0x010405DC)\n"
		     "*Mar  1 00:00:00.000: Se0/0/0 LCP: I CONFREQ [REQsent] id 6 len 8\n"
		     "*Mar  1 00:00:00.000: Se0/0/0 LCP:    MRU 1500 (0x010405DC)\n",
		     cap_text(&c));
	cap_close(&c);
}

TEST(short_and_unknown_packets)
{
	static const uint8_t three[] = { 1, 2, 0 };
	static const uint8_t small_len[] = { 1, 2, 0, 2, 1, 4, 5, 0xdc };
	static const uint8_t code12[] = { 12, 9, 0, 4 };
	struct cap c;

	cap_open(&c, DBG_NEGOTIATION);
	ASSERT_EQ(0, clk_push(&c.clk, "*Dec 31 23:59:59.999: x"));
	one(&c, PPP_LCP, 'I', "Open", three, sizeof(three));
	one(&c, PPP_LCP, 'I', "Open", small_len, sizeof(small_len));
	one(&c, PPP_IPCP, 'I', "Open", code12, sizeof(code12));
	one(&c, 0x8031, 'I', "Open", code12, sizeof(code12));
	one(&c, PPP_LCP, 'I', "Open", NULL, 0);
	EXPECT_STREQ("*Dec 31 23:59:59.999: Se0/0/0 LCP: I short packet, 3 bytes (0x010200)\n"
		     "*Dec 31 23:59:59.999: Se0/0/0 LCP: I CONFREQ [Open] id 2 len 2 (have 8)\n"
		     "*Dec 31 23:59:59.999: Se0/0/0 IPCP: I CODE12 [Open] id 9 len 4\n"
		     "*Dec 31 23:59:59.999: Se0/0/0 0x8031: I CODE12 [Open] id 9 len 4\n"
		     "*Dec 31 23:59:59.999: Se0/0/0 LCP: I short packet, 0 bytes\n",
		     cap_text(&c));
	cap_close(&c);
}

TEST(echo_protrej_coderej_term)
{
	static const uint8_t echo[] = { 9, 1, 0, 12, 0x10, 0x81, 0xe7, 0xe1, 0, 0, 0, 0 };
	static const uint8_t protrej[] = { 8, 3, 0, 10, 0x82, 0x07, 1, 1, 0, 4 };
	static const uint8_t coderej[] = { 7, 2, 0, 8, 12, 1, 0, 4 };
	static const uint8_t term[] = { 5, 5, 0, 4 };
	struct cap c;

	cap_open(&c, DBG_NEGOTIATION);
	ASSERT_EQ(0, clk_push(&c.clk, "*Mar  3 23:43:23.256: x"));
	one(&c, PPP_LCP, 'O', "Open", echo, sizeof(echo));
	one(&c, PPP_LCP, 'I', "Open", protrej, sizeof(protrej));
	one(&c, PPP_LCP, 'O', "Open", coderej, sizeof(coderej));
	one(&c, PPP_LCP, 'I', "Open", term, sizeof(term));
	EXPECT_STREQ("*Mar  3 23:43:23.256: Se0/0/0 LCP: O ECHOREQ [Open] id 1 len 12 magic 0x1081E7E1\n"
		     "*Mar  3 23:43:23.256: Se0/0/0 LCP: I PROTREJ [Open] id 3 len 10 protocol CDPCP (0x820701010004)\n"
		     "*Mar  3 23:43:23.256: Se0/0/0 LCP: O CODEREJ [Open] id 2 len 8 code 12 (0x0C010004)\n"
		     "*Mar  3 23:43:23.256: Se0/0/0 LCP: I TERMREQ [Open] id 5 len 4\n",
		     cap_text(&c));
	cap_close(&c);
}

/* Values as IOS shows them. */
TEST(option_values)
{
	static const struct { uint16_t proto; uint8_t raw[16]; size_t len; const char *text; } t[] = {
		{ PPP_LCP, { 1, 4, 0x05, 0xdc }, 4, "MRU 1500" },
		{ PPP_LCP, { 2, 6, 0, 0x0a, 0, 0 }, 6, "ACCM 0x000A0000" },
		{ PPP_LCP, { 3, 4, 0xc0, 0x23 }, 4, "AuthProto PAP" },
		{ PPP_LCP, { 3, 5, 0xc2, 0x23, 0x81 }, 5, "AuthProto MS-CHAP-V2" },
		{ PPP_LCP, { 3, 5, 0xc2, 0x23, 7 }, 5, "AuthProto CHAP algorithm 7" },
		{ PPP_LCP, { 3, 5, 0xc0, 0x23, 5 }, 5, "AuthProto malformed" },
		{ PPP_LCP, { 4, 8, 0xc0, 0x25, 0, 0, 0x03, 0xe8 }, 8, "QualityType LQR 1000" },
		{ PPP_LCP, { 7, 2 }, 2, "PFC" },
		{ PPP_LCP, { 8, 2 }, 2, "ACFC" },
		{ PPP_LCP, { 13, 3, 6 }, 3, "Callback 6" },
		{ PPP_LCP, { 17, 4, 0x05, 0xf4 }, 4, "MRRU 1524" },
		{ PPP_LCP, { 19, 6, 1, 'r', 't', 'a' }, 6, "EndpointDisc 1 rta" },
		{ PPP_LCP, { 19, 6, 3, 0, 1, 0xff }, 6, "EndpointDisc 3 0x0001FF" },
		{ PPP_IPCP, { 3, 6, 10, 0, 0, 1 }, 6, "Address 10.0.0.1" },
		{ PPP_IPCP, { 129, 6, 8, 8, 8, 8 }, 6, "PrimaryDNS 8.8.8.8" },
		{ PPP_IPCP, { 130, 6, 10, 1, 1, 1 }, 6, "PrimaryWINS 10.1.1.1" },
		{ PPP_IPCP, { 131, 6, 8, 8, 4, 4 }, 6, "SecondaryDNS 8.8.4.4" },
		{ PPP_IPCP, { 132, 6, 10, 1, 1, 2 }, 6, "SecondaryWINS 10.1.1.2" },
		{ PPP_IPCP, { 2, 6, 0, 0x2d, 15, 1 }, 6, "CompressType VJ 15 slots CompressSlotID" },
		{ PPP_IPV6CP, { 1, 10, 2, 0x11, 0x22, 0xff, 0xfe, 0x33, 0x44, 0x55 }, 10,
		  "InterfaceId 0211:22FF:FE33:4455" },
		{ PPP_CCP, { 18, 6, 0, 0, 0, 1 }, 6, "MS-PPC 0x00000001" },
		{ PPP_CCP, { 17, 5, 0, 1, 4 }, 5, "Stacker" },
		{ PPP_CDPCP, { 1, 2 }, 2, "Unknown 1" },
	};
	char buf[128];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(t); i++) {
		dbgopt_render(buf, sizeof(buf), t[i].proto, t[i].raw, t[i].len);
		EXPECT_STREQ(t[i].text, buf);
	}
}

/* Text back to bytes, for logs whose "(0x...)" got cut off. */
TEST(option_text_roundtrip)
{
	static const char *const lcp[] = {
		"MRU 1500", "ACCM 0x000A0000", "AuthProto CHAP", "AuthProto PAP",
		"MagicNumber 0x1081E7E1", "PFC", "ACFC", "Callback 0", "MRRU 1524",
	};
	static const char *const bad[] = {
		"MRU", "MRU 70000", "MRU x", "ACCM 12", "AuthProto FOO",
		"Bogus 1", "PFC 1", "", "MagicNumber 0xZZ",
	};
	uint8_t raw[32];
	char buf[128];
	size_t i;
	int n;

	for (i = 0; i < ARRAY_SIZE(lcp); i++) {
		n = dbgopt_parse(PPP_LCP, lcp[i], raw, sizeof(raw));
		ASSERT_GT(n, 1);
		ASSERT_EQ(raw[1], n);
		dbgopt_render(buf, sizeof(buf), PPP_LCP, raw, n);
		EXPECT_STREQ(lcp[i], buf);
	}
	n = dbgopt_parse(PPP_IPCP, "  Address 172.22.1.2  ", raw, sizeof(raw));
	ASSERT_EQ(6, n);
	EXPECT_EQ(0, memcmp(raw, "\x03\x06\xac\x16\x01\x02", 6));
	for (i = 0; i < ARRAY_SIZE(bad); i++)
		EXPECT_EQ(-1, dbgopt_parse(PPP_LCP, bad[i], raw, sizeof(raw)));
	EXPECT_EQ(-1, dbgopt_parse(PPP_LCP, "MRU 1500", raw, 3));
}

TEST(classes_switch_output)
{
	uint8_t p[64];
	struct cap c;

	cap_open(&c, 0);
	ASSERT_EQ(0, clk_push(&c.clk, "*Mar  1 00:00:00.000: x"));
	one(&c, PPP_LCP, 'O', "Listen", lcp_confreq_id4, sizeof(lcp_confreq_id4));
	dbg_phase(&c.d, "Se0/0/0", VP_UP, NULL);
	EXPECT_STREQ("", cap_text(&c));
	dbg_enable(&c.d, DBG_AUTHENTICATION);
	one(&c, PPP_LCP, 'O', "Listen", lcp_confreq_id4, sizeof(lcp_confreq_id4));
	EXPECT_STREQ("", cap_text(&c));
	one(&c, PPP_CHAP, 'O', NULL, p, chap_pkt(p, 1, 1, "r1"));
	EXPECT_STREQ("*Mar  1 00:00:00.000: Se0/0/0 CHAP: O CHALLENGE id 1 len 23 from \"r1\"\n",
		     cap_text(&c));
	dbg_disable(&c.d, DBG_AUTHENTICATION);
	dbg_enable(&c.d, DBG_NEGOTIATION);
	one(&c, PPP_CHAP, 'O', NULL, p, chap_pkt(p, 1, 1, "r1"));
	dbg_phase(&c.d, "Se0/0/0", VP_TERMINATING, NULL);
	EXPECT_NE(NULL, strstr(cap_text(&c), "Se0/0/0 PPP: Phase is TERMINATING\n"));
	EXPECT_EQ(NULL, strstr(strstr(cap_text(&c), "r1") + 3, "CHALLENGE"));
	EXPECT_EQ(DBG_NEGOTIATION, dbg_class_by_name("negotiation"));
	EXPECT_EQ(DBG_AUTHENTICATION, dbg_class_by_name("Authentication"));
	EXPECT_EQ(DBG_ERROR, dbg_class_by_name("error"));
	EXPECT_EQ(-1, dbg_class_by_name("packet"));
	cap_close(&c);
}

TEST(wall_clock_stamp_shape)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct dbg d;
	char mon[4];
	int day, h, m, s, ms, n = 0;

	dbg_init(&d, f);
	dbg_enable(&d, DBG_NEGOTIATION);
	dbg_state(&d, "Vi1", PPP_IPV6CP, VS_REQSENT);
	fclose(f);
	ASSERT_EQ(6, sscanf(buf, "*%3s %2d %2d:%2d:%2d.%3d: %n", mon, &day, &h, &m,
			    &s, &ms, &n));
	EXPECT_STREQ("Vi1 IPV6CP: State is REQsent\n", buf + n);
	EXPECT_EQ(':', buf[20]);
	EXPECT_EQ(' ', buf[21]);
	free(buf);
}

/* Every table: number -> name -> number. */
TEST(vocab_both_directions)
{
	static const uint16_t protos[] = {
		PPP_LCP, PPP_PAP, PPP_CHAP, PPP_IPCP, PPP_IPV6CP, PPP_CDPCP,
		PPP_CCP, PPP_IP, PPP_IPV6, PPP_CDP,
	};
	static const char *const states[] = {
		"Initial", "Starting", "Closed", "Stopped", "Closing", "Stopping",
		"REQsent", "ACKrcvd", "ACKsent", "Open", "Listen",
	};
	static const char *const codes[] = {
		"CONFREQ", "CONFACK", "CONFNAK", "CONFREJ", "TERMREQ", "TERMACK",
		"CODEREJ", "PROTREJ", "ECHOREQ", "ECHOREP", "DISCREQ",
	};
	unsigned int i, t;

	for (i = 0; i < ARRAY_SIZE(protos); i++)
		EXPECT_EQ(protos[i], vocab_proto_num(vocab_proto_name(protos[i])));
	EXPECT_STREQ("CDPCP", vocab_proto_name(0x8207));
	EXPECT_STREQ("IPV6CP", vocab_proto_name(0x8057));
	EXPECT_EQ(PPP_IPV6CP, vocab_proto_num("IPv6CP"));
	EXPECT_EQ(NULL, vocab_proto_name(0x1234));
	EXPECT_EQ(-1, vocab_proto_num("XYZ"));
	for (i = 0; i < ARRAY_SIZE(states); i++) {
		EXPECT_STREQ(states[i], vocab_state_name(i));
		EXPECT_EQ((int)i, vocab_state_num(states[i]));
	}
	EXPECT_EQ(NULL, vocab_state_name(VS_COUNT));
	for (i = 0; i < ARRAY_SIZE(codes); i++) {
		EXPECT_STREQ(codes[i], vocab_code_name(PPP_LCP, i + 1));
		EXPECT_EQ((int)i + 1, vocab_code_num(PPP_IPCP, codes[i]));
	}
	EXPECT_EQ(NULL, vocab_code_name(PPP_LCP, 14));
	EXPECT_STREQ("RESETREQ", vocab_code_name(PPP_CCP, 14));
	EXPECT_STREQ("AUTH-NAK", vocab_code_name(PPP_PAP, 3));
	EXPECT_EQ(2, vocab_code_num(PPP_PAP, "AUTH-ACK"));
	EXPECT_STREQ("FAILURE", vocab_code_name(PPP_CHAP, 4));
	EXPECT_EQ(1, vocab_code_num(PPP_CHAP, "CHALLENGE"));
	EXPECT_EQ(-1, vocab_code_num(PPP_CHAP, "CONFREQ"));
	for (i = 0; i < VP_COUNT; i++)
		EXPECT_EQ((int)i, vocab_phase_num(vocab_phase_name(i)));
	EXPECT_STREQ("AUTHENTICATING", vocab_phase_name(VP_AUTHENTICATING));
	for (t = 0; t < 256; t++) {
		const char *n = vocab_opt_name(PPP_LCP, t);

		if (n)
			EXPECT_EQ((int)t, vocab_opt_num(PPP_LCP, n));
	}
	EXPECT_EQ(5, vocab_opt_num(PPP_LCP, "MagicNumber"));
	EXPECT_EQ(19, vocab_opt_num(PPP_LCP, "EndpointDisc"));
	EXPECT_EQ(3, vocab_opt_num(PPP_IPCP, "Address"));
	EXPECT_EQ(131, vocab_opt_num(PPP_IPCP, "SecondaryDNS"));
	EXPECT_EQ(1, vocab_opt_num(PPP_IPV6CP, "InterfaceId"));
	EXPECT_EQ(-1, vocab_opt_num(PPP_IPCP, "MagicNumber"));
	EXPECT_EQ(VB_BOTH, vocab_by_num("by both"));
	EXPECT_STREQ("by this end", vocab_by_name(VB_THIS_END));
}

/* ---- debug-format pppd ---- */

/*
 * The frames behind lines of pppd 2.4.9's own log of an interop run
 * (tests/data/explain/pppd_real_chap_to_pap.log): pppk's pppd format must
 * write them as pppd did, byte for byte.
 */
static const struct pppd_case {
	uint16_t proto;
	char dir;
	size_t len;
	uint8_t pkt[40];
	const char *line;
} pppd_cases[] = {
	{ PPP_LCP, 'O', 25, { 1, 1, 0, 25, 2, 6, 0, 0, 0, 0, 3, 5, 0xc2, 0x23, 5,
			      5, 6, 0x24, 0x78, 0x2b, 0x6a, 7, 2, 8, 2 },
	  "sent [LCP ConfReq id=0x1 <asyncmap 0x0> <auth chap MD5> "
	  "<magic 0x24782b6a> <pcomp> <accomp>]" },
	{ PPP_LCP, 'I', 8, { 3, 1, 0, 8, 3, 4, 0xc0, 0x23 },
	  "rcvd [LCP ConfNak id=0x1 <auth pap>]" },
	{ PPP_PAP, 'I', 15, { 1, 0x31, 0, 15, 3, 'b', 'o', 'b', 6, 's', 'e', 'c',
			      'r', 'e', 't' },
	  "rcvd [PAP AuthReq id=0x31 user=\"bob\" password=<hidden>]" },
	{ PPP_PAP, 'O', 13, { 2, 0x31, 0, 13, 8, 'L', 'o', 'g', 'i', 'n', ' ', 'o',
			      'k' },
	  "sent [PAP AuthAck id=0x31 \"Login ok\"]" },
	{ PPP_CCP, 'O', 15, { 1, 1, 0, 15, 26, 4, 0x78, 0, 24, 4, 0x78, 0, 21, 3,
			      0x2f },
	  "sent [CCP ConfReq id=0x1 <deflate 15> <deflate(old#) 15> <bsd v1 15>]" },
	{ PPP_IPCP, 'O', 16, { 1, 1, 0, 16, 2, 6, 0, 0x2d, 0x0f, 1, 3, 6, 10, 0, 0,
			       2 },
	  "sent [IPCP ConfReq id=0x1 <compress VJ 0f 01> <addr 10.0.0.2>]" },
	{ PPP_IPV6CP, 'O', 14, { 1, 1, 0, 14, 1, 10, 0x49, 0x24, 0xc7, 0xb4, 0x6d,
				 0xcd, 0xf3, 0xe0 },
	  "sent [IPV6CP ConfReq id=0x1 <addr fe80::4924:c7b4:6dcd:f3e0>]" },
	{ PPP_LCP, 'I', 21, { 8, 2, 0, 21, 0x80, 0xfd, 1, 1, 0, 0x0f, 0x1a, 4,
			      0x78, 0, 0x18, 4, 0x78, 0, 0x15, 3, 0x2f },
	  "rcvd [LCP ProtRej id=0x2 80 fd 01 01 00 0f 1a 04 78 00 18 04 78 00 15 03 2f]" },
	{ PPP_LCP, 'O', 16, { 5, 3, 0, 16, 'U', 's', 'e', 'r', ' ', 'r', 'e', 'q',
			      'u', 'e', 's', 't' },
	  "sent [LCP TermReq id=0x3 \"User request\"]" },
	{ PPP_LCP, 'I', 4, { 5, 4, 0, 4 }, "rcvd [LCP TermReq id=0x4]" },
	{ PPP_IPCP, 'I', 10, { 1, 1, 0, 10, 3, 6, 0, 0, 0, 0 },
	  "rcvd [IPCP ConfReq id=0x1 <addr 0.0.0.0>]" },
};

TEST(pppd_format_as_pppd_writes_it)
{
	struct cap c;
	char want[4096] = "";
	size_t i;

	cap_open(&c, DBG_NEGOTIATION | DBG_AUTHENTICATION);
	c.d.format = DBG_FMT_PPPD;
	for (i = 0; i < sizeof(pppd_cases) / sizeof(pppd_cases[0]); i++) {
		const struct pppd_case *k = &pppd_cases[i];

		dbg_packet(&c.d, "pppk0", k->proto, k->dir, "Open", k->pkt, k->len);
		strcat(want, k->line);
		strcat(want, "\n");
	}
	/* pppd prints no phases, states or routes. */
	dbg_phase(&c.d, "pppk0", VP_UP, NULL);
	dbg_state(&c.d, "pppk0", PPP_LCP, VS_OPENED);
	dbg_route(&c.d, "pppk0", (struct in_addr){ htonl(0x0a000001) });
	EXPECT_STREQ(want, cap_text(&c));
	EXPECT_EQ(NULL, strstr(cap_text(&c), "secret"));	/* the password */
	cap_close(&c);
}

/* CHAP, echoes, odd and damaged frames, as pppd would print them. */
TEST(pppd_format_chap_echo_and_damage)
{
	static const uint8_t chal[] = { 1, 1, 0, 13, 4, 0xde, 0xad, 0xbe, 0xef,
					'b', 'r', 'a', 's' };
	static const uint8_t fail[] = { 4, 1, 0, 17, 'A', 'c', 'c', 'e', 's', 's',
					' ', 'd', 'e', 'n', 'i', 'e', 'd' };
	static const uint8_t echo[] = { 9, 0, 0, 8, 0x5f, 0x2e, 0x3a, 0x1b };
	static const uint8_t unknown[] = { 1, 2, 0, 12, 0x0d, 3, 6, 0x2a, 5, 1, 2, 3 };
	static const uint8_t garbled[] = { 1, 3, 0, 7, 1, 0, 9 };
	static const uint8_t pap_nak[] = { 3, 7, 0, 4 };
	static const uint8_t shrt[] = { 1, 1 };
	struct cap c;

	cap_open(&c, DBG_NEGOTIATION | DBG_AUTHENTICATION);
	c.d.format = DBG_FMT_PPPD;
	dbg_packet(&c.d, "x", PPP_CHAP, 'I', NULL, chal, sizeof(chal));
	dbg_packet(&c.d, "x", PPP_CHAP, 'I', NULL, fail, sizeof(fail));
	dbg_packet(&c.d, "x", PPP_LCP, 'O', NULL, echo, sizeof(echo));
	dbg_packet(&c.d, "x", PPP_LCP, 'I', NULL, unknown, sizeof(unknown));
	dbg_packet(&c.d, "x", PPP_LCP, 'I', NULL, garbled, sizeof(garbled));
	dbg_packet(&c.d, "x", PPP_PAP, 'O', NULL, pap_nak, sizeof(pap_nak));
	dbg_packet(&c.d, "x", PPP_LCP, 'I', NULL, shrt, sizeof(shrt));
	EXPECT_STREQ("rcvd [CHAP Challenge id=0x1 <deadbeef>, name = \"bras\"]\n"
		     "rcvd [CHAP Failure id=0x1 \"Access denied\"]\n"
		     "sent [LCP EchoReq id=0x0 magic=0x5f2e3a1b]\n"
		     "rcvd [LCP ConfReq id=0x2 <callback CBCP> < 2a 05 01 02 03>]\n"
		     "rcvd [LCP ConfReq id=0x3 01 00 09]\n"
		     "sent [PAP AuthNak id=0x7]\n"
		     "rcvd [LCP (short) 01 01]\n", cap_text(&c));
	cap_close(&c);
}

TEST_HARNESS_MAIN
