// SPDX-License-Identifier: GPL-2.0
/* `debug ppp negotiation` and `debug ppp authentication`, IOS format. */
#include <stdarg.h>
#include <string.h>
#include <strings.h>

#include "dbgopt.h"
#include "dbgpppd.h"
#include "debug.h"

#define DBG_LINE	2048
#define NAME_SHOWN	128	/* bytes of a CHAP/PAP name or message shown */
#define DATA_SHOWN	64	/* bytes of a rejected packet shown in hex */

struct line {
	char b[DBG_LINE];
	size_t n;
};

static void addv(struct line *l, const char *fmt, va_list ap)
{
	size_t room = sizeof(l->b) - l->n;
	int k = vsnprintf(l->b + l->n, room, fmt, ap);

	if (k > 0)
		l->n += (size_t)k < room ? (size_t)k : room - 1;
}

static void __attribute__((format(printf, 2, 3)))
add(struct line *l, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	addv(l, fmt, ap);
	va_end(ap);
}

static void add_hex(struct line *l, const uint8_t *p, size_t len)
{
	dbgopt_hex(l->b + l->n, sizeof(l->b) - l->n, p, len, DATA_SHOWN);
	l->n += strlen(l->b + l->n);
}

/* A name or message from the wire, quoted, with anything odd escaped. */
static void add_quoted(struct line *l, const uint8_t *p, size_t len)
{
	size_t i, shown = len < NAME_SHOWN ? len : NAME_SHOWN;

	add(l, "\"");
	for (i = 0; i < shown; i++) {
		if (p[i] == '"' || p[i] == '\\')
			add(l, "\\%c", p[i]);
		else if (p[i] >= 0x20 && p[i] < 0x7f)
			add(l, "%c", p[i]);
		else
			add(l, "\\x%02X", p[i]);
	}
	add(l, shown < len ? "..\"" : "\"");
}

static void wall_clock(void *arg, struct tm *tm, unsigned int *msec)
{
	struct timespec ts;

	(void)arg;
	clock_gettime(CLOCK_REALTIME, &ts);
	localtime_r(&ts.tv_sec, tm);
	*msec = (unsigned int)(ts.tv_nsec / 1000000);
}

void dbg_init(struct dbg *d, FILE *out)
{
	memset(d, 0, sizeof(*d));
	d->out = out;
	d->clock = wall_clock;
}

void dbg_set_clock(struct dbg *d, dbg_clock_fn fn, void *arg)
{
	d->clock = fn ? fn : wall_clock;
	d->clock_arg = arg;
}

void dbg_enable(struct dbg *d, unsigned int classes)
{
	d->classes |= classes;
}

void dbg_disable(struct dbg *d, unsigned int classes)
{
	d->classes &= ~classes;
}

bool dbg_on(const struct dbg *d, unsigned int cls)
{
	return d && d->out && (d->classes & cls);
}

int dbg_class_by_name(const char *name)
{
	if (!strcasecmp(name, "negotiation"))
		return DBG_NEGOTIATION;
	if (!strcasecmp(name, "authentication"))
		return DBG_AUTHENTICATION;
	if (!strcasecmp(name, "error"))
		return DBG_ERROR;
	return -1;
}

int dbg_format_by_name(const char *name)
{
	if (!strcmp(name, "ios"))
		return DBG_FMT_IOS;
	if (!strcmp(name, "pppd"))
		return DBG_FMT_PPPD;
	return -1;
}

/* "*Mar  1 00:06:37.054: BR0:1 LCP:" */
static void start(const struct dbg *d, struct line *l, const char *ifname,
		  const char *proto)
{
	static const char *const mon[12] = {
		"Jan", "Feb", "Mar", "Apr", "May", "Jun",
		"Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
	};
	struct tm tm;
	unsigned int ms = 0;

	memset(&tm, 0, sizeof(tm));
	d->clock(d->clock_arg, &tm, &ms);
	l->n = 0;
	l->b[0] = 0;
	add(l, "*%s %2d %02d:%02d:%02d.%03u: %s %s:",
	    tm.tm_mon >= 0 && tm.tm_mon < 12 ? mon[tm.tm_mon] : "???",
	    tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ms % 1000,
	    ifname ? ifname : "?", proto);
}

static void emit(const struct dbg *d, struct line *l)
{
	if (l->n + 1 >= sizeof(l->b))
		l->n = sizeof(l->b) - 2;
	l->b[l->n++] = '\n';
	l->b[l->n] = 0;
	fputs(l->b, d->out);
	fflush(d->out);		/* a debug line is worth having at once */
}

static const char *proto_str(uint16_t proto, char *buf, size_t n)
{
	const char *s = vocab_proto_name(proto);

	if (s)
		return s;
	snprintf(buf, n, "0x%04X", proto);
	return buf;
}

static unsigned int be16(const uint8_t *p)
{
	return (unsigned int)p[0] << 8 | p[1];
}

/* "O CONFREQ [Listen] id 4 len 15" */
static void add_header(struct line *l, uint16_t proto, char dir,
		       const char *state, const uint8_t *pkt, size_t len)
{
	const char *code = vocab_code_name(proto, pkt[0]);
	unsigned int plen = be16(pkt + 2);

	add(l, " %c ", dir == 'I' || dir == 'O' ? dir : '?');
	if (code)
		add(l, "%s", code);
	else
		add(l, "CODE%u", pkt[0]);
	if (state)
		add(l, " [%s]", state);
	add(l, " id %u len %u", pkt[1], plen);
	if (plen < 4 || plen > len)
		add(l, " (have %zu)", len);
}

static void option_lines(const struct dbg *d, const char *ifname,
			 const char *pname, uint16_t proto,
			 const uint8_t *opts, size_t len)
{
	struct dbgopt o;
	struct line l;
	size_t off = 0;
	char text[256];

	while (dbgopt_next(opts, len, &off, &o)) {
		start(d, &l, ifname, pname);
		if (o.garbled)
			add(&l, "    Garbled (");
		else {
			dbgopt_render(text, sizeof(text), proto, o.raw, o.len);
			add(&l, "    %s (", text);
		}
		add_hex(&l, o.raw, o.len);
		add(&l, ")");
		emit(d, &l);
	}
}

static void cp_tail(struct line *l, uint8_t code, const uint8_t *body,
		    size_t blen)
{
	char buf[16];

	switch (code) {
	case CP_ECHOREQ:
	case CP_ECHOREP:
	case CP_DISCREQ:
		if (blen >= 4)
			add(l, " magic 0x%02X%02X%02X%02X", body[0], body[1],
			    body[2], body[3]);
		break;
	case CP_PROTREJ:
		if (blen >= 2) {
			add(l, " protocol %s (",
			    proto_str(be16(body), buf, sizeof(buf)));
			add_hex(l, body, blen);
			add(l, ")");
		}
		break;
	case CP_CODEREJ:
		if (blen >= 1) {
			add(l, " code %u (", body[0]);
			add_hex(l, body, blen);
			add(l, ")");
		}
		break;
	}
}

static void cp_packet(const struct dbg *d, const char *ifname,
		      const char *pname, uint16_t proto, struct line *l,
		      const uint8_t *pkt, size_t blen)
{
	uint8_t code = pkt[0];

	cp_tail(l, code, pkt + 4, blen);
	emit(d, l);
	if (code >= CP_CONFREQ && code <= CP_CONFREJ)
		option_lines(d, ifname, pname, proto, pkt + 4, blen);
}

/* CHAP: the name after the value (RFC 1994 4.1), or the failure message. */
static void chap_tail(struct line *l, uint8_t code, const uint8_t *b,
		      size_t blen)
{
	if (code == CHAP_CHALLENGE || code == CHAP_RESPONSE) {
		if (blen < 1 || (size_t)b[0] + 1 > blen) {
			add(l, " malformed");
			return;
		}
		add(l, " from ");
		add_quoted(l, b + 1 + b[0], blen - 1 - b[0]);
	} else if (code == CHAP_FAILURE && blen) {
		add(l, " msg is ");
		add_quoted(l, b, blen);
	}
}

/* PAP: peer-id only; the password is never looked at beyond its length. */
static void pap_tail(struct line *l, uint8_t code, const uint8_t *b,
		     size_t blen)
{
	if (code == PAP_AUTHREQ) {
		if (blen < 1 || (size_t)b[0] + 1 > blen) {
			add(l, " malformed");
			return;
		}
		add(l, " from ");
		add_quoted(l, b + 1, b[0]);
		if ((size_t)b[0] + 2 > blen ||
		    (size_t)b[0] + 2 + b[1 + b[0]] > blen)
			add(l, " malformed");
	} else if (code == PAP_AUTHACK || code == PAP_AUTHNAK) {
		if (blen >= 1 && (size_t)b[0] + 1 > blen) {
			add(l, " malformed");
		} else if (code == PAP_AUTHNAK && blen >= 1 && b[0]) {
			add(l, " msg is ");
			add_quoted(l, b + 1, b[0]);
		}
	}
}

static void short_packet(const struct dbg *d, const char *ifname,
			 const char *pname, uint16_t proto, char dir,
			 const uint8_t *pkt, size_t len)
{
	struct line l;

	start(d, &l, ifname, pname);
	add(&l, " %c short packet, %zu bytes", dir == 'I' || dir == 'O' ? dir : '?',
	    len);
	if (proto != PPP_PAP && proto != PPP_CHAP && len) {
		add(&l, " (");
		add_hex(&l, pkt, len);
		add(&l, ")");
	}
	emit(d, &l);
}

void dbg_packet(struct dbg *d, const char *ifname, uint16_t proto, char dir,
		const char *state, const uint8_t *pkt, size_t len)
{
	bool auth = proto == PPP_PAP || proto == PPP_CHAP;
	char buf[16];
	const char *pname = proto_str(proto, buf, sizeof(buf));
	struct line l;
	size_t plen, blen;

	if (!dbg_on(d, auth ? DBG_AUTHENTICATION : DBG_NEGOTIATION))
		return;
	if (d->format == DBG_FMT_PPPD) {
		dbg_pppd_packet(l.b, sizeof(l.b) - 1, proto, dir, pkt, len);
		l.n = strlen(l.b);
		emit(d, &l);
		return;
	}
	if (!pkt || len < 4) {
		short_packet(d, ifname, pname, proto, dir, pkt, pkt ? len : 0);
		return;
	}
	plen = be16(pkt + 2);
	blen = plen < 4 ? 0 : (plen < len ? plen : len) - 4;
	start(d, &l, ifname, pname);
	add_header(&l, proto, dir, auth ? NULL : state, pkt, len);
	if (!auth) {
		cp_packet(d, ifname, pname, proto, &l, pkt, blen);
		return;
	}
	if (proto == PPP_CHAP)
		chap_tail(&l, pkt[0], pkt + 4, blen);
	else
		pap_tail(&l, pkt[0], pkt + 4, blen);
	emit(d, &l);
}

void dbg_phase(struct dbg *d, const char *ifname, enum vocab_phase ph,
	       const char *detail)
{
	const char *name = vocab_phase_name(ph);
	struct line l;

	if (!dbg_on(d, DBG_NEGOTIATION) || d->format == DBG_FMT_PPPD)
		return;
	start(d, &l, ifname, "PPP");
	add(&l, " Phase is %s", name ? name : "UNKNOWN");
	if (detail && *detail)
		add(&l, ", %s", detail);
	emit(d, &l);
}

void dbg_state(struct dbg *d, const char *ifname, uint16_t proto,
	       enum vocab_state st)
{
	const char *name = vocab_state_name(st);
	char buf[16];
	struct line l;

	if (!dbg_on(d, DBG_NEGOTIATION) || d->format == DBG_FMT_PPPD)
		return;
	start(d, &l, ifname, proto_str(proto, buf, sizeof(buf)));
	add(&l, " State is %s", name ? name : "Unknown");
	emit(d, &l);
}

void dbg_route(struct dbg *d, const char *ifname, struct in_addr peer)
{
	const uint8_t *a = (const uint8_t *)&peer.s_addr;
	struct line l;

	if (!dbg_on(d, DBG_NEGOTIATION) || d->format == DBG_FMT_PPPD)
		return;
	start(d, &l, ifname, "IPCP");
	add(&l, " Install route to %u.%u.%u.%u", a[0], a[1], a[2], a[3]);
	emit(d, &l);
}

void dbg_msg(struct dbg *d, unsigned int cls, const char *ifname,
	     const char *proto, const char *fmt, ...)
{
	struct line l;
	va_list ap;

	if (!dbg_on(d, cls))
		return;
	if (d->format == DBG_FMT_PPPD) {	/* pppd's messages are bare */
		l.n = 0;
		l.b[0] = 0;
	} else {
		start(d, &l, ifname, proto ? proto : "PPP");
		add(&l, " ");
	}
	va_start(ap, fmt);
	addv(&l, fmt, ap);
	va_end(ap);
	emit(d, &l);
}
