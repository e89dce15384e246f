/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The RFC 1661 option negotiation automaton, shared by LCP and every NCP.
 *
 * One struct fsm per protocol per link.  The automaton does no I/O of its
 * own and keeps no global state: packets, timers and tracing go through a
 * const table of owner callbacks (struct fsm_ops), and everything that is
 * specific to a protocol (its options, its extra codes) goes through a
 * const table of protocol callbacks (struct fsm_proto).  Both tables are
 * shared by every instance; an instance only holds pointers to them plus a
 * few octets of state (see sizeof(struct fsm) in the report / tests).
 *
 * States, events and actions are exactly those of RFC 1661 section 4.1
 * (the state transition table is transcribed in fsm.c and checked cell by
 * cell against the RFC text in tests/proto/test_fsm.c).  Cells marked "-" in the
 * RFC ("cannot happen") are ignored: no action, no state change.
 *
 * Driving the automaton
 * ---------------------
 *   fsm_up/fsm_down      lower layer Up/Down (LCP: the line; NCP: LCP's
 *                        tlu/tld, plus authentication for NCPs)
 *   fsm_open/fsm_close   administrative Open/Close
 *   fsm_timeout          the Restart timer asked for with ops->start_timer
 *                        has fired: TO+ or TO- by the restart counter
 *   fsm_input            one received control packet of this protocol
 *                        (the Information field: Code, Identifier, Length,
 *                        Data; octets past Length are padding and ignored)
 *   fsm_event            any event by name, without a packet (see below)
 *
 * Re-entrancy: the This-Layer-Started/-Up/-Finished callbacks are always the
 * last thing the automaton does for an event, after the new state is set and
 * the state_change hook ran, so they may call back into the same instance
 * (e.g. tls bringing the line up and calling fsm_up at once).  tld runs first
 * in its action list and must not call back into the same instance.  Other
 * callbacks must not call fsm_up/down/open/close/timeout/input/event on the
 * same instance; fsm_send and fsm_new_id are always allowed.
 *
 * Packet handling (fsm_input)
 * ---------------------------
 * - Fewer than 4 octets, a Length field below 4, or a Length field larger
 *   than the buffer: silently discarded, stats.rx_short++.
 * - Anything received in Initial or Starting (the lower layer is down):
 *   discarded, stats.rx_discarded++.
 * - Configure-Ack/-Nak/-Reject whose option list is malformed (see
 *   opts.h): discarded, stats.rx_malformed++, ops->warn says so.
 * - A Configure-Request whose option list turns malformed part way
 *   (an option with Length < 2 or running past the end): the well-formed
 *   options before it go to rcv_req() as usual, and the rest of the list
 *   from the bad option on is rejected verbatim (pppd does the same), after
 *   whatever rcv_req() rejected; stats.rx_malformed++ and ops->warn.  Such
 *   a request is never acked or Nak'd.
 * - Configure-Request: in Stopped, Req-Sent, Ack-Rcvd, Ack-Sent and Opened
 *   the protocol's rcv_req() decides RCR+ (Ack) or RCR- (Nak/Reject).  In
 *   Stopped and Opened the automaton first runs the actions the RFC lists
 *   before sca/scn (tld, irc, scr): tld before the options are looked at, so
 *   the layer going down still sees the values it came up with, and scr
 *   before, so that a new negotiation (reset(), e.g. a fresh magic number)
 *   is in place when the peer's options are checked.  In Closed, Closing,
 *   Stopping the options are not examined (sta or nothing, per the table).
 *   Requests with more than FSM_MAX_OPTS octets of options cannot be
 *   echoed in an Ack and are discarded (rx_malformed, ops->warn).
 *   Should a protocol callback move the automaton while rcv_req() runs
 *   (which it must not: see cp.h), the request's remaining actions are
 *   dropped rather than overwrite the new state.
 * - Configure-Ack/-Nak/-Reject in Req-Sent, Ack-Rcvd, Ack-Sent, Opened must
 *   carry the Identifier of the last Configure-Request sent, and must be the
 *   first reply to it; otherwise they are out of sequence and discarded
 *   (rx_discarded).  A second reply to an already answered request (e.g. the
 *   peer acked both our request and its retransmission) is therefore not an
 *   RCA/RCN: that keeps a duplicate Ack from tearing down an Opened link.
 *   The RFC's Ack-Rcvd/Opened RCA and RCN cells (scr/6x, tld,scr/6x) thus
 *   only run through fsm_event().  An Ack must echo our request octet for
 *   octet and a Reject must be an ordered subset of it (RFC 1661 5.2, 5.4);
 *   the automaton checks both by rebuilding the request with build_req(),
 *   and says so through ops->warn when one does not (a peer that garbles
 *   our options is worth a log line; a stale Identifier is not).
 *   In Closed and Stopped these packets give sta (no Identifier check: the
 *   point is to tell a confused peer we are down); in Closing and Stopping
 *   they are ignored as the table says.
 * - Terminate-Request -> RTR (sta echoes its Identifier), Terminate-Ack ->
 *   RTA (no Identifier check, RFC 1661 5.5 does not ask for one).
 * - Code-Reject (at least the rejected Code octet, else rx_malformed), and
 *   an rx_code() reject such as Protocol-Reject (at least 2 octets):
 *   rxj_fatal() decides RXJ- or RXJ+.
 * - Any other Code goes to the protocol's rx_code() (LCP: Protocol-Reject,
 *   Echo-Request/-Reply, Discard-Request; CCP: Reset-Request/-Ack).  An
 *   unknown Code, or any Code when rx_code is NULL, is RUC: a Code-Reject
 *   carrying the received packet (Length octets, not the padding), truncated
 *   so that the Code-Reject fits the peer's MRU given to fsm_input.
 *
 * Identifiers: every new Configure-Request and Terminate-Request takes a new
 * Identifier; a retransmission on TO+ keeps it, unless the request was
 * already answered (TO+ in Ack-Rcvd: RFC 1661 5.1 wants a new Identifier
 * after a valid reply).  Code-Rejects take a new one each.  Identifiers come from a per-instance counter shared with
 * fsm_new_id(), so protocol packets do not collide with automaton ones.
 *
 * Counters (RFC 1661 sections 4.4, 4.6): irc loads Max-Configure when the next
 * state negotiates and Max-Terminate when it is Closing or Stopping; each
 * scr and str decrements it; zrc zeroes it and starts the timer.  The timer
 * runs in Closing, Stopping, Req-Sent, Ack-Rcvd and Ack-Sent and is stopped
 * (ops->stop_timer) when the automaton leaves them.
 * Max-Failure: after max_failure Configure-Naks sent without a Configure-Ack
 * in between, rcv_req() is called with reject_mode true and should reject
 * instead of nak; if it still answers Nak, the automaton converts the Nak to
 * a Reject of the request options whose types the Nak named (hints for
 * options the peer did not send are dropped; an empty result is an Ack).
 * The one exception is FSM_NAK_FORCED: a Nak that must stay one (LCP's
 * Magic-Number on a looped line: rejecting our own magic would make the
 * loop look like a peer that agrees to everything, as pppd also knows).
 * Likewise (as pppd does), after max_failure Configure-Naks received in one
 * negotiation, rcv_nak() gets reject_mode true: treat the Nak like a Reject and stop asking for the
 * options it names, so a peer that keeps Nak'ing cannot hold us forever.
 *
 * Passive modes (fsm->opts, pppd's option words)
 * ----------------------------------------------
 * FSM_OPT_SILENT ("silent"; IOS "Passive Open", shown as state Listen): Open
 *   in Closed, or Up in Starting, goes to Stopped without sending anything.
 *   RFC 1661 section 4.2 (Stopped) allows an implementation to wait there
 *   for the peer.  The first Configure-Request from the peer starts
 *   negotiation normally (Stopped: irc,scr,sca/8 or irc,scr,scn/6).  While
 *   waiting, fsm_cur_state_name() says "Listen", as IOS prints it.
 * FSM_OPT_PASSIVE ("passive", the RFC's [p] option): when the peer never
 *   answers and TO- fires in Req-Sent, Ack-Rcvd or Ack-Sent, go to Stopped
 *   without This-Layer-Finished and keep waiting for the peer.
 * FSM_OPT_RESTART (the RFC's [r] option): Open in Closing, Stopping, Stopped
 *   or Opened, after the table's own transition, runs Down then Up, which
 *   renegotiates the link (RFC 1661 section 4.3, Open event).
 */
#ifndef PPPCTL_FSM_H
#define PPPCTL_FSM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* RFC 1661 codes (LCP uses 1-11, NCPs 1-7, CCP adds 14-15). */
enum ppp_code {
	PPP_CONFREQ = 1,
	PPP_CONFACK = 2,
	PPP_CONFNAK = 3,
	PPP_CONFREJ = 4,
	PPP_TERMREQ = 5,
	PPP_TERMACK = 6,
	PPP_CODEREJ = 7,
	PPP_PROTREJ = 8,
	PPP_ECHOREQ = 9,
	PPP_ECHOREP = 10,
	PPP_DISCREQ = 11,
};

#define FSM_HDRLEN	4
/* Largest packet the automaton sends or answers: the default MRU. */
#define FSM_MAX_PKT	1500
#define FSM_MAX_OPTS	(FSM_MAX_PKT - FSM_HDRLEN)

enum fsm_state {
	FSM_INITIAL,
	FSM_STARTING,
	FSM_CLOSED,
	FSM_STOPPED,
	FSM_CLOSING,
	FSM_STOPPING,
	FSM_REQSENT,
	FSM_ACKRCVD,
	FSM_ACKSENT,
	FSM_OPENED,
	FSM_NSTATES
};

enum fsm_event {
	FSM_EV_UP,
	FSM_EV_DOWN,
	FSM_EV_OPEN,
	FSM_EV_CLOSE,
	FSM_EV_TO_PLUS,		/* TO+ */
	FSM_EV_TO_MINUS,	/* TO- */
	FSM_EV_RCR_PLUS,	/* RCR+ */
	FSM_EV_RCR_MINUS,	/* RCR- */
	FSM_EV_RCA,
	FSM_EV_RCN,
	FSM_EV_RTR,
	FSM_EV_RTA,
	FSM_EV_RUC,
	FSM_EV_RXJ_PLUS,	/* RXJ+ */
	FSM_EV_RXJ_MINUS,	/* RXJ- */
	FSM_EV_RXR,
	FSM_NEVENTS
};

/* What rx_code() makes of a Code the automaton does not handle itself. */
enum fsm_ext {
	FSM_EXT_UNKNOWN,	/* RUC: answer with Code-Reject */
	FSM_EXT_RXR,		/* RXR: Echo-Request/-Reply, Discard-Request */
	FSM_EXT_RXJ,		/* a reject (Protocol-Reject): ask rxj_fatal() */
	FSM_EXT_DONE,		/* handled by the protocol, not an RFC 1661 event */
};

/* Result of fsm_input(), mirrored in the counters. */
enum fsm_rx {
	FSM_RX_EVENT,		/* became an event of the automaton */
	FSM_RX_HANDLED,		/* rx_code() said FSM_EXT_DONE */
	FSM_RX_SHORT,		/* runt or bad Length: stats.rx_short */
	FSM_RX_MALFORMED,	/* bad option list, empty reject: rx_malformed */
	FSM_RX_DISCARDED,	/* valid but not acceptable now: rx_discarded */
};

enum fsm_dir { FSM_IN, FSM_OUT };

/*
 * rcv_req() result: a Configure-Nak that Max-Failure does not turn into a
 * Configure-Reject.  Sent as PPP_CONFNAK.
 */
#define FSM_NAK_FORCED	0x103

/* fsm->opts */
#define FSM_OPT_SILENT	0x01
#define FSM_OPT_PASSIVE	0x02
#define FSM_OPT_RESTART	0x04

#define FSM_DEF_RESTART_MS	3000
#define FSM_DEF_MAX_TERMINATE	2
#define FSM_DEF_MAX_CONFIGURE	10
#define FSM_DEF_MAX_FAILURE	5

struct fsm;

/*
 * A protocol (LCP, IPCP, ...): one const table per protocol.  Callbacks
 * marked optional may be NULL.  Option buffers handed to callbacks have been
 * checked with ppp_opts_valid().  None of them may keep the pointers.
 */
struct fsm_proto {
	uint16_t protocol;	/* PPP protocol number, e.g. 0xc021 */
	const char *name;	/* "LCP", "IPCP": for debug output */

	/*
	 * Optional.  A new negotiation starts (scr from Starting, Closed,
	 * Stopped or Opened): load the options we want from the configuration,
	 * forget what earlier Naks/Rejects taught us, pick a new magic number.
	 */
	void (*reset)(struct fsm *f);
	/*
	 * Write our Configure-Request options into buf (cap octets), return the
	 * length.  Must be a pure function of the protocol's negotiation state:
	 * it is called again to check the peer's Configure-Ack/-Reject against
	 * what we sent, and on retransmission.
	 */
	size_t (*build_req)(struct fsm *f, uint8_t *buf, size_t cap);
	/*
	 * The peer's Configure-Request options.  Return PPP_CONFACK (reply is
	 * not used: the Ack echoes the request), or PPP_CONFNAK/PPP_CONFREJ with
	 * the reply options in reply (cap octets) and their length in
	 * *reply_len.  reject_mode: Max-Failure reached, do not Nak.
	 */
	int (*rcv_req)(struct fsm *f, const uint8_t *opts, size_t len,
		       uint8_t *reply, size_t cap, size_t *reply_len,
		       bool reject_mode);
	/*
	 * Optional.  A Configure-Ack that matches our request octet for octet:
	 * record what was agreed.  false: invalid, discard it.
	 */
	bool (*rcv_ack)(struct fsm *f, const uint8_t *opts, size_t len);
	/*
	 * A Configure-Nak to our current request: adjust what the next request
	 * asks for.  reject_mode: too many Naks, stop asking for the options
	 * named.  false: invalid packet, discard it (no event).
	 */
	bool (*rcv_nak)(struct fsm *f, const uint8_t *opts, size_t len,
			bool reject_mode);
	/*
	 * A Configure-Reject, already checked to be an ordered subset of our
	 * request: stop asking for these options.  false: discard.
	 */
	bool (*rcv_rej)(struct fsm *f, const uint8_t *opts, size_t len);

	/* This-Layer-Up/-Down/-Started/-Finished.  All optional. */
	void (*tlu)(struct fsm *f);
	void (*tld)(struct fsm *f);
	void (*tls)(struct fsm *f);
	void (*tlf)(struct fsm *f);

	/*
	 * Optional.  Classify a packet whose Code is not 1-7 (data, len: the
	 * octets after the header, within Length).  Must not send or change
	 * state, except for FSM_EXT_DONE, where it does all the work itself.
	 * LCP: Protocol-Reject -> FSM_EXT_RXJ (RFC 1661 5.7 says discard it
	 * outside Opened: return FSM_EXT_DONE there), Echo-Request/-Reply and
	 * Discard-Request -> FSM_EXT_RXR.
	 */
	enum fsm_ext (*rx_code)(struct fsm *f, uint8_t code, uint8_t id,
				const uint8_t *data, size_t len);
	/*
	 * Optional.  The ser action: an RXR event in the Opened state.  LCP
	 * answers an Echo-Request here with fsm_send(f, PPP_ECHOREP, id, ...).
	 * Outside Opened RXR does nothing, as the table says.
	 */
	void (*ser)(struct fsm *f, uint8_t code, uint8_t id,
		    const uint8_t *data, size_t len);
	/*
	 * Optional.  A Code-Reject (code 7, data = the rejected packet, at
	 * least 1 octet) or a packet rx_code() called FSM_EXT_RXJ (LCP's
	 * Protocol-Reject, code 8: data = Rejected-Protocol and Rejected-
	 * Information, at least 2 octets, shorter ones are discarded as
	 * malformed before this is called): true for
	 * catastrophic (RXJ-), false for permitted (RXJ+).  This is also where
	 * the protocol learns to stop sending the rejected code or protocol.
	 * Default: a Code-Reject of codes 1-7 is catastrophic, of others not;
	 * a Protocol-Reject is catastrophic when it rejects this protocol.
	 */
	bool (*rxj_fatal)(struct fsm *f, uint8_t code, const uint8_t *data,
			  size_t len);
};

/*
 * The owner (the controller's event loop): one const table for every
 * instance.  The fsm pointer identifies the link and protocol: f->ctx,
 * f->proto->protocol.
 */
struct fsm_ops {
	/*
	 * Send one control packet: pkt is complete and well formed (Code,
	 * Identifier, Length == len, data), at most FSM_MAX_PKT octets.  The
	 * owner prepends the protocol number and hands it to the data plane.
	 */
	void (*send)(struct fsm *f, const uint8_t *pkt, size_t len);
	/*
	 * (Re)arm the one-shot Restart timer; when it fires call
	 * fsm_timeout(f).  stop_timer is only called while it is armed.
	 */
	void (*start_timer)(struct fsm *f, unsigned int ms);
	void (*stop_timer)(struct fsm *f);
	/*
	 * Optional.  Every packet sent, and every received packet whose header
	 * is valid, before it is acted on.  state is the name of the state the
	 * packet was sent or received in (before the transition it causes), as
	 * IOS prints it: "O CONFREQ [REQsent] id 4 len 15".
	 */
	void (*trace)(struct fsm *f, enum fsm_dir dir, const uint8_t *pkt,
		      size_t len, const char *state);
	/*
	 * Optional.  The state changed (from != to).  Called after the new
	 * state is set and before tls/tlu/tlf, so "State is Open" comes before
	 * whatever This-Layer-Up triggers.  Use fsm_cur_state_name(f).
	 */
	void (*state_change)(struct fsm *f, int from, int to);
	/*
	 * Optional.  One line (no protocol name, no newline) about a received
	 * packet that was not taken as it came: a malformed option list, an
	 * Ack that does not echo our request, ...  For the debug log.
	 */
	void (*warn)(struct fsm *f, const char *msg);
};

struct fsm_stats {
	uint32_t rx_short;	/* runts, bad Length field */
	uint32_t rx_malformed;	/* bad option list, empty Code-Reject, ... */
	uint32_t rx_discarded;	/* wrong Identifier, duplicate reply, down */
	uint32_t rx_unknown;	/* RUC: Code-Rejects sent */
};

struct fsm {
	const struct fsm_proto *proto;
	const struct fsm_ops *ops;
	void *ctx;			/* the owner's, untouched */
	struct fsm_stats stats;
	/* Configuration: set after fsm_init(), before use. */
	uint32_t restart_ms;		/* Restart timer, default 3000 */
	uint8_t max_configure;		/* default 10; 0 behaves like 1 */
	uint8_t max_terminate;		/* default 2; 0 behaves like 1 */
	uint8_t max_failure;		/* default 5 */
	uint8_t opts;			/* FSM_OPT_* */
	/* State: read-only for everybody else. */
	uint8_t state;			/* enum fsm_state */
	uint8_t restarts;		/* restart counter */
	uint8_t seq;			/* last Identifier handed out */
	uint8_t reqid;			/* Identifier of the pending request */
	uint8_t naks_sent;		/* Configure-Naks sent since last Ack */
	uint8_t naks_rcvd;		/* Configure-Naks received */
	uint8_t flags;			/* FSM_F_* in fsm.c */
};

/* Initial state, defaults above, no callback called. */
void fsm_init(struct fsm *f, const struct fsm_proto *proto,
	      const struct fsm_ops *ops, void *ctx);

void fsm_up(struct fsm *f);
void fsm_down(struct fsm *f);
void fsm_open(struct fsm *f);
void fsm_close(struct fsm *f);
/* The Restart timer fired.  Ignored when the automaton did not ask for it. */
void fsm_timeout(struct fsm *f);
/*
 * One received packet of this protocol: pkt/len is the PPP Information
 * field.  peer_mru (the peer's MRU as negotiated, 0 if not known: 1500)
 * bounds the Code-Reject sent for an unknown Code.
 */
enum fsm_rx fsm_input(struct fsm *f, const uint8_t *pkt, size_t len,
		      size_t peer_mru);
/*
 * Run one event of the table without a received packet.  For the owner this
 * is RXJ+/RXJ- (LCP got a Protocol-Reject for this NCP: RXJ-), and it gives
 * tests every cell.  Actions that answer a packet use Identifier 0 and no
 * data: sca an empty Configure-Ack, scn an empty Configure-Nak, sta an empty
 * Terminate-Ack, scj a Code-Reject with nothing rejected, ser code 0.
 * fsm_up() etc. are fsm_event() with the event of their name.
 */
void fsm_event(struct fsm *f, enum fsm_event ev);

/*
 * Send a packet of this protocol (for codes the protocol owns: Echo-Reply,
 * Protocol-Reject, ...): builds the header, traces, sends.  -1 when len
 * does not fit FSM_MAX_PKT.
 */
int fsm_send(struct fsm *f, uint8_t code, uint8_t id, const uint8_t *data,
	     size_t len);
/* A fresh Identifier from the instance's counter. */
uint8_t fsm_new_id(struct fsm *f);

/* enum fsm_state, as int so it compares cleanly with anything. */
static inline int fsm_state(const struct fsm *f)
{
	return f->state;
}

/* IOS spelling: Initial ... REQsent, ACKrcvd, ACKsent, Open; "?" if bad. */
const char *fsm_state_name(int state);
/* As above, but "Listen" for Stopped entered by a silent Open. */
const char *fsm_cur_state_name(const struct fsm *f);
/* Stopped after a silent Open, waiting for the peer (IOS: Listen). */
bool fsm_listening(const struct fsm *f);
/* RFC 1661 spelling: "Up", "TO+", "RCR-", ...; "?" if bad. */
const char *fsm_event_name(int ev);

#endif
