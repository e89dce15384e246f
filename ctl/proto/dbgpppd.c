// SPDX-License-Identifier: GPL-2.0
/* Packets in pppd's debug format (dbgpppd.h). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "dbgpppd.h"
#include "vocab.h"

#define NAME_SHOWN	128	/* bytes of a name or message shown */
#define DATA_SHOWN	64	/* bytes of other data shown in hex */

struct out {
	char *b;
	size_t n, k;	/* size, length so far (may pass n: snprintf's count) */
};

static void __attribute__((format(printf, 2, 3)))
add(struct out *o, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vsnprintf(o->b + (o->k < o->n ? o->k : o->n - 1),
		      o->k < o->n ? o->n - o->k : 1, fmt, ap);
	va_end(ap);
	if (r > 0)
		o->k += (size_t)r;
}

/* " 80 fd 01": pppd's hex dump of data it does not decode. */
static void hex(struct out *o, const uint8_t *p, size_t len)
{
	size_t i;

	for (i = 0; i < len && i < DATA_SHOWN; i++)
		add(o, " %02x", p[i]);
	if (len > DATA_SHOWN)
		add(o, " ...");
}

/* A name or message between quotes, anything odd escaped. */
static void quoted(struct out *o, const uint8_t *p, size_t len)
{
	size_t i;

	add(o, "\"");
	for (i = 0; i < len && i < NAME_SHOWN; i++) {
		if (p[i] == '"' || p[i] == '\\')
			add(o, "\\%c", p[i]);
		else if (p[i] >= 0x20 && p[i] < 0x7f)
			add(o, "%c", p[i]);
		else
			add(o, "\\%03o", p[i]);
	}
	add(o, len > NAME_SHOWN ? "...\"" : "\"");
}

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static unsigned int be16(const uint8_t *p)
{
	return (unsigned int)p[0] << 8 | p[1];
}

static void ip4(struct out *o, const uint8_t *p)
{
	add(o, "%u.%u.%u.%u", p[0], p[1], p[2], p[3]);
}

/* pppd's words for one option raw[0..len) (len >= 2), between < and >. */
static void option(struct out *o, uint16_t proto, const uint8_t *raw,
		   size_t len)
{
	const char *name = vocab_pppd_opt_name(proto, raw[0]);
	const uint8_t *v = raw + 2;
	size_t vl = len - 2;
	unsigned int p;

	if (!name) {
		add(o, " <");
		hex(o, raw, len);
		add(o, ">");
		return;
	}
	add(o, " <%s", name);
	if (proto == PPP_LCP) {
		switch (raw[0]) {
		case 1:
		case 17:
			if (vl == 2) {
				add(o, " %u>", be16(v));
				return;
			}
			break;
		case 2:
		case 5:
			if (vl == 4) {
				add(o, " 0x%x>", be32(v));
				return;
			}
			break;
		case 3:
			if (vl < 2)
				break;
			p = be16(v);
			if (p == PPP_PAP && vl == 2) {
				add(o, " pap>");
				return;
			}
			if (p == PPP_EAP && vl == 2) {
				add(o, " eap>");
				return;
			}
			if (p == PPP_CHAP && vl == 3) {
				if (v[2] == 5)
					add(o, " chap MD5>");
				else if (v[2] == 0x80)
					add(o, " chap MS>");
				else if (v[2] == 0x81)
					add(o, " chap MS-v2>");
				else
					add(o, " chap 0x%x>", v[2]);
				return;
			}
			add(o, " 0x%x", p);
			hex(o, v + 2, vl - 2);
			add(o, ">");
			return;
		case 4:
			if (vl < 2)
				break;
			if (be16(v) == PPP_LQR)
				add(o, " lqr");
			else
				add(o, " 0x%x", be16(v));
			hex(o, v + 2, vl - 2);
			add(o, ">");
			return;
		case 7:
		case 8:
		case 18:
			if (!vl) {
				add(o, ">");
				return;
			}
			break;
		case 13:
			if (vl < 1)
				break;
			if (v[0] == 6)
				add(o, " CBCP");
			else
				add(o, " 0x%x", v[0]);
			hex(o, v + 1, vl - 1);
			add(o, ">");
			return;
		}
	} else if (proto == PPP_IPCP) {
		switch (raw[0]) {
		case 1:
			if (vl == 8) {
				add(o, " ");
				ip4(o, v);
				add(o, " ");
				ip4(o, v + 4);
				add(o, ">");
				return;
			}
			break;
		case 2:
			if (vl < 2)
				break;
			p = be16(v);
			if (p == 0x002d)
				add(o, " VJ");
			else if (p == 0x0037)
				add(o, " old-VJ");
			else
				add(o, " 0x%x", p);
			hex(o, v + 2, vl - 2);
			add(o, ">");
			return;
		case 3:
		case 129:
		case 130:
		case 131:
			if (vl == 4) {
				add(o, " ");
				ip4(o, v);
				add(o, ">");
				return;
			}
			break;
		}
	} else if (proto == PPP_CCP && (raw[0] == 24 || raw[0] == 26) && vl == 2) {
		/* RFC 1979: window 8 + high nibble, method 8, check 0 */
		add(o, " %u", (v[0] >> 4) + 8);
		if ((v[0] & 0x0f) != 8)
			add(o, " method %u", v[0] & 0x0f);
		if (v[1])
			add(o, " check %u", v[1]);
		add(o, ">");
		return;
	} else if (proto == PPP_CCP && raw[0] == 21 && vl == 1) {
		/* RFC 1977: version in the top 3 bits, code size below */
		add(o, " v%u %u>", v[0] >> 5, v[0] & 0x1f);
		return;
	} else if (proto == PPP_IPV6CP && raw[0] == 1 && vl == 8) {
		add(o, " fe80::%x:%x:%x:%x>", be16(v), be16(v + 2), be16(v + 4),
		    be16(v + 6));
		return;
	}
	/* Anything else, or a length that does not fit: its bytes. */
	hex(o, v, vl);
	add(o, ">");
}

static void options(struct out *o, uint16_t proto, const uint8_t *b,
		    size_t blen)
{
	size_t off = 0;

	while (off + 2 <= blen && b[off + 1] >= 2 && off + b[off + 1] <= blen) {
		option(o, proto, b + off, b[off + 1]);
		off += b[off + 1];
	}
	if (off < blen)		/* garbled remainder */
		hex(o, b + off, blen - off);
}

int dbg_pppd_options(char *buf, size_t n, uint16_t proto, const uint8_t *opts,
		     size_t len)
{
	struct out o = { buf, n, 0 };

	if (!n)
		return 0;
	buf[0] = 0;
	options(&o, proto, opts, len);
	/* Without the blank that leads each one inside a packet. */
	if (buf[0] == ' ')
		memmove(buf, buf + 1, strlen(buf));
	return o.k ? (int)o.k - 1 : 0;
}

static void cp_body(struct out *o, uint16_t proto, uint8_t code,
		    const uint8_t *b, size_t blen)
{
	switch (code) {
	case CP_CONFREQ:
	case CP_CONFACK:
	case CP_CONFNAK:
	case CP_CONFREJ:
		options(o, proto, b, blen);
		return;
	case CP_TERMREQ:
	case CP_TERMACK:
		if (blen) {
			add(o, " ");
			quoted(o, b, blen);
		}
		return;
	case CP_ECHOREQ:
	case CP_ECHOREP:
	case CP_DISCREQ:
		if (proto == PPP_LCP && blen >= 4) {
			add(o, " magic=0x%x", be32(b));
			hex(o, b + 4, blen - 4);
			return;
		}
		break;
	}
	hex(o, b, blen);
}

static void chap_body(struct out *o, uint8_t code, const uint8_t *b,
		      size_t blen)
{
	size_t vl;

	if (code == CHAP_CHALLENGE || code == CHAP_RESPONSE) {
		if (blen < 1 || (size_t)b[0] + 1 > blen) {
			hex(o, b, blen);
			return;
		}
		vl = b[0];
		add(o, " <");
		for (size_t i = 0; i < vl && i < DATA_SHOWN; i++)
			add(o, "%02x", b[1 + i]);
		add(o, ">, name = ");
		quoted(o, b + 1 + vl, blen - 1 - vl);
		return;
	}
	if (blen) {
		add(o, " ");
		quoted(o, b, blen);
	}
}

static void pap_body(struct out *o, uint8_t code, const uint8_t *b,
		     size_t blen)
{
	if (code == PAP_AUTHREQ) {
		if (blen < 1 || (size_t)b[0] + 1 > blen) {
			add(o, " (malformed)");
			return;
		}
		add(o, " user=");
		quoted(o, b + 1, b[0]);
		add(o, " password=<hidden>");
		return;
	}
	if ((code == PAP_AUTHACK || code == PAP_AUTHNAK) && blen >= 1 &&
	    (size_t)b[0] + 1 <= blen && b[0]) {
		add(o, " ");
		quoted(o, b + 1, b[0]);
	}
}

int dbg_pppd_packet(char *buf, size_t n, uint16_t proto, char dir,
		    const uint8_t *pkt, size_t len)
{
	struct out o = { buf, n, 0 };
	const char *pname = vocab_proto_name(proto), *code;
	size_t plen, blen;

	if (!n)
		return 0;
	buf[0] = 0;
	add(&o, "%s [", dir == 'O' ? "sent" : "rcvd");
	if (pname)
		add(&o, "%s", pname);
	else
		add(&o, "proto=0x%x", proto);
	if (!pkt || len < 4) {
		add(&o, " (short)");
		if (pkt)
			hex(&o, pkt, len);
		add(&o, "]");
		return (int)o.k;
	}
	code = vocab_pppd_code_name(proto, pkt[0]);
	if (code)
		add(&o, " %s", code);
	else
		add(&o, " code=0x%x", pkt[0]);
	add(&o, " id=0x%x", pkt[1]);
	plen = be16(pkt + 2);
	blen = plen < 4 ? 0 : (plen < len ? plen : len) - 4;
	if (proto == PPP_CHAP && code)
		chap_body(&o, pkt[0], pkt + 4, blen);
	else if (proto == PPP_PAP && code)
		pap_body(&o, pkt[0], pkt + 4, blen);
	else if (proto == PPP_PAP)
		add(&o, " (data hidden)");
	else if (vocab_is_cp(proto))
		cp_body(&o, proto, pkt[0], pkt + 4, blen);
	else
		hex(&o, pkt + 4, blen);
	add(&o, "]");
	return (int)o.k;
}
