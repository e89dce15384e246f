/* SPDX-License-Identifier: GPL-2.0 */
/* Internal to the diagnosis files, diagnose*.c and verdict.c. */
#ifndef PPPK_DLOG_DIAG_H
#define PPPK_DLOG_DIAG_H

#include "log.h"

#define LOOP_MIN	3	/* NAKs/REJs of one option that make a loop */
#define SILENT_MIN	3	/* unanswered CONFREQs that make "no response" */
#define ECHO_MIN	3	/* unanswered ECHOREQs that make keepalive loss */

/* Remedies are worded for pppd (its options and files) or for IOS. */
static inline bool dl_pppd(const struct dl_link *l)
{
	return l->source == DL_SRC_PPPD;
}

/*
 * Remedies in pppd's option words and files (`name`, `user`, chap-secrets,
 * `refuse-chap`, `mru`): pppd's, and pppctl's, which takes the same.
 */
static inline bool dl_pppd_words(const struct dl_link *l)
{
	return l->source == DL_SRC_PPPD || l->source == DL_SRC_PPPK;
}

/* First event with note n, NULL if none. */
const struct dl_ev *dl_note_find(const struct dl_link *l, int n);

struct dl_diag *dl_diag_add(struct dl_link *l, int kind, uint16_t proto,
			    const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Cite line as evidence (kept sorted, no repeats); d may be NULL. */
void dl_diag_cite(struct dl_diag *d, unsigned int line);
/* Append " (lines 5, 9, 13)" from the evidence so far. */
void dl_diag_lines(struct dl_diag *d);
/* ", 3 times", or "" for once. */
const char *dl_times(unsigned int n, char *buf, size_t len);

const char *dl_pname(uint16_t proto);
/* A packet of proto; dir 0 and code -1 match any. */
bool dl_is_pkt(const struct dl_ev *e, uint16_t proto, char dir, int code);
/* A "State is Open" line of proto. */
bool dl_opened_at(const struct dl_ev *e, uint16_t proto);
/* A 4-byte option value (MagicNumber, Address) of an event. */
bool dl_opt32(const struct dl_ev *e, uint8_t type, uint32_t *v);
/* "MRU 1500" for option type of e, or the bare name without e. */
void dl_opt_text(char *buf, size_t n, const struct dl_ev *e, uint16_t proto,
		 uint8_t type);
const char *dl_ip4(uint32_t a, char *buf, size_t n);

void dl_diag_loops(struct dl_link *l);
void dl_diag_ipcp(struct dl_link *l);
void dl_diag_auth(struct dl_link *l);
void dl_diag_ending(struct dl_link *l);

#endif
