// SPDX-License-Identifier: GPL-2.0
/*
 * LCP (lcp.c) on the real automaton (fsm.c): byte-exact Configure-Requests
 * as Cisco IOS (the troubleshooting note's callin) and pppd 2.4.9 send them
 * with the exact replies, every option rule, the extra codes, and pairs of
 * instances negotiating back to back with differing configurations.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kselftest_harness.h"
#include "cp_wire.h"
#include "proto/cp.h"
#include "proto/lcp.h"
#include "proto/vocab.h"

#define M4(x) (uint8_t)((x) >> 24), (uint8_t)((x) >> 16), \
	      (uint8_t)((x) >> 8), (uint8_t)(x)

static void h_looped(void *o, unsigned int count)
{
	struct hrec *h = o;

	h->looped++;
	h->loop_count = count;
}

static void h_coderej(void *o, uint8_t code)
{
	struct hrec *h = o;

	h->coderej++;
	h->coderej_code = code;
}

static void h_protrej(void *o, uint16_t proto)
{
	struct hrec *h = o;

	h->protrej++;
	h->protrej_proto = proto;
}

static void h_echo(void *o, uint8_t id, uint32_t magic, const uint8_t *d,
		   size_t len)
{
	struct hrec *h = o;

	(void)d;
	h->echo++;
	h->echo_id = id;
	h->echo_magic = magic;
	h->echo_len = len;
}

static const struct lcp_hooks lhooks = {
	.up = h_up,
	.down = h_down,
	.started = h_started,
	.finished = h_finished,
	.looped = h_looped,
	.code_rej = h_coderej,
	.proto_rej = h_protrej,
	.failed = h_failed,
	.echo_reply = h_echo,
};

/* One LCP instance with its owner. */
struct lb {
	struct wend *e;
	struct lcp l;
	struct lcp_conf c;
	struct hrec h;
};

static struct lb *lb_new(const struct lcp_conf *c)
{
	struct lb *b = calloc(1, sizeof(*b));

	if (!b)
		abort();
	b->e = wend_new();
	b->c = *c;
	lcp_init(&b->l, &b->c, &wire_ops, b->e, &lhooks, &b->h);
	b->e->f = &b->l.fsm;
	return b;
}

static void lb_free(struct lb *b)
{
	free(b->e);
	free(b);
}

/* Up and Open: our first Configure-Request goes out. */
static struct lb *lb_started(const struct lcp_conf *c)
{
	struct lb *b = lb_new(c);

	fsm_up(&b->l.fsm);
	fsm_open(&b->l.fsm);
	return b;
}

/* Opened against a peer whose request is pppd's default one. */
static struct lb *lb_opened(const struct lcp_conf *c, const uint8_t *req,
			    size_t len)
{
	struct lb *b = lb_started(c);

	wire_feed(b->e, PPP_CONFREQ, 1, req, len);
	wire_ack_last_req(b->e);
	return b;
}

static const uint8_t PPPD_REQ[] = {
	0x02, 0x06, 0x00, 0x00, 0x00, 0x00,	/* asyncmap 0 */
	0x05, 0x06, 0x3a, 0x5c, 0x11, 0x7e,	/* magic 0x3a5c117e */
	0x07, 0x02,				/* pcomp */
	0x08, 0x02,				/* accomp */
};

/* ------------------------------------------------------------------ */
/* Real requests, exact replies                                        */
/* ------------------------------------------------------------------ */

/*
 * The note's callin, maui-soho-01 side: "ppp authentication chap", no PAP
 * sent-username (so it cannot do PAP for the peer), passive open.
 */
TEST(cisco_note_callin)
{
	struct lcp_conf c = {
		.require_auth = LCP_AUTH_CHAP, .can_chap = true,
		.default_asyncmap = true, .nopcomp = true, .noaccomp = true,
	};
	struct lb *b = lb_new(&c);
	uint32_t m;
	uint8_t id;

	b->l.fsm.opts = FSM_OPT_SILENT;
	fsm_open(&b->l.fsm);
	fsm_up(&b->l.fsm);
	EXPECT_STREQ("Listen", fsm_cur_state_name(&b->l.fsm));
	EXPECT_EQ(0, b->e->nlog);

	/* I CONFREQ [Listen] id 7 len 17: PAP, magic, Callback 0 */
	EXPECT_EQ(FSM_RX_EVENT, FEED(b->e, PPP_CONFREQ, 7,
		  0x03, 0x04, 0xc0, 0x23,
		  0x05, 0x06, 0x50, 0x7a, 0x21, 0x4d,
		  0x0d, 0x03, 0x00));
	ASSERT_EQ(2, b->e->nlog);
	/* O CONFREQ [Listen] id 4 len 15: AuthProto CHAP, MagicNumber */
	m = b->l.want.magic;
	EXPECT_NE(0, m);
	id = b->e->log[0].b[1];
	EXPECT_TRUE(pkt_is(&b->e->log[0], PPP_CONFREQ, id,
			   BYTES(0x03, 0x05, 0xc2, 0x23, 0x05,
				 0x05, 0x06, M4(m)), 11));
	EXPECT_STREQ("Listen", b->e->log[0].state);
	/* O CONFREJ [Listen] id 7 len 7: Callback 0 (0x0D0300) */
	EXPECT_SENT(b->e, PPP_CONFREJ, 7, 0x0d, 0x03, 0x00);
	EXPECT_STREQ("Listen", wire_last(b->e)->state);
	EXPECT_EQ(FSM_REQSENT, fsm_state(&b->l.fsm));

	/* I CONFACK [REQsent] id 4 len 15 */
	EXPECT_EQ(FSM_RX_EVENT, FEED(b->e, PPP_CONFACK, id,
		  0x03, 0x05, 0xc2, 0x23, 0x05, 0x05, 0x06, M4(m)));
	EXPECT_EQ(FSM_ACKRCVD, fsm_state(&b->l.fsm));

	/* I CONFREQ [ACKrcvd] id 8 len 14 -> O CONFNAK id 8 len 9 CHAP */
	FEED(b->e, PPP_CONFREQ, 8, 0x03, 0x04, 0xc0, 0x23,
	     0x05, 0x06, 0x50, 0x7a, 0x21, 0x4d);
	EXPECT_SENT(b->e, PPP_CONFNAK, 8, 0x03, 0x05, 0xc2, 0x23, 0x05);
	EXPECT_STREQ("ACKrcvd", wire_last(b->e)->state);
	EXPECT_EQ(0, b->h.up);

	/* I CONFREQ [ACKrcvd] id 9 len 15 -> O CONFACK id 9, Open */
	FEED(b->e, PPP_CONFREQ, 9, 0x03, 0x05, 0xc2, 0x23, 0x05,
	     0x05, 0x06, 0x50, 0x7a, 0x21, 0x4d);
	EXPECT_SENT(b->e, PPP_CONFACK, 9, 0x03, 0x05, 0xc2, 0x23, 0x05,
		    0x05, 0x06, 0x50, 0x7a, 0x21, 0x4d);
	EXPECT_EQ(FSM_OPENED, fsm_state(&b->l.fsm));
	EXPECT_EQ(1, b->h.up);
	EXPECT_EQ(4, b->e->nlog);

	/* Phase is AUTHENTICATING, by both: CHAP each way */
	EXPECT_EQ(PPP_CHAP, lcp_auth_peer(&b->l));
	EXPECT_EQ(PPP_CHAP, lcp_auth_self(&b->l));
	EXPECT_EQ(0x507a214d, lcp_magic_peer(&b->l));
	EXPECT_EQ(m, lcp_magic_local(&b->l));
	EXPECT_EQ(1500, lcp_tx_mru(&b->l));
	EXPECT_EQ(1500, lcp_rx_mru(&b->l));
	EXPECT_EQ(0xffffffffu, lcp_tx_accm(&b->l));
	EXPECT_FALSE(lcp_tx_pfc(&b->l));
	EXPECT_FALSE(lcp_rx_acfc(&b->l));
	lb_free(b);
}

/* pppd 2.4.9's default request is acked; ours has its layout. */
TEST(pppd_default_request)
{
	struct lcp_conf c = { 0 };
	struct lb *b = lb_started(&c);
	uint32_t m = b->l.want.magic;
	const struct wpkt *p = wire_last(b->e);

	ASSERT_NE(NULL, p);
	/* Same options, same order as pppd: ACCM 0, magic, PFC, ACFC */
	EXPECT_TRUE(pkt_is(p, PPP_CONFREQ, p->b[1],
			   BYTES(0x02, 0x06, 0, 0, 0, 0, 0x05, 0x06, M4(m),
				 0x07, 0x02, 0x08, 0x02), 16));
	EXPECT_EQ(FSM_RX_EVENT, wire_feed(b->e, PPP_CONFREQ, 1, PPPD_REQ,
					  sizeof(PPPD_REQ)));
	EXPECT_TRUE(pkt_is(wire_last(b->e), PPP_CONFACK, 1, PPPD_REQ,
			   sizeof(PPPD_REQ)));
	wire_ack_last_req(b->e);
	EXPECT_EQ(FSM_OPENED, fsm_state(&b->l.fsm));
	EXPECT_EQ(1, b->h.up);
	EXPECT_EQ(0, lcp_tx_accm(&b->l));
	EXPECT_EQ(0, lcp_rx_accm(&b->l));
	EXPECT_TRUE(lcp_tx_pfc(&b->l));
	EXPECT_TRUE(lcp_tx_acfc(&b->l));
	EXPECT_TRUE(lcp_rx_pfc(&b->l));
	EXPECT_TRUE(lcp_rx_acfc(&b->l));
	EXPECT_EQ(0x3a5c117e, lcp_magic_peer(&b->l));
	EXPECT_EQ(0, lcp_auth_peer(&b->l));
	EXPECT_EQ(0, lcp_auth_self(&b->l));
	lb_free(b);
}

/* pppd with "mru 296": acked, and it is then our MTU. */
TEST(pppd_mru_296)
{
	struct lcp_conf c = { 0 };
	struct lb *b = lb_started(&c);

	FEED(b->e, PPP_CONFREQ, 1, 0x01, 0x04, 0x01, 0x28,
	     0x02, 0x06, 0, 0, 0, 0, 0x05, 0x06, 0x3a, 0x5c, 0x11, 0x7e);
	EXPECT_SENT(b->e, PPP_CONFACK, 1, 0x01, 0x04, 0x01, 0x28,
		    0x02, 0x06, 0, 0, 0, 0, 0x05, 0x06, 0x3a, 0x5c, 0x11, 0x7e);
	wire_ack_last_req(b->e);
	EXPECT_EQ(296, lcp_tx_mru(&b->l));
	EXPECT_EQ(1500, lcp_rx_mru(&b->l));
	EXPECT_FALSE(lcp_tx_pfc(&b->l));
	lb_free(b);
}

/*
 * The peer's MRU: below 128 Nak'd; above our mtu acked (pppd), and our MTU
 * is the smaller of the two.
 */
TEST(peer_mru_out_of_range_is_naked)
{
	struct lcp_conf c = { 0 };
	struct lcp_conf c1400 = { .mtu = 1400 };
	struct lb *b = lb_started(&c);
	struct lb *b2 = lb_started(&c1400);

	FEED(b->e, PPP_CONFREQ, 1, 0x01, 0x04, 0x00, 0x40);	/* 64 */
	EXPECT_SENT(b->e, PPP_CONFNAK, 1, 0x01, 0x04, 0x00, 0x80);
	FEED(b->e, PPP_CONFREQ, 2, 0x01, 0x04, 0xff, 0xff);	/* 65535 */
	EXPECT_SENT(b->e, PPP_CONFACK, 2, 0x01, 0x04, 0xff, 0xff);
	FEED(b->e, PPP_CONFREQ, 3, 0x01, 0x04, 0x00, 0x80);	/* 128 */
	EXPECT_SENT(b->e, PPP_CONFACK, 3, 0x01, 0x04, 0x00, 0x80);
	FEED(b->e, PPP_CONFREQ, 4, 0x01, 0x04, 0x11, 0x76);	/* 4470 */
	EXPECT_SENT(b->e, PPP_CONFACK, 4, 0x01, 0x04, 0x11, 0x76);

	FEED(b2->e, PPP_CONFREQ, 1, 0x01, 0x04, 0x05, 0xdc);	/* 1500 */
	EXPECT_SENT(b2->e, PPP_CONFACK, 1, 0x01, 0x04, 0x05, 0xdc);
	EXPECT_EQ(1400, lcp_tx_mru(&b2->l));
	FEED(b2->e, PPP_CONFREQ, 2, 0x01, 0x04, 0x05, 0x00);	/* 1280 */
	EXPECT_SENT(b2->e, PPP_CONFACK, 2, 0x01, 0x04, 0x05, 0x00);
	EXPECT_EQ(1280, lcp_tx_mru(&b2->l));
	/* no MRU from the peer (1500): our MTU is still capped */
	FEED(b2->e, PPP_CONFREQ, 3);
	wire_ack_last_req(b2->e);
	ASSERT_EQ(FSM_OPENED, fsm_state(&b2->l.fsm));
	EXPECT_EQ(1500, b2->l.his.mru);
	EXPECT_EQ(1400, lcp_tx_mru(&b2->l));
	lb_free(b);
	lb_free(b2);
}

/* RFC 1570 and unknown options: one Configure-Reject, verbatim, in order. */
TEST(unsupported_options_rejected)
{
	struct lcp_conf c = { 0 };
	struct lb *b = lb_started(&c);

	FEED(b->e, PPP_CONFREQ, 0x21,
	     0x01, 0x04, 0x05, 0xdc,				/* MRU ok */
	     0x04, 0x08, 0xc0, 0x25, 0x00, 0x00, 0x03, 0xe8,	/* LQR */
	     0x05, 0x06, 0x11, 0x22, 0x33, 0x44,		/* magic ok */
	     0x09, 0x03, 0x02,					/* FCS-Alt */
	     0x0d, 0x03, 0x06,					/* MS callback */
	     0x11, 0x04, 0x05, 0xdc,				/* MRRU */
	     0x12, 0x02,					/* SSNHF */
	     0x13, 0x09, 0x01, 'm', 'a', 'u', 'i', '-', '0',	/* EPDisc */
	     0x42, 0x03, 0xff);					/* unknown */
	EXPECT_SENT(b->e, PPP_CONFREJ, 0x21,
		    0x04, 0x08, 0xc0, 0x25, 0x00, 0x00, 0x03, 0xe8,
		    0x09, 0x03, 0x02,
		    0x0d, 0x03, 0x06,
		    0x11, 0x04, 0x05, 0xdc,
		    0x12, 0x02,
		    0x13, 0x09, 0x01, 'm', 'a', 'u', 'i', '-', '0',
		    0x42, 0x03, 0xff);
	EXPECT_EQ(FSM_REQSENT, fsm_state(&b->l.fsm));
	lb_free(b);
}

/* Known types with the wrong length are rejected, the rest judged. */
TEST(wrong_lengths_rejected)
{
	struct lcp_conf c = { .can_pap = true, .can_chap = true };
	struct lb *b = lb_started(&c);

	FEED(b->e, PPP_CONFREQ, 1,
	     0x01, 0x03, 0x05,			/* MRU, 1 octet */
	     0x02, 0x04, 0x00, 0x00,		/* ACCM, 2 octets */
	     0x03, 0x03, 0xc0,			/* AuthProto, 1 octet */
	     0x05, 0x04, 0x11, 0x22,		/* magic, 2 octets */
	     0x07, 0x03, 0x00,			/* PFC with data */
	     0x08, 0x02);			/* ACFC fine */
	EXPECT_SENT(b->e, PPP_CONFREJ, 1,
		    0x01, 0x03, 0x05, 0x02, 0x04, 0x00, 0x00,
		    0x03, 0x03, 0xc0, 0x05, 0x04, 0x11, 0x22, 0x07, 0x03, 0x00);
	/* PAP with data, CHAP without algorithm */
	FEED(b->e, PPP_CONFREQ, 2, 0x03, 0x05, 0xc0, 0x23, 0x00);
	EXPECT_SENT(b->e, PPP_CONFREJ, 2, 0x03, 0x05, 0xc0, 0x23, 0x00);
	FEED(b->e, PPP_CONFREQ, 3, 0x03, 0x04, 0xc2, 0x23);
	EXPECT_SENT(b->e, PPP_CONFREJ, 3, 0x03, 0x04, 0xc2, 0x23);
	/* A second MRU */
	FEED(b->e, PPP_CONFREQ, 4, 0x01, 0x04, 0x05, 0xdc,
	     0x01, 0x04, 0x02, 0x00);
	EXPECT_SENT(b->e, PPP_CONFREJ, 4, 0x01, 0x04, 0x02, 0x00);
	lb_free(b);
}

/*
 * A request's list that turns malformed: the good options before the bad
 * one are judged, the rest is rejected verbatim (pppd), and counted.
 * Malformed replies are dropped and counted.
 */
TEST(malformed_lists_rejected_or_dropped)
{
	struct lcp_conf c = { 0 };
	struct lb *b = lb_started(&c);
	int sent = b->e->nlog;

	EXPECT_EQ(FSM_RX_EVENT, FEED(b->e, PPP_CONFREQ, 1, 0x01, 0x00));
	EXPECT_SENT(b->e, PPP_CONFREJ, 1, 0x01, 0x00);
	EXPECT_EQ(FSM_RX_EVENT, FEED(b->e, PPP_CONFREQ, 2, 0x01, 0x01));
	EXPECT_SENT(b->e, PPP_CONFREJ, 2, 0x01, 0x01);
	EXPECT_EQ(FSM_RX_EVENT, FEED(b->e, PPP_CONFREQ, 3,
				     0x01, 0x04, 0x05));
	EXPECT_SENT(b->e, PPP_CONFREJ, 3, 0x01, 0x04, 0x05);
	/* a good PFC, then a lone octet: only the octet is rejected */
	EXPECT_EQ(FSM_RX_EVENT, FEED(b->e, PPP_CONFREQ, 4,
				     0x07, 0x02, 0x08));
	EXPECT_SENT(b->e, PPP_CONFREJ, 4, 0x08);
	/* an option LCP rejects itself comes first, the bad tail after */
	EXPECT_EQ(FSM_RX_EVENT, FEED(b->e, PPP_CONFREQ, 5,
				     0x0d, 0x03, 0x00, 0x05, 0x09, 1, 2));
	EXPECT_SENT(b->e, PPP_CONFREJ, 5, 0x0d, 0x03, 0x00, 0x05, 0x09,
		    1, 2);
	EXPECT_EQ(sent + 5, b->e->nlog);
	EXPECT_EQ(FSM_RX_MALFORMED, FEED(b->e, PPP_CONFNAK, b->l.fsm.reqid,
					 0x05, 0x07, 1, 2, 3, 4));
	EXPECT_EQ(6, b->l.fsm.stats.rx_malformed);
	EXPECT_EQ(sent + 5, b->e->nlog);
	EXPECT_EQ(FSM_REQSENT, fsm_state(&b->l.fsm));
	lb_free(b);
}

/* What we agree to do for the peer's Authentication-Protocol request. */
TEST(peer_auth_request)
{
	struct lcp_conf chap = { .can_chap = true };
	struct lcp_conf pap = { .can_pap = true };
	struct lcp_conf both_nochap = { .can_pap = true, .can_chap = true,
					.refuse_chap = true };
	struct lcp_conf none = { .can_pap = true, .refuse_pap = true };
	struct lb *b = lb_started(&chap);

	FEED(b->e, PPP_CONFREQ, 1, 0x03, 0x05, 0xc2, 0x23, 0x05);
	EXPECT_SENT(b->e, PPP_CONFACK, 1, 0x03, 0x05, 0xc2, 0x23, 0x05);
	/* MS-CHAPv2, EAP, PAP: we offer CHAP MD5 */
	FEED(b->e, PPP_CONFREQ, 2, 0x03, 0x05, 0xc2, 0x23, 0x81);
	EXPECT_SENT(b->e, PPP_CONFNAK, 2, 0x03, 0x05, 0xc2, 0x23, 0x05);
	FEED(b->e, PPP_CONFREQ, 3, 0x03, 0x04, 0xc2, 0x27);
	EXPECT_SENT(b->e, PPP_CONFNAK, 3, 0x03, 0x05, 0xc2, 0x23, 0x05);
	FEED(b->e, PPP_CONFREQ, 4, 0x03, 0x04, 0xc0, 0x23);
	EXPECT_SENT(b->e, PPP_CONFNAK, 4, 0x03, 0x05, 0xc2, 0x23, 0x05);
	lb_free(b);

	b = lb_started(&pap);
	FEED(b->e, PPP_CONFREQ, 1, 0x03, 0x04, 0xc0, 0x23);
	EXPECT_SENT(b->e, PPP_CONFACK, 1, 0x03, 0x04, 0xc0, 0x23);
	FEED(b->e, PPP_CONFREQ, 2, 0x03, 0x05, 0xc2, 0x23, 0x05);
	EXPECT_SENT(b->e, PPP_CONFNAK, 2, 0x03, 0x04, 0xc0, 0x23);
	lb_free(b);

	b = lb_started(&both_nochap);
	FEED(b->e, PPP_CONFREQ, 1, 0x03, 0x05, 0xc2, 0x23, 0x05);
	EXPECT_SENT(b->e, PPP_CONFNAK, 1, 0x03, 0x04, 0xc0, 0x23);
	lb_free(b);

	/* Nothing we could do: reject the option */
	b = lb_started(&none);
	FEED(b->e, PPP_CONFREQ, 1, 0x03, 0x04, 0xc0, 0x23);
	EXPECT_SENT(b->e, PPP_CONFREJ, 1, 0x03, 0x04, 0xc0, 0x23);
	lb_free(b);
}

TEST(nopcomp_noaccomp_reject_the_peers)
{
	struct lcp_conf c = { .nopcomp = true, .noaccomp = true };
	struct lb *b = lb_started(&c);
	const struct wpkt *p = wire_last(b->e);

	/* and we do not ask them: ACCM 0 and magic only */
	EXPECT_EQ(16, p->len);
	EXPECT_EQ(FSM_RX_EVENT, wire_feed(b->e, PPP_CONFREQ, 1, PPPD_REQ,
					  sizeof(PPPD_REQ)));
	EXPECT_SENT(b->e, PPP_CONFREJ, 1, 0x07, 0x02, 0x08, 0x02);
	lb_free(b);
}

/* Our magic in the peer's request: Nak with a fresh one, count, hook. */
TEST(magic_collision)
{
	struct lcp_conf c = { 0 };
	struct lb *b = lb_started(&c);
	uint32_t m = b->l.want.magic;
	const struct wpkt *p;
	int i;

	for (i = 1; i <= 4; i++) {
		FEED(b->e, PPP_CONFREQ, (uint8_t)i, 0x05, 0x06, M4(m));
		p = wire_last(b->e);
		ASSERT_TRUE(p->b[0] == PPP_CONFNAK && p->b[1] == i &&
			    p->len == 10 && p->b[4] == 5 && p->b[5] == 6);
		EXPECT_NE(m, cp_get32(p->b + 6));
		EXPECT_NE(0, cp_get32(p->b + 6));
		/* every time, not once */
		EXPECT_EQ(i, b->h.looped);
		EXPECT_EQ((unsigned int)i, b->h.loop_count);
	}
	EXPECT_EQ(m, b->l.want.magic);	/* ours stays */
	lb_free(b);

	/* zero is Nak'd too, but it is no loop */
	b = lb_started(&c);
	m = b->l.want.magic;
	FEED(b->e, PPP_CONFREQ, 1, 0x05, 0x06, 0, 0, 0, 0);
	p = wire_last(b->e);
	EXPECT_TRUE(p->b[0] == PPP_CONFNAK && p->len == 10);
	EXPECT_NE(0, cp_get32(p->b + 6));
	EXPECT_NE(m, cp_get32(p->b + 6));
	EXPECT_EQ(0, b->l.loops);
	lb_free(b);
}

/*
 * Past Max-Failure a collision is still Nak'd, never rejected: rejecting
 * our own magic on a looped line would make the next request ackable.
 * Other options Nak'd in the same request are rejected as usual.
 */
TEST(magic_collision_stays_a_nak_past_max_failure)
{
	struct lcp_conf c = { .mtu = 1500 };
	struct lb *b = lb_started(&c);
	uint32_t m = b->l.want.magic;
	const struct wpkt *p;
	int i;

	for (i = 1; i <= FSM_DEF_MAX_FAILURE + 3; i++) {
		FEED(b->e, PPP_CONFREQ, (uint8_t)i, 0x05, 0x06, M4(m));
		p = wire_last(b->e);
		ASSERT_TRUE(p->b[0] == PPP_CONFNAK && p->b[1] == i &&
			    p->len == 10);
		EXPECT_NE(m, cp_get32(p->b + 6));
	}
	EXPECT_EQ(FSM_DEF_MAX_FAILURE + 3, b->h.looped);
	/* an MRU we would Nak is rejected now; the Reject wins */
	FEED(b->e, PPP_CONFREQ, 20, 0x01, 0x04, 0x00, 0x40, 0x05, 0x06, M4(m));
	EXPECT_SENT(b->e, PPP_CONFREJ, 20, 0x01, 0x04, 0x00, 0x40);
	lb_free(b);
}

/* A peer that keeps Nak'ing our magic: new values, never "stop asking". */
TEST(magic_nak_past_max_failure_keeps_asking)
{
	struct lcp_conf c = { 0 };
	struct lb *b = lb_started(&c);
	uint32_t m;
	int i;

	for (i = 0; i < FSM_DEF_MAX_FAILURE + 3; i++) {
		const struct wpkt *p = wire_last(b->e);

		m = b->l.want.magic;
		ASSERT_EQ(PPP_CONFREQ, p->b[0]);
		FEED(b->e, PPP_CONFNAK, p->b[1], 0x05, 0x06, 0x11, 0x22, 0x33,
		     0x44);
		EXPECT_TRUE(b->l.want.neg & LCP_N_MAGIC);
		EXPECT_NE(m, b->l.want.magic);
		EXPECT_NE(0x11223344u, b->l.want.magic);
	}
	lb_free(b);
}

/*
 * Our own Nak coming back (the value we just Nak'd a looped request with)
 * is no RCN: no request goes out at once, the Restart timer sends the next.
 */
TEST(own_nak_looped_back_waits_for_the_timer)
{
	struct lcp_conf c = { 0 };
	struct lb *b = lb_started(&c);
	uint32_t m = b->l.want.magic;
	const struct wpkt *p;
	uint32_t mine;
	int sent;

	FEED(b->e, PPP_CONFREQ, 1, 0x05, 0x06, M4(m));
	p = wire_last(b->e);
	ASSERT_EQ(PPP_CONFNAK, p->b[0]);
	mine = cp_get32(p->b + 6);
	sent = b->e->nlog;
	EXPECT_EQ(FSM_RX_DISCARDED,
		  FEED(b->e, PPP_CONFNAK, b->l.fsm.reqid, 0x05, 0x06,
		       M4(mine)));
	EXPECT_EQ(sent, b->e->nlog);
	EXPECT_NE(m, b->l.want.magic);	/* the next request has a new one */
	EXPECT_TRUE(b->e->timer);
	wire_fire(b->e);
	p = wire_last(b->e);
	EXPECT_EQ(PPP_CONFREQ, p->b[0]);
	EXPECT_EQ(sent + 1, b->e->nlog);
	lb_free(b);
}

/* A Code-Reject of Echo-Request reaches the owner (keepalives off). */
TEST(code_reject_of_echo_tells_the_owner)
{
	struct lcp_conf c = { 0 };
	struct lb *b = lb_opened(&c, PPPD_REQ, sizeof(PPPD_REQ));

	ASSERT_EQ(FSM_OPENED, fsm_state(&b->l.fsm));
	FEED(b->e, PPP_CODEREJ, 7, PPP_ECHOREQ, 3, 0, 8, 1, 2, 3, 4);
	EXPECT_EQ(1, b->h.coderej);
	EXPECT_EQ(PPP_ECHOREQ, b->h.coderej_code);
	EXPECT_EQ(FSM_OPENED, fsm_state(&b->l.fsm));
	/* of a code the link cannot live without: RXJ-, no hook */
	FEED(b->e, PPP_CODEREJ, 8, PPP_TERMREQ, 3, 0, 4);
	EXPECT_EQ(1, b->h.coderej);
	EXPECT_EQ(FSM_STOPPING, fsm_state(&b->l.fsm));
	lb_free(b);
}

/* The peer's Nak of our request changes the next one. */
TEST(peer_nak_of_our_request)
{
	struct lcp_conf c = { .mru = 296,
			      .require_auth = LCP_AUTH_CHAP | LCP_AUTH_PAP };
	struct lb *b = lb_started(&c);
	const struct wpkt *p = wire_last(b->e);
	uint32_t m = b->l.want.magic, m2;
	uint8_t id = p->b[1];

	EXPECT_TRUE(pkt_is(p, PPP_CONFREQ, id,
			   BYTES(0x01, 0x04, 0x01, 0x28, 0x02, 0x06, 0, 0, 0, 0,
				 0x03, 0x05, 0xc2, 0x23, 0x05,
				 0x05, 0x06, M4(m), 0x07, 0x02, 0x08, 0x02),
			   25));
	FEED(b->e, PPP_CONFNAK, id, 0x01, 0x04, 0x05, 0xdc,
	     0x02, 0x06, 0x00, 0x0a, 0x00, 0x00,
	     0x03, 0x04, 0xc0, 0x23,
	     0x05, 0x06, M4(m));
	m2 = b->l.want.magic;
	EXPECT_NE(m, m2);
	p = wire_last(b->e);
	EXPECT_NE(id, p->b[1]);
	id = p->b[1];
	EXPECT_TRUE(pkt_is(p, PPP_CONFREQ, id,
			   BYTES(0x01, 0x04, 0x05, 0xdc,
				 0x02, 0x06, 0x00, 0x0a, 0x00, 0x00,
				 0x03, 0x04, 0xc0, 0x23,
				 0x05, 0x06, M4(m2), 0x07, 0x02, 0x08, 0x02),
			   24));
	/* A Reject of PFC and ACFC: not asked again */
	FEED(b->e, PPP_CONFREJ, id, 0x07, 0x02, 0x08, 0x02);
	p = wire_last(b->e);
	EXPECT_TRUE(pkt_is(p, PPP_CONFREQ, p->b[1],
			   BYTES(0x01, 0x04, 0x05, 0xdc,
				 0x02, 0x06, 0x00, 0x0a, 0x00, 0x00,
				 0x03, 0x04, 0xc0, 0x23,
				 0x05, 0x06, M4(m2)), 20));
	/* Acked: what the peer will do is what we got */
	wire_ack_last_req(b->e);
	FEED(b->e, PPP_CONFREQ, 1);
	EXPECT_EQ(FSM_OPENED, fsm_state(&b->l.fsm));
	EXPECT_EQ(PPP_PAP, lcp_auth_peer(&b->l));
	EXPECT_EQ(0x000a0000, lcp_rx_accm(&b->l));
	EXPECT_EQ(1500, lcp_rx_mru(&b->l));
	EXPECT_FALSE(lcp_rx_pfc(&b->l));
	lb_free(b);
}

/* Hints: a Nak may name options we did not ask; an MRU below 1500 is taken. */
TEST(peer_nak_hints)
{
	struct lcp_conf c = { .default_asyncmap = true, .nomagic = true,
			      .nopcomp = true, .noaccomp = true };
	struct lb *b = lb_started(&c);
	const struct wpkt *p = wire_last(b->e);

	ASSERT_TRUE(pkt_is(p, PPP_CONFREQ, p->b[1], NULL, 0));
	/* MRU 1006 and an ACCM hint: the MRU is taken, the ACCM is not */
	FEED(b->e, PPP_CONFNAK, p->b[1], 0x01, 0x04, 0x03, 0xee,
	     0x02, 0x06, 0, 0, 0, 0);
	EXPECT_SENT(b->e, PPP_CONFREQ, wire_last(b->e)->b[1],
		    0x01, 0x04, 0x03, 0xee);
	/* an MRU hint out of range is not */
	lb_free(b);
	b = lb_started(&c);
	p = wire_last(b->e);
	FEED(b->e, PPP_CONFNAK, p->b[1], 0x01, 0x04, 0x00, 0x10);
	EXPECT_SENT_EMPTY(b->e, PPP_CONFREQ, wire_last(b->e)->b[1]);
	lb_free(b);
}

/*
 * A Nak may lower the MRU we asked, or raise it up to 1500, never above
 * what we asked (pppd): a raise past that makes us stop asking (1500).
 */
TEST(peer_nak_cannot_raise_our_mru)
{
	struct lcp_conf c = { .mru = 1000, .default_asyncmap = true,
			      .nomagic = true, .nopcomp = true,
			      .noaccomp = true };
	struct lcp_conf c9k = c;
	struct lb *b = lb_started(&c);
	const struct wpkt *p = wire_last(b->e);

	ASSERT_TRUE(pkt_is(p, PPP_CONFREQ, p->b[1], (const uint8_t[]){ 0x01, 0x04, 0x03, 0xe8 }, 4));
	/* 1400: within 1500, taken */
	FEED(b->e, PPP_CONFNAK, p->b[1], 0x01, 0x04, 0x05, 0x78);
	EXPECT_SENT(b->e, PPP_CONFREQ, wire_last(b->e)->b[1],
		    0x01, 0x04, 0x05, 0x78);
	/* 9000: above what we asked and 1500: we stop asking */
	p = wire_last(b->e);
	FEED(b->e, PPP_CONFNAK, p->b[1], 0x01, 0x04, 0x23, 0x28);
	EXPECT_SENT_EMPTY(b->e, PPP_CONFREQ, wire_last(b->e)->b[1]);
	lb_free(b);

	/* asked 9000: a Nak down to 4470 is taken, one up to 9001 is not */
	c9k.mru = 9000;
	b = lb_started(&c9k);
	p = wire_last(b->e);
	FEED(b->e, PPP_CONFNAK, p->b[1], 0x01, 0x04, 0x11, 0x76);
	EXPECT_SENT(b->e, PPP_CONFREQ, wire_last(b->e)->b[1],
		    0x01, 0x04, 0x11, 0x76);
	p = wire_last(b->e);
	FEED(b->e, PPP_CONFNAK, p->b[1], 0x01, 0x04, 0x23, 0x29);
	EXPECT_SENT_EMPTY(b->e, PPP_CONFREQ, wire_last(b->e)->b[1]);
	lb_free(b);
}

/* We require CHAP only; the peer wants PAP: ask CHAP until Max-Failure. */
TEST(required_auth_refused_terminates)
{
	struct lcp_conf c = { .require_auth = LCP_AUTH_CHAP,
			      .default_asyncmap = true, .nomagic = true,
			      .nopcomp = true, .noaccomp = true };
	struct lb *b = lb_started(&c);
	const struct wpkt *p;
	int i;

	/* rcv_nak's reject mode comes with the Nak after max_failure */
	for (i = 0; i <= FSM_DEF_MAX_FAILURE; i++) {
		p = wire_last(b->e);
		ASSERT_TRUE(pkt_is(p, PPP_CONFREQ, p->b[1],
				   BYTES(0x03, 0x05, 0xc2, 0x23, 0x05), 5));
		FEED(b->e, PPP_CONFNAK, p->b[1], 0x03, 0x04, 0xc0, 0x23);
	}
	/* Max-Failure: no longer asked */
	p = wire_last(b->e);
	ASSERT_TRUE(pkt_is(p, PPP_CONFREQ, p->b[1], NULL, 0));
	FEED(b->e, PPP_CONFREQ, 1);
	wire_ack_last_req(b->e);
	/* Opened without it: not up, failed, Terminate-Request */
	EXPECT_EQ(0, b->h.up);
	EXPECT_EQ(1, b->h.failed);
	EXPECT_STREQ("peer refused to authenticate", b->h.why);
	EXPECT_EQ(FSM_CLOSING, fsm_state(&b->l.fsm));
	EXPECT_EQ(PPP_TERMREQ, wire_last(b->e)->b[0]);
	FEED(b->e, PPP_TERMACK, wire_last(b->e)->b[1]);
	EXPECT_EQ(FSM_CLOSED, fsm_state(&b->l.fsm));
	EXPECT_EQ(0, b->h.down);
	EXPECT_EQ(1, b->h.finished);
	lb_free(b);
}

/* ------------------------------------------------------------------ */
/* Other codes                                                         */
/* ------------------------------------------------------------------ */

TEST(protocol_reject)
{
	struct lcp_conf c = { 0 };
	struct lb *b = lb_started(&c);
	int n;

	/* Not Opened: discarded (RFC 1661 5.7) */
	EXPECT_EQ(FSM_RX_HANDLED, FEED(b->e, PPP_PROTREJ, 1, 0x80, 0x21));
	EXPECT_EQ(0, b->h.protrej);
	lb_free(b);

	b = lb_opened(&c, PPPD_REQ, sizeof(PPPD_REQ));
	ASSERT_EQ(FSM_OPENED, fsm_state(&b->l.fsm));
	n = b->e->nlog;
	/* IPCP rejected: RXJ+, the owner is told */
	EXPECT_EQ(FSM_RX_EVENT, FEED(b->e, PPP_PROTREJ, 2, 0x80, 0x21,
				     0x01, 0x01, 0x00, 0x0a));
	EXPECT_EQ(1, b->h.protrej);
	EXPECT_EQ(PPP_IPCP, b->h.protrej_proto);
	EXPECT_EQ(FSM_OPENED, fsm_state(&b->l.fsm));
	EXPECT_EQ(n, b->e->nlog);
	/* Too short to name a protocol */
	EXPECT_EQ(FSM_RX_MALFORMED, FEED(b->e, PPP_PROTREJ, 3, 0x80));
	/* LCP itself rejected: RXJ-, the link terminates */
	EXPECT_EQ(FSM_RX_EVENT, FEED(b->e, PPP_PROTREJ, 4, 0xc0, 0x21));
	EXPECT_EQ(1, b->h.protrej);
	EXPECT_EQ(FSM_STOPPING, fsm_state(&b->l.fsm));
	EXPECT_EQ(1, b->h.down);
	EXPECT_EQ(PPP_TERMREQ, wire_last(b->e)->b[0]);
	lb_free(b);
}

TEST(code_reject)
{
	struct lcp_conf c = { 0 };
	struct lb *b = lb_opened(&c, PPPD_REQ, sizeof(PPPD_REQ));

	/* Our Echo-Request rejected: permitted */
	FEED(b->e, PPP_CODEREJ, 1, 0x09, 0x05, 0x00, 0x08, 0, 0, 0, 0);
	EXPECT_EQ(FSM_OPENED, fsm_state(&b->l.fsm));
	/* Configure-Request rejected: catastrophic */
	FEED(b->e, PPP_CODEREJ, 2, 0x01, 0x05, 0x00, 0x04);
	EXPECT_EQ(FSM_STOPPING, fsm_state(&b->l.fsm));
	lb_free(b);
}

TEST(echo_and_discard)
{
	struct lcp_conf c = { 0 };
	struct lb *b = lb_started(&c);
	uint32_t m;
	int n;

	/* Not Opened: no reply */
	n = b->e->nlog;
	FEED(b->e, PPP_ECHOREQ, 1, 0x3a, 0x5c, 0x11, 0x7e, 'h', 'i');
	EXPECT_EQ(n, b->e->nlog);
	lb_free(b);

	b = lb_opened(&c, PPPD_REQ, sizeof(PPPD_REQ));
	m = lcp_magic_local(&b->l);
	EXPECT_NE(0, m);
	FEED(b->e, PPP_ECHOREQ, 0x44, 0x3a, 0x5c, 0x11, 0x7e, 'h', 'i');
	EXPECT_SENT(b->e, PPP_ECHOREP, 0x44, M4(m), 'h', 'i');
	n = b->e->nlog;
	/* No room for the Magic-Number: dropped and counted */
	FEED(b->e, PPP_ECHOREQ, 0x45, 0x3a, 0x5c, 0x11);
	EXPECT_EQ(n, b->e->nlog);
	EXPECT_EQ(1, b->l.fsm.stats.rx_malformed);
	FEED(b->e, PPP_DISCREQ, 0x46, 0x3a, 0x5c, 0x11, 0x7e);
	/* RFC 1570 Identification, as Windows sends it: no reply */
	FEED(b->e, LCP_IDENTIFICATION, 0x47, 0x3a, 0x5c, 0x11, 0x7e,
	     'M', 'S', 'R', 'A', 'S');
	EXPECT_EQ(n, b->e->nlog);
	EXPECT_EQ(FSM_OPENED, fsm_state(&b->l.fsm));
	/* An unknown code: Code-Reject */
	FEED(b->e, 0x20, 0x48, 0x01);
	EXPECT_SENT(b->e, PPP_CODEREJ, wire_last(b->e)->b[1],
		    0x20, 0x48, 0x00, 0x05, 0x01);
	/* Echo-Reply to the owner */
	FEED(b->e, PPP_ECHOREP, 0x49, 0x3a, 0x5c, 0x11, 0x7e, 1, 2, 3);
	EXPECT_EQ(1, b->h.echo);
	EXPECT_EQ(0x49, b->h.echo_id);
	EXPECT_EQ(0x3a5c117e, b->h.echo_magic);
	EXPECT_EQ(3, b->h.echo_len);
	/* lcp_send_echo */
	n = lcp_send_echo(&b->l, BYTES('k', 'a'), 2);
	ASSERT_GE(n, 0);
	EXPECT_SENT(b->e, PPP_ECHOREQ, (uint8_t)n, M4(m), 'k', 'a');
	lb_free(b);
}

/* Replies and Protocol-Rejects fit the peer's MRU. */
TEST(replies_fit_peer_mru)
{
	static const uint8_t req[] = { 0x01, 0x04, 0x00, 0x80 };	/* 128 */
	struct lcp_conf c = { 0 };
	struct lb *b = lb_started(&c);
	uint8_t big[400];
	const struct wpkt *p;
	size_t i;

	for (i = 0; i < sizeof(big); i++)
		big[i] = (uint8_t)i;
	EXPECT_EQ(-1, lcp_send_protrej(&b->l, PPP_IPV6, big, 10));
	EXPECT_EQ(-1, lcp_send_echo(&b->l, NULL, 0));
	lb_free(b);

	b = lb_opened(&c, req, sizeof(req));
	ASSERT_EQ(FSM_OPENED, fsm_state(&b->l.fsm));
	EXPECT_EQ(128, lcp_tx_mru(&b->l));
	EXPECT_EQ(0, lcp_send_protrej(&b->l, PPP_IPV6, big, sizeof(big)));
	p = wire_last(b->e);
	ASSERT_EQ(128, p->len);
	EXPECT_EQ(PPP_PROTREJ, p->b[0]);
	EXPECT_EQ(0x00, p->b[2]);
	EXPECT_EQ(0x80, p->b[3]);
	EXPECT_EQ(0x00, p->b[4]);
	EXPECT_EQ(0x57, p->b[5]);
	EXPECT_EQ(0, memcmp(p->b + 6, big, 122));
	/* short one: whole */
	EXPECT_EQ(0, lcp_send_protrej(&b->l, PPP_CDPCP, big, 6));
	EXPECT_SENT(b->e, PPP_PROTREJ, wire_last(b->e)->b[1],
		    0x82, 0x07, 0, 1, 2, 3, 4, 5);

	big[0] = 0x3a;
	wire_feed(b->e, PPP_ECHOREQ, 7, big, 300);
	p = wire_last(b->e);
	EXPECT_EQ(PPP_ECHOREP, p->b[0]);
	EXPECT_EQ(128, p->len);
	lb_free(b);
}

TEST(instance_is_small)
{
	TH_LOG("sizeof(struct lcp) = %zu", sizeof(struct lcp));
	EXPECT_LE(sizeof(struct lcp), 160);
}

/* ------------------------------------------------------------------ */
/* Back to back                                                        */
/* ------------------------------------------------------------------ */

struct pair {
	struct lb *a, *b;
};

static struct pair pair_run(const struct lcp_conf *ca,
			    const struct lcp_conf *cb)
{
	struct pair p = { lb_new(ca), lb_new(cb) };

	wire_pair(p.a->e, p.b->e);
	fsm_open(&p.a->l.fsm);
	fsm_open(&p.b->l.fsm);
	fsm_up(&p.a->l.fsm);
	fsm_up(&p.b->l.fsm);
	wire_run(p.a->e, p.b->e, 1000);
	return p;
}

static void pair_free(struct pair *p)
{
	lb_free(p->a);
	lb_free(p->b);
}

/* What one side sends is what the other receives. */
static bool crossed(const struct lcp *x, const struct lcp *y)
{
	return lcp_tx_mru(x) == lcp_rx_mru(y) &&
	       lcp_tx_accm(x) == lcp_rx_accm(y) &&
	       lcp_tx_pfc(x) == lcp_rx_pfc(y) &&
	       lcp_tx_acfc(x) == lcp_rx_acfc(y) &&
	       lcp_magic_local(x) == lcp_magic_peer(y) &&
	       lcp_auth_self(x) == lcp_auth_peer(y);
}

#define EXPECT_BOTH_OPEN(p) do {					\
	EXPECT_EQ(FSM_OPENED, fsm_state(&(p).a->l.fsm));		\
	EXPECT_EQ(FSM_OPENED, fsm_state(&(p).b->l.fsm));		\
	EXPECT_EQ(1, (p).a->h.up);					\
	EXPECT_EQ(1, (p).b->h.up);					\
	EXPECT_TRUE(crossed(&(p).a->l, &(p).b->l));			\
	EXPECT_TRUE(crossed(&(p).b->l, &(p).a->l));			\
} while (0)

TEST(b2b_defaults)
{
	struct lcp_conf c = { 0 };
	struct pair p = pair_run(&c, &c);

	EXPECT_BOTH_OPEN(p);
	EXPECT_EQ(0, lcp_tx_accm(&p.a->l));
	EXPECT_TRUE(lcp_tx_pfc(&p.a->l));
	EXPECT_NE(0, lcp_magic_local(&p.a->l));
	EXPECT_NE(lcp_magic_local(&p.a->l), lcp_magic_local(&p.b->l));
	pair_free(&p);
}

TEST(b2b_mru_asyncmap_compression)
{
	struct lcp_conf ca = { .mru = 296 };
	struct lcp_conf cb = { .default_asyncmap = true, .nopcomp = true,
			       .noaccomp = true };
	struct pair p = pair_run(&ca, &cb);

	EXPECT_BOTH_OPEN(p);
	EXPECT_EQ(296, lcp_rx_mru(&p.a->l));
	EXPECT_EQ(296, lcp_tx_mru(&p.b->l));
	EXPECT_EQ(1500, lcp_tx_mru(&p.a->l));
	EXPECT_EQ(0, lcp_tx_accm(&p.b->l));
	EXPECT_EQ(0xffffffffu, lcp_tx_accm(&p.a->l));
	EXPECT_FALSE(lcp_tx_pfc(&p.a->l));
	EXPECT_FALSE(lcp_tx_pfc(&p.b->l));
	EXPECT_FALSE(lcp_tx_acfc(&p.a->l));
	EXPECT_FALSE(lcp_tx_acfc(&p.b->l));
	pair_free(&p);
}

TEST(b2b_chap_one_way_pap_the_other)
{
	struct lcp_conf ca = { .require_auth = LCP_AUTH_CHAP, .can_pap = true };
	struct lcp_conf cb = { .require_auth = LCP_AUTH_PAP, .can_chap = true };
	struct pair p = pair_run(&ca, &cb);

	EXPECT_BOTH_OPEN(p);
	EXPECT_EQ(PPP_CHAP, lcp_auth_peer(&p.a->l));
	EXPECT_EQ(PPP_PAP, lcp_auth_self(&p.a->l));
	EXPECT_EQ(PPP_PAP, lcp_auth_peer(&p.b->l));
	EXPECT_EQ(PPP_CHAP, lcp_auth_self(&p.b->l));
	pair_free(&p);
}

TEST(b2b_chap_both_ways)
{
	struct lcp_conf c = { .require_auth = LCP_AUTH_CHAP, .can_chap = true,
			      .can_pap = true };
	struct pair p = pair_run(&c, &c);

	EXPECT_BOTH_OPEN(p);
	EXPECT_EQ(PPP_CHAP, lcp_auth_peer(&p.a->l));
	EXPECT_EQ(PPP_CHAP, lcp_auth_self(&p.a->l));
	pair_free(&p);
}

/* A accepts either; B can only do PAP: B's Nak moves A to PAP. */
TEST(b2b_auth_switch_on_nak)
{
	struct lcp_conf ca = { .require_auth = LCP_AUTH_CHAP | LCP_AUTH_PAP };
	struct lcp_conf cb = { .can_pap = true };
	struct pair p = pair_run(&ca, &cb);

	EXPECT_BOTH_OPEN(p);
	EXPECT_EQ(PPP_PAP, lcp_auth_peer(&p.a->l));
	EXPECT_EQ(PPP_PAP, lcp_auth_self(&p.b->l));
	EXPECT_EQ(0, lcp_auth_self(&p.a->l));
	pair_free(&p);
}

/* B cannot authenticate at all: A refuses to come up and terminates. */
TEST(b2b_auth_refused)
{
	struct lcp_conf ca = { .require_auth = LCP_AUTH_CHAP };
	struct lcp_conf cb = { 0 };
	struct pair p = pair_run(&ca, &cb);

	EXPECT_EQ(0, p.a->h.up);
	EXPECT_EQ(1, p.a->h.failed);
	EXPECT_EQ(1, p.a->h.finished);
	EXPECT_EQ(FSM_CLOSED, fsm_state(&p.a->l.fsm));
	/* B came up, was told to terminate, went down */
	EXPECT_EQ(1, p.b->h.up);
	EXPECT_EQ(1, p.b->h.down);
	EXPECT_NE(FSM_OPENED, fsm_state(&p.b->l.fsm));
	pair_free(&p);
}

/* Lost packets are retransmitted on the Restart timer. */
TEST(b2b_loss)
{
	struct lcp_conf c = { 0 };
	struct pair p = { lb_new(&c), lb_new(&c) };

	wire_pair(p.a->e, p.b->e);
	p.a->e->drop = 2;
	p.b->e->drop = 1;
	fsm_open(&p.a->l.fsm);
	fsm_open(&p.b->l.fsm);
	fsm_up(&p.a->l.fsm);
	fsm_up(&p.b->l.fsm);
	wire_run(p.a->e, p.b->e, 1000);
	EXPECT_BOTH_OPEN(p);
	pair_free(&p);
}

/* Cisco passive (Listen) against an active pppd-like peer. */
TEST(b2b_listen_vs_active)
{
	struct lcp_conf ca = { .require_auth = LCP_AUTH_CHAP, .can_chap = true,
			       .default_asyncmap = true, .nopcomp = true,
			       .noaccomp = true };
	struct lcp_conf cb = { .can_chap = true, .can_pap = true };
	struct pair p = { lb_new(&ca), lb_new(&cb) };

	wire_pair(p.a->e, p.b->e);
	p.a->l.fsm.opts = FSM_OPT_SILENT;
	fsm_open(&p.a->l.fsm);
	fsm_up(&p.a->l.fsm);
	EXPECT_EQ(0, p.a->e->nlog);
	fsm_open(&p.b->l.fsm);
	fsm_up(&p.b->l.fsm);
	wire_run(p.a->e, p.b->e, 1000);
	EXPECT_BOTH_OPEN(p);
	EXPECT_EQ(PPP_CHAP, lcp_auth_self(&p.b->l));
	pair_free(&p);
}

/*
 * A looped line: every packet comes back.  LCP never opens; every round
 * is a loop seen and reported; the rounds are paced by the Restart timer
 * (one request per timeout, not a spin at line speed) and Max-Configure
 * ends them like any negotiation that gets no answer.
 */
TEST(looped_line_never_opens)
{
	struct lcp_conf c = { 0 };
	struct lb *b = lb_new(&c);
	int n = 0, fires = 0, reqs = 0, i;

	b->e->loop = true;
	fsm_open(&b->l.fsm);
	fsm_up(&b->l.fsm);
	while (n++ < 2000) {
		if (wire_step(b->e))
			continue;
		if (!wire_fire(b->e))
			break;
		fires++;
	}
	EXPECT_EQ(0, b->h.up);
	EXPECT_EQ(1, b->h.finished);
	EXPECT_EQ(FSM_STOPPED, fsm_state(&b->l.fsm));
	for (i = 0; i < b->e->nlog && i < WIRE_NLOG; i++)
		reqs += b->e->log[i].b[0] == PPP_CONFREQ;
	EXPECT_EQ(FSM_DEF_MAX_CONFIGURE, reqs);
	EXPECT_EQ(FSM_DEF_MAX_CONFIGURE, b->h.looped);
	EXPECT_EQ(FSM_DEF_MAX_CONFIGURE, fires);	/* 9 TO+ and one TO- */
	EXPECT_EQ(FSM_DEF_MAX_CONFIGURE, b->l.loops);
	lb_free(b);
}

/* With down-when-looped the owner closes after the first loop seen. */
TEST(looped_line_down_when_looped)
{
	struct lcp_conf c = { .down_when_looped = true };
	struct lb *b = lb_new(&c);
	int n = 0;

	b->e->loop = true;
	fsm_open(&b->l.fsm);
	fsm_up(&b->l.fsm);
	while (!b->h.looped && n++ < 200)
		if (!wire_step(b->e))
			wire_fire(b->e);
	ASSERT_EQ(1, b->h.looped);
	EXPECT_EQ(0, b->h.up);
	/* the owner's deferred reaction, after fsm_input returned */
	fsm_close(&b->l.fsm);
	wire_run(b->e, NULL, 200);
	EXPECT_EQ(FSM_CLOSED, fsm_state(&b->l.fsm));
	EXPECT_EQ(1, b->h.finished);
	EXPECT_EQ(0, b->h.up);
	lb_free(b);
}

/* Renegotiation from Opened: down first, still seeing the old values. */
TEST(renegotiation_from_opened)
{
	struct lcp_conf c = { 0 };
	struct pair p = pair_run(&c, &c);
	uint32_t old = lcp_magic_local(&p.a->l);

	EXPECT_BOTH_OPEN(p);
	fsm_down(&p.b->l.fsm);
	fsm_up(&p.b->l.fsm);
	wire_run(p.a->e, p.b->e, 1000);
	EXPECT_EQ(1, p.a->h.down);
	EXPECT_EQ(2, p.a->h.up);
	EXPECT_EQ(2, p.b->h.up);
	EXPECT_TRUE(crossed(&p.a->l, &p.b->l));
	EXPECT_TRUE(crossed(&p.b->l, &p.a->l));
	EXPECT_NE(old, lcp_magic_local(&p.a->l));
	pair_free(&p);
}

TEST_HARNESS_MAIN
