/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the control protocols plugged into the automaton (lcp.c, ipcp.c,
 * ipv6cp.c, cdpcp.c) share: the owner's hook table of the NCPs, random
 * numbers and big-endian field access.
 *
 * Every protocol module is pure: no sockets, no timers, no globals.  The
 * owner (the link) hands each instance its const struct fsm_ops (send,
 * timers, trace) and a ctx at init, and learns what happened through a
 * const hook table and an owner pointer.  Hooks are optional (NULL).
 *
 * When hooks run: up/started/finished (and failed) run from the automaton's
 * This-Layer-Up/-Started/-Finished, the last thing it does for an event, so
 * the owner may call fsm_* on the same instance from them.  down runs from
 * This-Layer-Down, first in its action list: it must not call back into the
 * same instance.  Protocol-specific hooks (LCP's looped and proto_rej) run
 * while a received packet is being handled: they must not call
 * fsm_up/down/open/close/timeout/input/event on the same instance either;
 * set a flag and act after fsm_input() returns.
 */
#ifndef PPPCTL_CP_H
#define PPPCTL_CP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fsm.h"
#include "opts.h"

/* The owner's view of an NCP (IPCP, IPV6CP, CDPCP). */
struct ncp_hooks {
	/* Opened and usable: configure the network layer. */
	void (*up)(void *owner);
	/* Leaving Opened (only after up): unconfigure it. */
	void (*down)(void *owner);
	/* This-Layer-Started/-Finished: the NCP wants / no longer needs LCP. */
	void (*started)(void *owner);
	void (*finished)(void *owner);
	/*
	 * The negotiation reached Opened without something the protocol
	 * cannot work without (IPCP: no local address).  The protocol does
	 * not call up and closes itself right after; why is one line, e.g.
	 * "could not determine local IP address".
	 */
	void (*failed)(void *owner, const char *why);
};

/*
 * len octets from getrandom().  Magic numbers and interface identifiers are
 * not secrets; should getrandom() be unavailable, a clock-based mix is used
 * rather than failing the link.
 */
void cp_random(void *buf, size_t len);
/* Non-zero random values. */
uint32_t cp_random_u32(void);
uint64_t cp_random_u64(void);

/*
 * A reply to a Configure-Request being built, for rcv_req(): rejected
 * options (verbatim, straight into the automaton's reply buffer) and Nak'd
 * ones (with the value we want).  In reject mode (Max-Failure) a Nak is a
 * Reject of the option.  cp_finish() picks the code: Configure-Reject when
 * anything was rejected, else Configure-Nak when anything was Nak'd, else
 * Configure-Ack.  A second copy of an option type is rejected: cp_dup().
 */
struct cp_verdict {
	struct ppp_optbuf rej;
	struct ppp_optbuf nak;
	bool reject_mode;
	bool forced;		/* a cp_nak_forced() is in nak */
	uint8_t seen[32];
	uint8_t nakbuf[FSM_MAX_OPTS];
};

void cp_verdict_init(struct cp_verdict *v, uint8_t *reply, size_t cap,
		     bool reject_mode);
/* true (and the option rejected) when this type was seen before. */
bool cp_dup(struct cp_verdict *v, const struct ppp_opt *o);
void cp_rej(struct cp_verdict *v, const struct ppp_opt *o);
void cp_nak(struct cp_verdict *v, const struct ppp_opt *o,
	    const void *data, size_t dlen);
/*
 * A Nak even in reject mode (LCP's Magic-Number on a looped line); when
 * the reply is a Configure-Nak, cp_finish() then says FSM_NAK_FORCED.
 */
void cp_nak_forced(struct cp_verdict *v, const struct ppp_opt *o,
		   const void *data, size_t dlen);
int cp_finish(struct cp_verdict *v, uint8_t *reply, size_t cap,
	      size_t *reply_len);

static inline uint16_t cp_get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static inline uint32_t cp_get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static inline uint64_t cp_get64(const uint8_t *p)
{
	return (uint64_t)cp_get32(p) << 32 | cp_get32(p + 4);
}

static inline void cp_put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static inline void cp_put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static inline void cp_put64(uint8_t *p, uint64_t v)
{
	cp_put32(p, (uint32_t)(v >> 32));
	cp_put32(p + 4, (uint32_t)v);
}

#endif
