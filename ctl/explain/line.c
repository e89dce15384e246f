// SPDX-License-Identifier: GPL-2.0
/*
 * One line of a `debug ppp negotiation` log into an event.
 *
 * A line is "[stamp] [IFNAME] PROTO: body" or "[stamp] %FAC-N-MNEMONIC: text".
 * The stamp is anything made of time-like words (Mar, 1, 00:06:37.054,
 * 2024, UTC, 1d02h, sequence numbers, a leading * or .), so datetime,
 * msec-less and uptime stamps all read.  The body is a packet ("O CONFREQ
 * [Listen] id 4 len 15", IOS's occasional "0" for "O" included), a phase,
 * a state, a route, a timeout, an option line or a note.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "line.h"
#include "proto/vocab.h"

struct tok {
	const char *p;
	size_t n;
};

#define MAXTOK 10

static int tokenize(const char *s, struct tok *t, int max)
{
	int n = 0;

	while (*s && n < max) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s)
			break;
		t[n].p = s;
		while (*s && *s != ' ' && *s != '\t')
			s++;
		t[n].n = (size_t)(s - t[n].p);
		n++;
	}
	return n;
}

static bool is_month(const char *p, size_t n)
{
	static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	size_t i;

	if (n != 3)
		return false;
	for (i = 0; i < 36; i += 3)
		if (!strncasecmp(p, months + i, 3))
			return true;
	return false;
}

/* One word of a time stamp, a sequence number or an uptime. */
static bool stamp_tok(struct tok t)
{
	size_t i, upper = 0;

	while (t.n && (*t.p == '\\' || *t.p == '*' || *t.p == '.')) {
		t.p++;
		t.n--;
	}
	while (t.n && t.p[t.n - 1] == ':')
		t.n--;
	if (!t.n)
		return true;
	for (i = 0; i < t.n; i++) {
		if (isdigit((unsigned char)t.p[i]))
			return true;
		if (isupper((unsigned char)t.p[i]))
			upper++;
	}
	return is_month(t.p, t.n) || (upper == t.n && t.n <= 5);
}

static bool is_ifname(struct tok t)
{
	bool digit = false;
	size_t i;

	if (t.n < 2 || t.n >= DL_IFNAMSIZ || !isalpha((unsigned char)t.p[0]) ||
	    t.p[t.n - 1] == ':')
		return false;
	for (i = 0; i < t.n; i++) {
		unsigned char c = (unsigned char)t.p[i];

		if (isdigit(c))
			digit = true;
		else if (!isalpha(c) && !strchr("/:.-_", c))
			return false;
	}
	return digit;
}

/* "LCP:" and its kin; *proto is 0 for "PPP:". */
static bool keyword(struct tok t, uint16_t *proto)
{
	char name[12];
	int p;

	if (t.n < 3 || t.n > sizeof(name) || t.p[t.n - 1] != ':')
		return false;
	memcpy(name, t.p, t.n - 1);
	name[t.n - 1] = 0;
	if (!strcmp(name, "PPP")) {
		*proto = 0;
		return true;
	}
	p = vocab_proto_num(name);
	if (p < 0 || !(vocab_is_cp(p) || p == PPP_PAP || p == PPP_CHAP ||
		       p == PPP_EAP || p == PPP_MP || p == PPP_LQR))
		return false;
	*proto = (uint16_t)p;
	return true;
}

static bool is_console_tag(struct tok t)
{
	return t.n >= 6 && t.p[0] == '%' && t.p[t.n - 1] == ':' &&
	       memchr(t.p, '-', t.n);
}

static void copy_tok(char *dst, size_t n, struct tok t)
{
	size_t k = t.n < n - 1 ? t.n : n - 1;

	memcpy(dst, t.p, k);
	dst[k] = 0;
}

/* The time of day from the stamp words: the last with a ':' inside, else the last. */
static void set_stamp(struct dl_head *h, const struct tok *t, int n)
{
	struct tok s = { "", 0 }, w;
	bool timed = false;
	int i;

	for (i = 0; i < n; i++) {
		w = t[i];
		while (w.n && w.p[w.n - 1] == ':')
			w.n--;
		if (memchr(w.p, ':', w.n)) {
			s = t[i];
			timed = true;
		} else if (!timed) {
			s = t[i];
		}
	}
	while (s.n && (*s.p == '\\' || *s.p == '*' || *s.p == '.')) {
		s.p++;
		s.n--;
	}
	while (s.n && s.p[s.n - 1] == ':')
		s.n--;
	copy_tok(h->stamp, sizeof(h->stamp), s);
}

static bool all_stamp(const struct tok *t, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (!stamp_tok(t[i]))
			return false;
	return true;
}

int dl_parse_head(const char *s, struct dl_head *h)
{
	struct tok t[MAXTOK];
	int k, se, ntok = tokenize(s, t, MAXTOK);

	memset(h, 0, sizeof(*h));
	for (k = 0; k < ntok && k < 8; k++) {
		if (is_console_tag(t[k])) {
			if (!all_stamp(t, k))
				return -1;
			h->console = true;
			copy_tok(h->tag, sizeof(h->tag), (struct tok){ t[k].p, t[k].n - 1 });
			set_stamp(h, t, k);
			h->rest = t[k].p + t[k].n;
			return 0;
		}
		if (keyword(t[k], &h->proto)) {
			se = k >= 1 && is_ifname(t[k - 1]) ? k - 1 : k;
			if (!all_stamp(t, se))
				return -1;
			if (se < k)
				copy_tok(h->ifname, sizeof(h->ifname), t[se]);
			dl_shorten_ifname(h->ifname);
			set_stamp(h, t, se);
			h->rest = t[k].p + t[k].n;
			return 0;
		}
		if (!stamp_tok(t[k]) && !is_ifname(t[k]))
			return -1;
	}
	return -1;
}

static const struct { const char *lng, *shrt; } ifabbr[] = {
	{ "Virtual-Access", "Vi" }, { "Virtual-Template", "Vt" },
	{ "Dialer", "Di" }, { "Multilink", "Mu" }, { "Serial", "Se" },
	{ "BRI", "BR" }, { "Async", "As" }, { "Group-Async", "Gr" },
	{ "FastEthernet", "Fa" }, { "GigabitEthernet", "Gi" },
	{ "Ethernet", "Et" }, { "Tunnel", "Tu" }, { "Cellular", "Ce" },
	{ "ATM", "AT" }, { "POS", "PO" },
};

void dl_shorten_ifname(char *name)
{
	size_t i, ll;

	for (i = 0; i < sizeof(ifabbr) / sizeof(ifabbr[0]); i++) {
		ll = strlen(ifabbr[i].lng);
		if (strncmp(name, ifabbr[i].lng, ll) ||
		    !isdigit((unsigned char)name[ll]))
			continue;
		memmove(name + strlen(ifabbr[i].shrt), name + ll,
			strlen(name + ll) + 1);
		memcpy(name, ifabbr[i].shrt, strlen(ifabbr[i].shrt));
		return;
	}
}

/* ---- line bodies ---- */

const char *dl_skip_ws(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/* Case-insensitive "word" at s followed by a blank or the end. */
static const char *word(const char *s, const char *w)
{
	size_t n = strlen(w);

	s = dl_skip_ws(s);
	if (strncasecmp(s, w, n) || (s[n] && s[n] != ' ' && s[n] != '\t' &&
				     s[n] != ','))
		return NULL;
	return dl_skip_ws(s + n);
}

void dl_copy_str(char *dst, size_t n, const char *src, size_t len)
{
	if (len > n - 1)
		len = n - 1;
	memcpy(dst, src, len);
	dst[len] = 0;
}

/* "..." up to the last quote on the line, or one word. */
static void take_name(char *dst, size_t n, const char *s)
{
	const char *e;

	s = dl_skip_ws(s);
	if (*s == '"') {
		e = strrchr(s + 1, '"');
		dl_copy_str(dst, n, s + 1, e ? (size_t)(e - s - 1) : strlen(s + 1));
		return;
	}
	dl_copy_str(dst, n, s, strcspn(s, " \t"));
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* The raw bytes of "(0x0305C22305)" at the end of s; blanks allowed. */
int dl_hex_tail(const char *s, uint8_t *out, size_t max)
{
	const char *p = NULL, *q;
	size_t n = 0;
	int hi = -1, v;

	for (q = strchr(s, '('); q; q = strchr(q + 1, '('))
		if (q[1] == '0' && (q[2] == 'x' || q[2] == 'X'))
			p = q;
	if (!p)
		return -1;
	for (p += 3; *p && *p != ')'; p++) {
		if (*p == ' ')
			continue;
		v = hexval((unsigned char)*p);
		if (v < 0 || n >= max)
			return -1;
		if (hi < 0) {
			hi = v;
		} else {
			out[n++] = (uint8_t)(hi << 4 | v);
			hi = -1;
		}
	}
	if (*p != ')' || hi >= 0 || !n || *dl_skip_ws(p + 1))
		return -1;
	return (int)n;
}

static bool parse_uint(const char *s, const char *key, int *v)
{
	const char *p = strstr(s, key);
	char *end;
	unsigned long x;

	if (!p || !isdigit((unsigned char)p[strlen(key)]))
		return false;
	x = strtoul(p + strlen(key), &end, 10);
	if (x > 65535)
		return false;
	*v = (int)x;
	return true;
}

bool dl_parse_ipv4(const char *s, uint32_t *a)
{
	unsigned int b[4];

	if (sscanf(s, "%3u.%3u.%3u.%3u", &b[0], &b[1], &b[2], &b[3]) != 4 ||
	    b[0] > 255 || b[1] > 255 || b[2] > 255 || b[3] > 255)
		return false;
	*a = b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3];
	return true;
}

/* The tail after "len N": names, messages, magic numbers, protocols. */
static void packet_tail(struct dl_ev *e, const char *s)
{
	const char *p;
	char name[16];
	unsigned int hex;
	int v;

	if ((p = strstr(s, " from ")))
		take_name(e->name, sizeof(e->name), p + 6);
	if ((p = strstr(s, " msg is ")))
		take_name(e->text, sizeof(e->text), p + 8);
	if ((p = strstr(s, " magic 0x")) && sscanf(p + 9, "%8x", &e->value) == 1)
		e->has_value = true;
	if ((p = strstr(s, " protocol "))) {
		take_name(name, sizeof(name), p + 10);
		v = vocab_proto_num(name);
		if (v >= 0 || sscanf(name, "0x%4x", &hex) == 1) {
			e->value = v >= 0 ? (uint32_t)v : hex;
			e->has_value = true;
		}
	}
	if (parse_uint(s, " code ", &v)) {
		e->value = (uint32_t)v;
		e->has_value = true;
	}
}

static int code_of(uint16_t proto, struct tok t)
{
	char name[16];
	unsigned int c;

	if (t.n >= sizeof(name))
		return -1;
	copy_tok(name, sizeof(name), t);
	if (sscanf(name, "CODE%u", &c) == 1 && c < 256)
		return (int)c;
	return vocab_code_num(proto, name);
}

/* "O CONFREQ [Listen] id 4 len 15 ..."; IOS's "0" for "O" is read too. */
static bool packet_line(const char *s, struct dl_ev *e)
{
	struct tok t[3];
	const char *b, *k;
	char st[16];
	int code;

	if (tokenize(s, t, 3) < 2 || t[0].n != 1 || !strchr("IO0", t[0].p[0]))
		return false;
	code = code_of(e->proto, t[1]);
	if (code < 0)
		return false;
	e->type = DL_PACKET;
	e->dir = t[0].p[0] == 'I' ? 'I' : 'O';
	e->code = (int16_t)code;
	s = t[1].p + t[1].n;
	b = dl_skip_ws(s);
	if (*b == '[' && (k = strchr(b, ']')) && k - b < (int)sizeof(st)) {
		dl_copy_str(st, sizeof(st), b + 1, (size_t)(k - b - 1));
		e->state = (int8_t)vocab_state_num(st);
	}
	parse_uint(s, " id ", &e->id);
	parse_uint(s, " len ", &e->len);
	packet_tail(e, s);
	return true;
}

static bool phase_line(const char *s, struct dl_ev *e)
{
	char name[20];
	const char *p = word(s, "Phase");
	int ph, by;

	if (!p || !(p = word(p, "is")))
		return false;
	dl_copy_str(name, sizeof(name), p, strcspn(p, " ,\t"));
	ph = vocab_phase_num(name);
	if (ph < 0)
		return false;
	e->type = DL_PHASE;
	e->phase = (int8_t)ph;
	p = dl_skip_ws(p + strlen(name));
	if (*p == ',')
		p = dl_skip_ws(p + 1);
	dl_copy_str(e->text, sizeof(e->text), p, strlen(p));
	for (by = VB_THIS_END; by <= VB_BOTH; by++)
		if (strstr(p, vocab_by_name(by)))
			e->by = (int8_t)by;
	return true;
}

static bool state_line(const char *s, struct dl_ev *e, const char *w1,
		       const char *w2, int type)
{
	char name[16];
	const char *p = word(s, w1);

	if (!p || !(p = word(p, w2)))
		return false;
	dl_copy_str(name, sizeof(name), p, strcspn(p, " \t"));
	e->type = (uint8_t)type;
	e->state = (int8_t)vocab_state_num(name);
	return true;
}

/* Later IOS: "Event[Receive ConfAck] State[ACKsent to Open]". */
static bool state_change(const char *s, struct dl_ev *e)
{
	const char *p = strstr(s, "State[");
	const char *to = p ? strstr(p, " to ") : NULL;
	char name[16];

	if (!to)
		return false;
	to += 4;
	dl_copy_str(name, sizeof(name), to, strcspn(to, "] \t"));
	e->type = DL_STATE;
	e->state = (int8_t)vocab_state_num(name);
	dl_copy_str(e->text, sizeof(e->text), s, strlen(s));
	return e->state >= 0;
}

static bool route_line(const char *s, struct dl_ev *e)
{
	const char *p = word(s, "Install");

	if (!p || !(p = word(p, "route")) || !(p = word(p, "to")) ||
	    !dl_parse_ipv4(p, &e->value))
		return false;
	e->type = DL_ROUTE;
	e->has_value = true;
	return true;
}

void dl_parse_event(const struct dl_head *h, const char *s, struct dl_ev *e)
{
	bool cp = vocab_is_cp(h->proto);
	bool auth = h->proto == PPP_PAP || h->proto == PPP_CHAP;

	if ((cp || auth) && packet_line(s, e))
		return;
	if (h->proto && state_line(s, e, "State", "is", DL_STATE))
		return;
	if (cp && state_line(s, e, "TIMEout:", "State", DL_TIMEOUT))
		return;
	if (cp && state_change(s, e))
		return;
	if (!h->proto && phase_line(s, e))
		return;
	if (h->proto == PPP_IPCP && route_line(s, e))
		return;
	e->type = DL_NOTE;
	dl_copy_str(e->text, sizeof(e->text), s, strlen(s));
}

void dl_ev_init(struct dl_ev *e, const struct dl_head *h, unsigned int line)
{
	memset(e, 0, sizeof(*e));
	e->line = line;
	e->proto = h->proto;
	e->code = -1;
	e->id = e->len = -1;
	e->state = e->phase = e->by = -1;
	snprintf(e->stamp, sizeof(e->stamp), "%s", h->stamp);
}
