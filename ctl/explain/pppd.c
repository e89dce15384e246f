// SPDX-License-Identifier: GPL-2.0
/*
 * One line of pppd's log into the same events as an IOS line (line.c).
 *
 * pppd writes packets as "sent [LCP ConfReq id=0x1 <asyncmap 0x0> <magic
 * 0x5f2e3a1b> <pcomp> <accomp>]" and "rcvd [CHAP Challenge id=0x1 <hex>,
 * name = "x"]"; options are read back into their raw bytes so that the
 * diagnosis sees the same options as in an IOS log.  Its messages
 * ("Serial line is looped back.", "LCP terminated by peer (...)", "local  IP
 * address 10.0.0.1") become notes that say what they are (enum dl_note).
 * Lines may carry a syslog or journald prefix ("Mar  3 10:00:01 host
 * pppd[1234]: "), whose time becomes the stamp.  pppd does not print
 * automaton states or phases: summary.c infers them from the packets.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "line.h"
#include "proto/vocab.h"

/* s starts with w, ignoring case; the rest after it, else NULL. */
static const char *prefix(const char *s, const char *w)
{
	size_t n = strlen(w);

	return strncasecmp(s, w, n) ? NULL : s + n;
}

static bool is_hhmmss(const char *p, size_t n)
{
	return n >= 8 && isdigit((unsigned char)p[0]) &&
	       isdigit((unsigned char)p[1]) && p[2] == ':' &&
	       isdigit((unsigned char)p[3]) && p[5] == ':';
}

/* The time of day of a syslog word: "10:00:01", "2024-03-03T10:00:01.5+01:00". */
static void stamp_of(const char *p, size_t n, char *stamp, size_t sn)
{
	const char *t = memchr(p, 'T', n);
	size_t k;

	if (t && (size_t)(t - p) + 1 < n && is_hhmmss(t + 1, n - (size_t)(t - p) - 1)) {
		n -= (size_t)(t + 1 - p);
		p = t + 1;
		for (k = 8; k < n && (isdigit((unsigned char)p[k]) || p[k] == '.'); k++)
			;
		n = k;
	}
	if (is_hhmmss(p, n))
		dl_copy_str(stamp, sn, p, n);
}

/*
 * After a syslog prefix whose program is pppd: "Mar  3 10:00:01 host
 * pppd[1234]: ", "2024-03-03T10:00:01+00:00 host pppd[1]: ", "... daemon.info
 * pppd[1]: ".  NULL when there is none.
 */
static const char *pppd_prefix(const char *s, char *stamp, size_t sn,
			       unsigned int *pid)
{
	const char *w = s, *e;
	int words;

	if (sn)
		stamp[0] = 0;
	*pid = 0;
	for (words = 0; words < 8 && *w; words++) {
		w = dl_skip_ws(w);
		e = w + strcspn(w, " \t");
		if (!strncmp(w, "pppd[", 5) && e - w >= 8 && e[-1] == ':' &&
		    e[-2] == ']') {
			const char *d;

			for (d = w + 5; isdigit((unsigned char)*d); d++)
				;
			if (d == e - 2 && d > w + 5) {
				if (d - (w + 5) <= 9)
					*pid = (unsigned int)strtoul(w + 5, NULL, 10);
				return dl_skip_ws(e);
			}
		}
		if (e - w == 5 && !strncmp(w, "pppd:", 5))
			return dl_skip_ws(e);
		if (memchr(w, ':', (size_t)(e - w)) && sn)
			stamp_of(w, (size_t)(e - w), stamp, sn);
		w = e;
	}
	if (sn)
		stamp[0] = 0;
	return NULL;
}

const char *dl_pppd_prefix(const char *s, char *stamp, size_t sn)
{
	unsigned int pid;

	return pppd_prefix(s, stamp, sn, &pid);
}

unsigned int dl_pppd_pid(const char *s)
{
	unsigned int pid;

	pppd_prefix(s, NULL, 0, &pid);
	return pid;
}

/* ---- packets ---- */

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Hex bytes " 80 fd 01" from s into out; how many. */
static size_t hex_bytes(const char *s, const char *end, uint8_t *out, size_t max)
{
	size_t n = 0;

	for (;;) {
		s = dl_skip_ws(s);
		if (s + 2 > end || hexval((unsigned char)s[0]) < 0 ||
		    hexval((unsigned char)s[1]) < 0 || n >= max ||
		    (s + 2 < end && s[2] != ' ' && s[2] != '>' && s[2] != ']'))
			return n;
		out[n++] = (uint8_t)(hexval((unsigned char)s[0]) << 4 |
				     hexval((unsigned char)s[1]));
		s += 2;
	}
}

static bool num(const char *s, int base, unsigned long max, unsigned long *v)
{
	char *end;

	s = dl_skip_ws(s);
	if (!isxdigit((unsigned char)*s))
		return false;
	*v = strtoul(s, &end, base);
	return end != s && *v <= max;
}

/* The low 64 bits of an IPv6 address ("fe80::4924:c7b4:6dcd:f3e0"). */
static bool ifid(const char *s, uint8_t *out)
{
	uint16_t g[8] = { 0 }, tail[8];
	int n = 0, nt = 0, i;
	bool gap = false;
	unsigned long v;
	char *end;

	while (*s && *s != '>' && *s != ' ') {
		if (s[0] == ':' && s[1] == ':') {
			if (gap)
				return false;
			gap = true;
			s += 2;
			continue;
		}
		if (*s == ':')
			s++;
		if (!isxdigit((unsigned char)*s))
			return false;
		v = strtoul(s, &end, 16);
		if (v > 0xffff || end - s > 4 || n + nt >= 8)
			return false;
		if (gap)
			tail[nt++] = (uint16_t)v;
		else
			g[n++] = (uint16_t)v;
		s = end;
	}
	if (!gap && n != 8)
		return false;
	for (i = 0; i < nt; i++)
		g[8 - nt + i] = tail[i];
	for (i = 0; i < 4; i++) {
		out[2 * i] = (uint8_t)(g[4 + i] >> 8);
		out[2 * i + 1] = (uint8_t)g[4 + i];
	}
	return true;
}

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

/* pppd's "chap MD5", "pap", "eap", "0xc027" after "auth". */
static int auth_value(const char *s, const char *end, uint8_t *v)
{
	const char *p;
	unsigned long x;

	s = dl_skip_ws(s);
	if (prefix(s, "pap")) {
		v[0] = 0xc0;
		v[1] = 0x23;
		return 2;
	}
	if (prefix(s, "eap")) {
		v[0] = 0xc2;
		v[1] = 0x27;
		return 2;
	}
	if ((p = prefix(s, "chap"))) {
		v[0] = 0xc2;
		v[1] = 0x23;
		p = dl_skip_ws(p);
		if (p >= end)
			return 2;
		v[2] = prefix(p, "MD5") ? 5 : prefix(p, "MS-v2") ? 0x81 :
		       prefix(p, "MS") ? 0x80 : 5;
		return 3;
	}
	if (prefix(s, "0x") && num(s + 2, 16, 0xffff, &x)) {
		v[0] = (uint8_t)(x >> 8);
		v[1] = (uint8_t)x;
		return 2;
	}
	return -1;
}

/* The value bytes of one option "<name args>" (text between < and >). */
static int opt_value(uint16_t proto, int type, const char *a, const char *end,
		     uint8_t *v, size_t max)
{
	unsigned long x, y;
	uint32_t ip, ip2;
	const char *p;

	a = dl_skip_ws(a);
	if (proto == PPP_LCP) {
		switch (type) {
		case 1:
		case 17:
			if (!num(a, 10, 0xffff, &x))
				return -1;
			v[0] = (uint8_t)(x >> 8);
			v[1] = (uint8_t)x;
			return 2;
		case 2:
		case 5:
			if (!prefix(a, "0x") || !num(a + 2, 16, 0xffffffffUL, &x))
				return -1;
			put32(v, (uint32_t)x);
			return 4;
		case 3:
			return auth_value(a, end, v);
		case 4:
			if (!(p = prefix(a, "lqr")))
				return -1;
			v[0] = 0xc0;
			v[1] = 0x25;
			return 2 + (int)hex_bytes(p, end, v + 2, max - 2);
		case 7:
		case 8:
		case 18:
			return 0;
		case 13:
			if ((p = prefix(a, "CBCP"))) {
				v[0] = 6;
			} else if (prefix(a, "0x") && num(a + 2, 16, 255, &x)) {
				v[0] = (uint8_t)x;
				p = a + 2 + strspn(a + 2, "0123456789abcdefABCDEF");
			} else {
				return -1;
			}
			return 1 + (int)hex_bytes(p, end, v + 1, max - 1);
		}
		return -1;
	}
	if (proto == PPP_IPCP) {
		switch (type) {
		case 1:
			p = a + strcspn(a, " ");
			if (!dl_parse_ipv4(a, &ip) || !dl_parse_ipv4(dl_skip_ws(p), &ip2))
				return -1;
			put32(v, ip);
			put32(v + 4, ip2);
			return 8;
		case 2:
			if ((p = prefix(a, "VJ")))
				x = 0x002d;
			else if ((p = prefix(a, "old-VJ")))
				x = 0x0037;
			else if (prefix(a, "0x") && num(a + 2, 16, 0xffff, &x))
				p = a + 2 + strspn(a + 2, "0123456789abcdefABCDEF");
			else
				return -1;
			v[0] = (uint8_t)(x >> 8);
			v[1] = (uint8_t)x;
			return 2 + (int)hex_bytes(p, end, v + 2, max - 2);
		case 3:
		case 129:
		case 130:
		case 131:
			if (!dl_parse_ipv4(a, &ip))
				return -1;
			put32(v, ip);
			return 4;
		}
		return -1;
	}
	if (proto == PPP_IPV6CP && type == 1)
		return ifid(a, v) ? 8 : -1;
	if (proto == PPP_CCP) {
		switch (type) {
		case 1:
		case 2:
			return 0;
		case 24:
		case 26:	/* deflate 15: window size */
			if (!num(a, 10, 15, &x) || x < 8)
				return -1;
			v[0] = (uint8_t)((x - 8) << 4 | 8);
			v[1] = 0;
			return 2;
		case 21:		/* bsd v1 15 */
			if (!(p = prefix(a, "v")) || !num(p, 10, 7, &x) ||
			    !num(p + strcspn(p, " "), 10, 31, &y))
				return -1;
			v[0] = (uint8_t)(x << 5 | y);
			return 1;
		}
		return -1;
	}
	return -1;
}

/* One "<...>" at s (s at '<'); appends the option to e.  End of it, or NULL. */
static const char *one_opt(struct dl_ev *e, const char *s)
{
	const char *end = strchr(s, '>'), *a;
	uint8_t buf[DL_OPTS_MAX];
	char name[24];
	size_t nl;
	int type, n;

	if (!end)
		return NULL;
	s++;
	if (*s == ' ') {		/* "< 0d 03 06>": an option pppd does not know */
		n = (int)hex_bytes(s, end, buf, sizeof(buf));
		if (n < 2)
			return end + 1;
	} else {
		nl = strcspn(s, " >");
		if (nl >= sizeof(name))
			return end + 1;
		dl_copy_str(name, sizeof(name), s, nl);
		a = s + nl;
		type = vocab_pppd_opt_num(e->proto, name);
		if (type < 0)
			return end + 1;
		n = opt_value(e->proto, type, a, end, buf + 2, sizeof(buf) - 2);
		if (n < 0)
			return end + 1;
		buf[0] = (uint8_t)type;
		n += 2;
		buf[1] = (uint8_t)n;
	}
	if (e->optlen + (size_t)n > DL_OPTS_MAX) {
		e->opt_trunc = true;
		return end + 1;
	}
	memcpy(e->opts + e->optlen, buf, (size_t)n);
	e->optlen += (uint16_t)n;
	return end + 1;
}

/* "..." at s into dst (pppd's print_string); false without a quote. */
static bool quoted(char *dst, size_t n, const char *s, const char *end)
{
	const char *q = memchr(s, '"', (size_t)(end - s)), *r;

	if (!q)
		return false;
	for (r = end; r > q + 1 && r[-1] != '"'; r--)
		;
	if (r <= q + 1)
		r = end + 1;
	dl_copy_str(dst, n, q + 1, (size_t)(r - 1 - (q + 1)));
	return true;
}

static void packet_body(struct dl_ev *e, const char *s, const char *end)
{
	const char *p;
	unsigned long x;
	uint8_t b[2];

	if (vocab_is_cp(e->proto) && e->code >= CP_CONFREQ &&
	    e->code <= CP_CONFREJ) {
		for (p = strchr(s, '<'); p && p < end; p = strchr(p, '<'))
			if (!(p = one_opt(e, p)))
				break;
		return;
	}
	if (e->proto == PPP_CHAP && (e->code == CHAP_CHALLENGE ||
				     e->code == CHAP_RESPONSE)) {
		if ((p = strstr(s, "name =")) && p < end)
			quoted(e->name, sizeof(e->name), p, end);
		return;
	}
	if (e->proto == PPP_PAP && e->code == PAP_AUTHREQ) {
		if ((p = strstr(s, "user=")) && p < end) {
			const char *pw = strstr(p, " password=");

			quoted(e->name, sizeof(e->name), p, pw && pw < end ? pw : end);
		}
		return;
	}
	if (e->proto == PPP_PAP || e->proto == PPP_CHAP) {
		quoted(e->text, sizeof(e->text), s, end);
		return;
	}
	switch (e->code) {
	case CP_TERMREQ:
	case CP_TERMACK:
		quoted(e->text, sizeof(e->text), s, end);
		break;
	case CP_ECHOREQ:
	case CP_ECHOREP:
	case CP_DISCREQ:
		if ((p = strstr(s, "magic=0x")) && p < end &&
		    num(p + 8, 16, 0xffffffffUL, &x)) {
			e->value = (uint32_t)x;
			e->has_value = true;
		}
		break;
	case CP_PROTREJ:
		if (hex_bytes(s, end, b, 2) == 2) {
			e->value = (uint32_t)b[0] << 8 | b[1];
			e->has_value = true;
		}
		break;
	case CP_CODEREJ:
		if (hex_bytes(s, end, b, 1) == 1) {
			e->value = b[0];
			e->has_value = true;
		}
		break;
	}
}

/* "sent [LCP ConfReq id=0x1 ...]" at s; false when it is not one. */
static bool packet(struct dl_ev *e, const char *s)
{
	const char *p, *end;
	char w[24];
	size_t n;
	unsigned long x;
	int proto, code;

	if ((p = prefix(s, "sent [")))
		e->dir = 'O';
	else if ((p = prefix(s, "rcvd [")))
		e->dir = 'I';
	else
		return false;
	end = strrchr(p, ']');
	if (!end)
		end = p + strlen(p);
	n = strcspn(p, " ]");
	if (n >= sizeof(w))
		return false;
	dl_copy_str(w, sizeof(w), p, n);
	proto = vocab_proto_num(w);
	if (proto < 0 || !(vocab_is_cp(proto) || proto == PPP_PAP ||
			   proto == PPP_CHAP || proto == PPP_EAP))
		return false;
	e->proto = (uint16_t)proto;
	p = dl_skip_ws(p + n);
	n = strcspn(p, " ]");
	if (n >= sizeof(w))
		return false;
	dl_copy_str(w, sizeof(w), p, n);
	code = vocab_pppd_code_num(e->proto, w);
	if (code < 0 && prefix(w, "code=0x") && num(w + 7, 16, 255, &x))
		code = (int)x;
	if (code < 0)
		return false;
	e->type = DL_PACKET;
	e->code = (int16_t)code;
	p = dl_skip_ws(p + n);
	if (prefix(p, "id=0x") && num(p + 5, 16, 255, &x)) {
		e->id = (int)x;
		p += 5 + strspn(p + 5, "0123456789abcdefABCDEF");
	}
	if (p < end)
		packet_body(e, p, end);
	return true;
}

/* ---- messages ---- */

/* The protocol a message starts with ("LCP: ...", "IPCP terminated ..."). */
static int lead_proto(const char *s, const char **rest)
{
	char w[12];
	size_t n = strcspn(s, ": ");
	int p;

	if (!n || n >= sizeof(w))
		return -1;
	dl_copy_str(w, sizeof(w), s, n);
	p = vocab_proto_num(w);
	if (p < 0)
		return -1;
	*rest = dl_skip_ws(s + n + (s[n] == ':'));
	return p;
}

static bool ip_note(struct dl_ev *e, const char *s, const char *w, int note)
{
	const char *p = prefix(s, w);

	if (!p || !dl_parse_ipv4(dl_skip_ws(p), &e->value))
		return false;
	e->note = (uint8_t)note;
	e->has_value = true;
	return true;
}

/* "CHAP peer authentication failed for remote host x": the name. */
static void name_after(struct dl_ev *e, const char *s, const char *w)
{
	const char *p = strstr(s, w);

	if (!p)
		return;
	p = dl_skip_ws(p + strlen(w));
	if (*p == '"')
		quoted(e->name, sizeof(e->name), p, p + strlen(p));
	else
		dl_copy_str(e->name, sizeof(e->name), p, strcspn(p, " "));
}

/* Messages pppd prints that say nothing the diagnosis uses. */
static const char *const known[] = {
	"Script ", "script ", "Connect time ", "Sent ", "Waiting for ",
	"using channel ", "pppd ", "Exit.", "Remote message:",
	"Serial link appears to be disconnected", "Could not determine remote IP address: defaulting",
	"Unsupported protocol ", "Failed to ", "Starting link", "Hangup ",
	"Plugin ", "Deflate ", "MPPE ", "CCP ", "Renamed interface",
	"local  LL address", "remote LL address", "Cannot determine ethernet address",
	"Connect script", "Disconnect script", "Serial connection established",
	"Protocol-Reject for unsupported protocol", "Received bad configure-",
	"LCP: Rcvd ", "Warning - secret file", "peer from calling number",
	"Authentication failed", "Fatal signal", "Child process ",
	"Couldn't ", "Unable to ", "Invalid ", "Overriding ",
};

/* A message of pppd's into e->note; false when it is not one it knows. */
static bool message(struct dl_ev *e, const char *s)
{
	const char *p, *r;
	unsigned long x;
	int proto;
	size_t i;

	if ((p = prefix(s, "Using interface "))) {
		e->note = DN_IFNAME;
		dl_copy_str(e->name, sizeof(e->name), dl_skip_ws(p),
			    strcspn(dl_skip_ws(p), " "));
	} else if (prefix(s, "Connect: ")) {
		e->note = DN_CONNECT;
	} else if (prefix(s, "Serial line is looped back")) {
		e->note = DN_LOOPED;
		e->proto = PPP_LCP;
	} else if ((p = prefix(s, "No response to ")) && strstr(p, "echo-requests")) {
		e->note = DN_ECHO_LOST;
		e->proto = PPP_LCP;
		if (num(p, 10, 65535, &x)) {
			e->value = (uint32_t)x;
			e->has_value = true;
		}
	} else if ((proto = lead_proto(s, &r)) >= 0 &&
		   prefix(r, "timeout sending Config-Requests") &&
		   vocab_is_cp((uint16_t)proto)) {
		e->type = DL_TIMEOUT;
		e->proto = (uint16_t)proto;
	} else if ((proto = lead_proto(s, &r)) >= 0 &&
		   prefix(r, "terminated by peer") &&
		   vocab_is_cp((uint16_t)proto)) {
		e->note = DN_TERM_BY_PEER;
		e->proto = (uint16_t)proto;
	} else if ((proto = lead_proto(s, &r)) == PPP_CHAP || proto == PPP_PAP ||
		   proto == PPP_EAP) {
		e->proto = (uint16_t)proto;
		if (prefix(r, "authentication succeeded"))
			e->note = DN_AUTH_LOCAL_OK;
		else if (prefix(r, "authentication failed"))
			e->note = DN_AUTH_LOCAL_FAIL;
		else if (prefix(r, "peer authentication succeeded"))
			e->note = DN_AUTH_PEER_OK;
		else if (prefix(r, "peer authentication failed"))
			e->note = DN_AUTH_PEER_FAIL;
		else
			return false;
		if (e->note == DN_AUTH_PEER_OK || e->note == DN_AUTH_PEER_FAIL)
			name_after(e, r, strstr(r, "remote host") ? "remote host" : " for");
	} else if ((p = prefix(s, "No CHAP secret found for authenticating")) ||
		   (p = prefix(s, "No secret found for"))) {
		e->proto = PPP_CHAP;
		if (prefix(dl_skip_ws(p), "us to")) {
			e->note = DN_NO_SECRET_LOCAL;
			name_after(e, p, "us to");
		} else {
			e->note = DN_NO_SECRET_PEER;
			name_after(e, p, "");
		}
	} else if (prefix(s, "peer refused to authenticate")) {
		e->note = DN_PEER_NO_AUTH;
	} else if (ip_note(e, s, "local  IP address", DN_LOCAL_IP) ||
		   ip_note(e, s, "local IP address", DN_LOCAL_IP) ||
		   ip_note(e, s, "remote IP address", DN_REMOTE_IP) ||
		   ip_note(e, s, "primary   DNS address", DN_DNS1) ||
		   ip_note(e, s, "primary DNS address", DN_DNS1) ||
		   ip_note(e, s, "secondary DNS address", DN_DNS2) ||
		   ip_note(e, s, "Peer is not authorized to use remote address",
			   DN_NOT_AUTHORIZED)) {
		e->proto = e->note == DN_NOT_AUTHORIZED ? PPP_IPCP : 0;
	} else if ((p = prefix(s, "Could not determine remote IP address")) &&
		   !*p) {
		e->note = DN_NO_REMOTE_IP;
		e->proto = PPP_IPCP;
	} else if (prefix(s, "Could not determine local IP address")) {
		e->note = DN_NO_LOCAL_IP;
		e->proto = PPP_IPCP;
	} else if ((p = prefix(s, "Protocol-Reject for '")) &&
		   (p = strstr(p, "' (0x")) && num(p + 5, 16, 0xffff, &x)) {
		e->note = DN_PROTREJ;
		e->proto = PPP_LCP;
		e->value = (uint32_t)x;
		e->has_value = true;
	} else if ((p = prefix(s, "Terminating on signal ")) &&
		   num(p, 10, 255, &x)) {
		e->note = DN_SIGNAL;
		e->value = (uint32_t)x;
		e->has_value = true;
	} else if (prefix(s, "Hangup (SIGHUP)")) {
		e->note = DN_SIGNAL;
		e->value = 1;
		e->has_value = true;
	} else if (prefix(s, "Modem hangup")) {
		e->note = DN_HANGUP;
	} else if (prefix(s, "Connection terminated")) {
		e->note = DN_TERMINATED;
	} else {
		for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
			if (prefix(s, known[i]))
				break;
		if (i == sizeof(known) / sizeof(known[0]))
			return false;
	}
	return true;
}

bool dl_pppd_like(const char *s)
{
	struct dl_ev e;

	if (dl_pppd_prefix(s, NULL, 0))
		return true;
	dl_ev_init(&e, &(struct dl_head){ .proto = 0 }, 0);
	return prefix(s, "sent [") || prefix(s, "rcvd [") || message(&e, s);
}

int dl_parse_pppd(const char *s, struct dl_ev *e, unsigned int line)
{
	char stamp[24];
	const char *body = dl_pppd_prefix(s, stamp, sizeof(stamp));

	dl_ev_init(e, &(struct dl_head){ .proto = 0 }, line);
	if (body)
		snprintf(e->stamp, sizeof(e->stamp), "%s", stamp);
	else
		body = s;
	body = dl_skip_ws(body);
	e->type = DL_NOTE;
	if (packet(e, body))
		return 0;
	if (e->dir) {		/* "sent [...]" of a protocol not read here */
		dl_ev_init(e, &(struct dl_head){ .proto = 0 }, line);
		if (s != body)
			snprintf(e->stamp, sizeof(e->stamp), "%s", stamp);
		e->type = DL_NOTE;
	}
	if (!message(e, body) && body == s)
		return -1;
	if (e->type == DL_NOTE)
		dl_copy_str(e->text, sizeof(e->text), body, strlen(body));
	return 0;
}
