// SPDX-License-Identifier: GPL-2.0
/*
 * `pppctl -j explain`: the reading as one JSON object.  Every string from
 * the log is escaped; bytes outside printable ASCII become \u00XX, so the
 * output is valid JSON (and ASCII) whatever the input was.
 */
#include <string.h>

#include "proto/dbgopt.h"
#include "output.h"
#include "proto/vocab.h"

static void jstr(FILE *f, const char *s)
{
	fputc('"', f);
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20 || c >= 0x7f)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

/* "key":"value" or "key":null, with a leading comma unless first. */
static void jkv(FILE *f, const char *key, const char *val, bool comma)
{
	fprintf(f, "%s\"%s\":", comma ? "," : "", key);
	if (val)
		jstr(f, val);
	else
		fputs("null", f);
}

static void jnum(FILE *f, const char *key, long v)
{
	fprintf(f, ",\"%s\":%ld", key, v);
}

static void jopts(FILE *f, const char *key, uint16_t proto,
		  const uint8_t *opts, size_t len)
{
	char text[160], hex[600];
	struct dbgopt o;
	size_t off = 0;
	bool first = true;

	fprintf(f, ",\"%s\":[", key);
	while (dbgopt_next(opts, len, &off, &o)) {
		if (o.garbled)
			snprintf(text, sizeof(text), "Garbled");
		else
			dbgopt_render(text, sizeof(text), proto, o.raw, o.len);
		dbgopt_hex(hex, sizeof(hex), o.raw, o.len, 255);
		fprintf(f, "%s{\"type\":%u", first ? "" : ",", o.raw[0]);
		jkv(f, "text", text, true);
		jkv(f, "raw", hex + 2, true);
		fputc('}', f);
		first = false;
	}
	fputc(']', f);
}

static void jside(FILE *f, const struct dl_link *l, const char *key,
		  int req, int ack)
{
	fprintf(f, ",\"%s\":{", key);
	if (req >= 0) {
		fprintf(f, "\"asked_line\":%u", l->ev[req].line);
		jopts(f, "asked", l->ev[req].proto, l->ev[req].opts,
		      l->ev[req].optlen);
	} else {
		fputs("\"asked_line\":null", f);
	}
	if (ack >= 0) {
		jnum(f, "acked_line", l->ev[ack].line);
		jopts(f, "acked", l->ev[ack].proto, l->ev[ack].opts,
		      l->ev[ack].optlen);
	}
	fputc('}', f);
}

static void jrefused(FILE *f, const struct dl_link *l, const char *key, int i)
{
	if (i < 0)
		return;
	fprintf(f, ",\"%s\":{\"line\":%u", key, l->ev[i].line);
	jopts(f, "options", l->ev[i].proto, l->ev[i].opts, l->ev[i].optlen);
	fputc('}', f);
}

static void jcp(FILE *f, const struct dl_link *l, const struct dl_cp *c,
		bool comma)
{
	fprintf(f, "%s{", comma ? "," : "");
	jkv(f, "protocol", vocab_proto_name(c->proto), false);
	jkv(f, "state", c->state >= 0 ? vocab_state_name(c->state) : NULL, true);
	fprintf(f, ",\"opened\":%s,\"rejected_by_peer\":%s",
		c->opened ? "true" : "false", c->refused ? "true" : "false");
	jside(f, l, "local", c->lreq, c->lack);
	jside(f, l, "peer", c->preq, c->pack);
	jrefused(f, l, "peer_rejected", c->lrej);
	jrefused(f, l, "peer_naked", c->lnak);
	jrefused(f, l, "we_rejected", c->prej);
	jrefused(f, l, "we_naked", c->pnak);
	fputc('}', f);
}

static void jauthdir(FILE *f, const char *key, const struct dl_authdir *a)
{
	fprintf(f, ",\"%s\":", key);
	if (!a->proto) {
		fputs("null", f);
		return;
	}
	fputc('{', f);
	jkv(f, "protocol", vocab_proto_name(a->proto), false);
	jkv(f, "name", a->name, true);
	jkv(f, "result", dl_auth_result_name(a->result), true);
	if (a->result)
		jnum(f, "line", a->line);
	jnum(f, "failures", a->fails);
	if (a->msg[0])
		jkv(f, "message", a->msg, true);
	fputc('}', f);
}

static void jip(FILE *f, const char *key, uint32_t a, bool set)
{
	char buf[16];

	jkv(f, key, set ? explain_ip4(a, buf, sizeof(buf)) : NULL, true);
}

static void jipblock(FILE *f, const struct dl_link *l)
{
	bool la, pa, e1, e2;
	uint32_t lo = explain_addr(l, true, &la);
	uint32_t pe = explain_addr(l, false, &pa);
	uint32_t dns1 = explain_dns(l, 0);
	uint32_t dns2 = explain_dns(l, 1);
	uint32_t pdns1 = dl_cp_ipv4(l, PPP_IPCP, false, 129, &e1);
	uint32_t pdns2 = dl_cp_ipv4(l, PPP_IPCP, false, 131, &e2);

	fputs(",\"ip\":{\"local_acked\":", f);
	fputs(la ? "true" : "false", f);
	fprintf(f, ",\"peer_acked\":%s", pa ? "true" : "false");
	jip(f, "local", lo, lo || la);
	jip(f, "peer", pe, pe || pa);
	jip(f, "dns1", dns1, dns1);
	jip(f, "dns2", dns2, dns2);
	jip(f, "peer_dns1", pdns1, pdns1);
	jip(f, "peer_dns2", pdns2, pdns2);
	fprintf(f, ",\"route\":{\"installed\":%s", l->route ? "true" : "false");
	if (l->route) {
		jip(f, "to", l->route_addr, true);
		jnum(f, "line", l->route_line);
	}
	fputs("}}", f);
}

static void jdiag(FILE *f, const struct dl_diag *d, bool comma)
{
	int i;

	fprintf(f, "%s{", comma ? "," : "");
	jkv(f, "kind", dl_diag_name(d->kind), false);
	jkv(f, "protocol", d->proto ? vocab_proto_name(d->proto) : NULL, true);
	jkv(f, "text", d->text, true);
	fputs(",\"lines\":[", f);
	for (i = 0; i < d->nlines; i++)
		fprintf(f, "%s%u", i ? "," : "", d->lines[i]);
	fputs("]}", f);
}

static const char *type_name(int t)
{
	static const char *const n[] = {
		[DL_PACKET] = "packet", [DL_PHASE] = "phase", [DL_STATE] = "state",
		[DL_ROUTE] = "route", [DL_TIMEOUT] = "timeout", [DL_NOTE] = "note",
		[DL_CONSOLE] = "console",
	};

	return t >= 0 && t <= DL_CONSOLE ? n[t] : "?";
}

static void jevent(FILE *f, const struct dl_link *l, const struct dl_ev *e,
		   bool comma)
{
	char label[128], detail[512];

	explain_label(label, sizeof(label), e);
	explain_detail(detail, sizeof(detail), l, e);
	fprintf(f, "%s{\"line\":%u", comma ? "," : "", e->line);
	jkv(f, "time", e->stamp, true);
	jkv(f, "interface", dl_ev_ifname(l, e), true);
	jkv(f, "type", type_name(e->type), true);
	jkv(f, "dir", e->dir == 'I' ? "in" : e->dir == 'O' ? "out" : NULL, true);
	jkv(f, "label", label, true);
	jkv(f, "detail", detail, true);
	if (e->type == DL_PACKET && vocab_is_cp(e->proto) &&
	    e->code >= CP_CONFREQ && e->code <= CP_CONFREJ)
		jopts(f, "options", e->proto, e->opts, e->optlen);
	fputc('}', f);
}

static void jlink(FILE *f, const struct dl_link *l, bool ladder, bool comma)
{
	bool first = true;
	size_t k;
	int i;

	fprintf(f, "%s{", comma ? "," : "");
	jkv(f, "ifname", l->ifname, false);
	jkv(f, "source", dl_source_name(l->source), true);
	fputs(",\"aliases\":[", f);
	for (i = 0; i < l->naliases; i++) {
		fputs(i ? "," : "", f);
		jstr(f, l->aliases[i]);
	}
	fputc(']', f);
	jkv(f, "phase", l->phase >= 0 ? vocab_phase_name(l->phase) : NULL, true);
	jkv(f, "furthest_phase",
	    l->furthest >= 0 ? vocab_phase_name(l->furthest) : NULL, true);
	fputs(",\"protocols\":[", f);
	for (i = 0; i < l->ncp; i++)
		jcp(f, l, &l->cp[i], i > 0);
	fputs("],\"auth\":{", f);
	jkv(f, "by", vocab_by_name(l->by), false);
	jkv(f, "peer_hostname", l->peer_host[0] ? l->peer_host : NULL, true);
	jauthdir(f, "of_peer", &l->auth_peer);
	jauthdir(f, "of_local", &l->auth_local);
	fputc('}', f);
	jipblock(f, l);
	fputs(",\"diagnoses\":[", f);
	for (i = 0; i < l->ndiag; i++)
		jdiag(f, &l->diag[i], i > 0);
	fputc(']', f);
	if (ladder) {
		fputs(",\"ladder\":[", f);
		for (k = 0; k < l->nev; k++)
			if (explain_in_ladder(&l->ev[k])) {
				jevent(f, l, &l->ev[k], !first);
				first = false;
			}
		fputc(']', f);
	}
	fputc('}', f);
}

/* The links' common source, "mixed" when they differ, NULL without links. */
static const char *log_source(const struct dlog *g)
{
	int i, src = -1;

	for (i = 0; i < dlog_nlinks(g); i++) {
		int s = dlog_link(g, i)->source;

		if (src >= 0 && s != src)
			return "mixed";
		src = s;
	}
	return src >= 0 ? dl_source_name(src) : NULL;
}

void explain_json(FILE *f, const struct dlog *g, bool ladder)
{
	const struct dlog_stats *st = dlog_stats(g);
	unsigned int i;

	fprintf(f, "{\"lines\":%u,\"parsed\":%u,\"console\":%u,\"skipped\":%u,"
		   "\"dropped\":%u,\"cleaned\":%u,\"suspect_skipped\":%u,"
		   "\"suspect_lines\":[", st->lines, st->parsed,
		st->console, st->skipped, st->dropped, st->cleaned, st->suspect);
	for (i = 0; i < st->suspect && i < DL_SUSPECT_LINES; i++)
		fprintf(f, "%s%u", i ? "," : "", st->suspect_lines[i]);
	fputc(']', f);
	jkv(f, "source", log_source(g), true);
	fputs(",\"links\":[", f);
	for (i = 0; i < (unsigned int)dlog_nlinks(g); i++)
		jlink(f, dlog_link(g, (int)i), ladder, i > 0);
	fputs("]}\n", f);
}
