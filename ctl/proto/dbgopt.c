// SPDX-License-Identifier: GPL-2.0
/* Configuration options as `debug ppp negotiation` prints them. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dbgopt.h"
#include "vocab.h"

#define VJ_PROTO	0x002d	/* Van Jacobson TCP/IP header compression */
#define IPHC_PROTO	0x0061	/* RFC 2509 header compression */

static unsigned int be16(const uint8_t *p)
{
	return (unsigned int)p[0] << 8 | p[1];
}

static unsigned long be32(const uint8_t *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 |
	       (unsigned long)p[2] << 8 | p[3];
}

int dbgopt_next(const uint8_t *buf, size_t len, size_t *off, struct dbgopt *o)
{
	size_t left;

	if (*off >= len)
		return 0;
	left = len - *off;
	o->raw = buf + *off;
	if (left < 2 || o->raw[1] < 2 || o->raw[1] > left) {
		o->len = left;
		o->garbled = 1;
		*off = len;
		return 1;
	}
	o->len = o->raw[1];
	o->garbled = 0;
	*off += o->len;
	return 1;
}

const uint8_t *dbgopt_find(const uint8_t *buf, size_t len, uint8_t type,
			   size_t *optlen)
{
	struct dbgopt o;
	size_t off = 0;

	while (dbgopt_next(buf, len, &off, &o))
		if (!o.garbled && o.raw[0] == type) {
			*optlen = o.len;
			return o.raw;
		}
	return NULL;
}

int dbgopt_hex(char *buf, size_t n, const uint8_t *raw, size_t len, size_t max)
{
	static const char digits[] = "0123456789ABCDEF";
	size_t i, k = 0, shown = len < max ? len : max;

	if (!n)
		return 0;
	for (i = 0; i < 2 && k + 1 < n; i++)
		buf[k++] = "0x"[i];
	for (i = 0; i < shown && k + 2 < n; i++) {
		buf[k++] = digits[raw[i] >> 4];
		buf[k++] = digits[raw[i] & 15];
	}
	for (i = 0; shown < len && i < 2 && k + 1 < n; i++)
		buf[k++] = '.';
	buf[k] = 0;
	return (int)(2 + 2 * shown + (shown < len ? 2 : 0));
}

static int render_auth(char *buf, size_t n, const uint8_t *raw, size_t len)
{
	unsigned int proto = be16(raw + 2);
	int algo = len >= 5 ? raw[4] : -1;
	const char *name = vocab_auth_name(proto, algo);

	if ((proto == PPP_CHAP && len != 5) || (proto == PPP_PAP && len != 4))
		return -1;
	if (name)
		return snprintf(buf, n, "%s", name);
	if (proto == PPP_CHAP)
		return snprintf(buf, n, "CHAP algorithm %d", algo);
	return snprintf(buf, n, "0x%04X", proto);
}

static int render_ipcomp(char *buf, size_t n, const uint8_t *raw, size_t len)
{
	unsigned int proto = be16(raw + 2);

	if (proto == VJ_PROTO && len == 6)
		return snprintf(buf, n, "VJ %u slots%s", raw[4],
				raw[5] ? " CompressSlotID" : "");
	if (proto == IPHC_PROTO)
		return snprintf(buf, n, "IPHC");
	return snprintf(buf, n, "0x%04X", proto);
}

static int all_print(const uint8_t *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (p[i] < 0x21 || p[i] > 0x7e || p[i] == '"' || p[i] == '\\')
			return 0;
	return len > 0;
}

/* Endpoint discriminator: class, then a name, an IPv4 address or hex. */
static int render_epdisc(char *buf, size_t n, const uint8_t *raw, size_t len)
{
	const uint8_t *a = raw + 3;
	size_t alen = len - 3;
	int k;

	if (raw[2] == 2 && alen == 4)
		return snprintf(buf, n, "%u %u.%u.%u.%u", raw[2], a[0], a[1],
				a[2], a[3]);
	if (all_print(a, alen))
		return snprintf(buf, n, "%u %.*s", raw[2], (int)alen, a);
	k = snprintf(buf, n, "%u ", raw[2]);
	if (k < 0 || (size_t)k >= n)
		return k;
	return k + dbgopt_hex(buf + k, n - k, a, alen, 32);
}

static int render_value(char *buf, size_t n, const struct vocab_opt *v,
			const uint8_t *raw, size_t len)
{
	switch (v->kind) {
	case VK_DEC8:
		return snprintf(buf, n, "%u", raw[2]);
	case VK_DEC16:
		return snprintf(buf, n, "%u", be16(raw + 2));
	case VK_HEX32:
		return snprintf(buf, n, "0x%08lX", be32(raw + 2));
	case VK_AUTH:
		return render_auth(buf, n, raw, len);
	case VK_QUALITY:
		if (be16(raw + 2) == PPP_LQR && len == 8)
			return snprintf(buf, n, "LQR %lu", be32(raw + 4));
		return snprintf(buf, n, "0x%04X", be16(raw + 2));
	case VK_IPV4:
		return snprintf(buf, n, "%u.%u.%u.%u", raw[2], raw[3], raw[4],
				raw[5]);
	case VK_IPCOMP:
		return render_ipcomp(buf, n, raw, len);
	case VK_EPDISC:
		return render_epdisc(buf, n, raw, len);
	case VK_IFID:
		return snprintf(buf, n, "%02X%02X:%02X%02X:%02X%02X:%02X%02X",
				raw[2], raw[3], raw[4], raw[5], raw[6], raw[7],
				raw[8], raw[9]);
	}
	return 0;	/* VK_NONE, VK_RAW: the name says it */
}

int dbgopt_render(char *buf, size_t n, uint16_t proto, const uint8_t *raw,
		  size_t len)
{
	const struct vocab_opt *v;
	char val[160];
	int k;

	if (len < 2)
		return snprintf(buf, n, "Garbled");
	v = vocab_opt(proto, raw[0]);
	if (!v)
		return snprintf(buf, n, "Unknown %u", raw[0]);
	if (len < v->minlen || len > v->maxlen)
		return snprintf(buf, n, "%s malformed", v->name);
	k = render_value(val, sizeof(val), v, raw, len);
	if (k < 0)
		return snprintf(buf, n, "%s malformed", v->name);
	if (k == 0)
		return snprintf(buf, n, "%s", v->name);
	return snprintf(buf, n, "%s %s", v->name, val);
}

/* ---- reading option text back ---- */

static int put(uint8_t *out, size_t outsz, const struct vocab_opt *v,
	       const uint8_t *val, size_t vlen)
{
	if (vlen + 2 > outsz || vlen + 2 < v->minlen || vlen + 2 > v->maxlen)
		return -1;
	out[0] = v->type;
	out[1] = (uint8_t)(vlen + 2);
	memcpy(out + 2, val, vlen);
	return (int)vlen + 2;
}

static int parse_num(const char *s, int base, unsigned long max,
		     unsigned long *v)
{
	char *end;

	if (base == 16 ? !isxdigit((unsigned char)*s) : !isdigit((unsigned char)*s))
		return -1;
	*v = strtoul(s, &end, base);
	if (*end || *v > max)
		return -1;
	return 0;
}

static int parse_ipv4(const char *s, uint8_t *a)
{
	unsigned int b[4];
	char tail;

	if (sscanf(s, "%u.%u.%u.%u%c", &b[0], &b[1], &b[2], &b[3], &tail) != 4)
		return -1;
	if (b[0] > 255 || b[1] > 255 || b[2] > 255 || b[3] > 255)
		return -1;
	a[0] = b[0];
	a[1] = b[1];
	a[2] = b[2];
	a[3] = b[3];
	return 0;
}

static int parse_auth(const char *s, uint8_t *val, size_t *vlen)
{
	static const struct { const char *name; uint16_t proto; int algo; } t[] = {
		{ "PAP", PPP_PAP, -1 }, { "CHAP", PPP_CHAP, 5 },
		{ "MS-CHAP", PPP_CHAP, 0x80 }, { "MS-CHAP-V2", PPP_CHAP, 0x81 },
		{ "EAP", PPP_EAP, -1 },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		if (strcasecmp(s, t[i].name))
			continue;
		val[0] = t[i].proto >> 8;
		val[1] = t[i].proto & 0xff;
		*vlen = 2;
		if (t[i].algo >= 0)
			val[(*vlen)++] = (uint8_t)t[i].algo;
		return 0;
	}
	return -1;
}

static int parse_value(const struct vocab_opt *v, const char *s,
		       uint8_t *val, size_t *vlen)
{
	unsigned long x;
	unsigned int i;

	switch (v->kind) {
	case VK_NONE:
		*vlen = 0;
		return *s ? -1 : 0;
	case VK_DEC8:
	case VK_DEC16:
		*vlen = v->kind == VK_DEC8 ? 1 : 2;
		if (parse_num(s, 10, *vlen == 1 ? 0xff : 0xffff, &x))
			return -1;
		for (i = 0; i < *vlen; i++)
			val[i] = (uint8_t)(x >> (8 * (*vlen - 1 - i)));
		return 0;
	case VK_HEX32:
		*vlen = 4;
		if (strncasecmp(s, "0x", 2) || parse_num(s + 2, 16, 0xffffffffUL, &x))
			return -1;
		for (i = 0; i < 4; i++)
			val[i] = (uint8_t)(x >> (24 - 8 * i));
		return 0;
	case VK_IPV4:
		*vlen = 4;
		return parse_ipv4(s, val);
	case VK_AUTH:
		return parse_auth(s, val, vlen);
	}
	return -1;
}

int dbgopt_parse(uint16_t proto, const char *text, uint8_t *out, size_t outsz)
{
	const struct vocab_opt *v;
	char name[32], value[48];
	uint8_t val[8];
	size_t vlen = 0;

	value[0] = 0;
	if (sscanf(text, " %31s %47s", name, value) < 1)
		return -1;
	v = vocab_opt_by_name(proto, name);
	if (!v || parse_value(v, value, val, &vlen))
		return -1;
	return put(out, outsz, v, val, vlen);
}
