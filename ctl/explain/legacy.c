// SPDX-License-Identifier: GPL-2.0
/*
 * One line of an older IOS debug log (the 11.x era) into the same events
 * as a line of today's format (line.c).
 *
 * That IOS printed one option a line and left some packets unsaid:
 *   ppp: sending CONFREQ, type = 3 (CI_AUTHTYPE), value = C223/5
 *   ppp: received config for type = 5 (MAGICNUMBER) value = 1E23F5C acked
 *   PPP BRI0: B-Channel 1: state = ACKSENT fsm_rconfack(C021): rcvd id E4
 *   ppp: config ACK received, type = 3 (CI_AUTHTYPE), value = C223
 *   BRI0: B-Channel 1: PPP AUTH CHAP input code = 4 id = 82 len = 21
 *   BRI0: B-Channel 1: Failed CHAP authentication with remote.
 *   Remote message is: MD compare failed
 *   PPP Serial0: TIMEout: Time= 0x1A2B3C State= REQsent
 * Values are hexadecimal as IOS printed them, an address dotted.  A line
 * is read into a struct dl_legacy; events.c puts the option lines of one
 * packet together (see enum dl_lg_kind).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "line.h"
#include "proto/vocab.h"

static const char *after(const char *s, const char *w)
{
	size_t n = strlen(w);

	s = dl_skip_ws(s);
	return strncasecmp(s, w, n) ? NULL : dl_skip_ws(s + n);
}

static bool month(const char *p, size_t n)
{
	static const char m[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	size_t i;

	for (i = 0; n == 3 && i < 36; i += 3)
		if (!strncasecmp(p, m + i, 3))
			return true;
	return false;
}

/*
 * One word of a stamp: "*Mar", "1", "00:06:37.054:", "1d02h:", "2024",
 * "000042:", "UTC:".  Stricter than line.c's: "BRI0:" is not one.
 */
static bool stamp_word(const char *p, size_t n, bool *timed)
{
	size_t i, upper = 0, other = 0;
	bool colon;

	while (n && strchr("*.\\", *p)) {
		p++;
		n--;
	}
	colon = n && p[n - 1] == ':';
	while (n && p[n - 1] == ':')
		n--;
	if (!n)
		return false;
	if (month(p, n))
		return true;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];

		if (isupper(c))
			upper++;
		else if (!isdigit(c) && c != ':' && c != '.' && !strchr("dhmwy", c))
			other++;
	}
	if (other)
		return false;
	if (upper)	/* a time zone after the time: "UTC:" */
		return *timed && colon && upper == n && n <= 4;
	if (memchr(p, ':', n))
		*timed = true;
	return true;
}

/* Past the stamp, the time of day into stamp. */
static const char *skip_stamp(const char *s, char *stamp, size_t sn)
{
	const char *w = dl_skip_ws(s), *e;
	bool timed = false;
	size_t n;

	stamp[0] = 0;
	for (;;) {
		e = w + strcspn(w, " \t");
		n = (size_t)(e - w);
		if (!n || !stamp_word(w, n, &timed))
			return w;
		while (n && strchr("*.\\", *w)) {
			w++;
			n--;
		}
		while (n && w[n - 1] == ':')
			n--;
		if (memchr(w, ':', n) || !stamp[0])
			dl_copy_str(stamp, sn, w, n);
		w = dl_skip_ws(e);
	}
}

static bool ifname_word(const char *p, size_t n)
{
	bool digit = false;
	size_t i;

	if (n < 2 || n >= DL_IFNAMSIZ - 4 || !isalpha((unsigned char)p[0]))
		return false;
	for (i = 0; i < n; i++) {
		if (isdigit((unsigned char)p[i]))
			digit = true;
		else if (!isalpha((unsigned char)p[i]) && !strchr("/.-", p[i]))
			return false;
	}
	return digit;
}

/*
 * "BRI0: B-Channel 1: " or "Serial0: " at s: the interface (shortened,
 * BR0:1, Se0) into name; after it, or NULL.
 */
static const char *iface(const char *s, char *name)
{
	size_t n = strcspn(s, " \t");
	const char *p;
	unsigned long ch;
	char *end;

	if (n < 3 || s[n - 1] != ':' || !ifname_word(s, n - 1))
		return NULL;
	dl_copy_str(name, DL_IFNAMSIZ, s, n - 1);
	p = dl_skip_ws(s + n);
	if ((s = after(p, "B-Channel")) && isdigit((unsigned char)*s)) {
		ch = strtoul(s, &end, 10);
		if (*end == ':' && ch < 100) {
			snprintf(name + strlen(name), DL_IFNAMSIZ - strlen(name),
				 ":%lu", ch);
			p = dl_skip_ws(end + 1);
		}
	}
	dl_shorten_ifname(name);
	return p;
}

static bool hexnum(const char *s, unsigned long max, unsigned long *v)
{
	char *end;

	s = dl_skip_ws(s);
	if (!isxdigit((unsigned char)*s))
		return false;
	*v = strtoul(s, &end, 16);
	return *v <= max;
}

static void put(uint8_t *p, unsigned long v, int bytes)
{
	int i;

	for (i = 0; i < bytes; i++)
		p[i] = (uint8_t)(v >> (8 * (bytes - 1 - i)));
}

/* IPCP's options by their 11.x names; anything else is LCP's. */
static uint16_t opt_proto(const char *name)
{
	static const char *const ipcp[] = {
		"ADDRESS", "ADDRESSES", "COMPRESSTYPE", "CI_ADDRESS",
		"CI_ADDRESSES", "CI_COMPRESSTYPE",
	};
	size_t i;

	for (i = 0; i < sizeof(ipcp) / sizeof(ipcp[0]); i++)
		if (!strcasecmp(name, ipcp[i]))
			return PPP_IPCP;
	return PPP_LCP;
}

/*
 * "type = 3 (CI_AUTHTYPE), value = C223/5" (or "... value = C223 value =
 * 5") into the raw option at out; its length, or -1.
 */
static int option(const char *s, uint16_t *proto, uint8_t *out)
{
	unsigned long type, v, w = 0;
	const char *p, *q;
	char name[24];
	uint32_t a;
	bool two = false;
	int n = 0;

	if (!(p = after(s, "type")))
		return -1;
	if (*p == '.')		/* OCR'd copies of the books: "type. =" */
		p++;
	if (!(p = after(p, "=")) || !isdigit((unsigned char)*p))
		return -1;
	type = strtoul(p, NULL, 10);
	if (type > 255)
		return -1;
	name[0] = 0;
	if ((q = strchr(p, '(')))
		dl_copy_str(name, sizeof(name), q + 1, strcspn(q + 1, ")"));
	*proto = opt_proto(name);
	out[0] = (uint8_t)type;
	p = strstr(p, "value =");
	if (p) {
		p = dl_skip_ws(p + 7);
		q = strstr(p, "value =");
		if (strchr(p, '/') && strchr(p, '/') < p + strcspn(p, " "))
			two = hexnum(strchr(p, '/') + 1, 0xffffffffUL, &w);
		else if (q)
			two = hexnum(q + 7, 0xffffffffUL, &w);
	}
	if (*proto == PPP_IPCP && (type == 3 || type == 1)) {
		if (!p || !dl_parse_ipv4(p, &a))
			return -1;
		put(out + 2, a, 4);
		n = 4;
		if (type == 1 && (q = strstr(p, "value =")) && dl_parse_ipv4(dl_skip_ws(q + 7), &a))
			put(out + 6, a, 4), n = 8;
	} else if (*proto == PPP_IPCP && type == 2) {
		if (!p || !hexnum(p, 0xffff, &v))
			return -1;
		put(out + 2, v, 2);
		n = 2;
	} else {
		switch (type) {
		case 1:		/* MRU: decimal digits, or hex as IOS printed */
			if (!p)
				return -1;
			if (strspn(p, "0123456789") == strcspn(p, " \t,"))
				v = strtoul(p, NULL, 10);
			else if (!hexnum(p, 0xffff, &v))
				return -1;
			if (v > 0xffff)
				return -1;
			put(out + 2, v, 2);
			n = 2;
			break;
		case 2:
		case 5:
			if (!p || !hexnum(p, 0xffffffffUL, &v))
				return -1;
			put(out + 2, v, 4);
			n = 4;
			break;
		case 3:
		case 4:
			if (!p || !hexnum(p, 0xffff, &v))
				return -1;
			put(out + 2, v, 2);
			n = 2;
			if (type == 3 && v == PPP_CHAP) {
				out[4] = two && w <= 255 ? (uint8_t)w : 5;
				n = 3;
			} else if (type == 4 && two) {
				put(out + 4, w, 4);
				n = 6;
			}
			break;
		case 13:
			if (!p || !hexnum(p, 0xff, &v))
				return -1;
			out[2] = (uint8_t)v;
			n = 1;
			break;
		}
	}
	out[1] = (uint8_t)(n + 2);
	return n + 2;
}

/* "... acked" / "nacked" / "rejected" at the end of "received config". */
static int verdict(const char *s)
{
	const char *p = s + strlen(s);

	while (p > s && (p[-1] == ' ' || p[-1] == '.'))
		p--;
	while (p > s && p[-1] != ' ')
		p--;
	if (!strncasecmp(p, "nacked", 6) || !strncasecmp(p, "naked", 5))
		return CP_CONFNAK;
	if (!strncasecmp(p, "rej", 3))
		return CP_CONFREJ;
	if (!strncasecmp(p, "acked", 5))
		return CP_CONFACK;
	return -1;
}

static const struct { const char *name; int code; } fsm_codes[] = {
	{ "confreq", CP_CONFREQ }, { "confack", CP_CONFACK },
	{ "confnak", CP_CONFNAK }, { "confrej", CP_CONFREJ },
	{ "termreq", CP_TERMREQ }, { "termack", CP_TERMACK },
	{ "coderej", CP_CODEREJ }, { "protrej", CP_PROTREJ },
};

/* "state = ACKSENT fsm_rconfack(C021): rcvd id E4" */
static bool fsm_line(const char *s, struct dl_legacy *lg)
{
	const char *p = after(s, "state"), *f;
	char st[16];
	unsigned long proto, id;
	size_t i, n;

	if (!p || !(p = after(p, "=")))
		return false;
	n = strcspn(p, " \t");
	dl_copy_str(st, sizeof(st), p, n);
	f = after(p + n, "fsm_");
	if (!f || (*f != 'r' && *f != 's'))
		return false;
	for (i = 0; i < sizeof(fsm_codes) / sizeof(fsm_codes[0]); i++)
		if (!strncasecmp(f + 1, fsm_codes[i].name, 7) && f[8] == '(')
			break;
	if (i == sizeof(fsm_codes) / sizeof(fsm_codes[0]) ||
	    !hexnum(f + 9, 0xffff, &proto) || !vocab_is_cp((uint16_t)proto))
		return false;
	lg->kind = LG_EVENT;
	lg->e.type = DL_PACKET;
	lg->e.dir = *f == 'r' ? 'I' : 'O';
	lg->e.proto = (uint16_t)proto;
	lg->e.code = (int16_t)fsm_codes[i].code;
	lg->e.state = (int8_t)vocab_state_num(st);
	if ((p = strstr(f, " id ")) && hexnum(p + 4, 255, &id))
		lg->e.id = (int)id;
	return true;
}

/*
 * `debug ppp chap` of that IOS, with the names:
 *   Send CHAP challenge id=1 to remote
 *   CHAP challenge from R2
 *   CHAP response id=1 received from R2
 *   Send CHAP success id=1 to remote      (failure, response likewise)
 */
static bool chap_named(const char *s, struct dl_legacy *lg)
{
	static const struct { const char *w; int code; } sends[] = {
		{ "challenge", CHAP_CHALLENGE }, { "response", CHAP_RESPONSE },
		{ "success", CHAP_SUCCESS }, { "failure", CHAP_FAILURE },
	};
	const char *p, *q;
	unsigned int id;
	size_t i;

	if ((p = after(s, "Send CHAP"))) {
		for (i = 0; i < sizeof(sends) / sizeof(sends[0]); i++)
			if (after(p, sends[i].w))
				break;
		if (i == sizeof(sends) / sizeof(sends[0]))
			return false;
		lg->e.dir = 'O';
		lg->e.code = (int16_t)sends[i].code;
	} else if ((p = after(s, "CHAP challenge from"))) {
		lg->e.dir = 'I';
		lg->e.code = CHAP_CHALLENGE;
		dl_copy_str(lg->e.name, sizeof(lg->e.name), p, strcspn(p, " \t"));
	} else if ((p = after(s, "CHAP response")) && (q = strstr(p, "received from"))) {
		lg->e.dir = 'I';
		lg->e.code = CHAP_RESPONSE;
		q = dl_skip_ws(q + 13);
		dl_copy_str(lg->e.name, sizeof(lg->e.name), q, strcspn(q, " \t"));
	} else {
		return false;
	}
	lg->kind = LG_EVENT;
	lg->e.type = DL_PACKET;
	lg->e.proto = PPP_CHAP;
	if ((q = strstr(p, "id=")) && sscanf(q, "id=%u", &id) == 1 && id < 256)
		lg->e.id = (int)id;
	return true;
}

/* "PPP AUTH CHAP input code = 4 id = 82 len = 21", "CHAP input code = 4 ..." */
static bool auth_code_line(const char *s, struct dl_legacy *lg)
{
	const char *p = after(s, "PPP AUTH");
	unsigned int code, id, len;

	if (!p && (after(s, "CHAP input") || after(s, "PAP input") ||
		   after(s, "CHAP output") || after(s, "PAP output")))
		p = s;
	if (!p)
		return false;
	if (after(p, "CHAP"))
		lg->e.proto = PPP_CHAP;
	else if (after(p, "PAP"))
		lg->e.proto = PPP_PAP;
	else
		return false;
	p = dl_skip_ws(p + (lg->e.proto == PPP_CHAP ? 4 : 3));
	if (after(p, "input"))
		lg->e.dir = 'I';
	else if (after(p, "output"))
		lg->e.dir = 'O';
	else
		return false;
	p = strstr(p, "code =");
	if (!p || sscanf(p, "code = %u", &code) != 1 || !code || code > 4)
		return false;
	lg->kind = LG_EVENT;
	lg->e.type = DL_PACKET;
	lg->e.code = (int16_t)code;
	if ((p = strstr(p, "id =")) && sscanf(p, "id = %u", &id) == 1 && id < 256)
		lg->e.id = (int)id;
	if ((p = strstr(s, "len =")) && sscanf(p, "len = %u", &len) == 1 &&
	    len < 65536)
		lg->e.len = (int)len;
	return true;
}

/*
 * "Failed CHAP authentication with remote." (the peer refused us),
 * "remote passed CHAP authentication." (we accepted it) and their kin:
 * the result packet they stand for.
 */
static bool auth_status(const char *s, struct dl_legacy *lg)
{
	static const struct { const char *w; char dir; bool ok; } st[] = {
		{ "Passed", 'I', true }, { "Failed", 'I', false },
		{ "remote passed", 'O', true }, { "remote failed", 'O', false },
	};
	const char *p;
	size_t i;

	for (i = 0; i < sizeof(st) / sizeof(st[0]); i++) {
		if (!(p = after(s, st[i].w)))
			continue;
		if (after(p, "CHAP"))
			lg->e.proto = PPP_CHAP;
		else if (after(p, "PAP"))
			lg->e.proto = PPP_PAP;
		else
			return false;
		if (!strstr(p, "authentication"))
			return false;
		lg->kind = LG_AUTH_STATUS;
		lg->e.type = DL_PACKET;
		lg->e.dir = st[i].dir;
		lg->e.code = (int16_t)(lg->e.proto == PPP_CHAP ?
			(st[i].ok ? CHAP_SUCCESS : CHAP_FAILURE) :
			(st[i].ok ? PAP_AUTHACK : PAP_AUTHNAK));
		return true;
	}
	return false;
}

/* The body after "ppp: " or the interface. */
static bool body(const char *s, struct dl_legacy *lg)
{
	const char *p;
	uint32_t a;
	int n;

	if ((p = after(s, "sending CONFREQ,"))) {
		n = option(p, &lg->e.proto, lg->opt);
		if (n < 0)
			return false;
		lg->optlen = (size_t)n;
		lg->kind = LG_OPT;
		lg->e.dir = 'O';
		lg->e.code = CP_CONFREQ;
		return true;
	}
	if ((p = after(s, "received config for")) ||
	    (p = after(s, "received conf.ig for"))) {
		n = option(p, &lg->e.proto, lg->opt);
		lg->verdict = verdict(p);
		if (n < 0 || lg->verdict < 0)
			return false;
		lg->optlen = (size_t)n;
		lg->kind = LG_OPT;
		lg->e.dir = 'I';
		lg->e.code = CP_CONFREQ;
		return true;
	}
	if ((p = after(s, "config"))) {
		lg->e.code = after(p, "ACK") ? CP_CONFACK : after(p, "NAK") ?
			     CP_CONFNAK : after(p, "REJ") || after(p, "REJECT") ?
			     CP_CONFREJ : -1;
		p = strstr(p, "received,");
		if (lg->e.code < 0 || !p)
			return false;
		n = option(p + 9, &lg->e.proto, lg->opt);
		if (n < 0)
			return false;
		lg->optlen = (size_t)n;
		lg->kind = LG_OPT;
		lg->e.dir = 'I';
		return true;
	}
	if (fsm_line(s, lg) || auth_code_line(s, lg) || auth_status(s, lg) ||
	    chap_named(s, lg))
		return true;
	if ((p = after(s, "TIMEout:"))) {
		lg->kind = LG_EVENT;
		lg->e.type = DL_TIMEOUT;
		lg->e.proto = PPP_LCP;
		if ((p = strstr(s, "State=")) || (p = strstr(s, "State "))) {
			char st[16];

			p = dl_skip_ws(p + 6);
			dl_copy_str(st, sizeof(st), p, strcspn(p, " \t,"));
			lg->e.state = (int8_t)vocab_state_num(st);
		}
		return true;
	}
	if ((p = after(s, "install route to")) && dl_parse_ipv4(p, &a)) {
		lg->kind = LG_EVENT;
		lg->e.type = DL_ROUTE;
		lg->e.proto = PPP_IPCP;
		lg->e.value = a;
		lg->e.has_value = true;
		return true;
	}
	if ((p = after(s, "ipcp_reqci: returning"))) {
		lg->e.code = after(p, "CONFACK") ? CP_CONFACK : after(p, "CONFNAK") ?
			     CP_CONFNAK : after(p, "CONFREJ") ? CP_CONFREJ : -1;
		if (lg->e.code < 0)
			return false;
		lg->kind = LG_EVENT;
		lg->e.type = DL_PACKET;
		lg->e.dir = 'O';
		lg->e.proto = PPP_IPCP;
		return true;
	}
	if ((p = after(s, "Unable to authenticate"))) {
		lg->kind = LG_EVENT;
		lg->e.type = DL_NOTE;
		lg->e.proto = PPP_CHAP;
		/* We have no name to check: the peer did not authenticate. */
		if (strstr(p, "No name received from peer"))
			lg->e.note = DN_PEER_NO_AUTH;
		dl_copy_str(lg->e.text, sizeof(lg->e.text), s, strlen(s));
		return true;
	}
	if (after(s, "ipcp_") || after(s, "lcp_") || after(s, "B-Channel") ||
	    after(s, "state =") || after(s, "CHAP") || after(s, "PAP")) {
		lg->kind = LG_EVENT;	/* known chatter of that IOS */
		lg->e.type = DL_NOTE;
		dl_copy_str(lg->e.text, sizeof(lg->e.text), s, strlen(s));
		return true;
	}
	return false;
}

int dl_parse_legacy(const char *s, struct dl_legacy *lg, unsigned int line)
{
	char stamp[24];
	const char *p;

	memset(lg, 0, sizeof(*lg));
	dl_ev_init(&lg->e, &(struct dl_head){ .proto = 0 }, line);
	s = skip_stamp(s, stamp, sizeof(stamp));
	snprintf(lg->e.stamp, sizeof(lg->e.stamp), "%s", stamp);
	if ((p = after(s, "Remote message is:"))) {
		lg->kind = LG_REMOTE_MSG;
		dl_copy_str(lg->e.text, sizeof(lg->e.text), p, strlen(p));
		return 0;
	}
	if ((p = after(s, "ppp:"))) {
		lg->ifname[0] = 0;
	} else if ((p = after(s, "PPP")) && (p = iface(p, lg->ifname))) {
		;
	} else if ((p = iface(s, lg->ifname))) {
		const char *q = after(p, "PPP");

		if (q && after(p, "PPP AUTH"))
			q = NULL;
		if (q)
			p = q;
	} else {
		return -1;
	}
	return body(p, lg) ? 0 : -1;
}
