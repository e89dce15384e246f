// SPDX-License-Identifier: GPL-2.0
/*
 * Summing up one link's events: phases, the final state of LCP and each
 * NCP with the options asked and acknowledged, authentication each way,
 * the route.  States come from "State is" lines and, between them, from
 * the state in brackets moved on by the packet (RFC 1661 section 4.1).
 */
#include <string.h>

#include "log.h"
#include "proto/vocab.h"

struct dl_cp *dl_cp_mut(struct dl_link *l, uint16_t proto)
{
	struct dl_cp *c;
	int i;

	for (i = 0; i < l->ncp; i++)
		if (l->cp[i].proto == proto)
			return &l->cp[i];
	if (l->ncp >= DL_MAX_CP)
		return NULL;
	c = &l->cp[l->ncp++];
	memset(c, 0, sizeof(*c));
	c->proto = proto;
	c->state = -1;
	c->lreq = c->lack = c->lnak = c->lrej = -1;
	c->preq = c->pack = c->pnak = c->prej = -1;
	return c;
}

const struct dl_cp *dl_cp_get(const struct dl_link *l, uint16_t proto)
{
	int i;

	for (i = 0; i < l->ncp; i++)
		if (l->cp[i].proto == proto)
			return &l->cp[i];
	return NULL;
}

/* After sending a packet in state st. */
static int after_send(int st, int code)
{
	switch (code) {
	case CP_CONFREQ:
		return st == VS_ACKSENT ? VS_ACKSENT : VS_REQSENT;
	case CP_CONFACK:
		if (st == VS_ACKRCVD)
			return VS_OPENED;
		return st == VS_CLOSING || st == VS_STOPPING ? st : VS_ACKSENT;
	case CP_CONFNAK:
	case CP_CONFREJ:
		return st == VS_ACKSENT || st == VS_STOPPED || st == VS_LISTEN ?
		       VS_REQSENT : st;
	case CP_TERMREQ:
		return VS_CLOSING;
	case CP_TERMACK:
		/*
		 * Acking the peer's TERMREQ: IOS shows the state the TERMREQ
		 * found ("I TERMREQ [Open]", "O TERMACK [Open]").
		 */
		if (st == VS_OPENED)
			return VS_STOPPING;
		return st == VS_ACKRCVD || st == VS_ACKSENT ? VS_REQSENT : st;
	}
	return st;
}

/* After receiving a packet in state st. */
static int after_recv(int st, int code)
{
	switch (code) {
	case CP_CONFACK:
		if (st == VS_REQSENT)
			return VS_ACKRCVD;
		return st == VS_ACKSENT ? VS_OPENED : st;
	case CP_CONFNAK:
	case CP_CONFREJ:
		return st == VS_ACKRCVD || st == VS_OPENED ? VS_REQSENT : st;
	case CP_TERMREQ:
		if (st == VS_OPENED)
			return VS_STOPPING;
		return st == VS_ACKRCVD || st == VS_ACKSENT ? VS_REQSENT : st;
	case CP_TERMACK:
		if (st == VS_CLOSING)
			return VS_CLOSED;
		if (st == VS_STOPPING)
			return VS_STOPPED;
		return st == VS_ACKRCVD || st == VS_OPENED ? VS_REQSENT : st;
	}
	return st;
}

static void cp_state(struct dl_cp *c, int st, unsigned int line)
{
	c->state = st;
	c->state_line = line;
	if (st == VS_OPENED) {
		c->opened = true;
		c->open_line = line;
	}
}

static void cp_packet(struct dl_link *l, const struct dl_ev *e, int i)
{
	struct dl_cp *c = dl_cp_mut(l, e->proto);
	bool out = e->dir == 'O';

	if (!c)
		return;
	switch (e->code) {
	case CP_CONFREQ:
		*(out ? &c->lreq : &c->preq) = i;
		break;
	case CP_CONFACK:
		*(out ? &c->pack : &c->lack) = i;
		break;
	case CP_CONFNAK:
		*(out ? &c->pnak : &c->lnak) = i;
		break;
	case CP_CONFREJ:
		*(out ? &c->prej : &c->lrej) = i;
		break;
	case CP_PROTREJ:
		if (!out && e->has_value && vocab_is_cp(e->value)) {
			struct dl_cp *r = dl_cp_mut(l, (uint16_t)e->value);

			if (r)
				r->refused = true;
		}
		break;
	}
	if (e->state >= 0)
		cp_state(c, out ? after_send(e->state, e->code) :
				  after_recv(e->state, e->code), e->line);
}

static void auth_result(struct dl_authdir *a, const struct dl_ev *e, bool ok)
{
	a->result = ok ? DL_AUTH_OK : DL_AUTH_FAIL;
	a->line = e->line;
	if (ok)
		return;
	a->fails++;
	a->fail_line = e->line;
	snprintf(a->msg, sizeof(a->msg), "%s", e->text);
}

/*
 * CHAP: the authenticator sends CHALLENGE and SUCCESS/FAILURE, the peer
 * being authenticated sends RESPONSE.  PAP: the one being authenticated
 * sends AUTH-REQ, the authenticator AUTH-ACK/AUTH-NAK.
 */
static void auth_packet(struct dl_link *l, const struct dl_ev *e)
{
	bool out = e->dir == 'O', chap = e->proto == PPP_CHAP;
	/* Whose authentication the packet belongs to. */
	bool of_peer = chap ? (e->code == CHAP_RESPONSE ? !out : out)
			    : (e->code == PAP_AUTHREQ ? !out : out);
	struct dl_authdir *a = of_peer ? &l->auth_peer : &l->auth_local;

	a->proto = e->proto;
	if (chap && e->code == CHAP_CHALLENGE && !out)
		snprintf(l->peer_host, sizeof(l->peer_host), "%s", e->name);
	if ((chap && e->code == CHAP_RESPONSE) ||
	    (!chap && e->code == PAP_AUTHREQ))
		snprintf(a->name, sizeof(a->name), "%s", e->name);
	if ((chap && e->code == CHAP_SUCCESS) || (!chap && e->code == PAP_AUTHACK))
		auth_result(a, e, true);
	if ((chap && e->code == CHAP_FAILURE) || (!chap && e->code == PAP_AUTHNAK))
		auth_result(a, e, false);
}

static int phase_rank(int ph)
{
	switch (ph) {
	case VP_ESTABLISHING:
		return 1;
	case VP_AUTHENTICATING:
		return 2;
	case VP_UP:
		return 3;
	}
	return 0;	/* DOWN, TERMINATING */
}

static void reach(struct dl_link *l, int ph)
{
	if (l->furthest < 0 || phase_rank(ph) > phase_rank(l->furthest))
		l->furthest = ph;
}

/*
 * A link going down takes its NCPs down: IOS does not always print their
 * "State is Closed", so NCPs still Open are closed here.
 */
static void ncps_down(struct dl_link *l, unsigned int line)
{
	int i;

	for (i = 0; i < l->ncp; i++) {
		if (!vocab_is_ncp(l->cp[i].proto))
			continue;
		if (l->cp[i].state == VS_OPENED || l->cp[i].state == VS_CLOSING)
			cp_state(&l->cp[i], VS_CLOSED, line);
		else if (l->cp[i].state == VS_STOPPING)
			cp_state(&l->cp[i], VS_STOPPED, line);
	}
}

/*
 * The link is down: LCP is not Open any more.  IOS prints no "State is"
 * for it after "I TERMREQ [Open]", "O TERMACK [Open]", "Phase is DOWN".
 */
static void lcp_down(struct dl_link *l, unsigned int line)
{
	struct dl_cp *c = dl_cp_mut(l, PPP_LCP);

	if (!c)
		return;
	switch (c->state) {
	case VS_OPENED:
	case VS_STOPPING:
	case VS_REQSENT:
	case VS_ACKRCVD:
	case VS_ACKSENT:
		cp_state(c, VS_STOPPED, line);
		break;
	case VS_CLOSING:
		cp_state(c, VS_CLOSED, line);
		break;
	}
}

static void phase_event(struct dl_link *l, const struct dl_ev *e)
{
	if (e->alias || e->phase < 0)
		return;
	if (e->phase == VP_DOWN || e->phase == VP_TERMINATING)
		ncps_down(l, e->line);
	if (e->phase == VP_DOWN)
		lcp_down(l, e->line);
	l->phase = e->phase;
	l->phase_line = e->line;
	reach(l, e->phase);
	if (e->phase == VP_AUTHENTICATING && e->by >= 0)
		l->by = e->by;
}

/* Without phase lines, what the packets show was reached. */
static void infer_phase(struct dl_link *l, const struct dl_ev *e)
{
	if (e->proto == PPP_LCP)
		reach(l, VP_ESTABLISHING);
	else if (e->proto == PPP_PAP || e->proto == PPP_CHAP)
		reach(l, VP_AUTHENTICATING);
	else if (vocab_is_ncp(e->proto))
		reach(l, VP_UP);
}

static void one_event(struct dl_link *l, const struct dl_ev *e, int i)
{
	struct dl_cp *c;

	switch (e->type) {
	case DL_PHASE:
		phase_event(l, e);
		return;
	case DL_STATE:
		c = vocab_is_cp(e->proto) ? dl_cp_mut(l, e->proto) : NULL;
		if (c && e->state >= 0)
			cp_state(c, e->state, e->line);
		break;
	case DL_PACKET:
		if (vocab_is_cp(e->proto))
			cp_packet(l, e, i);
		else if (e->proto == PPP_PAP || e->proto == PPP_CHAP)
			auth_packet(l, e);
		break;
	case DL_ROUTE:
		l->route = true;
		l->route_addr = e->value;
		l->route_line = e->line;
		break;
	default:
		return;
	}
	infer_phase(l, e);
}

void dl_summarize(struct dl_link *l)
{
	bool phase_seen = false;
	size_t i;

	l->phase = l->furthest = l->by = -1;
	l->ncp = 0;
	dl_cp_mut(l, PPP_LCP);
	for (i = 0; i < l->nev; i++) {
		one_event(l, &l->ev[i], (int)i);
		phase_seen |= l->ev[i].type == DL_PHASE && !l->ev[i].alias;
	}
	if (!phase_seen)
		l->phase = l->furthest;
	if (l->by < 0)
		l->by = (l->auth_peer.proto ? VB_THIS_END : 0) |
			(l->auth_local.proto ? VB_PEER : 0);
}

const char *dl_auth_result_name(int r)
{
	return r == DL_AUTH_OK ? "success" : r == DL_AUTH_FAIL ? "failure" : "none";
}

const uint8_t *dl_cp_opt(const struct dl_link *l, const struct dl_cp *c,
			 bool local, uint8_t type, size_t *len, bool *acked)
{
	int ack = local ? c->lack : c->pack, req = local ? c->lreq : c->preq;
	const uint8_t *o = NULL;

	*acked = false;
	if (ack >= 0 && (o = dl_ev_opt(&l->ev[ack], type, len)))
		*acked = true;
	else if (req >= 0)
		o = dl_ev_opt(&l->ev[req], type, len);
	return o;
}

uint32_t dl_cp_ipv4(const struct dl_link *l, uint16_t proto, bool local,
		    uint8_t type, bool *acked)
{
	const struct dl_cp *c = dl_cp_get(l, proto);
	const uint8_t *o;
	size_t len;

	*acked = false;
	if (!c || !(o = dl_cp_opt(l, c, local, type, &len, acked)) || len != 6)
		return 0;
	return (uint32_t)o[2] << 24 | (uint32_t)o[3] << 16 | (uint32_t)o[4] << 8 | o[5];
}
