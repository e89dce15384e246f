/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pppctl explain: what a `debug ppp negotiation` log says.  The reading is
 * in log.h; these write it out: a terse summary per link, a ladder of the
 * exchange (text or SVG), or JSON.
 */
#ifndef PPPK_EXPLAIN_H
#define PPPK_EXPLAIN_H

#include <stdbool.h>
#include <stdio.h>

#include "log.h"

/* Summary and diagnoses of every link, then a line of counts. */
void explain_text(FILE *f, const struct dlog *g);
/* The exchange of every link as a text ladder: this end left, peer right. */
void explain_ladder(FILE *f, const struct dlog *g);
/* The same ladder as an SVG document. */
void explain_svg(FILE *f, const struct dlog *g);
/* Everything as one JSON object; ladder adds the events. */
void explain_json(FILE *f, const struct dlog *g, bool ladder);

/* Shared by the writers. */
/* Options as "AuthProto CHAP, MagicNumber 0x1081E7E1". */
void explain_opts(char *buf, size_t n, uint16_t proto, const uint8_t *opts,
		  size_t len);
/* Events that appear in the ladder. */
bool explain_in_ladder(const struct dl_ev *e);
/*
 * "LCP CONFREQ id 4", "PPP Phase is UP", "IPCP State is Open"; packets of
 * a pppd log in pppd's words ("LCP ConfReq id=0x4").
 */
void explain_label(char *buf, size_t n, const struct dl_link *l,
		   const struct dl_ev *e);
/* What a ladder row adds on the right: options, a name, a magic number. */
void explain_detail(char *buf, size_t n, const struct dl_link *l,
		    const struct dl_ev *e);
/*
 * This end's (local) or the peer's IPCP address, *acked when the other
 * side acknowledged it; pppd's "local  IP address" / "remote IP address"
 * lines stand in when the options do not tell (*acked true then).
 */
uint32_t explain_addr(const struct dl_link *l, bool local, bool *acked);
/* DNS server i (0, 1) given to this end, from the options or pppd's lines. */
uint32_t explain_dns(const struct dl_link *l, int i);
/* "warning: ..." about skipped lines that look like PPP, or "". */
void explain_warning(char *buf, size_t n, const struct dlog_stats *st);
/* How many links are pppd processes with a pid ("pppd[1234]:"). */
int explain_pppd_pids(const struct dlog *g);
/*
 * A link's name in headers: its interface, with the pppd process when the
 * log has several ("ppp0 pppd[1234]").
 */
const char *explain_link_name(char *buf, size_t n, const struct dlog *g,
			      const struct dl_link *l);
/* "172.22.1.2" */
const char *explain_ip4(uint32_t a, char *buf, size_t n);

#endif
