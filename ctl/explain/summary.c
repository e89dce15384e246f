// SPDX-License-Identifier: GPL-2.0
/*
 * Summing up one link's events: phases, the final state of LCP and each
 * NCP with the options asked and acknowledged, authentication each way,
 * the route.  States come from "State is" lines and, between them, from
 * the state in brackets moved on by the packet (RFC 1661 section 4.1).
 * pppd prints neither: for its logs each packet moves on the state the
 * packets before left (Stopped before the first), and its messages
 * ("Connect:", "Connection terminated.", "Modem hangup") stand for phases.
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
	int st = e->state;

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
			/* RFC 1661: RXJ- takes it to Stopped. */
			if (r && dl_infers_states(l))
				cp_state(r, VS_STOPPED, e->line);
		}
		break;
	}
	if (st < 0 && dl_infers_states(l)) {
		st = c->state >= 0 ? c->state : VS_STOPPED;
		/* Echoes and the like leave it where it was. */
		if ((out ? after_send(st, e->code) : after_recv(st, e->code)) == c->state)
			return;
	}
	if (st >= 0)
		cp_state(c, out ? after_send(st, e->code) :
				  after_recv(st, e->code), e->line);
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

static void set_phase(struct dl_link *l, int ph, unsigned int line)
{
	if (ph == VP_DOWN || ph == VP_TERMINATING)
		ncps_down(l, line);
	if (ph == VP_DOWN)
		lcp_down(l, line);
	l->phase = ph;
	l->phase_line = line;
	reach(l, ph);
}

static void phase_event(struct dl_link *l, const struct dl_ev *e)
{
	if (e->alias || e->phase < 0)
		return;
	set_phase(l, e->phase, e->line);
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

/*
 * pppd's messages about authentication count when the log has no PAP or
 * CHAP packets (pppd without `debug`); with packets, those tell.
 */
static void auth_note(struct dl_link *l, const struct dl_ev *e, bool packets)
{
	bool peer = e->note == DN_AUTH_PEER_OK || e->note == DN_AUTH_PEER_FAIL;
	bool ok = e->note == DN_AUTH_PEER_OK || e->note == DN_AUTH_LOCAL_OK;
	struct dl_authdir *a = peer ? &l->auth_peer : &l->auth_local;

	if (packets)
		return;
	reach(l, VP_AUTHENTICATING);
	/* "CHAP authentication failed: msg" comes with a bare repeat. */
	if (a->result == (ok ? DL_AUTH_OK : DL_AUTH_FAIL) && a->line + 1 == e->line)
		return;
	a->proto = e->proto;
	if (e->name[0])
		snprintf(a->name, sizeof(a->name), "%s", e->name);
	a->result = ok ? DL_AUTH_OK : DL_AUTH_FAIL;
	a->line = e->line;
	if (ok)
		return;
	a->fails++;
	a->fail_line = e->line;
}

/*
 * Older IOS prints no phases: the console's "changed state to down" of
 * the link itself takes it down, as pppd's "Connection terminated." does.
 */
static bool legacy_down(const struct dl_link *l, const struct dl_ev *e)
{
	return l->source == DL_SRC_IOS_LEGACY && e->type == DL_CONSOLE &&
	       !e->alias && !strncmp(e->text, "%LINK-", 6) &&
	       strstr(e->text, "changed state to down");
}

static void note_event(struct dl_link *l, const struct dl_ev *e, bool packets)
{
	switch (e->note) {
	case DN_CONNECT:
		set_phase(l, VP_ESTABLISHING, e->line);
		break;
	case DN_HANGUP:
	case DN_TERMINATED:
		set_phase(l, VP_DOWN, e->line);
		break;
	case DN_TERM_BY_PEER:	/* pppd hangs up after it */
		if (e->proto == PPP_LCP)
			set_phase(l, VP_DOWN, e->line);
		break;
	case DN_AUTH_LOCAL_OK:
	case DN_AUTH_LOCAL_FAIL:
	case DN_AUTH_PEER_OK:
	case DN_AUTH_PEER_FAIL:
		auth_note(l, e, packets);
		break;
	case DN_LOCAL_IP:
		l->note_local = e->value;
		break;
	case DN_REMOTE_IP:
		l->note_remote = e->value;
		break;
	case DN_DNS1:
	case DN_DNS2:
		l->note_dns[e->note == DN_DNS2] = e->value;
		break;
	}
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
	case DL_TIMEOUT:	/* "LCP: TIMEout: State ACKsent" */
		c = vocab_is_cp(e->proto) ? dl_cp_mut(l, e->proto) : NULL;
		if (c && e->state >= 0 && c->state < 0)
			cp_state(c, e->state, e->line);
		break;
	default:
		return;
	}
	infer_phase(l, e);
}

void dl_summarize(struct dl_link *l)
{
	bool phase_seen = false, auth_pkts = false;
	int down = -1;
	size_t i;

	l->phase = l->furthest = l->by = -1;
	l->ncp = 0;
	dl_cp_mut(l, PPP_LCP);
	for (i = 0; i < l->nev; i++)
		auth_pkts |= l->ev[i].type == DL_PACKET &&
			     (l->ev[i].proto == PPP_PAP || l->ev[i].proto == PPP_CHAP);
	for (i = 0; i < l->nev; i++) {
		const struct dl_ev *e = &l->ev[i];

		one_event(l, e, (int)i);
		if (e->type == DL_NOTE && e->note)
			note_event(l, e, auth_pkts);
		if (legacy_down(l, e))
			set_phase(l, VP_DOWN, e->line);
		phase_seen |= e->type == DL_PHASE && !e->alias;
		/* pppd: down until the next "Connect:" or LCP CONFREQ. */
		if (e->note == DN_HANGUP || e->note == DN_TERMINATED ||
		    (e->note == DN_TERM_BY_PEER && e->proto == PPP_LCP) ||
		    legacy_down(l, e))
			down = (int)i;
		else if (e->note == DN_CONNECT || (e->type == DL_PACKET &&
							      e->proto == PPP_LCP && e->code == CP_CONFREQ))
			down = -1;
	}
	if (!phase_seen && down < 0)
		l->phase = l->furthest;
	if (l->by < 0)
		l->by = (l->auth_peer.proto ? VB_THIS_END : 0) |
			(l->auth_local.proto ? VB_PEER : 0);
}

const char *dl_source_name(int src)
{
	static const char *const names[DL_SRC_COUNT] = {
		[DL_SRC_IOS] = "ios", [DL_SRC_PPPK] = "pppk",
		[DL_SRC_PPPD] = "pppd", [DL_SRC_IOS_LEGACY] = "ios-legacy",
	};

	return src > 0 && src < DL_SRC_COUNT ? names[src] : NULL;
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
