/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One PPP link as the controller sees it: the phases of RFC 1661 section 3
 * driving LCP, authentication and the NCPs, all wired to the kernel link
 * through the controller's netlink socket and to the event loop's timers.
 */
#ifndef PPPCTL_PLINK_H
#define PPPCTL_PLINK_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <net/if.h>

#include "proto/auth.h"
#include "proto/cdpcp.h"
#include "conf.h"
#include "proto/debug.h"
#include "proto/ipcp.h"
#include "proto/ipv6cp.h"
#include "proto/lcp.h"
#include "loop.h"
#include "script.h"
#include "kernel/rtnl.h"

struct dial;
struct kern;
struct plink;
struct plink_owner;

/*
 * How a link reports to its owner (the controller process, ctld.c), as the
 * protocols report to the link through their hook tables.  Every call is
 * required.
 */
struct plink_ops {
	/* plink_new() made @l: register it. */
	void (*add)(struct plink_owner *o, struct plink *l);
	/* @l is over: unhook it and plink_free() it. */
	void (*remove)(struct plink_owner *o, struct plink *l);
	/* @l no longer needs an opening slot (up, ended, or slow). */
	void (*settled)(struct plink_owner *o, struct plink *l);
	/*
	 * @l ends other than by our own choice: the exit status is 1.  @l is
	 * NULL when a line failed before it had a link (a connect script).
	 */
	void (*failed)(struct plink_owner *o, struct plink *l);
	/* Open @l, now or when there is room (ctld_open). */
	void (*open)(struct plink_owner *o, struct plink *l);
	/* @l reached the network phase: its first NCP is up (updetach). */
	void (*up)(struct plink_owner *o, struct plink *l);
	/* @d will make no more links (dial.h). */
	void (*dial_over)(struct plink_owner *o, struct dial *d);
	/* The debug log file at @path, shared by every link that names it. */
	FILE *(*log_open)(struct plink_owner *o, const char *path);
	void (*log_close)(struct plink_owner *o, FILE *f);
};

/* What a link runs on (its owner's loop and kernel socket) and reports to. */
struct plink_owner {
	struct loop *loop;
	struct kern *kern;
	const struct plink_ops *ops;
	struct scripts *scripts;	/* pppd's hook scripts; NULL: none */
};

struct fsm_timer {
	struct loop_timer t;
	struct fsm *fsm;
};

struct auth_timer {
	struct loop_timer t;
	struct plink *link;
	int which;
};

struct plink {
	struct plink_owner *owner;
	struct plink *next, *hnext;	/* ctld's list and hash chain */
	struct plink **pprev;		/* what points at us in the list */
	struct plink *pend_next, **pend_pprev; /* waiting to be opened */
	const struct link_conf *conf;
	char ifname[IFNAMSIZ];
	uint32_t ifindex;
	enum vocab_phase phase;
	struct dbg dbg;

	struct lcp lcp;
	struct ipcp ipcp;
	struct ipv6cp ipv6cp;
	struct cdpcp cdpcp;
	struct auth auth;
	struct lcp_conf lcp_conf;
	struct ipcp_conf ipcp_conf;
	struct ipv6cp_conf ipv6cp_conf;
	struct auth_conf auth_conf;
	/* What the peer's secrets entry lets it use (ipcp_conf.allow). */
	struct addrlist peer_addrs;

	struct fsm_timer t_lcp, t_ipcp, t_ipv6cp, t_cdpcp;
	struct auth_timer t_auth[2];
	struct loop_timer t_gone;	/* delete the link once LCP finished */
	struct loop_timer t_push;	/* states changed: tell the kernel once */
	struct loop_timer t_slot;	/* how long it may hold an opening slot */
	struct loop_timer t_close;	/* close_why, once the loop comes round */
	const char *close_why;
	char close_msg[160];		/* close_why, when composed */
	char ncp_why[96];		/* the last NCP's failure */
	bool close_fails;		/* ... and the link failed */
	bool echo_off;			/* the peer Code-Rejected Echo-Request */
	unsigned int speed;		/* the line's, as the driver set it */
	char lockpath[256];		/* our UUCP lock file, or "" */

	struct dial *dial;		/* the line's dialer, or NULL */
	/* pppd's idle and maxconnect (idle.c), from the first NCP up */
	struct loop_timer t_idle, t_maxconnect;
	uint64_t idle_pkts, idle_last;	/* data packets both ways, seen when */
	bool timers_started;
	uint8_t pidfiles;		/* PLINK_PID_*: the pid files we wrote */
	uint64_t started_ms;		/* negotiation began (CONNECT_TIME) */

	int ip_err;			/* putting the IPv4 addresses on */
	bool preup_pending;		/* waiting for ip-pre-up to end */
	bool auth_up_ran;		/* auth-up ran: auth-down at link down */
	struct rtnl_route4 old_default;	/* replacedefaultroute's, to restore */
	bool ip_up, ip6_up;
	bool lcp_was_up;		/* LCP opened at least once */
	bool ncp_was_up;		/* the network phase was reached */
	bool hung_up;			/* the line hung up under us */
	bool idled;			/* closed by idle: persist skips holdoff */
	bool closing;			/* administrative close: delete when done */
	bool gone;			/* the kernel link no longer exists */
	bool seen;			/* in the kernel's dump (ctld's resync) */
	bool pending;			/* in ctld's queue of links to open */
	bool opening;			/* holds one of ctld's opening slots */
	uint32_t dead_peer_events, looped_events;
};

enum { PLINK_PID_IFNAME = 1, PLINK_PID_LINKNAME = 2 };

struct plink *plink_new(struct plink_owner *o, const struct link_conf *conf,
			char *err, size_t errlen);
/*
 * The same on a tty already open (plink_tty_open()), which stays the
 * caller's to close; no lock is taken.
 */
struct plink *plink_new_on(struct plink_owner *o, const struct link_conf *conf,
			   int fd, char *err, size_t errlen);
/* Open @conf's tty and set it up (raw, speed, flow control): fd or -1. */
int plink_tty_open(const struct link_conf *conf, char *err, size_t errlen);
void plink_free(struct plink *l);
/* Administrative Open: start negotiating. */
void plink_open(struct plink *l);
/* Administrative Close: terminate (TERMREQ) and delete when finished. */
void plink_close(struct plink *l, const char *why);
/* A control frame from the kernel for this link. */
void plink_input(struct plink *l, uint16_t proto, const uint8_t *pkt,
		 size_t len);
/* A link event from the kernel (enum pppk_event). */
void plink_event(struct plink *l, unsigned int event);
/* The kernel refused a request sent for @l without waiting: log it. */
struct kern_refusal;
void plink_refused(struct plink *l, const struct kern_refusal *r);

#endif
