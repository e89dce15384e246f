/* SPDX-License-Identifier: GPL-2.0 */
/*
 * CDPCP, Cisco's control protocol for CDP (protocol 0x8207), as a plug-in
 * of the automaton in fsm.h.  It has no options: our Configure-Request is
 * empty, an empty request from the peer is acked, any option in it is
 * rejected verbatim, Naks and Rejects of our (empty) request change
 * nothing.  IOS sends it on every link with CDP running:
 *   BR0:1 CDPCP: O CONFREQ [Closed] id 4 len 4
 * The owner opens CDPCP when its configuration asks for it (`cdpcp`) and
 * otherwise Protocol-Rejects the peer's CDPCP packets (lcp_send_protrej);
 * that choice is not made here.
 */
#ifndef PPPCTL_CDPCP_H
#define PPPCTL_CDPCP_H

#include <stdint.h>

#include "cp.h"
#include "fsm.h"

struct cdpcp {
	struct fsm fsm;			/* first; fsm.ctx is the owner's ctx */
	const struct ncp_hooks *hooks;
	void *owner;
	uint8_t flags;			/* CDPCP_F_* in cdpcp.c */
};

extern const struct fsm_proto cdpcp_proto;

void cdpcp_init(struct cdpcp *cd, const struct fsm_ops *ops, void *ctx,
		const struct ncp_hooks *hooks, void *owner);

#endif
