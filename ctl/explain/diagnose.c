// SPDX-License-Identifier: GPL-2.0
/*
 * Diagnosing one link, in the order Cisco's note reads a log: a looped
 * line, a peer that does not answer, options that never converge
 * (diagnose_options.c), authentication (diagnose_auth.c), IPCP
 * (diagnose_options.c), keepalives, rejected protocols, the route, who ended
 * the link (verdict.c).  Each diagnosis cites its evidence by line
 * number.  Helpers shared by those files are here.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "proto/dbgopt.h"
#include "diagnose.h"
#include "proto/vocab.h"

struct dl_diag *dl_diag_add(struct dl_link *l, int kind, uint16_t proto,
			    const char *fmt, ...)
			    {
			    struct dl_diag *d;
	va_list ap;

	if (l->ndiag >= DL_MAX_DIAG)
		return NULL;
	d = &l->diag[l->ndiag++];
	memset(d, 0, sizeof(*d));
	d->kind = kind;
	d->proto = proto;
	va_start(ap, fmt);
	vsnprintf(d->text, sizeof(d->text), fmt, ap);
	va_end(ap);
	return d;
}

void dl_diag_cite(struct dl_diag *d, unsigned int line)
{
	int i;

	if (!d || !line)
		return;
	for (i = 0; i < d->nlines; i++)
		if (d->lines[i] == line)
			return;
	if (d->nlines == DL_DIAG_LINES)
		return;
	/* Kept in order. */
	for (i = d->nlines++; i > 0 && d->lines[i - 1] > line; i--)
		d->lines[i] = d->lines[i - 1];
	d->lines[i] = line;
}

const struct dl_diag *dl_diag_find(const struct dl_link *l, int kind)
{
	int i;

	for (i = 0; i < l->ndiag; i++)
		if (l->diag[i].kind == kind)
			return &l->diag[i];
	return NULL;
}

const char *dl_diag_name(int kind)
{
	static const char *const names[DG_COUNT] = {
		[DG_OK] = "ok",
		[DG_LOOPED] = "looped",
		[DG_NO_RESPONSE] = "no-response",
		[DG_OPTION_LOOP] = "option-loop",
		[DG_AUTH_FAILED] = "auth-failed",
		[DG_IPCP_FAILED] = "ipcp-failed",
		[DG_KEEPALIVE] = "keepalive-lost",
		[DG_PROTREJ] = "protocol-rejected",
		[DG_NO_ROUTE] = "no-route",
		[DG_DNS_REJECTED] = "dns-rejected",
		[DG_TERMINATED] = "terminated",
		[DG_INCOMPLETE] = "incomplete",
	};

	return kind >= 0 && kind < DG_COUNT ? names[kind] : "?";
}

const struct dl_ev *dl_note_find(const struct dl_link *l, int n)
{
	size_t k;

	for (k = 0; k < l->nev; k++)
		if (l->ev[k].type == DL_NOTE && l->ev[k].note == n)
			return &l->ev[k];
	return NULL;
}

const char *dl_pname(uint16_t proto)
{
	const char *n = vocab_proto_name(proto);

	return n ? n : "?";
}

bool dl_is_pkt(const struct dl_ev *e, uint16_t proto, char dir, int code)
{
	return e->type == DL_PACKET && e->proto == proto &&
	       (!dir || e->dir == dir) && (code < 0 || e->code == code);
}

static bool is_reply(const struct dl_ev *e, uint16_t proto)
{
	return dl_is_pkt(e, proto, 'I', -1) && e->code >= CP_CONFACK &&
	       e->code <= CP_CONFREJ;
}

bool dl_opened_at(const struct dl_ev *e, uint16_t proto)
{
	return e->type == DL_STATE && e->proto == proto && e->state == VS_OPENED;
}

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

/* A 4-byte option value (MagicNumber, Address) of an event. */
bool dl_opt32(const struct dl_ev *e, uint8_t type, uint32_t *v)
{
	size_t len;
	const uint8_t *o = dl_ev_opt(e, type, &len);

	if (!o || len != 6)
		return false;
	*v = be32(o + 2);
	return true;
}

void dl_opt_text(char *buf, size_t n, const struct dl_ev *e, uint16_t proto,
		 uint8_t type)
{
	size_t len;
	const uint8_t *o = e ? dl_ev_opt(e, type, &len) : NULL;

	if (o)
		dbgopt_render(buf, n, proto, o, len);
	else
		snprintf(buf, n, "%s", vocab_opt_name(proto, type) ?
			 vocab_opt_name(proto, type) : "?");
}

const char *dl_ip4(uint32_t a, char *buf, size_t n)
{
	snprintf(buf, n, "%u.%u.%u.%u", a >> 24, (a >> 16) & 255,
		 (a >> 8) & 255, a & 255);
	return buf;
}

/* " (lines 5, 9, 13)" from a diagnosis's evidence so far. */
void dl_diag_lines(struct dl_diag *d)
{
	size_t n;
	int i;

	if (!d || !d->nlines)
		return;
	n = strlen(d->text);
	for (i = 0; i < d->nlines && n < sizeof(d->text); i++)
		n += snprintf(d->text + n, sizeof(d->text) - n, "%s%u",
			      i ? ", " : d->nlines > 1 ? " (lines " : " (line ",
			      d->lines[i]);
	if (n < sizeof(d->text))
		snprintf(d->text + n, sizeof(d->text) - n, ")");
}

/* ", 3 times" or nothing for once. */
const char *dl_times(unsigned int n, char *buf, size_t len)
{
	if (n > 1)
		snprintf(buf, len, ", %u times", n);
	else
		buf[0] = 0;
	return buf;
}

/* ---- looped link ---- */

#define LOOP_ADVICE "the line is looped back to this router (loopback " \
	"plug, looped circuit, CSU/DSU or modem in test mode); " \
	"`down-when-looped` keeps the interface down while it is"

#define LOOP_ADVICE_PPPD "the line is looped back to this end (a modem in " \
	"command or test mode echoing our frames, a loopback plug, a looped " \
	"circuit): check the modem, the cable and the number dialled"

static void diag_looped(struct dl_link *l)
{
	unsigned int lines[4] = { 0 }, console = 0;
	struct dl_diag *d;
	uint32_t ours = 0, m;
	int hits = 0, i;
	size_t k;

	for (k = 0; k < l->nev; k++) {
		const struct dl_ev *e = &l->ev[k];

		if (dl_is_pkt(e, PPP_LCP, 0, CP_CONFREQ) && dl_opt32(e, 5, &m)) {
			if (e->dir == 'O') {
				ours = m;
				lines[0] = e->line;
			} else if (m && m == ours) {
				lines[hits ? 2 : 1] = e->line;
				hits++;
			}
		} else if (dl_is_pkt(e, PPP_LCP, 'I', CP_ECHOREP) && e->has_value &&
			   ours && e->value == ours) {
			lines[3] = e->line;
			hits++;
		} else if ((e->type == DL_CONSOLE || e->type == DL_NOTE) &&
			   strcasestr(e->text, "looped")) {
			console = e->line;
		}
	}
	if (!hits && !console)
		return;
	if (hits)
		d = dl_diag_add(l, DG_LOOPED, PPP_LCP,
				"%slooped link: the peer's MagicNumber equals ours "
				"(0x%08X, %d times); %s", hits >= 2 || console ? "" :
				"possibly ", ours, hits,
				dl_pppd(l) ? LOOP_ADVICE_PPPD : LOOP_ADVICE);
	else if (dl_pppd(l))
		d = dl_diag_add(l, DG_LOOPED, PPP_LCP, "looped link: pppd says "
				"\"Serial line is looped back.\"; %s",
				LOOP_ADVICE_PPPD);
	else
		d = dl_diag_add(l, DG_LOOPED, PPP_LCP, "looped link: the console says "
				"so; %s", LOOP_ADVICE);
	for (i = 0; i < 4; i++)
		dl_diag_cite(d, lines[i]);
	dl_diag_cite(d, console);
	dl_diag_lines(d);
}

/* ---- no response ---- */

struct silence {
	int run, best;
	unsigned int first, last, bfirst, blast;
	unsigned int heard, bheard;	/* an I CONFREQ during the run */
	unsigned int timeout;
};

static void silence_close(struct silence *s)
{
	if (s->run >= SILENT_MIN) {
		s->best = s->run;
		s->bfirst = s->first;
		s->blast = s->last;
		s->bheard = s->heard;
	}
	s->run = 0;
	s->heard = 0;
}

static void silence_step(struct silence *s, const struct dl_ev *e, uint16_t p)
{
	if (dl_is_pkt(e, p, 'O', CP_CONFREQ)) {
		if (!s->run++)
			s->first = e->line;
		s->last = e->line;
	} else if (is_reply(e, p) || dl_opened_at(e, p)) {
		s->run = 0;
		s->heard = 0;
	} else if (s->run && dl_is_pkt(e, p, 'I', CP_CONFREQ)) {
		s->heard = s->heard ? s->heard : e->line;
	} else if (s->run && e->type == DL_TIMEOUT && e->proto == p) {
		s->timeout = e->line;
	}
}

static const char *ncp_what(uint16_t proto)
{
	switch (proto) {
	case PPP_IPCP:
		return "IP";
	case PPP_IPV6CP:
		return "IPv6";
	case PPP_CDPCP:
		return "CDP";
	case PPP_CCP:
		return "compression";
	}
	return dl_pname(proto);
}

static void silence_report(struct dl_link *l, uint16_t p, struct silence *s)
{
	struct dl_diag *d;

	if (p != PPP_LCP)
		d = dl_diag_add(l, DG_NO_RESPONSE, p,
				"no response to %s: %d CONFREQs (lines %u to %u) were "
				"never answered; is %s enabled on the peer%s?",
				dl_pname(p), s->best, s->bfirst, s->blast, ncp_what(p),
				dl_pppd(l) ? "" : "'s interface");
	else if (s->bheard && dl_pppd(l))
		d = dl_diag_add(l, DG_NO_RESPONSE, p,
				"one-way link: the peer's LCP ConfReqs arrive (line %u) "
				"and we ack them, but our %d ConfReqs (lines %u to %u) are "
				"never answered; our frames do not reach it intact: "
				"check the transmit path, the async map (`asyncmap`, "
				"`default-asyncmap`) and flow control (`crtscts`, "
				"`xonxoff`)", s->bheard, s->best, s->bfirst, s->blast);
	else if (dl_pppd(l))
		d = dl_diag_add(l, DG_NO_RESPONSE, p,
				"no response from the peer: %d LCP ConfReqs (lines %u to "
				"%u) were never answered: check the serial line or modem "
				"connection (cable, speed, the call itself) and that the "
				"peer runs PPP on it, not a login prompt or a shell (the "
				"`connect` script must start PPP there)",
				s->best, s->bfirst, s->blast);
	else if (s->bheard)
		d = dl_diag_add(l, DG_NO_RESPONSE, p,
				"no response from the peer: its LCP CONFREQs arrive "
				"(line %u) but our %d CONFREQs (lines %u to %u) are never "
				"answered; our frames do not reach it intact: check the "
				"transmit path, ACCM/async settings and its encapsulation",
				s->bheard, s->best, s->bfirst, s->blast);
	else
		d = dl_diag_add(l, DG_NO_RESPONSE, p,
				"no response from the peer: %d LCP CONFREQs (lines %u to "
				"%u) were never answered: check the line (cable, clocking, "
				"carrier, the circuit) and that the peer runs PPP "
				"(`encapsulation ppp` on both ends)",
				s->best, s->bfirst, s->blast);
	dl_diag_cite(d, s->bfirst);
	dl_diag_cite(d, s->blast);
	dl_diag_cite(d, s->bheard);
	dl_diag_cite(d, s->timeout);
}

/*
 * Too few CONFREQs for a run, but a timeout that nothing answered after:
 * an excerpt such as "Se0 LCP: TIMEout: State ACKsent" alone says that
 * our Configure-Requests are not acknowledged.
 */
static void timeout_report(struct dl_link *l, uint16_t p, const struct dl_ev *t)
{
	const char *st = t->state >= 0 ? vocab_state_name(t->state) : NULL;
	const char *why;
	struct dl_diag *d;

	if (t->state == VS_ACKSENT)
		why = "the peer's CONFREQs arrive and are acked, but ours get no "
		      "CONFACK: our frames do not reach it intact";
	else if (p == PPP_LCP && dl_pppd(l))
		why = "check the line and that the peer runs PPP";
	else if (p == PPP_LCP)
		why = "nothing acknowledged them: check the line and "
		      "`encapsulation ppp` on both ends";
	else
		why = "is it enabled on the peer?";
	d = dl_diag_add(l, DG_NO_RESPONSE, p,
			"%s%s, our Configure-Requests are not acknowledged: %s "
			"timed out%s%s (line %u); %s",
			p == PPP_LCP ? "ESTABLISHING" : dl_pname(p),
			p == PPP_LCP ? "" : " not opening", dl_pname(p),
			st ? " in state " : "", st ? st : "", t->line, why);
	dl_diag_cite(d, t->line);
}

static void diag_silence(struct dl_link *l)
{
	const struct dl_ev *to;
	int i;
	size_t k;

	for (i = 0; i < l->ncp; i++) {
		uint16_t p = l->cp[i].proto;
		struct silence s = { 0 };

		if (l->cp[i].refused)
			continue;
		to = NULL;
		for (k = 0; k < l->nev; k++) {
			const struct dl_ev *e = &l->ev[k];

			silence_step(&s, e, p);
			if (e->type == DL_TIMEOUT && e->proto == p &&
			    e->state != VS_ACKRCVD && e->state != VS_OPENED)
				to = e;
			else if (is_reply(e, p) || dl_opened_at(e, p))
				to = NULL;
		}
		silence_close(&s);
		if (s.best)
			silence_report(l, p, &s);
		else if (to && !l->cp[i].opened)
			timeout_report(l, p, to);
	}
}

/* ---- keepalives ---- */

static void diag_keepalive(struct dl_link *l)
{
	unsigned int first = 0, last = 0, bfirst = 0, blast = 0;
	int run = 0, best = 0;
	struct dl_diag *d;
	size_t k;

	for (k = 0; k < l->nev; k++) {
		const struct dl_ev *e = &l->ev[k];

		if (e->note == DN_ECHO_LOST) {
			d = dl_diag_add(l, DG_KEEPALIVE, PPP_LCP,
					"keepalive lost: %u echo-requests got no "
					"reply (line %u); the peer stopped answering "
					"(line failure, peer reload or overload); "
					"`lcp-echo-interval` and `lcp-echo-failure` "
					"set how soon pppd gives up", e->value, e->line);
			dl_diag_cite(d, e->line);
			return;
		}
		/* pppk: the kernel sends the echoes; the controller says so. */
		if (e->type == DL_NOTE && strcasestr(e->text, "Keepalive lost")) {
			d = dl_diag_add(l, DG_KEEPALIVE, PPP_LCP,
					"keepalive lost: the peer stopped answering "
					"echo requests (line failure, peer reload or "
					"overload)");
			dl_diag_cite(d, e->line);
			return;
		}
		if (dl_is_pkt(e, PPP_LCP, 'O', CP_ECHOREQ)) {
			if (!run++)
				first = e->line;
			last = e->line;
			if (run >= ECHO_MIN) {
				best = run;
				bfirst = first;
				blast = last;
			}
		} else if (dl_is_pkt(e, PPP_LCP, 'I', CP_ECHOREP)) {
			run = 0;
		}
	}
	if (!best)
		return;
	d = dl_diag_add(l, DG_KEEPALIVE, PPP_LCP,
			"keepalive lost: %d ECHOREQs (lines %u to %u) got no ECHOREP; "
			"the peer stopped answering (line failure, peer reload or "
			"overload)", best, bfirst, blast);
	dl_diag_cite(d, bfirst);
	dl_diag_cite(d, blast);
}

/* ---- rejected protocols ---- */

static const char *protrej_why(uint32_t p)
{
	switch (p) {
	case PPP_CDPCP:
		return "it does not run CDP (not a Cisco router?); harmless, "
		       "`no cdp enable` on the interface stops the attempt";
	case PPP_IPCP:
		return "IP is not enabled on its interface";
	case PPP_IPV6CP:
		return "IPv6 is not enabled on its interface; harmless if IPv6 "
		       "is not wanted";
	case PPP_CCP:
		return "it does no compression; harmless, `no compress` stops "
		       "the attempt";
	}
	return "it does not run that protocol";
}

static const char *protrej_why_pppd(uint32_t p)
{
	switch (p) {
	case PPP_CCP:
		return "routine: it does no compression (`noccp` stops pppd "
		       "asking)";
	case PPP_IPV6CP:
		return "IPv6 is not enabled on the peer; harmless if IPv6 is "
		       "not wanted (`noipv6` stops pppd asking)";
	case PPP_IPCP:
		return "IP is not enabled on the peer";
	}
	return "it does not run that protocol";
}

static void diag_protrej(struct dl_link *l)
{
	struct dl_diag *d;
	uint32_t seen[16], key;
	int n = 0, i;
	size_t k;
	char buf[16];

	for (k = 0; k < l->nev; k++) {
		const struct dl_ev *e = &l->ev[k];
		const char *name;

		if (!dl_is_pkt(e, PPP_LCP, 0, CP_PROTREJ) || !e->has_value)
			continue;
		key = e->value | (uint32_t)(e->dir == 'O') << 16;
		for (i = 0; i < n && seen[i] != key; i++)
			;
		if (i < n || n == 16)
			continue;	/* each protocol once each way */
		seen[n++] = key;
		name = vocab_proto_name((uint16_t)e->value);
		if (!name) {
			snprintf(buf, sizeof(buf), "0x%04X", e->value);
			name = buf;
		}
		if (e->dir == 'I')
			d = dl_diag_add(l, DG_PROTREJ, (uint16_t)e->value,
					"the peer rejected %s (PROTREJ, line %u): %s",
					name, e->line, dl_pppd(l) ?
					protrej_why_pppd(e->value) :
					protrej_why(e->value));
		else
			d = dl_diag_add(l, DG_PROTREJ, (uint16_t)e->value,
					"we rejected the peer's %s (PROTREJ, line %u): "
					"it is not enabled here", name, e->line);
		dl_diag_cite(d, e->line);
	}
}

/* ---- the route ---- */

static void diag_route(struct dl_link *l)
{
	const struct dl_cp *c = dl_cp_get(l, PPP_IPCP);
	bool acked;
	uint32_t peer = dl_cp_ipv4(l, PPP_IPCP, false, 3, &acked);
	struct dl_diag *d;
	char a[16];

	/* pppd, and IOS before `Install route` lines, say nothing of it. */
	if (!c || c->state != VS_OPENED || l->route || !peer ||
	    dl_infers_states(l))
		return;
	d = dl_diag_add(l, DG_NO_ROUTE, PPP_IPCP,
			"IPCP is Open (line %u) but no route to the peer %s was "
			"installed: check for `no peer neighbor-route`",
			c->open_line, dl_ip4(peer, a, sizeof(a)));
	dl_diag_cite(d, c->open_line);
}

/*
 * We asked for DNS servers (PrimaryDNS, SecondaryDNS) and the peer
 * rejected the options: the link may come up, names will not resolve.
 */
static void diag_dns(struct dl_link *l)
{
	const struct dl_ev *rej = NULL;
	struct dl_diag *d;
	size_t k, len;

	for (k = 0; k < l->nev; k++) {
		const struct dl_ev *e = &l->ev[k];

		if (dl_is_pkt(e, PPP_IPCP, 'I', CP_CONFREJ) &&
		    (dl_ev_opt(e, 129, &len) || dl_ev_opt(e, 131, &len)))
			rej = e;
	}
	if (!rej || l->note_dns[0] || dl_cp_ipv4(l, PPP_IPCP, true, 129,
						 &(bool){ 0 }))
		return;
	if (dl_pppd(l))
		d = dl_diag_add(l, DG_DNS_REJECTED, PPP_IPCP,
				"the peer rejected our request for DNS servers "
				"(IPCP CONFREJ, line %u): it gives none, so "
				"`usepeerdns` gets nothing; put name servers in "
				"/etc/resolv.conf here, or have the peer give them "
				"(`ms-dns` on a pppd peer)", rej->line);
	else
		d = dl_diag_add(l, DG_DNS_REJECTED, PPP_IPCP,
				"the peer rejected our request for DNS servers "
				"(IPCP CONFREJ, line %u): it gives none; configure "
				"`ip name-server` here, or have the peer give them "
				"(`ppp ipcp dns` on an IOS peer)", rej->line);
	dl_diag_cite(d, rej->line);
}

void dl_diagnose(struct dl_link *l)
{
	l->ndiag = 0;
	diag_looped(l);
	diag_silence(l);
	dl_diag_loops(l);
	dl_diag_auth(l);
	dl_diag_ipcp(l);
	diag_keepalive(l);
	diag_protrej(l);
	diag_route(l);
	diag_dns(l);
	dl_diag_ending(l);
}
