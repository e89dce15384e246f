// SPDX-License-Identifier: GPL-2.0
/*
 * How a link's story ends: who terminated it, and the verdict: up and
 * healthy ("ok") or stopped short without anything else to blame
 * ("incomplete").
 */
#include <string.h>
#include <strings.h>

#include "diagnose.h"
#include "proto/vocab.h"

static bool is_error(int kind)
{
	return kind == DG_LOOPED || kind == DG_NO_RESPONSE ||
	       kind == DG_OPTION_LOOP || kind == DG_AUTH_FAILED ||
	       kind == DG_IPCP_FAILED || kind == DG_KEEPALIVE;
}

static unsigned int first_cited(const struct dl_diag *d)
{
	unsigned int m = 0;
	int i;

	for (i = 0; i < d->nlines; i++)
		if (!m || d->lines[i] < m)
			m = d->lines[i];
	return m;
}

static unsigned int last_cited(const struct dl_diag *d)
{
	unsigned int m = 0;
	int i;

	for (i = 0; i < d->nlines; i++)
		if (d->lines[i] > m)
			m = d->lines[i];
	return m;
}

/* What went wrong before line, in a few words, for "terminated ..., after". */
static const char *cause_before(const struct dl_link *l, unsigned int line)
{
	static const struct { int kind; const char *why; } t[] = {
		{ DG_LOOPED, "the loop was detected" },
		{ DG_AUTH_FAILED, "authentication failed" },
		{ DG_KEEPALIVE, "keepalives were lost" },
		{ DG_OPTION_LOOP, "negotiation did not converge" },
		{ DG_IPCP_FAILED, "IPCP failed" },
		{ DG_NO_RESPONSE, "the peer did not answer" },
	};
	const struct dl_diag *d;
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		d = dl_diag_find(l, t[i].kind);
		if (d && first_cited(d) && first_cited(d) < line)
			return t[i].why;
	}
	return NULL;
}

struct ending {
	int term;		/* first LCP TERMREQ of the last attempt */
	int ncp_term;		/* last NCP TERMREQ */
	unsigned int down;	/* console: interface changed state to down */
	unsigned int phase_down;
	unsigned int hangup;	/* pppd: "Modem hangup" */
	int term_note;		/* pppd: "LCP terminated by peer" */
	int signal;		/* pppd: "Terminating on signal 15" */
};

static void ending_scan(const struct dl_link *l, struct ending *x)
{
	size_t k;

	memset(x, 0, sizeof(*x));
	x->term = x->ncp_term = x->term_note = x->signal = -1;
	for (k = 0; k < l->nev; k++) {
		const struct dl_ev *e = &l->ev[k];

		if ((e->type == DL_STATE && e->proto == PPP_LCP &&
		     e->state == VS_OPENED) ||
		    (e->type == DL_PHASE && !e->alias &&
		     e->phase == VP_ESTABLISHING) || e->note == DN_CONNECT) {
			x->term = x->term_note = x->signal = -1;
			x->hangup = 0;
		} else if (e->note == DN_HANGUP && !x->hangup)
			x->hangup = e->line;
		else if (e->note == DN_TERM_BY_PEER && e->proto == PPP_LCP &&
			 x->term_note < 0)
			x->term_note = (int)k;
		else if (e->note == DN_SIGNAL && x->signal < 0)
			x->signal = (int)k;
		else if (e->type == DL_PACKET && e->code == CP_TERMREQ &&
			 e->proto == PPP_LCP && x->term < 0)
			x->term = (int)k;
		else if (e->type == DL_PACKET && e->code == CP_TERMREQ &&
			 vocab_is_ncp(e->proto))
			x->ncp_term = (int)k;
		else if (e->type == DL_CONSOLE &&
			 strstr(e->text, "changed state to down"))
			x->down = e->line;
		else if ((e->type == DL_PHASE && !e->alias && e->phase == VP_DOWN) ||
			 e->note == DN_TERMINATED)
			x->phase_down = e->line;
	}
}

/* pppd: why this end terminated, "; pppd got SIGTERM (line 31)". */
static void signal_words(const struct dl_link *l, const struct ending *x,
			 char *buf, size_t n)
{
	const struct dl_ev *e;
	const char *what;

	buf[0] = 0;
	if (x->signal < 0)
		return;
	e = &l->ev[x->signal];
	switch (e->value) {
	case 1:
		what = "SIGHUP: the line hung up, or `kill -HUP`";
		break;
	case 2:
		what = "SIGINT: Ctrl-C";
		break;
	case 15:
		what = "SIGTERM: `poff`, `kill` or the service manager stopping it";
		break;
	default:
		what = "a signal";
	}
	snprintf(buf, n, ": pppd was told to stop (signal %u, %s; line %u)",
		 e->value, what, e->line);
}

/*
 * LCP Open at the end; a log cut after LCP opened shows no LCP at all, and
 * then reaching UP says it did.
 */
static bool up_at_end(const struct dl_link *l)
{
	const struct dl_cp *lcp = dl_cp_get(l, PPP_LCP);
	bool open = lcp && (lcp->state == VS_OPENED ||
			    (lcp->state < 0 && l->furthest == VP_UP));

	return open && l->phase != VP_DOWN && l->phase != VP_TERMINATING;
}

/* Whether the link shows any negotiation at all to judge. */
static bool negotiated(const struct dl_link *l)
{
	size_t k;

	for (k = 0; k < l->nev; k++)
		if ((l->ev[k].type == DL_PACKET || l->ev[k].type == DL_STATE) &&
		    !l->ev[k].alias)
			return true;
	return false;
}

static void ncp_closed(struct dl_link *l, const struct dl_ev *e)
{
	const struct dl_cp *c = dl_cp_get(l, e->proto);

	if (!c || c->state == VS_OPENED)
		return;
	dl_diag_cite(dl_diag_add(l, DG_TERMINATED, e->proto,
				 "%s closed %s (TERMREQ, line %u)",
				 e->dir == 'I' ? "the peer" : "this end",
				 vocab_proto_name(e->proto), e->line), e->line);
}

static void diag_terminated(struct dl_link *l)
{
	struct ending x;
	const struct dl_ev *e;
	const char *why;
	struct dl_diag *d;

	ending_scan(l, &x);
	if (up_at_end(l)) {
		if (x.ncp_term >= 0)
			ncp_closed(l, &l->ev[x.ncp_term]);
		return;
	}
	if (x.term < 0 && x.term_note >= 0)
		x.term = x.term_note;	/* pppd without `debug` */
	if (x.term >= 0) {
		char sig[160] = "";

		e = &l->ev[x.term];
		why = cause_before(l, e->line);
		if (e->dir == 'O' && x.signal >= 0 &&
		    l->ev[x.signal].line <= e->line)
			signal_words(l, &x, sig, sizeof(sig));
		d = dl_diag_add(l, DG_TERMINATED, PPP_LCP,
				"%s terminated the link (LCP %s, line %u)%s%s%s%s%s",
				e->dir == 'O' ? "this end" : "the peer",
				e->type == DL_PACKET ? "TERMREQ" : "terminated by peer",
				e->line, e->type == DL_PACKET && e->text[0] ?
				" with \"" : "", e->type == DL_PACKET ? e->text : "",
				e->type == DL_PACKET && e->text[0] ? "\"" : "",
				why ? ", after " : "", why ? why : "");
		if (sig[0]) {
			size_t k = strlen(d ? d->text : "");

			if (d)
				snprintf(d->text + k, sizeof(d->text) - k, "%s", sig);
		}
		dl_diag_cite(d, e->line);
		if (sig[0])
			dl_diag_cite(d, l->ev[x.signal].line);
	} else if (x.hangup) {
		d = dl_diag_add(l, DG_TERMINATED, 0,
				"the modem hung up (line %u) without a TERMREQ: carrier "
				"lost or the call was cleared at the far end", x.hangup);
		dl_diag_cite(d, x.hangup);
	} else if (x.down) {
		d = dl_diag_add(l, DG_TERMINATED, 0,
				"the lower layer went down (line %u) without a "
				"TERMREQ: carrier lost or the call was cleared", x.down);
		dl_diag_cite(d, x.down);
	} else if (x.phase_down) {
		why = cause_before(l, x.phase_down);
		d = dl_diag_add(l, DG_TERMINATED, 0,
				"the link went down (line %u) without a TERMREQ in "
				"the log%s%s", x.phase_down, why ? ", after " : "",
				why ? why : "");
		dl_diag_cite(d, x.phase_down);
	}
}

/* ---- the verdict ---- */

static bool auth_ok(const struct dl_link *l)
{
	return (!(l->by & VB_THIS_END) || l->auth_peer.result == DL_AUTH_OK) &&
	       (!(l->by & VB_PEER) || l->auth_local.result == DL_AUTH_OK);
}

/* NCPs: at least one Open, IPCP Open unless the peer refused it. */
static bool ncps_ok(const struct dl_link *l)
{
	const struct dl_cp *ip = dl_cp_get(l, PPP_IPCP);
	int i, open = 0;

	for (i = 0; i < l->ncp; i++)
		open += vocab_is_ncp(l->cp[i].proto) &&
			l->cp[i].state == VS_OPENED;
	return open && (!ip || ip->refused || ip->state == VS_OPENED);
}

static bool errors_since(const struct dl_link *l, unsigned int line)
{
	int i;

	for (i = 0; i < l->ndiag; i++)
		if (is_error(l->diag[i].kind) && last_cited(&l->diag[i]) >= line)
			return true;
	return false;
}

static void add_text(struct dl_diag *d, const char *s)
{
	size_t n = strlen(d->text);

	snprintf(d->text + n, sizeof(d->text) - n, "%s", s);
}

static const char *auth_words(const struct dl_link *l, char *buf, size_t n)
{
	const char *p = vocab_proto_name(l->auth_peer.proto ? l->auth_peer.proto :
					 l->auth_local.proto);

	switch (l->by) {
	case VB_BOTH:
		snprintf(buf, n, ", %s succeeded both ways", p ? p : "?");
		break;
	case VB_THIS_END:
		snprintf(buf, n, ", the peer passed our %s", p ? p : "?");
		break;
	case VB_PEER:
		snprintf(buf, n, ", we passed the peer's %s", p ? p : "?");
		break;
	default:
		snprintf(buf, n, ", no authentication");
	}
	return buf;
}

static void ok_ncps(const struct dl_link *l, struct dl_diag *d)
{
	char buf[96];
	bool a1, a2;
	uint32_t lo, pe;
	int i;

	for (i = 0; i < l->ncp; i++) {
		const struct dl_cp *c = &l->cp[i];

		if (!vocab_is_ncp(c->proto) || c->state != VS_OPENED)
			continue;
		snprintf(buf, sizeof(buf), ", %s Open", vocab_proto_name(c->proto) ?
			 vocab_proto_name(c->proto) : "?");
		add_text(d, buf);
		dl_diag_cite(d, c->open_line);
		if (c->proto != PPP_IPCP)
			continue;
		lo = dl_cp_ipv4(l, PPP_IPCP, true, 3, &a1);
		pe = dl_cp_ipv4(l, PPP_IPCP, false, 3, &a2);
		snprintf(buf, sizeof(buf), " (%u.%u.%u.%u <-> %u.%u.%u.%u)",
			 lo >> 24, (lo >> 16) & 255, (lo >> 8) & 255, lo & 255,
			 pe >> 24, (pe >> 16) & 255, (pe >> 8) & 255, pe & 255);
		add_text(d, buf);
	}
}

static void verdict_ok(struct dl_link *l, const struct dl_cp *lcp)
{
	struct dl_diag *d = dl_diag_add(l, DG_OK, 0, "link is up: LCP Open");
	char buf[96];
	uint32_t r = l->route_addr;

	if (!d)
		return;
	if (!lcp->open_line)
		add_text(d, " (before the log)");
	dl_diag_cite(d, lcp->open_line);
	add_text(d, auth_words(l, buf, sizeof(buf)));
	dl_diag_cite(d, l->auth_peer.line);
	dl_diag_cite(d, l->auth_local.line);
	ok_ncps(l, d);
	if (l->route) {
		snprintf(buf, sizeof(buf), ", route to %u.%u.%u.%u installed (line %u)",
			 r >> 24, (r >> 16) & 255, (r >> 8) & 255, r & 255,
			 l->route_line);
		add_text(d, buf);
		dl_diag_cite(d, l->route_line);
	}
}

static void verdict_incomplete(struct dl_link *l, const struct dl_cp *lcp)
{
	const char *ph = l->phase >= 0 ? vocab_phase_name(l->phase) : NULL;
	const char *st = lcp->state >= 0 ? vocab_state_name(lcp->state) : NULL;
	struct dl_diag *d;

	char at[24] = "";

	if (lcp->state_line)
		snprintf(at, sizeof(at), " (line %u)", lcp->state_line);
	d = dl_diag_add(l, DG_INCOMPLETE, 0,
			"negotiation incomplete: the log ends in phase %s with LCP "
			"%s%s%s", ph ? ph : "unknown",
			st ? st : "not seen", at, l->furthest == VP_AUTHENTICATING && !auth_ok(l) ?
			"; authentication did not finish" :
			l->furthest == VP_UP && !ncps_ok(l) ? "; no NCP opened" : "");
	dl_diag_cite(d, lcp->state_line);
	dl_diag_cite(d, l->phase_line);
}

static void verdict(struct dl_link *l)
{
	const struct dl_cp *lcp = dl_cp_get(l, PPP_LCP);
	int i;

	if (!lcp || !negotiated(l))
		return;
	if (up_at_end(l) && (l->phase == VP_UP || l->phase < 0) && auth_ok(l) &&
	    ncps_ok(l) && !errors_since(l, lcp->open_line)) {
		verdict_ok(l, lcp);
		return;
	}
	for (i = 0; i < l->ndiag; i++)
		if (is_error(l->diag[i].kind) || l->diag[i].kind == DG_TERMINATED)
			return;
	verdict_incomplete(l, lcp);
}

void dl_diag_ending(struct dl_link *l)
{
	diag_terminated(l);
	verdict(l);
}
