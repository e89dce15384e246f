/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Configuration options as `debug ppp negotiation` shows them:
 * "AuthProto CHAP (0x0305C22305)".  A walker that never trusts a length,
 * the value text for each option (and back), and the raw hex.  Used by the
 * debug formatter to write option lines and by the log reader to show what
 * it read.
 */
#ifndef PPPK_DBGOPT_H
#define PPPK_DBGOPT_H

#include <stddef.h>
#include <stdint.h>

/* One option, or a garbled remainder that cannot be split into options. */
struct dbgopt {
	const uint8_t *raw;	/* from the type byte on */
	size_t len;		/* whole option, or the whole remainder */
	int garbled;		/* length byte < 2 or past the end */
};

/*
 * Step through the options in buf[0..len) from *off.  Returns 1 with *o set
 * (o->garbled says whether it is a real option; a garbled remainder ends
 * the walk), 0 when no bytes are left.
 */
int dbgopt_next(const uint8_t *buf, size_t len, size_t *off, struct dbgopt *o);

/*
 * "Name value" for one well-formed option raw[0..len), e.g. "MRU 1500",
 * "PFC", "Unknown 42", "MRU malformed" when the length does not fit the
 * option.  Always NUL-terminates; returns what snprintf would.
 */
int dbgopt_render(char *buf, size_t n, uint16_t proto, const uint8_t *raw,
		  size_t len);

/*
 * "0x0305C22305": raw bytes in upper-case hex.  At most max bytes are
 * shown, followed by ".." when there were more.
 */
int dbgopt_hex(char *buf, size_t n, const uint8_t *raw, size_t len,
	       size_t max);

/*
 * The inverse of dbgopt_render for options whose value text says it all
 * ("MRU 1500", "Address 10.0.0.1", "AuthProto CHAP", "PFC"): writes the
 * option to out and returns its length, or -1 when the text is not such an
 * option.
 */
int dbgopt_parse(uint16_t proto, const char *text, uint8_t *out,
		 size_t outsz);

/* Find option type in a list of options; NULL when absent. */
const uint8_t *dbgopt_find(const uint8_t *buf, size_t len, uint8_t type,
			   size_t *optlen);

#endif
