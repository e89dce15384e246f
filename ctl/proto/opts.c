// SPDX-License-Identifier: GPL-2.0
#include <string.h>

#include "opts.h"

void ppp_opt_iter_init(struct ppp_opt_iter *it, const uint8_t *buf, size_t len)
{
	it->p = buf;
	it->left = buf ? len : 0;
	it->bad = !buf && len;
}

int ppp_opt_next(struct ppp_opt_iter *it, struct ppp_opt *o)
{
	uint8_t olen;

	if (it->bad)
		return -1;
	if (it->left == 0)
		return 0;
	if (it->left < 2)
		goto bad;
	olen = it->p[1];
	if (olen < 2 || olen > it->left)
		goto bad;
	o->type = it->p[0];
	o->len = olen;
	o->raw = it->p;
	o->data = it->p + 2;
	it->p += olen;
	it->left -= olen;
	return 1;
bad:
	/* Poison the iterator: a malformed tail stays malformed. */
	it->bad = true;
	return -1;
}

size_t ppp_opts_prefix(const uint8_t *buf, size_t len)
{
	struct ppp_opt_iter it;
	struct ppp_opt o;
	size_t n = 0;

	ppp_opt_iter_init(&it, buf, len);
	while (ppp_opt_next(&it, &o) > 0)
		n += o.len;
	return n;
}

bool ppp_opts_valid(const uint8_t *buf, size_t len)
{
	return (!len || buf) && ppp_opts_prefix(buf, len) == len;
}

bool ppp_opt_find(const uint8_t *buf, size_t len, uint8_t type,
		  struct ppp_opt *o)
{
	struct ppp_opt_iter it;

	ppp_opt_iter_init(&it, buf, len);
	while (ppp_opt_next(&it, o) > 0)
		if (o->type == type)
			return true;
	return false;
}

void ppp_optbuf_init(struct ppp_optbuf *b, uint8_t *buf, size_t cap)
{
	b->buf = buf;
	b->cap = buf ? cap : 0;
	b->len = 0;
	b->overflow = false;
}

static bool room(struct ppp_optbuf *b, size_t n)
{
	if (b->overflow || n > b->cap - b->len) {
		b->overflow = true;
		return false;
	}
	return true;
}

bool ppp_optbuf_put(struct ppp_optbuf *b, uint8_t type, const void *data,
		    size_t dlen)
{
	if (dlen > 253 || (dlen && !data) || !room(b, dlen + 2)) {
		b->overflow = true;
		return false;
	}
	b->buf[b->len] = type;
	b->buf[b->len + 1] = (uint8_t)(dlen + 2);
	if (dlen)
		memcpy(b->buf + b->len + 2, data, dlen);
	b->len += dlen + 2;
	return true;
}

bool ppp_optbuf_put_u8(struct ppp_optbuf *b, uint8_t type, uint8_t v)
{
	return ppp_optbuf_put(b, type, &v, 1);
}

bool ppp_optbuf_put_u16(struct ppp_optbuf *b, uint8_t type, uint16_t v)
{
	uint8_t d[2] = { v >> 8, v & 0xff };

	return ppp_optbuf_put(b, type, d, sizeof(d));
}

bool ppp_optbuf_put_u32(struct ppp_optbuf *b, uint8_t type, uint32_t v)
{
	uint8_t d[4] = { v >> 24, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff };

	return ppp_optbuf_put(b, type, d, sizeof(d));
}

bool ppp_optbuf_put_opt(struct ppp_optbuf *b, const struct ppp_opt *o)
{
	if (!o->raw || o->len < 2 || !room(b, o->len))
		return false;
	memcpy(b->buf + b->len, o->raw, o->len);
	b->len += o->len;
	return true;
}
