// SPDX-License-Identifier: GPL-2.0
/*
 * A link's phases (RFC 1661 section 3) and the wiring of its protocols:
 *
 *   ESTABLISHING  LCP negotiates; when it opens, the kernel learns the
 *                 framing options of each direction, the magic numbers and
 *                 the keepalive settings
 *   AUTHENTICATING  PAP/CHAP in the directions LCP agreed
 *   UP            the NCPs (IPCP, IPV6CP, CDPCP) negotiate; as each opens
 *                 the kernel starts passing its data and addresses and the
 *                 route to the peer go on the interface
 *   TERMINATING   LCP closes; once it finishes the kernel link is deleted
 *
 * The kernel answers LCP echoes and counts missed keepalives itself; the
 * link only hears about a dead peer or a loop as events.
 */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <sys/stat.h>

#include <linux/pppk.h>
#include "hookenv.h"
#include "idle.h"
#include "kern.h"
#include "pidfile.h"
#include "proto/secrets.h"
#include "plink.h"
#include "ttylock.h"
#include "ttyspeed.h"
#include "kernel/rtnl.h"

#define container_of(p, type, member) \
	((type *)((char *)(p) - offsetof(type, member)))

/* ---- talking to the kernel link ---- */

static struct nlmsghdr *kset_begin(struct plink *l)
{
	struct nlmsghdr *nlh = nl_msg(&l->owner->kern->nl, PPPK_CMD_LINK_SET, 0);

	mnl_attr_put_u32(nlh, PPPK_A_LINK_IFINDEX, l->ifindex);
	return nlh;
}

/*
 * Settings go down without waiting for the answer: the kernel applies them
 * before it takes the next message from the socket, so frames sent after
 * them go out under them, and a refusal comes back to plink_refused().
 */
static void kset_commit(struct plink *l, struct nlmsghdr *nlh)
{
	int err;

	if (l->gone)
		return;
	err = kern_link_set_nowait(l->owner->kern, nlh);
	if (err)
		dbg_msg(&l->dbg, DBG_ERROR, l->ifname, "PPP",
			"sending link settings to the kernel: %s",
			strerror(-err));
}

void plink_refused(struct plink *l, const struct kern_refusal *r)
{
	const char *what = r->cmd == PPPK_CMD_LINK_SET ?
			   "kernel refused link settings" :
			   r->cmd == PPPK_CMD_FRAME_SEND ?
			   "kernel could not send a frame" : "kernel refused a request";

	dbg_msg(&l->dbg, DBG_ERROR, l->ifname, "PPP", "%s: %s%s%s", what,
		strerror(-r->err), r->msg[0] ? ": " : "", r->msg);
}

static void put_proto(struct nlmsghdr *nlh, uint16_t proto, struct fsm *f)
{
	struct nlattr *e = mnl_attr_nest_start(nlh, PPPK_A_PROTO);

	mnl_attr_put_u16(nlh, PPPK_A_PROTO_NUMBER, proto);
	mnl_attr_put_u8(nlh, PPPK_A_PROTO_STATE, fsm_state(f));
	mnl_attr_nest_end(nlh, e);
}

/* Phase and protocol states, for pppctl show and re-adoption. */
static void push_now(struct loop_timer *t)
{
	struct plink *l = container_of(t, struct plink, t_push);
	struct nlmsghdr *nlh = kset_begin(l);
	struct nlattr *list;
	static const uint8_t phase[VP_COUNT] = {
		[VP_DOWN] = PPPK_PHASE_DEAD,
		[VP_ESTABLISHING] = PPPK_PHASE_ESTABLISH,
		[VP_AUTHENTICATING] = PPPK_PHASE_AUTHENTICATE,
		[VP_UP] = PPPK_PHASE_NETWORK,
		[VP_TERMINATING] = PPPK_PHASE_TERMINATE,
	};

	mnl_attr_put_u8(nlh, PPPK_A_LINK_PHASE, phase[l->phase]);
	list = mnl_attr_nest_start(nlh, PPPK_A_LINK_PROTOS);
	put_proto(nlh, PPP_LCP, &l->lcp.fsm);
	if (!l->conf->noip)
		put_proto(nlh, PPP_IPCP, &l->ipcp.fsm);
	if (l->conf->ipv6)
		put_proto(nlh, PPP_IPV6CP, &l->ipv6cp.fsm);
	if (l->conf->cdpcp)
		put_proto(nlh, PPP_CDPCP, &l->cdpcp.fsm);
	mnl_attr_nest_end(nlh, list);
	kset_commit(l, nlh);
}

/*
 * States change several times while one frame is handled: tell the kernel
 * once, when the loop comes round (one request instead of three or four,
 * which counts with thousands of links).
 */
static void push_states(struct plink *l)
{
	if (!l->gone && !loop_timer_armed(&l->t_push))
		loop_timer_start(l->owner->loop, &l->t_push, 0);
}

/*
 * What push_states() holds back goes first, before a request about the
 * controller's view that takes effect at once: monitors see the phase
 * before the authentication or the addresses it led to.
 */
static void push_pending(struct plink *l)
{
	if (!loop_timer_armed(&l->t_push))
		return;
	loop_timer_stop(l->owner->loop, &l->t_push);
	push_now(&l->t_push);
}

static void set_phase(struct plink *l, enum vocab_phase ph, const char *detail)
{
	if (l->phase == ph && !detail)
		return;
	l->phase = ph;
	dbg_phase(&l->dbg, l->ifname, ph, detail);
	push_states(l);
}

/* ---- the automaton's owner callbacks, shared by every protocol ---- */

static struct fsm_timer *timer_of(struct plink *l, struct fsm *f)
{
	switch (f->proto->protocol) {
	case PPP_LCP:
		return &l->t_lcp;
	case PPP_IPCP:
		return &l->t_ipcp;
	case PPP_IPV6CP:
		return &l->t_ipv6cp;
	default:
		return &l->t_cdpcp;
	}
}

/*
 * The ACCM our LCP Configure-Request asks of the peer: the peer escapes by
 * it from the frame after its Ack on, so the kernel must take it at that
 * Ack, before we even see it.  Arm it, keyed by the request's identifier
 * (the kernel also checks the Ack echoes the request's options).
 */
static void arm_rx_at_ack(struct plink *l, const uint8_t *pkt, size_t len)
{
	uint32_t accm = LCP_DEF_ACCM;
	struct nlmsghdr *nlh;
	struct nlattr *n;
	size_t off = 4;

	while (off + 2 <= len && pkt[off + 1] >= 2 && off + pkt[off + 1] <= len) {
		if (pkt[off] == LCP_OPT_ACCM && pkt[off + 1] == 6)
			accm = (uint32_t)pkt[off + 2] << 24 | pkt[off + 3] << 16 |
			       pkt[off + 4] << 8 | pkt[off + 5];
		off += pkt[off + 1];
	}
	nlh = kset_begin(l);
	n = mnl_attr_nest_start(nlh, PPPK_A_LINK_RX_PENDING);
	mnl_attr_put_u8(nlh, PPPK_A_CFG_REQ_ID, pkt[1]);
	mnl_attr_put_u32(nlh, PPPK_A_CFG_ACCM, accm);
	mnl_attr_nest_end(nlh, n);
	kset_commit(l, nlh);
}

static void op_send(struct fsm *f, const uint8_t *pkt, size_t len)
{
	struct plink *l = f->ctx;

	if (l->gone)
		return;
	if (f->proto->protocol == PPP_LCP && len >= 4 && pkt[0] == CP_CONFREQ)
		arm_rx_at_ack(l, pkt, len);
	kern_frame_send(l->owner->kern, l->ifindex, f->proto->protocol, pkt,
			len);
}

static void op_start_timer(struct fsm *f, unsigned int ms)
{
	struct plink *l = f->ctx;

	loop_timer_start(l->owner->loop, &timer_of(l, f)->t, ms);
}

static void op_stop_timer(struct fsm *f)
{
	struct plink *l = f->ctx;

	loop_timer_stop(l->owner->loop, &timer_of(l, f)->t);
}

static void op_trace(struct fsm *f, enum fsm_dir dir, const uint8_t *pkt,
		     size_t len, const char *state)
{
	struct plink *l = f->ctx;

	dbg_packet(&l->dbg, l->ifname, f->proto->protocol,
		   dir == FSM_IN ? 'I' : 'O', state, pkt, len);
}

static void op_state_change(struct fsm *f, int from, int to)
{
	struct plink *l = f->ctx;

	/*
	 * LCP leaving Opened: renegotiating is ESTABLISHING again, going
	 * down is TERMINATING (This-Layer-Down ran just before, so the NCPs
	 * went down first, as IOS prints it).
	 */
	if (f == &l->lcp.fsm && from == FSM_OPENED)
		set_phase(l, to >= FSM_REQSENT ? VP_ESTABLISHING :
			  VP_TERMINATING, NULL);
	if (to == FSM_OPENED)
		dbg_state(&l->dbg, l->ifname, f->proto->protocol, VS_OPENED);
	else if (fsm_listening(f))
		dbg_state(&l->dbg, l->ifname, f->proto->protocol, VS_LISTEN);
	else if (from == FSM_OPENED || to == FSM_CLOSED || to == FSM_STOPPED)
		dbg_state(&l->dbg, l->ifname, f->proto->protocol, to);
	push_states(l);
}

static void op_warn(struct fsm *f, const char *msg)
{
	struct plink *l = f->ctx;

	dbg_msg(&l->dbg, DBG_NEGOTIATION, l->ifname, f->proto->name, "%s", msg);
}

static const struct fsm_ops fsm_ops = {
	.send		= op_send,
	.start_timer	= op_start_timer,
	.stop_timer	= op_stop_timer,
	.trace		= op_trace,
	.state_change	= op_state_change,
	.warn		= op_warn,
};

static void fsm_timer_fired(struct loop_timer *t)
{
	struct fsm_timer *ft = container_of(t, struct fsm_timer, t);

	fsm_timeout(ft->fsm);
}

/*
 * The link ends other than by our own choice: exit status 1, and one line
 * naming the link and why, debug or not (among 10,000 links, which one).
 */
static void failed(struct plink *l, const char *why)
{
	l->owner->ops->failed(l->owner, l);
	fprintf(stderr, "pppctl: %s: %s\n", l->ifname, why);
}

/*
 * Close the link when the loop comes round: for decisions taken while a
 * protocol handles a packet, which must not close LCP under itself (cp.h).
 * failed: the link ends other than by our own choice (exit status 1).
 */
static void close_later(struct plink *l, const char *why, bool fail)
{
	if (l->closing || l->close_why)
		return;
	l->close_why = why;
	l->close_fails = fail;
	loop_timer_start(l->owner->loop, &l->t_close, 0);
}

static void close_timer(struct loop_timer *t)
{
	struct plink *l = container_of(t, struct plink, t_close);
	const char *why = l->close_why;

	l->close_why = NULL;
	if (!why || l->closing)
		return;
	if (l->close_fails)
		failed(l, why);
	plink_close(l, why);
}

/* ---- phases ---- */

/* Up first, then Open: the first request goes out "[Closed]", as IOS shows. */
static void ncp_open(struct fsm *f)
{
	fsm_up(f);
	fsm_open(f);
}

/* The first NCP is up (or there is none to wait for): once per link. */
static void reached_network(struct plink *l)
{
	if (l->ncp_was_up)
		return;
	l->ncp_was_up = true;
	l->owner->ops->up(l->owner, l);
}

static void network_phase(struct plink *l)
{
	set_phase(l, VP_UP, NULL);
	if (l->conf->noip && !l->conf->ipv6) {
		/* no NCP that brings addresses up */
		l->owner->ops->settled(l->owner, l);
		reached_network(l);
	}
	if (!l->conf->noip)
		ncp_open(&l->ipcp.fsm);
	if (l->conf->ipv6)
		ncp_open(&l->ipv6cp.fsm);
	if (l->conf->cdpcp)
		ncp_open(&l->cdpcp.fsm);
}

static void gone_timer(struct loop_timer *t)
{
	struct plink *l = container_of(t, struct plink, t_gone);

	if (!l->gone)
		kern_link_del_later(l->owner->kern, l->ifindex);
	l->owner->ops->remove(l->owner, l);
}

/* The link is over: delete it from the kernel and the controller. */
static void finish(struct plink *l)
{
	l->owner->ops->settled(l->owner, l);
	loop_timer_start(l->owner->loop, &l->t_gone, 0);
}

/* ---- LCP ---- */

static void lcp_up(void *owner)
{
	struct plink *l = owner;
	struct lcp *c = &l->lcp;
	struct nlmsghdr *nlh = kset_begin(l);
	struct nlattr *n;
	uint16_t we = lcp_auth_peer(c), peer = lcp_auth_self(c);

	/* How we send: what the peer asked of us. */
	n = mnl_attr_nest_start(nlh, PPPK_A_LINK_TX);
	mnl_attr_put_u32(nlh, PPPK_A_CFG_ACCM, lcp_tx_accm(c));
	if (l->conf->xaccm || l->conf->xonxoff) {
		/* pppd's escape: these too, whatever the peer asked */
		uint32_t x[8] = { 0 };

		if (l->conf->xaccm)
			memcpy(x, l->conf->xaccm, sizeof(x));
		if (l->conf->xonxoff)	/* never a raw XON or XOFF from us */
			x[0] |= XONXOFF_ACCM;
		mnl_attr_put(nlh, PPPK_A_CFG_XACCM, sizeof(x), x);
	}
	mnl_attr_put_u8(nlh, PPPK_A_CFG_PFC, lcp_tx_pfc(c));
	mnl_attr_put_u8(nlh, PPPK_A_CFG_ACFC, lcp_tx_acfc(c));
	mnl_attr_put_u16(nlh, PPPK_A_CFG_MRU, lcp_tx_mru(c));
	mnl_attr_nest_end(nlh, n);
	/* How the peer sends: what it agreed to. */
	n = mnl_attr_nest_start(nlh, PPPK_A_LINK_RX);
	mnl_attr_put_u32(nlh, PPPK_A_CFG_ACCM, lcp_rx_accm(c));
	mnl_attr_put_u16(nlh, PPPK_A_CFG_MRU, lcp_rx_mru(c));
	mnl_attr_nest_end(nlh, n);
	mnl_attr_put_u32(nlh, PPPK_A_LINK_MAGIC_LOCAL, lcp_magic_local(c));
	mnl_attr_put_u32(nlh, PPPK_A_LINK_MAGIC_PEER, lcp_magic_peer(c));
	mnl_attr_put_u32(nlh, PPPK_A_LINK_ECHO_INTERVAL,
			 l->conf->echo_interval * 1000);
	mnl_attr_put_u32(nlh, PPPK_A_LINK_ECHO_FAILURE, l->conf->echo_failure);
	mnl_attr_put_u8(nlh, PPPK_A_LINK_ECHO_ADAPTIVE, l->conf->echo_adaptive);
	mnl_attr_put_u8(nlh, PPPK_A_LINK_LCP_OPEN, 1);
	kset_commit(l, nlh);
	l->lcp_was_up = true;

	if (!we && !peer) {
		network_phase(l);
		return;
	}
	set_phase(l, VP_AUTHENTICATING,
		  vocab_by_name(we && peer ? VB_BOTH : we ? VB_THIS_END : VB_PEER));
	l->ipcp_conf.allow = NULL;	/* until the peer is authorized */
	auth_start(&l->auth, we, peer);
}

static void ip_down(struct plink *l);
static void ip6_down(struct plink *l);

static void lcp_down(void *owner)
{
	struct plink *l = owner;
	struct nlmsghdr *nlh;

	auth_stop(&l->auth);
	idle_stop(l);
	l->timers_started = false;
	fsm_down(&l->ipcp.fsm);
	fsm_down(&l->ipv6cp.fsm);
	fsm_down(&l->cdpcp.fsm);
	ip_down(l);
	ip6_down(l);
	if (l->auth_up_ran) {
		l->auth_up_ran = false;
		hook_run(l, "auth-down", HOOK_AUTH, NULL, NULL, true, NULL, NULL);
	}
	nlh = kset_begin(l);
	mnl_attr_put_u8(nlh, PPPK_A_LINK_LCP_OPEN, 0);
	mnl_attr_put_u8(nlh, PPPK_A_LINK_IPV4_UP, 0);
	mnl_attr_put_u8(nlh, PPPK_A_LINK_IPV6_UP, 0);
	kset_commit(l, nlh);
	/* The phase follows from where LCP goes: op_state_change(). */
}

/*
 * Whether we hold credentials for each way of authenticating ourselves,
 * so that LCP Naks a peer towards what we can do rather than acking what
 * we cannot.  Asked when the link is made and again at LCP's
 * This-Layer-Started (the files may change meanwhile); a renegotiation
 * from Opened keeps what was learnt.  A missing file holds nothing; a file we
 * cannot read counts as "can", so that authentication fails with the one
 * line that names the file.
 */
static bool have_secret(const char *path, const char *def, const char *user,
			const char *server)
{
	struct secret sec;
	struct stat st;
	char err[256];
	int r;
	bool ok;

	if (!path)
		path = def;
	if (stat(path, &st) < 0 && errno == ENOENT)
		return false;	/* no such file: nothing to say about it */
	r = secrets_lookup(path, user, server, &sec, err, sizeof(err));
	ok = r < 0 || (r > 0 && sec.len > 0);
	secret_wipe(&sec);
	return ok;
}

static void learn_credentials(struct plink *l)
{
	const struct link_conf *c = l->conf;
	const char *user = c->user[0] ? c->user : c->name;
	const char *server = c->remotename[0] ? c->remotename : NULL;

	if (c->password) {	/* pppd: the files are not read for us then */
		l->lcp_conf.can_chap = l->lcp_conf.can_pap = true;
		return;
	}
	l->lcp_conf.can_chap = have_secret(c->chap_secrets,
					   SECRETS_CHAP_DEFAULT, user, server);
	l->lcp_conf.can_pap = have_secret(c->pap_secrets, SECRETS_PAP_DEFAULT,
					  user, server);
}

static void lcp_started(void *owner)
{
	learn_credentials(owner);
}

static void lcp_finished(void *owner)
{
	struct plink *l = owner;

	set_phase(l, VP_DOWN, NULL);
	if (!l->closing)
		failed(l, l->lcp.loops ?
			  "the line is looped back: our own Configure-Requests come back" :
			  l->lcp_was_up ? "the peer terminated the link" :
			  "LCP negotiation failed (no answer or no agreement)");
	finish(l);
}

/*
 * Our magic came back (from LCP while it handles the request, or from the
 * kernel's keepalives on an open link).  IOS keeps trying unless told
 * down-when-looped; LCP paces the retries (lcp.h).
 */
static void lcp_looped(void *owner, unsigned int count)
{
	struct plink *l = owner;

	dbg_msg(&l->dbg, DBG_NEGOTIATION, l->ifname, "LCP",
		"Loopback detected (%u): the peer's MagicNumber is ours", count);
	if (l->conf->down_when_looped)
		close_later(l, "the line is looped back (down-when-looped)", true);
}

/* An NCP finished: with no network protocol left the link is useless. */
static void ncp_finished(void *owner)
{
	struct plink *l = owner;
	bool v4 = !l->conf->noip, v6 = l->conf->ipv6;

	if (!v4 && !v6)
		return;		/* no NCP was asked for: nothing to lose */
	if (v4 && fsm_state(&l->ipcp.fsm) > FSM_STOPPED)
		return;
	if (v6 && fsm_state(&l->ipv6cp.fsm) > FSM_STOPPED)
		return;
	if (l->ncp_why[0]) {
		snprintf(l->close_msg, sizeof(l->close_msg),
			 "No network protocols running (%s)", l->ncp_why);
		close_later(l, l->close_msg, true);
	} else {
		close_later(l, "No network protocols running", true);
	}
}

/* The peer rejected a code we send: Echo-Request means no keepalives. */
static void lcp_code_rej(void *owner, uint8_t code)
{
	struct plink *l = owner;
	struct nlmsghdr *nlh;

	if (code != PPP_ECHOREQ || l->echo_off)
		return;
	l->echo_off = true;
	dbg_msg(&l->dbg, DBG_NEGOTIATION, l->ifname, "LCP",
		"the peer rejects Echo-Request: keepalives off");
	nlh = kset_begin(l);
	mnl_attr_put_u32(nlh, PPPK_A_LINK_ECHO_INTERVAL, 0);
	kset_commit(l, nlh);
}

static void lcp_proto_rej(void *owner, uint16_t proto)
{
	struct plink *l = owner;

	/* RFC 1661 5.7: stop sending it; the NCP goes to Stopped, LCP stays. */
	switch (proto) {
	case PPP_PAP:
	case PPP_CHAP:
		/* The authentication LCP agreed on cannot happen. */
		if (l->phase == VP_AUTHENTICATING)
			close_later(l, proto == PPP_CHAP ?
				    "the peer rejected CHAP (Protocol-Reject) during authentication" :
				    "the peer rejected PAP (Protocol-Reject) during authentication",
				    true);
		break;
	case PPP_IPCP:
		fsm_event(&l->ipcp.fsm, FSM_EV_RXJ_MINUS);
		break;
	case PPP_IPV6CP:
		fsm_event(&l->ipv6cp.fsm, FSM_EV_RXJ_MINUS);
		break;
	case PPP_CDPCP:
		fsm_event(&l->cdpcp.fsm, FSM_EV_RXJ_MINUS);
		break;
	}
}

static void proto_failed(void *owner, const char *why)
{
	struct plink *l = owner;

	dbg_msg(&l->dbg, DBG_ERROR, l->ifname, "PPP", "%s", why);
}

/* An NCP could not work: remembered for the line that ends the link. */
static void ipcp_failed(void *owner, const char *why)
{
	struct plink *l = owner;

	proto_failed(owner, why);
	snprintf(l->ncp_why, sizeof(l->ncp_why), "IPCP: %s", why);
}

static void ipv6cp_failed(void *owner, const char *why)
{
	struct plink *l = owner;

	proto_failed(owner, why);
	snprintf(l->ncp_why, sizeof(l->ncp_why), "IPV6CP: %s", why);
}

static const struct lcp_hooks lcp_hooks = {
	.up		= lcp_up,
	.down		= lcp_down,
	.started	= lcp_started,
	.finished	= lcp_finished,
	.looped		= lcp_looped,
	.code_rej	= lcp_code_rej,
	.proto_rej	= lcp_proto_rej,
	.failed		= proto_failed,
};

/* ---- authentication ---- */

static void auth_send(void *owner, uint16_t proto, const uint8_t *pkt,
		      size_t len)
{
	struct plink *l = owner;

	if (!l->gone)
		kern_frame_send(l->owner->kern, l->ifindex, proto, pkt, len);
}

static void auth_start_timer(void *owner, int which, unsigned int ms)
{
	struct plink *l = owner;

	loop_timer_start(l->owner->loop, &l->t_auth[which].t, ms);
}

static void auth_stop_timer(void *owner, int which)
{
	struct plink *l = owner;

	loop_timer_stop(l->owner->loop, &l->t_auth[which].t);
}

/* Each way's outcome for the kernel's view (never a secret). */
static void push_auth(struct plink *l)
{
	static const int way[2][2] = {
		{ AUTH_TIMER_PEER, PPPK_A_LINK_AUTH_PEER },
		{ AUTH_TIMER_US, PPPK_A_LINK_AUTH_SELF },
	};
	static const uint8_t res[] = {
		[AUTH_RESULT_PENDING] = PPPK_AUTH_PENDING,
		[AUTH_RESULT_OK] = PPPK_AUTH_OK,
		[AUTH_RESULT_FAILED] = PPPK_AUTH_FAILED,
	};
	struct nlmsghdr *nlh;
	struct nlattr *n;
	const char *name;
	uint16_t proto;
	int i, r;

	push_pending(l);
	nlh = kset_begin(l);
	for (i = 0; i < 2; i++) {
		proto = auth_result(&l->auth, way[i][0], &r, &name);
		if (!proto)
			continue;
		n = mnl_attr_nest_start(nlh, way[i][1]);
		mnl_attr_put_u16(nlh, PPPK_A_AUTH_PROTO, proto);
		mnl_attr_put_u8(nlh, PPPK_A_AUTH_RESULT, res[r]);
		mnl_attr_put_strz(nlh, PPPK_A_AUTH_NAME, name);
		mnl_attr_nest_end(nlh, n);
	}
	kset_commit(l, nlh);
}

static void auth_done(void *owner, bool ok, const char *why)
{
	struct plink *l = owner;

	push_auth(l);

	if (ok) {
		network_phase(l);
		return;
	}
	failed(l, why);
	plink_close(l, why);
}

/*
 * The peer authenticated with a secrets entry: from now on IPCP lets it use
 * only the addresses the entry lists (pppd; "*" for any).
 */
static void auth_authorized(void *owner, const char *name, const char *addrs,
			    unsigned int naddrs)
{
	struct plink *l = owner;
	struct addrlist *al = &l->peer_addrs;

	(void)name;
	/* pppd's auth-up: the peer authenticated; auth-down at link down */
	if (!l->auth_up_ran)
		l->auth_up_ran = hook_run(l, "auth-up", HOOK_AUTH, NULL, NULL,
					  false, NULL, NULL) > 0;
	addrlist_parse(al, addrs, naddrs);
	l->ipcp_conf.allow = al;
	if (al->ignored || al->cut)
		dbg_msg(&l->dbg, DBG_ERROR, l->ifname, "IPCP",
			"the peer's secrets entry has address words pppctl does not read (host names, A.B.C.D/N+, malformed or too many): they allow nothing");
	if (!al->n)
		dbg_msg(&l->dbg, DBG_NEGOTIATION, l->ifname, "IPCP",
			"the peer's secrets entry allows it no IP address (add \"*\" or addresses after the secret)");
}

static const struct auth_ops auth_ops = {
	.send		= auth_send,
	.start_timer	= auth_start_timer,
	.stop_timer	= auth_stop_timer,
	.done		= auth_done,
	.authorized	= auth_authorized,
};

static void auth_timer_fired(struct loop_timer *t)
{
	struct auth_timer *at = container_of(t, struct auth_timer, t);

	auth_timeout(&at->link->auth, at->which);
}

/* ---- IPCP, IPV6CP, CDPCP ---- */

static void set_ncp(struct plink *l, int attr, bool up)
{
	struct nlmsghdr *nlh;

	push_pending(l);
	nlh = kset_begin(l);
	if (up && attr == PPPK_A_LINK_IPV4_UP) {
		/* What monitors and pppctl show learn with "ip up". */
		mnl_attr_put_u32(nlh, PPPK_A_LINK_IPV4_LOCAL,
				 ipcp_local(&l->ipcp).s_addr);
		mnl_attr_put_u32(nlh, PPPK_A_LINK_IPV4_PEER,
				 ipcp_peer(&l->ipcp).s_addr);
		mnl_attr_put_u32(nlh, PPPK_A_LINK_IPV4_DNS1,
				 ipcp_dns(&l->ipcp, 0).s_addr);
		mnl_attr_put_u32(nlh, PPPK_A_LINK_IPV4_DNS2,
				 ipcp_dns(&l->ipcp, 1).s_addr);
	}
	if (up && attr == PPPK_A_LINK_IPV6_UP) {
		mnl_attr_put_u64(nlh, PPPK_A_LINK_IPV6_LOCAL_ID,
				 ipv6cp_local(&l->ipv6cp));
		mnl_attr_put_u64(nlh, PPPK_A_LINK_IPV6_PEER_ID,
				 ipv6cp_peer(&l->ipv6cp));
	}
	mnl_attr_put_u8(nlh, attr, up);
	kset_commit(l, nlh);
}

/*
 * pppd's defaultroute: never replace one that exists, and say so; with
 * replacedefaultroute, replace it and keep it to put back at link down.
 */
static void default_route(struct plink *l)
{
	int err;

	if (l->conf->replacedefaultroute &&
	    !rtnl_default_route4_find(&l->old_default)) {
		err = rtnl_default_route4_replace(l->ifindex);
		if (err) {
			l->old_default.valid = false;
			dbg_msg(&l->dbg, DBG_ERROR, l->ifname, "IPCP",
				"replacedefaultroute: cannot replace the default route: %s",
				strerror(-err));
		} else {
			dbg_msg(&l->dbg, DBG_NEGOTIATION, l->ifname, "IPCP",
				"Replace default route (restored at link down)");
		}
		return;
	}
	err = rtnl_default_route4(l->ifindex, true);
	if (err == -EEXIST)
		dbg_msg(&l->dbg, DBG_ERROR, l->ifname, "IPCP",
			"defaultroute: not replacing the existing default route (replacedefaultroute would)");
	else if (err)
		dbg_msg(&l->dbg, DBG_ERROR, l->ifname, "IPCP",
			"defaultroute: cannot add the default route: %s",
			strerror(-err));
	else
		dbg_msg(&l->dbg, DBG_NEGOTIATION, l->ifname, "IPCP",
			"Install default route");
}

/*
 * usepeerdns: the servers the peer gave go to /etc/ppp/resolv.conf, as
 * pppd writes it (Debian's /etc/ppp/ip-up.d/0000usepeerdns installs it),
 * replaced whole so that no reader sees half of it.
 */
static void peer_dns(struct plink *l)
{
	char a[INET_ADDRSTRLEN] = "", b[INET_ADDRSTRLEN] = "";
	struct in_addr d0 = ipcp_dns(&l->ipcp, 0), d1 = ipcp_dns(&l->ipcp, 1);
	char path[512], tmp[520];
	FILE *f;
	int err = 0;

	if (d0.s_addr)
		inet_ntop(AF_INET, &d0, a, sizeof(a));
	if (d1.s_addr)
		inet_ntop(AF_INET, &d1, b, sizeof(b));
	if (!a[0] && !b[0]) {
		dbg_msg(&l->dbg, DBG_ERROR, l->ifname, "IPCP",
			"usepeerdns: the peer gave no DNS server");
		return;
	}
	snprintf(path, sizeof(path), "%s/resolv.conf", conf_etc_ppp());
	snprintf(tmp, sizeof(tmp), "%s.%d", path, (int)getpid());
	f = fopen(tmp, "w");
	if (!f) {
		err = errno;
	} else {
		if (a[0])
			fprintf(f, "nameserver %s\n", a);
		if (b[0] && strcmp(a, b))
			fprintf(f, "nameserver %s\n", b);
		if (fchmod(fileno(f), 0644) < 0 || fclose(f) == EOF)
			err = errno ? errno : EIO;
		if (!err && rename(tmp, path) < 0)
			err = errno;
		if (err)
			unlink(tmp);
	}
	if (err)
		dbg_msg(&l->dbg, DBG_ERROR, l->ifname, "IPCP",
			"usepeerdns: cannot write %s: %s", path, strerror(err));
	else
		dbg_msg(&l->dbg, DBG_NEGOTIATION, l->ifname, "IPCP",
			"usepeerdns: DNS %s%s%s written to %s", a,
			a[0] && b[0] ? " " : "", b, path);
}

/* pppd's scripts (hookenv.h): with @done, 1 when it will be called. */
static int hook4(struct plink *l, const char *name, bool down,
		 void (*done)(void *arg))
{
	char a[INET_ADDRSTRLEN], b[INET_ADDRSTRLEN];
	struct in_addr local = ipcp_local(&l->ipcp), peer = ipcp_peer(&l->ipcp);

	inet_ntop(AF_INET, &local, a, sizeof(a));
	inet_ntop(AF_INET, &peer, b, sizeof(b));
	return hook_run(l, name, HOOK_IP, a, b, down, done, l);
}

static void ipcp_up_rest(struct plink *l);

static void ip_pre_up_done(void *arg)
{
	struct plink *l = arg;

	if (!l->preup_pending)
		return;
	l->preup_pending = false;
	ipcp_up_rest(l);
}

static void ipcp_up(void *owner)
{
	struct plink *l = owner;
	struct in_addr local = ipcp_local(&l->ipcp), peer = ipcp_peer(&l->ipcp);
	bool route = !l->conf->no_peer_route;

	l->ip_err = rtnl_addr4(l->ifindex, true, local, route ? &peer : NULL);
	/*
	 * pppd's ip-pre-up: the addresses are on, the interface not up yet
	 * (unless IPv6 brought it up); waited for, the loop running on.
	 */
	l->preup_pending = true;
	if (!l->ip_err && hook4(l, "ip-pre-up", false, ip_pre_up_done))
		return;
	l->preup_pending = false;
	ipcp_up_rest(l);
}

static void ipcp_up_rest(struct plink *l)
{
	struct in_addr local = ipcp_local(&l->ipcp), peer = ipcp_peer(&l->ipcp);
	bool route = !l->conf->no_peer_route;
	int err = l->ip_err;

	if (!err)
		err = rtnl_link_up(l->ifindex, true);
	if (err) {
		dbg_msg(&l->dbg, DBG_ERROR, l->ifname, "IPCP",
			"cannot configure %s: %s", inet_ntoa(local),
			strerror(-err));
	} else if (route) {
		dbg_route(&l->dbg, l->ifname, peer);
	}
	if (l->conf->defaultroute && !err)
		default_route(l);
	if (l->conf->usepeerdns)
		peer_dns(l);
	hook4(l, "ip-up", false, NULL);
	l->ip_up = true;
	reached_network(l);
	idle_start(l);
	set_ncp(l, PPPK_A_LINK_IPV4_UP, true);
	l->owner->ops->settled(l->owner, l);
}

/* replacedefaultroute: ours goes, the one we replaced comes back. */
static void restore_default(struct plink *l)
{
	int err;

	if (!l->old_default.valid)
		return;
	l->old_default.valid = false;
	if (!l->gone)
		rtnl_default_route4(l->ifindex, false);
	err = rtnl_route4_restore(&l->old_default);
	if (err)
		dbg_msg(&l->dbg, DBG_ERROR, l->ifname, "IPCP",
			"cannot restore the previous default route: %s",
			strerror(-err));
	else
		dbg_msg(&l->dbg, DBG_NEGOTIATION, l->ifname, "IPCP",
			"Restore previous default route");
}

static void ip_down(struct plink *l)
{
	struct in_addr peer = ipcp_peer(&l->ipcp);

	if (l->preup_pending) {		/* down before ip-pre-up ended */
		l->preup_pending = false;
		scripts_forget_arg(l->owner->scripts, l);
		rtnl_addr4(l->ifindex, false, ipcp_local(&l->ipcp),
			   l->conf->no_peer_route ? NULL : &peer);
		return;
	}
	if (!l->ip_up)
		return;
	l->ip_up = false;
	set_ncp(l, PPPK_A_LINK_IPV4_UP, false);
	hook4(l, "ip-down", true, NULL);
	restore_default(l);

	rtnl_addr4(l->ifindex, false, ipcp_local(&l->ipcp),
		   l->conf->no_peer_route ? NULL : &peer);
}

static void ipcp_down(void *owner)
{
	ip_down(owner);
}

static const struct ncp_hooks ipcp_hooks = {
	.up		= ipcp_up,
	.down		= ipcp_down,
	.finished	= ncp_finished,
	.failed		= ipcp_failed,
};

static void ll_addr(struct in6_addr *a, uint64_t id)
{
	int i;

	memset(a, 0, sizeof(*a));
	a->s6_addr[0] = 0xfe;
	a->s6_addr[1] = 0x80;
	for (i = 0; i < 8; i++)
		a->s6_addr[8 + i] = id >> (56 - 8 * i);
}

static void hook6(struct plink *l, const char *name,
		  const struct in6_addr *local, const struct in6_addr *peer)
{
	char a[INET6_ADDRSTRLEN], b[INET6_ADDRSTRLEN];

	inet_ntop(AF_INET6, local, a, sizeof(a));
	inet_ntop(AF_INET6, peer, b, sizeof(b));
	hook_run(l, name, HOOK_IP6, a, b, !strcmp(name, "ipv6-down"), NULL,
		 NULL);
}

static void ipv6cp_up(void *owner)
{
	struct plink *l = owner;
	struct in6_addr local, peer;
	int err;

	ll_addr(&local, ipv6cp_local(&l->ipv6cp));
	ll_addr(&peer, ipv6cp_peer(&l->ipv6cp));
	err = rtnl_addr6(l->ifindex, true, &local, &peer);
	if (!err)
		err = rtnl_link_up(l->ifindex, true);
	if (!err)
		err = rtnl_host_route6(l->ifindex, true, &peer);
	if (err)
		dbg_msg(&l->dbg, DBG_ERROR, l->ifname, "IPV6CP",
			"cannot configure the link-local address: %s",
			strerror(-err));
	l->ip6_up = true;
	reached_network(l);
	idle_start(l);
	set_ncp(l, PPPK_A_LINK_IPV6_UP, true);
	l->owner->ops->settled(l->owner, l);
	hook6(l, "ipv6-up", &local, &peer);
}

static void ip6_down(struct plink *l)
{
	struct in6_addr local, peer;

	if (!l->ip6_up)
		return;
	l->ip6_up = false;
	set_ncp(l, PPPK_A_LINK_IPV6_UP, false);
	ll_addr(&local, ipv6cp_local(&l->ipv6cp));
	ll_addr(&peer, ipv6cp_peer(&l->ipv6cp));
	rtnl_addr6(l->ifindex, false, &local, &peer);
	hook6(l, "ipv6-down", &local, &peer);
}

static void ipv6cp_down(void *owner)
{
	ip6_down(owner);
}

static const struct ncp_hooks ipv6cp_hooks = {
	.up		= ipv6cp_up,
	.down		= ipv6cp_down,
	.finished	= ncp_finished,
	.failed		= ipv6cp_failed,
};

/* ---- input from the kernel ---- */

static bool lcp_opened(struct plink *l)
{
	return fsm_state(&l->lcp.fsm) == FSM_OPENED;
}

static void protrej(struct plink *l, uint16_t proto, const uint8_t *pkt,
		    size_t len)
{
	if (lcp_opened(l))
		lcp_send_protrej(&l->lcp, proto, pkt, len);
}

/* An NCP's packet, in the network phase (RFC 1661 3.5). */
static void ncp_input(struct plink *l, bool enabled, struct fsm *f,
		      uint16_t proto, const uint8_t *pkt, size_t len)
{
	if (!enabled)
		protrej(l, proto, pkt, len);
	else
		fsm_input(f, pkt, len, lcp_tx_mru(&l->lcp));
}

void plink_input(struct plink *l, uint16_t proto, const uint8_t *pkt,
		 size_t len)
{
	switch (proto) {
	case PPP_LCP:
		fsm_input(&l->lcp.fsm, pkt, len, lcp_tx_mru(&l->lcp));
		return;
	case PPP_PAP:
	case PPP_CHAP:
		if (l->phase == VP_AUTHENTICATING || l->phase == VP_UP)
			auth_input(&l->auth, proto, pkt, len);
		return;
	}
	/*
	 * RFC 1661 3.4: while authenticating, every other protocol is
	 * silently discarded, not Protocol-Rejected (the peer's NCPs may
	 * start before it has seen our Success).
	 */
	if (l->phase != VP_UP)
		return;
	switch (proto) {
	case PPP_IPCP:
		ncp_input(l, !l->conf->noip, &l->ipcp.fsm, proto, pkt, len);
		return;
	case PPP_IPV6CP:
		ncp_input(l, l->conf->ipv6, &l->ipv6cp.fsm, proto, pkt, len);
		return;
	case PPP_CDPCP:
		ncp_input(l, l->conf->cdpcp, &l->cdpcp.fsm, proto, pkt, len);
		return;
	case PPP_CDP:
		if (l->conf->cdpcp && fsm_state(&l->cdpcp.fsm) == FSM_OPENED)
			return;	/* CDP itself: nothing here listens */
		break;
	}
	/* CCP and everything else: refused (RFC 1661 5.7). */
	protrej(l, proto, pkt, len);
}

void plink_event(struct plink *l, unsigned int event)
{
	switch (event) {
	case PPPK_EVENT_DEAD_PEER:
		l->dead_peer_events++;
		dbg_msg(&l->dbg, DBG_NEGOTIATION, l->ifname, "LCP",
			"Keepalive lost: %u echo requests unanswered",
			l->conf->echo_failure);
		if (!l->closing)
			failed(l, "keepalive lost: the peer stopped answering echo requests");
		plink_close(l, "keepalive lost");
		break;
	case PPPK_EVENT_CLOSE_REQUESTED:
		plink_close(l, "administratively down");
		break;
	case PPPK_EVENT_LOOPED:
		l->looped_events++;
		lcp_looped(l, l->looped_events);
		break;
	case PPPK_EVENT_HANGUP:
	case PPPK_EVENT_DELETED:
		l->gone = true;
		l->hung_up = event == PPPK_EVENT_HANGUP;
		dbg_msg(&l->dbg, DBG_NEGOTIATION, l->ifname, "PPP",
			event == PPPK_EVENT_HANGUP ? "Line hung up" :
			"Link deleted");
		/*
		 * pppd runs ip-down and auth-down after a modem hang-up
		 * too: what was up goes down, with nothing sent.
		 */
		if (fsm_state(&l->lcp.fsm) == FSM_OPENED)
			lcp_down(l);
		if (l->phase != VP_DOWN)
			set_phase(l, VP_DOWN, NULL);
		if (!l->closing)
			failed(l, event == PPPK_EVENT_HANGUP ? "the line hung up" :
			       "the kernel link was deleted");
		finish(l);
		break;
	}
}

/* ---- life cycle ---- */

void plink_open(struct plink *l)
{
	l->started_ms = loop_now();
	set_phase(l, VP_ESTABLISHING,
		  l->conf->silent ? "Passive Open" : "Active Open");
	fsm_up(&l->lcp.fsm);
	fsm_open(&l->lcp.fsm);
}

void plink_close(struct plink *l, const char *why)
{
	int st = fsm_state(&l->lcp.fsm);

	if (l->closing)
		return;
	l->closing = true;
	l->owner->ops->settled(l->owner, l);
	if (why)
		dbg_msg(&l->dbg, DBG_NEGOTIATION, l->ifname, "PPP",
			"Closing: %s", why);
	if (l->gone || st == FSM_INITIAL || st == FSM_STARTING ||
	    st == FSM_CLOSED || st == FSM_STOPPED) {
		fsm_close(&l->lcp.fsm);
		finish(l);
		return;
	}
	set_phase(l, VP_TERMINATING, NULL);
	fsm_close(&l->lcp.fsm);
}

/* ---- configuration: pppd words to each protocol's own ---- */

static void lcp_conf_from(struct lcp_conf *lc, const struct link_conf *c)
{
	memset(lc, 0, sizeof(*lc));
	lc->mru = c->mru;
	lc->mtu = c->mtu;
	lc->asyncmap = c->asyncmap;
	if (c->xonxoff)		/* pppd: the peer escapes XON and XOFF */
		lc->asyncmap |= XONXOFF_ACCM;
	lc->default_asyncmap = c->default_asyncmap;
	lc->nopcomp = c->nopcomp;
	lc->noaccomp = c->noaccomp;
	lc->nomagic = c->nomagic;
	lc->require_auth = c->require == PPP_PAP ? LCP_AUTH_PAP :
			   c->require == PPP_CHAP ? LCP_AUTH_CHAP : 0;
	if (c->auth_any)
		lc->require_auth = LCP_AUTH_CHAP | LCP_AUTH_PAP;
	lc->refuse_pap = c->refuse_pap;
	lc->refuse_chap = c->refuse_chap;
	/* can_pap, can_chap: learn_credentials() */
	lc->down_when_looped = c->down_when_looped;
}

static void ipcp_conf_from(struct ipcp_conf *ic, const struct link_conf *c)
{
	memset(ic, 0, sizeof(*ic));
	ic->local = c->local;
	ic->remote = c->remote;
	ic->accept_local = c->accept_local || !c->local.s_addr;
	ic->accept_remote = c->accept_remote || !c->remote.s_addr;
	ic->usepeerdns = c->usepeerdns;
	memcpy(ic->dns, c->ms_dns, sizeof(ic->dns));
	memcpy(ic->wins, c->ms_wins, sizeof(ic->wins));
}

/*
 * Each secrets file a link may read (named, or pppd's default) is checked
 * once per controller run: its mode (readable by others) and its malformed
 * lines, one line each, never any of its content; a file that is not there
 * says nothing.  Links share path strings (conf.c), but compare the text
 * anyway.
 */
static void check_secrets_once(const char *path)
{
	static const char *done[32];
	static unsigned int ndone;
	unsigned int i;

	if (!path)
		return;
	for (i = 0; i < ndone; i++)
		if (done[i] == path || !strcmp(done[i], path))
			return;
	if (ndone < sizeof(done) / sizeof(done[0]))
		done[ndone++] = path;
	secrets_report(path, conf_say_stderr, NULL);
}

static void auth_conf_from(struct auth_conf *ac, const struct link_conf *c)
{
	memset(ac, 0, sizeof(*ac));
	ac->name = c->name[0] ? c->name : NULL;
	ac->user = c->user[0] ? c->user : NULL;
	ac->remote_name = c->remotename[0] ? c->remotename : NULL;
	ac->chap_secrets = c->chap_secrets;
	ac->pap_secrets = c->pap_secrets;
	ac->password = c->password;
	check_secrets_once(c->chap_secrets ? c->chap_secrets :
			   SECRETS_CHAP_DEFAULT);
	check_secrets_once(c->pap_secrets ? c->pap_secrets :
			   SECRETS_PAP_DEFAULT);
	/*
	 * IOS waits for the peer first on calls it answers (Listen);
	 * peer-auth-first asks for it on any link.
	 */
	ac->wait_for_peer_first = c->silent || c->peer_auth_first;
}

/*
 * The tty as the kernel will take it: opened by path, or the descriptor
 * named by "fd:N" (inherited, e.g. a pty master).  Either way it is put in
 * raw mode; the caller closes it once the kernel holds its own reference.
 */
int plink_tty_open(const struct link_conf *c, char *err, size_t errlen)
{
	struct termios t;
	int fd = conf_tty_fd(c->tty);

	if (fd >= 0) {
		if (fcntl(fd, F_GETFD) < 0) {
			snprintf(err, errlen, "%s: no such open descriptor", c->tty);
			return -1;
		}
		if (!isatty(fd)) {
			snprintf(err, errlen, "%s: not a tty", c->tty);
			return -1;
		}
	} else {
		fd = open(c->tty, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
		if (fd < 0) {
			snprintf(err, errlen, "%s: %s", c->tty, strerror(errno));
			return -1;
		}
	}
	if (tcgetattr(fd, &t) == 0) {
		cfmakeraw(&t);
		t.c_cflag |= CREAD;
		if (c->modem)
			t.c_cflag = (t.c_cflag & ~CLOCAL) | HUPCL;
		else
			t.c_cflag |= CLOCAL;
		if (c->nocrtscts || c->xonxoff)
			t.c_cflag &= ~CRTSCTS;
		else if (c->crtscts)
			t.c_cflag |= CRTSCTS;
		if (c->xonxoff) {
			/* the kernel's discipline obeys IXON (pppk.ko) */
			t.c_iflag |= IXON | IXOFF;
			t.c_cc[VSTART] = 0x11;
			t.c_cc[VSTOP] = 0x13;
		}
		tcsetattr(fd, TCSANOW, &t);
	}
	if (c->speed) {
		unsigned int got;

		if (tty_set_speed(fd, c->speed, &got) < 0) {
			snprintf(err, errlen, "%s: speed %u: %s", c->tty,
				 c->speed, strerror(errno));
			goto fail;
		}
		if (got && !tty_speed_close(c->speed, got)) {
			snprintf(err, errlen, "%s: speed %u: the driver set %u instead",
				 c->tty, c->speed, got);
			goto fail;
		}
	}
	return fd;
fail:
	if (conf_tty_fd(c->tty) < 0)
		close(fd);
	return -1;
}

/*
 * pppd's pid files: IFNAME.pid always, ppp-LINKNAME.pid with linkname.  A
 * file that cannot be written is said (pppd goes on too).
 */
static void write_pidfiles(struct plink *l)
{
	char err[600];

	if (!pidfile_write(l->ifname, NULL, err, sizeof(err)))
		l->pidfiles |= PLINK_PID_IFNAME;
	else
		fprintf(stderr, "pppctl: %s: %s\n", l->ifname, err);
	if (!l->conf->linkname)
		return;
	if (!pidfile_write(l->ifname, l->conf->linkname, err, sizeof(err)))
		l->pidfiles |= PLINK_PID_LINKNAME;
	else
		fprintf(stderr, "pppctl: %s: %s\n", l->ifname, err);
}

static void fsm_tune(struct fsm *f, const struct link_conf *c)
{
	if (c->restart_ms)
		f->restart_ms = c->restart_ms;
	if (c->max_configure)
		f->max_configure = c->max_configure;
	if (c->max_terminate)
		f->max_terminate = c->max_terminate;
	if (c->max_failure)
		f->max_failure = c->max_failure;
}

static void init_timer(struct fsm_timer *t, struct fsm *f)
{
	t->t.fn = fsm_timer_fired;
	t->fsm = f;
}

struct plink *plink_new(struct plink_owner *o, const struct link_conf *c,
			char *err, size_t errlen)
{
	char lockpath[sizeof(((struct plink *)0)->lockpath)] = "";
	struct plink *l;
	int fd;

	if (!c->tty || !c->tty[0]) {
		snprintf(err, errlen, "no tty given");
		return NULL;
	}
	if (c->lock && conf_tty_fd(c->tty) < 0) {
		const char *dir = getenv("PPPCTL_LOCK_DIR");

		if (tty_lock(c->tty, dir && dir[0] ? dir : NULL, lockpath,
			     sizeof(lockpath), err, errlen) < 0)
			return NULL;
	}
	fd = plink_tty_open(c, err, errlen);
	if (fd < 0) {
		tty_unlock(lockpath);
		return NULL;
	}
	l = plink_new_on(o, c, fd, err, errlen);
	close(fd);	/* the kernel holds the tty now (fd:N too) */
	if (!l) {
		tty_unlock(lockpath);
		return NULL;
	}
	memcpy(l->lockpath, lockpath, sizeof(lockpath));
	return l;
}

struct plink *plink_new_on(struct plink_owner *o, const struct link_conf *c,
			   int fd, char *err, size_t errlen)
{
	struct plink *l;
	int ret, i;

	l = calloc(1, sizeof(*l));
	if (!l) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	l->t_push.fn = push_now;
	l->speed = tty_get_speed(fd);	/* for the scripts, as pppd's $3 */
	ret = kern_link_new(o->kern, fd, c->ifname, l->ifname, &l->ifindex);
	if (ret == -EEXIST && c->unit >= 0) {
		snprintf(err, errlen, "unit %d: interface %s is in use", c->unit,
			 c->ifname);
		goto fail;
	}
	if (ret) {
		snprintf(err, errlen, "creating the link on %s: %s%s%s", c->tty,
			 strerror(-ret), o->kern->nl.err_msg[0] ? ": " : "",
			 o->kern->nl.err_msg);
		goto fail;
	}
	l->owner = o;
	l->conf = c;
	dbg_init(&l->dbg, stderr);
	write_pidfiles(l);
	if (c->logfile && c->logfile[0]) {
		FILE *f = o->ops->log_open(o, c->logfile);

		if (!f) {
			snprintf(err, errlen, "%s: %s", c->logfile, strerror(errno));
			kern_link_del(o->kern, l->ifindex);
			goto fail;
		}
		l->dbg.out = f;
	}
	dbg_enable(&l->dbg, c->debug);
	l->dbg.format = c->debug_format;

	lcp_conf_from(&l->lcp_conf, c);
	ipcp_conf_from(&l->ipcp_conf, c);
	/* pppd's ipv6 L,R: kept unless the peer may choose (accept: not set) */
	l->ipv6cp_conf.local_id = c->ipv6_local;
	l->ipv6cp_conf.remote_id = c->ipv6_remote;
	l->ipv6cp_conf.accept_local = !c->ipv6_local;
	l->ipv6cp_conf.accept_remote = !c->ipv6_remote;
	auth_conf_from(&l->auth_conf, c);
	learn_credentials(l);
	lcp_init(&l->lcp, &l->lcp_conf, &fsm_ops, l, &lcp_hooks, l);
	l->t_close.fn = close_timer;
	ipcp_init(&l->ipcp, &l->ipcp_conf, &fsm_ops, l, &ipcp_hooks, l);
	ipv6cp_init(&l->ipv6cp, &l->ipv6cp_conf, &fsm_ops, l, &ipv6cp_hooks, l);
	cdpcp_init(&l->cdpcp, &fsm_ops, l, NULL, l);
	auth_init(&l->auth, &l->auth_conf, &auth_ops, l, &l->dbg, l->ifname);
	if (c->silent)
		l->lcp.fsm.opts |= FSM_OPT_SILENT;
	if (c->passive)
		l->lcp.fsm.opts |= FSM_OPT_PASSIVE;
	fsm_tune(&l->lcp.fsm, c);
	fsm_tune(&l->ipcp.fsm, c);
	fsm_tune(&l->ipv6cp.fsm, c);
	fsm_tune(&l->cdpcp.fsm, c);
	init_timer(&l->t_lcp, &l->lcp.fsm);
	init_timer(&l->t_ipcp, &l->ipcp.fsm);
	init_timer(&l->t_ipv6cp, &l->ipv6cp.fsm);
	init_timer(&l->t_cdpcp, &l->cdpcp.fsm);
	for (i = 0; i < 2; i++) {
		l->t_auth[i].t.fn = auth_timer_fired;
		l->t_auth[i].link = l;
		l->t_auth[i].which = i;
	}
	l->t_gone.fn = gone_timer;
	o->ops->add(o, l);
	return l;
fail:
	free(l);
	return NULL;
}

void plink_free(struct plink *l)
{
	struct loop *lp = l->owner->loop;
	int i;

	auth_stop(&l->auth);
	loop_timer_stop(lp, &l->t_lcp.t);
	loop_timer_stop(lp, &l->t_ipcp.t);
	loop_timer_stop(lp, &l->t_ipv6cp.t);
	loop_timer_stop(lp, &l->t_cdpcp.t);
	loop_timer_stop(lp, &l->t_gone);
	loop_timer_stop(lp, &l->t_close);
	loop_timer_stop(lp, &l->t_push);
	loop_timer_stop(lp, &l->t_slot);
	for (i = 0; i < 2; i++)
		loop_timer_stop(lp, &l->t_auth[i].t);
	idle_stop(l);
	restore_default(l);	/* the line hung up: no ip_down() */
	if (l->owner->scripts)
		scripts_forget_arg(l->owner->scripts, l);
	if (l->dbg.out && l->dbg.out != stderr)
		l->owner->ops->log_close(l->owner, l->dbg.out);
	if (l->pidfiles & PLINK_PID_IFNAME)
		pidfile_remove(l->ifname, NULL);
	if (l->pidfiles & PLINK_PID_LINKNAME)
		pidfile_remove(l->ifname, l->conf->linkname);
	tty_unlock(l->lockpath);
	free(l);
}
