// SPDX-License-Identifier: GPL-2.0
/* PAP packets, RFC 1334 section 2.2. */
#include <string.h>

#include "pap.h"

static void put_hdr(uint8_t *out, uint8_t code, uint8_t id, size_t len)
{
	out[0] = code;
	out[1] = id;
	out[2] = (uint8_t)(len >> 8);
	out[3] = (uint8_t)len;
}

size_t pap_build_req(uint8_t *out, size_t outsz, uint8_t id,
		     const uint8_t *user, size_t user_len,
		     const uint8_t *pass, size_t pass_len)
{
	size_t len = PAP_HDRLEN + 1 + user_len + 1 + pass_len;

	if (user_len > PAP_MAX_FIELD || pass_len > PAP_MAX_FIELD || len > outsz)
		return 0;
	put_hdr(out, PAP_AUTHREQ, id, len);
	out[4] = (uint8_t)user_len;
	if (user_len)
		memcpy(out + 5, user, user_len);
	out[5 + user_len] = (uint8_t)pass_len;
	if (pass_len)
		memcpy(out + 6 + user_len, pass, pass_len);
	return len;
}

size_t pap_build_reply(uint8_t *out, size_t outsz, uint8_t code, uint8_t id,
		       const char *msg)
{
	size_t mlen = msg ? strlen(msg) : 0;
	size_t len = PAP_HDRLEN + 1 + mlen;

	if (mlen > PAP_MAX_FIELD || len > outsz)
		return 0;
	put_hdr(out, code, id, len);
	out[4] = (uint8_t)mlen;
	if (mlen)
		memcpy(out + 5, msg, mlen);
	return len;
}

/* The Length field, checked against the buffer; 0 when it is bad. */
static size_t plen(const uint8_t *pkt, size_t len)
{
	size_t l;

	if (!pkt || len < PAP_HDRLEN)
		return 0;
	l = (size_t)pkt[2] << 8 | pkt[3];
	return l >= PAP_HDRLEN && l <= len ? l : 0;
}

int pap_parse_req(const uint8_t *pkt, size_t len, struct pap_req *r)
{
	size_t l = plen(pkt, len), ul, pl;

	if (!l || pkt[0] != PAP_AUTHREQ || l < PAP_HDRLEN + 2)
		return -1;
	ul = pkt[4];
	if (PAP_HDRLEN + 1 + ul + 1 > l)
		return -1;
	pl = pkt[5 + ul];
	if (PAP_HDRLEN + 2 + ul + pl > l)
		return -1;
	r->id = pkt[1];
	r->user = pkt + 5;
	r->user_len = ul;
	r->pass = pkt + 6 + ul;
	r->pass_len = pl;
	return 0;
}

int pap_parse_reply(const uint8_t *pkt, size_t len, struct pap_reply *r)
{
	size_t l = plen(pkt, len), ml;

	if (!l || (pkt[0] != PAP_AUTHACK && pkt[0] != PAP_AUTHNAK))
		return -1;
	r->code = pkt[0];
	r->id = pkt[1];
	r->msg = pkt + PAP_HDRLEN + 1;
	if (l == PAP_HDRLEN) {
		r->msg_len = 0;
		return 0;
	}
	ml = pkt[4];
	r->msg_len = ml <= l - PAP_HDRLEN - 1 ? ml : l - PAP_HDRLEN - 1;
	return 0;
}
