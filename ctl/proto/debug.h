/* SPDX-License-Identifier: GPL-2.0 */
/*
 * `debug ppp negotiation` / `debug ppp authentication` output in the
 * format of Cisco IOS:
 *
 *   *Mar  1 00:06:37.054: BR0:1 LCP: O CONFREQ [Listen] id 4 len 15
 *   *Mar  1 00:06:37.058: BR0:1 LCP:    AuthProto CHAP (0x0305C22305)
 *   *Mar  1 00:06:37.193: BR0:1 PPP: Phase is AUTHENTICATING, by both
 *   *Mar  1 00:06:37.201: BR0:1 CHAP: O CHALLENGE id 4 len 33 from "maui-soho-01"
 *
 * The formatter decodes packets itself from their bytes, checking every
 * length; it never prints a PAP password.  Each line is written with one
 * fputs() so lines from several links do not interleave mid-line.
 */
#ifndef PPPK_DEBUG_H
#define PPPK_DEBUG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>
#include <netinet/in.h>

#include "vocab.h"

/* Classes, switched on and off like IOS's `debug ppp ...` commands. */
enum dbg_class {
	DBG_NEGOTIATION		= 1 << 0,	/* LCP/NCP packets, phases, states */
	DBG_AUTHENTICATION	= 1 << 1,	/* PAP and CHAP */
	DBG_ERROR		= 1 << 2,	/* protocol errors */
};

/*
 * The clock: fills the local time and milliseconds of "now".  Tests
 * inject one that returns fixed stamps.
 */
typedef void (*dbg_clock_fn)(void *arg, struct tm *tm, unsigned int *msec);

/*
 * Whose format the lines are in: IOS's (above) or pppd's, whose `debug`
 * writes packets only ("sent [LCP ConfReq id=0x1 <magic 0x5f2e3a1b>]",
 * dbgpppd.h) and no phases, states or routes.
 */
enum dbg_format { DBG_FMT_IOS, DBG_FMT_PPPD };

struct dbg {
	FILE *out;
	unsigned int classes;	/* enum dbg_class bits that are on */
	int format;		/* enum dbg_format, DBG_FMT_IOS by default */
	dbg_clock_fn clock;
	void *clock_arg;
};

/* All classes off, wall clock, output to out (stderr or a log file). */
void dbg_init(struct dbg *d, FILE *out);
/* fn NULL restores the wall clock. */
void dbg_set_clock(struct dbg *d, dbg_clock_fn fn, void *arg);
void dbg_enable(struct dbg *d, unsigned int classes);
void dbg_disable(struct dbg *d, unsigned int classes);
bool dbg_on(const struct dbg *d, unsigned int cls);
/* "negotiation", "authentication", "error" -> class bit, or -1. */
int dbg_class_by_name(const char *name);
/* "ios", "pppd" -> enum dbg_format, or -1. */
int dbg_format_by_name(const char *name);

/*
 * One packet pkt[0..len) from code on (the protocol field stripped),
 * received ('I') or sent ('O').  state is the automaton state's name for
 * LCP and NCPs (vocab_state_name()), ignored for PAP and CHAP.  LCP and
 * NCP packets print under DBG_NEGOTIATION, PAP and CHAP under
 * DBG_AUTHENTICATION.
 */
void dbg_packet(struct dbg *d, const char *ifname, uint16_t proto, char dir,
		const char *state, const uint8_t *pkt, size_t len);

/* "PPP: Phase is UP" or, with detail, "PPP: Phase is AUTHENTICATING, by both". */
void dbg_phase(struct dbg *d, const char *ifname, enum vocab_phase ph,
	       const char *detail);
/* "IPCP: State is Open" */
void dbg_state(struct dbg *d, const char *ifname, uint16_t proto,
	       enum vocab_state st);
/* "IPCP: Install route to 172.22.1.2" */
void dbg_route(struct dbg *d, const char *ifname, struct in_addr peer);
/*
 * Any other line of a class, e.g.
 * dbg_msg(d, DBG_AUTHENTICATION, "BR0:1", "CHAP", "Waiting for peer to authenticate first").
 */
void dbg_msg(struct dbg *d, unsigned int cls, const char *ifname,
	     const char *proto, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

#endif
