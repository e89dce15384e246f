/* SPDX-License-Identifier: GPL-2.0 */
/*
 * IPCP (RFC 1332) with the RFC 1877 name server options, as a plug-in of
 * the automaton in fsm.h.  Pure like every protocol module: the owner
 * drives ip->fsm and hears back through struct ncp_hooks (cp.h).  The
 * owner does not start IPCP at all for pppd's `noip`.
 *
 * Options
 * -------
 *   3 IP-Address     We ask conf->local, or 0.0.0.0 ("give me one") when it
 *                    is unset; a Nak of ours is taken when we asked 0.0.0.0
 *                    or conf->accept_local (ipcp-accept-local), else we keep
 *                    asking ours until Max-Failure, then stop asking.
 *                    The peer's request:
 *                    - a non-zero address is acked, unless conf->remote is
 *                      set, differs, and conf->accept_remote
 *                      (ipcp-accept-remote) is not set: Nak with remote;
 *                    - 0.0.0.0 is Nak'd with conf->remote when we have one;
 *                      when we have none the option is REJECTED.  A Nak
 *                      must carry an address and we have none to offer, so
 *                      (as pppd) the peer learns at once that we cannot
 *                      give it one instead of Nak-looping to Max-Failure;
 *                      a pppd peer then fails with "Peer refused to agree
 *                      to its IP address".
 *                    - no IP-Address option at all while we have
 *                      conf->remote: one Nak per negotiation hints remote
 *                      to the peer (pppd); if it still does not ask, we
 *                      ack and take conf->remote as its address.
 *   1 IP-Addresses (deprecated), 2 IP-Compression-Protocol (VJ, which the
 *                    data plane does not do), unknown options, duplicates,
 *                    wrong lengths: rejected verbatim.
 *   129/131 Primary/Secondary DNS, 130/132 Primary/Secondary NBNS (WINS):
 *                    as requester (conf->usepeerdns, conf->usepeerwins) we
 *                    ask 0.0.0.0 and take the peer's Nak; a Reject stops
 *                    that one.  As provider (pppd ms-dns / ms-wins, up to
 *                    two each) the peer's request is acked when it carries
 *                    our value, Nak'd with our value otherwise, and
 *                    rejected when we have none for that slot.
 *
 * If IPCP reaches Opened without a local address (we asked 0.0.0.0 and the
 * peer rejected the option or acked 0.0.0.0), it does not report up:
 * hooks->failed("could not determine local IP address"), then it closes
 * itself.  A peer that gave no address leaves ipcp_peer() 0.0.0.0 (the
 * owner decides; pppd would invent 10.64.64.64+unit).
 *
 * Addresses are struct in_addr, network byte order, as on the wire.
 */
#ifndef PPPCTL_IPCP_H
#define PPPCTL_IPCP_H

#include <stdbool.h>
#include <stdint.h>
#include <netinet/in.h>

#include "cp.h"
#include "fsm.h"

enum {
	IPCP_OPT_ADDRS = 1,
	IPCP_OPT_COMP = 2,
	IPCP_OPT_ADDR = 3,
	IPCP_OPT_DNS1 = 129,
	IPCP_OPT_NBNS1 = 130,
	IPCP_OPT_DNS2 = 131,
	IPCP_OPT_NBNS2 = 132,
};

struct ipcp_conf {
	struct in_addr local;	/* our address; 0.0.0.0: ask the peer */
	struct in_addr remote;	/* the peer's; 0.0.0.0: none to give */
	bool accept_local;	/* ipcp-accept-local */
	bool accept_remote;	/* ipcp-accept-remote */
	bool usepeerdns;	/* ask DNS (129, 131) */
	bool usepeerwins;	/* ask NBNS (130, 132) */
	struct in_addr dns[2];	/* ms-dns: offered to the peer */
	struct in_addr wins[2];	/* ms-wins */
};

/* neg bits */
#define IPCP_N_ADDR	0x01
#define IPCP_N_DNS1	0x02
#define IPCP_N_DNS2	0x04
#define IPCP_N_NBNS1	0x08
#define IPCP_N_NBNS2	0x10

struct ipcp_neg {
	struct in_addr addr;
	struct in_addr dns[2];
	struct in_addr wins[2];
	uint8_t neg;		/* IPCP_N_* */
};

struct ipcp {
	struct fsm fsm;			/* first; fsm.ctx is the owner's ctx */
	const struct ipcp_conf *conf;
	const struct ncp_hooks *hooks;
	void *owner;
	struct ipcp_neg want;		/* our next Configure-Request */
	struct ipcp_neg got;		/* what the peer acked */
	struct in_addr peer;		/* the peer's address we acked */
	uint8_t flags;			/* IPCP_F_* in ipcp.c */
};

extern const struct fsm_proto ipcp_proto;

void ipcp_init(struct ipcp *ip, const struct ipcp_conf *conf,
	       const struct fsm_ops *ops, void *ctx,
	       const struct ncp_hooks *hooks, void *owner);

/* Results, valid from hooks->up to hooks->down; 0.0.0.0 when unknown. */
static inline struct in_addr ipcp_local(const struct ipcp *ip)
{
	return ip->got.addr;
}

static inline struct in_addr ipcp_peer(const struct ipcp *ip)
{
	return ip->peer;
}

/* Name servers the peer gave us (usepeerdns/usepeerwins), i = 0 or 1. */
static inline struct in_addr ipcp_dns(const struct ipcp *ip, int i)
{
	return ip->got.dns[i & 1];
}

static inline struct in_addr ipcp_wins(const struct ipcp *ip, int i)
{
	return ip->got.wins[i & 1];
}

#endif
