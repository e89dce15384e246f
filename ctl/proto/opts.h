/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Configuration Options (RFC 1661 section 6): a safe reader and a bounded
 * writer for the type-length-value lists carried by Configure-Request, -Ack,
 * -Nak and -Reject packets of LCP and every NCP.
 *
 *    0                   1
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |     Type      |    Length     |    Data ...
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Length counts the Type and Length octets, so it is at least 2.  A list is
 * well formed when every option has Length >= 2 and ends inside the list;
 * there is no padding between options.
 *
 * Malformed lists: the automaton (fsm.c) hands a protocol only well-formed
 * lists.  A Configure-Ack/-Nak/-Reject with a malformed list is discarded
 * (RFC 1661: invalid packets are silently discarded; the automaton counts
 * and logs it).  Of a Configure-Request, the well-formed options before the
 * first bad one are judged and the rest is rejected verbatim, as pppd does.
 * Protocol callbacks may therefore iterate without re-checking, but the
 * iterator checks anyway.
 */
#ifndef PPPCTL_OPTS_H
#define PPPCTL_OPTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One option as found in a list.  data points at len - 2 octets. */
struct ppp_opt {
	uint8_t type;
	uint8_t len;		/* whole option, header included: >= 2 */
	const uint8_t *raw;	/* the option itself: len octets */
	const uint8_t *data;	/* raw + 2 */
};

struct ppp_opt_iter {
	const uint8_t *p;
	size_t left;
	bool bad;
};

void ppp_opt_iter_init(struct ppp_opt_iter *it, const uint8_t *buf, size_t len);

/*
 * Next option: 1 and *o filled in, 0 at the clean end of the list, -1 when
 * the rest of the list is malformed (option shorter than 2 or running past
 * the end, or a lone trailing octet).  After -1 every further call is -1.
 */
int ppp_opt_next(struct ppp_opt_iter *it, struct ppp_opt *o);

/* Whole-list check: true when every option is well formed (empty is). */
bool ppp_opts_valid(const uint8_t *buf, size_t len);

/* Octets of the well-formed options at the start of a list (len if valid). */
size_t ppp_opts_prefix(const uint8_t *buf, size_t len);

/* First option of the given type, or false. */
bool ppp_opt_find(const uint8_t *buf, size_t len, uint8_t type,
		  struct ppp_opt *o);

/*
 * Writer.  Every put checks the room left; on failure nothing is written,
 * the call returns false and b->overflow stays set, so a builder can do all
 * its puts and check once.
 */
struct ppp_optbuf {
	uint8_t *buf;
	size_t cap;
	size_t len;
	bool overflow;
};

void ppp_optbuf_init(struct ppp_optbuf *b, uint8_t *buf, size_t cap);
/* type, length 2 + dlen (dlen <= 253), then dlen octets of data. */
bool ppp_optbuf_put(struct ppp_optbuf *b, uint8_t type, const void *data,
		    size_t dlen);
bool ppp_optbuf_put_u8(struct ppp_optbuf *b, uint8_t type, uint8_t v);
bool ppp_optbuf_put_u16(struct ppp_optbuf *b, uint8_t type, uint16_t v);
bool ppp_optbuf_put_u32(struct ppp_optbuf *b, uint8_t type, uint32_t v);
/* Copy an option verbatim (o->raw, o->len): for Configure-Reject. */
bool ppp_optbuf_put_opt(struct ppp_optbuf *b, const struct ppp_opt *o);

#endif
