/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reading `debug ppp negotiation` logs, from pppk or from Cisco IOS, or
 * pppd's debug log (pppd.c reads its lines into the same events), and
 * explaining them the way Cisco's troubleshooting note does: furthest
 * phase, LCP, authentication each way, NCPs, the route; then a diagnosis.
 *
 * events.c turns lines into events and sorts them by link; summary.c sums
 * each link up; diagnose.c diagnoses.  Input is never trusted: unknown or
 * garbled lines are counted and skipped, every size is bounded.
 *
 * Which interface is a link: a name that carries LCP, PAP or CHAP lines is a
 * link of its own.  Other names fold into a link and show as its aliases:
 *   - a parent, NAME, goes to the most recently active link named NAME:N
 *     ("BR0 IPCP: Install route" belongs to BR0:1);
 *   - a dialer (Di, Dialer), virtual-access (Vi, Virtual-Access) or
 *     multilink bundle (Mu, Multilink) goes to the most recently active link
 *     that has LCP, PAP or CHAP lines ("Vi1 IPCP" after "BR0:1 PPP: Phase is
 *     UP" belongs to BR0:1);
 *   - anything else, or when there is nothing to fold into, becomes a link
 *     of its own; a name that is a link stays one.
 * A folded name stays with its link, even when lines of other links come
 * in between, until that link goes DOWN; then it folds anew.
 * Lines without an interface name go to the most recently active link.
 * Phase lines of a folded name are kept for the ladder but do not change
 * the link's phase.  Long names in console messages (BRI0:1, Serial0/0/0,
 * Virtual-Access1) are shortened as IOS does in debug lines (BR0:1,
 * Se0/0/0, Vi1).
 */
#ifndef PPPK_DLOG_H
#define PPPK_DLOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define DL_IFNAMSIZ	32
#define DL_MAX_LINKS	64
#define DL_MAX_ALIASES	4
#define DL_MAX_EVENTS	50000	/* over all links; more are counted, dropped */
#define DL_LINE_MAX	4096	/* a longer line is cut and counted garbled */
#define DL_MAX_CP	8
#define DL_MAX_DIAG	16
#define DL_OPTS_MAX	255
#define DL_SUSPECT_LINES 5

enum dl_type {
	DL_PACKET,	/* "LCP: O CONFREQ [Listen] id 4 len 15" (+ option lines) */
	DL_PHASE,	/* "PPP: Phase is UP" */
	DL_STATE,	/* "LCP: State is Open" */
	DL_ROUTE,	/* "IPCP: Install route to 172.22.1.2" */
	DL_TIMEOUT,	/* "LCP: TIMEout: State REQsent" */
	DL_NOTE,	/* any other line of a known protocol */
	DL_CONSOLE,	/* "%LINK-3-UPDOWN: Interface BRI0:1, changed state to up" */
};

/*
 * What a message line of pppd says, when the reader knows it (DL_NOTE
 * events of a pppd log; DN_NONE for everything else).
 */
enum dl_note {
	DN_NONE,
	DN_IFNAME,		/* "Using interface ppp0" */
	DN_CONNECT,		/* "Connect: ppp0 <--> /dev/ttyS0" */
	DN_LOOPED,		/* "Serial line is looped back." */
	DN_ECHO_LOST,		/* "No response to 4 echo-requests" */
	DN_AUTH_LOCAL_OK,	/* "CHAP authentication succeeded" */
	DN_AUTH_LOCAL_FAIL,	/* "PAP authentication failed" */
	DN_AUTH_PEER_OK,	/* "CHAP peer authentication succeeded for x" */
	DN_AUTH_PEER_FAIL,	/* "PAP peer authentication failed for x" */
	DN_NO_SECRET_PEER,	/* "No CHAP secret found for authenticating x" */
	DN_NO_SECRET_LOCAL,	/* "... for authenticating us to x" */
	DN_PEER_NO_AUTH,	/* "peer refused to authenticate" */
	DN_LOCAL_IP,		/* "local  IP address 10.0.0.1" (value) */
	DN_REMOTE_IP,		/* "remote IP address 10.0.0.2" (value) */
	DN_DNS1,		/* "primary   DNS address ..." (value) */
	DN_DNS2,		/* "secondary DNS address ..." (value) */
	DN_NOT_AUTHORIZED,	/* "Peer is not authorized to use remote address" */
	DN_NO_REMOTE_IP,	/* "Could not determine remote IP address" */
	DN_NO_LOCAL_IP,		/* "Could not determine local IP address" */
	DN_PROTREJ,		/* "Protocol-Reject for '...' (0x80fd) received" */
	DN_TERM_BY_PEER,	/* "LCP terminated by peer (...)" */
	DN_SIGNAL,		/* "Terminating on signal 15" (value) */
	DN_HANGUP,		/* "Modem hangup" */
	DN_TERMINATED,		/* "Connection terminated." */
	DN_COUNT
};

/* Where a log comes from; each has its own words for remedies. */
enum dl_source {
	DL_SRC_UNKNOWN,
	DL_SRC_IOS,		/* Cisco IOS `debug ppp negotiation` */
	DL_SRC_PPPK,		/* pppk's debug output, the same format */
	DL_SRC_PPPD,		/* pppd's debug log, syslog prefixes or not */
	DL_SRC_IOS_LEGACY,	/* older IOS (11.x): one option a line, no states */
	DL_SRC_COUNT
};

struct dl_ev {
	unsigned int line;	/* first physical line, from 1 */
	uint8_t type;		/* enum dl_type */
	uint8_t note;		/* enum dl_note */
	uint8_t alias;		/* 0: the link's own name, k: aliases[k - 1] */
	char dir;		/* 'I', 'O' or 0 */
	uint16_t proto;		/* 0 for "PPP:" and console lines */
	int16_t code;		/* packet code, -1 unknown */
	int id, len;		/* -1 when absent */
	int8_t state;		/* enum vocab_state, -1 unknown */
	int8_t phase;		/* enum vocab_phase, -1 */
	int8_t by;		/* enum vocab_by on AUTHENTICATING lines, -1 */
	bool has_value;
	bool opt_trunc;		/* more option bytes than DL_OPTS_MAX */
	uint32_t value;		/* magic, IPv4 (host order), protocol or code */
	uint16_t optlen;
	char stamp[24];		/* time of day as written, "00:06:37.054" */
	char name[64];		/* CHAP/PAP name, as written between quotes */
	char text[96];		/* message, note or console text */
	uint8_t opts[DL_OPTS_MAX];	/* options of CONF* packets, raw */
};

enum dl_auth_result { DL_AUTH_NONE, DL_AUTH_OK, DL_AUTH_FAIL };

/* One direction of authentication. */
struct dl_authdir {
	uint16_t proto;		/* PPP_PAP, PPP_CHAP or 0 */
	int result;		/* enum dl_auth_result, the last one */
	unsigned int line;	/* of the last result */
	unsigned int fails;
	unsigned int fail_line;
	char name[64];		/* the name authenticated */
	char msg[96];		/* of the last failure */
};

/* One control protocol: LCP or an NCP. */
struct dl_cp {
	uint16_t proto;
	int state;		/* final, enum vocab_state, -1 unknown */
	unsigned int state_line;
	bool opened;		/* reached Open at least once */
	unsigned int open_line;	/* last time it did */
	bool refused;		/* the peer sent PROTREJ for it */
	/* Last packet of each kind, as an event index, -1 when none. */
	int lreq, lack, lnak, lrej;	/* our CONFREQ and the peer's answers */
	int preq, pack, pnak, prej;	/* the peer's CONFREQ and our answers */
};

enum dl_diag_kind {
	DG_OK,
	DG_LOOPED,
	DG_NO_RESPONSE,
	DG_OPTION_LOOP,
	DG_AUTH_FAILED,
	DG_IPCP_FAILED,
	DG_KEEPALIVE,
	DG_PROTREJ,
	DG_NO_ROUTE,
	DG_DNS_REJECTED,
	DG_TERMINATED,
	DG_INCOMPLETE,
	DG_COUNT
};

#define DL_DIAG_LINES 8
struct dl_diag {
	int kind;		/* enum dl_diag_kind */
	uint16_t proto;		/* the protocol concerned, 0 for the link */
	char text[384];
	unsigned int lines[DL_DIAG_LINES];	/* the evidence */
	int nlines;
};

struct dl_link {
	char ifname[DL_IFNAMSIZ];
	int source;		/* enum dl_source, of its first line */
	unsigned int pid;	/* pppd's process, from "pppd[1234]:"; 0 none */
	char aliases[DL_MAX_ALIASES][DL_IFNAMSIZ];
	int naliases;
	unsigned int last_line;	/* last line seen, for folding */
	bool owned;		/* has LCP, PAP or CHAP lines of its own */
	bool down;		/* its last own phase line said DOWN */
	struct dl_ev *ev;
	size_t nev, cap;

	/* Filled by dlog_end(). */
	int phase;		/* final, enum vocab_phase, -1 unknown */
	int furthest;		/* furthest of DOWN < ESTABLISHING < AUTH < UP */
	unsigned int phase_line;
	int by;			/* enum vocab_by from the AUTHENTICATING line */
	struct dl_cp cp[DL_MAX_CP];
	int ncp;
	struct dl_authdir auth_peer;	/* this end authenticates the peer */
	struct dl_authdir auth_local;	/* the peer authenticates this end */
	char peer_host[64];		/* name in the peer's CHAP challenge */
	/* pppd's "local  IP address", "remote IP address", DNS lines. */
	uint32_t note_local, note_remote, note_dns[2];
	bool route;
	uint32_t route_addr;
	unsigned int route_line;
	struct dl_diag diag[DL_MAX_DIAG];
	int ndiag;
};

struct dlog_stats {
	unsigned int lines;	/* physical lines read */
	unsigned int parsed;	/* understood (after joining wrapped lines) */
	unsigned int console;	/* %FACILITY-N-MNEMONIC messages */
	unsigned int skipped;	/* unknown or garbled, skipped */
	unsigned int dropped;	/* understood but over DL_MAX_EVENTS */
	unsigned int cleaned;	/* lines with Markdown or HTML residue removed */
	/* Skipped lines that look like PPP log lines: counted, first ones. */
	unsigned int suspect;
	unsigned int suspect_lines[DL_SUSPECT_LINES];
};

struct dlog;

struct dlog *dlog_new(void);
void dlog_free(struct dlog *g);
/* Feed any chunk of the log; lines may span chunks.  -ENOMEM or 0. */
int dlog_feed(struct dlog *g, const char *data, size_t len);
/* Read a whole stream.  -errno on a read error, else 0. */
int dlog_read(struct dlog *g, FILE *f);
/* End of input: the last line, then summaries and diagnoses. */
void dlog_end(struct dlog *g);

const struct dlog_stats *dlog_stats(const struct dlog *g);
int dlog_nlinks(const struct dlog *g);
const struct dl_link *dlog_link(const struct dlog *g, int i);
const struct dl_link *dlog_link_by_name(const struct dlog *g, const char *n);

/* Lookups in a summed-up link. */
const struct dl_cp *dl_cp_get(const struct dl_link *l, uint16_t proto);
/*
 * Option type of one side (local: what this end uses, as the peer acked
 * it; else the peer's) from the last CONFACK, or from the last CONFREQ when
 * nothing was acked (*acked false).  NULL when absent.
 */
const uint8_t *dl_cp_opt(const struct dl_link *l, const struct dl_cp *c,
			 bool local, uint8_t type, size_t *len, bool *acked);
/* An IPv4 option value (Address, PrimaryDNS...) as above; 0 if none. */
uint32_t dl_cp_ipv4(const struct dl_link *l, uint16_t proto, bool local,
		    uint8_t type, bool *acked);
/* Option of an event (type), NULL if absent; *len is the whole option. */
const uint8_t *dl_ev_opt(const struct dl_ev *e, uint8_t type, size_t *len);
/* The name an event was logged under (the link's or an alias). */
const char *dl_ev_ifname(const struct dl_link *l, const struct dl_ev *e);
/* First diagnosis of a kind, NULL if none. */
const struct dl_diag *dl_diag_find(const struct dl_link *l, int kind);
const char *dl_diag_name(int kind);	/* "auth-failed" */
const char *dl_auth_result_name(int r);	/* "success", "failure", "none" */
/* "ios", "pppk", "pppd", "ios-legacy", NULL */
const char *dl_source_name(int src);

/*
 * Whether the log prints no automaton states (pppd, older IOS): each
 * packet then moves on the state the packets before it left.
 */
static inline bool dl_infers_states(const struct dl_link *l)
{
	return l->source == DL_SRC_PPPD || l->source == DL_SRC_IOS_LEGACY;
}

/* Internal: summary.c and diagnose.c, called by dlog_end(). */
void dl_summarize(struct dl_link *l);
void dl_diagnose(struct dl_link *l);
struct dl_cp *dl_cp_mut(struct dl_link *l, uint16_t proto);

#endif
