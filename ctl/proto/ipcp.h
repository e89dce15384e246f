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
 *                    The peer's request.  An address the peer may use
 *                    (ipcp_peer_addr_ok() below) is one that is none of
 *                      0.0.0.0/8, 127.0.0.0/8 (loopback), 224.0.0.0/4
 *                      (multicast), 240.0.0.0/4 (class E, with the
 *                      broadcast 255.255.255.255), conf->local or the
 *                      address we ask or were given for ourselves,
 *                    and, when conf->allow is set (the peer authenticated
 *                    with a secrets entry: its address words, addrlist.h),
 *                    one the list allows.  What we offer the peer is
 *                    conf->remote when it may use it, else the list's
 *                    first single address (pppd's suggestion) when it
 *                    may use that, else nothing.
 *                    - an address it may use is acked, unless conf->remote
 *                      is set, differs, and conf->accept_remote
 *                      (ipcp-accept-remote) is not set;
 *                    - anything else (0.0.0.0, an address it may not use,
 *                      not conf->remote) is Nak'd with our offer; with
 *                      nothing to offer the option is REJECTED.  A Nak
 *                      must carry an address and we have none to offer, so
 *                      (as pppd) the peer learns at once that we cannot
 *                      give it one instead of Nak-looping to Max-Failure;
 *                      a pppd peer then fails with "Peer refused to agree
 *                      to its IP address".  A peer that keeps asking what
 *                      it may not use gets Rejects after Max-Failure (the
 *                      automaton's reject mode) and is never acked.
 *                    - no IP-Address option at all while we have an offer:
 *                      one Nak per negotiation hints it to the peer
 *                      (pppd); if it still does not ask, we ack and take
 *                      our offer as its address.
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
 * itself.  Likewise without an address for the peer (it gave none and we
 * had none to offer, or the one it has became ours meanwhile):
 * hooks->failed("could not determine remote IP address") and close; pppd
 * would invent 10.64.64.64+unit, we install no route to nowhere.
 * So from hooks->up to hooks->down both addresses are non-zero and the
 * peer's is one it may use.
 *
 * Addresses are struct in_addr, network byte order, as on the wire.
 */
#ifndef PPPCTL_IPCP_H
#define PPPCTL_IPCP_H

#include <stdbool.h>
#include <stdint.h>
#include <netinet/in.h>

#include "addrlist.h"
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
	/*
	 * The addresses the peer may use, from the secrets entry it
	 * authenticated with; NULL when we did not authenticate it (then
	 * any address but the ones above that nobody may use).  Read when
	 * the peer's requests arrive: the owner sets it before IPCP opens.
	 */
	const struct addrlist *allow;
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

/* May the peer use address a (network byte order)?  See above. */
bool ipcp_peer_addr_ok(const struct ipcp *ip, struct in_addr a);

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
