/* SPDX-License-Identifier: GPL-2.0 */
/*
 * CHAP packets (RFC 1994 section 4) and the MD5 response (algorithm 5):
 * build and parse, nothing else.
 *
 * A packet here is the Information field of a PPP frame of protocol 0xc223:
 * Code, Identifier, Length (2 octets), Data.  Parsers check every length;
 * octets past Length are padding and ignored.
 *
 *   Challenge/Response: Value-Size, Value, Name (the rest of the packet)
 *   Success/Failure:    Message (the rest of the packet)
 */
#ifndef PPPCTL_CHAP_H
#define PPPCTL_CHAP_H

#include <stddef.h>
#include <stdint.h>

#include "vocab.h"	/* CHAP_CHALLENGE ... CHAP_FAILURE */

#define CHAP_HDRLEN		4
#define CHAP_ALG_MD5		5	/* the LCP AuthProto algorithm octet */
#define CHAP_MD5_LEN		16	/* Response Value of MD5 */
#define CHAP_CHALLENGE_LEN	16	/* what we send */
#define CHAP_MAX_NAME		255	/* our names; longer ones are refused */
/* The largest packet we build: a 255-octet value and a 255-octet name. */
#define CHAP_MAX_PKT		(CHAP_HDRLEN + 1 + 255 + CHAP_MAX_NAME)

struct chap_pkt {
	uint8_t code;
	uint8_t id;
	/* Challenge and Response */
	const uint8_t *value;
	size_t value_len;
	const uint8_t *name;	/* not NUL-terminated; may hold any octet */
	size_t name_len;
	/* Success and Failure: the Message (also set to the Data otherwise) */
	const uint8_t *msg;
	size_t msg_len;
};

/*
 * Challenge or Response (code) into out.  Returns the packet length, or 0
 * when value_len is 0 or above 255 or out is too small.
 */
size_t chap_build(uint8_t *out, size_t outsz, uint8_t code, uint8_t id,
		  const uint8_t *value, size_t value_len,
		  const uint8_t *name, size_t name_len);

/* Success or Failure with msg (NULL or "" for none).  0 when out is too small. */
size_t chap_build_status(uint8_t *out, size_t outsz, uint8_t code, uint8_t id,
			 const char *msg);

/*
 * Parse pkt[0..len).  Returns 0 with *p filled, or -1: short, bad Length,
 * a Challenge/Response whose Value-Size is 0 or runs past Length, or a code
 * other than 1-4.
 */
int chap_parse(const uint8_t *pkt, size_t len, struct chap_pkt *p);

/*
 * RFC 1994 section 4.1 with MD5 (RFC 1321): out = MD5(Identifier || secret
 * || challenge).  The MD5 context is wiped before returning.
 */
void chap_md5_response(uint8_t id, const uint8_t *secret, size_t secret_len,
		       const uint8_t *challenge, size_t challenge_len,
		       uint8_t out[CHAP_MD5_LEN]);

#endif
