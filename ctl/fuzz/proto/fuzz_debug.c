// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the debug formatter: random packet bytes for any
 * protocol, direction and state.  Every output line must be a whole,
 * NUL-free line; for PAP, changing the password bytes must not change the
 * output by a single byte.  Bit 4 of the first byte picks pppd's format
 * (debug-format pppd) over IOS's.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proto/debug.h"
#include "pppctl.h"
#include "proto/vocab.h"


static const uint16_t protos[8] = {
	PPP_LCP, PPP_PAP, PPP_CHAP, PPP_IPCP, PPP_IPV6CP, PPP_CDPCP, PPP_CCP,
	0x8031,
};

static void fixed(void *arg, struct tm *tm, unsigned int *msec)
{
	(void)arg;
	tm->tm_mon = 2;
	tm->tm_mday = 1;
	*msec = 54;
}

static char *format(int fmt, uint16_t proto, char dir, const char *state,
		    const uint8_t *pkt, size_t len, size_t *outlen)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, outlen);
	struct dbg d;

	if (!f)
		abort();
	dbg_init(&d, f);
	dbg_set_clock(&d, fixed, NULL);
	dbg_enable(&d, DBG_NEGOTIATION | DBG_AUTHENTICATION);
	d.format = fmt;
	dbg_packet(&d, "Se0/0/0", proto, dir, state, pkt, len);
	fclose(f);
	return buf;
}

static void check_lines(int fmt, const char *s, size_t len)
{
	size_t i, start = 0;

	if (len && s[len - 1] != '\n')
		abort();
	for (i = 0; i < len; i++) {
		if (!s[i])
			abort();
		if (s[i] != '\n')
			continue;
		if (i - start > 2048 || (fmt == DBG_FMT_IOS && s[start] != '*') ||
		    (fmt == DBG_FMT_PPPD && strncmp(s + start, "sent [", 6) &&
		     strncmp(s + start, "rcvd [", 6)))
			abort();
		start = i + 1;
	}
}

/* Where a PAP Authenticate-Request's password bytes start, or 0. */
static size_t pap_password(const uint8_t *pkt, size_t len)
{
	if (len < 5 || pkt[0] != PAP_AUTHREQ || (size_t)6 + pkt[4] > len)
		return 0;
	return 6 + (size_t)pkt[4];
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint16_t proto;
	const char *state;
	char dir, *a, *b;
	int fmt;
	uint8_t *copy;
	size_t alen, blen, len, pw, i;

	if (size < 2)
		return 0;
	proto = protos[data[0] & 7];
	dir = data[0] & 8 ? 'I' : 'O';
	state = vocab_state_name(data[1] % (VS_COUNT + 1));
	len = size - 2;
	fmt = data[0] & 16 ? DBG_FMT_PPPD : DBG_FMT_IOS;
	a = format(fmt, proto, dir, state, data + 2, len, &alen);
	check_lines(fmt, a, alen);
	pw = proto == PPP_PAP ? pap_password(data + 2, len) : 0;
	if (pw && pw < len) {
		copy = malloc(len);
		memcpy(copy, data + 2, len);
		for (i = pw; i < len; i++)
			copy[i] ^= 0x5a;
		b = format(fmt, proto, dir, state, copy, len, &blen);
		if (alen != blen || memcmp(a, b, alen))
			abort();
		free(b);
		free(copy);
	}
	free(a);
	return 0;
}
