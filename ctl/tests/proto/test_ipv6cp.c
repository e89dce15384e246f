// SPDX-License-Identifier: GPL-2.0
/*
 * IPV6CP (ipv6cp.c) on the real automaton: pppd 2.4.9's request, the
 * RFC 5072 Interface-Identifier rules with exact replies, and pairs of
 * instances agreeing on identifiers back to back.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kselftest_harness.h"
#include "cp_wire.h"
#include "proto/ipv6cp.h"

#define B8(x) (uint8_t)((x) >> 56), (uint8_t)((x) >> 48), \
	      (uint8_t)((x) >> 40), (uint8_t)((x) >> 32), \
	      (uint8_t)((x) >> 24), (uint8_t)((x) >> 16), \
	      (uint8_t)((x) >> 8), (uint8_t)(x)

static const struct ncp_hooks nhooks = {
	.up = h_up,
	.down = h_down,
	.started = h_started,
	.finished = h_finished,
	.failed = h_failed,
};

struct vb {
	struct wend *e;
	struct ipv6cp v6;
	struct ipv6cp_conf c;
	struct hrec h;
};

static struct vb *vb_new(const struct ipv6cp_conf *c)
{
	struct vb *b = calloc(1, sizeof(*b));

	if (!b)
		abort();
	b->e = wend_new();
	b->c = *c;
	ipv6cp_init(&b->v6, &b->c, &wire_ops, b->e, &nhooks, &b->h);
	b->e->f = &b->v6.fsm;
	return b;
}

static void vb_free(struct vb *b)
{
	free(b->e);
	free(b);
}

static struct vb *vb_started(const struct ipv6cp_conf *c)
{
	struct vb *b = vb_new(c);

	fsm_up(&b->v6.fsm);
	fsm_open(&b->v6.fsm);
	return b;
}

/* The suggestion in the last Configure-Nak sent, or 0. */
static uint64_t nak_sugg(const struct wend *e)
{
	const struct wpkt *p = wire_last(e);

	if (!p || p->b[0] != PPP_CONFNAK || p->len != 14 || p->b[4] != 1 ||
	    p->b[5] != 10)
		return 0;
	return cp_get64(p->b + 6);
}

TEST(pppd_request_acked)
{
	struct ipv6cp_conf c = { 0 };
	struct vb *b = vb_started(&c);
	uint64_t me = b->v6.want_id;
	const struct wpkt *p = wire_last(b->e);

	EXPECT_NE(0, me);
	EXPECT_TRUE(pkt_is(p, PPP_CONFREQ, p->b[1],
			   BYTES(0x01, 0x0a, B8(me)), 10));
	FEED(b->e, PPP_CONFREQ, 1, 0x01, 0x0a,
	     0x02, 0x11, 0x22, 0xff, 0xfe, 0x33, 0x44, 0x55);
	EXPECT_SENT(b->e, PPP_CONFACK, 1, 0x01, 0x0a,
		    0x02, 0x11, 0x22, 0xff, 0xfe, 0x33, 0x44, 0x55);
	wire_ack_last_req(b->e);
	EXPECT_EQ(FSM_OPENED, fsm_state(&b->v6.fsm));
	EXPECT_EQ(1, b->h.up);
	EXPECT_EQ(me, ipv6cp_local(&b->v6));
	EXPECT_EQ(0x021122fffe334455ull, ipv6cp_peer(&b->v6));
	vb_free(b);
}

TEST(zero_or_ours_is_naked)
{
	struct ipv6cp_conf c = { 0 };
	struct vb *b = vb_started(&c);
	uint64_t me = b->v6.want_id, s;

	FEED(b->e, PPP_CONFREQ, 1, 0x01, 0x0a, 0, 0, 0, 0, 0, 0, 0, 0);
	s = nak_sugg(b->e);
	EXPECT_NE(0, s);
	EXPECT_NE(me, s);
	FEED(b->e, PPP_CONFREQ, 2, 0x01, 0x0a, B8(me));
	s = nak_sugg(b->e);
	EXPECT_NE(0, s);
	EXPECT_NE(me, s);
	EXPECT_EQ(2, wire_last(b->e)->b[1]);
	vb_free(b);
}

TEST(configured_remote)
{
	struct ipv6cp_conf c = { .local_id = 1, .remote_id = 2 };
	struct ipv6cp_conf acc = { .local_id = 1, .remote_id = 2,
				   .accept_remote = true };
	struct vb *b = vb_started(&c);

	EXPECT_SENT(b->e, PPP_CONFREQ, wire_last(b->e)->b[1],
		    0x01, 0x0a, 0, 0, 0, 0, 0, 0, 0, 1);
	FEED(b->e, PPP_CONFREQ, 1, 0x01, 0x0a, 0, 0, 0, 0, 0, 0, 0, 9);
	EXPECT_SENT(b->e, PPP_CONFNAK, 1, 0x01, 0x0a, 0, 0, 0, 0, 0, 0, 0, 2);
	FEED(b->e, PPP_CONFREQ, 2, 0x01, 0x0a, 0, 0, 0, 0, 0, 0, 0, 0);
	EXPECT_SENT(b->e, PPP_CONFNAK, 2, 0x01, 0x0a, 0, 0, 0, 0, 0, 0, 0, 2);
	FEED(b->e, PPP_CONFREQ, 3, 0x01, 0x0a, 0, 0, 0, 0, 0, 0, 0, 2);
	EXPECT_SENT(b->e, PPP_CONFACK, 3, 0x01, 0x0a, 0, 0, 0, 0, 0, 0, 0, 2);
	vb_free(b);

	b = vb_started(&acc);
	FEED(b->e, PPP_CONFREQ, 1, 0x01, 0x0a, 0, 0, 0, 0, 0, 0, 0, 9);
	EXPECT_SENT(b->e, PPP_CONFACK, 1, 0x01, 0x0a, 0, 0, 0, 0, 0, 0, 0, 9);
	vb_free(b);
}

TEST(rejected_options)
{
	struct ipv6cp_conf c = { 0 };
	struct vb *b = vb_started(&c);

	FEED(b->e, PPP_CONFREQ, 1,
	     0x02, 0x04, 0x00, 0x4f,			/* compression */
	     0x01, 0x06, 1, 2, 3, 4,			/* short id */
	     0x07, 0x02);				/* unknown */
	EXPECT_SENT(b->e, PPP_CONFREJ, 1, 0x02, 0x04, 0x00, 0x4f,
		    0x01, 0x06, 1, 2, 3, 4, 0x07, 0x02);
	FEED(b->e, PPP_CONFREQ, 2, 0x01, 0x0a, 1, 1, 1, 1, 1, 1, 1, 1,
	     0x01, 0x0a, 2, 2, 2, 2, 2, 2, 2, 2);
	EXPECT_SENT(b->e, PPP_CONFREJ, 2, 0x01, 0x0a, 2, 2, 2, 2, 2, 2, 2, 2);
	EXPECT_EQ(FSM_RX_EVENT, FEED(b->e, PPP_CONFREQ, 3, 0x01, 0x0a, 1));
	EXPECT_SENT(b->e, PPP_CONFREJ, 3, 0x01, 0x0a, 1);
	vb_free(b);
}

TEST(peer_nak_and_reject_of_ours)
{
	struct ipv6cp_conf c = { 0 };
	struct ipv6cp_conf fixed = { .local_id = 0x1111 };
	struct vb *b = vb_started(&c);
	const struct wpkt *p = wire_last(b->e);
	uint64_t id;

	/* The peer's id is 0x77; its suggestion 0x55 is taken */
	FEED(b->e, PPP_CONFREQ, 1, 0x01, 0x0a, 0, 0, 0, 0, 0, 0, 0, 0x77);
	FEED(b->e, PPP_CONFNAK, p->b[1], 0x01, 0x0a, 0, 0, 0, 0, 0, 0, 0, 0x55);
	EXPECT_SENT(b->e, PPP_CONFREQ, wire_last(b->e)->b[1],
		    0x01, 0x0a, 0, 0, 0, 0, 0, 0, 0, 0x55);
	/* A suggestion equal to the peer's own: pick another */
	p = wire_last(b->e);
	FEED(b->e, PPP_CONFNAK, p->b[1], 0x01, 0x0a, 0, 0, 0, 0, 0, 0, 0, 0x77);
	p = wire_last(b->e);
	ASSERT_EQ(PPP_CONFREQ, p->b[0]);
	id = cp_get64(p->b + 6);
	EXPECT_NE(0x77, id);
	EXPECT_NE(0x55, id);
	EXPECT_NE(0, id);
	/* Rejected: not asked again, still ours */
	FEED(b->e, PPP_CONFREJ, p->b[1], 0x01, 0x0a, B8(id));
	p = wire_last(b->e);
	EXPECT_TRUE(pkt_is(p, PPP_CONFREQ, p->b[1], NULL, 0));
	wire_ack_last_req(b->e);
	EXPECT_EQ(id, ipv6cp_local(&b->v6));
	vb_free(b);

	/* A configured id stands */
	b = vb_started(&fixed);
	p = wire_last(b->e);
	FEED(b->e, PPP_CONFNAK, p->b[1], 0x01, 0x0a, 0, 0, 0, 0, 0, 0, 0, 0x55);
	EXPECT_SENT(b->e, PPP_CONFREQ, wire_last(b->e)->b[1],
		    0x01, 0x0a, 0, 0, 0, 0, 0, 0, 0x11, 0x11);
	vb_free(b);
}

/*
 * A peer that never sends an Interface-Identifier: one Nak suggests one,
 * then its request is acked, but IPV6CP must not come up with a zero
 * identifier for it (the owner would install fe80:: and a route to it).
 */
TEST(peer_without_identifier_fails)
{
	struct ipv6cp_conf c = { 0 };
	struct vb *b = vb_started(&c);
	uint64_t s;

	FEED(b->e, PPP_CONFREQ, 1);
	s = nak_sugg(b->e);
	EXPECT_NE(0, s);
	EXPECT_NE(b->v6.want_id, s);
	EXPECT_EQ(1, wire_last(b->e)->b[1]);
	/* it still sends none: acked, once hinted */
	FEED(b->e, PPP_CONFREQ, 2);
	EXPECT_SENT_EMPTY(b->e, PPP_CONFACK, 2);
	wire_ack_last_req(b->e);
	EXPECT_EQ(0, b->h.up);
	EXPECT_EQ(1, b->h.failed);
	EXPECT_STREQ("could not determine remote interface identifier",
		     b->h.why);
	EXPECT_NE(FSM_OPENED, fsm_state(&b->v6.fsm));
	EXPECT_EQ(PPP_TERMREQ, wire_last(b->e)->b[0]);
	vb_free(b);
}

/* The same with remote_id configured: the suggestion, then taken. */
TEST(peer_without_identifier_takes_remote_id)
{
	struct ipv6cp_conf c = { .local_id = 1, .remote_id = 2 };
	struct vb *b = vb_started(&c);

	FEED(b->e, PPP_CONFREQ, 1);
	EXPECT_SENT(b->e, PPP_CONFNAK, 1, 0x01, 0x0a, 0, 0, 0, 0, 0, 0, 0, 2);
	FEED(b->e, PPP_CONFREQ, 2);
	EXPECT_SENT_EMPTY(b->e, PPP_CONFACK, 2);
	wire_ack_last_req(b->e);
	EXPECT_EQ(FSM_OPENED, fsm_state(&b->v6.fsm));
	EXPECT_EQ(1, b->h.up);
	EXPECT_EQ(2, ipv6cp_peer(&b->v6));
	vb_free(b);
}

/*
 * What the peer sent in an earlier negotiation is forgotten: after a
 * renegotiation its Nak suggesting that identifier for us is taken.
 */
TEST(new_negotiation_forgets_the_peer_id)
{
	struct ipv6cp_conf c = { 0 };
	struct vb *b = vb_started(&c);
	const struct wpkt *p;

	FEED(b->e, PPP_CONFREQ, 1, 0x01, 0x0a, 0, 0, 0, 0, 0, 0, 0, 0x77);
	wire_ack_last_req(b->e);
	ASSERT_EQ(FSM_OPENED, fsm_state(&b->v6.fsm));
	/* the peer renegotiates with another identifier: we start again */
	FEED(b->e, PPP_CONFREQ, 2, 0x01, 0x0a, 0, 0, 0, 0, 0, 0, 0, 0x66);
	ASSERT_EQ(FSM_ACKSENT, fsm_state(&b->v6.fsm));
	EXPECT_EQ(0x66, b->v6.seen_id);
	fsm_down(&b->v6.fsm);
	fsm_up(&b->v6.fsm);
	EXPECT_EQ(0, b->v6.seen_id);
	/* 0x77 is nobody's now: suggested for us, it is taken */
	p = wire_last(b->e);
	FEED(b->e, PPP_CONFNAK, p->b[1], 0x01, 0x0a, 0, 0, 0, 0, 0, 0, 0, 0x77);
	EXPECT_SENT(b->e, PPP_CONFREQ, wire_last(b->e)->b[1],
		    0x01, 0x0a, 0, 0, 0, 0, 0, 0, 0, 0x77);
	vb_free(b);
}

TEST(instance_is_small)
{
	TH_LOG("sizeof(struct ipv6cp) = %zu", sizeof(struct ipv6cp));
	EXPECT_LE(sizeof(struct ipv6cp), 128);
}

struct pair {
	struct vb *a, *b;
};

static struct pair pair_run(const struct ipv6cp_conf *ca,
			    const struct ipv6cp_conf *cb)
{
	struct pair p = { vb_new(ca), vb_new(cb) };

	wire_pair(p.a->e, p.b->e);
	fsm_up(&p.a->v6.fsm);
	fsm_up(&p.b->v6.fsm);
	fsm_open(&p.a->v6.fsm);
	fsm_open(&p.b->v6.fsm);
	wire_run(p.a->e, p.b->e, 1000);
	return p;
}

#define EXPECT_BOTH_OPEN(p) do {					\
	EXPECT_EQ(FSM_OPENED, fsm_state(&(p).a->v6.fsm));		\
	EXPECT_EQ(FSM_OPENED, fsm_state(&(p).b->v6.fsm));		\
	EXPECT_EQ(1, (p).a->h.up);					\
	EXPECT_EQ(1, (p).b->h.up);					\
	EXPECT_EQ(ipv6cp_local(&(p).a->v6), ipv6cp_peer(&(p).b->v6));	\
	EXPECT_EQ(ipv6cp_local(&(p).b->v6), ipv6cp_peer(&(p).a->v6));	\
	EXPECT_NE(ipv6cp_local(&(p).a->v6), ipv6cp_local(&(p).b->v6));	\
	EXPECT_NE(0, ipv6cp_local(&(p).a->v6));				\
	EXPECT_NE(0, ipv6cp_local(&(p).b->v6));				\
} while (0)

TEST(b2b_random)
{
	struct ipv6cp_conf c = { 0 };
	struct pair p = pair_run(&c, &c);

	EXPECT_BOTH_OPEN(p);
	vb_free(p.a);
	vb_free(p.b);
}

/* Both configured with the same id: the side that accepts moves. */
TEST(b2b_same_configured_id)
{
	struct ipv6cp_conf ca = { .local_id = 0x021122fffe334455ull };
	struct ipv6cp_conf cb = { .local_id = 0x021122fffe334455ull,
				  .accept_local = true };
	struct pair p = pair_run(&ca, &cb);

	EXPECT_BOTH_OPEN(p);
	EXPECT_EQ(0x021122fffe334455ull, ipv6cp_local(&p.a->v6));
	vb_free(p.a);
	vb_free(p.b);
}

/* One side imposes the other's identifier. */
TEST(b2b_remote_assigned)
{
	struct ipv6cp_conf ca = { .local_id = 1, .remote_id = 2 };
	struct ipv6cp_conf cb = { 0 };
	struct pair p = pair_run(&ca, &cb);

	EXPECT_BOTH_OPEN(p);
	EXPECT_EQ(2, ipv6cp_local(&p.b->v6));
	EXPECT_EQ(1, ipv6cp_peer(&p.b->v6));
	vb_free(p.a);
	vb_free(p.b);
}

TEST_HARNESS_MAIN
