// SPDX-License-Identifier: GPL-2.0
/*
 * IPV6CP option negotiation (RFC 5072).  The behaviour is specified in
 * ipv6cp.h; the automaton around it is fsm.c.
 */
#include <string.h>

#include "ipv6cp.h"
#include "opts.h"
#include "vocab.h"

/* v6->flags */
#define IPV6CP_F_UP	0x01	/* hooks->up was called, down is owed */
#define IPV6CP_F_HINTED	0x02	/* an identifier was suggested unasked */

#define HOOK(x, name, ...)						\
	do {								\
		if ((x)->hooks && (x)->hooks->name)			\
			(x)->hooks->name((x)->owner, ##__VA_ARGS__);	\
	} while (0)

static struct ipv6cp *V(struct fsm *f)
{
	return (struct ipv6cp *)f;
}

static uint64_t new_id(uint64_t not1, uint64_t not2)
{
	uint64_t id;

	do
		id = cp_random_u64();
	while (id == not1 || id == not2);
	return id;
}

static void ipv6cp_reset(struct fsm *f)
{
	struct ipv6cp *v6 = V(f);

	v6->want_id = v6->conf->local_id ? v6->conf->local_id : new_id(0, 0);
	v6->neg = 1;
	/* what the peer said last time means nothing to a new negotiation */
	v6->seen_id = 0;
	v6->peer_id = 0;
	v6->flags &= ~IPV6CP_F_HINTED;
}

/* What we suggest for the peer: remote_id, else a fresh random one. */
static uint64_t suggest(const struct ipv6cp *v6, uint64_t not)
{
	const struct ipv6cp_conf *c = v6->conf;

	if (c->remote_id && c->remote_id != v6->want_id)
		return c->remote_id;
	return new_id(v6->want_id, not);
}

static size_t ipv6cp_build_req(struct fsm *f, uint8_t *buf, size_t cap)
{
	struct ipv6cp *v6 = V(f);
	uint8_t d[8];
	struct ppp_optbuf b;

	ppp_optbuf_init(&b, buf, cap);
	if (v6->neg) {
		cp_put64(d, v6->want_id);
		ppp_optbuf_put(&b, IPV6CP_OPT_IFID, d, sizeof(d));
	}
	return b.overflow ? 0 : b.len;
}

static int ipv6cp_rcv_req(struct fsm *f, const uint8_t *opts, size_t len,
			  uint8_t *reply, size_t cap, size_t *reply_len,
			  bool reject_mode)
{
	struct ipv6cp *v6 = V(f);
	const struct ipv6cp_conf *c = v6->conf;
	struct cp_verdict v;
	struct ppp_opt_iter it;
	struct ppp_opt o;
	uint64_t x, peer = 0, sugg;
	bool asked = false;
	uint8_t d[8];
	int r;

	cp_verdict_init(&v, reply, cap, reject_mode);
	ppp_opt_iter_init(&it, opts, len);
	while (ppp_opt_next(&it, &o) > 0) {
		if (cp_dup(&v, &o))
			continue;
		if (o.type != IPV6CP_OPT_IFID || o.len != 10) {
			cp_rej(&v, &o);	/* compression, unknown, bad length */
			continue;
		}
		x = cp_get64(o.data);
		v6->seen_id = x;
		asked = true;
		if (!x || x == v6->want_id) {
			sugg = suggest(v6, x);
		} else if (c->remote_id && x != c->remote_id &&
			   !c->accept_remote) {
			sugg = c->remote_id;
		} else {
			peer = x;
			continue;
		}
		cp_put64(d, sugg);
		cp_nak(&v, &o, d, sizeof(d));
	}
	/* No identifier from the peer: suggest one, once (pppd). */
	if (!asked && !reject_mode && !v.rej.len &&
	    !(v6->flags & IPV6CP_F_HINTED)) {
		v6->flags |= IPV6CP_F_HINTED;
		cp_put64(d, suggest(v6, 0));
		ppp_optbuf_put(&v.nak, IPV6CP_OPT_IFID, d, sizeof(d));
	}
	r = cp_finish(&v, reply, cap, reply_len);
	if (r == PPP_CONFACK)
		v6->peer_id = asked ? peer : c->remote_id;
	return r;
}

static bool ipv6cp_rcv_ack(struct fsm *f, const uint8_t *opts, size_t len)
{
	struct ipv6cp *v6 = V(f);

	(void)opts;
	(void)len;
	v6->local_id = v6->want_id;
	return true;
}

static bool ipv6cp_rcv_nak(struct fsm *f, const uint8_t *opts, size_t len,
			   bool reject_mode)
{
	struct ipv6cp *v6 = V(f);
	const struct ipv6cp_conf *c = v6->conf;
	struct ppp_opt o;
	uint64_t s;

	if (!v6->neg || !ppp_opt_find(opts, len, IPV6CP_OPT_IFID, &o) ||
	    o.len != 10)
		return true;
	if (reject_mode) {
		v6->neg = 0;
		return true;
	}
	if (c->local_id && !c->accept_local)
		return true;	/* ours is configured: ask it again */
	s = cp_get64(o.data);
	if (s && s != v6->seen_id)
		v6->want_id = s;
	else
		v6->want_id = new_id(v6->want_id, v6->seen_id);
	return true;
}

static bool ipv6cp_rcv_rej(struct fsm *f, const uint8_t *opts, size_t len)
{
	struct ppp_opt o;

	if (ppp_opt_find(opts, len, IPV6CP_OPT_IFID, &o))
		V(f)->neg = 0;
	return true;
}

static void ipv6cp_tlu(struct fsm *f)
{
	struct ipv6cp *v6 = V(f);

	/* fe80:: is nobody's address: never install it as the peer's */
	if (!v6->peer_id) {
		HOOK(v6, failed, "could not determine remote interface identifier");
		fsm_close(f);	/* allowed from tlu: see fsm.h */
		return;
	}
	v6->flags |= IPV6CP_F_UP;
	HOOK(v6, up);
}

static void ipv6cp_tld(struct fsm *f)
{
	struct ipv6cp *v6 = V(f);

	if (!(v6->flags & IPV6CP_F_UP))
		return;
	v6->flags &= ~IPV6CP_F_UP;
	HOOK(v6, down);
}

static void ipv6cp_tls(struct fsm *f)
{
	HOOK(V(f), started);
}

static void ipv6cp_tlf(struct fsm *f)
{
	HOOK(V(f), finished);
}

const struct fsm_proto ipv6cp_proto = {
	.protocol = PPP_IPV6CP,
	.name = "IPV6CP",
	.reset = ipv6cp_reset,
	.build_req = ipv6cp_build_req,
	.rcv_req = ipv6cp_rcv_req,
	.rcv_ack = ipv6cp_rcv_ack,
	.rcv_nak = ipv6cp_rcv_nak,
	.rcv_rej = ipv6cp_rcv_rej,
	.tlu = ipv6cp_tlu,
	.tld = ipv6cp_tld,
	.tls = ipv6cp_tls,
	.tlf = ipv6cp_tlf,
};

void ipv6cp_init(struct ipv6cp *v6, const struct ipv6cp_conf *conf,
		 const struct fsm_ops *ops, void *ctx,
		 const struct ncp_hooks *hooks, void *owner)
{
	memset(v6, 0, sizeof(*v6));
	fsm_init(&v6->fsm, &ipv6cp_proto, ops, ctx);
	v6->conf = conf;
	v6->hooks = hooks;
	v6->owner = owner;
}
