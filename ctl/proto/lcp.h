/* SPDX-License-Identifier: GPL-2.0 */
/*
 * LCP, the Link Control Protocol (RFC 1661 section 6), as a plug-in of the
 * automaton in fsm.h.  Pure: no sockets, no timers, no globals.  The owner
 * (the link) gives the instance its struct fsm_ops and ctx, drives
 * l->fsm with fsm_up/open/close/down/timeout/input, and hears back through
 * struct lcp_hooks.  Threading and re-entrancy rules: see cp.h.
 *
 * Options
 * -------
 *   1 MRU            we ask conf->mru when set and not 1500.  The peer's
 *                    MRU below LCP_MIN_MRU is Nak'd with LCP_MIN_MRU; any
 *                    other is acked (pppd: a large one is no harm, we send
 *                    less).  lcp_tx_mru(), our MTU, is the peer's MRU (1500
 *                    when it sent none) capped by limit: conf->mtu (pppd
 *                    `mtu`) kept within [LCP_MIN_MRU, LCP_MAX_MRU =
 *                    PPPK_MAX_MRU], LCP_MAX_MRU when unset.
 *                    A Nak of our MRU is taken when within [128,
 *                    max(conf->mru, 1500)] (never more than we asked, as
 *                    pppd), else we stop asking (1500); a
 *                    hint (we did not ask) only when below 1500 (pppd).
 *   2 ACCM           we ask conf->asyncmap (pppd default 0) unless
 *                    conf->default_asyncmap.  Any ACCM of the peer is acked;
 *                    a Nak of ours adds the Nak'd bits (pppd).
 *   3 Auth-Protocol  PAP (c023) and CHAP (c223) with MD5 (5) only.  We ask
 *                    what conf->require_auth says (CHAP first when both).
 *                    The peer's request is acked when we are willing to do
 *                    it (can_* and not refuse_*); otherwise Nak'd with what
 *                    we can do (CHAP MD5 first, then PAP), or rejected when
 *                    we can do nothing (the note's
 *                    "O CONFNAK ... AuthProto CHAP (0x0305C22305)").
 *                    A Nak of ours: switch to the suggestion when
 *                    require_auth allows it, else to the other protocol
 *                    require_auth allows, else keep asking until
 *                    Max-Failure, after which we stop asking.
 *                    If LCP reaches Opened without the authentication we
 *                    require (rejected, or given up), it does not report
 *                    up: hooks->failed("peer refused to authenticate"),
 *                    then it closes itself (Terminate-Request), as pppd.
 *   5 Magic-Number   ours from getrandom(), new on every negotiation,
 *                    unless conf->nomagic.  A peer request with our magic
 *                    is Nak'd with a fresh random value, even past
 *                    Max-Failure (FSM_NAK_FORCED: rejecting it would let
 *                    the looped request be acked next), counted in
 *                    l->loops (per negotiation) and reported by
 *                    hooks->looped every time (IOS: down-when-looped is
 *                    the owner's decision, conf->down_when_looped).  Zero
 *                    is Nak'd (RFC 1661 6.4).  A Nak of ours: new random
 *                    value, again even past Max-Failure.  A Nak carrying
 *                    the very value we just Nak'd a looped request with
 *                    is our own Nak come back (RFC 1661 6.4): it is
 *                    discarded, so the next request waits for the Restart
 *                    timer instead of spinning the loop at line speed.
 *                    On a looped line LCP therefore never opens: it sends
 *                    Max-Configure requests, one per Restart interval, and
 *                    finishes as any negotiation without an answer.
 *   7 PFC, 8 ACFC    asked and acked unless conf->nopcomp / noaccomp, which
 *                    also reject the peer's (pppd: both directions).
 *   anything else    rejected verbatim: Quality-Protocol (4), Callback (13,
 *                    "O CONFREJ ... Callback 0 (0x0D0300)"), MRRU (17),
 *                    SSNHF (18), Endpoint-Discriminator (19), RFC 1570's
 *                    others, unknown types, a second copy of an option,
 *                    and options of a known type with a wrong length.
 * A reply carries every rejected option when there is one (Configure-
 * Reject), else every Nak'd one (Configure-Nak), in request order; past
 * Max-Failure (reject_mode) what would be Nak'd is rejected instead.
 *
 * Other codes
 * -----------
 * Protocol-Reject: RXJ in Opened (elsewhere discarded, RFC 1661 5.7).
 * Rejecting LCP itself is RXJ- (the link terminates); rejecting another
 * protocol is RXJ+ and hooks->proto_rej(owner, proto) tells the owner to
 * stop that protocol (an NCP: fsm_event(ncp, FSM_EV_RXJ_MINUS), deferred).
 * Echo-Request/-Reply and Discard-Request: RXR (normally the kernel answers
 * echoes; these only arrive when it does not).  RFC 1570's Identification
 * (12, Windows sends it) and Time-Remaining (13): RXR, no reply (the RFC
 * allows RXR or RUC; a Code-Reject would only make noise).  In Opened an Echo-Request
 * (at least the 4 octets of Magic-Number) gets an Echo-Reply with our
 * magic and the request's data, cut to the peer's MRU; an Echo-Reply goes
 * to hooks->echo_reply.  Code-Reject: catastrophic for codes 1-7 only;
 * for others hooks->code_rej tells the owner to stop sending that code (a
 * peer without Echo: the owner turns keepalives off).
 *
 * Results
 * -------
 * want: what our next Configure-Request asks; got: what the peer acked (how
 * it sends to us, the authentication it does for us); his: what we acked
 * (how we send to it, the authentication we do for it).  got and his hold
 * the RFC defaults for options not negotiated (MRU 1500, ACCM ffffffff,
 * magic 0, no auth, no PFC/ACFC) and are valid from hooks->up until the next
 * hooks->down.  The accessors below read them.
 */
#ifndef PPPCTL_LCP_H
#define PPPCTL_LCP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fsm.h"

#define LCP_DEF_MRU	1500
#define LCP_MIN_MRU	128
#define LCP_MAX_MRU	65535	/* PPPK_MAX_MRU */
#define LCP_DEF_ACCM	0xffffffffu
#define LCP_CHAP_MD5	5

/* Option types. */
enum {
	LCP_OPT_MRU = 1,
	LCP_OPT_ACCM = 2,
	LCP_OPT_AUTH = 3,
	LCP_OPT_QUALITY = 4,
	LCP_OPT_MAGIC = 5,
	LCP_OPT_PFC = 7,
	LCP_OPT_ACFC = 8,
	LCP_OPT_CALLBACK = 13,
	LCP_OPT_MRRU = 17,
	LCP_OPT_SSNHF = 18,
	LCP_OPT_EPDISC = 19,
};

/* RFC 1570 codes, accepted and ignored. */
enum {
	LCP_IDENTIFICATION = 12,
	LCP_TIME_REMAINING = 13,
};

/* conf->require_auth bits. */
#define LCP_AUTH_PAP	0x01	/* pppd require-pap */
#define LCP_AUTH_CHAP	0x02	/* pppd require-chap (MD5) */

/* The owner's configuration: read-only for LCP, may be shared. */
struct lcp_conf {
	uint16_t mru;		/* mru N: ask N; 0 or 1500: do not ask */
	uint16_t mtu;		/* most we send, whatever the peer's MRU; 0: any */
	uint32_t asyncmap;	/* asyncmap X: ACCM we ask (default 0) */
	bool default_asyncmap;	/* do not ask ACCM */
	bool nopcomp;		/* no PFC either way */
	bool noaccomp;		/* no ACFC either way */
	bool nomagic;		/* do not ask Magic-Number */
	uint8_t require_auth;	/* LCP_AUTH_* the peer must do for us */
	bool refuse_pap;	/* never authenticate ourselves with PAP */
	bool refuse_chap;	/* ... with CHAP */
	bool can_pap;		/* we have PAP credentials for the peer */
	bool can_chap;		/* we have a CHAP secret */
	bool down_when_looped;	/* IOS: for the owner, on hooks->looped */
};

/* neg bits: which options a struct lcp_neg carries. */
#define LCP_N_MRU	0x01
#define LCP_N_ACCM	0x02
#define LCP_N_AUTH	0x04
#define LCP_N_MAGIC	0x08
#define LCP_N_PFC	0x10
#define LCP_N_ACFC	0x20

struct lcp_neg {
	uint32_t accm;
	uint32_t magic;
	uint16_t mru;
	uint16_t auth;		/* 0, PPP_PAP or PPP_CHAP (always MD5) */
	uint8_t neg;		/* LCP_N_* */
};

/* All optional.  When they run: see cp.h. */
struct lcp_hooks {
	void (*up)(void *owner);	/* Opened: push options, authenticate */
	void (*down)(void *owner);	/* leaving Opened (only after up) */
	void (*started)(void *owner);	/* tls: bring the line up */
	void (*finished)(void *owner);	/* tlf: the line may go down */
	/*
	 * A request with our own magic: the line is looped (count: how many
	 * times in this negotiation, from 1).
	 */
	void (*looped)(void *owner, unsigned int count);
	/* A Code-Reject of a code we may stop sending (Echo-Request, ...). */
	void (*code_rej)(void *owner, uint8_t code);
	/* The peer rejected proto (not LCP) in Opened: stop sending it. */
	void (*proto_rej)(void *owner, uint16_t proto);
	/* Opened without what we required; LCP closes itself next. */
	void (*failed)(void *owner, const char *why);
	/* An Echo-Reply in Opened (magic, then data after it). */
	void (*echo_reply)(void *owner, uint8_t id, uint32_t magic,
			   const uint8_t *data, size_t len);
};

struct lcp {
	struct fsm fsm;			/* first; fsm.ctx is the owner's ctx */
	const struct lcp_conf *conf;
	const struct lcp_hooks *hooks;
	void *owner;
	struct lcp_neg want;		/* our next Configure-Request */
	struct lcp_neg got;		/* acked by the peer: its tx, our rx */
	struct lcp_neg his;		/* acked by us: our tx, its rx */
	uint8_t loops;			/* our magic seen, this negotiation */
	uint32_t loop_nak;		/* the magic we Nak'd a looped request with */
	uint8_t auth_no;		/* LCP_AUTH_* the peer Nak'd away */
	uint8_t flags;			/* LCP_F_* in lcp.c */
};

extern const struct fsm_proto lcp_proto;

/*
 * Ready in Initial: fsm_init() with lcp_proto, ops and ctx; got and his at
 * the defaults.  conf and hooks must outlive the instance; hooks may be
 * NULL.  The owner then sets l->fsm.opts / restart_ms etc. if it wants.
 */
void lcp_init(struct lcp *l, const struct lcp_conf *conf,
	      const struct fsm_ops *ops, void *ctx,
	      const struct lcp_hooks *hooks, void *owner);

/*
 * Protocol-Reject of a received packet of unknown protocol proto with
 * Information field info/len: only in Opened (-1 otherwise), cut so the
 * packet fits the peer's MRU (his.mru).  0 when sent.
 */
int lcp_send_protrej(struct lcp *l, uint16_t proto, const uint8_t *info,
		     size_t len);

/*
 * An Echo-Request with our magic and data (cut to the peer's MRU), only in
 * Opened.  Returns the Identifier used, or -1.  For keepalives when the
 * kernel does not send them.
 */
int lcp_send_echo(struct lcp *l, const uint8_t *data, size_t len);

/* What the owner pushes to the kernel (valid from up to down). */
/* Our MTU: the peer's MRU (his.mru), capped by conf->mtu when set. */
uint16_t lcp_tx_mru(const struct lcp *l);

static inline uint16_t lcp_rx_mru(const struct lcp *l)
{
	return l->got.mru;
}

static inline uint32_t lcp_tx_accm(const struct lcp *l)
{
	return l->his.accm;		/* what the peer wants escaped */
}

static inline uint32_t lcp_rx_accm(const struct lcp *l)
{
	return l->got.accm;
}

/* We may compress protocol / address-and-control fields towards the peer. */
static inline bool lcp_tx_pfc(const struct lcp *l)
{
	return l->his.neg & LCP_N_PFC;
}

static inline bool lcp_tx_acfc(const struct lcp *l)
{
	return l->his.neg & LCP_N_ACFC;
}

/* The peer may send them compressed to us. */
static inline bool lcp_rx_pfc(const struct lcp *l)
{
	return l->got.neg & LCP_N_PFC;
}

static inline bool lcp_rx_acfc(const struct lcp *l)
{
	return l->got.neg & LCP_N_ACFC;
}

/* 0 when not negotiated. */
static inline uint32_t lcp_magic_local(const struct lcp *l)
{
	return l->got.magic;
}

static inline uint32_t lcp_magic_peer(const struct lcp *l)
{
	return l->his.magic;
}

/* PPP_PAP / PPP_CHAP the peer authenticates itself with to us, or 0. */
static inline uint16_t lcp_auth_peer(const struct lcp *l)
{
	return l->got.auth;
}

/* PPP_PAP / PPP_CHAP we authenticate ourselves with to the peer, or 0. */
static inline uint16_t lcp_auth_self(const struct lcp *l)
{
	return l->his.auth;
}

#endif
