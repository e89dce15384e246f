// SPDX-License-Identifier: GPL-2.0
/*
 * LCP option negotiation and its extra codes.  The behaviour is specified
 * in lcp.h; the automaton around it is fsm.c.
 */
#include <string.h>

#include "cp.h"
#include "lcp.h"
#include "opts.h"
#include "vocab.h"

/* l->flags */
#define LCP_F_UP	0x01	/* hooks->up was called, down is owed */

#define HOOK(l, name, ...)						\
	do {								\
		if ((l)->hooks && (l)->hooks->name)			\
			(l)->hooks->name((l)->owner, ##__VA_ARGS__);	\
	} while (0)

static struct lcp *L(struct fsm *f)
{
	return (struct lcp *)f;
}

static void neg_defaults(struct lcp_neg *n)
{
	memset(n, 0, sizeof(*n));
	n->mru = LCP_DEF_MRU;
	n->accm = LCP_DEF_ACCM;
}

/* Values of options not in n->neg back to the RFC defaults. */
static void neg_normalize(struct lcp_neg *n)
{
	if (!(n->neg & LCP_N_MRU))
		n->mru = LCP_DEF_MRU;
	if (!(n->neg & LCP_N_ACCM))
		n->accm = LCP_DEF_ACCM;
	if (!(n->neg & LCP_N_MAGIC))
		n->magic = 0;
	if (!(n->neg & LCP_N_AUTH))
		n->auth = 0;
}

/* The largest MRU we accept from the peer. */
static uint16_t mru_limit(const struct lcp_conf *c)
{
	uint16_t m = c->mtu ? c->mtu : LCP_MAX_MRU;

	/* LCP_MAX_MRU is the 16-bit field's own limit. */
	if (m < LCP_MIN_MRU)
		m = LCP_MIN_MRU;
	return m;
}

/* The authentication protocols we require (stray conf bits ignored). */
static uint8_t required(const struct lcp_conf *c)
{
	return c->require_auth & (LCP_AUTH_PAP | LCP_AUTH_CHAP);
}

/* Authentication protocols we are willing to do for the peer. */
static uint8_t willing(const struct lcp_conf *c)
{
	uint8_t w = 0;

	if (c->can_pap && !c->refuse_pap)
		w |= LCP_AUTH_PAP;
	if (c->can_chap && !c->refuse_chap)
		w |= LCP_AUTH_CHAP;
	return w;
}

/* The preferred protocol of a set: CHAP, then PAP. */
static uint8_t pick(uint8_t set)
{
	if (set & LCP_AUTH_CHAP)
		return LCP_AUTH_CHAP;
	return set & LCP_AUTH_PAP;
}

static uint16_t auth_proto(uint8_t bit)
{
	if (bit == LCP_AUTH_CHAP)
		return PPP_CHAP;
	return bit == LCP_AUTH_PAP ? PPP_PAP : 0;
}

static uint8_t auth_bit(uint16_t proto)
{
	if (proto == PPP_CHAP)
		return LCP_AUTH_CHAP;
	return proto == PPP_PAP ? LCP_AUTH_PAP : 0;
}

/* What an Authentication-Protocol option names, if we support it. */
static uint8_t opt_auth_bit(const struct ppp_opt *o)
{
	uint16_t p;

	if (o->len < 4)
		return 0;
	p = cp_get16(o->data);
	if (p == PPP_PAP && o->len == 4)
		return LCP_AUTH_PAP;
	if (p == PPP_CHAP && o->len == 5 && o->data[2] == LCP_CHAP_MD5)
		return LCP_AUTH_CHAP;
	return 0;
}

static bool put_auth(struct ppp_optbuf *b, uint16_t proto)
{
	uint8_t d[3];

	cp_put16(d, proto);
	d[2] = LCP_CHAP_MD5;
	return ppp_optbuf_put(b, LCP_OPT_AUTH, d, proto == PPP_CHAP ? 3 : 2);
}

static uint32_t new_magic(uint32_t not1, uint32_t not2)
{
	uint32_t m;

	do
		m = cp_random_u32();
	while (m == not1 || m == not2);
	return m;
}

static void lcp_reset(struct fsm *f)
{
	struct lcp *l = L(f);
	const struct lcp_conf *c = l->conf;
	struct lcp_neg *w = &l->want;

	neg_defaults(w);
	if (c->mru && c->mru != LCP_DEF_MRU) {
		w->mru = c->mru;
		if (w->mru < LCP_MIN_MRU)
			w->mru = LCP_MIN_MRU;
		w->neg |= LCP_N_MRU;
	}
	if (!c->default_asyncmap) {
		w->accm = c->asyncmap;
		w->neg |= LCP_N_ACCM;
	}
	if (required(c)) {
		w->auth = auth_proto(pick(required(c)));
		w->neg |= LCP_N_AUTH;
	}
	if (!c->nomagic) {
		w->magic = new_magic(0, 0);
		w->neg |= LCP_N_MAGIC;
	}
	if (!c->nopcomp)
		w->neg |= LCP_N_PFC;
	if (!c->noaccomp)
		w->neg |= LCP_N_ACFC;
	l->auth_no = 0;
	l->loops = 0;
	l->loop_nak = 0;
}

static size_t lcp_build_req(struct fsm *f, uint8_t *buf, size_t cap)
{
	const struct lcp_neg *w = &L(f)->want;
	struct ppp_optbuf b;

	ppp_optbuf_init(&b, buf, cap);
	if (w->neg & LCP_N_MRU)
		ppp_optbuf_put_u16(&b, LCP_OPT_MRU, w->mru);
	if (w->neg & LCP_N_ACCM)
		ppp_optbuf_put_u32(&b, LCP_OPT_ACCM, w->accm);
	if (w->neg & LCP_N_AUTH)
		put_auth(&b, w->auth);
	if (w->neg & LCP_N_MAGIC)
		ppp_optbuf_put_u32(&b, LCP_OPT_MAGIC, w->magic);
	if (w->neg & LCP_N_PFC)
		ppp_optbuf_put(&b, LCP_OPT_PFC, NULL, 0);
	if (w->neg & LCP_N_ACFC)
		ppp_optbuf_put(&b, LCP_OPT_ACFC, NULL, 0);
	return b.overflow ? 0 : b.len;
}

static void v_nak16(struct cp_verdict *v, const struct ppp_opt *o, uint16_t x)
{
	uint8_t d[2];

	cp_put16(d, x);
	cp_nak(v, o, d, sizeof(d));
}

static void v_nak32(struct cp_verdict *v, const struct ppp_opt *o, uint32_t x)
{
	uint8_t d[4];

	cp_put32(d, x);
	cp_nak(v, o, d, sizeof(d));
}

/* The peer's Authentication-Protocol option. */
static void req_auth(struct lcp *l, struct cp_verdict *v,
		     const struct ppp_opt *o, struct lcp_neg *h)
{
	uint8_t can = willing(l->conf);
	uint8_t bit = opt_auth_bit(o);
	uint16_t p;
	uint8_t d[3];

	if (o->len < 4) {
		cp_rej(v, o);
		return;
	}
	p = cp_get16(o->data);
	if ((p == PPP_PAP && o->len != 4) || (p == PPP_CHAP && o->len != 5)) {
		cp_rej(v, o);	/* wrong length for its protocol */
		return;
	}
	if (bit & can) {
		h->auth = auth_proto(bit);
		h->neg |= LCP_N_AUTH;
		return;
	}
	if (!can) {
		cp_rej(v, o);	/* nothing we could do instead */
		return;
	}
	p = auth_proto(pick(can));
	cp_put16(d, p);
	d[2] = LCP_CHAP_MD5;
	cp_nak(v, o, d, p == PPP_CHAP ? 3 : 2);
}

static int lcp_rcv_req(struct fsm *f, const uint8_t *opts, size_t len,
		       uint8_t *reply, size_t cap, size_t *reply_len,
		       bool reject_mode)
{
	struct lcp *l = L(f);
	const struct lcp_conf *c = l->conf;
	struct cp_verdict v;
	struct ppp_opt_iter it;
	struct ppp_opt o;
	struct lcp_neg h;
	uint32_t x;
	bool looped = false;
	int r;

	neg_defaults(&h);
	cp_verdict_init(&v, reply, cap, reject_mode);
	ppp_opt_iter_init(&it, opts, len);
	while (ppp_opt_next(&it, &o) > 0) {
		if (cp_dup(&v, &o))
			continue;
		switch (o.type) {
		case LCP_OPT_MRU:
			if (o.len != 4) {
				cp_rej(&v, &o);
				break;
			}
			x = cp_get16(o.data);
			/*
			 * pppd: at least 128; a larger MRU than our mtu is
			 * taken, we just send no more than mtu (lcp_tx_mru).
			 */
			if (x < LCP_MIN_MRU) {
				v_nak16(&v, &o, LCP_MIN_MRU);
			} else {
				h.mru = (uint16_t)x;
				h.neg |= LCP_N_MRU;
			}
			break;
		case LCP_OPT_ACCM:
			if (o.len != 6) {
				cp_rej(&v, &o);
				break;
			}
			h.accm = cp_get32(o.data);
			h.neg |= LCP_N_ACCM;
			break;
		case LCP_OPT_AUTH:
			req_auth(l, &v, &o, &h);
			break;
		case LCP_OPT_MAGIC:
			if (o.len != 6) {
				cp_rej(&v, &o);
				break;
			}
			x = cp_get32(o.data);
			if (x && (l->want.neg & LCP_N_MAGIC) &&
			    x == l->want.magic) {
				uint8_t d[4];

				/* Never a Reject, whatever Max-Failure says. */
				looped = true;
				l->loop_nak = new_magic(l->want.magic, x);
				cp_put32(d, l->loop_nak);
				cp_nak_forced(&v, &o, d, sizeof(d));
			} else if (!x) {
				v_nak32(&v, &o, new_magic(l->want.magic, 0));
			} else {
				h.magic = x;
				h.neg |= LCP_N_MAGIC;
			}
			break;
		case LCP_OPT_PFC:
		case LCP_OPT_ACFC:
			if (o.len != 2 ||
			    (o.type == LCP_OPT_PFC ? c->nopcomp : c->noaccomp)) {
				cp_rej(&v, &o);
				break;
			}
			h.neg |= o.type == LCP_OPT_PFC ? LCP_N_PFC : LCP_N_ACFC;
			break;
		default:
			cp_rej(&v, &o);	/* RFC 1570 and unknown options */
			break;
		}
	}
	if (looped) {
		if (l->loops < UINT8_MAX)
			l->loops++;
		HOOK(l, looped, l->loops);
	}
	r = cp_finish(&v, reply, cap, reply_len);
	if (r == PPP_CONFACK)
		l->his = h;
	return r;
}

static bool lcp_rcv_ack(struct fsm *f, const uint8_t *opts, size_t len)
{
	struct lcp *l = L(f);

	(void)opts;
	(void)len;
	l->got = l->want;
	neg_normalize(&l->got);
	return true;
}

/* The peer Nak'd our Authentication-Protocol. */
static void nak_auth(struct lcp *l, const struct ppp_opt *o, bool reject_mode)
{
	struct lcp_neg *w = &l->want;
	uint8_t cur = auth_bit(w->auth);
	uint8_t sugg = opt_auth_bit(o);
	uint8_t alt;

	if (reject_mode) {
		w->neg &= ~LCP_N_AUTH;
		return;
	}
	if (sugg == cur)
		return;		/* nothing new: ask again (Max-Failure) */
	l->auth_no |= cur;
	if (sugg & required(l->conf)) {
		w->auth = auth_proto(sugg);
		return;
	}
	alt = required(l->conf) & ~l->auth_no;
	if (alt)
		w->auth = auth_proto(pick(alt));
	/* else keep asking: Max-Failure then stops us, tlu fails. */
}

static bool lcp_rcv_nak(struct fsm *f, const uint8_t *opts, size_t len,
			bool reject_mode)
{
	struct lcp *l = L(f);
	struct lcp_neg *w = &l->want;
	struct ppp_opt_iter it;
	struct ppp_opt o;
	uint32_t x;

	ppp_opt_iter_init(&it, opts, len);
	while (ppp_opt_next(&it, &o) > 0) {
		switch (o.type) {
		case LCP_OPT_MRU:
			if (o.len != 4)
				break;
			x = cp_get16(o.data);
			if (!(w->neg & LCP_N_MRU)) {
				/* A hint: ask a smaller MRU (pppd). */
				if (!reject_mode && x >= LCP_MIN_MRU &&
				    x < LCP_DEF_MRU) {
					w->mru = (uint16_t)x;
					w->neg |= LCP_N_MRU;
				}
			} else if (reject_mode || x < LCP_MIN_MRU ||
				   (x > l->conf->mru && x > LCP_DEF_MRU)) {
				/*
				 * Never more than we asked or 1500 (pppd):
				 * not asking leaves 1500, which the peer
				 * must take.
				 */
				w->neg &= ~LCP_N_MRU;
			} else {
				w->mru = (uint16_t)x;
			}
			break;
		case LCP_OPT_ACCM:
			if (o.len != 6 || !(w->neg & LCP_N_ACCM))
				break;
			if (reject_mode)
				w->neg &= ~LCP_N_ACCM;
			else
				w->accm |= cp_get32(o.data);
			break;
		case LCP_OPT_AUTH:
			if (w->neg & LCP_N_AUTH)
				nak_auth(l, &o, reject_mode);
			break;
		case LCP_OPT_MAGIC:
			if (o.len != 6 || !(w->neg & LCP_N_MAGIC))
				break;
			x = cp_get32(o.data);
			/*
			 * Never stop asking, whatever Max-Failure says: a
			 * loop must stay detectable (pppd keeps asking too).
			 */
			w->magic = new_magic(w->magic, x);
			if (l->loop_nak && x == l->loop_nak) {
				/*
				 * Our own Nak came back (RFC 1661 6.4): the
				 * line is looped.  No RCN, which would send
				 * the next request at once and spin the loop
				 * at line speed: the Restart timer sends it,
				 * and Max-Configure ends the negotiation.
				 */
				l->loop_nak = 0;
				return false;
			}
			break;
		case LCP_OPT_PFC:
			/* A Nak of a flag can only mean no (pppd). */
			w->neg &= ~LCP_N_PFC;
			break;
		case LCP_OPT_ACFC:
			w->neg &= ~LCP_N_ACFC;
			break;
		default:
			break;	/* hints we do not take */
		}
	}
	neg_normalize(w);
	return true;
}

static bool lcp_rcv_rej(struct fsm *f, const uint8_t *opts, size_t len)
{
	struct lcp *l = L(f);
	struct lcp_neg *w = &l->want;
	struct ppp_opt_iter it;
	struct ppp_opt o;

	ppp_opt_iter_init(&it, opts, len);
	while (ppp_opt_next(&it, &o) > 0) {
		switch (o.type) {
		case LCP_OPT_MRU:
			w->neg &= ~LCP_N_MRU;
			break;
		case LCP_OPT_ACCM:
			w->neg &= ~LCP_N_ACCM;
			break;
		case LCP_OPT_AUTH:
			l->auth_no |= auth_bit(w->auth);
			w->neg &= ~LCP_N_AUTH;
			break;
		case LCP_OPT_MAGIC:
			w->neg &= ~LCP_N_MAGIC;
			break;
		case LCP_OPT_PFC:
			w->neg &= ~LCP_N_PFC;
			break;
		case LCP_OPT_ACFC:
			w->neg &= ~LCP_N_ACFC;
			break;
		default:
			break;
		}
	}
	neg_normalize(w);
	return true;
}

static void lcp_tlu(struct fsm *f)
{
	struct lcp *l = L(f);

	if (required(l->conf) && !(l->got.neg & LCP_N_AUTH)) {
		HOOK(l, failed, "peer refused to authenticate");
		fsm_close(f);	/* allowed from tlu: see fsm.h */
		return;
	}
	l->flags |= LCP_F_UP;
	HOOK(l, up);
}

static void lcp_tld(struct fsm *f)
{
	struct lcp *l = L(f);

	if (!(l->flags & LCP_F_UP))
		return;
	l->flags &= ~LCP_F_UP;
	HOOK(l, down);
}

static void lcp_tls(struct fsm *f)
{
	HOOK(L(f), started);
}

static void lcp_tlf(struct fsm *f)
{
	HOOK(L(f), finished);
}

static enum fsm_ext lcp_rx_code(struct fsm *f, uint8_t code, uint8_t id,
				const uint8_t *data, size_t len)
{
	(void)id;
	(void)data;
	(void)len;
	switch (code) {
	case PPP_PROTREJ:
		/* RFC 1661 5.7: only meaningful in Opened. */
		return fsm_state(f) == FSM_OPENED ? FSM_EXT_RXJ : FSM_EXT_DONE;
	case PPP_ECHOREQ:
	case PPP_ECHOREP:
	case PPP_DISCREQ:
	case LCP_IDENTIFICATION:	/* RFC 1570: RXR or RUC, no reply */
	case LCP_TIME_REMAINING:
		return FSM_EXT_RXR;
	default:
		return FSM_EXT_UNKNOWN;
	}
}

static bool lcp_rxj_fatal(struct fsm *f, uint8_t code, const uint8_t *data,
			  size_t len)
{
	struct lcp *l = L(f);
	uint16_t proto;

	if (code == PPP_CODEREJ) {
		if (len >= 1 && data[0] >= PPP_CONFREQ &&
		    data[0] <= PPP_CODEREJ)
			return true;
		if (len >= 1)
			HOOK(l, code_rej, data[0]);
		return false;
	}
	if (len < 2)
		return false;
	proto = cp_get16(data);
	if (proto == PPP_LCP)
		return true;
	HOOK(l, proto_rej, proto);
	return false;
}

/* Room for the Data field of a packet that must fit the peer's MRU. */
static size_t peer_room(const struct lcp *l)
{
	size_t mru = l->his.mru;

	if (mru > FSM_MAX_PKT)
		mru = FSM_MAX_PKT;
	return mru > FSM_HDRLEN ? mru - FSM_HDRLEN : 0;
}

static void lcp_ser(struct fsm *f, uint8_t code, uint8_t id,
		    const uint8_t *data, size_t len)
{
	struct lcp *l = L(f);
	uint8_t buf[FSM_MAX_OPTS];
	size_t n;

	if (code != PPP_ECHOREQ && code != PPP_ECHOREP)
		return;		/* Discard-Request, RFC 1570's: no reply */
	if (len < 4) {
		f->stats.rx_malformed++;	/* no Magic-Number field */
		return;
	}
	if (code == PPP_ECHOREP) {
		HOOK(l, echo_reply, id, cp_get32(data), data + 4, len - 4);
		return;
	}
	n = len < peer_room(l) ? len : peer_room(l);
	if (n < 4)
		return;
	cp_put32(buf, l->got.magic);
	memcpy(buf + 4, data + 4, n - 4);
	fsm_send(f, PPP_ECHOREP, id, buf, n);
}

const struct fsm_proto lcp_proto = {
	.protocol = PPP_LCP,
	.name = "LCP",
	.reset = lcp_reset,
	.build_req = lcp_build_req,
	.rcv_req = lcp_rcv_req,
	.rcv_ack = lcp_rcv_ack,
	.rcv_nak = lcp_rcv_nak,
	.rcv_rej = lcp_rcv_rej,
	.tlu = lcp_tlu,
	.tld = lcp_tld,
	.tls = lcp_tls,
	.tlf = lcp_tlf,
	.rx_code = lcp_rx_code,
	.ser = lcp_ser,
	.rxj_fatal = lcp_rxj_fatal,
};

void lcp_init(struct lcp *l, const struct lcp_conf *conf,
	      const struct fsm_ops *ops, void *ctx,
	      const struct lcp_hooks *hooks, void *owner)
{
	memset(l, 0, sizeof(*l));
	fsm_init(&l->fsm, &lcp_proto, ops, ctx);
	l->conf = conf;
	l->hooks = hooks;
	l->owner = owner;
	neg_defaults(&l->want);
	neg_defaults(&l->got);
	neg_defaults(&l->his);
}

uint16_t lcp_tx_mru(const struct lcp *l)
{
	uint16_t lim = mru_limit(l->conf);

	return l->his.mru < lim ? l->his.mru : lim;
}

int lcp_send_protrej(struct lcp *l, uint16_t proto, const uint8_t *info,
		     size_t len)
{
	uint8_t buf[FSM_MAX_OPTS];
	size_t room = peer_room(l);

	if (fsm_state(&l->fsm) != FSM_OPENED || room < 2 || (len && !info))
		return -1;
	if (len > room - 2)
		len = room - 2;
	cp_put16(buf, proto);
	if (len)
		memcpy(buf + 2, info, len);
	return fsm_send(&l->fsm, PPP_PROTREJ, fsm_new_id(&l->fsm), buf,
			len + 2);
}

int lcp_send_echo(struct lcp *l, const uint8_t *data, size_t len)
{
	uint8_t buf[FSM_MAX_OPTS];
	size_t room = peer_room(l);
	uint8_t id;

	if (fsm_state(&l->fsm) != FSM_OPENED || room < 4 || (len && !data))
		return -1;
	if (len > room - 4)
		len = room - 4;
	cp_put32(buf, l->got.magic);
	if (len)
		memcpy(buf + 4, data, len);
	id = fsm_new_id(&l->fsm);
	if (fsm_send(&l->fsm, PPP_ECHOREQ, id, buf, len + 4) < 0)
		return -1;
	return id;
}
