/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Test bench for the control protocols (lcp.c, ipcp.c, ipv6cp.c, cdpcp.c):
 * the owner's side of struct fsm_ops, done for real.  Each protocol
 * instance gets a struct wend: everything it sends is logged, and queued
 * for delivery to the peer instance (two instances back to back), to
 * itself (a looped line) or to nobody (a single instance fed by hand).
 * Delivery and the Restart timers are driven by hand: wire_step() delivers
 * one queued packet, wire_run() delivers everything and fires armed timers
 * until both ends are quiet.  Hook calls of the owner are counted in a
 * struct hrec.
 */
#ifndef CP_WIRE_H
#define CP_WIRE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proto/fsm.h"
#include "proto/opts.h"

#define WIRE_NQ		64
#define WIRE_NLOG	96

struct wpkt {
	uint8_t b[FSM_MAX_PKT];
	size_t len;
	char state[12];		/* state name at send time, as traced */
};

struct wend {
	struct fsm *f;
	struct wend *peer;	/* deliver to it; NULL: log only */
	bool loop;		/* deliver to ourselves (a looped line) */
	int drop;		/* drop the next N packets sent */
	size_t mru;		/* given to fsm_input on delivery */
	bool timer;
	unsigned int timer_ms;
	struct wpkt q[WIRE_NQ];	/* ring of packets to deliver */
	int qh, qn;
	struct wpkt log[WIRE_NLOG];
	int nlog;		/* packets sent (log holds the first ones) */
	int nrx[16];		/* fsm_input results by enum fsm_rx */
};

static inline struct wend *wend_new(void)
{
	struct wend *e = calloc(1, sizeof(*e));

	if (!e)
		abort();
	return e;
}

static inline void w_send(struct fsm *f, const uint8_t *pkt, size_t len)
{
	struct wend *e = f->ctx;
	struct wpkt *p;

	if (len > FSM_MAX_PKT)
		abort();
	if (e->nlog < WIRE_NLOG) {
		p = &e->log[e->nlog];
		memcpy(p->b, pkt, len);
		p->len = len;
		snprintf(p->state, sizeof(p->state), "%s",
			 fsm_cur_state_name(f));
	}
	e->nlog++;
	if (e->drop) {
		e->drop--;
		return;
	}
	if ((!e->peer && !e->loop) || e->qn == WIRE_NQ)
		return;
	p = &e->q[(e->qh + e->qn) % WIRE_NQ];
	memcpy(p->b, pkt, len);
	p->len = len;
	e->qn++;
}

static inline void w_start(struct fsm *f, unsigned int ms)
{
	struct wend *e = f->ctx;

	e->timer = true;
	e->timer_ms = ms;
}

static inline void w_stop(struct fsm *f)
{
	((struct wend *)f->ctx)->timer = false;
}

static const struct fsm_ops wire_ops = {
	.send = w_send,
	.start_timer = w_start,
	.stop_timer = w_stop,
};

static inline void wire_pair(struct wend *a, struct wend *b)
{
	a->peer = b;
	b->peer = a;
}

/* Deliver one packet queued by e.  false when none was queued. */
static inline bool wire_step(struct wend *e)
{
	struct wend *to = e->loop ? e : e->peer;
	struct wpkt p;
	enum fsm_rx r;

	if (!e->qn || !to)
		return false;
	p = e->q[e->qh];
	e->qh = (e->qh + 1) % WIRE_NQ;
	e->qn--;
	r = fsm_input(to->f, p.b, p.len, to->mru);
	to->nrx[r]++;
	return true;
}

/* The Restart timer of e fires, if armed. */
static inline bool wire_fire(struct wend *e)
{
	if (!e || !e->timer)
		return false;
	e->timer = false;
	fsm_timeout(e->f);
	return true;
}

/*
 * Deliver everything, firing armed timers when nothing is in flight, until
 * both ends are quiet (nothing queued, no timer armed) or max rounds pass.
 * b may be NULL (a looped line).  Returns the packets delivered.
 */
static inline int wire_run(struct wend *a, struct wend *b, int max)
{
	int n = 0;

	while (max-- > 0) {
		bool moved = wire_step(a);

		if (b)
			moved |= wire_step(b);
		if (moved) {
			n++;
			continue;
		}
		/* Quiet: every armed timer runs out (same timeout). */
		moved = wire_fire(a);
		moved |= wire_fire(b);
		if (!moved)
			break;
	}
	return n;
}

/* The last packet e sent, or NULL. */
static inline const struct wpkt *wire_last(const struct wend *e)
{
	if (!e->nlog || e->nlog > WIRE_NLOG)
		return NULL;
	return &e->log[e->nlog - 1];
}

/* Sent packet i equals code, id, Length, then the data octets. */
static inline bool pkt_is(const struct wpkt *p, uint8_t code, uint8_t id,
			  const uint8_t *data, size_t len)
{
	return p && p->len == len + 4 && p->b[0] == code && p->b[1] == id &&
	       ((size_t)p->b[2] << 8 | p->b[3]) == len + 4 &&
	       (!len || !memcmp(p->b + 4, data, len));
}

static inline void pkt_hex(const struct wpkt *p, char *out, size_t cap)
{
	size_t i, n = 0;

	out[0] = 0;
	for (i = 0; p && i < p->len && n + 3 < cap; i++)
		n += (size_t)snprintf(out + n, cap - n, "%02X", p->b[i]);
}

#define BYTES(...)	((const uint8_t[]){ __VA_ARGS__ })
#define NBYTES(...)	sizeof((const uint8_t[]){ __VA_ARGS__ })

/* The last packet e sent is code/id with exactly these data octets. */
#define EXPECT_SENT(e, code, id, ...) do {				\
	char _h[3 * FSM_MAX_PKT];					\
	const struct wpkt *_p = wire_last(e);				\
	pkt_hex(_p, _h, sizeof(_h));					\
	EXPECT_TRUE(pkt_is(_p, code, id, BYTES(__VA_ARGS__),		\
			   NBYTES(__VA_ARGS__)))			\
		TH_LOG("sent %s", _h);					\
} while (0)

/* The last packet e sent is code/id with no data. */
#define EXPECT_SENT_EMPTY(e, code, id) do {				\
	char _h[3 * FSM_MAX_PKT];					\
	const struct wpkt *_p = wire_last(e);				\
	pkt_hex(_p, _h, sizeof(_h));					\
	EXPECT_TRUE(pkt_is(_p, code, id, NULL, 0)) TH_LOG("sent %s", _h); \
} while (0)

/* Feed a packet (code, id, data) to e's instance: the fsm_input result. */
static inline enum fsm_rx wire_feed(struct wend *e, uint8_t code, uint8_t id,
				    const uint8_t *data, size_t len)
{
	uint8_t b[FSM_MAX_PKT + 16];
	enum fsm_rx r;

	if (len > sizeof(b) - 4)
		abort();
	b[0] = code;
	b[1] = id;
	b[2] = (uint8_t)((len + 4) >> 8);
	b[3] = (uint8_t)(len + 4);
	if (len)
		memcpy(b + 4, data, len);
	r = fsm_input(e->f, b, len + 4, e->mru);
	e->nrx[r]++;
	return r;
}

#define FEED(e, code, id, ...)						\
	wire_feed(e, code, id, BYTES(__VA_ARGS__), NBYTES(__VA_ARGS__))

/*
 * Ack e's last Configure-Request as a peer would: echo its options.
 * Returns the fsm_input result.
 */
static inline enum fsm_rx wire_ack_last_req(struct wend *e)
{
	int i;

	for (i = (e->nlog < WIRE_NLOG ? e->nlog : WIRE_NLOG) - 1; i >= 0; i--)
		if (e->log[i].b[0] == PPP_CONFREQ)
			return wire_feed(e, PPP_CONFACK, e->log[i].b[1],
					 e->log[i].b + 4, e->log[i].len - 4);
	return FSM_RX_DISCARDED;
}

/* The owner's hooks, counted. */
struct hrec {
	int up, down, started, finished, looped, failed, protrej, echo;
	int coderej;
	unsigned int loop_count;
	uint8_t coderej_code;
	uint16_t protrej_proto;
	char why[64];
	uint8_t echo_id;
	uint32_t echo_magic;
	size_t echo_len;
};

static inline void h_up(void *o) { ((struct hrec *)o)->up++; }
static inline void h_down(void *o) { ((struct hrec *)o)->down++; }
static inline void h_started(void *o) { ((struct hrec *)o)->started++; }
static inline void h_finished(void *o) { ((struct hrec *)o)->finished++; }

static inline void h_failed(void *o, const char *why)
{
	struct hrec *h = o;

	h->failed++;
	snprintf(h->why, sizeof(h->why), "%s", why);
}

#endif
