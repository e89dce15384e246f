// SPDX-License-Identifier: GPL-2.0
/* CHAP packets and the MD5 response, RFC 1994. */
#include <string.h>
#include <md5.h>

#include "chap.h"

static void put_hdr(uint8_t *out, uint8_t code, uint8_t id, size_t len)
{
	out[0] = code;
	out[1] = id;
	out[2] = (uint8_t)(len >> 8);
	out[3] = (uint8_t)len;
}

size_t chap_build(uint8_t *out, size_t outsz, uint8_t code, uint8_t id,
		  const uint8_t *value, size_t value_len,
		  const uint8_t *name, size_t name_len)
{
	size_t len = CHAP_HDRLEN + 1 + value_len + name_len;

	if (!value_len || value_len > 255 || name_len > 0xffff || len > outsz ||
	    len > 0xffff)
		return 0;
	put_hdr(out, code, id, len);
	out[4] = (uint8_t)value_len;
	memcpy(out + 5, value, value_len);
	if (name_len)
		memcpy(out + 5 + value_len, name, name_len);
	return len;
}

size_t chap_build_status(uint8_t *out, size_t outsz, uint8_t code, uint8_t id,
			 const char *msg)
{
	size_t mlen = msg ? strlen(msg) : 0;
	size_t len = CHAP_HDRLEN + mlen;

	if (len > outsz || len > 0xffff)
		return 0;
	put_hdr(out, code, id, len);
	if (mlen)
		memcpy(out + CHAP_HDRLEN, msg, mlen);
	return len;
}

int chap_parse(const uint8_t *pkt, size_t len, struct chap_pkt *p)
{
	size_t l, vs;

	if (!pkt || len < CHAP_HDRLEN)
		return -1;
	l = (size_t)pkt[2] << 8 | pkt[3];
	if (l < CHAP_HDRLEN || l > len)
		return -1;
	if (pkt[0] < CHAP_CHALLENGE || pkt[0] > CHAP_FAILURE)
		return -1;
	memset(p, 0, sizeof(*p));
	p->code = pkt[0];
	p->id = pkt[1];
	p->msg = pkt + CHAP_HDRLEN;
	p->msg_len = l - CHAP_HDRLEN;
	if (p->code == CHAP_SUCCESS || p->code == CHAP_FAILURE)
		return 0;
	if (l < CHAP_HDRLEN + 1)
		return -1;
	vs = pkt[4];
	if (!vs || CHAP_HDRLEN + 1 + vs > l)
		return -1;
	p->value = pkt + 5;
	p->value_len = vs;
	p->name = pkt + 5 + vs;
	p->name_len = l - CHAP_HDRLEN - 1 - vs;
	return 0;
}

void chap_md5_response(uint8_t id, const uint8_t *secret, size_t secret_len,
		       const uint8_t *challenge, size_t challenge_len,
		       uint8_t out[CHAP_MD5_LEN])
{
	MD5_CTX ctx;

	MD5Init(&ctx);
	MD5Update(&ctx, &id, 1);
	if (secret_len)
		MD5Update(&ctx, secret, secret_len);
	if (challenge_len)
		MD5Update(&ctx, challenge, challenge_len);
	MD5Final(out, &ctx);
	explicit_bzero(&ctx, sizeof(ctx));
}
