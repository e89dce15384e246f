// SPDX-License-Identifier: GPL-2.0
/*
 * Diagnoses about negotiated values: options refused over and over (an
 * option loop, naming the option) and IPCP addresses (a conflict, no
 * address to give, a NAK loop).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "proto/dbgopt.h"
#include "diagnose.h"
#include "proto/vocab.h"

/* ---- option loops ---- */

struct refused {
	int count;
	int code;		/* the last: CP_CONFNAK or CP_CONFREJ */
	int last;		/* event index of the last one */
	unsigned int lines[DL_DIAG_LINES];
};

/* [0]: the peer refuses ours (I NAK/REJ), [1]: we refuse the peer's. */
struct refusals {
	struct refused t[2][256];
};

static void refusal(struct refusals *r, const struct dl_ev *e, int idx)
{
	int side = e->dir == 'O';
	struct refused *c;
	struct dbgopt o;
	size_t off = 0;

	while (dbgopt_next(e->opts, e->optlen, &off, &o)) {
		if (o.garbled)
			break;
		c = &r->t[side][o.raw[0]];
		if (c->count < DL_DIAG_LINES)
			c->lines[c->count] = e->line;
		else
			c->lines[DL_DIAG_LINES - 1] = e->line;
		c->count++;
		c->code = e->code;
		c->last = idx;
	}
}

/* The request that a refusal at index idx answered: the other side's. */
static const struct dl_ev *asked_before(const struct dl_link *l, int idx,
					uint16_t p, char dir)
{
	while (--idx >= 0)
		if (dl_is_pkt(&l->ev[idx], p, dir, CP_CONFREQ))
			return &l->ev[idx];
	return NULL;
}

static const char *loop_hint_pppd(uint16_t p, uint8_t type, int side, int code)
{
	if (p == PPP_LCP && type == 3) {
		if (side == 0 && code == CP_CONFREJ)
			return "the peer will not authenticate itself: configure "
			       "authentication on the peer, or `noauth` here";
		return "authentication protocol mismatch: allow the other "
		       "protocol (`refuse-chap`, `refuse-pap`, `require-pap`, "
		       "`require-chap` decide) or configure the same one on "
		       "both ends";
	}
	if (p == PPP_LCP && (type == 1 || type == 17))
		return "make both ends agree on the size (`mru`, `mtu`)";
	if (code == CP_CONFREJ)
		return "the other end does not support it: stop asking for it";
	return "make both ends agree on it";
}

static const char *loop_hint(uint16_t p, uint8_t type, int side, int code)
{
	if (p == PPP_LCP && type == 3) {
		if (side == 0 && code == CP_CONFREJ)
			return "the peer will not authenticate itself: configure "
			       "authentication on the peer, or stop requiring it "
			       "here (`ppp authentication`)";
		return "authentication protocol mismatch: allow the other "
		       "protocol here (`ppp authentication chap pap`) or "
		       "configure the same one on both ends";
	}
	if (p == PPP_LCP && (type == 1 || type == 17))
		return "make both ends agree on the size (`ppp mru`, `mtu`)";
	if (code == CP_CONFREJ)
		return "the other end does not support it: stop asking for it";
	return "make both ends agree on it";
}

/*
 * The peer insists on an authentication protocol this end never offers
 * (MS-CHAP, EAP): say which, and that pppk does not do it yet.
 */
static const char *lacking_auth(uint16_t p, int type, int side,
				const char *asked)
{
	if (p != PPP_LCP || type != 3 || side != 1)
		return "";
	if (strstr(asked, "MS-CHAP"))
		return "; the peer requires MS-CHAP, which this end does not "
		       "offer (pppk does not do MS-CHAP yet: issue 18)";
	if (strstr(asked, "EAP"))
		return "; the peer requires EAP, which this end does not "
		       "offer (pppk does not do EAP yet: issue 18)";
	return "";
}

static void loop_report(struct dl_link *l, uint16_t p, struct refusals *r,
			int side, int type)
{
	static const char *const who[2] = { "the peer", "we" };
	static const char *const whose[2] = { "our", "the peer's" };
	static const char *const keeps[2] = { "we keep", "the peer keeps" };
	struct refused *c = &r->t[side][type];
	const struct dl_ev *req = asked_before(l, c->last, p, side ? 'I' : 'O');
	bool nak = c->code == CP_CONFNAK;
	char asked[96], sugg[96], clause[112] = "";
	struct dl_diag *d;
	int i;

	dl_opt_text(asked, sizeof(asked), req, p, (uint8_t)type);
	dl_opt_text(sugg, sizeof(sugg), &l->ev[c->last], p, (uint8_t)type);
	if (nak)
		snprintf(clause, sizeof(clause), " suggesting \"%s\"", sugg);
	d = dl_diag_add(l, DG_OPTION_LOOP, p,
			"option loop on %s %s: %s %s %s \"%s\" %d times%s and %s "
			"asking for it; %s%s", dl_pname(p), vocab_opt_name(p, type),
			who[side], nak ? "NAKed" : "rejected", whose[side], asked,
			c->count, clause, keeps[side],
			dl_pppd_words(l) ? loop_hint_pppd(p, (uint8_t)type, side, c->code) :
			loop_hint(p, (uint8_t)type, side, c->code),
			lacking_auth(p, type, side, asked));
	for (i = 0; i < c->count && i < DL_DIAG_LINES; i++)
		dl_diag_cite(d, c->lines[i]);
	dl_diag_lines(d);
}

/* The most refused option of a protocol that never opened after it. */
static void loop_check(struct dl_link *l, uint16_t p, struct refusals *r)
{
	int side, type, bs = -1, bt = -1, best = LOOP_MIN - 1;

	for (side = 0; side < 2; side++)
		for (type = 0; type < 256; type++) {
			if (p == PPP_IPCP && type == 3)
				continue;	/* addresses: diag_ipcp() */
			if (p == PPP_LCP && type == 5)
				continue;	/* magic numbers: diag_looped() */
			if (r->t[side][type].count > best) {
				best = r->t[side][type].count;
				bs = side;
				bt = type;
			}
		}
	if (bs >= 0)
		loop_report(l, p, r, bs, bt);
}

void dl_diag_loops(struct dl_link *l)
{
	struct refusals *r = malloc(sizeof(*r));
	int i;
	size_t k;

	for (i = 0; r && i < l->ncp; i++) {
		uint16_t p = l->cp[i].proto;

		memset(r, 0, sizeof(*r));
		for (k = 0; k < l->nev; k++) {
			const struct dl_ev *e = &l->ev[k];

			if (dl_opened_at(e, p))
				memset(r, 0, sizeof(*r));
			else if (dl_is_pkt(e, p, 0, CP_CONFNAK) ||
				 dl_is_pkt(e, p, 0, CP_CONFREJ))
				refusal(r, e, (int)k);
		}
		if (l->cp[i].state != VS_OPENED)
			loop_check(l, p, r);
	}
	free(r);
}

/* ---- IPCP ---- */

struct ipcp_scan {
	uint32_t ours, theirs;
	unsigned int ours_line, theirs_line;
	unsigned int conflict;		/* line where both wanted the same */
	unsigned int none_us, none_us_req;	/* we asked 0.0.0.0, refused */
	unsigned int none_peer, none_peer_req;
	int naks[2];			/* Address NAKs: [0] by the peer */
	unsigned int nak_first[2], nak_last[2];
	int nak_idx[2];
};

static void ipcp_nak(struct ipcp_scan *s, const struct dl_ev *e, int idx,
		     uint32_t v)
{
	int side = e->dir == 'O';
	uint32_t asked = side ? s->theirs : s->ours;

	if (!v && !side && !s->ours) {
		s->none_us = e->line;	/* asked for one, offered none */
		s->none_us_req = s->ours_line;
	} else if (!v && side && !s->theirs) {
		s->none_peer = e->line;
		s->none_peer_req = s->theirs_line;
	}
	if (!v || v == asked)
		return;
	if (!s->naks[side]++)
		s->nak_first[side] = e->line;
	s->nak_last[side] = e->line;
	s->nak_idx[side] = idx;
}

static void ipcp_step(struct ipcp_scan *s, const struct dl_ev *e, int idx)
{
	uint32_t v;
	bool has = dl_opt32(e, 3, &v);

	if (dl_opened_at(e, PPP_IPCP)) {
		s->naks[0] = s->naks[1] = 0;
		return;
	}
	if (e->type != DL_PACKET || e->proto != PPP_IPCP || !has)
		return;
	if (e->code == CP_CONFREQ && e->dir == 'O') {
		s->ours = v;
		s->ours_line = e->line;
		if (v && v == s->theirs && s->theirs_line)
			s->conflict = e->line;
	} else if (e->code == CP_CONFREQ) {
		s->theirs = v;
		s->theirs_line = e->line;
		if (v && v == s->ours && s->ours_line)
			s->conflict = e->line;
	} else if (e->code == CP_CONFREJ && e->dir == 'I' && !s->ours) {
		s->none_us = e->line;
		s->none_us_req = s->ours_line;
	} else if (e->code == CP_CONFREJ && e->dir == 'O' && !s->theirs) {
		s->none_peer = e->line;
		s->none_peer_req = s->theirs_line;
	} else if (e->code == CP_CONFNAK) {
		ipcp_nak(s, e, idx, v);
	}
}

static void ipcp_nak_loop(struct dl_link *l, struct ipcp_scan *s)
{
	int side = s->naks[1] > s->naks[0];
	const struct dl_ev *nak = &l->ev[s->nak_idx[side]];
	char a[16], b[16];
	uint32_t sugg = 0;
	struct dl_diag *d;

	dl_opt32(nak, 3, &sugg);
	d = dl_diag_add(l, DG_IPCP_FAILED, PPP_IPCP,
			"IPCP failed: address disagreement: %s NAKed %s address %s %d "
			"times suggesting %s (lines %u to %u) and %s keeps asking for it",
			side ? "we" : "the peer", side ? "the peer's" : "our",
			dl_ip4(side ? s->theirs : s->ours, a, sizeof(a)), s->naks[side],
			dl_ip4(sugg, b, sizeof(b)), s->nak_first[side], s->nak_last[side],
			side ? "the peer" : "this end");
	dl_diag_cite(d, s->nak_first[side]);
	dl_diag_cite(d, s->nak_last[side]);
}

static void ipcp_report(struct dl_link *l, struct ipcp_scan *s,
			const struct dl_cp *c)
{
	const char *what = c->opened ? "IPCP opened without an address" :
			   "IPCP failed";
	struct dl_diag *d = NULL;
	char a[16];

	if (s->conflict) {
		d = dl_diag_add(l, DG_IPCP_FAILED, PPP_IPCP,
				"IPCP failed: address conflict: both ends want %s (our "
				"CONFREQ line %u, the peer's line %u); give each end its "
				"own address", dl_ip4(s->ours, a, sizeof(a)), s->ours_line,
				s->theirs_line);
		dl_diag_cite(d, s->ours_line);
		dl_diag_cite(d, s->theirs_line);
	} else if (s->none_us && dl_pppd_words(l)) {
		d = dl_diag_add(l, DG_IPCP_FAILED, PPP_IPCP,
				"%s: we asked for an address (0.0.0.0, line %u) and the "
				"peer has none to give (line %u): give this end one "
				"(`10.0.0.2:` in the options) or configure a pool on the "
				"peer", what, s->none_us_req, s->none_us);
		dl_diag_cite(d, s->none_us_req);
		dl_diag_cite(d, s->none_us);
	} else if (s->none_peer && dl_pppd(l)) {
		char fb[64] = "";

		if (l->note_remote)
			snprintf(fb, sizeof(fb), "; pppd made it %s",
				 dl_ip4(l->note_remote, a, sizeof(a)));
		d = dl_diag_add(l, DG_IPCP_FAILED, PPP_IPCP,
				"%s: the peer asked for an address (0.0.0.0, line %u) and "
				"we have none to give it (line %u)%s: give it one with "
				"`:10.0.0.1` in the options or in the fourth field of its "
				"secrets line", what, s->none_peer_req, s->none_peer, fb);
		dl_diag_cite(d, s->none_peer_req);
		dl_diag_cite(d, s->none_peer);
	} else if (s->none_us) {
		d = dl_diag_add(l, DG_IPCP_FAILED, PPP_IPCP,
				"%s: we asked for an address (0.0.0.0, line %u) and the "
				"peer has none to give (line %u): configure a pool or "
				"`peer default ip address` on the peer, or an address "
				"here", what, s->none_us_req, s->none_us);
		dl_diag_cite(d, s->none_us_req);
		dl_diag_cite(d, s->none_us);
	} else if (s->none_peer) {
		d = dl_diag_add(l, DG_IPCP_FAILED, PPP_IPCP,
				"%s: the peer asked for an address (0.0.0.0, line %u) and "
				"we have none to give it (line %u): configure `peer "
				"default ip address` or a pool here, or an address on the "
				"peer", what, s->none_peer_req, s->none_peer);
		dl_diag_cite(d, s->none_peer_req);
		dl_diag_cite(d, s->none_peer);
	} else if (c->opened) {
		return;
	} else if (s->naks[0] >= LOOP_MIN || s->naks[1] >= LOOP_MIN) {
		ipcp_nak_loop(l, s);
	} else if (!dl_diag_find(l, DG_NO_RESPONSE) &&
		   !dl_diag_find(l, DG_AUTH_FAILED) && l->furthest == VP_UP) {
		d = dl_diag_add(l, DG_IPCP_FAILED, PPP_IPCP,
				"IPCP never opened (last state %s, line %u)",
				c->state >= 0 ? vocab_state_name(c->state) : "unknown",
				c->state_line);
		dl_diag_cite(d, c->state_line);
	}
}

/* pppd's own verdicts on addresses. */
static bool ipcp_notes(struct dl_link *l)
{
	const struct dl_ev *e;
	struct dl_diag *d;
	char a[16];

	if ((e = dl_note_find(l, DN_NOT_AUTHORIZED))) {
		d = dl_diag_add(l, DG_IPCP_FAILED, PPP_IPCP,
				"IPCP failed: the peer is not authorized to use the "
				"address %s (line %u): add it to the allowed addresses "
				"(the fourth field) of the peer's line in chap-secrets or "
				"pap-secrets, or give the peer an allowed one",
				dl_ip4(e->value, a, sizeof(a)), e->line);
		dl_diag_cite(d, e->line);
		return true;
	}
	if ((e = dl_note_find(l, DN_NO_REMOTE_IP)) ||
	    (e = dl_note_find(l, DN_NO_LOCAL_IP))) {
		bool remote = e->note == DN_NO_REMOTE_IP;

		d = dl_diag_add(l, DG_IPCP_FAILED, PPP_IPCP,
				"IPCP failed: pppd could not determine the %s IP "
				"address (line %u): give it one (`%s` in the options)%s",
				remote ? "peer's" : "local", e->line,
				remote ? ":10.0.0.1" : "10.0.0.2:",
				remote ? "" : " or let the peer give one (`noipdefault`, "
				"`ipcp-accept-local`)");
		dl_diag_cite(d, e->line);
		return true;
	}
	return false;
}

void dl_diag_ipcp(struct dl_link *l)
{
	const struct dl_cp *c = dl_cp_get(l, PPP_IPCP);
	struct ipcp_scan s;
	size_t k;

	bool acked;

	if (ipcp_notes(l))
		return;
	if (!c || c->refused)
		return;
	memset(&s, 0, sizeof(s));
	for (k = 0; k < l->nev; k++)
		ipcp_step(&s, &l->ev[k], (int)k);
	if (c->opened) {
		/* Open is fine, unless a side ended up with no address. */
		s.conflict = 0;
		if (dl_cp_ipv4(l, PPP_IPCP, true, 3, &acked))
			s.none_us = 0;
		if (dl_cp_ipv4(l, PPP_IPCP, false, 3, &acked))
			s.none_peer = 0;
	}
	ipcp_report(l, &s, c);
}
