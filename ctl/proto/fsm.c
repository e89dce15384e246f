// SPDX-License-Identifier: GPL-2.0
/*
 * RFC 1661 option negotiation automaton.  The contract is in fsm.h; this
 * file holds the transition table and the packet handling around it.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "fsm.h"
#include "opts.h"

/* fsm->flags */
#define FSM_F_TIMER	0x01	/* we asked for the Restart timer */
#define FSM_F_REPLIED	0x02	/* a valid reply to reqid was taken */
#define FSM_F_LISTEN	0x04	/* Stopped by a silent Open: "Listen" */

/*
 * Actions.  Every action list in the RFC's table respects this order, so a
 * cell is a bit mask executed in bit order.  tls/tlu/tlf say the automaton
 * is entering a state, so they run after the state is set.
 */
enum {
	A_TLD = 1 << 0,
	A_IRC = 1 << 1,
	A_ZRC = 1 << 2,
	A_SCR = 1 << 3,
	A_SCA = 1 << 4,
	A_SCN = 1 << 5,
	A_STR = 1 << 6,
	A_STA = 1 << 7,
	A_SCJ = 1 << 8,
	A_SER = 1 << 9,
	A_TLS = 1 << 10,
	A_TLU = 1 << 11,
	A_TLF = 1 << 12,
};
#define A_PRE	(A_TLD | A_IRC | A_ZRC | A_SCR)
#define A_POST	(A_TLS | A_TLU | A_TLF)

struct cell {
	int8_t next;		/* -1: "-", the event cannot happen here */
	uint16_t act;
};

#define __		{ -1, 0 }
#define T(n, a)		{ n, a }

/*
 * RFC 1661 section 4.1, one row per event, one column per state:
 *   0 Initial  1 Starting  2 Closed  3 Stopped  4 Closing  5 Stopping
 *   6 Req-Sent 7 Ack-Rcvd  8 Ack-Sent 9 Opened
 * The [p], [r] and [x] marks are options and notes, handled in code.
 */
static const struct cell table[FSM_NEVENTS][FSM_NSTATES] = {
	[FSM_EV_UP] = {
		T(2, 0), T(6, A_IRC | A_SCR), __, __, __, __, __, __, __, __ },
	[FSM_EV_DOWN] = {
		__, __, T(0, 0), T(1, A_TLS), T(0, 0), T(1, 0), T(1, 0),
		T(1, 0), T(1, 0), T(1, A_TLD) },
	[FSM_EV_OPEN] = {
		T(1, A_TLS), T(1, 0), T(6, A_IRC | A_SCR), T(3, 0), T(5, 0),
		T(5, 0), T(6, 0), T(7, 0), T(8, 0), T(9, 0) },
	[FSM_EV_CLOSE] = {
		T(0, 0), T(0, A_TLF), T(2, 0), T(2, 0), T(4, 0), T(4, 0),
		T(4, A_IRC | A_STR), T(4, A_IRC | A_STR), T(4, A_IRC | A_STR),
		T(4, A_TLD | A_IRC | A_STR) },
	[FSM_EV_TO_PLUS] = {
		__, __, __, __, T(4, A_STR), T(5, A_STR), T(6, A_SCR),
		T(6, A_SCR), T(8, A_SCR), __ },
	[FSM_EV_TO_MINUS] = {
		__, __, __, __, T(2, A_TLF), T(3, A_TLF), T(3, A_TLF),
		T(3, A_TLF), T(3, A_TLF), __ },
	[FSM_EV_RCR_PLUS] = {
		__, __, T(2, A_STA), T(8, A_IRC | A_SCR | A_SCA), T(4, 0),
		T(5, 0), T(8, A_SCA), T(9, A_SCA | A_TLU), T(8, A_SCA),
		T(8, A_TLD | A_SCR | A_SCA) },
	[FSM_EV_RCR_MINUS] = {
		__, __, T(2, A_STA), T(6, A_IRC | A_SCR | A_SCN), T(4, 0),
		T(5, 0), T(6, A_SCN), T(7, A_SCN), T(6, A_SCN),
		T(6, A_TLD | A_SCR | A_SCN) },
	[FSM_EV_RCA] = {
		__, __, T(2, A_STA), T(3, A_STA), T(4, 0), T(5, 0),
		T(7, A_IRC), T(6, A_SCR), T(9, A_IRC | A_TLU),
		T(6, A_TLD | A_SCR) },
	[FSM_EV_RCN] = {
		__, __, T(2, A_STA), T(3, A_STA), T(4, 0), T(5, 0),
		T(6, A_IRC | A_SCR), T(6, A_SCR), T(8, A_IRC | A_SCR),
		T(6, A_TLD | A_SCR) },
	[FSM_EV_RTR] = {
		__, __, T(2, A_STA), T(3, A_STA), T(4, A_STA), T(5, A_STA),
		T(6, A_STA), T(6, A_STA), T(6, A_STA),
		T(5, A_TLD | A_ZRC | A_STA) },
	[FSM_EV_RTA] = {
		__, __, T(2, 0), T(3, 0), T(2, A_TLF), T(3, A_TLF), T(6, 0),
		T(6, 0), T(8, 0), T(6, A_TLD | A_SCR) },
	[FSM_EV_RUC] = {
		__, __, T(2, A_SCJ), T(3, A_SCJ), T(4, A_SCJ), T(5, A_SCJ),
		T(6, A_SCJ), T(7, A_SCJ), T(8, A_SCJ), T(9, A_SCJ) },
	[FSM_EV_RXJ_PLUS] = {
		__, __, T(2, 0), T(3, 0), T(4, 0), T(5, 0), T(6, 0), T(6, 0),
		T(8, 0), T(9, 0) },
	[FSM_EV_RXJ_MINUS] = {
		__, __, T(2, A_TLF), T(3, A_TLF), T(2, A_TLF), T(3, A_TLF),
		T(3, A_TLF), T(3, A_TLF), T(3, A_TLF),
		T(5, A_TLD | A_IRC | A_STR) },
	[FSM_EV_RXR] = {
		__, __, T(2, 0), T(3, 0), T(4, 0), T(5, 0), T(6, 0), T(7, 0),
		T(8, 0), T(9, A_SER) },
};

/* What the event's packet brings to the actions that answer it. */
struct rx {
	uint8_t id;
	bool retransmit;		/* TO+: keep the Identifier */
	const uint8_t *pkt;		/* received packet, Length octets */
	size_t len;
	const uint8_t *opts;		/* its options: echoed by sca */
	size_t optlen;
	size_t badlen;			/* malformed tail after optlen */
	uint8_t reply_code;		/* scn: PPP_CONFNAK or PPP_CONFREJ */
	const uint8_t *reply;
	size_t replylen;
	size_t mru;			/* bounds scj */
};

static const char *const state_names[FSM_NSTATES] = {
	"Initial", "Starting", "Closed", "Stopped", "Closing", "Stopping",
	"REQsent", "ACKrcvd", "ACKsent", "Open",
};

static const char *const event_names[FSM_NEVENTS] = {
	"Up", "Down", "Open", "Close", "TO+", "TO-", "RCR+", "RCR-", "RCA",
	"RCN", "RTR", "RTA", "RUC", "RXJ+", "RXJ-", "RXR",
};

const char *fsm_state_name(int state)
{
	if (state < 0 || state >= FSM_NSTATES)
		return "?";
	return state_names[state];
}

bool fsm_listening(const struct fsm *f)
{
	return f->state == FSM_STOPPED && (f->flags & FSM_F_LISTEN);
}

const char *fsm_cur_state_name(const struct fsm *f)
{
	if (fsm_listening(f))
		return "Listen";
	return fsm_state_name(f->state);
}

const char *fsm_event_name(int ev)
{
	if (ev < 0 || ev >= FSM_NEVENTS)
		return "?";
	return event_names[ev];
}

void fsm_init(struct fsm *f, const struct fsm_proto *proto,
	      const struct fsm_ops *ops, void *ctx)
{
	memset(f, 0, sizeof(*f));
	f->proto = proto;
	f->ops = ops;
	f->ctx = ctx;
	f->restart_ms = FSM_DEF_RESTART_MS;
	f->max_configure = FSM_DEF_MAX_CONFIGURE;
	f->max_terminate = FSM_DEF_MAX_TERMINATE;
	f->max_failure = FSM_DEF_MAX_FAILURE;
	f->state = FSM_INITIAL;
}

uint8_t fsm_new_id(struct fsm *f)
{
	return ++f->seq;
}

static bool timer_state(int s)
{
	return s >= FSM_CLOSING && s <= FSM_ACKSENT;
}

static bool negotiating(int s)
{
	return s >= FSM_REQSENT && s <= FSM_ACKSENT;
}

static void start_timer(struct fsm *f)
{
	f->flags |= FSM_F_TIMER;
	f->ops->start_timer(f, f->restart_ms);
}

static void stop_timer(struct fsm *f)
{
	if (f->flags & FSM_F_TIMER) {
		f->flags &= ~FSM_F_TIMER;
		f->ops->stop_timer(f);
	}
}

static void warn(struct fsm *f, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* One line for the owner's log about a packet that was not taken as is. */
static void warn(struct fsm *f, const char *fmt, ...)
{
	char msg[128];
	va_list ap;

	if (!f->ops->warn)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	f->ops->warn(f, msg);
}

/* buf holds FSM_HDRLEN free octets, then dlen octets of data. */
static void emit(struct fsm *f, uint8_t *buf, uint8_t code, uint8_t id,
		 size_t dlen)
{
	size_t len = FSM_HDRLEN + dlen;

	buf[0] = code;
	buf[1] = id;
	buf[2] = (uint8_t)(len >> 8);
	buf[3] = (uint8_t)len;
	if (f->ops->trace)
		f->ops->trace(f, FSM_OUT, buf, len, fsm_cur_state_name(f));
	f->ops->send(f, buf, len);
}

int fsm_send(struct fsm *f, uint8_t code, uint8_t id, const uint8_t *data,
	     size_t len)
{
	uint8_t buf[FSM_MAX_PKT];

	if (len > FSM_MAX_OPTS || (len && !data))
		return -1;
	if (len)
		memcpy(buf + FSM_HDRLEN, data, len);
	emit(f, buf, code, id, len);
	return 0;
}

/* Our current request's options; a callback overrunning buf gives none. */
static size_t build_req(struct fsm *f, uint8_t *buf, size_t cap)
{
	size_t n = f->proto->build_req ? f->proto->build_req(f, buf, cap) : 0;

	return n <= cap ? n : 0;
}

static void act_scr(struct fsm *f, bool retransmit)
{
	uint8_t buf[FSM_MAX_PKT];
	size_t n;

	/* From a state that was not negotiating: a new negotiation. */
	if (!retransmit && !negotiating(f->state)) {
		if (f->proto->reset)
			f->proto->reset(f);
		f->naks_sent = 0;
		f->naks_rcvd = 0;
	}
	/*
	 * A retransmission keeps the Identifier, unless the request was
	 * already answered (Ack-Rcvd left by RTA or RXJ+ without a new scr):
	 * RFC 1661 5.1 wants a new one after a valid reply.
	 */
	if (!retransmit || (f->flags & FSM_F_REPLIED)) {
		f->reqid = fsm_new_id(f);
		f->flags &= ~FSM_F_REPLIED;
	}
	n = build_req(f, buf + FSM_HDRLEN, FSM_MAX_OPTS);
	emit(f, buf, PPP_CONFREQ, f->reqid, n);
	if (f->restarts)
		f->restarts--;
	start_timer(f);
}

static void act_str(struct fsm *f, bool retransmit)
{
	uint8_t buf[FSM_HDRLEN];

	if (!retransmit) {
		f->reqid = fsm_new_id(f);
		f->flags &= ~FSM_F_REPLIED;
	}
	emit(f, buf, PPP_TERMREQ, f->reqid, 0);
	if (f->restarts)
		f->restarts--;
	start_timer(f);
}

static void act_scj(struct fsm *f, const struct rx *rx)
{
	size_t room = rx->mru && rx->mru < FSM_MAX_PKT ? rx->mru : FSM_MAX_PKT;
	size_t n = rx->len;

	if (room < FSM_HDRLEN)
		room = FSM_HDRLEN;
	if (n > room - FSM_HDRLEN)
		n = room - FSM_HDRLEN;
	fsm_send(f, PPP_CODEREJ, fsm_new_id(f), rx->pkt, n);
}

static void do_actions(struct fsm *f, uint16_t act, int next,
		       const struct rx *rx)
{
	if (act & A_TLD && f->proto->tld)
		f->proto->tld(f);
	if (act & A_IRC)
		f->restarts = next == FSM_CLOSING || next == FSM_STOPPING ?
			      f->max_terminate : f->max_configure;
	if (act & A_ZRC) {
		f->restarts = 0;
		start_timer(f);
	}
	if (act & A_SCR)
		act_scr(f, rx->retransmit);
	if (act & A_SCA) {
		fsm_send(f, PPP_CONFACK, rx->id, rx->opts, rx->optlen);
		f->naks_sent = 0;
	}
	if (act & A_SCN) {
		uint8_t code = rx->reply_code ? rx->reply_code : PPP_CONFNAK;

		fsm_send(f, code, rx->id, rx->reply, rx->replylen);
		if (code == PPP_CONFNAK && f->naks_sent < UINT8_MAX)
			f->naks_sent++;
	}
	if (act & A_STR)
		act_str(f, rx->retransmit);
	if (act & A_STA)
		fsm_send(f, PPP_TERMACK, rx->id, NULL, 0);
	if (act & A_SCJ)
		act_scj(f, rx);
	if (act & A_SER && f->proto->ser)
		f->proto->ser(f, rx->pkt ? rx->pkt[0] : 0, rx->id,
			      rx->len > FSM_HDRLEN ? rx->pkt + FSM_HDRLEN : NULL,
			      rx->len > FSM_HDRLEN ? rx->len - FSM_HDRLEN : 0);
}

/* Enter the new state, then run the "entering" actions.  Nothing after. */
static void finish(struct fsm *f, int next, uint16_t post, bool listen)
{
	int old = f->state;

	f->state = (uint8_t)next;
	if (old != next)
		f->flags &= ~FSM_F_LISTEN;
	if (listen)
		f->flags |= FSM_F_LISTEN;
	if (!timer_state(next))
		stop_timer(f);
	if (old != next && f->ops->state_change)
		f->ops->state_change(f, old, next);
	if (post & A_TLS && f->proto->tls)
		f->proto->tls(f);
	else if (post & A_TLU && f->proto->tlu)
		f->proto->tlu(f);
	else if (post & A_TLF && f->proto->tlf)
		f->proto->tlf(f);
}

static void run(struct fsm *f, enum fsm_event ev, const struct rx *rx)
{
	const struct cell *c = &table[ev][f->state];
	uint16_t act = c->act;

	if (c->next < 0)
		return;
	/* [p]: a passive peer keeps waiting instead of finishing. */
	if (ev == FSM_EV_TO_MINUS && (f->opts & FSM_OPT_PASSIVE) &&
	    negotiating(f->state))
		act &= ~A_TLF;
	do_actions(f, act & ~A_POST, c->next, rx);
	finish(f, c->next, act & A_POST, false);
}

static void dispatch(struct fsm *f, enum fsm_event ev, const struct rx *rx)
{
	static const struct rx none;
	int old = f->state;

	if ((f->opts & FSM_OPT_SILENT) &&
	    ((ev == FSM_EV_OPEN && old == FSM_CLOSED) ||
	     (ev == FSM_EV_UP && old == FSM_STARTING))) {
		finish(f, FSM_STOPPED, 0, true);
		return;
	}
	run(f, ev, rx);
	/* [r]: an Open where the link is or was up renegotiates. */
	if (ev == FSM_EV_OPEN && (f->opts & FSM_OPT_RESTART) &&
	    (old == FSM_CLOSING || old == FSM_STOPPING ||
	     old == FSM_STOPPED || old == FSM_OPENED)) {
		dispatch(f, FSM_EV_DOWN, &none);
		dispatch(f, FSM_EV_UP, &none);
	}
}

void fsm_event(struct fsm *f, enum fsm_event ev)
{
	struct rx rx = { 0 };

	if ((unsigned int)ev >= FSM_NEVENTS)
		return;
	rx.retransmit = ev == FSM_EV_TO_PLUS || ev == FSM_EV_TO_MINUS;
	dispatch(f, ev, &rx);
}

void fsm_up(struct fsm *f)
{
	fsm_event(f, FSM_EV_UP);
}

void fsm_down(struct fsm *f)
{
	fsm_event(f, FSM_EV_DOWN);
}

void fsm_open(struct fsm *f)
{
	fsm_event(f, FSM_EV_OPEN);
}

void fsm_close(struct fsm *f)
{
	fsm_event(f, FSM_EV_CLOSE);
}

void fsm_timeout(struct fsm *f)
{
	struct rx rx = { .retransmit = true };

	if (!(f->flags & FSM_F_TIMER))
		return;		/* stale: we stopped it or never asked */
	f->flags &= ~FSM_F_TIMER;
	dispatch(f, f->restarts ? FSM_EV_TO_PLUS : FSM_EV_TO_MINUS, &rx);
}

/*
 * Max-Failure reached and the protocol still Nak'd: reject, verbatim and in
 * order, the request options whose types the Nak names.  Returns the length
 * written to out; 0 means nothing is left to refuse.
 */
static size_t nak_to_rej(const uint8_t *req, size_t reqlen,
			 const uint8_t *nak, size_t naklen,
			 uint8_t *out, size_t cap)
{
	uint8_t types[32] = { 0 };
	struct ppp_opt_iter it;
	struct ppp_optbuf b;
	struct ppp_opt o;

	ppp_opt_iter_init(&it, nak, naklen);
	while (ppp_opt_next(&it, &o) > 0)
		types[o.type / 8] |= 1u << (o.type % 8);
	ppp_optbuf_init(&b, out, cap);
	ppp_opt_iter_init(&it, req, reqlen);
	while (ppp_opt_next(&it, &o) > 0)
		if (types[o.type / 8] & (1u << (o.type % 8)))
			ppp_optbuf_put_opt(&b, &o);
	return b.len;
}

/*
 * Configure-Request.  RCR+ and RCR- share every action before sca/scn (tld,
 * irc, scr), so those run first and the options are judged after: the layer
 * goes down before its values are overwritten, and a new negotiation is set
 * up (reset) before the peer's options are compared with ours.
 */
static void rcr(struct fsm *f, struct rx *rx)
{
	const int state = f->state;
	const struct cell *plus = &table[FSM_EV_RCR_PLUS][state];
	const struct cell *c;
	uint8_t reply[FSM_MAX_OPTS];
	uint16_t pre;
	size_t rlen = 0;
	bool reject_mode;
	int verdict;

	if (plus->next < 0 || !(plus->act & A_SCA)) {
		/* Closed, Closing, Stopping: options not examined. */
		run(f, FSM_EV_RCR_PLUS, rx);
		return;
	}
	pre = plus->act & A_PRE;
	do_actions(f, pre, plus->next, rx);

	reject_mode = f->naks_sent >= f->max_failure;
	verdict = f->proto->rcv_req ?
		  f->proto->rcv_req(f, rx->opts, rx->optlen, reply,
				    sizeof(reply), &rlen, reject_mode) :
		  PPP_CONFACK;
	/* A callback broke the rules and moved us: its state stands. */
	if (f->state != state)
		return;
	if (rlen > sizeof(reply))
		rlen = 0;
	if (verdict == FSM_NAK_FORCED) {
		verdict = PPP_CONFNAK;
	} else if (verdict == PPP_CONFNAK && reject_mode) {
		/* reply is consumed before out overwrites it: copy first. */
		uint8_t nak[FSM_MAX_OPTS];

		memcpy(nak, reply, rlen);
		rlen = nak_to_rej(rx->opts, rx->optlen, nak, rlen, reply,
				  sizeof(reply));
		verdict = rlen ? PPP_CONFREJ : PPP_CONFACK;
	}
	if (verdict != PPP_CONFACK && verdict != PPP_CONFNAK)
		verdict = PPP_CONFREJ;
	if (rx->badlen) {
		/*
		 * The malformed tail goes back verbatim in the Reject, after
		 * whatever the protocol rejected (pppd does the same): the
		 * request as a whole can be neither acked nor Nak'd.
		 */
		if (verdict != PPP_CONFREJ)
			rlen = 0;
		memcpy(reply + rlen, rx->opts + rx->optlen, rx->badlen);
		rlen += rx->badlen;
		verdict = PPP_CONFREJ;
	}
	rx->reply_code = (uint8_t)verdict;
	rx->reply = reply;
	rx->replylen = rlen;

	c = verdict == PPP_CONFACK ? plus : &table[FSM_EV_RCR_MINUS][state];
	do_actions(f, c->act & ~pre & ~A_POST, c->next, rx);
	finish(f, c->next, c->act & A_POST, false);
}

/* Every option of sub appears, identical and in the same order, in set. */
static bool ordered_subset(const uint8_t *sub, size_t sublen,
			   const uint8_t *set, size_t setlen)
{
	struct ppp_opt_iter is, iset;
	struct ppp_opt a, b;

	ppp_opt_iter_init(&is, sub, sublen);
	ppp_opt_iter_init(&iset, set, setlen);
	while (ppp_opt_next(&is, &a) > 0) {
		for (;;) {
			if (ppp_opt_next(&iset, &b) <= 0)
				return false;
			if (a.len == b.len && !memcmp(a.raw, b.raw, a.len))
				break;
		}
	}
	return true;
}

/* Configure-Ack/-Nak/-Reject.  Returns false when it is to be discarded. */
static bool conf_reply_ok(struct fsm *f, uint8_t code, uint8_t id,
			  const uint8_t *data, size_t dlen)
{
	uint8_t mine[FSM_MAX_OPTS];
	size_t n;

	if (id != f->reqid || (f->flags & FSM_F_REPLIED))
		return false;
	if (code != PPP_CONFNAK) {
		n = build_req(f, mine, sizeof(mine));
		if (code == PPP_CONFACK &&
		    (n != dlen || (n && memcmp(mine, data, n)))) {
			warn(f, "Configure-Ack id %u does not echo our request: discarded",
			     id);
			return false;
		}
		if (code == PPP_CONFREJ &&
		    !ordered_subset(data, dlen, mine, n)) {
			warn(f, "Configure-Reject id %u is not a subset of our request: discarded",
			     id);
			return false;
		}
	}
	switch (code) {
	case PPP_CONFACK:
		if (f->proto->rcv_ack && !f->proto->rcv_ack(f, data, dlen))
			return false;
		break;
	case PPP_CONFNAK:
		if (f->proto->rcv_nak &&
		    !f->proto->rcv_nak(f, data, dlen,
				       f->naks_rcvd >= f->max_failure))
			return false;
		if (f->naks_rcvd < UINT8_MAX)
			f->naks_rcvd++;
		break;
	default:
		if (f->proto->rcv_rej && !f->proto->rcv_rej(f, data, dlen))
			return false;
		break;
	}
	f->flags |= FSM_F_REPLIED;
	return true;
}

static bool rxj_fatal(struct fsm *f, uint8_t code, const uint8_t *data,
		      size_t len)
{
	if (f->proto->rxj_fatal)
		return f->proto->rxj_fatal(f, code, data, len);
	if (code == PPP_CODEREJ)
		return data[0] >= PPP_CONFREQ && data[0] <= PPP_CODEREJ;
	if (code == PPP_PROTREJ && len >= 2)
		return ((data[0] << 8) | data[1]) == f->proto->protocol;
	return false;
}

enum fsm_rx fsm_input(struct fsm *f, const uint8_t *pkt, size_t len,
		      size_t peer_mru)
{
	struct rx rx = { 0 };
	const uint8_t *data;
	size_t plen, dlen;
	uint8_t code;
	enum fsm_ext ext;

	if (!pkt || len < FSM_HDRLEN)
		goto runt;
	plen = ((size_t)pkt[2] << 8) | pkt[3];
	if (plen < FSM_HDRLEN || plen > len)
		goto runt;
	code = pkt[0];
	data = pkt + FSM_HDRLEN;
	dlen = plen - FSM_HDRLEN;
	if (f->ops->trace)
		f->ops->trace(f, FSM_IN, pkt, plen, fsm_cur_state_name(f));
	if (f->state == FSM_INITIAL || f->state == FSM_STARTING)
		goto discard;

	rx.id = pkt[1];
	rx.pkt = pkt;
	rx.len = plen;
	rx.mru = peer_mru;

	switch (code) {
	case PPP_CONFREQ:
		if (dlen > FSM_MAX_OPTS) {
			warn(f, "Configure-Request id %u with %zu octets of options, more than an Ack can echo: discarded",
			     rx.id, dlen);
			goto malformed;
		}
		rx.opts = data;
		rx.optlen = ppp_opts_prefix(data, dlen);
		rx.badlen = dlen - rx.optlen;
		if (rx.badlen) {
			f->stats.rx_malformed++;
			warn(f, "Configure-Request id %u: malformed option at octet %zu, rejecting the last %zu octets",
			     rx.id, rx.optlen, rx.badlen);
		}
		rcr(f, &rx);
		return FSM_RX_EVENT;
	case PPP_CONFACK:
	case PPP_CONFNAK:
	case PPP_CONFREJ:
		if (!ppp_opts_valid(data, dlen)) {
			warn(f, "%s id %u with a malformed option list: discarded",
			     code == PPP_CONFACK ? "Configure-Ack" :
			     code == PPP_CONFNAK ? "Configure-Nak" :
			     "Configure-Reject", rx.id);
			goto malformed;
		}
		if (f->state >= FSM_REQSENT &&
		    !conf_reply_ok(f, code, rx.id, data, dlen))
			goto discard;
		run(f, code == PPP_CONFACK ? FSM_EV_RCA : FSM_EV_RCN, &rx);
		return FSM_RX_EVENT;
	case PPP_TERMREQ:
		run(f, FSM_EV_RTR, &rx);
		return FSM_RX_EVENT;
	case PPP_TERMACK:
		run(f, FSM_EV_RTA, &rx);
		return FSM_RX_EVENT;
	case PPP_CODEREJ:
		if (dlen < 1)
			goto malformed;
		run(f, rxj_fatal(f, code, data, dlen) ? FSM_EV_RXJ_MINUS :
			FSM_EV_RXJ_PLUS, &rx);
		return FSM_RX_EVENT;
	default:
		break;
	}

	ext = f->proto->rx_code ?
	      f->proto->rx_code(f, code, rx.id, data, dlen) : FSM_EXT_UNKNOWN;
	switch (ext) {
	case FSM_EXT_RXR:
		run(f, FSM_EV_RXR, &rx);
		return FSM_RX_EVENT;
	case FSM_EXT_RXJ:
		/* Protocol-Reject: at least the Rejected-Protocol field. */
		if (dlen < 2)
			goto malformed;
		run(f, rxj_fatal(f, code, data, dlen) ? FSM_EV_RXJ_MINUS :
			FSM_EV_RXJ_PLUS, &rx);
		return FSM_RX_EVENT;
	case FSM_EXT_DONE:
		return FSM_RX_HANDLED;
	default:
		f->stats.rx_unknown++;
		run(f, FSM_EV_RUC, &rx);
		return FSM_RX_EVENT;
	}

runt:
	f->stats.rx_short++;
	return FSM_RX_SHORT;
malformed:
	f->stats.rx_malformed++;
	return FSM_RX_MALFORMED;
discard:
	f->stats.rx_discarded++;
	return FSM_RX_DISCARDED;
}
