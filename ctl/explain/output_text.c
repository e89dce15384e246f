// SPDX-License-Identifier: GPL-2.0
/*
 * The terse summary of `pppctl explain`:
 *
 *   BR0:1 [BR0]: phase UP
 *     LCP Open
 *       local AuthProto CHAP, MagicNumber 0x1081E7E1 (acked, line 14)
 *       ...
 *     * link is up: LCP Open, CHAP succeeded both ways, ...
 */
#include <string.h>

#include "output.h"
#include "proto/vocab.h"

#define OPTS_TEXT 1024

static const struct dl_ev *ev_at(const struct dl_link *l, int i)
{
	return i >= 0 ? &l->ev[i] : NULL;
}

static void opts_of(char *buf, const struct dl_ev *e)
{
	explain_opts(buf, OPTS_TEXT, e->proto, e->opts, e->optlen);
	if (!buf[0])
		snprintf(buf, OPTS_TEXT, "(none)");
}

/* What one side asked for and what it got acknowledged. */
static void side_line(FILE *f, const struct dl_link *l, const struct dl_cp *c,
		      bool local)
{
	int ireq = local ? c->lreq : c->preq, iack = local ? c->lack : c->pack;
	const struct dl_ev *rq = ev_at(l, ireq), *ak = ev_at(l, iack);
	char a[OPTS_TEXT], b[OPTS_TEXT];

	if ((!rq || !rq->optlen) && (!ak || !ak->optlen))
		return;
	fprintf(f, "    %-5s ", local ? "local" : "peer");
	if (rq)
		opts_of(a, rq);
	if (ak)
		opts_of(b, ak);
	if (ak && (!rq || (ireq < iack && !strcmp(a, b))))
		fprintf(f, "%s (acked, line %u)\n", b, ak->line);
	else if (ak && ireq < iack)
		fprintf(f, "asked %s (line %u), acked %s (line %u)\n", a,
			rq->line, b, ak->line);
	else
		fprintf(f, "asked %s (line %u), not acked\n", a, rq->line);
}

static void refusal(FILE *f, const struct dl_link *l, int i, const char *who,
		    bool *first)
{
	char a[OPTS_TEXT];
	const struct dl_ev *e = ev_at(l, i);

	if (!e)
		return;
	opts_of(a, e);
	fprintf(f, "%s%s %s (line %u)", *first ? "    refused: " : "; ", who, a,
		e->line);
	*first = false;
}

static void cp_block(FILE *f, const struct dl_link *l, const struct dl_cp *c)
{
	const char *name = vocab_proto_name(c->proto);
	bool first = true;

	fprintf(f, "  %s %s%s\n", name ? name : "?",
		c->state >= 0 ? vocab_state_name(c->state) :
		c->lreq < 0 && c->preq < 0 ? "not seen" : "unknown",
		c->refused ? " (rejected by the peer)" : "");
	side_line(f, l, c, true);
	side_line(f, l, c, false);
	refusal(f, l, c->lrej, "the peer rejected", &first);
	refusal(f, l, c->lnak, "the peer NAKed, wants", &first);
	refusal(f, l, c->prej, "we rejected", &first);
	refusal(f, l, c->pnak, "we NAKed, want", &first);
	if (!first)
		fputc('\n', f);
}

static void auth_dir(FILE *f, const struct dl_authdir *a, const char *whom)
{
	if (!a->proto)
		return;
	/* Older IOS logs no names. */
	fprintf(f, "    %s%s%s%s: %s", whom, *a->name ? " \"" : "", a->name,
		*a->name ? "\"" : "", dl_auth_result_name(a->result));
	if (a->result)
		fprintf(f, ", line %u", a->line);
	if (a->fails && a->result != DL_AUTH_FAIL)
		fprintf(f, " (failed %u times before, last line %u)", a->fails,
			a->fail_line);
	else if (a->fails > 1)
		fprintf(f, " (%u failures)", a->fails);
	fputc('\n', f);
}

static void auth_block(FILE *f, const struct dl_link *l)
{
	uint16_t p = l->auth_peer.proto ? l->auth_peer.proto : l->auth_local.proto;
	const char *by = vocab_by_name(l->by);

	if (!p && !l->by)
		return;
	fprintf(f, "  auth %s%s%s\n", p ? vocab_proto_name(p) : "(none seen)",
		by ? " " : "", by ? by : "");
	auth_dir(f, &l->auth_peer, "of the peer");
	auth_dir(f, &l->auth_local, "of this end");
}

static void ip_block(FILE *f, const struct dl_link *l)
{
	bool la, pa;
	uint32_t lo = explain_addr(l, true, &la);
	uint32_t pe = explain_addr(l, false, &pa);
	uint32_t dns1 = explain_dns(l, 0);
	uint32_t dns2 = explain_dns(l, 1);
	char a[16];

	if (!lo && !la && !pe && !pa && !l->route)
		return;
	fprintf(f, "  ip local %s%s", lo || la ? explain_ip4(lo, a, sizeof(a)) : "-",
		lo && !la ? " (asked)" : "");
	fprintf(f, " peer %s%s", pe || pa ? explain_ip4(pe, a, sizeof(a)) : "-",
		pe && !pa ? " (asked)" : "");
	if (dns1)
		fprintf(f, " dns %s", explain_ip4(dns1, a, sizeof(a)));
	if (dns2)
		fprintf(f, "%s%s", dns1 ? "," : " dns ", explain_ip4(dns2, a, sizeof(a)));
	if (l->route)
		fprintf(f, ", route to %s installed (line %u)\n",
			explain_ip4(l->route_addr, a, sizeof(a)), l->route_line);
	else if (dl_infers_states(l))
		fputc('\n', f);	/* pppd and older IOS do not log the route */
	else
		fprintf(f, ", no route installed\n");
}

static void link_head(FILE *f, const struct dlog *g, const struct dl_link *l)
{
	char name[DL_IFNAMSIZ + 16];
	int i;

	fprintf(f, "%s", explain_link_name(name, sizeof(name), g, l));
	for (i = 0; i < l->naliases; i++)
		fprintf(f, "%s%s", i ? " " : " [", l->aliases[i]);
	fprintf(f, "%s: phase %s", l->naliases ? "]" : "",
		l->phase >= 0 ? vocab_phase_name(l->phase) : "unknown");
	if (l->furthest >= 0 && l->furthest != l->phase)
		fprintf(f, ", furthest %s", vocab_phase_name(l->furthest));
	fputc('\n', f);
}

static void link_text(FILE *f, const struct dlog *g, const struct dl_link *l)
{
	int i;

	link_head(f, g, l);
	for (i = 0; i < l->ncp; i++)
		if (l->cp[i].proto == PPP_LCP)
			cp_block(f, l, &l->cp[i]);
	auth_block(f, l);
	for (i = 0; i < l->ncp; i++)
		if (l->cp[i].proto != PPP_LCP)
			cp_block(f, l, &l->cp[i]);
	ip_block(f, l);
	for (i = 0; i < l->ndiag; i++)
		fprintf(f, "  * %s\n", l->diag[i].text);
}

void explain_text(FILE *f, const struct dlog *g)
{
	const struct dlog_stats *st = dlog_stats(g);
	char warn[160];
	int i;

	if (explain_pppd_pids(g) > 1) {
		fprintf(f, "%d pppd processes, one section each (pids", explain_pppd_pids(g));
		for (i = 0; i < dlog_nlinks(g); i++)
			if (dlog_link(g, i)->pid)
				fprintf(f, " %u", dlog_link(g, i)->pid);
		fprintf(f, ")\n");
	}
	for (i = 0; i < dlog_nlinks(g); i++)
		link_text(f, g, dlog_link(g, i));
	if (!dlog_nlinks(g))
		fprintf(f, "no PPP negotiation found\n");
	fprintf(f, "read %u lines: %u parsed, %u console, %u skipped", st->lines,
		st->parsed, st->console, st->skipped);
	if (st->dropped)
		fprintf(f, ", %u dropped (over %d events)", st->dropped,
			DL_MAX_EVENTS);
	fputc('\n', f);
	explain_warning(warn, sizeof(warn), st);
	if (warn[0])
		fprintf(f, "%s\n", warn);
}
