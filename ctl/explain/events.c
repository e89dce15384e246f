// SPDX-License-Identifier: GPL-2.0
/*
 * Reading `debug ppp negotiation` logs into events, one list per link
 * (line.c reads each line).
 *
 * A line that does not start the way a debug or console line does
 * continues the line before it when that one is a console message or has
 * an unclosed "(0x", or when it starts with "(", "[" or "0x": that is how
 * copy-paste wraps them.  Everything else that is not understood is
 * counted and skipped.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "proto/dbgopt.h"
#include "line.h"
#include "proto/vocab.h"

struct dlog {
	struct dl_link *links[DL_MAX_LINKS];
	int nlinks;
	struct dlog_stats st;
	size_t nevents;
	bool ended;
	/* The physical line being read. */
	char cur[DL_LINE_MAX + 1];
	size_t curlen;
	bool cut;
	/* The logical line being assembled from wrapped pieces. */
	char pend[DL_LINE_MAX + 1];
	size_t pendlen;
	unsigned int pend_line;
	bool have_pend;
	bool pend_console;
	char pppd_if[DL_IFNAMSIZ];	/* pppd's "Using interface" */
	struct dl_link *pppd_last;	/* of the last line with a pppd[pid] */
};

/* ---- interface names and links ---- */

static bool is_logical(const char *n)
{
	static const char *const pfx[] = { "Di", "Vi", "Mu" };
	size_t i;

	for (i = 0; i < sizeof(pfx) / sizeof(pfx[0]); i++)
		if (!strncmp(n, pfx[i], 2) && isdigit((unsigned char)n[2]))
			return true;
	return false;
}

static struct dl_link *link_find(struct dlog *g, const char *name)
{
	int i;

	for (i = 0; i < g->nlinks; i++)
		if (!strcmp(g->links[i]->ifname, name))
			return g->links[i];
	return NULL;
}

/*
 * The most recently active link: named parent:N when parent is given, one
 * with LCP, PAP or CHAP lines when owned is, one that is not down when
 * live is.
 */
static struct dl_link *link_recent(struct dlog *g, const char *parent,
				   bool owned, bool live)
{
	struct dl_link *best = NULL;
	size_t pl = parent ? strlen(parent) : 0;
	int i;

	for (i = 0; i < g->nlinks; i++) {
		struct dl_link *l = g->links[i];

		if (parent && (strncmp(l->ifname, parent, pl) || l->ifname[pl] != ':'))
			continue;
		if ((owned && !l->owned) || (live && l->down))
			continue;
		if (!best || l->last_line >= best->last_line)
			best = l;
	}
	return best;
}

static struct dl_link *link_new(struct dlog *g, const char *name)
{
	struct dl_link *l;

	if (g->nlinks >= DL_MAX_LINKS)
		return NULL;
	l = calloc(1, sizeof(*l));
	if (!l)
		return NULL;
	snprintf(l->ifname, sizeof(l->ifname), "%s", *name ? name : "?");
	g->links[g->nlinks++] = l;
	return l;
}

/* A link that name is folded into and that is not down, or NULL. */
static struct dl_link *alias_link(struct dlog *g, const char *name)
{
	int i, j;

	for (i = 0; i < g->nlinks; i++)
		for (j = 0; j < g->links[i]->naliases; j++)
			if (!strcmp(g->links[i]->aliases[j], name) &&
			    !g->links[i]->down)
				return g->links[i];
	return NULL;
}

static uint8_t alias_of(struct dl_link *l, const char *name)
{
	int i;

	for (i = 0; i < l->naliases; i++)
		if (!strcmp(l->aliases[i], name))
			return (uint8_t)(i + 1);
	if (l->naliases >= DL_MAX_ALIASES)
		return 0xff;
	snprintf(l->aliases[l->naliases++], DL_IFNAMSIZ, "%s", name);
	return (uint8_t)l->naliases;
}

/* The link a name that is not a link folds into (see log.h), or NULL. */
static struct dl_link *fold(struct dlog *g, const char *name)
{
	struct dl_link *l = alias_link(g, name);
	bool live;

	for (live = true; !l; live = false) {
		l = link_recent(g, name, false, live);
		if (!l && is_logical(name))
			l = link_recent(g, NULL, true, live);
		if (!live)
			break;
	}
	return l;
}

/*
 * The link a line belongs to (see log.h).  owns: the line is LCP, PAP or
 * CHAP, which makes its interface a link.
 */
static struct dl_link *resolve(struct dlog *g, const char *name, bool owns,
			       bool create, uint8_t *alias)
{
	struct dl_link *l = link_find(g, name);

	*alias = 0;
	if (!l && !*name) {
		l = link_recent(g, NULL, false, false);
	} else if (!l && !owns) {
		l = fold(g, name);
		if (l)
			*alias = alias_of(l, name);
	}
	if (!l && create)
		l = link_new(g, name);
	if (l && owns && create)
		l->owned = true;
	return l;
}

static int add_event(struct dlog *g, struct dl_link *l, const struct dl_ev *e)
{
	struct dl_ev *n;

	l->last_line = e->line;
	if (g->nevents >= DL_MAX_EVENTS) {
		g->st.dropped++;
		return 0;
	}
	if (l->nev == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;

		n = realloc(l->ev, cap * sizeof(*n));
		if (!n) {
			g->st.dropped++;
			return -ENOMEM;
		}
		l->ev = n;
		l->cap = cap;
	}
	l->ev[l->nev++] = *e;
	g->nevents++;
	return 0;
}

/*
 * An option line, attached to the packet line before it on the same link.
 * 1: taken, 0: not an option line, -1: an option line that cannot be used.
 */
static int option_line(struct dlog *g, const struct dl_head *h, const char *s)
{
	uint8_t raw[DL_OPTS_MAX];
	char name[32];
	struct dl_link *l;
	struct dl_ev *e;
	uint8_t alias;
	int n = dl_hex_tail(s, raw, sizeof(raw));

	dl_copy_str(name, sizeof(name), s, strcspn(s, " \t"));
	if (n < 0 && !vocab_opt_by_name(h->proto, name))
		return 0;
	if (n < 0 && strcasestr(s, "(0x"))
		return -1;	/* the raw bytes are there but damaged */
	if (n < 0)
		n = dbgopt_parse(h->proto, s, raw, sizeof(raw));
	l = resolve(g, h->ifname, h->proto == PPP_LCP, false, &alias);
	if (n < 0 || !l || !l->nev)
		return -1;
	e = &l->ev[l->nev - 1];
	if (e->type != DL_PACKET || e->proto != h->proto || e->alias != alias ||
	    e->code < CP_CONFREQ || e->code > CP_CONFREJ)
		return -1;
	if (e->optlen + (size_t)n > DL_OPTS_MAX) {
		e->opt_trunc = true;
		return 1;
	}
	memcpy(e->opts + e->optlen, raw, (size_t)n);
	e->optlen += (uint16_t)n;
	return 1;
}

/* pppk names its interfaces pppk0, pppk1...; anything else is IOS. */
static int ios_source(const char *ifname)
{
	return !strncmp(ifname, "pppk", 4) && isdigit((unsigned char)ifname[4]) ?
	       DL_SRC_PPPK : DL_SRC_IOS;
}

static bool debug_line(struct dlog *g, const struct dl_head *h, unsigned int line)
{
	const char *s = dl_skip_ws(h->rest);
	struct dl_link *l;
	struct dl_ev e;
	bool owns;
	int r;

	if (!*s)
		return false;
	if (vocab_is_cp(h->proto) && !(s[0] && (s[1] == ' ' || !s[1]))) {
		r = option_line(g, h, s);
		if (r)
			return r > 0;
	}
	dl_ev_init(&e, h, line);
	dl_parse_event(h, s, &e);
	owns = h->proto == PPP_LCP || h->proto == PPP_PAP ||
	       h->proto == PPP_CHAP;
	l = resolve(g, h->ifname, owns, true, &e.alias);
	if (!l)
		return false;
	if (!l->source)
		l->source = ios_source(l->ifname);
	if (e.type == DL_PHASE && !e.alias)
		l->down = e.phase == VP_DOWN;
	return add_event(g, l, &e) == 0;
}

/*
 * The link of pppd's process pid: each process is a link of its own (a
 * syslog file interleaves the lines of several pppd), named "pppd" until
 * its "Using interface" comes.  NULL when there is no room.
 */
static struct dl_link *pid_link(struct dlog *g, unsigned int pid)
{
	struct dl_link *l;
	int i;

	for (i = g->nlinks - 1; i >= 0; i--)
		if (g->links[i]->pid == pid && g->links[i]->source == DL_SRC_PPPD)
			return g->links[i];
	l = link_new(g, "pppd");
	if (l) {
		l->pid = pid;
		l->owned = true;
		l->source = DL_SRC_PPPD;
	}
	return l;
}

/*
 * A line of pppd's log.  pppd names no interface on its lines.  A line
 * with a syslog prefix goes to the link of its pid; one without goes to
 * the link of the last prefixed line, or, in a log without prefixes, to
 * the link "Using interface" named last, "pppd" before any such line
 * (renamed when the name comes).
 */
static bool pppd_line(struct dlog *g, const char *s, unsigned int line)
{
	unsigned int pid;
	struct dl_link *l;
	struct dl_ev e;
	uint8_t alias;

	if (dl_parse_pppd(s, &e, line))
		return false;
	pid = dl_pppd_pid(s);
	l = pid ? pid_link(g, pid) : g->pppd_last;
	if (pid && !l)
		return true;
	if (l) {
		if (e.note == DN_IFNAME && e.name[0] &&
		    strlen(e.name) < DL_IFNAMSIZ && !strcmp(l->ifname, "pppd"))
			dl_copy_str(l->ifname, sizeof(l->ifname), e.name,
				    strlen(e.name));
		g->pppd_last = l;
		add_event(g, l, &e);
		return true;
	}
	/*
	 * A bare "Sent 84 bytes" or "Script ... started" is pppd's, but
	 * alone it makes no link: an IOS log may hold such a line too.
	 */
	if (e.type == DL_NOTE && !e.note && !g->pppd_if[0] &&
	    !link_find(g, "pppd") && !dl_pppd_prefix(s, NULL, 0))
		return true;
	if (e.note == DN_IFNAME && e.name[0] && strlen(e.name) < DL_IFNAMSIZ) {
		l = link_find(g, "pppd");
		if (l && !g->pppd_if[0] && !link_find(g, e.name))
			dl_copy_str(l->ifname, sizeof(l->ifname), e.name, strlen(e.name));
		dl_copy_str(g->pppd_if, sizeof(g->pppd_if), e.name, strlen(e.name));
	}
	l = resolve(g, g->pppd_if[0] ? g->pppd_if : "pppd", true, true, &alias);
	if (!l)
		return true;
	if (!l->source)
		l->source = DL_SRC_PPPD;
	add_event(g, l, &e);
	return true;
}

/* ---- older IOS (legacy.c) ---- */

/* The type of the last option of e, -1 when it has none. */
static int last_opt_type(const struct dl_ev *e)
{
	size_t off = 0, last = 0;

	if (!e->optlen)
		return -1;
	while (off + 2 <= e->optlen && e->opts[off + 1] >= 2) {
		last = off;
		off += e->opts[off + 1];
	}
	return e->opts[last];
}

static void append_opt(struct dl_ev *e, const uint8_t *o, size_t n)
{
	if (e->optlen + n > DL_OPTS_MAX) {
		e->opt_trunc = true;
		return;
	}
	memcpy(e->opts + e->optlen, o, n);
	e->optlen += (uint16_t)n;
}

/*
 * Whether an option of type t goes into packet e (dir, proto, code) that
 * is still being printed: IOS printed a packet's options in the order of
 * their types, one a line, so a type not above the last starts a packet.
 */
static bool opt_joins(const struct dl_ev *e, char dir, uint16_t proto,
		      int code, uint8_t t)
{
	return e->type == DL_PACKET && e->dir == dir && e->proto == proto &&
	       e->code == code && (int)t > last_opt_type(e);
}

static int verdict_rank(int code)
{
	return code == CP_CONFREJ ? 3 : code == CP_CONFNAK ? 2 : 1;
}

/*
 * "received config for type = T ... acked": an option of the peer's
 * CONFREQ and our answer to it.  The CONFREQ and our answer are two events;
 * the answer is the worst verdict so far (a CONFREJ holds the rejected
 * options only, a CONFNAK the NAKed ones, as RFC 1661 sends them).
 */
static void legacy_peer_opt(struct dlog *g, struct dl_link *l,
			    const struct dl_legacy *lg)
{
	struct dl_ev *req = l->nev >= 2 ? &l->ev[l->nev - 2] : NULL;
	struct dl_ev *ans = l->nev >= 1 ? &l->ev[l->nev - 1] : NULL;
	struct dl_ev e;
	int id = -1;

	if (req && ans && opt_joins(req, 'I', lg->e.proto, CP_CONFREQ, lg->opt[0]) &&
	    ans->type == DL_PACKET && ans->dir == 'O' && ans->proto == lg->e.proto &&
	    ans->code >= CP_CONFACK && ans->code <= CP_CONFREJ && ans->line < lg->e.line) {
		append_opt(req, lg->opt, lg->optlen);
		if (verdict_rank(lg->verdict) > verdict_rank(ans->code)) {
			ans->code = (int16_t)lg->verdict;
			ans->optlen = 0;
		}
		if (ans->code == lg->verdict)
			append_opt(ans, lg->opt, lg->optlen);
		return;
	}
	/* "state = ... fsm_rconfreq(C021)" may have logged the CONFREQ. */
	if (ans && ans->type == DL_PACKET && ans->dir == 'I' &&
	    ans->proto == lg->e.proto && ans->code == CP_CONFREQ && !ans->optlen) {
		append_opt(ans, lg->opt, lg->optlen);
		id = ans->id;
	} else {
		e = lg->e;
		e.type = DL_PACKET;
		append_opt(&e, lg->opt, lg->optlen);
		if (add_event(g, l, &e))
			return;
	}
	e = lg->e;
	e.type = DL_PACKET;
	e.dir = 'O';
	e.code = (int16_t)lg->verdict;
	e.id = id;
	append_opt(&e, lg->opt, lg->optlen);
	add_event(g, l, &e);
}

static void legacy_event(struct dlog *g, struct dl_link *l,
			 const struct dl_legacy *lg)
{
	struct dl_ev *last = l->nev ? &l->ev[l->nev - 1] : NULL;
	struct dl_ev e = lg->e;
	size_t k;

	switch (lg->kind) {
	case LG_OPT:
		if (lg->e.dir == 'I' && lg->e.code == CP_CONFREQ) {
			legacy_peer_opt(g, l, lg);
			return;
		}
		/* "config ACK received" after its "fsm_rconfack" line. */
		if (last && (opt_joins(last, e.dir, e.proto, e.code, lg->opt[0]))) {
			append_opt(last, lg->opt, lg->optlen);
			return;
		}
		e.type = DL_PACKET;
		append_opt(&e, lg->opt, lg->optlen);
		break;
	case LG_AUTH_STATUS:
		/* The status line after the packet it reports says nothing new. */
		for (k = l->nev; k > 0 && k + 3 > l->nev; k--)
			if (l->ev[k - 1].type == DL_PACKET &&
			    l->ev[k - 1].proto == e.proto &&
			    l->ev[k - 1].dir == e.dir && l->ev[k - 1].code == e.code) {
				e.type = DL_NOTE;
				e.code = -1;
				e.dir = 0;
				break;
			}
		break;
	case LG_REMOTE_MSG:
		for (k = l->nev; k > 0 && k + 4 > l->nev; k--)
			if (l->ev[k - 1].type == DL_PACKET && l->ev[k - 1].dir == 'I' &&
			    ((l->ev[k - 1].proto == PPP_CHAP &&
			      l->ev[k - 1].code == CHAP_FAILURE) ||
			     (l->ev[k - 1].proto == PPP_PAP &&
			      l->ev[k - 1].code == PAP_AUTHNAK))) {
				snprintf(l->ev[k - 1].text, sizeof(l->ev[k - 1].text),
					 "%s", lg->e.text);
				break;
			}
		e.type = DL_NOTE;
		snprintf(e.text, sizeof(e.text), "Remote message is: %.70s", lg->e.text);
		break;
	}
	add_event(g, l, &e);
}

/*
 * A line of an older IOS's log.  "ppp:" lines name no interface: they go
 * to the most recent link, or to one called "ppp" that takes the name of
 * the first interface such a line names.
 */
static bool legacy_line(struct dlog *g, const char *s, unsigned int line)
{
	struct dl_legacy lg;
	struct dl_link *l;
	uint8_t alias;

	if (dl_parse_legacy(s, &lg, line))
		return false;
	if (!lg.ifname[0]) {
		l = link_recent(g, NULL, false, false);
		if (!l)
			l = link_new(g, "ppp");
		if (l && !l->source)
			l->source = DL_SRC_IOS_LEGACY;
	} else {
		l = link_find(g, "ppp");
		if (l && l->source == DL_SRC_IOS_LEGACY && !link_find(g, lg.ifname))
			dl_copy_str(l->ifname, sizeof(l->ifname), lg.ifname,
				    strlen(lg.ifname));
		l = resolve(g, lg.ifname, true, true, &alias);
		lg.e.alias = alias;
	}
	if (!l)
		return true;
	if (!l->source || l->source == DL_SRC_IOS)
		l->source = DL_SRC_IOS_LEGACY;
	l->owned = true;
	legacy_event(g, l, &lg);
	return true;
}

/* "%LINK-3-UPDOWN: Interface BRI0:1, changed state to up" */
static void console_line(struct dlog *g, const struct dl_head *h,
			 unsigned int line)
{
	const char *p = strstr(h->rest, "Interface ");
	char name[DL_IFNAMSIZ];
	struct dl_link *l;
	struct dl_ev e;
	uint8_t alias;

	if (!p)
		return;
	p = dl_skip_ws(p + 10);
	dl_copy_str(name, sizeof(name), p, strcspn(p, " ,\t"));
	/* Older IOS: "Interface BRI0: B-Channel 1, changed state to up". */
	if (name[0] && name[strlen(name) - 1] == ':' &&
	    !strncmp(dl_skip_ws(p + strlen(name)), "B-Channel ", 10)) {
		const char *c = dl_skip_ws(p + strlen(name)) + 10;

		snprintf(name + strlen(name), sizeof(name) - strlen(name), "%.*s",
			 (int)strspn(c, "0123456789"), c);
	}
	dl_shorten_ifname(name);
	l = link_find(g, name);
	alias = 0;
	if (!l) {
		int i, j;

		for (i = 0; i < g->nlinks && !l; i++)
			for (j = 0; j < g->links[i]->naliases; j++)
				if (!strcmp(g->links[i]->aliases[j], name)) {
					l = g->links[i];
					alias = (uint8_t)(j + 1);
				}
	}
	if (!l)
		return;
	dl_ev_init(&e, h, line);
	e.type = DL_CONSOLE;
	e.alias = alias;
	snprintf(e.text, sizeof(e.text), "%s:%s", h->tag, h->rest);
	add_event(g, l, &e);
}

/* A whole word w in s (case matters: "LCP", not "help"). */
static bool has_word(const char *s, const char *w)
{
	size_t n = strlen(w);
	const char *p;

	for (p = strstr(s, w); p; p = strstr(p + 1, w))
		if ((p == s || !isalnum((unsigned char)p[-1])) &&
		    !isalnum((unsigned char)p[n]))
			return true;
	return false;
}

/* A skipped line that looks like a PPP log line: the read is partial. */
static bool looks_ppp(const char *s)
{
	static const char *const words[] = {
		"LCP", "IPCP", "IPV6CP", "CCP", "CDPCP", "CHAP", "PAP", "PPP",
		"CONFREQ", "CONFACK", "CONFNAK", "CONFREJ", "TERMREQ", "TERMACK",
		"ConfReq", "ConfAck", "ConfNak", "ConfRej", "TermReq", "TermAck",
	};
	size_t i;

	if (strstr(s, "debugging is"))	/* IOS's answer to `debug ppp ...` */
		return false;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (has_word(s, words[i]))
			return true;
	return false;
}

static void skip(struct dlog *g, const char *s, unsigned int line)
{
	g->st.skipped++;
	if (s && !looks_ppp(s))
		return;
	if (g->st.suspect < DL_SUSPECT_LINES)
		g->st.suspect_lines[g->st.suspect] = line;
	g->st.suspect++;
}

static void logical_line(struct dlog *g, const char *s, unsigned int line)
{
	struct dl_head h;

	if (pppd_line(g, s, line)) {
		g->st.parsed++;
		return;
	}
	if (dl_parse_head(s, &h)) {
		if (legacy_line(g, s, line))
			g->st.parsed++;
		else
			skip(g, s, line);
		return;
	}
	if (h.console) {
		g->st.console++;
		console_line(g, &h, line);
		return;
	}
	if (debug_line(g, &h, line))
		g->st.parsed++;
	else
		skip(g, s, line);
}

static void flush_pend(struct dlog *g)
{
	if (!g->have_pend)
		return;
	g->pend[g->pendlen] = 0;
	logical_line(g, g->pend, g->pend_line);
	g->have_pend = false;
}

static bool open_paren(const char *s)
{
	const char *p = strrchr(s, '(');

	return p && !strchr(p, ')') && !strncasecmp(p, "(0x", 3);
}

static bool continues(const struct dlog *g, const char *s)
{
	struct dl_legacy lg;
	struct dl_head h;

	if (!g->have_pend || *s == '!' || !dl_parse_head(s, &h) ||
	    dl_pppd_like(s) || !dl_parse_legacy(s, &lg, 0))
		return false;
	return g->pend_console || *s == '(' || *s == '[' ||
	       !strncasecmp(s, "0x", 2) || open_paren(g->pend);
}

/* Replace n bytes at p by the character c (n >= 1), in a string. */
static void squeeze(char *p, size_t n, char c)
{
	*p = c;
	memmove(p + 1, p + n, strlen(p + n) + 1);
}

/*
 * Residue of a log pasted through Markdown or HTML: entities (&gt; &lt;
 * &amp; &quot; &#39; &nbsp;), non-breaking spaces, backslash escapes
 * ("\*Mar 1"), bold markers ("**O CONFREQ**"), a leading "> " quote and
 * code backticks around the line.  The line only gets shorter.  Whether
 * anything changed.
 */
static bool md_clean(char *s)
{
	static const struct { const char *from; char to; } ent[] = {
		{ "&gt;", '>' }, { "&lt;", '<' }, { "&amp;", '&' },
		{ "&quot;", '"' }, { "&#39;", '\'' }, { "&nbsp;", ' ' },
		{ "&#160;", ' ' },
	};
	char *p = s, *q;
	bool changed = false;
	size_t i, n;

	for (p = s; *p; p++) {
		if ((unsigned char)p[0] == 0xc2 && (unsigned char)p[1] == 0xa0) {
			squeeze(p, 2, ' ');
			changed = true;
			continue;
		}
		if ((unsigned char)p[0] == 0xe2 && (unsigned char)p[1] == 0x80 &&
		    (unsigned char)p[2] == 0xaf) {
			squeeze(p, 3, ' ');
			changed = true;
			continue;
		}
		if (*p != '&')
			continue;
		for (i = 0; i < sizeof(ent) / sizeof(ent[0]); i++) {
			n = strlen(ent[i].from);
			if (!strncmp(p, ent[i].from, n)) {
				squeeze(p, n, ent[i].to);
				changed = true;
				break;
			}
		}
	}
	p = (char *)dl_skip_ws(s);
	while (*p == '>' && (p[1] == ' ' || !p[1])) {
		p = (char *)dl_skip_ws(p + 1);
		changed = true;
	}
	if (p != s) {
		memmove(s, p, strlen(p) + 1);
	}
	n = strlen(s);
	if (n >= 2 && s[0] == '`' && s[n - 1] == '`') {
		s[n - 1] = 0;
		memmove(s, s + 1, n - 1);
		changed = true;
	}
	for (p = q = s; *p; p++) {
		if (p[0] == '\\' && p[1] && strchr("*_[]()#>!`-.+{}|", p[1])) {
			changed = true;
			continue;
		}
		if (p[0] == '*' && p[1] == '*') {
			p++;
			changed = true;
			continue;
		}
		*q++ = *p;
	}
	*q = 0;
	return changed;
}

static void physical_line(struct dlog *g)
{
	struct dl_head h;
	char *s = g->cur;
	size_t n = g->curlen, k, room;

	g->st.lines++;
	s[n] = 0;
	if (!g->cut && md_clean(s))
		g->st.cleaned++;
	n = strlen(s);
	while (n && strchr(" \t\r", s[n - 1]))
		n--;
	s[n] = 0;
	s = (char *)dl_skip_ws(s);
	if (g->cut || !*s) {
		flush_pend(g);
		if (g->cut)
			skip(g, NULL, g->st.lines);
		return;
	}
	if (continues(g, s)) {
		if (g->pendlen + 1 >= DL_LINE_MAX)
			return;		/* full: the rest is dropped */
		room = DL_LINE_MAX - g->pendlen - 1;
		k = strlen(s) < room ? strlen(s) : room;
		g->pend[g->pendlen++] = ' ';
		memcpy(g->pend + g->pendlen, s, k);
		g->pendlen += k;
		g->pend[g->pendlen] = 0;
		return;
	}
	flush_pend(g);
	n = strlen(s);
	memcpy(g->pend, s, n + 1);
	g->pendlen = n;
	g->pend_line = g->st.lines;
	g->have_pend = true;
	g->pend_console = !dl_parse_head(s, &h) && h.console;
}

int dlog_feed(struct dlog *g, const char *data, size_t len)
{
	size_t i;

	if (g->ended)
		return -EINVAL;
	for (i = 0; i < len; i++) {
		char c = data[i];

		if (c == '\n') {
			physical_line(g);
			g->curlen = 0;
			g->cut = false;
		} else if (g->curlen < DL_LINE_MAX) {
			g->cur[g->curlen++] = c ? c : ' ';
		} else {
			g->cut = true;
		}
	}
	return 0;
}

int dlog_read(struct dlog *g, FILE *f)
{
	char buf[8192];
	size_t n;

	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		dlog_feed(g, buf, n);
	return ferror(f) ? -EIO : 0;
}

struct dlog *dlog_new(void)
{
	return calloc(1, sizeof(struct dlog));
}

void dlog_free(struct dlog *g)
{
	int i;

	if (!g)
		return;
	for (i = 0; i < g->nlinks; i++) {
		free(g->links[i]->ev);
		free(g->links[i]);
	}
	free(g);
}

void dlog_end(struct dlog *g)
{
	int i;

	if (g->ended)
		return;
	if (g->curlen || g->cut)
		physical_line(g);
	flush_pend(g);
	g->ended = true;
	for (i = 0; i < g->nlinks; i++) {
		dl_summarize(g->links[i]);
		dl_diagnose(g->links[i]);
	}
}

const struct dlog_stats *dlog_stats(const struct dlog *g)
{
	return &g->st;
}

int dlog_nlinks(const struct dlog *g)
{
	return g->nlinks;
}

const struct dl_link *dlog_link(const struct dlog *g, int i)
{
	return i >= 0 && i < g->nlinks ? g->links[i] : NULL;
}

const struct dl_link *dlog_link_by_name(const struct dlog *g, const char *n)
{
	return link_find((struct dlog *)g, n);
}

const char *dl_ev_ifname(const struct dl_link *l, const struct dl_ev *e)
{
	if (!e->alias)
		return l->ifname;
	return e->alias <= l->naliases ? l->aliases[e->alias - 1] : "?";
}

const uint8_t *dl_ev_opt(const struct dl_ev *e, uint8_t type, size_t *len)
{
	return dbgopt_find(e->opts, e->optlen, type, len);
}
