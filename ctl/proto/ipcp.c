// SPDX-License-Identifier: GPL-2.0
/*
 * IPCP option negotiation (RFC 1332, RFC 1877).  The behaviour is specified
 * in ipcp.h; the automaton around it is fsm.c.
 */
#include <arpa/inet.h>
#include <string.h>

#include "ipcp.h"
#include "opts.h"
#include "vocab.h"

/* ip->flags */
#define IPCP_F_UP	0x01	/* hooks->up was called, down is owed */
#define IPCP_F_HINTED	0x02	/* our address hint for the peer was sent */

#define HOOK(x, name, ...)						\
	do {								\
		if ((x)->hooks && (x)->hooks->name)			\
			(x)->hooks->name((x)->owner, ##__VA_ARGS__);	\
	} while (0)

static struct ipcp *I(struct fsm *f)
{
	return (struct ipcp *)f;
}

/* The RFC 1877 options: their neg bit and where their value lives. */
static uint8_t ns_bit(uint8_t type)
{
	switch (type) {
	case IPCP_OPT_DNS1:
		return IPCP_N_DNS1;
	case IPCP_OPT_DNS2:
		return IPCP_N_DNS2;
	case IPCP_OPT_NBNS1:
		return IPCP_N_NBNS1;
	case IPCP_OPT_NBNS2:
		return IPCP_N_NBNS2;
	default:
		return 0;
	}
}

static struct in_addr *ns_slot(struct ipcp_neg *n, uint8_t type)
{
	switch (type) {
	case IPCP_OPT_DNS1:
		return &n->dns[0];
	case IPCP_OPT_DNS2:
		return &n->dns[1];
	case IPCP_OPT_NBNS1:
		return &n->wins[0];
	default:
		return &n->wins[1];
	}
}

static struct in_addr conf_ns(const struct ipcp_conf *c, uint8_t type)
{
	switch (type) {
	case IPCP_OPT_DNS1:
		return c->dns[0];
	case IPCP_OPT_DNS2:
		return c->dns[1];
	case IPCP_OPT_NBNS1:
		return c->wins[0];
	default:
		return c->wins[1];
	}
}

static struct in_addr opt_addr(const struct ppp_opt *o)
{
	struct in_addr a;

	memcpy(&a.s_addr, o->data, 4);
	return a;
}

/* Values of options not in n->neg back to 0.0.0.0. */
static void neg_normalize(struct ipcp_neg *n)
{
	static const uint8_t ns[] = {
		IPCP_OPT_DNS1, IPCP_OPT_DNS2, IPCP_OPT_NBNS1, IPCP_OPT_NBNS2,
	};
	size_t i;

	for (i = 0; i < sizeof(ns); i++)
		if (!(n->neg & ns_bit(ns[i])))
			ns_slot(n, ns[i])->s_addr = 0;
}

static void ipcp_reset(struct fsm *f)
{
	struct ipcp *ip = I(f);
	const struct ipcp_conf *c = ip->conf;
	struct ipcp_neg *w = &ip->want;

	memset(w, 0, sizeof(*w));
	w->addr = c->local;
	w->neg = IPCP_N_ADDR;
	if (c->usepeerdns)
		w->neg |= IPCP_N_DNS1 | IPCP_N_DNS2;
	if (c->usepeerwins)
		w->neg |= IPCP_N_NBNS1 | IPCP_N_NBNS2;
	ip->flags &= ~IPCP_F_HINTED;
}

static size_t ipcp_build_req(struct fsm *f, uint8_t *buf, size_t cap)
{
	static const uint8_t ns[] = {
		IPCP_OPT_DNS1, IPCP_OPT_NBNS1, IPCP_OPT_DNS2, IPCP_OPT_NBNS2,
	};
	struct ipcp_neg *w = &I(f)->want;
	struct ppp_optbuf b;
	size_t i;

	ppp_optbuf_init(&b, buf, cap);
	if (w->neg & IPCP_N_ADDR)
		ppp_optbuf_put(&b, IPCP_OPT_ADDR, &w->addr.s_addr, 4);
	for (i = 0; i < sizeof(ns); i++)
		if (w->neg & ns_bit(ns[i]))
			ppp_optbuf_put(&b, ns[i], &ns_slot(w, ns[i])->s_addr,
				       4);
	return b.overflow ? 0 : b.len;
}

bool ipcp_peer_addr_ok(const struct ipcp *ip, struct in_addr a)
{
	const struct ipcp_conf *c = ip->conf;
	uint32_t h = ntohl(a.s_addr);

	if ((h >> 24) == 0 || (h >> 24) == 127 ||	/* 0/8, loopback */
	    (h >> 28) >= 0xe)				/* 224/4, 240/4 */
		return false;
	if (a.s_addr == c->local.s_addr || a.s_addr == ip->want.addr.s_addr)
		return false;				/* ours */
	return !c->allow || addrlist_allows(c->allow, a);
}

/* What we offer the peer: remote, else the list's suggestion; 0: none. */
static struct in_addr offer(const struct ipcp *ip)
{
	const struct ipcp_conf *c = ip->conf;
	struct in_addr none = { 0 };

	if (c->remote.s_addr && ipcp_peer_addr_ok(ip, c->remote))
		return c->remote;
	if (c->allow && c->allow->suggest.s_addr &&
	    ipcp_peer_addr_ok(ip, c->allow->suggest))
		return c->allow->suggest;
	return none;
}

/* The peer's IP-Address: ack (*peer set), Nak or reject. */
static void req_addr(struct ipcp *ip, struct cp_verdict *v,
		     const struct ppp_opt *o, struct in_addr *peer)
{
	const struct ipcp_conf *c = ip->conf;
	struct in_addr a = opt_addr(o), ours = offer(ip);

	if (a.s_addr && (!c->remote.s_addr || a.s_addr == c->remote.s_addr ||
			 c->accept_remote) && ipcp_peer_addr_ok(ip, a)) {
		*peer = a;
		return;
	}
	/* 0.0.0.0, not remote, or not one it may use: offer ours */
	if (ours.s_addr && ours.s_addr != a.s_addr)
		cp_nak(v, o, &ours.s_addr, 4);
	else
		cp_rej(v, o);	/* nothing to offer: see ipcp.h */
}

static int ipcp_rcv_req(struct fsm *f, const uint8_t *opts, size_t len,
			uint8_t *reply, size_t cap, size_t *reply_len,
			bool reject_mode)
{
	struct ipcp *ip = I(f);
	const struct ipcp_conf *c = ip->conf;
	struct cp_verdict v;
	struct ppp_opt_iter it;
	struct ppp_opt o;
	struct in_addr peer = { 0 }, mine;
	bool asked_addr = false;
	int r;

	cp_verdict_init(&v, reply, cap, reject_mode);
	ppp_opt_iter_init(&it, opts, len);
	while (ppp_opt_next(&it, &o) > 0) {
		if (cp_dup(&v, &o))
			continue;
		switch (o.type) {
		case IPCP_OPT_ADDR:
			if (o.len != 6) {
				cp_rej(&v, &o);
				break;
			}
			asked_addr = true;
			req_addr(ip, &v, &o, &peer);
			break;
		case IPCP_OPT_DNS1:
		case IPCP_OPT_DNS2:
		case IPCP_OPT_NBNS1:
		case IPCP_OPT_NBNS2:
			mine = conf_ns(c, o.type);
			if (o.len != 6 || !mine.s_addr)
				cp_rej(&v, &o);
			else if (opt_addr(&o).s_addr != mine.s_addr)
				cp_nak(&v, &o, &mine.s_addr, 4);
			break;
		default:
			/* IP-Addresses, IP-Compression-Protocol, unknown */
			cp_rej(&v, &o);
			break;
		}
	}
	/* No address from the peer: hint ours for it, once (pppd). */
	mine = offer(ip);
	if (!asked_addr && mine.s_addr && !reject_mode &&
	    !v.rej.len && !(ip->flags & IPCP_F_HINTED)) {
		ip->flags |= IPCP_F_HINTED;
		ppp_optbuf_put(&v.nak, IPCP_OPT_ADDR, &mine.s_addr, 4);
	}
	r = cp_finish(&v, reply, cap, reply_len);
	if (r == PPP_CONFACK)
		ip->peer = asked_addr ? peer : mine;
	return r;
}

static bool ipcp_rcv_ack(struct fsm *f, const uint8_t *opts, size_t len)
{
	struct ipcp *ip = I(f);

	(void)opts;
	(void)len;
	ip->got = ip->want;
	if (!(ip->got.neg & IPCP_N_ADDR))
		ip->got.addr = ip->conf->local;
	neg_normalize(&ip->got);
	return true;
}

static bool ipcp_rcv_nak(struct fsm *f, const uint8_t *opts, size_t len,
			 bool reject_mode)
{
	struct ipcp *ip = I(f);
	const struct ipcp_conf *c = ip->conf;
	struct ipcp_neg *w = &ip->want;
	struct ppp_opt_iter it;
	struct ppp_opt o;
	struct in_addr a;
	uint8_t bit;

	ppp_opt_iter_init(&it, opts, len);
	while (ppp_opt_next(&it, &o) > 0) {
		if (o.len != 6)
			continue;
		a = opt_addr(&o);
		if (o.type == IPCP_OPT_ADDR) {
			if (!(w->neg & IPCP_N_ADDR))
				continue;	/* a hint: not taken */
			if (reject_mode)
				w->neg &= ~IPCP_N_ADDR;
			else if (a.s_addr &&
				 (!c->local.s_addr || c->accept_local))
				w->addr = a;
			continue;
		}
		bit = ns_bit(o.type);
		if (!bit || !(w->neg & bit))
			continue;
		if (reject_mode)
			w->neg &= ~bit;
		else
			*ns_slot(w, o.type) = a;
	}
	neg_normalize(w);
	return true;
}

static bool ipcp_rcv_rej(struct fsm *f, const uint8_t *opts, size_t len)
{
	struct ipcp_neg *w = &I(f)->want;
	struct ppp_opt_iter it;
	struct ppp_opt o;

	ppp_opt_iter_init(&it, opts, len);
	while (ppp_opt_next(&it, &o) > 0) {
		if (o.type == IPCP_OPT_ADDR)
			w->neg &= ~IPCP_N_ADDR;
		else
			w->neg &= ~ns_bit(o.type);
	}
	neg_normalize(w);
	return true;
}

static void ipcp_tlu(struct fsm *f)
{
	struct ipcp *ip = I(f);

	if (!ip->got.addr.s_addr) {
		HOOK(ip, failed, "could not determine local IP address");
		fsm_close(f);	/* allowed from tlu: see fsm.h */
		return;
	}
	/* no route to 0.0.0.0, nor to an address the peer may not use */
	if (!ip->peer.s_addr || !ipcp_peer_addr_ok(ip, ip->peer)) {
		HOOK(ip, failed, "could not determine remote IP address");
		fsm_close(f);
		return;
	}
	ip->flags |= IPCP_F_UP;
	HOOK(ip, up);
}

static void ipcp_tld(struct fsm *f)
{
	struct ipcp *ip = I(f);

	if (!(ip->flags & IPCP_F_UP))
		return;
	ip->flags &= ~IPCP_F_UP;
	HOOK(ip, down);
}

static void ipcp_tls(struct fsm *f)
{
	HOOK(I(f), started);
}

static void ipcp_tlf(struct fsm *f)
{
	HOOK(I(f), finished);
}

const struct fsm_proto ipcp_proto = {
	.protocol = PPP_IPCP,
	.name = "IPCP",
	.reset = ipcp_reset,
	.build_req = ipcp_build_req,
	.rcv_req = ipcp_rcv_req,
	.rcv_ack = ipcp_rcv_ack,
	.rcv_nak = ipcp_rcv_nak,
	.rcv_rej = ipcp_rcv_rej,
	.tlu = ipcp_tlu,
	.tld = ipcp_tld,
	.tls = ipcp_tls,
	.tlf = ipcp_tlf,
};

void ipcp_init(struct ipcp *ip, const struct ipcp_conf *conf,
	       const struct fsm_ops *ops, void *ctx,
	       const struct ncp_hooks *hooks, void *owner)
{
	memset(ip, 0, sizeof(*ip));
	fsm_init(&ip->fsm, &ipcp_proto, ops, ctx);
	ip->conf = conf;
	ip->hooks = hooks;
	ip->owner = owner;
}
