// SPDX-License-Identifier: GPL-2.0
/*
 * The RFC 1661 automaton (fsm.c).
 *
 * The protocol table plugged into the automaton here is a recording fake:
 * the automaton is the thing under test, and struct fsm_proto is its real
 * plug-in interface.  The transition table is checked against the text of
 * RFC 1661 section 4.1, parsed at run time, for all 10 states x 16 events,
 * once through fsm_event() and once through real packets, timers and
 * administrative calls.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kselftest_harness.h"
#include "proto/fsm.h"
#include "proto/opts.h"

/* ------------------------------------------------------------------ */
/* Recording fake protocol and owner                                   */
/* ------------------------------------------------------------------ */

#define NPKT 48

struct sent {
	uint8_t b[FSM_MAX_PKT];
	size_t len;
	char state[16];		/* state name the trace hook got */
};

struct rec {
	char log[2048];		/* observable actions, in order */
	char trace[4096];	/* "O 1 [REQsent] id 1;" ... */
	char states[512];	/* "Starting>REQsent;" ... */
	char warn[512];		/* ops->warn lines, "; "-separated */
	struct sent sent[NPKT];
	int nsent;
	/* timer */
	bool timer;
	int timer_starts, timer_stops;
	unsigned int timer_ms;
	/* protocol behaviour */
	uint8_t req[64];
	size_t reqlen;
	int verdict;
	uint8_t reply[64];
	size_t replylen;
	bool honor_reject_mode;
	bool ack_ok, nak_ok, rej_ok;
	bool fatal_answer;
	/* what the protocol saw */
	int nreset, nreq, nack, nnak, nrej, ndone, nfatal;
	bool req_reject_mode, nak_reject_mode;
	uint8_t fatal_code;
	size_t fatal_len;
	int ser_code, ser_id;
	size_t ser_len;
	int tlu, tld, tls, tlf;
	/* re-entrancy experiments */
	void (*on_req)(struct fsm *f);
	void (*on_tls)(struct fsm *f);
	void (*on_tlf)(struct fsm *f);
};

static struct rec *R(struct fsm *f)
{
	return f->ctx;
}

static void logw(char *buf, size_t cap, const char *w)
{
	size_t n = strlen(buf);

	snprintf(buf + n, cap - n, "%s%s", n ? " " : "", w);
}

static const char *code_action(uint8_t code)
{
	switch (code) {
	case PPP_CONFREQ: return "scr";
	case PPP_CONFACK: return "sca";
	case PPP_CONFNAK: return "scn";
	case PPP_CONFREJ: return "scn";
	case PPP_TERMREQ: return "str";
	case PPP_TERMACK: return "sta";
	case PPP_CODEREJ: return "scj";
	default: return "tx?";
	}
}

static void fk_send(struct fsm *f, const uint8_t *pkt, size_t len)
{
	struct rec *r = R(f);

	logw(r->log, sizeof(r->log), code_action(pkt[0]));
	if (r->nsent < NPKT && len <= FSM_MAX_PKT) {
		memcpy(r->sent[r->nsent].b, pkt, len);
		r->sent[r->nsent].len = len;
		snprintf(r->sent[r->nsent].state, sizeof(r->sent[0].state),
			 "%s", fsm_cur_state_name(f));
		r->nsent++;
	}
}

static void fk_start(struct fsm *f, unsigned int ms)
{
	R(f)->timer = true;
	R(f)->timer_starts++;
	R(f)->timer_ms = ms;
}

static void fk_stop(struct fsm *f)
{
	R(f)->timer = false;
	R(f)->timer_stops++;
}

static void fk_trace(struct fsm *f, enum fsm_dir dir, const uint8_t *pkt,
		     size_t len, const char *state)
{
	struct rec *r = R(f);
	char w[64];

	snprintf(w, sizeof(w), "%c %u [%s] id %u len %zu;",
		 dir == FSM_OUT ? 'O' : 'I', pkt[0], state, pkt[1], len);
	logw(r->trace, sizeof(r->trace), w);
}

static void fk_state(struct fsm *f, int from, int to)
{
	struct rec *r = R(f);
	char w[48];

	/* The hook runs with the new state already set. */
	if (fsm_state(f) != to)
		abort();
	snprintf(w, sizeof(w), "%s>%s;", fsm_state_name(from),
		 fsm_cur_state_name(f));
	logw(r->states, sizeof(r->states), w);
	logw(r->log, sizeof(r->log), "|");
}

static void fk_warn(struct fsm *f, const char *msg)
{
	struct rec *r = R(f);
	size_t n = strlen(r->warn);

	snprintf(r->warn + n, sizeof(r->warn) - n, "%s; ", msg);
}

static const struct fsm_ops fk_ops = {
	.send = fk_send,
	.start_timer = fk_start,
	.stop_timer = fk_stop,
	.trace = fk_trace,
	.state_change = fk_state,
	.warn = fk_warn,
};

static void fk_reset(struct fsm *f)
{
	R(f)->nreset++;
}

static size_t fk_build(struct fsm *f, uint8_t *buf, size_t cap)
{
	struct rec *r = R(f);

	if (r->reqlen > cap)
		return 0;
	memcpy(buf, r->req, r->reqlen);
	return r->reqlen;
}

static int fk_rcv_req(struct fsm *f, const uint8_t *opts, size_t len,
		      uint8_t *reply, size_t cap, size_t *reply_len,
		      bool reject_mode)
{
	struct rec *r = R(f);
	int v = r->verdict;

	r->nreq++;
	r->req_reject_mode = reject_mode;
	if (r->on_req)
		r->on_req(f);
	if (v == PPP_CONFNAK && reject_mode && r->honor_reject_mode) {
		/* A well-behaved protocol: reject what it would have Nak'd. */
		if (len > cap)
			abort();
		memcpy(reply, opts, len);
		*reply_len = len;
		return PPP_CONFREJ;
	}
	if (v != PPP_CONFACK) {
		memcpy(reply, r->reply, r->replylen);
		*reply_len = r->replylen;
	}
	return v;
}

static bool fk_rcv_ack(struct fsm *f, const uint8_t *opts, size_t len)
{
	(void)opts;
	(void)len;
	R(f)->nack++;
	return R(f)->ack_ok;
}

static bool fk_rcv_nak(struct fsm *f, const uint8_t *opts, size_t len,
		       bool reject_mode)
{
	(void)opts;
	(void)len;
	R(f)->nnak++;
	R(f)->nak_reject_mode = reject_mode;
	return R(f)->nak_ok;
}

static bool fk_rcv_rej(struct fsm *f, const uint8_t *opts, size_t len)
{
	(void)opts;
	(void)len;
	R(f)->nrej++;
	return R(f)->rej_ok;
}

static void fk_tlu(struct fsm *f)
{
	R(f)->tlu++;
	logw(R(f)->log, sizeof(R(f)->log), "tlu");
}

static void fk_tld(struct fsm *f)
{
	R(f)->tld++;
	logw(R(f)->log, sizeof(R(f)->log), "tld");
}

static void fk_tls(struct fsm *f)
{
	R(f)->tls++;
	logw(R(f)->log, sizeof(R(f)->log), "tls");
	if (R(f)->on_tls)
		R(f)->on_tls(f);
}

static void fk_tlf(struct fsm *f)
{
	R(f)->tlf++;
	logw(R(f)->log, sizeof(R(f)->log), "tlf");
	if (R(f)->on_tlf)
		R(f)->on_tlf(f);
}

/* LCP-like extra codes: 8 reject, 9-11 RXR, 12 handled, others unknown. */
static enum fsm_ext fk_rx_code(struct fsm *f, uint8_t code, uint8_t id,
			       const uint8_t *data, size_t len)
{
	(void)id;
	(void)data;
	(void)len;
	switch (code) {
	case PPP_PROTREJ:
		return FSM_EXT_RXJ;
	case PPP_ECHOREQ:
	case PPP_ECHOREP:
	case PPP_DISCREQ:
		return FSM_EXT_RXR;
	case 12:
		R(f)->ndone++;
		return FSM_EXT_DONE;
	default:
		return FSM_EXT_UNKNOWN;
	}
}

static void fk_ser(struct fsm *f, uint8_t code, uint8_t id,
		   const uint8_t *data, size_t len)
{
	struct rec *r = R(f);

	(void)data;
	r->ser_code = code;
	r->ser_id = id;
	r->ser_len = len;
	logw(r->log, sizeof(r->log), "ser");
}

static bool fk_fatal(struct fsm *f, uint8_t code, const uint8_t *data,
		     size_t len)
{
	struct rec *r = R(f);

	r->nfatal++;
	r->fatal_code = code;
	r->fatal_len = len;
	(void)data;
	return r->fatal_answer;
}

#define FAKE_PROTO_FIELDS						\
	.name = "FAKE",							\
	.reset = fk_reset,						\
	.build_req = fk_build,						\
	.rcv_req = fk_rcv_req,						\
	.rcv_ack = fk_rcv_ack,						\
	.rcv_nak = fk_rcv_nak,						\
	.rcv_rej = fk_rcv_rej,						\
	.tlu = fk_tlu,							\
	.tld = fk_tld,							\
	.tls = fk_tls,							\
	.tlf = fk_tlf,							\
	.ser = fk_ser

static const struct fsm_proto fake = {
	FAKE_PROTO_FIELDS,
	.protocol = 0xc021,
	.rx_code = fk_rx_code,
};
static const struct fsm_proto fake_hooked = {
	FAKE_PROTO_FIELDS,
	.protocol = 0xc021,
	.rx_code = fk_rx_code,
	.rxj_fatal = fk_fatal,
};
/* An NCP: no extra codes, every Code above 7 is unknown. */
static const struct fsm_proto fake_ncp = {
	FAKE_PROTO_FIELDS,
	.protocol = 0x8021,
};

/* Our request: MRU 1500, magic 0x01020304. */
static const uint8_t REQ[] = { 1, 4, 0x05, 0xdc, 5, 6, 1, 2, 3, 4 };

struct tb {
	struct fsm f;
	struct rec r;
};

static struct tb *tb_new(const struct fsm_proto *p)
{
	struct tb *t = calloc(1, sizeof(*t));

	if (!t)
		abort();
	fsm_init(&t->f, p, &fk_ops, &t->r);
	memcpy(t->r.req, REQ, sizeof(REQ));
	t->r.reqlen = sizeof(REQ);
	t->r.verdict = PPP_CONFACK;
	t->r.ack_ok = t->r.nak_ok = t->r.rej_ok = true;
	return t;
}

static void tb_clear(struct tb *t)
{
	t->r.log[0] = 0;
	t->r.trace[0] = 0;
	t->r.states[0] = 0;
	t->r.nsent = 0;
}

static enum fsm_rx feed_mru(struct tb *t, uint8_t code, uint8_t id,
			    const void *data, size_t len, size_t mru)
{
	uint8_t b[2048];

	if (len + 4 > sizeof(b))
		abort();
	b[0] = code;
	b[1] = id;
	b[2] = (uint8_t)((len + 4) >> 8);
	b[3] = (uint8_t)(len + 4);
	if (len)
		memcpy(b + 4, data, len);
	return fsm_input(&t->f, b, len + 4, mru);
}

static enum fsm_rx feed(struct tb *t, uint8_t code, uint8_t id,
			const void *data, size_t len)
{
	return feed_mru(t, code, id, data, len, 1500);
}

static const struct sent *last_sent(struct tb *t)
{
	return t->r.nsent ? &t->r.sent[t->r.nsent - 1] : NULL;
}

static unsigned int pkt_len(const uint8_t *b)
{
	return (unsigned int)b[2] << 8 | b[3];
}

/* ------------------------------------------------------------------ */
/* RFC 1661 section 4.1, as printed                                    */
/* ------------------------------------------------------------------ */

static const char rfc1661_table[] =
"      | State\n"
"      |    0         1         2         3         4         5\n"
"Events| Initial   Starting  Closed    Stopped   Closing   Stopping\n"
"------+-----------------------------------------------------------\n"
" Up   |    2     irc,scr/6     -         -         -         -\n"
" Down |    -         -         0       tls/1       0         1\n"
" Open |  tls/1       1     irc,scr/6     3r        5r        5r\n"
" Close|    0       tlf/0       2         2         4         4\n"
"      |\n"
"  TO+ |    -         -         -         -       str/4     str/5\n"
"  TO- |    -         -         -         -       tlf/2     tlf/3\n"
"      |\n"
" RCR+ |    -         -       sta/2 irc,scr,sca/8   4         5\n"
" RCR- |    -         -       sta/2 irc,scr,scn/6   4         5\n"
" RCA  |    -         -       sta/2     sta/3       4         5\n"
" RCN  |    -         -       sta/2     sta/3       4         5\n"
"      |\n"
" RTR  |    -         -       sta/2     sta/3     sta/4     sta/5\n"
" RTA  |    -         -         2         3       tlf/2     tlf/3\n"
"      |\n"
" RUC  |    -         -       scj/2     scj/3     scj/4     scj/5\n"
" RXJ+ |    -         -         2         3         4         5\n"
" RXJ- |    -         -       tlf/2     tlf/3     tlf/2     tlf/3\n"
"      |\n"
" RXR  |    -         -         2         3         4         5\n"
"\n"
"      | State\n"
"      |    6         7         8           9\n"
"Events| Req-Sent  Ack-Rcvd  Ack-Sent    Opened\n"
"------+-----------------------------------------\n"
" Up   |    -         -         -           -\n"
" Down |    1         1         1         tld/1\n"
" Open |    6         7         8           9r\n"
" Close|irc,str/4 irc,str/4 irc,str/4 tld,irc,str/4\n"
"      |\n"
"  TO+ |  scr/6     scr/6     scr/8         -\n"
"  TO- |  tlf/3p    tlf/3p    tlf/3p        -\n"
"      |\n"
" RCR+ |  sca/8   sca,tlu/9   sca/8   tld,scr,sca/8\n"
" RCR- |  scn/6     scn/7     scn/6   tld,scr,scn/6\n"
" RCA  |  irc/7     scr/6x  irc,tlu/9   tld,scr/6x\n"
" RCN  |irc,scr/6   scr/6x  irc,scr/8   tld,scr/6x\n"
"      |\n"
" RTR  |  sta/6     sta/6     sta/6   tld,zrc,sta/5\n"
" RTA  |    6         6         8       tld,scr/6\n"
"      |\n"
" RUC  |  scj/6     scj/7     scj/8       scj/9\n"
" RXJ+ |    6         6         8           9\n"
" RXJ- |  tlf/3     tlf/3     tlf/3   tld,irc,str/5\n"
"      |\n"
" RXR  |    6         7         8         ser/9\n";

struct expect {
	int next;		/* -1: "-" */
	char acts[64];		/* "irc,scr" */
};

static struct expect rfc[FSM_NEVENTS][FSM_NSTATES];

/* Fill rfc[][] from the text; returns the number of cells read. */
static int parse_rfc_table(void)
{
	char text[sizeof(rfc1661_table)];
	int cols[FSM_NSTATES], ncols = 0, cells = 0;
	char *line, *save = NULL;

	memcpy(text, rfc1661_table, sizeof(text));
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *bar = strchr(line, '|'), *tok, *s2 = NULL;
		char name[8] = "";
		int ev, i = 0;

		if (!bar)
			continue;
		*bar = 0;
		sscanf(line, "%7s", name);
		if (!name[0]) {
			/* A column header "|  0  1 ..." or a blank row. */
			int n = 0;

			for (tok = strtok_r(bar + 1, " ", &s2); tok;
			     tok = strtok_r(NULL, " ", &s2)) {
				if (tok[0] < '0' || tok[0] > '9')
					break;
				cols[n++] = atoi(tok);
			}
			if (n)
				ncols = n;
			continue;
		}
		for (ev = 0; ev < FSM_NEVENTS; ev++)
			if (!strcmp(name, fsm_event_name(ev)))
				break;
		if (ev == FSM_NEVENTS)
			continue;	/* "Events" header */
		for (tok = strtok_r(bar + 1, " ", &s2); tok && i < ncols;
		     tok = strtok_r(NULL, " ", &s2), i++) {
			struct expect *e = &rfc[ev][cols[i]];
			char *slash = strrchr(tok, '/');

			cells++;
			e->acts[0] = 0;
			if (!strcmp(tok, "-")) {
				e->next = -1;
				continue;
			}
			if (slash) {
				*slash = 0;
				snprintf(e->acts, sizeof(e->acts), "%s", tok);
				tok = slash + 1;
			}
			/* "3r", "3p", "6x": the letter marks an option. */
			e->next = tok[0] - '0';
		}
	}
	return cells;
}

/* Observable trace of an RFC action list: irc and zrc are not sent. */
static void expected_log(const char *acts, int cur, int next, char *out,
			 size_t cap)
{
	char tmp[64], *tok, *save = NULL;
	bool post = false;

	out[0] = 0;
	snprintf(tmp, sizeof(tmp), "%s", acts);
	for (tok = strtok_r(tmp, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		if (!strcmp(tok, "irc") || !strcmp(tok, "zrc"))
			continue;
		if (!strcmp(tok, "tls") || !strcmp(tok, "tlu") ||
		    !strcmp(tok, "tlf")) {
			/* Entering-the-state actions follow the change. */
			if (next != cur)
				logw(out, cap, "|");
			post = true;
		}
		logw(out, cap, tok);
	}
	if (!post && next >= 0 && next != cur)
		logw(out, cap, "|");
}

static bool has_act(const char *acts, const char *a)
{
	char tmp[64], *tok, *save = NULL;

	snprintf(tmp, sizeof(tmp), "%s", acts);
	for (tok = strtok_r(tmp, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save))
		if (!strcmp(tok, a))
			return true;
	return false;
}

static int count_act(const char *acts, const char *a)
{
	char tmp[64], *tok, *save = NULL;
	int n = 0;

	snprintf(tmp, sizeof(tmp), "%s", acts);
	for (tok = strtok_r(tmp, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save))
		n += !strcmp(tok, a);
	return n;
}

#define MAXC 10
#define MAXT 6

/* Bring a fresh automaton to state s with real packets and calls. */
static void goto_state(struct tb *t, int s)
{
	static const uint8_t rej_confreq[] = { 1, 7, 0, 4 };

	t->f.max_configure = MAXC;
	t->f.max_terminate = MAXT;
	switch (s) {
	case FSM_INITIAL:
		break;
	case FSM_STARTING:
		fsm_open(&t->f);
		break;
	case FSM_CLOSED:
		fsm_up(&t->f);
		break;
	case FSM_STOPPED:	/* Code-Reject of Configure-Request: RXJ- */
		fsm_up(&t->f);
		fsm_open(&t->f);
		feed(t, PPP_CODEREJ, 99, rej_confreq, sizeof(rej_confreq));
		break;
	case FSM_CLOSING:
		fsm_up(&t->f);
		fsm_open(&t->f);
		fsm_close(&t->f);
		break;
	case FSM_STOPPING:
		fsm_up(&t->f);
		fsm_open(&t->f);
		fsm_close(&t->f);
		fsm_open(&t->f);
		break;
	case FSM_REQSENT:
		fsm_up(&t->f);
		fsm_open(&t->f);
		break;
	case FSM_ACKRCVD:
		fsm_up(&t->f);
		fsm_open(&t->f);
		feed(t, PPP_CONFACK, t->f.reqid, REQ, sizeof(REQ));
		break;
	case FSM_ACKSENT:
		fsm_up(&t->f);
		fsm_open(&t->f);
		feed(t, PPP_CONFREQ, 50, REQ, sizeof(REQ));
		break;
	case FSM_OPENED:
		fsm_up(&t->f);
		fsm_open(&t->f);
		feed(t, PPP_CONFREQ, 50, REQ, sizeof(REQ));
		feed(t, PPP_CONFACK, t->f.reqid, REQ, sizeof(REQ));
		break;
	}
}

/*
 * Produce event ev the way it happens in real life.  Returns false when the
 * automaton must discard the packet instead (duplicate reply, see fsm.h).
 */
static bool real_event(struct tb *t, int ev, int state)
{
	static const uint8_t nak[] = { 1, 4, 0x05, 0xd4 };
	static const uint8_t unk[] = { 1, 2, 3 };
	static const uint8_t cr_plus[] = { 9, 1, 0, 4 };	/* Echo-Req */
	static const uint8_t cr_minus[] = { 2, 1, 0, 4 };	/* Conf-Ack */
	static const uint8_t echo[] = { 0, 0, 0, 0 };

	switch (ev) {
	case FSM_EV_UP:
		fsm_up(&t->f);
		break;
	case FSM_EV_DOWN:
		fsm_down(&t->f);
		break;
	case FSM_EV_OPEN:
		fsm_open(&t->f);
		break;
	case FSM_EV_CLOSE:
		fsm_close(&t->f);
		break;
	case FSM_EV_TO_PLUS:
	case FSM_EV_TO_MINUS:
		/* The one-shot timer fires (ignored where none runs). */
		t->r.timer = false;
		fsm_timeout(&t->f);
		break;
	case FSM_EV_RCR_PLUS:
		t->r.verdict = PPP_CONFACK;
		feed(t, PPP_CONFREQ, 77, REQ, sizeof(REQ));
		break;
	case FSM_EV_RCR_MINUS:
		t->r.verdict = PPP_CONFNAK;
		memcpy(t->r.reply, nak, sizeof(nak));
		t->r.replylen = sizeof(nak);
		feed(t, PPP_CONFREQ, 77, REQ, sizeof(REQ));
		break;
	case FSM_EV_RCA:
		feed(t, PPP_CONFACK, t->f.reqid, REQ, sizeof(REQ));
		return !(state == FSM_ACKRCVD || state == FSM_OPENED);
	case FSM_EV_RCN:
		feed(t, PPP_CONFNAK, t->f.reqid, nak, sizeof(nak));
		return !(state == FSM_ACKRCVD || state == FSM_OPENED);
	case FSM_EV_RTR:
		feed(t, PPP_TERMREQ, 78, "bye", 3);
		break;
	case FSM_EV_RTA:
		feed(t, PPP_TERMACK, 79, NULL, 0);
		break;
	case FSM_EV_RUC:
		feed(t, 0x42, 80, unk, sizeof(unk));
		break;
	case FSM_EV_RXJ_PLUS:
		feed(t, PPP_CODEREJ, 81, cr_plus, sizeof(cr_plus));
		break;
	case FSM_EV_RXJ_MINUS:
		feed(t, PPP_CODEREJ, 82, cr_minus, sizeof(cr_minus));
		break;
	case FSM_EV_RXR:
		feed(t, PPP_ECHOREQ, 83, echo, sizeof(echo));
		break;
	}
	return true;
}

/* One cell; returns the number of mismatches, each logged. */
static int check_cell(struct __test_metadata *_metadata, int s, int ev,
		      bool real)
{
	const struct expect *e = &rfc[ev][s];
	struct tb *t = tb_new(&fake);
	int next = e->next < 0 ? s : e->next;
	int before, want_restarts, sends, bad = 0;
	char want[128];
	bool taken;

	goto_state(t, s);
	if (fsm_state(&t->f) != s) {
		TH_LOG("setup for %s reached %s", fsm_state_name(s),
		       fsm_state_name(fsm_state(&t->f)));
		free(t);
		return 1;
	}
	tb_clear(t);
	/* A value irc and zrc both change, so their effect shows. */
	t->f.restarts = ev == FSM_EV_TO_MINUS && real ? 0 : 3;
	before = t->f.restarts;
	t->r.timer_starts = 0;

	if (real) {
		unsigned int disc = t->f.stats.rx_discarded;

		taken = real_event(t, ev, s);
		if (!taken) {
			/* Duplicate reply: discarded, nothing happens. */
			if (t->f.stats.rx_discarded != disc + 1 ||
			    t->r.log[0] || fsm_state(&t->f) != s) {
				TH_LOG("%s in %s: duplicate reply not discarded: [%s]",
				       fsm_event_name(ev), fsm_state_name(s),
				       t->r.log);
				bad++;
			}
			free(t);
			return bad;
		}
	} else {
		fsm_event(&t->f, ev);
	}

	expected_log(e->acts, s, next, want, sizeof(want));
	if (strcmp(want, t->r.log)) {
		TH_LOG("%s %s in %s: actions [%s], RFC says [%s] (%s/%d)",
		       real ? "real" : "fsm_event", fsm_event_name(ev),
		       fsm_state_name(s), t->r.log, want, e->acts, e->next);
		bad++;
	}
	if (fsm_state(&t->f) != next) {
		TH_LOG("%s %s in %s: went to %s, RFC says %s",
		       real ? "real" : "fsm_event", fsm_event_name(ev),
		       fsm_state_name(s), fsm_state_name(fsm_state(&t->f)),
		       fsm_state_name(next));
		bad++;
	}
	/* irc / zrc / decrement per transmission. */
	sends = count_act(e->acts, "scr") + count_act(e->acts, "str");
	if (has_act(e->acts, "irc"))
		want_restarts = next == FSM_CLOSING || next == FSM_STOPPING ?
				MAXT : MAXC;
	else if (has_act(e->acts, "zrc"))
		want_restarts = 0;
	else
		want_restarts = before;
	want_restarts = want_restarts > sends ? want_restarts - sends : 0;
	if (t->f.restarts != want_restarts) {
		TH_LOG("%s in %s: restart counter %u, want %d",
		       fsm_event_name(ev), fsm_state_name(s), t->f.restarts,
		       want_restarts);
		bad++;
	}
	/* The timer runs exactly in Closing..Ack-Sent and is armed by every
	 * scr, str and zrc. */
	if (t->r.timer != (next >= FSM_CLOSING && next <= FSM_ACKSENT) ||
	    t->r.timer_starts != sends + has_act(e->acts, "zrc")) {
		TH_LOG("%s in %s: timer %d starts %d", fsm_event_name(ev),
		       fsm_state_name(s), t->r.timer, t->r.timer_starts);
		bad++;
	}
	free(t);
	return bad;
}

TEST(rfc_table_parses)
{
	ASSERT_EQ(FSM_NSTATES * FSM_NEVENTS, parse_rfc_table());
	/* Spot checks that the parser reads what the RFC prints. */
	EXPECT_STREQ("tld,irc,str", rfc[FSM_EV_CLOSE][FSM_OPENED].acts);
	EXPECT_EQ(4, rfc[FSM_EV_CLOSE][FSM_OPENED].next);
	EXPECT_EQ(-1, rfc[FSM_EV_UP][FSM_OPENED].next);
	EXPECT_EQ(3, rfc[FSM_EV_OPEN][FSM_STOPPED].next);
	EXPECT_STREQ("tld,zrc,sta", rfc[FSM_EV_RTR][FSM_OPENED].acts);
	EXPECT_EQ(5, rfc[FSM_EV_RTR][FSM_OPENED].next);
}

TEST(table_every_cell_via_fsm_event)
{
	int s, ev, bad = 0;

	ASSERT_EQ(FSM_NSTATES * FSM_NEVENTS, parse_rfc_table());
	for (s = 0; s < FSM_NSTATES; s++)
		for (ev = 0; ev < FSM_NEVENTS; ev++)
			bad += check_cell(_metadata, s, ev, false);
	EXPECT_EQ(0, bad);
}

TEST(table_every_cell_via_packets_timers_and_calls)
{
	int s, ev, bad = 0;

	ASSERT_EQ(FSM_NSTATES * FSM_NEVENTS, parse_rfc_table());
	for (s = 0; s < FSM_NSTATES; s++)
		for (ev = 0; ev < FSM_NEVENTS; ev++)
			bad += check_cell(_metadata, s, ev, true);
	EXPECT_EQ(0, bad);
}

TEST(state_names_are_ios_spelling)
{
	static const char *const want[] = {
		"Initial", "Starting", "Closed", "Stopped", "Closing",
		"Stopping", "REQsent", "ACKrcvd", "ACKsent", "Open",
	};
	int i;

	for (i = 0; i < FSM_NSTATES; i++)
		EXPECT_STREQ(want[i], fsm_state_name(i));
	EXPECT_STREQ("?", fsm_state_name(-1));
	EXPECT_STREQ("?", fsm_state_name(FSM_NSTATES));
	EXPECT_STREQ("RXJ-", fsm_event_name(FSM_EV_RXJ_MINUS));
	EXPECT_STREQ("?", fsm_event_name(FSM_NEVENTS));
}

TEST(instance_is_small)
{
	TH_LOG("sizeof(struct fsm) = %zu", sizeof(struct fsm));
	EXPECT_LE(sizeof(struct fsm), 64);
}

/* ------------------------------------------------------------------ */
/* Packet level                                                        */
/* ------------------------------------------------------------------ */

static struct tb *in_state(const struct fsm_proto *p, int s)
{
	struct tb *t = tb_new(p);

	goto_state(t, s);
	tb_clear(t);
	return t;
}

/* The one-shot Restart timer fires. */
static void fire(struct tb *t)
{
	t->r.timer = false;
	fsm_timeout(&t->f);
}

TEST(confreq_identifiers)
{
	static const uint8_t nak[] = { 1, 4, 0x05, 0xd4 };
	static const uint8_t other[] = { 1, 4, 0x05, 0xdd, 5, 6, 1, 2, 3, 4 };
	struct tb *t = tb_new(&fake);
	uint8_t a, b, c;

	fsm_up(&t->f);
	fsm_open(&t->f);
	ASSERT_EQ(1, t->r.nsent);
	a = t->r.sent[0].b[1];
	ASSERT_EQ(PPP_CONFREQ, t->r.sent[0].b[0]);
	ASSERT_EQ(sizeof(REQ) + 4, t->r.sent[0].len);
	EXPECT_EQ(0, memcmp(t->r.sent[0].b + 4, REQ, sizeof(REQ)));
	/* IOS: "IPCP: O CONFREQ [Closed] id 4 len 10" */
	EXPECT_STREQ("Closed", t->r.sent[0].state);
	EXPECT_EQ(3000, t->r.timer_ms);

	/* Retransmission: same Identifier, same octets. */
	fire(t);
	ASSERT_EQ(2, t->r.nsent);
	EXPECT_EQ(t->r.sent[0].len, t->r.sent[1].len);
	EXPECT_EQ(0, memcmp(t->r.sent[0].b, t->r.sent[1].b, t->r.sent[0].len));
	EXPECT_STREQ("REQsent", t->r.sent[1].state);

	/* Replies with another Identifier are out of sequence. */
	EXPECT_EQ(FSM_RX_DISCARDED, feed(t, PPP_CONFNAK, a + 1, nak, 4));
	EXPECT_EQ(FSM_RX_DISCARDED, feed(t, PPP_CONFACK, a - 1, REQ,
					 sizeof(REQ)));
	EXPECT_EQ(2u, t->f.stats.rx_discarded);
	EXPECT_EQ(0, t->r.nnak);
	EXPECT_EQ(2, t->r.nsent);

	/* A valid Nak: a new request, with a new Identifier. */
	EXPECT_EQ(FSM_RX_EVENT, feed(t, PPP_CONFNAK, a, nak, 4));
	EXPECT_EQ(1, t->r.nnak);
	ASSERT_EQ(3, t->r.nsent);
	b = t->r.sent[2].b[1];
	EXPECT_NE(a, b);
	EXPECT_EQ(b, t->f.reqid);

	/* The old Identifier is dead now. */
	EXPECT_EQ(FSM_RX_DISCARDED, feed(t, PPP_CONFNAK, a, nak, 4));
	EXPECT_EQ(FSM_RX_DISCARDED, feed(t, PPP_CONFACK, a, REQ, sizeof(REQ)));
	/* An Ack must echo the request octet for octet. */
	EXPECT_EQ(FSM_RX_DISCARDED, feed(t, PPP_CONFACK, b, other,
					 sizeof(other)));
	EXPECT_EQ(FSM_RX_DISCARDED, feed(t, PPP_CONFACK, b, REQ, 4));
	EXPECT_EQ(0, t->r.nack);
	EXPECT_EQ(FSM_REQSENT, fsm_state(&t->f));

	EXPECT_EQ(FSM_RX_EVENT, feed(t, PPP_CONFACK, b, REQ, sizeof(REQ)));
	EXPECT_EQ(1, t->r.nack);
	EXPECT_EQ(FSM_ACKRCVD, fsm_state(&t->f));
	/* A duplicate of that Ack is not a crossed connection. */
	EXPECT_EQ(FSM_RX_DISCARDED, feed(t, PPP_CONFACK, b, REQ, sizeof(REQ)));
	EXPECT_EQ(FSM_ACKRCVD, fsm_state(&t->f));

	/* TO+ in Ack-Rcvd: the request was answered, so a new Identifier. */
	fire(t);
	ASSERT_EQ(4, t->r.nsent);
	c = t->r.sent[3].b[1];
	EXPECT_NE(b, c);
	EXPECT_EQ(FSM_REQSENT, fsm_state(&t->f));
	EXPECT_EQ(FSM_RX_EVENT, feed(t, PPP_CONFACK, c, REQ, sizeof(REQ)));
	free(t);
}

TEST(reject_must_be_ordered_subset_of_request)
{
	static const uint8_t not_sent[] = { 3, 4, 0xc0, 0x23 };
	static const uint8_t changed[] = { 5, 6, 1, 2, 3, 5 };
	static const uint8_t reordered[] = { 5, 6, 1, 2, 3, 4, 1, 4, 5, 0xdc };
	static const uint8_t magic[] = { 5, 6, 1, 2, 3, 4 };
	struct tb *t = in_state(&fake, FSM_REQSENT);
	uint8_t id = t->f.reqid;

	EXPECT_EQ(FSM_RX_DISCARDED, feed(t, PPP_CONFREJ, id, not_sent, 4));
	EXPECT_EQ(FSM_RX_DISCARDED, feed(t, PPP_CONFREJ, id, changed, 6));
	EXPECT_EQ(FSM_RX_DISCARDED, feed(t, PPP_CONFREJ, id, reordered, 10));
	EXPECT_EQ(0, t->r.nrej);
	EXPECT_EQ(0, t->r.nsent);
	EXPECT_EQ(FSM_RX_EVENT, feed(t, PPP_CONFREJ, id, magic, 6));
	EXPECT_EQ(1, t->r.nrej);
	ASSERT_EQ(1, t->r.nsent);
	EXPECT_EQ(PPP_CONFREQ, t->r.sent[0].b[0]);
	free(t);
}

TEST(protocol_can_refuse_ack_nak_reject)
{
	static const uint8_t nak[] = { 1, 4, 0x05, 0xd4 };
	static const uint8_t magic[] = { 5, 6, 1, 2, 3, 4 };
	struct tb *t = in_state(&fake, FSM_REQSENT);
	uint8_t id = t->f.reqid;

	t->r.ack_ok = t->r.nak_ok = t->r.rej_ok = false;
	EXPECT_EQ(FSM_RX_DISCARDED, feed(t, PPP_CONFACK, id, REQ, sizeof(REQ)));
	EXPECT_EQ(FSM_RX_DISCARDED, feed(t, PPP_CONFNAK, id, nak, 4));
	EXPECT_EQ(FSM_RX_DISCARDED, feed(t, PPP_CONFREJ, id, magic, 6));
	EXPECT_EQ(1, t->r.nack);
	EXPECT_EQ(1, t->r.nnak);
	EXPECT_EQ(1, t->r.nrej);
	EXPECT_EQ(FSM_REQSENT, fsm_state(&t->f));
	EXPECT_EQ(0, t->r.nsent);
	/* Refused replies do not use up the Identifier. */
	t->r.ack_ok = true;
	EXPECT_EQ(FSM_RX_EVENT, feed(t, PPP_CONFACK, id, REQ, sizeof(REQ)));
	EXPECT_EQ(FSM_ACKRCVD, fsm_state(&t->f));
	free(t);
}

TEST(duplicate_ack_keeps_open_link_up)
{
	struct tb *t = in_state(&fake, FSM_OPENED);

	EXPECT_EQ(FSM_RX_DISCARDED, feed(t, PPP_CONFACK, t->f.reqid, REQ,
					 sizeof(REQ)));
	EXPECT_EQ(FSM_OPENED, fsm_state(&t->f));
	EXPECT_EQ(0, t->r.tld);
	EXPECT_EQ(0, t->r.nsent);
	free(t);
}

/* Let the timer run out; returns the number of requests sent. */
static int exhaust(struct tb *t, uint8_t code)
{
	int i, n = 0;

	for (i = 0; i < 300 && t->r.timer; i++)
		fire(t);
	for (i = 0; i < t->r.nsent; i++)
		n += t->r.sent[i].b[0] == code;
	return n;
}

TEST(max_configure_exhaustion_finishes)
{
	struct tb *t = tb_new(&fake);
	int i;

	t->f.restart_ms = 500;
	fsm_up(&t->f);
	fsm_open(&t->f);
	EXPECT_EQ(500, t->r.timer_ms);
	EXPECT_EQ(FSM_DEF_MAX_CONFIGURE, exhaust(t, PPP_CONFREQ));
	EXPECT_EQ(10, FSM_DEF_MAX_CONFIGURE);
	EXPECT_EQ(FSM_STOPPED, fsm_state(&t->f));
	EXPECT_EQ(1, t->r.tlf);
	EXPECT_FALSE(t->r.timer);
	/* All ten are the same request. */
	for (i = 1; i < t->r.nsent; i++)
		EXPECT_EQ(t->r.sent[0].b[1], t->r.sent[i].b[1]);
	free(t);

	t = tb_new(&fake);
	t->f.max_configure = 3;
	fsm_up(&t->f);
	fsm_open(&t->f);
	EXPECT_EQ(3, exhaust(t, PPP_CONFREQ));
	EXPECT_EQ(1, t->r.tlf);
	free(t);
}

TEST(passive_waits_after_max_configure)
{
	struct tb *t = tb_new(&fake);

	t->f.opts = FSM_OPT_PASSIVE;
	fsm_up(&t->f);
	fsm_open(&t->f);
	EXPECT_EQ(10, exhaust(t, PPP_CONFREQ));
	EXPECT_EQ(FSM_STOPPED, fsm_state(&t->f));
	EXPECT_EQ(0, t->r.tlf);		/* [p]: no This-Layer-Finished */
	tb_clear(t);
	/* The peer shows up at last. */
	EXPECT_EQ(FSM_RX_EVENT, feed(t, PPP_CONFREQ, 9, REQ, sizeof(REQ)));
	EXPECT_STREQ("scr sca |", t->r.log);
	EXPECT_EQ(FSM_ACKSENT, fsm_state(&t->f));
	free(t);
}

TEST(silent_open_listens_like_ios_passive_open)
{
	static const uint8_t rej[] = { 13, 3, 0 };	/* Callback 0 */
	struct tb *t = tb_new(&fake);

	t->f.opts = FSM_OPT_SILENT;
	fsm_open(&t->f);
	fsm_up(&t->f);
	EXPECT_EQ(FSM_STOPPED, fsm_state(&t->f));
	EXPECT_STREQ("Listen", fsm_cur_state_name(&t->f));
	EXPECT_TRUE(fsm_listening(&t->f));
	EXPECT_STREQ("Initial>Starting; Starting>Listen;", t->r.states);
	EXPECT_EQ(0, t->r.nsent);
	EXPECT_FALSE(t->r.timer);
	EXPECT_EQ(1, t->r.tls);
	EXPECT_EQ(0, t->r.tlf);
	/* Timers do nothing while listening. */
	fire(t);
	EXPECT_EQ(0, t->r.nsent);

	/*
	 * IOS, from the troubleshooting note:
	 *   LCP: I CONFREQ [Listen] id 7 len 17
	 *   LCP: O CONFREQ [Listen] id 4 len 15
	 *   LCP: O CONFREJ [Listen] id 7 len 7
	 */
	tb_clear(t);
	t->r.verdict = PPP_CONFREJ;
	memcpy(t->r.reply, rej, sizeof(rej));
	t->r.replylen = sizeof(rej);
	EXPECT_EQ(FSM_RX_EVENT, feed(t, PPP_CONFREQ, 7, REQ, sizeof(REQ)));
	EXPECT_STREQ("I 1 [Listen] id 7 len 14; O 1 [Listen] id 1 len 14; "
		     "O 4 [Listen] id 7 len 7;", t->r.trace);
	EXPECT_EQ(FSM_REQSENT, fsm_state(&t->f));
	EXPECT_STREQ("REQsent", fsm_cur_state_name(&t->f));
	EXPECT_FALSE(fsm_listening(&t->f));
	EXPECT_TRUE(t->r.timer);
	free(t);

	/* Up first, then Open: Closed -> Listen. */
	t = tb_new(&fake);
	t->f.opts = FSM_OPT_SILENT;
	fsm_up(&t->f);
	fsm_open(&t->f);
	EXPECT_STREQ("Listen", fsm_cur_state_name(&t->f));
	EXPECT_EQ(0, t->r.nsent);
	/* Close while listening: Closed, and the label goes. */
	fsm_close(&t->f);
	EXPECT_STREQ("Closed", fsm_cur_state_name(&t->f));
	free(t);
}

TEST(max_failure_turns_naks_into_rejects)
{
	/* Nak our MRU value and hint at an option the peer did not send. */
	static const uint8_t nak[] = { 1, 4, 0x05, 0xd4, 3, 4, 0xc0, 0x23 };
	struct tb *t = in_state(&fake, FSM_REQSENT);
	int i;

	t->r.verdict = PPP_CONFNAK;
	memcpy(t->r.reply, nak, sizeof(nak));
	t->r.replylen = sizeof(nak);
	for (i = 0; i < FSM_DEF_MAX_FAILURE; i++) {
		feed(t, PPP_CONFREQ, 10 + i, REQ, sizeof(REQ));
		EXPECT_FALSE(t->r.req_reject_mode);
		ASSERT_EQ(i + 1, t->r.nsent);
		EXPECT_EQ(PPP_CONFNAK, t->r.sent[i].b[0]);
		EXPECT_EQ(10 + i, t->r.sent[i].b[1]);
		EXPECT_EQ(0, memcmp(t->r.sent[i].b + 4, nak, sizeof(nak)));
	}
	/* The sixth: the callback is told, Naks anyway, the automaton
	 * rejects the request's own option 1, verbatim; the hint goes. */
	feed(t, PPP_CONFREQ, 20, REQ, sizeof(REQ));
	EXPECT_TRUE(t->r.req_reject_mode);
	ASSERT_EQ(6, t->r.nsent);
	EXPECT_EQ(PPP_CONFREJ, t->r.sent[5].b[0]);
	EXPECT_EQ(20, t->r.sent[5].b[1]);
	EXPECT_EQ(8u, pkt_len(t->r.sent[5].b));
	EXPECT_EQ(0, memcmp(t->r.sent[5].b + 4, REQ, 4));
	EXPECT_EQ(FSM_REQSENT, fsm_state(&t->f));

	/* A protocol that honours reject_mode is left alone. */
	t->r.honor_reject_mode = true;
	feed(t, PPP_CONFREQ, 21, REQ, sizeof(REQ));
	ASSERT_EQ(7, t->r.nsent);
	EXPECT_EQ(PPP_CONFREJ, t->r.sent[6].b[0]);
	EXPECT_EQ(sizeof(REQ) + 4, t->r.sent[6].len);

	/* Hints only: nothing of the request to refuse, so Ack. */
	t->r.honor_reject_mode = false;
	memcpy(t->r.reply, nak + 4, 4);
	t->r.replylen = 4;
	feed(t, PPP_CONFREQ, 22, REQ, sizeof(REQ));
	ASSERT_EQ(8, t->r.nsent);
	EXPECT_EQ(PPP_CONFACK, t->r.sent[7].b[0]);
	EXPECT_EQ(FSM_ACKSENT, fsm_state(&t->f));

	/* A Configure-Ack sent resets the count: Naks are back. */
	memcpy(t->r.reply, nak, sizeof(nak));
	t->r.replylen = sizeof(nak);
	feed(t, PPP_CONFREQ, 23, REQ, sizeof(REQ));
	EXPECT_FALSE(t->r.req_reject_mode);
	ASSERT_EQ(9, t->r.nsent);
	EXPECT_EQ(PPP_CONFNAK, t->r.sent[8].b[0]);
	free(t);
}

TEST(max_failure_on_received_naks)
{
	static const uint8_t nak[] = { 1, 4, 0x05, 0xd4 };
	struct tb *t = in_state(&fake, FSM_REQSENT);
	int i;

	for (i = 0; i < FSM_DEF_MAX_FAILURE; i++) {
		EXPECT_EQ(FSM_RX_EVENT, feed(t, PPP_CONFNAK, t->f.reqid, nak, 4));
		EXPECT_FALSE(t->r.nak_reject_mode);
	}
	EXPECT_EQ(FSM_RX_EVENT, feed(t, PPP_CONFNAK, t->f.reqid, nak, 4));
	EXPECT_TRUE(t->r.nak_reject_mode);
	EXPECT_EQ(6, t->r.nnak);
	/* A new negotiation forgets it. */
	fsm_down(&t->f);
	fsm_up(&t->f);
	EXPECT_EQ(FSM_RX_EVENT, feed(t, PPP_CONFNAK, t->f.reqid, nak, 4));
	EXPECT_FALSE(t->r.nak_reject_mode);
	free(t);
}

TEST(max_terminate)
{
	struct tb *t = in_state(&fake, FSM_OPENED);
	uint8_t id;

	t->f.max_terminate = FSM_DEF_MAX_TERMINATE;
	fsm_close(&t->f);
	EXPECT_STREQ("tld str |", t->r.log);
	ASSERT_EQ(1, t->r.nsent);
	id = t->r.sent[0].b[1];
	EXPECT_EQ(4u, pkt_len(t->r.sent[0].b));
	EXPECT_EQ(2, exhaust(t, PPP_TERMREQ));
	EXPECT_EQ(id, t->r.sent[1].b[1]);	/* retransmission */
	EXPECT_EQ(FSM_CLOSED, fsm_state(&t->f));
	EXPECT_EQ(1, t->r.tlf);
	free(t);

	/* The peer's Terminate-Ack ends it early, whatever its id. */
	t = in_state(&fake, FSM_OPENED);
	fsm_close(&t->f);
	EXPECT_EQ(FSM_RX_EVENT, feed(t, PPP_TERMACK, 0xee, NULL, 0));
	EXPECT_EQ(FSM_CLOSED, fsm_state(&t->f));
	EXPECT_FALSE(t->r.timer);
	free(t);
}

TEST(terminate_request_is_acked_with_its_identifier)
{
	struct tb *t = in_state(&fake, FSM_OPENED);

	EXPECT_EQ(FSM_RX_EVENT, feed(t, PPP_TERMREQ, 0x33, "x", 1));
	ASSERT_EQ(1, t->r.nsent);
	EXPECT_EQ(PPP_TERMACK, t->r.sent[0].b[0]);
	EXPECT_EQ(0x33, t->r.sent[0].b[1]);
	EXPECT_EQ(4u, pkt_len(t->r.sent[0].b));
	EXPECT_EQ(FSM_STOPPING, fsm_state(&t->f));
	/* zrc: one Restart period for the peer, then finish. */
	EXPECT_EQ(0, t->f.restarts);
	EXPECT_TRUE(t->r.timer);
	fire(t);
	EXPECT_EQ(FSM_STOPPED, fsm_state(&t->f));
	EXPECT_EQ(1, t->r.tlf);
	EXPECT_EQ(1, t->r.nsent);
	free(t);
}

static void close_under_rcr(struct fsm *f)
{
	fsm_close(f);
}

/*
 * A protocol callback that moves the automaton while a request is judged
 * (cp.h forbids it; down-when-looped once did it): its new state stands,
 * the request's own actions do not overwrite it.
 */
TEST(state_moved_under_rcv_req_stands)
{
	struct tb *t = in_state(&fake, FSM_REQSENT);

	t->r.verdict = PPP_CONFACK;
	t->r.on_req = close_under_rcr;
	EXPECT_EQ(FSM_RX_EVENT, feed(t, PPP_CONFREQ, 7, NULL, 0));
	EXPECT_EQ(FSM_CLOSING, fsm_state(&t->f));
	ASSERT_EQ(1, t->r.nsent);
	EXPECT_EQ(PPP_TERMREQ, t->r.sent[0].b[0]);	/* no Ack after it */
	free(t);
}

/* FSM_NAK_FORCED stays a Nak past Max-Failure; a plain Nak does not. */
TEST(forced_nak_is_never_turned_into_a_reject)
{
	struct tb *t = in_state(&fake, FSM_REQSENT);
	static const uint8_t opt[] = { 5, 6, 1, 2, 3, 4 };
	int i;

	t->r.verdict = FSM_NAK_FORCED;
	memcpy(t->r.reply, "\x05\x06\x0a\x0b\x0c\x0d", 6);
	t->r.replylen = 6;
	for (i = 0; i < FSM_DEF_MAX_FAILURE + 3; i++) {
		t->r.nsent = 0;
		feed(t, PPP_CONFREQ, (uint8_t)i, opt, sizeof(opt));
		ASSERT_EQ(1, t->r.nsent);
		EXPECT_EQ(PPP_CONFNAK, t->r.sent[0].b[0]);
		EXPECT_EQ(i >= FSM_DEF_MAX_FAILURE, t->r.req_reject_mode);
	}
	t->r.verdict = PPP_CONFNAK;
	t->r.nsent = 0;
	feed(t, PPP_CONFREQ, 40, opt, sizeof(opt));
	ASSERT_EQ(1, t->r.nsent);
	EXPECT_EQ(PPP_CONFREJ, t->r.sent[0].b[0]);
	free(t);
}

/* Replies that do not match our request are discarded with a line. */
TEST(mismatched_ack_and_reject_are_logged)
{
	struct tb *t = in_state(&fake, FSM_REQSENT);
	static const uint8_t other[] = { 0x63, 0x03, 0x01 };

	EXPECT_EQ(FSM_RX_DISCARDED, feed(t, PPP_CONFACK, t->f.reqid, other,
					 sizeof(other)));
	EXPECT_EQ(FSM_RX_DISCARDED, feed(t, PPP_CONFREJ, t->f.reqid, other,
					 sizeof(other)));
	EXPECT_EQ(FSM_REQSENT, fsm_state(&t->f));
	EXPECT_NE(NULL, strstr(t->r.warn, "Configure-Ack id 1 does not echo our request: discarded"));
	EXPECT_NE(NULL, strstr(t->r.warn, "Configure-Reject id 1 is not a subset of our request: discarded"));
	/* a stale Identifier is routine: no line */
	t->r.warn[0] = 0;
	feed(t, PPP_CONFACK, (uint8_t)(t->f.reqid + 1), NULL, 0);
	EXPECT_STREQ("", t->r.warn);
	free(t);
}

TEST(short_and_garbled_packets_are_counted_and_dropped)
{
	static const uint8_t runt[] = { 1, 2, 0 };
	static const uint8_t len3[] = { 1, 2, 0, 3 };
	static const uint8_t overlong[] = { 1, 2, 0, 20, 1, 4, 0, 0 };
	static const uint8_t opt_len1[] = { 1, 1, 5, 6, 1, 2, 3, 4 };
	static const uint8_t opt_overrun[] = { 1, 4, 0x05, 0xdc, 5, 9, 1, 2 };
	static const uint8_t opt_odd[] = { 1, 4, 0x05, 0xdc, 5 };
	static const uint8_t padded[] = {
		1, 9, 0, 14, 1, 4, 0x05, 0xdc, 5, 6, 1, 2, 3, 4,
		0xff, 0xff, 0x7e, 0, 0, 0
	};
	uint8_t huge[FSM_MAX_OPTS + 4];
	struct tb *t = in_state(&fake, FSM_REQSENT);
	size_t i;

	EXPECT_EQ(FSM_RX_SHORT, fsm_input(&t->f, runt, sizeof(runt), 1500));
	EXPECT_EQ(FSM_RX_SHORT, fsm_input(&t->f, len3, sizeof(len3), 1500));
	EXPECT_EQ(FSM_RX_SHORT, fsm_input(&t->f, overlong, sizeof(overlong),
					  1500));
	EXPECT_EQ(FSM_RX_SHORT, fsm_input(&t->f, NULL, 0, 1500));
	EXPECT_EQ(4u, t->f.stats.rx_short);
	/* Runts never reach the trace hook. */
	EXPECT_STREQ("", t->r.trace);

	/* Replies with a malformed list: dropped, counted, logged. */
	EXPECT_EQ(FSM_RX_MALFORMED, feed(t, PPP_CONFNAK, t->f.reqid, opt_odd,
					 sizeof(opt_odd)));
	EXPECT_EQ(FSM_RX_MALFORMED, feed(t, PPP_CONFACK, t->f.reqid, opt_len1,
					 sizeof(opt_len1)));
	EXPECT_EQ(FSM_RX_MALFORMED, feed(t, PPP_CODEREJ, 1, NULL, 0));
	EXPECT_EQ(FSM_RX_MALFORMED, feed(t, PPP_PROTREJ, 1, "\x80", 1));
	/* A request we could not echo in an Ack. */
	for (i = 0; i + 2 <= sizeof(huge); i += 2) {
		huge[i] = 30;
		huge[i + 1] = 2;
	}
	EXPECT_EQ(FSM_RX_MALFORMED, feed(t, PPP_CONFREQ, 1, huge,
					 sizeof(huge)));
	EXPECT_EQ(5u, t->f.stats.rx_malformed);
	EXPECT_EQ(0, t->r.nreq);
	EXPECT_EQ(0, t->r.nsent);
	EXPECT_EQ(FSM_REQSENT, fsm_state(&t->f));
	EXPECT_STREQ("Configure-Nak id 1 with a malformed option list: discarded; "
		     "Configure-Ack id 1 with a malformed option list: discarded; "
		     "Configure-Request id 1 with 1500 octets of options, more than an Ack can echo: discarded; ",
		     t->r.warn);
	t->r.warn[0] = 0;

	/*
	 * Requests whose list turns malformed: the good part goes to the
	 * protocol, the bad tail comes back in a Configure-Reject (pppd).
	 */
	EXPECT_EQ(FSM_RX_EVENT, feed(t, PPP_CONFREQ, 2, opt_len1,
				     sizeof(opt_len1)));
	ASSERT_EQ(1, t->r.nsent);
	EXPECT_EQ(PPP_CONFREJ, t->r.sent[0].b[0]);
	EXPECT_EQ(4u + sizeof(opt_len1), t->r.sent[0].len);
	EXPECT_EQ(0, memcmp(t->r.sent[0].b + 4, opt_len1, sizeof(opt_len1)));
	EXPECT_EQ(FSM_RX_EVENT, feed(t, PPP_CONFREQ, 3, opt_overrun,
				     sizeof(opt_overrun)));
	ASSERT_EQ(2, t->r.nsent);
	EXPECT_EQ(8u, t->r.sent[1].len);	/* 5 9 1 2 only */
	EXPECT_EQ(0, memcmp(t->r.sent[1].b + 4, opt_overrun + 4, 4));
	EXPECT_EQ(FSM_RX_EVENT, feed(t, PPP_CONFREQ, 4, opt_odd,
				     sizeof(opt_odd)));
	ASSERT_EQ(3, t->r.nsent);
	EXPECT_EQ(5u, t->r.sent[2].len);	/* the lone octet */
	EXPECT_EQ(5, t->r.sent[2].b[4]);
	EXPECT_EQ(3, t->r.nreq);
	EXPECT_EQ(8u, t->f.stats.rx_malformed);
	EXPECT_STREQ("Configure-Request id 2: malformed option at octet 0, rejecting the last 8 octets; "
		     "Configure-Request id 3: malformed option at octet 4, rejecting the last 4 octets; "
		     "Configure-Request id 4: malformed option at octet 4, rejecting the last 1 octets; ",
		     t->r.warn);
	t->r.nsent = 0;
	t->r.nreq = 0;

	/* Octets past Length are padding: the Ack echoes 10 option octets. */
	EXPECT_EQ(FSM_RX_EVENT, fsm_input(&t->f, padded, sizeof(padded), 1500));
	ASSERT_EQ(1, t->r.nsent);
	EXPECT_EQ(PPP_CONFACK, t->r.sent[0].b[0]);
	EXPECT_EQ(9, t->r.sent[0].b[1]);
	EXPECT_EQ(14u, t->r.sent[0].len);
	EXPECT_EQ(0, memcmp(t->r.sent[0].b + 2, padded + 2, 12));
	free(t);

	/* Anything while the lower layer is down is discarded. */
	t = tb_new(&fake);
	EXPECT_EQ(FSM_RX_DISCARDED, feed(t, PPP_CONFREQ, 1, REQ, sizeof(REQ)));
	fsm_open(&t->f);
	EXPECT_EQ(FSM_RX_DISCARDED, feed(t, PPP_TERMREQ, 1, NULL, 0));
	EXPECT_EQ(2u, t->f.stats.rx_discarded);
	EXPECT_EQ(0, t->r.nsent);
	free(t);
}

TEST(unknown_code_gets_code_reject_within_mru)
{
	uint8_t pkt[120];
	struct tb *t = in_state(&fake, FSM_OPENED);
	const struct sent *s;
	size_t i;

	for (i = 0; i < sizeof(pkt); i++)
		pkt[i] = (uint8_t)(i * 7);
	pkt[0] = 0x42;
	pkt[1] = 0x99;
	pkt[2] = 0;
	pkt[3] = 104;		/* 16 octets of padding follow */

	EXPECT_EQ(FSM_RX_EVENT, fsm_input(&t->f, pkt, sizeof(pkt), 50));
	s = last_sent(t);
	ASSERT_NE(NULL, s);
	EXPECT_EQ(PPP_CODEREJ, s->b[0]);
	EXPECT_EQ(50u, s->len);
	EXPECT_EQ(50u, pkt_len(s->b));
	EXPECT_EQ(0, memcmp(s->b + 4, pkt, 46));
	EXPECT_EQ(FSM_OPENED, fsm_state(&t->f));

	/* Big MRU: the whole packet, up to its Length, not the padding. */
	EXPECT_EQ(FSM_RX_EVENT, fsm_input(&t->f, pkt, sizeof(pkt), 1500));
	s = last_sent(t);
	EXPECT_EQ(108u, s->len);
	EXPECT_EQ(0, memcmp(s->b + 4, pkt, 104));
	/* Each Code-Reject has its own Identifier. */
	EXPECT_NE(t->r.sent[0].b[1], t->r.sent[1].b[1]);

	/* An MRU too small for anything: header only. */
	EXPECT_EQ(FSM_RX_EVENT, fsm_input(&t->f, pkt, sizeof(pkt), 2));
	EXPECT_EQ(4u, last_sent(t)->len);
	/* MRU 0 (not known): the default. */
	EXPECT_EQ(FSM_RX_EVENT, fsm_input(&t->f, pkt, sizeof(pkt), 0));
	EXPECT_EQ(108u, last_sent(t)->len);
	EXPECT_EQ(4u, t->f.stats.rx_unknown);
	free(t);

	/* An NCP has no Echo-Request: Code-Reject it. */
	t = in_state(&fake_ncp, FSM_OPENED);
	EXPECT_EQ(FSM_RX_EVENT, feed(t, PPP_ECHOREQ, 5, "abcd", 4));
	ASSERT_EQ(1, t->r.nsent);
	EXPECT_EQ(PPP_CODEREJ, t->r.sent[0].b[0]);
	EXPECT_EQ(12u, t->r.sent[0].len);
	EXPECT_EQ(0, t->r.ser_code);	/* no RXR for an NCP */
	free(t);
}

TEST(code_reject_permitted_or_catastrophic)
{
	static const uint8_t rej_echo[] = { 9, 1, 0, 8, 0, 0, 0, 0 };
	static const uint8_t rej_term[] = { 5, 1, 0, 4 };
	static const uint8_t rej_ext[] = { 12, 1, 0, 4 };
	static const uint8_t pr_ipcp[] = { 0x80, 0x21, 1, 1, 0, 4 };
	static const uint8_t pr_lcp[] = { 0xc0, 0x21, 1, 1, 0, 4 };
	struct tb *t = in_state(&fake_hooked, FSM_OPENED);

	/* The hook decides, and sees what was rejected. */
	t->r.fatal_answer = false;
	EXPECT_EQ(FSM_RX_EVENT, feed(t, PPP_CODEREJ, 1, rej_echo, 8));
	EXPECT_EQ(1, t->r.nfatal);
	EXPECT_EQ(PPP_CODEREJ, t->r.fatal_code);
	EXPECT_EQ(8u, t->r.fatal_len);
	EXPECT_EQ(FSM_OPENED, fsm_state(&t->f));
	EXPECT_STREQ("", t->r.log);
	t->r.fatal_answer = true;
	EXPECT_EQ(FSM_RX_EVENT, feed(t, PPP_CODEREJ, 2, rej_echo, 8));
	EXPECT_STREQ("tld str |", t->r.log);
	EXPECT_EQ(FSM_STOPPING, fsm_state(&t->f));
	free(t);

	/* Default policy: codes 1-7 are fundamental, others are not. */
	t = in_state(&fake, FSM_OPENED);
	EXPECT_EQ(FSM_RX_EVENT, feed(t, PPP_CODEREJ, 1, rej_ext, 4));
	EXPECT_EQ(FSM_OPENED, fsm_state(&t->f));
	EXPECT_EQ(FSM_RX_EVENT, feed(t, PPP_CODEREJ, 2, rej_term, 4));
	EXPECT_EQ(FSM_STOPPING, fsm_state(&t->f));
	free(t);

	/* Protocol-Reject through rx_code(): an NCP is permitted, our own
	 * protocol is not. */
	t = in_state(&fake, FSM_OPENED);
	EXPECT_EQ(FSM_RX_EVENT, feed(t, PPP_PROTREJ, 1, pr_ipcp, 6));
	EXPECT_EQ(FSM_OPENED, fsm_state(&t->f));
	EXPECT_EQ(FSM_RX_EVENT, feed(t, PPP_PROTREJ, 2, pr_lcp, 6));
	EXPECT_EQ(FSM_STOPPING, fsm_state(&t->f));
	EXPECT_EQ(1, t->r.tld);
	free(t);

	/* RXJ- outside Opened: This-Layer-Finished. */
	t = in_state(&fake, FSM_ACKSENT);
	EXPECT_EQ(FSM_RX_EVENT, feed(t, PPP_CODEREJ, 1, rej_term, 4));
	EXPECT_EQ(FSM_STOPPED, fsm_state(&t->f));
	EXPECT_EQ(1, t->r.tlf);
	free(t);
}

TEST(echo_and_protocol_codes)
{
	static const uint8_t echo[] = { 0, 0, 0, 1, 'h', 'i', '!', '!' };
	struct tb *t = in_state(&fake, FSM_OPENED);

	EXPECT_EQ(FSM_RX_EVENT, feed(t, PPP_ECHOREQ, 0x17, echo, 8));
	EXPECT_EQ(PPP_ECHOREQ, t->r.ser_code);
	EXPECT_EQ(0x17, t->r.ser_id);
	EXPECT_EQ(8u, t->r.ser_len);
	EXPECT_STREQ("ser", t->r.log);
	/* Code 12 is the fake protocol's own business. */
	EXPECT_EQ(FSM_RX_HANDLED, feed(t, 12, 1, NULL, 0));
	EXPECT_EQ(1, t->r.ndone);
	EXPECT_EQ(0, t->r.nsent);
	/* fsm_send for protocol packets: header, trace, send. */
	tb_clear(t);
	EXPECT_EQ(0, fsm_send(&t->f, PPP_ECHOREP, 0x17, echo, 8));
	ASSERT_EQ(1, t->r.nsent);
	EXPECT_EQ(12u, pkt_len(t->r.sent[0].b));
	EXPECT_STREQ("O 10 [Open] id 23 len 12;", t->r.trace);
	EXPECT_EQ(-1, fsm_send(&t->f, PPP_ECHOREP, 1, echo, FSM_MAX_OPTS + 1));
	free(t);

	/* RXR outside Opened does nothing. */
	t = in_state(&fake, FSM_REQSENT);
	EXPECT_EQ(FSM_RX_EVENT, feed(t, PPP_ECHOREQ, 0x17, echo, 8));
	EXPECT_EQ(0, t->r.ser_code);
	EXPECT_EQ(0, t->r.nsent);
	free(t);
}

TEST(trace_state_is_before_transition_and_state_is_open_before_tlu)
{
	struct tb *t = in_state(&fake, FSM_ACKSENT);

	/* IOS: "IPCP: I CONFACK [ACKsent] id 4 len 10", "State is Open" */
	feed(t, PPP_CONFACK, t->f.reqid, REQ, sizeof(REQ));
	EXPECT_STREQ("I 2 [ACKsent] id 1 len 14;", t->r.trace);
	EXPECT_STREQ("ACKsent>Open;", t->r.states);
	EXPECT_STREQ("| tlu", t->r.log);
	free(t);

	/* IOS: "LCP: O CONFACK [ACKrcvd] id 9 len 15", "State is Open" */
	t = in_state(&fake, FSM_ACKRCVD);
	feed(t, PPP_CONFREQ, 9, REQ, sizeof(REQ));
	EXPECT_STREQ("I 1 [ACKrcvd] id 9 len 14; O 2 [ACKrcvd] id 9 len 14;",
		     t->r.trace);
	EXPECT_STREQ("sca | tlu", t->r.log);
	free(t);

	/* Renegotiation from Opened: tld first, then the new request. */
	t = in_state(&fake, FSM_OPENED);
	t->r.verdict = PPP_CONFREJ;
	t->r.replylen = 0;
	feed(t, PPP_CONFREQ, 9, REQ, sizeof(REQ));
	EXPECT_STREQ("tld scr scn |", t->r.log);
	EXPECT_STREQ("I 1 [Open] id 9 len 14; O 1 [Open] id 2 len 14; "
		     "O 4 [Open] id 9 len 4;", t->r.trace);
	EXPECT_EQ(FSM_REQSENT, fsm_state(&t->f));
	free(t);
}

TEST(new_negotiation_resets_protocol_options)
{
	static const uint8_t nak[] = { 1, 4, 0x05, 0xd4 };
	struct tb *t = tb_new(&fake);

	fsm_up(&t->f);
	fsm_open(&t->f);
	EXPECT_EQ(1, t->r.nreset);
	fire(t);					/* TO+ */
	feed(t, PPP_CONFNAK, t->f.reqid, nak, 4);	/* RCN */
	EXPECT_EQ(1, t->r.nreset);
	feed(t, PPP_CONFREQ, 1, REQ, sizeof(REQ));
	feed(t, PPP_CONFACK, t->f.reqid, REQ, sizeof(REQ));
	EXPECT_EQ(FSM_OPENED, fsm_state(&t->f));
	/* The peer renegotiates: a new negotiation from Opened. */
	feed(t, PPP_CONFREQ, 2, REQ, sizeof(REQ));
	EXPECT_EQ(2, t->r.nreset);
	EXPECT_EQ(FSM_ACKSENT, fsm_state(&t->f));
	free(t);
}

TEST(restart_option_renegotiates_on_open)
{
	struct tb *t = in_state(&fake, FSM_OPENED);

	fsm_open(&t->f);
	EXPECT_STREQ("", t->r.log);
	EXPECT_EQ(FSM_OPENED, fsm_state(&t->f));

	t->f.opts = FSM_OPT_RESTART;
	fsm_open(&t->f);
	EXPECT_STREQ("tld | scr |", t->r.log);
	EXPECT_STREQ("Open>Starting; Starting>REQsent;", t->r.states);
	EXPECT_EQ(FSM_REQSENT, fsm_state(&t->f));
	free(t);

	/* Closing -> Stopping -> Starting -> Req-Sent. */
	t = in_state(&fake, FSM_CLOSING);
	t->f.opts = FSM_OPT_RESTART;
	fsm_open(&t->f);
	EXPECT_EQ(FSM_REQSENT, fsm_state(&t->f));
	EXPECT_EQ(PPP_CONFREQ, last_sent(t)->b[0]);
	free(t);
}

static void up_now(struct fsm *f)
{
	fsm_up(f);
}

static void down_now(struct fsm *f)
{
	fsm_down(f);
}

TEST(tls_and_tlf_may_reenter)
{
	struct tb *t = tb_new(&fake);

	/* tls brings the line up at once. */
	t->r.on_tls = up_now;
	fsm_open(&t->f);
	EXPECT_EQ(FSM_REQSENT, fsm_state(&t->f));
	EXPECT_STREQ("| tls scr |", t->r.log);
	EXPECT_EQ(PPP_CONFREQ, last_sent(t)->b[0]);
	EXPECT_STREQ("Starting", last_sent(t)->state);

	/* tlf drops the line at once: Stopped, Down -> tls/1 Starting. */
	t->r.on_tls = NULL;
	t->r.on_tlf = down_now;
	exhaust(t, PPP_CONFREQ);
	EXPECT_EQ(FSM_STARTING, fsm_state(&t->f));
	EXPECT_EQ(1, t->r.tlf);
	EXPECT_EQ(2, t->r.tls);
	EXPECT_FALSE(t->r.timer);
	free(t);
}

TEST(stale_timer_is_ignored)
{
	struct tb *t = in_state(&fake, FSM_OPENED);

	fsm_timeout(&t->f);
	EXPECT_STREQ("", t->r.log);
	EXPECT_EQ(FSM_OPENED, fsm_state(&t->f));
	free(t);
}

TEST(option_walker)
{
	static const uint8_t ok[] = { 1, 4, 5, 0xdc, 3, 2, 5, 6, 1, 2, 3, 4 };
	static const uint8_t bad[] = { 1, 4, 5, 0xdc, 3, 1, 5 };
	struct ppp_opt_iter it;
	struct ppp_opt o;
	uint8_t buf[8];
	struct ppp_optbuf b;

	ppp_opt_iter_init(&it, ok, sizeof(ok));
	ASSERT_EQ(1, ppp_opt_next(&it, &o));
	EXPECT_EQ(1, o.type);
	EXPECT_EQ(4, o.len);
	EXPECT_EQ(0x05, o.data[0]);
	ASSERT_EQ(1, ppp_opt_next(&it, &o));
	EXPECT_EQ(3, o.type);
	EXPECT_EQ(2, o.len);
	ASSERT_EQ(1, ppp_opt_next(&it, &o));
	EXPECT_EQ(5, o.type);
	EXPECT_EQ(0, ppp_opt_next(&it, &o));
	EXPECT_TRUE(ppp_opts_valid(ok, sizeof(ok)));
	EXPECT_TRUE(ppp_opts_valid(NULL, 0));
	EXPECT_FALSE(ppp_opts_valid(NULL, 3));
	EXPECT_FALSE(ppp_opts_valid(bad, sizeof(bad)));
	EXPECT_FALSE(ppp_opts_valid(ok, sizeof(ok) - 1));
	EXPECT_FALSE(ppp_opts_valid(ok, 5));
	ppp_opt_iter_init(&it, bad, sizeof(bad));
	EXPECT_EQ(1, ppp_opt_next(&it, &o));
	EXPECT_EQ(-1, ppp_opt_next(&it, &o));
	EXPECT_EQ(-1, ppp_opt_next(&it, &o));
	EXPECT_TRUE(ppp_opt_find(ok, sizeof(ok), 5, &o));
	EXPECT_EQ(6, o.len);
	EXPECT_FALSE(ppp_opt_find(ok, sizeof(ok), 9, &o));

	ppp_optbuf_init(&b, buf, sizeof(buf));
	EXPECT_TRUE(ppp_optbuf_put_u16(&b, 1, 1500));
	EXPECT_TRUE(ppp_optbuf_put(&b, 3, NULL, 0));
	EXPECT_FALSE(ppp_optbuf_put_u32(&b, 5, 0x01020304));	/* 6 > 4 */
	EXPECT_TRUE(b.overflow);
	EXPECT_FALSE(ppp_optbuf_put(&b, 7, NULL, 0));	/* sticky */
	EXPECT_EQ(6u, b.len);
	EXPECT_EQ(0, memcmp(buf, "\x01\x04\x05\xdc\x03\x02", 6));
}

/* ------------------------------------------------------------------ */
/* Two automatons back to back                                         */
/* ------------------------------------------------------------------ */

struct net;

/* A toy LCP-like protocol with real option semantics. */
struct toy {
	struct fsm f;
	struct net *net;
	int side;
	/* configuration */
	uint16_t cfg_mru, lo, hi;
	bool cfg_want99, know99;
	uint32_t seed;
	/* negotiation */
	uint16_t mru;
	bool send_mru, want99;
	uint32_t magic;
	/* learnt */
	uint16_t peer_mru, acked_mru;
	uint32_t peer_magic;
	int up, down, started, finished;
	bool hangup_on_tlf;	/* owner drops the line when LCP finishes */
	/* timer */
	bool timer;
	uint64_t deadline;
};

struct qpkt {
	int to;
	size_t len;
	uint8_t b[256];
};

struct net {
	struct toy *t[2];
	struct qpkt q[64];
	int head, n;
	unsigned long count, drop_every, dropped;
	uint32_t rnd, drop_pct;		/* seeded random loss */
	uint64_t now;
};

static struct toy *TOY(struct fsm *f)
{
	return (struct toy *)f;
}

static void toy_send(struct fsm *f, const uint8_t *pkt, size_t len)
{
	struct toy *t = TOY(f);
	struct net *n = t->net;
	struct qpkt *q;

	n->count++;
	n->rnd = n->rnd * 1103515245 + 12345;
	if ((n->drop_every && n->count % n->drop_every == 0) ||
	    (n->drop_pct && (n->rnd >> 16) % 100 < n->drop_pct)) {
		n->dropped++;
		return;
	}
	if (n->n == (int)(sizeof(n->q) / sizeof(n->q[0])) || len > 256)
		abort();
	q = &n->q[(n->head + n->n++) % 64];
	q->to = 1 - t->side;
	q->len = len;
	memcpy(q->b, pkt, len);
}

static void toy_start(struct fsm *f, unsigned int ms)
{
	TOY(f)->timer = true;
	TOY(f)->deadline = TOY(f)->net->now + ms;
}

static void toy_stop(struct fsm *f)
{
	TOY(f)->timer = false;
}

static void toy_trace(struct fsm *f, enum fsm_dir dir, const uint8_t *pkt,
		      size_t len, const char *state)
{
	if (getenv("FSM_TEST_TRACE"))
		fprintf(stderr, "%c t=%llu %c code %u [%s] id %u len %zu\n",
			'A' + TOY(f)->side,
			(unsigned long long)TOY(f)->net->now,
			dir == FSM_OUT ? 'O' : 'I', pkt[0], state, pkt[1], len);
}

static const struct fsm_ops toy_ops = {
	.trace = toy_trace,
	.send = toy_send,
	.start_timer = toy_start,
	.stop_timer = toy_stop,
};

static void toy_reset(struct fsm *f)
{
	struct toy *t = TOY(f);

	t->mru = t->cfg_mru;
	t->send_mru = true;
	t->want99 = t->cfg_want99;
	t->seed = t->seed * 1103515245 + 12345;
	t->magic = t->seed;
}

static size_t toy_build(struct fsm *f, uint8_t *buf, size_t cap)
{
	struct toy *t = TOY(f);
	struct ppp_optbuf b;

	ppp_optbuf_init(&b, buf, cap);
	if (t->send_mru)
		ppp_optbuf_put_u16(&b, 1, t->mru);
	ppp_optbuf_put_u32(&b, 5, t->magic);
	if (t->want99)
		ppp_optbuf_put(&b, 99, NULL, 0);
	return b.overflow ? 0 : b.len;
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static int toy_rcv_req(struct fsm *f, const uint8_t *opts, size_t len,
		       uint8_t *reply, size_t cap, size_t *reply_len,
		       bool reject_mode)
{
	struct toy *t = TOY(f);
	uint8_t nakbuf[FSM_MAX_OPTS];
	struct ppp_optbuf rej, nak;
	struct ppp_opt_iter it;
	struct ppp_opt o;
	uint16_t mru = 1500;
	uint32_t magic = 0;

	ppp_optbuf_init(&rej, reply, cap);
	ppp_optbuf_init(&nak, nakbuf, sizeof(nakbuf));
	ppp_opt_iter_init(&it, opts, len);
	while (ppp_opt_next(&it, &o) > 0) {
		if (o.type == 1 && o.len == 4) {
			mru = (uint16_t)(o.data[0] << 8 | o.data[1]);
			if (mru >= t->lo && mru <= t->hi)
				continue;
			if (reject_mode)
				ppp_optbuf_put_opt(&rej, &o);
			else
				ppp_optbuf_put_u16(&nak, 1, mru < t->lo ?
						   t->lo : t->hi);
		} else if (o.type == 5 && o.len == 6) {
			magic = get32(o.data);
			if (magic != t->magic)
				continue;
			if (reject_mode)
				ppp_optbuf_put_opt(&rej, &o);
			else
				ppp_optbuf_put_u32(&nak, 5, ~magic);
		} else if (o.type == 99 && o.len == 2 && t->know99) {
			continue;
		} else {
			ppp_optbuf_put_opt(&rej, &o);
		}
	}
	if (rej.len) {
		*reply_len = rej.len;
		return PPP_CONFREJ;
	}
	if (nak.len) {
		memcpy(reply, nakbuf, nak.len);
		*reply_len = nak.len;
		return PPP_CONFNAK;
	}
	t->peer_mru = mru;
	t->peer_magic = magic;
	return PPP_CONFACK;
}

static bool toy_rcv_ack(struct fsm *f, const uint8_t *opts, size_t len)
{
	(void)opts;
	(void)len;
	TOY(f)->acked_mru = TOY(f)->send_mru ? TOY(f)->mru : 1500;
	return true;
}

static bool toy_rcv_nak(struct fsm *f, const uint8_t *opts, size_t len,
			bool reject_mode)
{
	struct toy *t = TOY(f);
	struct ppp_opt_iter it;
	struct ppp_opt o;

	ppp_opt_iter_init(&it, opts, len);
	while (ppp_opt_next(&it, &o) > 0) {
		if (o.type == 1 && o.len == 4) {
			if (reject_mode)
				t->send_mru = false;
			else
				t->mru = (uint16_t)(o.data[0] << 8 | o.data[1]);
		} else if (o.type == 5 && o.len == 6) {
			t->magic = get32(o.data);
		}
	}
	return true;
}

static bool toy_rcv_rej(struct fsm *f, const uint8_t *opts, size_t len)
{
	struct toy *t = TOY(f);
	struct ppp_opt_iter it;
	struct ppp_opt o;

	ppp_opt_iter_init(&it, opts, len);
	while (ppp_opt_next(&it, &o) > 0) {
		if (o.type == 1)
			t->send_mru = false;
		else if (o.type == 99)
			t->want99 = false;
	}
	return true;
}

static void toy_tlu(struct fsm *f) { TOY(f)->up++; }
static void toy_tld(struct fsm *f) { TOY(f)->down++; }
static void toy_tls(struct fsm *f) { TOY(f)->started++; }
static void toy_tlf(struct fsm *f)
{
	TOY(f)->finished++;
	if (TOY(f)->hangup_on_tlf)
		fsm_down(f);	/* re-entering from tlf is allowed */
}

static const struct fsm_proto toy_proto = {
	.protocol = 0xc021,
	.name = "TOY",
	.reset = toy_reset,
	.build_req = toy_build,
	.rcv_req = toy_rcv_req,
	.rcv_ack = toy_rcv_ack,
	.rcv_nak = toy_rcv_nak,
	.rcv_rej = toy_rcv_rej,
	.tlu = toy_tlu,
	.tld = toy_tld,
	.tls = toy_tls,
	.tlf = toy_tlf,
};

static void toy_init(struct toy *t, struct net *n, int side)
{
	memset(t, 0, sizeof(*t));
	fsm_init(&t->f, &toy_proto, &toy_ops, NULL);
	t->net = n;
	t->side = side;
	n->t[side] = t;
}

/* Deliver packets and fire timers until nothing moves. */
static bool run_net(struct net *n)
{
	int steps;

	for (steps = 0; steps < 100000; steps++) {
		struct toy *a = n->t[0], *b = n->t[1], *due;

		if (n->n) {
			struct qpkt *q = &n->q[n->head];
			struct qpkt copy = *q;

			n->head = (n->head + 1) % 64;
			n->n--;
			fsm_input(&n->t[copy.to]->f, copy.b, copy.len, 1500);
			continue;
		}
		if (a->timer && (!b->timer || a->deadline <= b->deadline))
			due = a;
		else if (b->timer)
			due = b;
		else
			return true;
		n->now = due->deadline;
		due->timer = false;
		fsm_timeout(&due->f);
	}
	return false;
}

/* A wants MRU 1400, takes 1000-1500, asks for option 99; B wants 1600,
 * takes 1400-2000 and does not know option 99. */
static void setup_pair(struct net *n, struct toy *a, struct toy *b,
		       unsigned long drop_every)
{
	memset(n, 0, sizeof(*n));
	n->drop_every = drop_every;
	toy_init(a, n, 0);
	toy_init(b, n, 1);
	a->cfg_mru = 1400;
	a->lo = 1000;
	a->hi = 1500;
	a->cfg_want99 = true;
	a->know99 = true;
	a->seed = 1;
	b->cfg_mru = 1600;
	b->lo = 1400;
	b->hi = 2000;
	b->seed = 2;
	/* Two implementations do not tick in step. */
	b->f.restart_ms = 2000;
}

static void negotiate(struct __test_metadata *_metadata, struct net *n,
		      struct toy *a, struct toy *b)
{
	fsm_open(&a->f);
	fsm_open(&b->f);
	fsm_up(&a->f);
	fsm_up(&b->f);
	ASSERT_TRUE(run_net(n));
	ASSERT_EQ(FSM_OPENED, fsm_state(&a->f));
	ASSERT_EQ(FSM_OPENED, fsm_state(&b->f));
	/* A Nak'd B's 1600 down to 1500; A's 1400 was fine for B. */
	EXPECT_EQ(1500, a->peer_mru);
	EXPECT_EQ(1500, b->acked_mru);
	EXPECT_EQ(1400, b->peer_mru);
	EXPECT_EQ(1400, a->acked_mru);
	EXPECT_EQ(a->magic, b->peer_magic);
	EXPECT_EQ(b->magic, a->peer_magic);
	EXPECT_FALSE(a->want99);	/* B rejected it */
	EXPECT_EQ(1, a->up - a->down);
	EXPECT_EQ(1, b->up - b->down);
	EXPECT_FALSE(a->timer);
	EXPECT_FALSE(b->timer);
}

TEST(back_to_back_negotiate_and_terminate)
{
	struct toy a, b;
	struct net n;

	setup_pair(&n, &a, &b, 0);
	negotiate(_metadata, &n, &a, &b);
	/* No loss: a short exchange, nothing to retransmit. */
	EXPECT_LE(n.count, 12ul);
	EXPECT_EQ(0u, n.now);

	fsm_close(&a.f);
	ASSERT_TRUE(run_net(&n));
	EXPECT_EQ(FSM_CLOSED, fsm_state(&a.f));
	EXPECT_EQ(FSM_STOPPED, fsm_state(&b.f));
	EXPECT_EQ(a.up, a.down);
	EXPECT_EQ(b.up, b.down);
	EXPECT_EQ(1, a.finished);
	EXPECT_EQ(1, b.finished);

	/* The other way round. */
	setup_pair(&n, &a, &b, 0);
	negotiate(_metadata, &n, &a, &b);
	fsm_close(&b.f);
	ASSERT_TRUE(run_net(&n));
	EXPECT_EQ(FSM_CLOSED, fsm_state(&b.f));
	EXPECT_EQ(FSM_STOPPED, fsm_state(&a.f));
	EXPECT_EQ(a.up, a.down);
	EXPECT_EQ(b.up, b.down);

	/* B is administratively open: the next Up renegotiates. */
	fsm_down(&a.f);
	fsm_down(&b.f);
	fsm_open(&b.f);
	fsm_up(&a.f);
	fsm_up(&b.f);
	ASSERT_TRUE(run_net(&n));
	EXPECT_EQ(FSM_OPENED, fsm_state(&a.f));
	EXPECT_EQ(FSM_OPENED, fsm_state(&b.f));
}

TEST(back_to_back_with_lost_packets)
{
	static const unsigned long every[] = { 5, 6, 7, 8 };
	struct toy a, b;
	struct net n;
	size_t i;
	int side;

	for (i = 0; i < sizeof(every) / sizeof(every[0]); i++) {
		for (side = 0; side < 2; side++) {
			struct toy *closer = side ? &b : &a;
			struct toy *other = side ? &a : &b;

			setup_pair(&n, &a, &b, every[i]);
			negotiate(_metadata, &n, &a, &b);
			EXPECT_GT(n.dropped, 0ul);
			TH_LOG("drop every %lu: open after %lu packets, %lu lost, %llu ms",
			       every[i], n.count, n.dropped,
			       (unsigned long long)n.now);

			fsm_close(&closer->f);
			ASSERT_TRUE(run_net(&n));
			EXPECT_EQ(FSM_CLOSED, fsm_state(&closer->f));
			/* The peer heard a Terminate-Request (Max-Terminate
			 * sends two, and at most every other one is lost). */
			EXPECT_EQ(FSM_STOPPED, fsm_state(&other->f));
			EXPECT_EQ(a.up, a.down);
			EXPECT_EQ(b.up, b.down);
			EXPECT_FALSE(a.timer);
			EXPECT_FALSE(b.timer);
		}
	}
}

/*
 * Random loss, a quarter of all packets, for many seeds: every run must
 * open and then close cleanly from one side.  (Periodic loss of every 2nd,
 * 3rd or 4th packet is not used: it falls in step with the periodic timers,
 * so the same packet is lost round after round, and since every reply that
 * does get through restarts the counters, the pair can then go on forever:
 * RFC 1661 sets no overall deadline.)
 */
TEST(back_to_back_with_random_loss)
{
	unsigned long total = 0, lost = 0;
	struct toy a, b;
	struct net n;
	uint32_t seed;

	for (seed = 1; seed <= 40; seed++) {
		struct toy *closer = seed & 1 ? &a : &b;
		struct toy *other = seed & 1 ? &b : &a;

		setup_pair(&n, &a, &b, 0);
		n.drop_pct = 25;
		n.rnd = seed;
		negotiate(_metadata, &n, &a, &b);
		fsm_close(&closer->f);
		ASSERT_TRUE(run_net(&n));
		EXPECT_EQ(FSM_CLOSED, fsm_state(&closer->f));
		/* Both Terminate-Requests may be lost: then the peer still
		 * thinks the link is up (LCP echo finds that out). */
		if (fsm_state(&other->f) != FSM_OPENED)
			EXPECT_EQ(FSM_STOPPED, fsm_state(&other->f));
		EXPECT_EQ(closer->up, closer->down);
		EXPECT_FALSE(a.timer);
		EXPECT_FALSE(b.timer);
		total += n.count;
		lost += n.dropped;
	}
	TH_LOG("40 runs: %lu packets, %lu lost", total, lost);
	EXPECT_GT(lost, total / 6);
}

TEST_HARNESS_MAIN
