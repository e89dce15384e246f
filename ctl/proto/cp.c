// SPDX-License-Identifier: GPL-2.0
/* Shared helpers of the control protocols: see cp.h. */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <sys/random.h>

#include "cp.h"

/* Last resort only: splitmix64 over the clocks and a counter. */
static void fallback(uint8_t *p, size_t len)
{
	static uint64_t ctr;
	struct timespec a, b;
	uint64_t x;

	clock_gettime(CLOCK_REALTIME, &a);
	clock_gettime(CLOCK_MONOTONIC, &b);
	x = (uint64_t)a.tv_nsec ^ ((uint64_t)a.tv_sec << 30) ^
	    ((uint64_t)b.tv_nsec << 7) ^ (uintptr_t)p;
	while (len) {
		uint64_t z = (x += 0x9e3779b97f4a7c15ull + ++ctr);
		size_t n = len < 8 ? len : 8;

		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
		z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
		z ^= z >> 31;
		memcpy(p, &z, n);
		p += n;
		len -= n;
	}
}

void cp_random(void *buf, size_t len)
{
	uint8_t *p = buf;

	while (len) {
		ssize_t n = getrandom(p, len, 0);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			fallback(p, len);
			return;
		}
		p += n;
		len -= (size_t)n;
	}
}

uint32_t cp_random_u32(void)
{
	uint32_t v;

	do
		cp_random(&v, sizeof(v));
	while (!v);
	return v;
}

uint64_t cp_random_u64(void)
{
	uint64_t v;

	do
		cp_random(&v, sizeof(v));
	while (!v);
	return v;
}

void cp_verdict_init(struct cp_verdict *v, uint8_t *reply, size_t cap,
		     bool reject_mode)
{
	ppp_optbuf_init(&v->rej, reply, cap);
	ppp_optbuf_init(&v->nak, v->nakbuf, sizeof(v->nakbuf));
	v->reject_mode = reject_mode;
	v->forced = false;
	memset(v->seen, 0, sizeof(v->seen));
}

bool cp_dup(struct cp_verdict *v, const struct ppp_opt *o)
{
	uint8_t bit = (uint8_t)(1u << (o->type % 8));

	if (v->seen[o->type / 8] & bit) {
		cp_rej(v, o);
		return true;
	}
	v->seen[o->type / 8] |= bit;
	return false;
}

void cp_rej(struct cp_verdict *v, const struct ppp_opt *o)
{
	ppp_optbuf_put_opt(&v->rej, o);
}

void cp_nak(struct cp_verdict *v, const struct ppp_opt *o,
	    const void *data, size_t dlen)
{
	if (v->reject_mode)
		cp_rej(v, o);
	else
		ppp_optbuf_put(&v->nak, o->type, data, dlen);
}

void cp_nak_forced(struct cp_verdict *v, const struct ppp_opt *o,
		   const void *data, size_t dlen)
{
	if (ppp_optbuf_put(&v->nak, o->type, data, dlen))
		v->forced = true;
}

int cp_finish(struct cp_verdict *v, uint8_t *reply, size_t cap,
	      size_t *reply_len)
{
	if (v->rej.len) {
		*reply_len = v->rej.len;
		return PPP_CONFREJ;
	}
	if (v->nak.len && v->nak.len <= cap) {
		memcpy(reply, v->nak.buf, v->nak.len);
		*reply_len = v->nak.len;
		return v->forced ? FSM_NAK_FORCED : PPP_CONFNAK;
	}
	*reply_len = 0;
	return PPP_CONFACK;
}
