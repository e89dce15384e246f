/* SPDX-License-Identifier: GPL-2.0 */
/*
 * PAP packets (RFC 1334 section 2.2): build and parse, nothing else.
 *
 * A packet here is the Information field of a PPP frame of protocol 0xc023:
 * Code, Identifier, Length (2 octets), Data.  Parsers check every length;
 * octets past Length are padding and ignored.
 *
 *   Authenticate-Request:  Peer-ID Length, Peer-ID, Passwd-Length, Password
 *   Authenticate-Ack/-Nak: Msg-Length, Message
 */
#ifndef PPPCTL_PAP_H
#define PPPCTL_PAP_H

#include <stddef.h>
#include <stdint.h>

#include "vocab.h"	/* PAP_AUTHREQ, PAP_AUTHACK, PAP_AUTHNAK */

#define PAP_HDRLEN	4
#define PAP_MAX_FIELD	255	/* one-octet lengths */
/* The largest packet: header and two full fields with their lengths. */
#define PAP_MAX_PKT	(PAP_HDRLEN + 2 + 2 * PAP_MAX_FIELD)

struct pap_req {
	uint8_t id;
	const uint8_t *user;	/* Peer-ID, not NUL-terminated */
	size_t user_len;
	const uint8_t *pass;	/* Password, not NUL-terminated */
	size_t pass_len;
};

struct pap_reply {
	uint8_t code;		/* PAP_AUTHACK or PAP_AUTHNAK */
	uint8_t id;
	const uint8_t *msg;
	size_t msg_len;
};

/*
 * Authenticate-Request into out (outsz octets).  Returns the packet length,
 * or 0 when a field is longer than 255 octets or out is too small.
 */
size_t pap_build_req(uint8_t *out, size_t outsz, uint8_t id,
		     const uint8_t *user, size_t user_len,
		     const uint8_t *pass, size_t pass_len);

/* Authenticate-Ack or -Nak with msg (NULL or "" for none).  0 on overflow. */
size_t pap_build_reply(uint8_t *out, size_t outsz, uint8_t code, uint8_t id,
		       const char *msg);

/*
 * Parse pkt[0..len) as an Authenticate-Request.  Returns 0, or -1 when it is
 * not one or does not hold together (short, bad Length, a field running
 * past Length).
 */
int pap_parse_req(const uint8_t *pkt, size_t len, struct pap_req *r);

/*
 * Parse an Authenticate-Ack or -Nak.  Lenient about the message, which is
 * only informational: no Msg-Length octet at all is an empty message, and a
 * Msg-Length past the end is cut to what is there (r->msg_len).  Returns
 * -1 for other codes, short packets or a bad Length.
 */
int pap_parse_reply(const uint8_t *pkt, size_t len, struct pap_reply *r);

#endif
