// SPDX-License-Identifier: GPL-2.0
/*
 * pppctl explain against logs: the note's sample (data/explain/
 * note_sample.log), one or more failure logs per diagnosis, and a log
 * mixing the variants real logs come in.  Each failure log's expected
 * diagnosis is asserted with the lines it must cite.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "kselftest_harness.h"
#include "json_check.h"
#include "proto/dbgopt.h"
#include "proto/debug.h"
#include "explain/log.h"
#include "explain/output.h"
#include "pppctl.h"
#include "proto/vocab.h"

struct global_opts g_opts;	/* pppctl.c's, for cmd_explain() */

static struct dlog *load(const char *name)
{
	char path[256];
	struct dlog *g = dlog_new();
	FILE *f;

	snprintf(path, sizeof(path), "data/explain/%s", name);
	f = fopen(path, "r");
	if (!f || !g || dlog_read(g, f)) {
		if (f)
			fclose(f);
		dlog_free(g);
		return NULL;
	}
	fclose(f);
	dlog_end(g);
	return g;
}

static struct dlog *from_text(const char *text)
{
	struct dlog *g = dlog_new();

	if (g) {
		dlog_feed(g, text, strlen(text));
		dlog_end(g);
	}
	return g;
}

/* The kinds of a link's diagnoses, space-separated: "auth-failed terminated". */
static const char *kinds(const struct dl_link *l)
{
	static char buf[256];
	size_t k = 0;
	int i;

	buf[0] = 0;
	for (i = 0; i < l->ndiag; i++)
		k += snprintf(buf + k, sizeof(buf) - k, "%s%s", i ? " " : "",
			      dl_diag_name(l->diag[i].kind));
	return buf;
}

static bool cites(const struct dl_diag *d, unsigned int line)
{
	int i;

	for (i = 0; d && i < d->nlines; i++)
		if (d->lines[i] == line)
			return true;
	return false;
}

static const char *text_of(const struct dl_link *l, int kind)
{
	const struct dl_diag *d = dl_diag_find(l, kind);

	return d ? d->text : "";
}

static char *capture(void (*fn)(FILE *, const struct dlog *),
		     const struct dlog *g)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	fn(f, g);
	fclose(f);
	return buf;
}

static char *capture_json(const struct dlog *g, bool ladder)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	explain_json(f, g, ladder);
	fclose(f);
	return buf;
}

static uint32_t ip(const char *s)
{
	unsigned int a, b, c, d;

	sscanf(s, "%u.%u.%u.%u", &a, &b, &c, &d);
	return a << 24 | b << 16 | c << 8 | d;
}

#define CONTAINS(hay, needle) \
	EXPECT_NE(NULL, strstr(hay, needle)) TH_LOG("no \"%s\" in \"%s\"", needle, hay)

/* ---- the note's sample ---- */

TEST(note_sample)
{
	struct dlog *g = load("note_sample.log");
	const struct dlog_stats *st;
	const struct dl_link *l;
	const struct dl_cp *lcp, *ipcp, *cdp;
	const struct dl_diag *d;
	size_t len;
	bool acked;

	ASSERT_NE(NULL, g);
	st = dlog_stats(g);
	EXPECT_EQ(55, st->lines);
	EXPECT_EQ(52, st->parsed);
	EXPECT_EQ(3, st->console);
	EXPECT_EQ(0, st->skipped);
	ASSERT_EQ(1, dlog_nlinks(g));
	l = dlog_link(g, 0);
	EXPECT_STREQ("BR0:1", l->ifname);
	ASSERT_EQ(1, l->naliases);
	EXPECT_STREQ("BR0", l->aliases[0]);
	EXPECT_EQ(VP_UP, l->phase);
	EXPECT_EQ(VP_UP, l->furthest);
	lcp = dl_cp_get(l, PPP_LCP);
	ASSERT_NE(NULL, lcp);
	EXPECT_EQ(VS_OPENED, lcp->state);
	EXPECT_EQ(28, lcp->open_line);
	/* What each side asked for and got acked. */
	EXPECT_NE(NULL, dl_cp_opt(l, lcp, true, 3, &len, &acked));
	EXPECT_TRUE(acked);
	EXPECT_EQ(14, l->ev[lcp->lack].line);
	EXPECT_EQ(25, l->ev[lcp->pack].line);
	EXPECT_NE(NULL, dl_ev_opt(&l->ev[lcp->prej], 13, &len));
	EXPECT_EQ(0, memcmp(dl_ev_opt(&l->ev[lcp->pnak], 3, &len),
			    "\x03\x05\xc2\x23\x05", 5));
	/* CHAP both ways. */
	EXPECT_EQ(VB_BOTH, l->by);
	EXPECT_EQ(PPP_CHAP, l->auth_peer.proto);
	EXPECT_EQ(DL_AUTH_OK, l->auth_peer.result);
	EXPECT_STREQ("maui-soho-03", l->auth_peer.name);
	EXPECT_EQ(34, l->auth_peer.line);
	EXPECT_EQ(DL_AUTH_OK, l->auth_local.result);
	EXPECT_STREQ("maui-soho-01", l->auth_local.name);
	EXPECT_EQ(37, l->auth_local.line);
	EXPECT_STREQ("maui-soho-03", l->peer_host);
	/* IPCP and CDPCP. */
	ipcp = dl_cp_get(l, PPP_IPCP);
	ASSERT_NE(NULL, ipcp);
	EXPECT_EQ(VS_OPENED, ipcp->state);
	EXPECT_EQ(ip("172.22.1.1"), dl_cp_ipv4(l, PPP_IPCP, true, 3, &acked));
	EXPECT_TRUE(acked);
	EXPECT_EQ(ip("172.22.1.2"), dl_cp_ipv4(l, PPP_IPCP, false, 3, &acked));
	EXPECT_TRUE(acked);
	cdp = dl_cp_get(l, PPP_CDPCP);
	ASSERT_NE(NULL, cdp);
	EXPECT_EQ(VS_OPENED, cdp->state);
	EXPECT_TRUE(l->route);
	EXPECT_EQ(ip("172.22.1.2"), l->route_addr);
	EXPECT_EQ(53, l->route_line);
	/* One diagnosis: all is well. */
	EXPECT_STREQ("ok", kinds(l));
	d = dl_diag_find(l, DG_OK);
	CONTAINS(d->text, "CHAP succeeded both ways");
	CONTAINS(d->text, "IPCP Open (172.22.1.1 <-> 172.22.1.2)");
	CONTAINS(d->text, "CDPCP Open");
	CONTAINS(d->text, "route to 172.22.1.2 installed (line 53)");
	EXPECT_TRUE(cites(d, 53));
	dlog_free(g);
}

TEST(note_sample_text_output)
{
	struct dlog *g = load("note_sample.log");
	char *out;

	ASSERT_NE(NULL, g);
	out = capture(explain_text, g);
	CONTAINS(out, "BR0:1 [BR0]: phase UP\n  LCP Open\n");
	CONTAINS(out, "    local AuthProto CHAP, MagicNumber 0x1081E7E1 (acked, line 14)\n");
	CONTAINS(out, "    refused: we rejected Callback 0 (line 12); we NAKed, want AuthProto CHAP (line 20)\n");
	CONTAINS(out, "  auth CHAP by both\n    of the peer \"maui-soho-03\": success, line 34\n");
	CONTAINS(out, "  ip local 172.22.1.1 peer 172.22.1.2, route to 172.22.1.2 installed (line 53)\n");
	CONTAINS(out, "read 55 lines: 52 parsed, 3 console, 0 skipped\n");
	free(out);
	out = capture(explain_ladder, g);
	CONTAINS(out, "       5 00:06:37.034  |<---------- LCP CONFREQ id 7 -----------|  AuthProto PAP, MagicNumber 0x507A214D, Callback 0\n");
	CONTAINS(out, "       9 00:06:37.054  |----------- LCP CONFREQ id 4 ---------->|  AuthProto CHAP, MagicNumber 0x1081E7E1\n");
	CONTAINS(out, "      53 00:06:37.387  |      Install route to 172.22.1.2       |  [BR0]\n");
	free(out);
	dlog_free(g);
}

/* ---- one or more failure logs per diagnosis ---- */

static const struct dl_link *only(struct __test_metadata *_metadata,
				  struct dlog *g)
{
	ASSERT_NE(NULL, g);
	ASSERT_EQ(1, dlog_nlinks(g));
	return dlog_link(g, 0);
}

TEST(no_response_nothing_back)
{
	struct dlog *g = load("no_response_lcp.log");
	const struct dl_link *l = only(_metadata, g);
	const struct dl_diag *d = dl_diag_find(l, DG_NO_RESPONSE);

	EXPECT_STREQ("no-response", kinds(l));
	EXPECT_EQ(PPP_LCP, d->proto);
	CONTAINS(d->text, "5 LCP CONFREQs (lines 5 to 17) were never answered");
	CONTAINS(d->text, "encapsulation ppp");
	EXPECT_TRUE(cites(d, 5));
	EXPECT_TRUE(cites(d, 17));
	EXPECT_TRUE(cites(d, 19));	/* the last TIMEout */
	EXPECT_EQ(VP_ESTABLISHING, l->phase);
	dlog_free(g);
}

TEST(no_response_one_way)
{
	struct dlog *g = load("no_response_oneway.log");
	const struct dl_link *l = only(_metadata, g);

	EXPECT_STREQ("no-response", kinds(l));
	CONTAINS(text_of(l, DG_NO_RESPONSE), "its LCP CONFREQs arrive (line 4)");
	CONTAINS(text_of(l, DG_NO_RESPONSE), "our 4 CONFREQs (lines 2 to 23)");
	EXPECT_EQ(VS_ACKSENT, dl_cp_get(l, PPP_LCP)->state);
	dlog_free(g);
}

TEST(no_response_ncp)
{
	struct dlog *g = load("ncp_no_response.log");
	const struct dl_link *l = only(_metadata, g);
	const struct dl_diag *d = dl_diag_find(l, DG_NO_RESPONSE);

	EXPECT_STREQ("no-response", kinds(l));
	EXPECT_EQ(PPP_IPV6CP, d->proto);
	CONTAINS(d->text, "no response to IPV6CP: 3 CONFREQs (lines 3 to 9)");
	CONTAINS(d->text, "IPv6");
	dlog_free(g);
}

TEST(option_loop_mru_nak)
{
	struct dlog *g = load("option_loop_mru.log");
	const struct dl_link *l = only(_metadata, g);
	const struct dl_diag *d = dl_diag_find(l, DG_OPTION_LOOP);

	EXPECT_STREQ("option-loop", kinds(l));
	CONTAINS(d->text, "option loop on LCP MRU: the peer NAKed our \"MRU 1524\" "
			  "4 times suggesting \"MRU 1500\"");
	CONTAINS(d->text, "(lines 9, 14, 19, 24)");
	EXPECT_TRUE(cites(d, 9));
	EXPECT_TRUE(cites(d, 24));
	dlog_free(g);
}

TEST(option_loop_authproto_rej)
{
	struct dlog *g = load("option_loop_authproto.log");
	const struct dl_link *l = only(_metadata, g);

	EXPECT_STREQ("Vi2", l->ifname);	/* a Vi with LCP is a link */
	EXPECT_STREQ("option-loop terminated", kinds(l));
	CONTAINS(text_of(l, DG_OPTION_LOOP), "option loop on LCP AuthProto: the "
		 "peer rejected our \"AuthProto CHAP\" 4 times");
	CONTAINS(text_of(l, DG_OPTION_LOOP), "will not authenticate itself");
	CONTAINS(text_of(l, DG_TERMINATED), "this end terminated the link (LCP "
		 "TERMREQ, line 26), after negotiation did not converge");
	EXPECT_EQ(VS_CLOSED, dl_cp_get(l, PPP_LCP)->state);	/* [TERMsent] */
	EXPECT_EQ(VP_DOWN, l->phase);
	EXPECT_EQ(VP_ESTABLISHING, l->furthest);
	dlog_free(g);
}

TEST(auth_chap_secret_mismatch)
{
	struct dlog *g = load("auth_chap_secret.log");
	const struct dl_link *l = only(_metadata, g);
	const struct dl_diag *d = dl_diag_find(l, DG_AUTH_FAILED);

	EXPECT_STREQ("auth-failed terminated", kinds(l));
	CONTAINS(d->text, "we rejected the peer's CHAP response as \"R2\" (line 18)");
	CONTAINS(d->text, "the secret for \"R2\" differs");
	EXPECT_TRUE(cites(d, 18));
	CONTAINS(text_of(l, DG_TERMINATED), "this end terminated the link (LCP "
		 "TERMREQ, line 20), after authentication failed");
	EXPECT_EQ(VB_THIS_END, l->by);
	EXPECT_EQ(DL_AUTH_FAIL, l->auth_peer.result);
	EXPECT_STREQ("MD/DES compare failed", l->auth_peer.msg);
	EXPECT_EQ(VP_AUTHENTICATING, l->furthest);
	dlog_free(g);
}

TEST(auth_chap_rejected_by_peer)
{
	struct dlog *g = load("auth_chap_rejected_by_peer.log");
	const struct dl_link *l = only(_metadata, g);

	EXPECT_STREQ("Di1", l->ifname);	/* a dialer with LCP is a link */
	EXPECT_STREQ("auth-failed terminated", kinds(l));
	CONTAINS(text_of(l, DG_AUTH_FAILED), "the peer \"ISP-BRAS\" rejected our "
		 "CHAP response as \"cpe-17\" (line 20) with \"Authentication failed\"");
	CONTAINS(text_of(l, DG_TERMINATED), "the peer terminated the link (LCP "
		 "TERMREQ, line 21), after authentication failed");
	EXPECT_EQ(VB_PEER, l->by);
	dlog_free(g);
}

TEST(auth_pap_nak)
{
	struct dlog *g = load("auth_pap_nak.log");
	const struct dl_link *l = only(_metadata, g);

	EXPECT_STREQ("As1", l->ifname);
	EXPECT_STREQ("auth-failed terminated", kinds(l));
	EXPECT_EQ(PPP_PAP, dl_diag_find(l, DG_AUTH_FAILED)->proto);
	CONTAINS(text_of(l, DG_AUTH_FAILED), "the peer refused our PAP login "
		 "\"dialuser\" (line 29)");
	CONTAINS(text_of(l, DG_TERMINATED), "the peer terminated the link (LCP "
		 "TERMREQ, line 30)");
	EXPECT_EQ(2, dlog_stats(g)->console);
	dlog_free(g);
}

TEST(auth_username_not_found)
{
	struct dlog *g = load("auth_username_not_found.log");
	const struct dl_link *l = only(_metadata, g);
	const struct dl_diag *d = dl_diag_find(l, DG_AUTH_FAILED);

	EXPECT_STREQ("auth-failed terminated", kinds(l));
	CONTAINS(d->text, "as \"R2\" (line 7): that username is not known here (line 6)");
	EXPECT_TRUE(cites(d, 6));
	EXPECT_TRUE(cites(d, 7));
	EXPECT_EQ(DL_AUTH_OK, l->auth_local.result);	/* they accepted us */
	EXPECT_EQ(8, l->auth_local.line);
	dlog_free(g);
}

TEST(ipcp_address_conflict)
{
	struct dlog *g = load("ipcp_conflict.log");
	const struct dl_link *l = only(_metadata, g);

	EXPECT_STREQ("ipcp-failed", kinds(l));
	CONTAINS(text_of(l, DG_IPCP_FAILED), "address conflict: both ends want "
		 "10.1.1.1 (our CONFREQ line 10, the peer's line 12)");
	dlog_free(g);
}

TEST(ipcp_no_address_for_us)
{
	struct dlog *g = load("ipcp_no_address_us.log");
	const struct dl_link *l = only(_metadata, g);
	const struct dl_diag *d = dl_diag_find(l, DG_IPCP_FAILED);

	ASSERT_NE(NULL, d);
	CONTAINS(d->text, "IPCP opened without an address: we asked for an "
		 "address (0.0.0.0, line 2) and the peer has none to give (line 10)");
	EXPECT_TRUE(cites(d, 2));
	EXPECT_TRUE(cites(d, 10));
	EXPECT_EQ(NULL, dl_diag_find(l, DG_OK));
	dlog_free(g);
}

TEST(ipcp_no_address_for_peer)
{
	struct dlog *g = load("ipcp_no_address_peer.log");
	const struct dl_link *l = only(_metadata, g);

	EXPECT_STREQ("ipcp-failed", kinds(l));
	CONTAINS(text_of(l, DG_IPCP_FAILED), "IPCP failed: the peer asked for an "
		 "address (0.0.0.0, line 10) and we have none to give it (line 12)");
	dlog_free(g);
}

TEST(ipcp_address_nak_loop)
{
	struct dlog *g = load("ipcp_nak_loop.log");
	const struct dl_link *l = only(_metadata, g);

	EXPECT_STREQ("ipcp-failed", kinds(l));
	CONTAINS(text_of(l, DG_IPCP_FAILED), "address disagreement: the peer "
		 "NAKed our address 192.168.1.5 4 times suggesting 192.168.1.9 "
		 "(lines 14 to 26)");
	dlog_free(g);
}

TEST(protrej_cdpcp_non_cisco_peer)
{
	struct dlog *g = load("protrej_cdpcp.log");
	const struct dl_link *l = only(_metadata, g);
	const struct dl_diag *d = dl_diag_find(l, DG_PROTREJ);

	EXPECT_STREQ("protocol-rejected ok", kinds(l));
	EXPECT_EQ(PPP_CDPCP, d->proto);
	CONTAINS(d->text, "the peer rejected CDPCP (PROTREJ, line 21)");
	CONTAINS(d->text, "not a Cisco router");
	EXPECT_TRUE(dl_cp_get(l, PPP_CDPCP)->refused);
	EXPECT_EQ(VS_OPENED, dl_cp_get(l, PPP_IPCP)->state);
	dlog_free(g);
}

/* pppk's kernel sends the echoes: its log has the controller's verdict. */
TEST(keepalive_lost_pppk)
{
	struct dlog *g = load("keepalive_pppk.log");
	const struct dl_link *l = only(_metadata, g);
	const struct dl_diag *d = dl_diag_find(l, DG_KEEPALIVE);

	EXPECT_STREQ("keepalive-lost terminated", kinds(l));
	ASSERT_NE(NULL, d);
	CONTAINS(d->text, "keepalive lost");
	EXPECT_TRUE(cites(d, 4));
	dlog_free(g);
}

TEST(looped_link)
{
	struct dlog *g = load("looped.log");
	const struct dl_link *l = only(_metadata, g);
	const struct dl_diag *d = dl_diag_find(l, DG_LOOPED);

	EXPECT_STREQ("looped", kinds(l));	/* not an option loop on magic */
	CONTAINS(d->text, "looped link: the peer's MagicNumber equals ours "
		 "(0x7A0C2D91, 3 times)");
	CONTAINS(d->text, "down-when-looped");
	EXPECT_TRUE(cites(d, 5));	/* first CONFREQ with our own magic */
	EXPECT_TRUE(cites(d, 23));	/* the console: (looped) */
	dlog_free(g);
}

TEST(keepalive_lost)
{
	struct dlog *g = load("keepalive.log");
	const struct dl_link *l = only(_metadata, g);

	EXPECT_STREQ("keepalive-lost terminated", kinds(l));
	CONTAINS(text_of(l, DG_KEEPALIVE), "5 ECHOREQs (lines 6 to 10) got no ECHOREP");
	CONTAINS(text_of(l, DG_TERMINATED), "this end terminated the link (LCP "
		 "TERMREQ, line 13), after keepalives were lost");
	EXPECT_EQ(VS_CLOSED, dl_cp_get(l, PPP_IPCP)->state);	/* went down too */
	EXPECT_EQ(VP_DOWN, l->phase);
	EXPECT_EQ(VP_UP, l->furthest);
	dlog_free(g);
}

TEST(terminated_by_peer)
{
	struct dlog *g = load("terminated_by_peer.log");
	const struct dl_link *l;

	ASSERT_NE(NULL, g);
	ASSERT_EQ(2, dlog_nlinks(g));
	EXPECT_STREQ("Mu1", dlog_link(g, 0)->ifname);	/* nothing to fold into yet */
	EXPECT_STREQ("", kinds(dlog_link(g, 0)));
	l = dlog_link(g, 1);
	EXPECT_STREQ("terminated", kinds(l));
	CONTAINS(text_of(l, DG_TERMINATED), "the peer terminated the link (LCP "
		 "TERMREQ, line 23)");
	EXPECT_TRUE(l->route);
	dlog_free(g);
}

TEST(no_route_installed)
{
	struct dlog *g = load("no_route.log");
	const struct dl_link *l = only(_metadata, g);

	EXPECT_STREQ("no-route ok", kinds(l));
	CONTAINS(text_of(l, DG_NO_ROUTE), "no route to the peer 172.16.0.2 was "
		 "installed: check for `no peer neighbor-route`");
	dlog_free(g);
}

static const struct dl_link *first(struct __test_metadata *_metadata,
				   const char *text, struct dlog **g);

/* The peer's TERMREQ, our TERMACK, Phase is DOWN: LCP is not Open. */
TEST(lcp_not_open_after_termreq)
{
	struct dlog *g = load("auth_pap_nak.log");
	const struct dl_link *l = only(_metadata, g);

	EXPECT_EQ(VS_STOPPED, dl_cp_get(l, PPP_LCP)->state);
	EXPECT_EQ(32, dl_cp_get(l, PPP_LCP)->state_line);
	dlog_free(g);
}

TEST(lcp_stopping_after_termack_open)
{
	struct dlog *g;
	const struct dl_link *l = first(_metadata,
		"Se0 LCP: State is Open\n"
		"Se0 LCP: I TERMREQ [Open] id 3 len 4\n"
		"Se0 LCP: O TERMACK [Open] id 3 len 4\n", &g);

	EXPECT_EQ(VS_STOPPING, dl_cp_get(l, PPP_LCP)->state);
	dlog_free(g);
}

/* ---- pppd's own log ---- */

static char *json_of_file(const char *name, size_t chunk);

static int count(const char *hay, const char *needle)
{
	int n = 0;

	for (hay = strstr(hay, needle); hay; hay = strstr(hay + 1, needle))
		n++;
	return n;
}

static bool has_text(const struct dl_link *l, const char *needle)
{
	int i;

	for (i = 0; i < l->ndiag; i++)
		if (strstr(l->diag[i].text, needle))
			return true;
	return false;
}

/* pppd's logs get pppd's remedies, never IOS commands. */
static void pppd_words(struct __test_metadata *_metadata,
		       const struct dl_link *l)
{
	static const char *const ios[] = {
		"ppp chap hostname", "`username", "ppp pap sent-username",
		"encapsulation ppp", "`no compress`", "peer default ip address",
		"ppp authentication", "neighbor-route",
	};
	size_t i;

	EXPECT_EQ(DL_SRC_PPPD, l->source);
	for (i = 0; i < ARRAY_SIZE(ios); i++)
		EXPECT_EQ(-1, has_text(l, ios[i]) ? (int)i : -1);
}

static struct dlog *pppd_load(struct __test_metadata *_metadata,
			      const char *name, const struct dl_link **l)
{
	struct dlog *g = load(name);

	*l = only(_metadata, g);
	pppd_words(_metadata, *l);
	return g;
}

/* Real pppd 2.4.9 output from an interop run: chap asked, pap given. */
TEST(pppd_real_chap_to_pap)
{
	const struct dl_link *l;
	struct dlog *g = pppd_load(_metadata, "pppd_real_chap_to_pap.log", &l);
	const struct dl_cp *lcp = dl_cp_get(l, PPP_LCP);
	size_t len;
	bool acked;

	EXPECT_EQ(44, dlog_stats(g)->parsed);
	EXPECT_EQ(0, dlog_stats(g)->skipped);
	EXPECT_STREQ("ppp0", l->ifname);
	EXPECT_EQ(VP_DOWN, l->phase);
	EXPECT_EQ(VP_UP, l->furthest);
	EXPECT_EQ(VS_CLOSED, lcp->state);
	EXPECT_TRUE(lcp->opened);
	/* The peer NAKed <auth chap MD5> to <auth pap>, and acked that. */
	EXPECT_EQ(0, memcmp(dl_cp_opt(l, lcp, true, 3, &len, &acked),
			    "\x03\x04\xc0\x23", 4));
	EXPECT_TRUE(acked);
	EXPECT_EQ(9, l->ev[lcp->lack].line);
	EXPECT_EQ(7, l->ev[lcp->lnak].line);
	EXPECT_EQ(VB_THIS_END, l->by);
	EXPECT_EQ(PPP_PAP, l->auth_peer.proto);
	EXPECT_STREQ("bob", l->auth_peer.name);
	EXPECT_EQ(DL_AUTH_OK, l->auth_peer.result);
	EXPECT_TRUE(dl_cp_get(l, PPP_IPCP)->opened);
	EXPECT_EQ(VS_CLOSED, dl_cp_get(l, PPP_IPCP)->state);
	EXPECT_EQ(ip("10.0.0.2"), dl_cp_ipv4(l, PPP_IPCP, true, 3, &acked));
	EXPECT_EQ(ip("10.0.0.1"), dl_cp_ipv4(l, PPP_IPCP, false, 3, &acked));
	EXPECT_TRUE(dl_cp_get(l, PPP_CCP)->refused);
	EXPECT_TRUE(dl_cp_get(l, PPP_IPV6CP)->refused);
	EXPECT_STREQ("protocol-rejected protocol-rejected terminated", kinds(l));
	CONTAINS(text_of(l, DG_PROTREJ), "the peer rejected CCP (PROTREJ, line 16): routine");
	CONTAINS(text_of(l, DG_TERMINATED), "this end terminated the link (LCP "
		 "TERMREQ, line 37) with \"User request\": pppd was told to stop "
		 "(signal 15, SIGTERM");
	EXPECT_TRUE(cites(dl_diag_find(l, DG_TERMINATED), 33));
	dlog_free(g);
}

TEST(pppd_real_no_ncp)
{
	const struct dl_link *l;
	struct dlog *g = pppd_load(_metadata, "pppd_real_no_ncp.log", &l);
	const struct dl_diag *d;

	EXPECT_STREQ("ipcp-failed protocol-rejected protocol-rejected terminated",
		     kinds(l));
	d = dl_diag_find(l, DG_IPCP_FAILED);
	CONTAINS(d->text, "IPCP opened without an address: the peer asked for an "
		 "address (0.0.0.0, line 15) and we have none to give it (line 16); "
		 "pppd made it 10.64.64.64: give it one with `:10.0.0.1`");
	EXPECT_TRUE(cites(d, 15));
	EXPECT_TRUE(cites(d, 16));
	CONTAINS(text_of(l, DG_TERMINATED), "the peer terminated the link (LCP "
		 "TERMREQ, line 33), after IPCP failed");
	EXPECT_EQ(ip("10.64.64.64"), l->note_remote);
	EXPECT_EQ(VS_STOPPED, dl_cp_get(l, PPP_IPCP)->state);
	EXPECT_EQ(VP_DOWN, l->phase);
	EXPECT_EQ(VP_UP, l->furthest);
	dlog_free(g);
}

TEST(pppd_real_words)
{
	const struct dl_link *l;
	struct dlog *g = pppd_load(_metadata, "pppd_real_words.log", &l);
	bool acked;

	EXPECT_STREQ("protocol-rejected protocol-rejected terminated", kinds(l));
	/* We gave the peer its DNS servers: <ms-dns1 10.9.9.9> <ms-dns2 ...>. */
	EXPECT_EQ(ip("10.9.9.9"), dl_cp_ipv4(l, PPP_IPCP, false, 129, &acked));
	EXPECT_TRUE(acked);
	EXPECT_EQ(ip("10.9.9.9"), dl_cp_ipv4(l, PPP_IPCP, false, 131, &acked));
	EXPECT_EQ(20, l->ev[dl_cp_get(l, PPP_IPCP)->pack].line);
	/* <addr fe80::b16c:4e5b:8fde:5401>: the interface id. */
	EXPECT_EQ(0, memcmp(dl_ev_opt(&l->ev[dl_cp_get(l, PPP_IPV6CP)->lreq], 1,
				      &(size_t){0}),
			    "\x01\x0a\xb1\x6c\x4e\x5b\x8f\xde\x54\x01", 10));
	dlog_free(g);
}

TEST(pppd_ok_chap_syslog)
{
	const struct dl_link *l;
	struct dlog *g = pppd_load(_metadata, "pppd_ok_chap.log", &l);
	const struct dl_diag *d;
	bool acked;

	EXPECT_EQ(0, dlog_stats(g)->skipped);
	EXPECT_STREQ("protocol-rejected ok", kinds(l));
	EXPECT_EQ(VP_UP, l->phase);
	EXPECT_EQ(VS_OPENED, dl_cp_get(l, PPP_LCP)->state);
	EXPECT_EQ(10, dl_cp_get(l, PPP_LCP)->open_line);
	EXPECT_EQ(VS_OPENED, dl_cp_get(l, PPP_IPCP)->state);
	EXPECT_EQ(VB_PEER, l->by);
	EXPECT_STREQ("isp-bras", l->peer_host);
	EXPECT_STREQ("cpe17", l->auth_local.name);
	EXPECT_EQ(DL_AUTH_OK, l->auth_local.result);
	EXPECT_EQ(13, l->auth_local.line);
	EXPECT_EQ(0, l->auth_local.fails);
	EXPECT_EQ(ip("10.0.0.7"), dl_cp_ipv4(l, PPP_IPCP, true, 3, &acked));
	EXPECT_TRUE(acked);
	EXPECT_EQ(ip("192.0.2.54"), dl_cp_ipv4(l, PPP_IPCP, true, 131, &acked));
	EXPECT_EQ(ip("192.0.2.53"), l->note_dns[0]);
	EXPECT_STREQ("10:00:03", l->ev[6].stamp);
	d = dl_diag_find(l, DG_OK);
	CONTAINS(d->text, "we passed the peer's CHAP, IPCP Open (10.0.0.7 <-> 10.0.0.1)");
	CONTAINS(text_of(l, DG_PROTREJ), "routine: it does no compression (`noccp`");
	dlog_free(g);
}

TEST(pppd_lcp_timeout_journald)
{
	const struct dl_link *l;
	struct dlog *g = pppd_load(_metadata, "pppd_lcp_timeout.log", &l);
	const struct dl_diag *d = dl_diag_find(l, DG_NO_RESPONSE);

	EXPECT_STREQ("no-response terminated", kinds(l));
	CONTAINS(d->text, "no response from the peer: 5 LCP ConfReqs (lines 5 to 9) "
		 "were never answered: check the serial line or modem");
	EXPECT_TRUE(cites(d, 10));	/* LCP: timeout sending Config-Requests */
	EXPECT_EQ(DL_TIMEOUT, l->ev[9].type);
	CONTAINS(text_of(l, DG_TERMINATED), "went down (line 11) without a TERMREQ "
		 "in the log, after the peer did not answer");
	EXPECT_EQ(VP_DOWN, l->phase);
	EXPECT_EQ(VP_ESTABLISHING, l->furthest);
	EXPECT_STREQ("10:15:02", l->ev[4].stamp);
	dlog_free(g);
}

TEST(pppd_one_way)
{
	const struct dl_link *l;
	struct dlog *g = pppd_load(_metadata, "pppd_oneway.log", &l);

	EXPECT_STREQ("no-response terminated", kinds(l));
	CONTAINS(text_of(l, DG_NO_RESPONSE), "one-way link: the peer's LCP ConfReqs "
		 "arrive (line 5) and we ack them, but our 4 ConfReqs (lines 4 to "
		 "13) are never answered");
	CONTAINS(text_of(l, DG_NO_RESPONSE), "`asyncmap`");
	EXPECT_FALSE(dl_cp_get(l, PPP_LCP)->opened);
	EXPECT_EQ(VS_STOPPED, dl_cp_get(l, PPP_LCP)->state);
	dlog_free(g);
}

TEST(pppd_looped)
{
	const struct dl_link *l;
	struct dlog *g = pppd_load(_metadata, "pppd_looped.log", &l);
	const struct dl_diag *d = dl_diag_find(l, DG_LOOPED);

	EXPECT_STREQ("ppp1", l->ifname);
	EXPECT_STREQ("looped terminated", kinds(l));
	CONTAINS(d->text, "looped link: the peer's MagicNumber equals ours");
	CONTAINS(d->text, "check the modem");
	EXPECT_TRUE(cites(d, 5));
	EXPECT_TRUE(cites(d, 14));	/* Serial line is looped back. */
	CONTAINS(text_of(l, DG_TERMINATED), "with \"Loopback detected\", after the "
		 "loop was detected");
	dlog_free(g);
}

TEST(pppd_chap_rejected_by_peer)
{
	const struct dl_link *l;
	struct dlog *g = pppd_load(_metadata, "pppd_chap_rejected_by_peer.log", &l);

	EXPECT_STREQ("auth-failed terminated", kinds(l));
	CONTAINS(text_of(l, DG_AUTH_FAILED), "the peer \"isp-bras\" rejected our CHAP "
		 "response as \"cpe17\" (line 9) with \"Access denied\"");
	CONTAINS(text_of(l, DG_AUTH_FAILED), "`name cpe17`");
	CONTAINS(text_of(l, DG_AUTH_FAILED), "/etc/ppp/chap-secrets");
	/* The packet counts, pppd's two messages about it do not. */
	EXPECT_EQ(1, l->auth_local.fails);
	EXPECT_EQ(VB_PEER, l->by);
	EXPECT_EQ(VP_AUTHENTICATING, l->furthest);
	CONTAINS(text_of(l, DG_TERMINATED), "this end terminated the link (LCP "
		 "TERMREQ, line 12) with \"Failed to authenticate ourselves to "
		 "peer\", after authentication failed");
	dlog_free(g);
}

TEST(pppd_chap_secret_differs)
{
	const struct dl_link *l;
	struct dlog *g = pppd_load(_metadata, "pppd_chap_secret_peer.log", &l);

	EXPECT_STREQ("auth-failed terminated", kinds(l));
	CONTAINS(text_of(l, DG_AUTH_FAILED), "we rejected the peer's CHAP response "
		 "as \"bob\" (line 10): the secret for \"bob\" differs");
	CONTAINS(text_of(l, DG_AUTH_FAILED), "/etc/ppp/chap-secrets");
	EXPECT_EQ(VB_THIS_END, l->by);
	EXPECT_EQ(1, l->auth_peer.fails);
	dlog_free(g);
}

TEST(pppd_chap_no_secret)
{
	const struct dl_link *l;
	struct dlog *g = pppd_load(_metadata, "pppd_chap_no_secret.log", &l);
	const struct dl_diag *d = dl_diag_find(l, DG_AUTH_FAILED);

	CONTAINS(d->text, "there is no secret for \"carol\" in /etc/ppp/chap-secrets "
		 "here (line 10)");
	EXPECT_TRUE(cites(d, 10));
	EXPECT_TRUE(cites(d, 11));
	dlog_free(g);
}

TEST(pppd_pap_failed)
{
	const struct dl_link *l;
	struct dlog *g = pppd_load(_metadata, "pppd_pap_failed.log", &l);

	EXPECT_STREQ("auth-failed terminated", kinds(l));
	EXPECT_EQ(PPP_PAP, dl_diag_find(l, DG_AUTH_FAILED)->proto);
	CONTAINS(text_of(l, DG_AUTH_FAILED), "the peer refused our PAP login "
		 "\"dialuser\" (line 8) with \"Login incorrect\": check `user "
		 "dialuser` and its password in /etc/ppp/pap-secrets");
	EXPECT_STREQ("Login incorrect", l->auth_local.msg);
	dlog_free(g);
}

TEST(pppd_peer_refused_to_authenticate)
{
	const struct dl_link *l;
	struct dlog *g = pppd_load(_metadata, "pppd_peer_refused_auth.log", &l);
	const struct dl_diag *d = dl_diag_find(l, DG_AUTH_FAILED);

	EXPECT_STREQ("ppp3", l->ifname);
	EXPECT_STREQ("auth-failed terminated", kinds(l));
	CONTAINS(d->text, "the peer refused to authenticate itself (line 10; it "
		 "rejected our AuthProto, line 7) and pppd requires it (`auth`)");
	CONTAINS(d->text, "`noauth`");
	EXPECT_TRUE(cites(d, 7));
	EXPECT_TRUE(cites(d, 10));
	EXPECT_EQ(VP_ESTABLISHING, l->furthest);
	dlog_free(g);
}

TEST(pppd_ipcp_not_authorized)
{
	const struct dl_link *l;
	struct dlog *g = pppd_load(_metadata, "pppd_ipcp_not_authorized.log", &l);

	EXPECT_STREQ("ppp5", l->ifname);
	EXPECT_STREQ("ipcp-failed terminated", kinds(l));
	CONTAINS(text_of(l, DG_IPCP_FAILED), "the peer is not authorized to use the "
		 "address 10.0.0.99 (line 14)");
	EXPECT_STREQ("alice", l->auth_peer.name);
	EXPECT_EQ(DL_AUTH_OK, l->auth_peer.result);
	CONTAINS(text_of(l, DG_TERMINATED), "after IPCP failed");
	dlog_free(g);
}

TEST(pppd_ipcp_no_local_address)
{
	const struct dl_link *l;
	struct dlog *g = pppd_load(_metadata, "pppd_ipcp_no_local.log", &l);

	EXPECT_STREQ("ipcp-failed terminated", kinds(l));
	CONTAINS(text_of(l, DG_IPCP_FAILED), "pppd could not determine the local IP "
		 "address (line 14)");
	EXPECT_EQ(VS_CLOSED, dl_cp_get(l, PPP_IPCP)->state);
	dlog_free(g);
}

TEST(pppd_keepalive_lost)
{
	const struct dl_link *l;
	struct dlog *g = pppd_load(_metadata, "pppd_keepalive.log", &l);

	EXPECT_STREQ("keepalive-lost terminated", kinds(l));
	CONTAINS(text_of(l, DG_KEEPALIVE), "4 echo-requests got no reply (line 19)");
	CONTAINS(text_of(l, DG_KEEPALIVE), "`lcp-echo-failure`");
	CONTAINS(text_of(l, DG_TERMINATED), "this end terminated the link (LCP "
		 "TERMREQ, line 23) with \"Peer not responding\", after keepalives "
		 "were lost");
	EXPECT_EQ(VP_DOWN, l->phase);
	EXPECT_EQ(VP_UP, l->furthest);
	dlog_free(g);
}

TEST(pppd_modem_hangup)
{
	const struct dl_link *l;
	struct dlog *g = pppd_load(_metadata, "pppd_modem_hangup.log", &l);

	EXPECT_STREQ("terminated", kinds(l));
	CONTAINS(text_of(l, DG_TERMINATED), "the modem hung up (line 14) without a "
		 "TERMREQ");
	EXPECT_EQ(VS_STOPPED, dl_cp_get(l, PPP_LCP)->state);
	EXPECT_EQ(VS_CLOSED, dl_cp_get(l, PPP_IPCP)->state);
	EXPECT_EQ(VP_DOWN, l->phase);
	EXPECT_EQ(VP_UP, l->furthest);
	dlog_free(g);
}

TEST(pppd_messages_in_ladder)
{
	struct dlog *g = load("pppd_modem_hangup.log");
	char *out;

	ASSERT_NE(NULL, g);
	out = capture(explain_ladder, g);
	CONTAINS(out, "      14               |              Modem hangup              |\n");
	CONTAINS(out, "|<-------- IPCP ConfAck id=0x1 ----------|  <addr 172.16.0.1>\n");
	EXPECT_EQ(NULL, strstr(out, "Connect time"));
	free(out);
	dlog_free(g);
}

/* A pppd log's ladder speaks pppd's words (vocab.c), an IOS log's IOS's. */
TEST(pppd_ladder_in_pppd_words)
{
	struct dlog *g = load("pppd_lcp_timeout.log");
	char *out;

	ASSERT_NE(NULL, g);
	out = capture(explain_ladder, g);
	CONTAINS(out, "|---------- LCP ConfReq id=0x1 --------->|  <asyncmap 0x0> "
		 "<magic 0xfb8cce3> <pcomp> <accomp>\n");
	CONTAINS(out, "|  LCP timeout sending Config-Requests   |\n");
	EXPECT_EQ(NULL, strstr(out, "CONFREQ"));
	EXPECT_EQ(NULL, strstr(out, "TIMEout"));
	free(out);
	out = capture_json(g, true);
	CONTAINS(out, "\"label\":\"LCP ConfReq id=0x1\"");
	free(out);
	dlog_free(g);
	g = load("pppd_real_chap_to_pap.log");
	ASSERT_NE(NULL, g);
	out = capture(explain_ladder, g);
	CONTAINS(out, "LCP TermReq id=0x3");
	/* Options as pppd wrote them, line 4 of its own log. */
	CONTAINS(out, "|  <asyncmap 0x0> <auth chap MD5> <magic 0x24782b6a> <pcomp> "
		 "<accomp>\n");
	CONTAINS(out, "|  <deflate 15> <deflate(old#) 15> <bsd v1 15>\n");
	CONTAINS(out, "PAP AuthAck id=0x31");
	CONTAINS(out, "LCP ProtRej id=0x");
	free(out);
	dlog_free(g);
	g = load("note_sample.log");
	ASSERT_NE(NULL, g);
	out = capture(explain_ladder, g);
	CONTAINS(out, "|--------- CHAP CHALLENGE id 4 --------->|");
	EXPECT_EQ(NULL, strstr(out, "ConfReq"));
	free(out);
	dlog_free(g);
}

TEST(pppd_terminated_by_peer)
{
	const struct dl_link *l;
	struct dlog *g = pppd_load(_metadata, "pppd_terminated_by_peer.log", &l);

	EXPECT_STREQ("terminated", kinds(l));
	CONTAINS(text_of(l, DG_TERMINATED), "the peer terminated the link (LCP "
		 "TERMREQ, line 13) with \"Idle timeout\"");
	EXPECT_EQ(VP_DOWN, l->phase);
	EXPECT_EQ(VS_STOPPED, dl_cp_get(l, PPP_LCP)->state);
	dlog_free(g);
}

/* pppd without `debug`: its messages alone. */
TEST(pppd_messages_only)
{
	const struct dl_link *l;
	struct dlog *g = pppd_load(_metadata, "pppd_nodebug_pap.log", &l);

	EXPECT_STREQ("auth-failed terminated", kinds(l));
	CONTAINS(text_of(l, DG_AUTH_FAILED), "the peer refused our PAP login (line 4)");
	CONTAINS(text_of(l, DG_TERMINATED), "the modem hung up (line 6)");
	EXPECT_EQ(1, l->auth_local.fails);
	EXPECT_EQ(VP_AUTHENTICATING, l->furthest);
	EXPECT_EQ(VP_DOWN, l->phase);
	dlog_free(g);
}

TEST(pppd_lines_inline)
{
	struct dlog *g;
	const struct dl_link *l = first(_metadata,
		"2024-03-03T10:00:01.250+01:00 gw pppd[9]: sent [LCP ConfReq id=0x1 "
		"<mru 1500> <asyncmap 0xa0000> <auth chap MS-v2> <callback CBCP> "
		"< 11 04 05 dc> <quality lqr 00 00 03 e8> <magic 0x5f2e3a1b>]\n"
		"sent [IPCP ConfReq id=0x2 <addrs 10.0.0.1 10.0.0.2> <compress old-VJ 0f 01> <ms-wins 10.1.1.1>]\n"
		"rcvd [LCP ProtRej id=0x3 80 fd 01 01 00 0f]\n"
		"rcvd [LCP CodeRej id=0x4 0c 01 00 08]\n"
		"sent [LCP EchoReq id=0x0 magic=0x5f2e3a1b]\n"
		"Protocol-Reject for 'Compression Control Protocol' (0x80fd) received\n"
		"Mar  3 10:00:02 gw pppd[9]: Plugin rp-pppoe.so loaded.\n"
		"what pppd says next\n"
		"rcvd [XYZ ConfReq id=0x1]\n"
		"sent [PAP AuthReq id=0x1 user=\"a b\" password=\"hunter2\"]\n", &g);
	const struct dl_ev *e = &l->ev[0];
	size_t len;

	EXPECT_STREQ("pppd", l->ifname);	/* no "Using interface" */
	EXPECT_STREQ("10:00:01.250", e->stamp);
	EXPECT_EQ(0, memcmp(dl_ev_opt(e, 1, &len), "\x01\x04\x05\xdc", 4));
	EXPECT_EQ(0, memcmp(dl_ev_opt(e, 2, &len), "\x02\x06\x00\x0a\x00\x00", 6));
	EXPECT_EQ(0, memcmp(dl_ev_opt(e, 3, &len), "\x03\x05\xc2\x23\x81", 5));
	EXPECT_EQ(0, memcmp(dl_ev_opt(e, 13, &len), "\x0d\x03\x06", 3));
	EXPECT_EQ(0, memcmp(dl_ev_opt(e, 17, &len), "\x11\x04\x05\xdc", 4));
	EXPECT_EQ(0, memcmp(dl_ev_opt(e, 4, &len), "\x04\x08\xc0\x25\x00\x00\x03\xe8", 8));
	EXPECT_EQ(0, memcmp(dl_ev_opt(e, 5, &len), "\x05\x06\x5f\x2e\x3a\x1b", 6));
	e = &l->ev[1];
	EXPECT_EQ(2, e->id);
	EXPECT_EQ(0, memcmp(dl_ev_opt(e, 1, &len), "\x01\x0a\x0a\x00\x00\x01\x0a\x00\x00\x02", 10));
	EXPECT_EQ(0, memcmp(dl_ev_opt(e, 2, &len), "\x02\x06\x00\x37\x0f\x01", 6));
	EXPECT_EQ(0, memcmp(dl_ev_opt(e, 130, &len), "\x82\x06\x0a\x01\x01\x01", 6));
	EXPECT_EQ(PPP_CCP, l->ev[2].value);
	EXPECT_TRUE(dl_cp_get(l, PPP_CCP)->refused);
	EXPECT_EQ(12, l->ev[3].value);
	EXPECT_EQ(0x5f2e3a1bu, l->ev[4].value);
	EXPECT_EQ(DN_PROTREJ, l->ev[5].note);
	EXPECT_EQ(PPP_CCP, l->ev[5].value);
	EXPECT_EQ(DL_NOTE, l->ev[6].type);	/* unknown, but pppd's */
	EXPECT_STREQ("a b", l->ev[7].name);	/* the password is not kept */
	EXPECT_EQ(NULL, strstr(l->ev[7].text, "hunter2"));
	/* A bare line pppd does not write, an unknown protocol: skipped. */
	EXPECT_EQ(2, dlog_stats(g)->skipped);
	dlog_free(g);
}

/* pppd's idle chatter in another log makes no link of its own. */
TEST(pppd_chatter_makes_no_link)
{
	struct dlog *g = from_text(
		"Sent 84 bytes, received 84 bytes.\n"
		"Se0 LCP: State is Open\n"
		"Connect time 0.1 minutes.\n");

	ASSERT_NE(NULL, g);
	ASSERT_EQ(1, dlog_nlinks(g));
	EXPECT_STREQ("Se0", dlog_link(g, 0)->ifname);
	EXPECT_EQ(0, dlog_stats(g)->skipped);
	dlog_free(g);
}

/* Options past DL_OPTS_MAX bytes are cut and marked, never overflow. */
TEST(pppd_long_line_bounded)
{
	char line[DL_LINE_MAX + 64];
	struct dlog *g = dlog_new();
	const struct dl_link *l;
	size_t k;

	ASSERT_NE(NULL, g);
	k = (size_t)snprintf(line, sizeof(line), "sent [LCP ConfReq id=0x1");
	while (k + 16 < DL_LINE_MAX)
		k += (size_t)snprintf(line + k, sizeof(line) - k, " <magic 0x%x>",
				      (unsigned int)k);
	k += (size_t)snprintf(line + k, sizeof(line) - k, "]\n");
	dlog_feed(g, line, k);
	memset(line, '<', DL_LINE_MAX - 1);
	memcpy(line, "rcvd [IPCP ConfNak id=0x1 <addr 1.2.3.4> ", 41);
	line[DL_LINE_MAX - 1] = '\n';
	dlog_feed(g, line, DL_LINE_MAX);
	dlog_end(g);
	ASSERT_EQ(1, dlog_nlinks(g));
	l = dlog_link(g, 0);
	ASSERT_EQ(2, l->nev);
	EXPECT_TRUE(l->ev[0].opt_trunc);
	EXPECT_LE(l->ev[0].optlen, DL_OPTS_MAX);
	EXPECT_EQ(252, l->ev[0].optlen);	/* 42 whole MagicNumbers */
	EXPECT_EQ(6, l->ev[1].optlen);
	dlog_free(g);
}

TEST(pppd_interface_named_later)
{
	struct dlog *g;
	const struct dl_link *l = first(_metadata,
		"using channel 1\n"
		"sent [LCP ConfReq id=0x1 <magic 0x1>]\n"
		"Using interface ppp7\n"
		"rcvd [LCP ConfAck id=0x1 <magic 0x1>]\n", &g);

	EXPECT_EQ(1, dlog_nlinks(g));
	EXPECT_STREQ("ppp7", l->ifname);
	EXPECT_EQ(VS_ACKRCVD, dl_cp_get(l, PPP_LCP)->state);
	dlog_free(g);
}

/* IPCP opens, but the peer rejected our request for DNS servers. */
TEST(pppd_dns_rejected)
{
	const struct dl_link *l;
	struct dlog *g = pppd_load(_metadata, "pppd_dns_rejected.log", &l);

	EXPECT_STREQ("dns-rejected ok", kinds(l));
	CONTAINS(text_of(l, DG_DNS_REJECTED), "the peer rejected our request for "
		 "DNS servers (IPCP CONFREJ, line 10): it gives none, so "
		 "`usepeerdns` gets nothing");
	EXPECT_TRUE(cites(dl_diag_find(l, DG_DNS_REJECTED), 10));
	EXPECT_EQ(VS_OPENED, dl_cp_get(l, PPP_IPCP)->state);
	dlog_free(g);
	/* IOS words; and a peer that gives them after all says nothing. */
	g = from_text("Se0 IPCP: I CONFREJ [REQsent] id 1 len 16\n"
		      "Se0 IPCP:    PrimaryDNS 0.0.0.0 (0x810600000000)\n");
	ASSERT_NE(NULL, g);
	CONTAINS(text_of(dlog_link(g, 0), DG_DNS_REJECTED), "`ip name-server`");
	dlog_free(g);
	g = from_text("Se0 IPCP: I CONFREJ [REQsent] id 1 len 10\n"
		      "Se0 IPCP:    PrimaryDNS 0.0.0.0 (0x810600000000)\n"
		      "Se0 IPCP: I CONFACK [REQsent] id 2 len 10\n"
		      "Se0 IPCP:    PrimaryDNS 10.1.1.1 (0x81060A010101)\n");
	ASSERT_NE(NULL, g);
	EXPECT_EQ(NULL, dl_diag_find(dlog_link(g, 0), DG_DNS_REJECTED));
	dlog_free(g);
}

/* The peer asks to authenticate us with MS-CHAP-V2; we NAK it to CHAP. */
TEST(pppd_mschapv2_refused)
{
	const struct dl_link *l;
	struct dlog *g = pppd_load(_metadata, "pppd_mschapv2_nak.log", &l);

	EXPECT_STREQ("option-loop terminated", kinds(l));
	CONTAINS(text_of(l, DG_OPTION_LOOP), "we NAKed the peer's \"AuthProto "
		 "MS-CHAP-V2\" 3 times suggesting \"AuthProto CHAP\"");
	CONTAINS(text_of(l, DG_OPTION_LOOP), "authentication protocol mismatch");
	CONTAINS(text_of(l, DG_OPTION_LOOP), "the peer requires MS-CHAP, which "
		 "this end does not offer");
	CONTAINS(text_of(l, DG_TERMINATED), "the peer terminated the link (LCP "
		 "TERMREQ, line 11) with \"Authentication protocol not acceptable\"");
	EXPECT_EQ(VP_ESTABLISHING, l->furthest);
	dlog_free(g);
}

/* Several pppd processes in one syslog file: one link each, by pid. */
TEST(pppd_interleaved_pids)
{
	struct dlog *g = load("pppd_interleaved.log");
	const struct dl_link *a, *b, *c;
	char *out;

	ASSERT_NE(NULL, g);
	ASSERT_EQ(3, dlog_nlinks(g));
	a = dlog_link(g, 0);
	b = dlog_link(g, 1);
	c = dlog_link(g, 2);
	EXPECT_EQ(1234, a->pid);
	EXPECT_STREQ("ppp0", a->ifname);
	EXPECT_STREQ("auth-failed terminated", kinds(a));
	CONTAINS(text_of(a, DG_AUTH_FAILED), "the peer \"isp-bras\" rejected our "
		 "CHAP response as \"cpe17\" (line 14)");
	EXPECT_EQ(VP_AUTHENTICATING, a->furthest);
	EXPECT_EQ(1240, b->pid);
	EXPECT_STREQ("ppp1", b->ifname);
	EXPECT_STREQ("no-response terminated", kinds(b));
	CONTAINS(text_of(b, DG_NO_RESPONSE), "5 LCP ConfReqs (lines 10 to 43)");
	EXPECT_EQ(NULL, dl_cp_get(b, PPP_IPCP));
	EXPECT_EQ(1301, c->pid);
	EXPECT_STREQ("ppp0", c->ifname);	/* the next pppd on the same tty */
	EXPECT_STREQ("ok", kinds(c));
	EXPECT_EQ(VS_OPENED, dl_cp_get(c, PPP_LCP)->state);
	EXPECT_EQ(ip("10.0.0.7"), c->note_local);
	out = capture(explain_text, g);
	CONTAINS(out, "3 pppd processes, one section each (pids 1234 1240 1301)\n"
		 "ppp0 pppd[1234]: phase DOWN, furthest AUTHENTICATING\n");
	CONTAINS(out, "\nppp1 pppd[1240]: phase DOWN, furthest ESTABLISHING\n");
	CONTAINS(out, "\nppp0 pppd[1301]: phase UP\n");
	free(out);
	out = capture(explain_ladder, g);
	CONTAINS(out, "ppp1 pppd[1240]");
	free(out);
	out = capture_json(g, false);
	EXPECT_TRUE(json_valid(out, strlen(out), true));
	CONTAINS(out, "\"ifname\":\"ppp1\",\"source\":\"pppd\",\"pid\":1240,");
	free(out);
	dlog_free(g);
	/* One process: no pids in the names, the pid in JSON. */
	g = load("pppd_ok_chap.log");
	ASSERT_NE(NULL, g);
	ASSERT_EQ(1, dlog_nlinks(g));
	EXPECT_EQ(1234, dlog_link(g, 0)->pid);
	out = capture(explain_text, g);
	EXPECT_EQ(NULL, strstr(out, "pppd["));
	EXPECT_EQ(NULL, strstr(out, "processes"));
	free(out);
	out = capture_json(g, false);
	CONTAINS(out, "\"pid\":1234,");
	free(out);
	dlog_free(g);
	/* Lines without a prefix go with the last prefixed one. */
	g = from_text("Mar  9 07:00:01 gw pppd[7]: Using interface ppp3\n"
		      "Mar  9 07:00:01 gw pppd[8]: Using interface ppp4\n"
		      "sent [LCP ConfReq id=0x1 <magic 0x1>]\n");
	ASSERT_NE(NULL, g);
	ASSERT_EQ(2, dlog_nlinks(g));
	EXPECT_EQ(1, dlog_link(g, 0)->nev);
	EXPECT_EQ(2, dlog_link(g, 1)->nev);
	dlog_free(g);
}

/* ---- older IOS (11.x): one option a line, no states, no names ---- */

static struct dlog *legacy_load(struct __test_metadata *_metadata,
				const char *name, const struct dl_link **l)
{
	struct dlog *g = load(name);

	if (!g)
		return NULL;
	EXPECT_EQ(1, dlog_nlinks(g)) TH_LOG("%s", name);
	*l = dlog_link(g, 0);
	EXPECT_EQ(DL_SRC_IOS_LEGACY, (*l)->source) TH_LOG("%s", name);
	EXPECT_EQ(0, dlog_stats(g)->suspect) TH_LOG("%s", name);
	return g;
}

static int count_pkts(const struct dl_link *l, uint16_t proto, char dir, int code)
{
	size_t k;
	int n = 0;

	for (k = 0; k < l->nev; k++)
		n += l->ev[k].type == DL_PACKET && l->ev[k].proto == proto &&
		     l->ev[k].dir == dir && l->ev[k].code == code;
	return n;
}

TEST(ios_legacy_ok)
{
	const struct dl_link *l;
	struct dlog *g = legacy_load(_metadata, "ios_legacy_ok.log", &l);
	size_t len;
	char *out;

	ASSERT_NE(NULL, g);
	EXPECT_STREQ("BR0:1", l->ifname);
	EXPECT_STREQ("ok", kinds(l));
	EXPECT_EQ(VP_UP, l->phase);
	EXPECT_EQ(VS_OPENED, dl_cp_get(l, PPP_LCP)->state);
	EXPECT_EQ(VS_OPENED, dl_cp_get(l, PPP_IPCP)->state);
	EXPECT_EQ(VB_BOTH, l->by);
	EXPECT_EQ(DL_AUTH_OK, l->auth_peer.result);
	EXPECT_EQ(15, l->auth_peer.line);	/* "remote passed CHAP ..." */
	EXPECT_EQ(DL_AUTH_OK, l->auth_local.result);
	EXPECT_EQ(16, l->auth_local.line);	/* input code = 3; line 17 repeats it */
	EXPECT_EQ(1, count_pkts(l, PPP_CHAP, 'I', CHAP_SUCCESS));
	/* One CONFREQ each way from the option lines, our CONFACK with it. */
	EXPECT_EQ(1, count_pkts(l, PPP_LCP, 'O', CP_CONFREQ));
	EXPECT_EQ(1, count_pkts(l, PPP_LCP, 'I', CP_CONFREQ));
	EXPECT_EQ(1, count_pkts(l, PPP_LCP, 'O', CP_CONFACK));
	EXPECT_EQ(0, memcmp(dl_ev_opt(&l->ev[0], 3, &len), "\x03\x05\xc2\x23\x05", 5));
	EXPECT_EQ(0, memcmp(dl_ev_opt(&l->ev[0], 5, &len), "\x05\x06\x4d\x2a\x90\xe1", 6));
	EXPECT_EQ(0x21, l->ev[3].id);		/* "rcvd id 21" is hex */
	EXPECT_EQ(VS_ACKSENT, l->ev[3].state);
	EXPECT_EQ(ip("10.20.0.1"), dl_cp_ipv4(l, PPP_IPCP, true, 3, &(bool){ 0 }));
	EXPECT_EQ(ip("10.20.0.2"), dl_cp_ipv4(l, PPP_IPCP, false, 3, &(bool){ 0 }));
	EXPECT_EQ(4, dlog_stats(g)->skipped);	/* the prompts and IOS's answers */
	EXPECT_EQ(NULL, dl_diag_find(l, DG_NO_ROUTE));	/* it logged no routes */
	out = capture_json(g, false);
	EXPECT_TRUE(json_valid(out, strlen(out), true));
	CONTAINS(out, "\"source\":\"ios-legacy\",\"links\"");
	free(out);
	dlog_free(g);
}

TEST(ios_legacy_md_compare_failed)
{
	const struct dl_link *l;
	struct dlog *g = legacy_load(_metadata, "ios_legacy_md_compare.log", &l);
	char *out;

	ASSERT_NE(NULL, g);
	EXPECT_STREQ("auth-failed terminated", kinds(l));
	EXPECT_STREQ("the peer rejected our CHAP response (line 10) with \"MD "
		     "compare failed\": the peer knows our name but its secret "
		     "for it differs from ours; make `username` on both ends (or "
		     "`ppp chap password`) carry the same password",
		     text_of(l, DG_AUTH_FAILED) + strlen("authentication failed: "));
	EXPECT_EQ(1, l->auth_local.fails);
	EXPECT_STREQ("MD compare failed", l->auth_local.msg);
	CONTAINS(text_of(l, DG_TERMINATED), "the lower layer went down");
	out = capture(explain_text, g);
	CONTAINS(out, "\n    of this end: failure, line 10\n");	/* no name logged */
	free(out);
	EXPECT_EQ(VP_DOWN, l->phase);
	EXPECT_EQ(VP_AUTHENTICATING, l->furthest);
	EXPECT_NE(VS_OPENED, dl_cp_get(l, PPP_LCP)->state);
	dlog_free(g);
}

TEST(ios_legacy_no_answer)
{
	const struct dl_link *l;
	struct dlog *g = legacy_load(_metadata, "ios_legacy_no_answer.log", &l);
	size_t len;

	ASSERT_NE(NULL, g);
	EXPECT_STREQ("Se0", l->ifname);	/* "ppp:" lines named by the next */
	EXPECT_STREQ("no-response", kinds(l));
	CONTAINS(text_of(l, DG_NO_RESPONSE), "4 LCP CONFREQs (lines 2 to 11) "
		 "were never answered");
	EXPECT_EQ(4, count_pkts(l, PPP_LCP, 'O', CP_CONFREQ));
	EXPECT_EQ(10, l->ev[0].optlen);
	EXPECT_EQ(0, memcmp(dl_ev_opt(&l->ev[0], 1, &len), "\x01\x04\x05\xdc", 4));
	EXPECT_EQ(VS_REQSENT, l->ev[1].state);	/* TIMEout ... State= REQsent */
	EXPECT_STREQ("02:10:02", l->ev[1].stamp);
	dlog_free(g);
}

TEST(ios_legacy_looped)
{
	const struct dl_link *l;
	struct dlog *g = legacy_load(_metadata, "ios_legacy_looped.log", &l);

	ASSERT_NE(NULL, g);
	EXPECT_STREQ("Se1", l->ifname);
	EXPECT_STREQ("looped terminated", kinds(l));
	CONTAINS(text_of(l, DG_LOOPED), "the peer's MagicNumber equals ours "
		 "(0x0A3F77C2, 3 times)");
	dlog_free(g);
}

TEST(ios_legacy_peer_will_not_authenticate)
{
	const struct dl_link *l;
	struct dlog *g = legacy_load(_metadata, "ios_legacy_serial_rej.log", &l);
	const struct dl_ev *e;
	size_t len;

	ASSERT_NE(NULL, g);
	EXPECT_STREQ("option-loop auth-failed", kinds(l));
	CONTAINS(text_of(l, DG_AUTH_FAILED), "the peer did not authenticate "
		 "itself (line 12; it rejected our AuthProto, line 13) and this "
		 "end requires it (`ppp authentication`)");
	/* Our answer to the first CONFREQ rejects AuthProto only. */
	e = &l->ev[1];
	EXPECT_TRUE(e->type == DL_PACKET && e->dir == 'O' && e->code == CP_CONFREJ);
	EXPECT_EQ(2, e->id);
	EXPECT_EQ(4, e->optlen);
	EXPECT_EQ(0, memcmp(dl_ev_opt(e, 3, &len), "\x03\x04\xc0\x23", 4));
	EXPECT_EQ(VS_ACKSENT, dl_cp_get(l, PPP_LCP)->state);
	dlog_free(g);
}

/* `debug ppp chap` of that IOS names the peer: we refused it, twice. */
TEST(ios_legacy_chap_with_names)
{
	const struct dl_link *l;
	struct dlog *g = legacy_load(_metadata, "ios_legacy_chap_names.log", &l);

	ASSERT_NE(NULL, g);
	EXPECT_STREQ("Se0", l->ifname);
	EXPECT_STREQ("auth-failed terminated", kinds(l));
	EXPECT_STREQ("authentication failed: we rejected the peer's CHAP response "
		     "as \"branch2\" (line 13, 2 times): the secret for \"branch2\" "
		     "differs between the two ends; compare `username branch2 "
		     "password` here with the peer's", text_of(l, DG_AUTH_FAILED));
	EXPECT_EQ(2, l->auth_peer.fails);	/* "remote failed" repeats the FAILURE */
	EXPECT_STREQ("branch2", l->auth_peer.name);
	EXPECT_EQ(2, count_pkts(l, PPP_CHAP, 'O', CHAP_CHALLENGE));
	EXPECT_EQ(1, l->ev[3].id);
	EXPECT_EQ(VB_THIS_END, l->by);
	EXPECT_EQ(1, dlog_stats(g)->skipped);	/* "Serial0 is up, ..." */
	dlog_free(g);
}

/* Over DL_MAX_EVENTS, a new link's first legacy option line is dropped whole. */
TEST(ios_legacy_over_the_event_limit)
{
	static const char line[] =
		"PPP Serial0: received config for type = 5 (MAGICNUMBER) value = 1 acked\n";
	static const char last[] =
		"PPP Serial9: received config for type = 5 (MAGICNUMBER) value = 2 acked\n";
	struct dlog *g = dlog_new();
	int i;

	ASSERT_NE(NULL, g);
	for (i = 0; i < DL_MAX_EVENTS / 2; i++)
		dlog_feed(g, line, strlen(line));
	dlog_feed(g, last, strlen(last));
	dlog_end(g);
	ASSERT_EQ(2, dlog_nlinks(g));
	EXPECT_EQ(DL_MAX_EVENTS, dlog_link(g, 0)->nev);
	EXPECT_EQ(0, dlog_link(g, 1)->nev);
	EXPECT_EQ(2, dlog_stats(g)->dropped);
	dlog_free(g);
}

/* One-line excerpts of the older styles, and their stamps. */
TEST(ios_legacy_lines_inline)
{
	struct dlog *g;
	const struct dl_link *l = first(_metadata,
		"*Mar  1 2024 00:07:10.100 UTC: PPP BRI0: B-Channel 2: state = "
		"ACKSENT fsm_rconfack(C021): rcvd id E4\n"
		"*Mar  1 2024 00:07:10.104 UTC: ppp: config ACK received, type = 5 "
		"(CI_MAGICNUMBER), value = 1081E7E1\n"
		"00:07:11: BRI0: B-Channel 2: PPP AUTH CHAP input code = 4 id = 82 "
		"len = 21\n"
		"Remote message is: MD compare failed\n"
		"ppp: sending CONFREQ, type = 1 (CI_MRU), value = 5EE\n"
		"ppp: received config for type = 5 (MAGICNUMBER) value = 1081E7E1 acked\n", &g);

	EXPECT_STREQ("BR0:2", l->ifname);
	ASSERT_EQ(6, l->nev);
	EXPECT_EQ(0xe4, l->ev[0].id);
	EXPECT_EQ(VS_ACKSENT, l->ev[0].state);
	EXPECT_STREQ("00:07:10.100", l->ev[0].stamp);
	EXPECT_EQ(6, l->ev[0].optlen);		/* the ACK's options joined it */
	EXPECT_EQ(CHAP_FAILURE, l->ev[1].code);
	EXPECT_STREQ("MD compare failed", l->ev[1].text);
	EXPECT_EQ(0x5ee, (l->ev[3].opts[2] << 8) | l->ev[3].opts[3]);	/* hex */
	EXPECT_EQ(CP_CONFACK, l->ev[5].code);	/* "acked": our answer */
	EXPECT_EQ('O', l->ev[5].dir);
	EXPECT_EQ(0, dlog_stats(g)->skipped);
	dlog_free(g);
}

TEST(pppd_chunking_does_not_matter)
{
	char *whole = json_of_file("pppd_ok_chap.log", 1 << 20);
	char *bytes = json_of_file("pppd_ok_chap.log", 1);

	ASSERT_NE(NULL, whole);
	EXPECT_STREQ(whole, bytes);
	free(whole);
	free(bytes);
}

TEST(source_in_json)
{
	static const struct { const char *log, *src; } t[] = {
		{ "pppd_ok_chap.log", "\"source\":\"pppd\"" },
		{ "note_sample.log", "\"source\":\"ios\"" },
		{ "keepalive_pppk.log", "\"source\":\"pppk\"" },
	};
	struct dlog *g;
	size_t i;
	char *out;

	for (i = 0; i < ARRAY_SIZE(t); i++) {
		g = load(t[i].log);
		ASSERT_NE(NULL, g);
		out = capture_json(g, false);
		/* Once at the top, once for the link. */
		EXPECT_EQ(2, count(out, t[i].src)) TH_LOG("%s", t[i].log);
		EXPECT_TRUE(json_valid(out, strlen(out), true));
		free(out);
		dlog_free(g);
	}
	g = from_text("Se0 LCP: State is Open\nsent [LCP ConfReq id=0x1]\n");
	ASSERT_NE(NULL, g);
	out = capture_json(g, false);
	CONTAINS(out, "\"source\":\"mixed\"");
	CONTAINS(out, "\"ifname\":\"pppd\",\"source\":\"pppd\"");
	CONTAINS(out, "\"ifname\":\"Se0\",\"source\":\"ios\"");
	free(out);
	dlog_free(g);
}

/* ---- logs pasted through Markdown or HTML ---- */

/* The note's sample as a web page shows it: \*Mar, **O CONFREQ**, &quot;. */
TEST(markdown_pasted_note_sample)
{
	struct dlog *clean = load("note_sample.log");
	struct dlog *md = load("note_sample_markdown.log");
	char *a, *b;

	ASSERT_NE(NULL, clean);
	ASSERT_NE(NULL, md);
	EXPECT_EQ(55, dlog_stats(md)->cleaned);
	EXPECT_EQ(0, dlog_stats(md)->skipped);
	EXPECT_STREQ("ok", kinds(dlog_link(md, 0)));
	a = capture(explain_text, clean);
	b = capture(explain_text, md);
	EXPECT_STREQ(a, b);
	free(a);
	free(b);
	a = capture(explain_ladder, clean);
	b = capture(explain_ladder, md);
	EXPECT_STREQ(a, b);
	free(a);
	free(b);
	dlog_free(clean);
	dlog_free(md);
}

TEST(markdown_residue_inline)
{
	struct dlog *g;
	const struct dl_link *l = first(_metadata,
		"&gt; \\*Mar\xc2\xa0 1 00:00:01.000: Se0 LCP: **O CONFREQ** [Closed] id 1 len 10\n"
		"> > Se0 LCP:&nbsp;&nbsp;&nbsp; MagicNumber 0x01020304 (0x050601020304)\n"
		"`Se0 CHAP: I RESPONSE id 1 len 30 from &quot;R&amp;D&quot;`\n"
		"\\*Mar 1 00:00:02.000: Se0 LCP: State is Open\n"
		"Se0 CHAP: I CHALLENGE id 2 len 30 from \"DOM\\user\"\n", &g);

	EXPECT_EQ(0, dlog_stats(g)->skipped);
	EXPECT_EQ(4, dlog_stats(g)->cleaned);
	ASSERT_EQ(4, l->nev);	/* the option line joins its packet */
	EXPECT_EQ(CP_CONFREQ, l->ev[0].code);
	EXPECT_EQ(6, l->ev[0].optlen);
	EXPECT_STREQ("00:00:01.000", l->ev[0].stamp);
	EXPECT_STREQ("R&D", l->ev[1].name);
	EXPECT_EQ(VS_OPENED, dl_cp_get(l, PPP_LCP)->state);
	EXPECT_STREQ("DOM\\user", l->ev[3].name);	/* not an escape */
	dlog_free(g);
}

/* Lines that look like PPP but could not be read are never silent. */
TEST(skipped_ppp_lines_warned)
{
	struct dlog *g = from_text(
		"Router#show debugging\n"
		"*Mar 1 00:00:01: Se0 LCP O CONFREQ [Closed] id 1 len 10\n"
		"*Mar 1 00:00:01: Se0 LCP: State is Open\n"
		"IPCP went somewhere\n"
		"PPP protocol negotiation debugging is on\n"
		"rcvd [LCP ConfAck id=0x1 <magic 0x1]\n"
		"Se0 LCP CONFACK\nSe0 LCP CONFACK\nSe0 LCP CONFACK\nSe0 LCP CONFACK\n");
	const struct dlog_stats *st;
	char *out;

	ASSERT_NE(NULL, g);
	st = dlog_stats(g);
	EXPECT_EQ(8, st->skipped);
	EXPECT_EQ(6, st->suspect);
	EXPECT_EQ(2, st->suspect_lines[0]);
	EXPECT_EQ(4, st->suspect_lines[1]);
	EXPECT_EQ(9, st->suspect_lines[4]);
	out = capture(explain_text, g);
	CONTAINS(out, "warning: 6 skipped lines look like PPP log lines (lines 2, "
		 "4, 7, 8, 9, ...): the diagnosis rests on a partial read\n");
	free(out);
	out = capture_json(g, false);
	CONTAINS(out, "\"suspect_skipped\":6,\"suspect_lines\":[2,4,7,8,9]");
	EXPECT_TRUE(json_valid(out, strlen(out), true));
	free(out);
	dlog_free(g);
	/* A clean log says nothing. */
	g = load("note_sample.log");
	ASSERT_NE(NULL, g);
	out = capture(explain_text, g);
	EXPECT_EQ(NULL, strstr(out, "warning"));
	free(out);
	dlog_free(g);
}

/* ---- one-line excerpts ---- */

TEST(excerpt_timeout_acksent)
{
	struct dlog *g;
	const struct dl_link *l = first(_metadata,
		"Se0 LCP: TIMEout: State ACKsent\n", &g);
	const struct dl_diag *d = dl_diag_find(l, DG_NO_RESPONSE);

	EXPECT_STREQ("no-response", kinds(l));
	ASSERT_NE(NULL, d);
	CONTAINS(d->text, "ESTABLISHING, our Configure-Requests are not "
		 "acknowledged: LCP timed out in state ACKsent (line 1)");
	CONTAINS(d->text, "ours get no CONFACK");
	EXPECT_TRUE(cites(d, 1));
	EXPECT_EQ(VP_ESTABLISHING, l->furthest);
	EXPECT_EQ(VS_ACKSENT, dl_cp_get(l, PPP_LCP)->state);
	dlog_free(g);
}

TEST(excerpt_timeout_reqsent_and_pppd)
{
	struct dlog *g;
	const struct dl_link *l = first(_metadata,
		"*Mar  1 00:00:02.000: Se0/0 LCP: TIMEout: State REQsent\n", &g);

	CONTAINS(text_of(l, DG_NO_RESPONSE), "ESTABLISHING, our Configure-Requests "
		 "are not acknowledged: LCP timed out in state REQsent (line 1); "
		 "nothing acknowledged them");
	dlog_free(g);
	l = first(_metadata, "LCP: timeout sending Config-Requests\n", &g);
	EXPECT_EQ(DL_SRC_PPPD, l->source);
	CONTAINS(text_of(l, DG_NO_RESPONSE), "ESTABLISHING, our Configure-Requests "
		 "are not acknowledged: LCP timed out (line 1); check the line");
	dlog_free(g);
	/* A timeout the peer answered afterwards says nothing. */
	l = first(_metadata,
		"Se0 LCP: TIMEout: State REQsent\n"
		"Se0 LCP: I CONFACK [REQsent] id 2 len 10\n"
		"Se0 LCP: State is Open\n", &g);
	EXPECT_EQ(NULL, dl_diag_find(l, DG_NO_RESPONSE));
	dlog_free(g);
}

/* ---- the variants real logs come in ---- */

TEST(mixed_variants)
{
	struct dlog *g = load("mixed_variants.log");
	const struct dlog_stats *st;
	const struct dl_link *br1, *se, *br2;

	ASSERT_NE(NULL, g);
	st = dlog_stats(g);
	EXPECT_EQ(120, st->lines);
	EXPECT_EQ(98, st->parsed);
	EXPECT_EQ(3, st->console);
	EXPECT_EQ(6, st->skipped);	/* prompts, a comment, junk, a cut option */
	ASSERT_EQ(3, dlog_nlinks(g));
	br1 = dlog_link_by_name(g, "BR0:1");
	se = dlog_link_by_name(g, "Se0/0/0");
	br2 = dlog_link_by_name(g, "BR0:2");
	ASSERT_NE(NULL, br1);
	ASSERT_NE(NULL, se);
	ASSERT_NE(NULL, br2);

	/* The note's sample, unindented, wrapped, "0" for "O". */
	EXPECT_STREQ("ok", kinds(br1));
	EXPECT_EQ(75, br1->route_line);
	EXPECT_EQ(ip("172.22.1.1"), dl_cp_ipv4(br1, PPP_IPCP, true, 3, &(bool){0}));
	EXPECT_EQ(39, br1->ev[dl_cp_get(br1, PPP_LCP)->pack].line);

	/* Uptime stamps, sequence numbers, a wrapped hex dump. */
	EXPECT_STREQ("auth-failed terminated", kinds(se));
	CONTAINS(text_of(se, DG_AUTH_FAILED), "we refused the peer's PAP login "
		 "\"branch7\" (line 87)");
	EXPECT_EQ(0x0ab0c0d0u, ({ size_t n; const uint8_t *o =
		  dl_ev_opt(&se->ev[dl_cp_get(se, PPP_LCP)->lreq], 5, &n);
		  o ? (uint32_t)o[2] << 24 | o[3] << 16 | o[4] << 8 | o[5] : 0; }));
	EXPECT_STREQ("00:12:00", se->ev[0].stamp);
	EXPECT_STREQ("1d02h", se->ev[se->nev - 1].stamp);

	/* Dialer profile: Di1 and Vi1 fold into the B channel. */
	ASSERT_EQ(2, br2->naliases);
	EXPECT_STREQ("Vi1", br2->aliases[0]);
	EXPECT_STREQ("Di1", br2->aliases[1]);
	EXPECT_EQ(VP_UP, br2->phase);	/* Vi1's "Phase is DOWN" is not ours */
	EXPECT_STREQ("ok", kinds(br2));
	EXPECT_TRUE(br2->route);
	EXPECT_EQ(ip("10.0.0.2"), br2->route_addr);
	EXPECT_EQ(VB_THIS_END, br2->by);
	EXPECT_STREQ("00:07:10.100", br2->ev[0].stamp);
	dlog_free(g);
}

TEST(folding_rules)
{
	struct dlog *g = from_text(
		"BR0 IPCP: Install route to 10.0.0.2\n"
		"Di1 IPCP: State is Open\n"
		"Se0/0 LCP: State is Open\n"
		"Vi1 IPCP: State is Open\n"
		"BR0:1 LCP: State is Open\n"
		"BR0 IPCP: State is REQsent\n"
		"Vi1 LCP: State is Open\n"
		"Vi1 IPCP: State is Closed\n"
		"IPCP: State is Open\n");
	const struct dl_link *l;

	ASSERT_NE(NULL, g);
	ASSERT_EQ(5, dlog_nlinks(g));
	/* Nothing to fold into (Di1: no link with LCP yet): links of their own. */
	l = dlog_link(g, 0);
	EXPECT_STREQ("BR0", l->ifname);
	EXPECT_TRUE(l->route);
	EXPECT_STREQ("Di1", dlog_link(g, 1)->ifname);
	/* Vi1 goes to the most recent link with LCP, until it shows LCP. */
	l = dlog_link(g, 2);
	EXPECT_STREQ("Se0/0", l->ifname);
	ASSERT_EQ(1, l->naliases);
	EXPECT_STREQ("Vi1", l->aliases[0]);
	EXPECT_EQ(VS_OPENED, dl_cp_get(l, PPP_IPCP)->state);
	/* BR0 is a link already, so it stays one. */
	EXPECT_STREQ("BR0:1", dlog_link(g, 3)->ifname);
	EXPECT_EQ(0, dlog_link(g, 3)->naliases);
	EXPECT_EQ(VS_REQSENT, dl_cp_get(dlog_link(g, 0), PPP_IPCP)->state);
	l = dlog_link(g, 4);
	EXPECT_STREQ("Vi1", l->ifname);
	/* A line without an interface goes to the last active link. */
	EXPECT_EQ(VS_OPENED, dl_cp_get(l, PPP_IPCP)->state);
	EXPECT_EQ(9, l->ev[l->nev - 1].line);
	dlog_free(g);
}

TEST(folded_names_stick_until_down)
{
	struct dlog *g = from_text(
		"BR0:1 LCP: State is Open\n"
		"Di1 IPCP: O CONFREQ [Closed] id 1 len 10\n"
		"BR0:2 LCP: State is Open\n"
		"Di1 IPCP:    Address 10.0.0.1 (0x03060A000001)\n"
		"Di1 IPCP: State is Open\n"
		"BR0:1 PPP: Phase is DOWN\n"
		"Di1 IPCP: State is REQsent\n");
	const struct dl_link *b1, *b2;

	ASSERT_NE(NULL, g);
	ASSERT_EQ(2, dlog_nlinks(g));
	b1 = dlog_link(g, 0);
	b2 = dlog_link(g, 1);
	/* BR0:2's line in between does not steal Di1's option line. */
	EXPECT_EQ(6, b1->ev[1].optlen);
	EXPECT_EQ(5, b1->ev[2].line);
	EXPECT_EQ(0, dlog_stats(g)->skipped);
	/* Once BR0:1 is down, Di1 folds anew, into BR0:2. */
	EXPECT_EQ(VS_CLOSED, dl_cp_get(b1, PPP_IPCP)->state);
	EXPECT_EQ(VS_REQSENT, dl_cp_get(b2, PPP_IPCP)->state);
	EXPECT_STREQ("Di1", b2->aliases[0]);
	dlog_free(g);
}

TEST(long_names_shortened)
{
	struct dlog *g = from_text(
		"Serial0/0/0 LCP: State is Open\n"
		"%LINK-3-UPDOWN: Interface Serial0/0/0, changed state to down\n"
		"Virtual-Access3 LCP: State is Open\n");

	ASSERT_NE(NULL, g);
	ASSERT_EQ(2, dlog_nlinks(g));
	EXPECT_STREQ("Se0/0/0", dlog_link(g, 0)->ifname);
	EXPECT_EQ(DL_CONSOLE, dlog_link(g, 0)->ev[1].type);
	EXPECT_STREQ("Vi3", dlog_link(g, 1)->ifname);
	dlog_free(g);
}

/* ---- smaller cases, inline ---- */

static const struct dl_link *first(struct __test_metadata *_metadata,
				   const char *text, struct dlog **g)
{
	*g = from_text(text);
	ASSERT_NE(NULL, *g);
	ASSERT_LE(1, dlog_nlinks(*g));
	return dlog_link(*g, 0);
}

TEST(lower_layer_down_without_termreq)
{
	struct dlog *g;
	const struct dl_link *l = first(_metadata,
		"Se0 LCP: State is Open\n"
		"Se0 PPP: Phase is UP\n"
		"Se0 IPCP: State is Open\n"
		"%LINK-3-UPDOWN: Interface Serial0, changed state to down\n"
		"Se0 PPP: Phase is DOWN\n", &g);

	EXPECT_STREQ("terminated", kinds(l));
	CONTAINS(text_of(l, DG_TERMINATED), "the lower layer went down (line 4) "
		 "without a TERMREQ");
	EXPECT_EQ(VS_CLOSED, dl_cp_get(l, PPP_IPCP)->state);
	dlog_free(g);
}

TEST(later_ios_state_events)
{
	struct dlog *g;
	const struct dl_link *l = first(_metadata,
		"Se0/0/0 LCP: Event[Receive ConfReq+] State[REQsent to ACKsent]\n"
		"Se0/0/0 LCP: Event[Receive ConfAck] State[ACKsent to Open]\n", &g);

	EXPECT_EQ(VS_OPENED, dl_cp_get(l, PPP_LCP)->state);
	EXPECT_EQ(2, dl_cp_get(l, PPP_LCP)->open_line);
	dlog_free(g);
}

TEST(looped_by_console_only)
{
	struct dlog *g;
	const struct dl_link *l = first(_metadata,
		"Se0/0/0 LCP: State is Open\n"
		"%LINEPROTO-5-UPDOWN: Line protocol on Interface Serial0/0/0, "
		"changed state to up (looped)\n", &g);

	EXPECT_STREQ("looped", kinds(l));
	CONTAINS(text_of(l, DG_LOOPED), "looped link: the console says so");
	EXPECT_TRUE(cites(dl_diag_find(l, DG_LOOPED), 2));
	dlog_free(g);
}

TEST(magic_collision_once_is_only_possibly_a_loop)
{
	struct dlog *g;
	const struct dl_link *l = first(_metadata,
		"Se0 LCP: O CONFREQ [Closed] id 1 len 10\n"
		"Se0 LCP:    MagicNumber 0x01020304 (0x050601020304)\n"
		"Se0 LCP: I CONFREQ [REQsent] id 1 len 10\n"
		"Se0 LCP:    MagicNumber 0x01020304 (0x050601020304)\n", &g);

	CONTAINS(text_of(l, DG_LOOPED), "possibly looped link");
	dlog_free(g);
}

TEST(chap_challenges_never_answered)
{
	struct dlog *g;
	const struct dl_link *l = first(_metadata,
		"Se0 LCP: State is Open\n"
		"Se0 PPP: Phase is AUTHENTICATING, by this end\n"
		"Se0 CHAP: O CHALLENGE id 1 len 23 from \"R1\"\n"
		"Se0 CHAP: O CHALLENGE id 2 len 23 from \"R1\"\n"
		"Se0 CHAP: O CHALLENGE id 3 len 23 from \"R1\"\n", &g);

	EXPECT_STREQ("auth-failed", kinds(l));
	CONTAINS(text_of(l, DG_AUTH_FAILED), "the peer never answered our CHAP "
		 "challenges (lines 3 to 5)");
	dlog_free(g);
}

TEST(unable_to_authenticate_for_peer)
{
	struct dlog *g;
	const struct dl_link *l = first(_metadata,
		"Se0 LCP: State is Open\n"
		"Se0 CHAP: I CHALLENGE id 1 len 23 from \"R2\"\n"
		"Se0 CHAP: Unable to authenticate for peer\n", &g);

	EXPECT_STREQ("auth-failed", kinds(l));
	CONTAINS(text_of(l, DG_AUTH_FAILED), "we could not answer the peer's CHAP "
		 "challenge from \"R2\" (line 3)");
	dlog_free(g);
}

TEST(incomplete_when_nothing_to_blame)
{
	struct dlog *g;
	const struct dl_link *l = first(_metadata,
		"Se0 LCP: State is Open\n"
		"Se0 PPP: Phase is AUTHENTICATING, by both\n"
		"Se0 CHAP: O CHALLENGE id 1 len 23 from \"R1\"\n", &g);

	EXPECT_STREQ("incomplete", kinds(l));
	CONTAINS(text_of(l, DG_INCOMPLETE), "the log ends in phase AUTHENTICATING "
		 "with LCP Open (line 1); authentication did not finish");
	dlog_free(g);
}

/* ---- never fatal, never confused by chunking ---- */

TEST(garbage_is_counted_not_fatal)
{
	static const char junk[] =
		"\n\n"
		"random text\n"
		"*Mar  1 00:00:00.000: Se0 LCP:    MRU 1500 (0x010405DC)\n"
		"*Mar  1 00:00:00.000: Se0 LCP: O CONFREQ [Bogus] id 99999999 len x\n"
		"*Mar  1 00:00:00.000: Se0 LCP:    Garbled (0x00)\n"
		"*Mar  1 00:00:00.000: Se0 LCP:    MRU 1500 (0x01Z4)\n"
		"*Mar  1 00:00:00.000: Se0 LCP:    Unknown 9 (0x09)\n"
		"*Mar  1 00:00:00.000: Se0 LCP:    Address 1.2.3.4\n"
		"*Mar  1 00:00:00.000: Se0 IPCP:    Address 1.2.3.4\n"
		"(0x0306\n"
		"%\n"
		"IPCP:\n";
	char big[DL_LINE_MAX + 100];
	struct dlog *g = dlog_new();
	const struct dl_link *l;

	ASSERT_NE(NULL, g);
	dlog_feed(g, junk, sizeof(junk) - 1);
	memset(big, 'A', sizeof(big));
	big[sizeof(big) - 1] = '\n';
	dlog_feed(g, big, sizeof(big));
	dlog_feed(g, "\0\0\0 LCP:\0\n", 11);
	dlog_feed(g, "Se0 LCP: State is Open", 22);	/* no newline at the end */
	dlog_end(g);
	EXPECT_EQ(-EINVAL, dlog_feed(g, "x\n", 2));
	EXPECT_EQ(16, dlog_stats(g)->lines);
	ASSERT_EQ(1, dlog_nlinks(g));
	l = dlog_link(g, 0);
	/* The CONFREQ took the two raw bytes, nothing of the damaged line. */
	ASSERT_EQ(2, l->ev[0].optlen);
	EXPECT_EQ(0x00, l->ev[0].opts[0]);
	EXPECT_EQ(0x09, l->ev[0].opts[1]);
	EXPECT_EQ(VS_OPENED, dl_cp_get(l, PPP_LCP)->state);
	EXPECT_EQ(-1, l->ev[0].state);
	EXPECT_EQ(-1, l->ev[0].id);
	EXPECT_EQ(-1, l->ev[0].len);
	EXPECT_EQ(DL_NOTE, l->ev[1].type);	/* "LCP: Address ..." */
	EXPECT_EQ(5, dlog_stats(g)->parsed);
	/*
	 * Skipped: "random text", the orphan option, the damaged hex, the
	 * IPCP option (joined with "(0x0306" and "%" that continue its open
	 * hex), the empty "IPCP:", the overlong line, the NUL line.
	 */
	EXPECT_EQ(7, dlog_stats(g)->skipped);
	dlog_free(g);
}

TEST(full_line_then_continuation)
{
	char line[DL_LINE_MAX + 1];
	struct dlog *g = dlog_new();
	size_t n = DL_LINE_MAX;

	ASSERT_NE(NULL, g);
	/* A console message of exactly DL_LINE_MAX bytes, then wrapped pieces. */
	memset(line, 'x', n);
	memcpy(line, "%LINK-3-UPDOWN: Interface Serial0, ", 35);
	dlog_feed(g, line, n);
	dlog_feed(g, "\nchanged state to\nup\n", 21);
	dlog_end(g);
	EXPECT_EQ(3, dlog_stats(g)->lines);
	EXPECT_EQ(1, dlog_stats(g)->console);
	EXPECT_EQ(0, dlog_stats(g)->skipped);
	dlog_free(g);
}

static char *json_of_file(const char *name, size_t chunk)
{
	char path[256], buf[4096];
	struct dlog *g = dlog_new();
	size_t n, i;
	char *out;
	FILE *f;

	snprintf(path, sizeof(path), "data/explain/%s", name);
	f = fopen(path, "r");
	if (!f)
		return NULL;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		for (i = 0; i < n; i += chunk)
			dlog_feed(g, buf + i, n - i < chunk ? n - i : chunk);
	fclose(f);
	dlog_end(g);
	out = capture_json(g, true);
	dlog_free(g);
	return out;
}

TEST(chunking_does_not_matter)
{
	char *whole = json_of_file("mixed_variants.log", 1 << 20);
	char *bytes = json_of_file("mixed_variants.log", 1);
	char *odd = json_of_file("mixed_variants.log", 7);

	ASSERT_NE(NULL, whole);
	EXPECT_STREQ(whole, bytes);
	EXPECT_STREQ(whole, odd);
	free(whole);
	free(bytes);
	free(odd);
}

/* ---- the formatter's output reads back to the same bytes ---- */

static void fixed_clock(void *arg, struct tm *tm, unsigned int *msec)
{
	(void)arg;
	tm->tm_mon = 2;
	tm->tm_mday = 1;
	tm->tm_hour = 0;
	tm->tm_min = 6;
	tm->tm_sec = 37;
	*msec = 54;
}

TEST(formatter_roundtrip)
{
	static const uint8_t req[] = {
		1, 1, 0, 33,
		1, 4, 0x05, 0xdc,
		2, 6, 0, 0x0a, 0, 0,
		3, 4, 0xc0, 0x23,
		5, 6, 0xde, 0xad, 0xbe, 0xef,
		7, 2, 8, 2,
		13, 3, 6,
		0x2a, 0,	/* garbled: length 0 */
	};
	static const uint8_t pap[] = {
		1, 1, 0, 20, 6, 'b', 'r', '-', 'r', 't', 'r', 8,
		'h', 'u', 'n', 't', 'e', 'r', '2', '!',
	};
	char *buf = NULL, *out;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct dlog *g;
	struct dbg d;
	const struct dl_link *l;

	dbg_init(&d, f);
	dbg_set_clock(&d, fixed_clock, NULL);
	dbg_enable(&d, DBG_NEGOTIATION | DBG_AUTHENTICATION);
	dbg_phase(&d, "Se0/0/0", VP_ESTABLISHING, "Active Open");
	dbg_packet(&d, "Se0/0/0", PPP_LCP, 'I', "REQsent", req, sizeof(req));
	dbg_packet(&d, "Se0/0/0", PPP_PAP, 'O', NULL, pap, sizeof(pap));
	fclose(f);
	g = from_text(buf);
	ASSERT_NE(NULL, g);
	ASSERT_EQ(1, dlog_nlinks(g));
	l = dlog_link(g, 0);
	ASSERT_EQ(3, l->nev);
	EXPECT_EQ(DL_PACKET, l->ev[1].type);
	EXPECT_EQ('I', l->ev[1].dir);
	EXPECT_EQ(CP_CONFREQ, l->ev[1].code);
	EXPECT_EQ(VS_REQSENT, l->ev[1].state);
	EXPECT_EQ(33, l->ev[1].len);
	ASSERT_EQ(sizeof(req) - 4, l->ev[1].optlen);
	EXPECT_EQ(0, memcmp(req + 4, l->ev[1].opts, sizeof(req) - 4));
	EXPECT_STREQ("00:06:37.054", l->ev[1].stamp);
	EXPECT_STREQ("br-rtr", l->ev[2].name);
	EXPECT_EQ(PPP_PAP, l->auth_local.proto);
	/* The password is nowhere: not in the log, not in what explain says. */
	EXPECT_EQ(NULL, strstr(buf, "hunter2"));
	out = capture_json(g, true);
	EXPECT_EQ(NULL, strstr(out, "hunter2"));
	EXPECT_TRUE(json_valid(out, strlen(out), true));
	free(out);
	dlog_free(g);
	free(buf);
}

/*
 * One exchange written by pppk's formatter in IOS's format and in pppd's
 * (debug-format pppd): explain gives both the same reading.  CHAP: the
 * peer refuses our response, we terminate.
 */
static char *format_exchange(int format)
{
	static const struct {
		uint16_t proto;
		char dir;
		const char *state;
		size_t len;
		uint8_t pkt[32];
	} ex[] = {
		{ PPP_LCP, 'O', "Stopped", 16, { 1, 1, 0, 16, 2, 6, 0, 0, 0, 0, 5, 6,
						 0x11, 0x22, 0x33, 0x44 } },
		{ PPP_LCP, 'I', "REQsent", 19, { 1, 7, 0, 19, 3, 5, 0xc2, 0x23, 5, 5,
						 6, 0x55, 0x66, 0x77, 0x88, 7, 2, 8, 2 } },
		{ PPP_LCP, 'O', "REQsent", 19, { 2, 7, 0, 19, 3, 5, 0xc2, 0x23, 5, 5,
						 6, 0x55, 0x66, 0x77, 0x88, 7, 2, 8, 2 } },
		{ PPP_LCP, 'I', "ACKsent", 16, { 2, 1, 0, 16, 2, 6, 0, 0, 0, 0, 5, 6,
						 0x11, 0x22, 0x33, 0x44 } },
		{ PPP_CHAP, 'I', NULL, 13, { 1, 1, 0, 13, 4, 1, 2, 3, 4, 'b', 'r',
					     'a', 's' } },
		{ PPP_CHAP, 'O', NULL, 13, { 2, 1, 0, 13, 4, 9, 8, 7, 6, 'c', 'p',
					     'e', '7' } },
		{ PPP_CHAP, 'I', NULL, 17, { 4, 1, 0, 17, 'A', 'c', 'c', 'e', 's',
					     's', ' ', 'd', 'e', 'n', 'i', 'e', 'd' } },
		{ PPP_LCP, 'O', "Open", 4, { 5, 2, 0, 4 } },
		{ PPP_LCP, 'I', "Closing", 4, { 6, 2, 0, 4 } },
	};
	char *buf = NULL;
	size_t len = 0, i;
	FILE *f = open_memstream(&buf, &len);
	struct dbg d;

	dbg_init(&d, f);
	dbg_set_clock(&d, fixed_clock, NULL);
	dbg_enable(&d, DBG_NEGOTIATION | DBG_AUTHENTICATION);
	d.format = format;
	dbg_phase(&d, "pppk0", VP_ESTABLISHING, "Active Open");
	for (i = 0; i < sizeof(ex) / sizeof(ex[0]); i++) {
		if (i == 4)
			dbg_phase(&d, "pppk0", VP_AUTHENTICATING, "by the peer");
		if (i == 7)
			dbg_phase(&d, "pppk0", VP_TERMINATING, NULL);
		dbg_packet(&d, "pppk0", ex[i].proto, ex[i].dir, ex[i].state,
			   ex[i].pkt, ex[i].len);
	}
	dbg_state(&d, "pppk0", PPP_LCP, VS_CLOSED);
	dbg_phase(&d, "pppk0", VP_DOWN, NULL);
	fclose(f);
	return buf;
}

TEST(formatter_pppd_format_roundtrip)
{
	char *ios = format_exchange(DBG_FMT_IOS);
	char *pppd = format_exchange(DBG_FMT_PPPD);
	struct dlog *gi = from_text(ios), *gp = from_text(pppd);
	const struct dl_link *li, *lp;

	ASSERT_NE(NULL, gi);
	ASSERT_NE(NULL, gp);
	CONTAINS(pppd, "sent [LCP ConfReq id=0x1 <asyncmap 0x0> <magic 0x11223344>]\n");
	CONTAINS(pppd, "rcvd [CHAP Failure id=0x1 \"Access denied\"]\n");
	EXPECT_EQ(NULL, strstr(pppd, "Phase"));
	ASSERT_EQ(1, dlog_nlinks(gi));
	ASSERT_EQ(1, dlog_nlinks(gp));
	li = dlog_link(gi, 0);
	lp = dlog_link(gp, 0);
	EXPECT_EQ(DL_SRC_PPPK, li->source);
	EXPECT_EQ(DL_SRC_PPPD, lp->source);
	EXPECT_EQ(0, dlog_stats(gp)->skipped);
	EXPECT_STREQ("auth-failed terminated", kinds(li));
	EXPECT_STREQ(kinds(li), kinds(lp));
	EXPECT_EQ(li->furthest, lp->furthest);
	EXPECT_EQ(VP_AUTHENTICATING, lp->furthest);
	EXPECT_EQ(VS_CLOSED, dl_cp_get(li, PPP_LCP)->state);
	EXPECT_EQ(dl_cp_get(li, PPP_LCP)->state, dl_cp_get(lp, PPP_LCP)->state);
	EXPECT_EQ(li->auth_local.proto, lp->auth_local.proto);
	EXPECT_EQ(li->auth_local.result, lp->auth_local.result);
	EXPECT_STREQ(li->auth_local.name, lp->auth_local.name);
	EXPECT_STREQ("cpe7", lp->auth_local.name);
	EXPECT_STREQ(li->peer_host, lp->peer_host);
	EXPECT_STREQ(li->auth_local.msg, lp->auth_local.msg);
	EXPECT_EQ(0, memcmp(li->ev[1].opts, lp->ev[0].opts, li->ev[1].optlen));
	CONTAINS(text_of(lp, DG_AUTH_FAILED), "rejected our CHAP response as "
		 "\"cpe7\" (line 7) with \"Access denied\"");
	/* pppctl takes pppd's words and files: its remedies are pppd's. */
	CONTAINS(text_of(li, DG_AUTH_FAILED), "check `name cpe7` (or `user`) and "
		 "its line in /etc/ppp/chap-secrets here");
	EXPECT_EQ(NULL, strstr(text_of(li, DG_AUTH_FAILED), "ppp chap hostname"));
	dlog_free(gi);
	dlog_free(gp);
	free(ios);
	free(pppd);
}

/* ---- JSON and SVG ---- */

static const char *const logs[] = {
	"note_sample.log", "mixed_variants.log", "no_response_lcp.log",
	"no_response_oneway.log", "ncp_no_response.log", "option_loop_mru.log",
	"option_loop_authproto.log", "auth_chap_secret.log",
	"auth_chap_rejected_by_peer.log", "auth_pap_nak.log",
	"auth_username_not_found.log", "ipcp_conflict.log",
	"ipcp_no_address_us.log", "ipcp_no_address_peer.log",
	"ipcp_nak_loop.log", "protrej_cdpcp.log", "looped.log",
	"keepalive.log", "terminated_by_peer.log", "no_route.log",
	"pppd_real_chap_to_pap.log", "pppd_real_no_ncp.log", "pppd_real_words.log",
	"pppd_ok_chap.log", "pppd_lcp_timeout.log", "pppd_oneway.log",
	"pppd_looped.log", "pppd_chap_rejected_by_peer.log",
	"pppd_chap_secret_peer.log", "pppd_chap_no_secret.log",
	"pppd_pap_failed.log", "pppd_peer_refused_auth.log",
	"pppd_ipcp_not_authorized.log", "pppd_ipcp_no_local.log",
	"pppd_keepalive.log", "pppd_modem_hangup.log",
	"pppd_terminated_by_peer.log", "pppd_nodebug_pap.log",
	"note_sample_markdown.log", "pppd_interleaved.log", "ios_legacy_ok.log",
	"ios_legacy_md_compare.log", "ios_legacy_no_answer.log",
	"ios_legacy_looped.log", "ios_legacy_serial_rej.log",
	"pppd_dns_rejected.log", "pppd_mschapv2_nak.log",
	"ios_legacy_chap_names.log",
};

/* Run python3's parser too when there is one; the C check always runs. */
static int python_json_ok(const char *json)
{
	char cmd[] = "python3 -m json.tool >/dev/null 2>&1";
	FILE *p;

	if (system("python3 -c '' >/dev/null 2>&1"))
		return -1;
	p = popen(cmd, "w");
	if (!p)
		return -1;
	fputs(json, p);
	return pclose(p) == 0;
}

TEST(json_is_valid_for_every_log)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(logs); i++) {
		struct dlog *g = load(logs[i]);
		char *out;

		ASSERT_NE(NULL, g) TH_LOG("%s", logs[i]);
		out = capture_json(g, i % 2);
		EXPECT_TRUE(json_valid(out, strlen(out), true)) TH_LOG("%s", logs[i]);
		EXPECT_NE(0, python_json_ok(out)) TH_LOG("%s", logs[i]);
		free(out);
		dlog_free(g);
	}
}

TEST(json_escapes_hostile_strings)
{
	struct dlog *g = from_text(
		"Se0 CHAP: I RESPONSE id 1 len 30 from \"a\\\"b\\\\c\x01\xff\t\"\n"
		"Se0 CHAP: O FAILURE id 1 len 9 msg is \"}]\"\n"
		"Se0 PPP: \"quote\\ \x7f\n");
	char *out;

	ASSERT_NE(NULL, g);
	out = capture_json(g, true);
	EXPECT_TRUE(json_valid(out, strlen(out), true));
	CONTAINS(out, "\"name\":\"a\\\\\\\"b\\\\\\\\c\\u0001\\u00ff\\t\"");
	free(out);
	/* The checker does refuse bad JSON. */
	EXPECT_FALSE(json_valid("{\"a\":1,}", 8, true));
	EXPECT_FALSE(json_valid("{\"a\":\"\x01\"}", 9, true));
	EXPECT_FALSE(json_valid("[1] x", 5, true));
	EXPECT_FALSE(json_valid("[01]", 4, true));
	dlog_free(g);
}

TEST(svg_is_well_formed_enough)
{
	struct dlog *g = load("mixed_variants.log");
	char *out;
	int open = 0, close = 0;
	const char *p;

	ASSERT_NE(NULL, g);
	out = capture(explain_svg, g);
	EXPECT_EQ(0, strncmp(out, "<?xml", 5));
	CONTAINS(out, "<svg xmlns=\"http://www.w3.org/2000/svg\"");
	CONTAINS(out, ">LCP CONFREQ id 7</text>");
	CONTAINS(out, "&quot;maui-soho-01&quot;");
	EXPECT_EQ(0, strcmp(out + strlen(out) - 7, "</svg>\n"));
	for (p = out; (p = strstr(p, "<text")); p++)
		open++;
	for (p = out; (p = strstr(p, "</text>")); p++)
		close++;
	EXPECT_EQ(open, close);
	EXPECT_GT(open, 100);
	EXPECT_EQ(NULL, strchr(out, '\x01'));
	free(out);
	dlog_free(g);
}

/* ---- the command ---- */

/* Run cmd_explain with stdout and stderr into files; returns its status. */
static int run(char *const *argv, char **out, char **err)
{
	char o[] = "/tmp/explain-outXXXXXX", e[] = "/tmp/explain-errXXXXXX";
	int fo = mkstemp(o), fe = mkstemp(e), so, se, rc, argc = 0;
	FILE *f;
	long n;

	while (argv[argc])
		argc++;
	fflush(stdout);
	fflush(stderr);
	so = dup(1);
	se = dup(2);
	dup2(fo, 1);
	dup2(fe, 2);
	rc = cmd_explain(argc, (char **)argv);
	fflush(stdout);
	fflush(stderr);
	dup2(so, 1);
	dup2(se, 2);
	close(so);
	close(se);
	close(fo);
	close(fe);
	for (n = 0; n < 2; n++) {
		f = fopen(n ? e : o, "r");
		fseek(f, 0, SEEK_END);
		*(n ? err : out) = calloc(1, ftell(f) + 1);
		rewind(f);
		if (fread(*(n ? err : out), 1, 1 << 20, f)) {
		}
		fclose(f);
	}
	unlink(o);
	unlink(e);
	return rc;
}

TEST(cmd_explain_text_json_svg)
{
	char *const text[] = { "explain", "data/explain/auth_pap_nak.log", NULL };
	char *const nol[] = { "explain", "--no-ladder", "data/explain/auth_pap_nak.log", NULL };
	char *const js[] = { "explain", "-j", "data/explain/auth_pap_nak.log", NULL };
	char *const svg[] = { "explain", "--no-ladder", "--svg", "/tmp/explain-test.svg",
			      "data/explain/looped.log", NULL };
	char *out, *err;
	struct stat sb;

	EXPECT_EQ(0, run(text, &out, &err));
	CONTAINS(out, "As1: phase DOWN, furthest AUTHENTICATING\n");
	CONTAINS(out, "|<--------- PAP AUTH-NAK id 1 -----------|");
	/* The ladder comes after the summary. */
	EXPECT_LT(strstr(out, "read 33 lines"), strstr(out, "PAP AUTH-NAK id 1 --"));
	EXPECT_STREQ("", err);
	free(out);
	free(err);
	EXPECT_EQ(0, run(nol, &out, &err));
	EXPECT_EQ(NULL, strstr(out, "AUTH-NAK id 1 --"));
	free(out);
	free(err);
	EXPECT_EQ(0, run(js, &out, &err));
	EXPECT_TRUE(json_valid(out, strlen(out), true));
	CONTAINS(out, "\"kind\":\"auth-failed\"");
	CONTAINS(out, "\"ladder\":[");
	free(out);
	free(err);
	g_opts.json = true;	/* pppctl -j explain */
	EXPECT_EQ(0, run(text, &out, &err));
	g_opts.json = false;
	EXPECT_TRUE(json_valid(out, strlen(out), true));
	free(out);
	free(err);
	unlink("/tmp/explain-test.svg");
	EXPECT_EQ(0, run(svg, &out, &err));
	EXPECT_EQ(0, stat("/tmp/explain-test.svg", &sb));
	EXPECT_GT(sb.st_size, 1000);
	unlink("/tmp/explain-test.svg");
	free(out);
	free(err);
}

TEST(cmd_explain_errors)
{
	char *const missing[] = { "explain", "data/explain/no-such.log", NULL };
	char *const two[] = { "explain", "a", "b", NULL };
	char *const badopt[] = { "explain", "--bogus", NULL };
	char *const badsvg[] = { "explain", "--svg", "/nonexistent/dir/x.svg",
				 "data/explain/looped.log", NULL };
	char *const help[] = { "explain", "--help", NULL };
	char *out, *err;

	EXPECT_EQ(1, run(missing, &out, &err));
	EXPECT_STREQ("pppctl explain: data/explain/no-such.log: No such file or directory\n", err);
	free(out);
	free(err);
	EXPECT_EQ(1, run(two, &out, &err));
	CONTAINS(err, "pppctl explain: one log at most, not 'a' and 'b'\n");
	CONTAINS(err, "Usage: pppctl");
	free(out);
	free(err);
	EXPECT_EQ(1, run(badopt, &out, &err));
	free(out);
	free(err);
	EXPECT_EQ(1, run(badsvg, &out, &err));
	CONTAINS(err, "pppctl explain: /nonexistent/dir/x.svg: No such file or directory\n");
	free(out);
	free(err);
	EXPECT_EQ(0, run(help, &out, &err));
	CONTAINS(out, "--svg FILE");
	free(out);
	free(err);
}

TEST_HARNESS_MAIN
