// SPDX-License-Identifier: GPL-2.0
/*
 * `pppctl -j explain`: the reading as one JSON object, written with
 * pppctl's JSON writer (json.h), which escapes every string: bytes outside
 * printable ASCII become \u00XX, so the output is valid JSON (and ASCII)
 * whatever the input was.  The schema is in Documentation/explain.md.
 */
#include <string.h>

#include "json.h"
#include "proto/dbgopt.h"
#include "output.h"
#include "proto/vocab.h"

static void kstr(struct jw *w, const char *key, const char *val)
{
	jw_key(w, key);
	jw_str(w, val);
}

static void kuint(struct jw *w, const char *key, uint64_t v)
{
	jw_key(w, key);
	jw_uint(w, v);
}

static void kbool(struct jw *w, const char *key, bool b)
{
	jw_key(w, key);
	jw_bool(w, b);
}

static void jopts(struct jw *w, const char *key, uint16_t proto,
		  const uint8_t *opts, size_t len)
{
	char text[160], hex[600];
	struct dbgopt o;
	size_t off = 0;

	jw_key(w, key);
	jw_arr(w);
	while (dbgopt_next(opts, len, &off, &o)) {
		if (o.garbled)
			snprintf(text, sizeof(text), "Garbled");
		else
			dbgopt_render(text, sizeof(text), proto, o.raw, o.len);
		dbgopt_hex(hex, sizeof(hex), o.raw, o.len, 255);
		jw_obj(w);
		kuint(w, "type", o.raw[0]);
		kstr(w, "text", text);
		kstr(w, "raw", hex + 2);
		jw_obj_end(w);
	}
	jw_arr_end(w);
}

static void jside(struct jw *w, const struct dl_link *l, const char *key,
		  int req, int ack)
{
	jw_key(w, key);
	jw_obj(w);
	jw_key(w, "asked_line");
	if (req >= 0) {
		jw_uint(w, l->ev[req].line);
		jopts(w, "asked", l->ev[req].proto, l->ev[req].opts,
		      l->ev[req].optlen);
	} else {
		jw_null(w);
	}
	if (ack >= 0) {
		kuint(w, "acked_line", l->ev[ack].line);
		jopts(w, "acked", l->ev[ack].proto, l->ev[ack].opts,
		      l->ev[ack].optlen);
	}
	jw_obj_end(w);
}

static void jrefused(struct jw *w, const struct dl_link *l, const char *key,
		     int i)
{
	if (i < 0)
		return;
	jw_key(w, key);
	jw_obj(w);
	kuint(w, "line", l->ev[i].line);
	jopts(w, "options", l->ev[i].proto, l->ev[i].opts, l->ev[i].optlen);
	jw_obj_end(w);
}

static void jcp(struct jw *w, const struct dl_link *l, const struct dl_cp *c)
{
	jw_obj(w);
	kstr(w, "protocol", vocab_proto_name(c->proto));
	kstr(w, "state", c->state >= 0 ? vocab_state_name(c->state) : NULL);
	kbool(w, "opened", c->opened);
	kbool(w, "rejected_by_peer", c->refused);
	jside(w, l, "local", c->lreq, c->lack);
	jside(w, l, "peer", c->preq, c->pack);
	jrefused(w, l, "peer_rejected", c->lrej);
	jrefused(w, l, "peer_naked", c->lnak);
	jrefused(w, l, "we_rejected", c->prej);
	jrefused(w, l, "we_naked", c->pnak);
	jw_obj_end(w);
}

static void jauthdir(struct jw *w, const char *key, const struct dl_authdir *a)
{
	jw_key(w, key);
	if (!a->proto) {
		jw_null(w);
		return;
	}
	jw_obj(w);
	kstr(w, "protocol", vocab_proto_name(a->proto));
	kstr(w, "name", a->name);
	kstr(w, "result", dl_auth_result_name(a->result));
	if (a->result)
		kuint(w, "line", a->line);
	kuint(w, "failures", a->fails);
	if (a->msg[0])
		kstr(w, "message", a->msg);
	jw_obj_end(w);
}

static void jip(struct jw *w, const char *key, uint32_t a, bool set)
{
	char buf[16];

	kstr(w, key, set ? explain_ip4(a, buf, sizeof(buf)) : NULL);
}

static void jipblock(struct jw *w, const struct dl_link *l)
{
	bool la, pa, e1, e2;
	uint32_t lo = explain_addr(l, true, &la);
	uint32_t pe = explain_addr(l, false, &pa);
	uint32_t dns1 = explain_dns(l, 0);
	uint32_t dns2 = explain_dns(l, 1);
	uint32_t pdns1 = dl_cp_ipv4(l, PPP_IPCP, false, 129, &e1);
	uint32_t pdns2 = dl_cp_ipv4(l, PPP_IPCP, false, 131, &e2);

	jw_key(w, "ip");
	jw_obj(w);
	kbool(w, "local_acked", la);
	kbool(w, "peer_acked", pa);
	jip(w, "local", lo, lo || la);
	jip(w, "peer", pe, pe || pa);
	jip(w, "dns1", dns1, dns1);
	jip(w, "dns2", dns2, dns2);
	jip(w, "peer_dns1", pdns1, pdns1);
	jip(w, "peer_dns2", pdns2, pdns2);
	jw_key(w, "route");
	jw_obj(w);
	kbool(w, "installed", l->route);
	if (l->route) {
		jip(w, "to", l->route_addr, true);
		kuint(w, "line", l->route_line);
	}
	jw_obj_end(w);
	jw_obj_end(w);
}

static void jdiag(struct jw *w, const struct dl_diag *d)
{
	int i;

	jw_obj(w);
	kstr(w, "kind", dl_diag_name(d->kind));
	kstr(w, "protocol", d->proto ? vocab_proto_name(d->proto) : NULL);
	kstr(w, "text", d->text);
	jw_key(w, "lines");
	jw_arr(w);
	for (i = 0; i < d->nlines; i++)
		jw_uint(w, d->lines[i]);
	jw_arr_end(w);
	jw_obj_end(w);
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

static void jevent(struct jw *w, const struct dl_link *l, const struct dl_ev *e)
{
	char label[128], detail[512];

	explain_label(label, sizeof(label), l, e);
	explain_detail(detail, sizeof(detail), l, e);
	jw_obj(w);
	kuint(w, "line", e->line);
	kstr(w, "time", e->stamp);
	kstr(w, "interface", dl_ev_ifname(l, e));
	kstr(w, "type", type_name(e->type));
	kstr(w, "dir", e->dir == 'I' ? "in" : e->dir == 'O' ? "out" : NULL);
	kstr(w, "label", label);
	kstr(w, "detail", detail);
	if (e->type == DL_PACKET && vocab_is_cp(e->proto) &&
	    e->code >= CP_CONFREQ && e->code <= CP_CONFREJ)
		jopts(w, "options", e->proto, e->opts, e->optlen);
	jw_obj_end(w);
}

static void jlink(struct jw *w, const struct dl_link *l, bool ladder)
{
	size_t k;
	int i;

	jw_obj(w);
	kstr(w, "ifname", l->ifname);
	kstr(w, "source", dl_source_name(l->source));
	jw_key(w, "pid");
	if (l->pid)
		jw_uint(w, l->pid);
	else
		jw_null(w);
	jw_key(w, "aliases");
	jw_arr(w);
	for (i = 0; i < l->naliases; i++)
		jw_str(w, l->aliases[i]);
	jw_arr_end(w);
	kstr(w, "phase", l->phase >= 0 ? vocab_phase_name(l->phase) : NULL);
	kstr(w, "furthest_phase",
	     l->furthest >= 0 ? vocab_phase_name(l->furthest) : NULL);
	jw_key(w, "protocols");
	jw_arr(w);
	for (i = 0; i < l->ncp; i++)
		jcp(w, l, &l->cp[i]);
	jw_arr_end(w);
	jw_key(w, "auth");
	jw_obj(w);
	kstr(w, "by", vocab_by_name(l->by));
	kstr(w, "peer_hostname", l->peer_host[0] ? l->peer_host : NULL);
	jauthdir(w, "of_peer", &l->auth_peer);
	jauthdir(w, "of_local", &l->auth_local);
	jw_obj_end(w);
	jipblock(w, l);
	jw_key(w, "diagnoses");
	jw_arr(w);
	for (i = 0; i < l->ndiag; i++)
		jdiag(w, &l->diag[i]);
	jw_arr_end(w);
	if (ladder) {
		jw_key(w, "ladder");
		jw_arr(w);
		for (k = 0; k < l->nev; k++)
			if (explain_in_ladder(&l->ev[k]))
				jevent(w, l, &l->ev[k]);
		jw_arr_end(w);
	}
	jw_obj_end(w);
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
	struct jw w;
	unsigned int i;

	jw_init(&w, f);
	jw_obj(&w);
	kuint(&w, "lines", st->lines);
	kuint(&w, "parsed", st->parsed);
	kuint(&w, "console", st->console);
	kuint(&w, "skipped", st->skipped);
	kuint(&w, "dropped", st->dropped);
	kuint(&w, "cleaned", st->cleaned);
	kuint(&w, "suspect_skipped", st->suspect);
	jw_key(&w, "suspect_lines");
	jw_arr(&w);
	for (i = 0; i < st->suspect && i < DL_SUSPECT_LINES; i++)
		jw_uint(&w, st->suspect_lines[i]);
	jw_arr_end(&w);
	kstr(&w, "source", log_source(g));
	jw_key(&w, "links");
	jw_arr(&w);
	for (i = 0; i < (unsigned int)dlog_nlinks(g); i++)
		jlink(&w, dlog_link(g, (int)i), ladder);
	jw_arr_end(&w);
	jw_obj_end(&w);
	fputc('\n', f);
}
