/* SPDX-License-Identifier: GPL-2.0 */
/*
 * IPV6CP (RFC 5072) as a plug-in of the automaton in fsm.h.  Pure like
 * every protocol module: the owner drives v6->fsm and hears back through
 * struct ncp_hooks (cp.h).
 *
 * Options
 * -------
 *   1 Interface-Identifier  We ask conf->local_id, or a random non-zero one
 *                    (getrandom(), new on every negotiation).  The peer's:
 *                    - zero, or equal to ours: Nak with a suggestion:
 *                      conf->remote_id when set (and not ours), else a
 *                      fresh random value (RFC 5072 4.1);
 *                    - differing from a set conf->remote_id without
 *                      conf->accept_remote: Nak with remote_id;
 *                    - else acked.
 *                    - no Interface-Identifier at all: one Nak per
 *                      negotiation suggests one (remote_id, else a fresh
 *                      random value), as pppd does; if the peer still
 *                      sends none we ack and take conf->remote_id as its
 *                      identifier (0 when unset, see below).
 *                    A Nak of ours: use the suggestion, unless it is zero
 *                    or the peer's own identifier (then a new random one),
 *                    or we have a configured id and not conf->accept_local
 *                    (then we keep asking it until Max-Failure).  A Reject:
 *                    we stop asking and keep using our identifier.
 *   2 IPv6-Compression-Protocol, unknown options, duplicates, wrong
 *                    lengths: rejected verbatim.
 *
 * If IPV6CP reaches Opened without an identifier for the peer (it never
 * sent one and conf->remote_id is unset), it does not report up: the
 * owner would install fe80:: and a host route to it.  hooks->failed(
 * "could not determine remote interface identifier"), then it closes
 * itself (pppd: "Could not determine remote LL address").
 *
 * Every negotiation starts afresh (reset()): the peer's identifier seen in
 * an earlier negotiation is forgotten, so it does not taint how a Nak of
 * ours is taken, and the one-time suggestion may be sent again.
 *
 * Results: the 64-bit identifiers, as numbers whose big-endian octets are
 * the wire's (the owner forms fe80::/64 link-local addresses from them).
 * Both are non-zero from hooks->up to hooks->down.
 */
#ifndef PPPCTL_IPV6CP_H
#define PPPCTL_IPV6CP_H

#include <stdbool.h>
#include <stdint.h>

#include "cp.h"
#include "fsm.h"

enum {
	IPV6CP_OPT_IFID = 1,
	IPV6CP_OPT_COMP = 2,
};

struct ipv6cp_conf {
	uint64_t local_id;	/* 0: random */
	uint64_t remote_id;	/* 0: none to impose on the peer */
	bool accept_local;	/* take the peer's Nak of a configured id */
	bool accept_remote;	/* ack a peer id other than remote_id */
};

struct ipv6cp {
	struct fsm fsm;			/* first; fsm.ctx is the owner's ctx */
	const struct ipv6cp_conf *conf;
	const struct ncp_hooks *hooks;
	void *owner;
	uint64_t want_id;		/* what our next request asks */
	uint64_t local_id;		/* ours, once acked */
	uint64_t peer_id;		/* the peer's, as we acked it */
	uint64_t seen_id;		/* in the peer's latest request of
					   this negotiation, 0: none yet */
	uint8_t neg;			/* asking Interface-Identifier */
	uint8_t flags;			/* IPV6CP_F_* in ipv6cp.c */
};

extern const struct fsm_proto ipv6cp_proto;

void ipv6cp_init(struct ipv6cp *v6, const struct ipv6cp_conf *conf,
		 const struct fsm_ops *ops, void *ctx,
		 const struct ncp_hooks *hooks, void *owner);

/* Valid from hooks->up to hooks->down. */
static inline uint64_t ipv6cp_local(const struct ipv6cp *v6)
{
	return v6->local_id;
}

static inline uint64_t ipv6cp_peer(const struct ipv6cp *v6)
{
	return v6->peer_id;
}

#endif
