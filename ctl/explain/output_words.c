// SPDX-License-Identifier: GPL-2.0
/* Words shared by the explain writers: options, event labels, addresses. */
#include <string.h>

#include "proto/dbgopt.h"
#include "proto/dbgpppd.h"
#include "output.h"
#include "proto/vocab.h"

const char *explain_ip4(uint32_t a, char *buf, size_t n)
{
	snprintf(buf, n, "%u.%u.%u.%u", a >> 24, (a >> 16) & 255,
		 (a >> 8) & 255, a & 255);
	return buf;
}

static size_t room(size_t n, size_t k)
{
	return k < n ? n - k : 0;
}

void explain_opts(char *buf, size_t n, uint16_t proto, const uint8_t *opts,
		  size_t len)
{
	struct dbgopt o;
	size_t off = 0, k = 0;
	char one[160];

	if (!n)
		return;
	buf[0] = 0;
	while (dbgopt_next(opts, len, &off, &o)) {
		if (o.garbled)
			snprintf(one, sizeof(one), "Garbled");
		else
			dbgopt_render(one, sizeof(one), proto, o.raw, o.len);
		k += snprintf(buf + k, room(n, k), "%s%s", k ? ", " : "", one);
		if (k >= n)
			return;
	}
}

/*
 * Packets, phases, routes, timeouts, console messages, pppd's messages the
 * reading understood, and the states that end or start a negotiation (not
 * the transitions in between).
 */
bool explain_in_ladder(const struct dl_ev *e)
{
	switch (e->type) {
	case DL_STATE:
		return e->state != VS_REQSENT && e->state != VS_ACKRCVD &&
		       e->state != VS_ACKSENT;
	case DL_PACKET:
	case DL_PHASE:
	case DL_ROUTE:
	case DL_TIMEOUT:
	case DL_CONSOLE:
		return true;
	case DL_NOTE:	/* pppd's messages that tell something */
		return e->note != DN_NONE && e->note != DN_IFNAME;
	}
	return false;
}

static const char *proto_name(uint16_t p, char *buf, size_t n)
{
	const char *s = p ? vocab_proto_name(p) : "PPP";

	if (s)
		return s;
	snprintf(buf, n, "0x%04X", p);
	return buf;
}

/*
 * A packet as its log's source writes it: "LCP CONFREQ id 4" (IOS, pppk),
 * "LCP ConfReq id=0x4" (pppd), both from the vocabulary.
 */
static void packet_label(char *buf, size_t n, const struct dl_link *l,
			 const struct dl_ev *e, const char *p)
{
	bool pppd = l && l->source == DL_SRC_PPPD;
	const char *code = e->code < 0 ? NULL : pppd ?
		vocab_pppd_code_name(e->proto, (unsigned int)e->code) :
		vocab_code_name(e->proto, (unsigned int)e->code);

	if (code)
		snprintf(buf, n, "%s %s", p, code);
	else if (pppd)
		snprintf(buf, n, "%s code=0x%x", p, (unsigned int)e->code);
	else
		snprintf(buf, n, "%s CODE%d", p, e->code);
	if (e->id >= 0)
		snprintf(buf + strlen(buf), room(n, strlen(buf)),
			 pppd ? " id=0x%x" : " id %d", e->id);
}

void explain_label(char *buf, size_t n, const struct dl_link *l,
		   const struct dl_ev *e)
{
	char pb[8], a[16];
	const char *p = proto_name(e->proto, pb, sizeof(pb));
	const char *st = e->state >= 0 ? vocab_state_name(e->state) : "?";

	switch (e->type) {
	case DL_PACKET:
		packet_label(buf, n, l, e, p);
		return;
	case DL_PHASE:
		snprintf(buf, n, "PPP Phase is %s", vocab_phase_name(e->phase));
		return;
	case DL_STATE:
		snprintf(buf, n, "%s State is %s", p, st);
		return;
	case DL_TIMEOUT:
		if (l && l->source == DL_SRC_PPPD)
			snprintf(buf, n, "%s timeout sending Config-Requests", p);
		else
			snprintf(buf, n, "%s TIMEout in %s", p, st);
		return;
	case DL_ROUTE:
		snprintf(buf, n, "Install route to %s",
			 explain_ip4(e->value, a, sizeof(a)));
		return;
	}
	if (e->type == DL_NOTE) {
		snprintf(buf, n, "%s", e->text);
		return;
	}
	/* Console: the message's tag; the rest goes in the detail. */
	snprintf(buf, n, "%.*s", (int)strcspn(e->text, ":"), e->text);
}

void explain_detail(char *buf, size_t n, const struct dl_link *l,
		    const struct dl_ev *e)
{
	const char *p;
	size_t k;

	buf[0] = 0;
	if (e->type == DL_PACKET && e->optlen && l->source == DL_SRC_PPPD)
		dbg_pppd_options(buf, n, e->proto, e->opts, e->optlen);
	else if (e->type == DL_PACKET && e->optlen)
		explain_opts(buf, n, e->proto, e->opts, e->optlen);
	else if (e->type == DL_PACKET && e->name[0])
		snprintf(buf, n, "\"%s\"", e->name);
	else if (e->type == DL_PACKET && e->code == CP_PROTREJ && e->has_value)
		snprintf(buf, n, "protocol %s", vocab_proto_name(e->value) ?
			 vocab_proto_name(e->value) : "?");
	else if (e->type == DL_PACKET && e->code == CP_CODEREJ && e->has_value)
		snprintf(buf, n, "code %u", e->value);
	else if (e->type == DL_PACKET && e->has_value)
		snprintf(buf, n, "magic 0x%08X", e->value);
	else if (e->type == DL_PHASE)
		snprintf(buf, n, "%s", e->text);
	else if (e->type == DL_CONSOLE && (p = strchr(e->text, ':')))
		snprintf(buf, n, "%s", p[1] == ' ' ? p + 2 : p + 1);
	if (e->type == DL_PACKET && e->text[0]) {
		k = strlen(buf);
		snprintf(buf + k, room(n, k), "%s\"%s\"", k ? " " : "", e->text);
	}
	if (e->alias) {
		k = strlen(buf);
		snprintf(buf + k, room(n, k), "%s[%s]", k ? " " : "",
			 dl_ev_ifname(l, e));
	}
}

uint32_t explain_addr(const struct dl_link *l, bool local, bool *acked)
{
	uint32_t a = dl_cp_ipv4(l, PPP_IPCP, local, 3, acked);
	uint32_t n = local ? l->note_local : l->note_remote;

	if ((!a || !*acked) && n) {
		*acked = true;
		return n;
	}
	return a;
}

uint32_t explain_dns(const struct dl_link *l, int i)
{
	bool acked;
	uint32_t a = dl_cp_ipv4(l, PPP_IPCP, true, i ? 131 : 129, &acked);

	return a ? a : l->note_dns[i ? 1 : 0];
}

int explain_pppd_pids(const struct dlog *g)
{
	int i, n = 0;

	for (i = 0; i < dlog_nlinks(g); i++)
		n += dlog_link(g, i)->pid != 0;
	return n;
}

const char *explain_link_name(char *buf, size_t n, const struct dlog *g,
			      const struct dl_link *l)
{
	if (l->pid && explain_pppd_pids(g) > 1)
		snprintf(buf, n, "%s pppd[%u]", l->ifname, l->pid);
	else
		snprintf(buf, n, "%s", l->ifname);
	return buf;
}

void explain_warning(char *buf, size_t n, const struct dlog_stats *st)
{
	size_t k;
	unsigned int i;

	if (!n)
		return;
	buf[0] = 0;
	if (!st->suspect)
		return;
	k = (size_t)snprintf(buf, n, "warning: %u skipped line%s look%s like PPP "
			     "log lines (line%s ", st->suspect,
			     st->suspect > 1 ? "s" : "", st->suspect > 1 ? "" : "s",
			     st->suspect > 1 ? "s" : "");
	for (i = 0; i < st->suspect && i < DL_SUSPECT_LINES; i++)
		k += (size_t)snprintf(buf + k, room(n, k), "%s%u", i ? ", " : "",
				      st->suspect_lines[i]);
	snprintf(buf + k, room(n, k), "%s): the diagnosis rests on a partial "
		 "read", st->suspect > DL_SUSPECT_LINES ? ", ..." : "");
}
