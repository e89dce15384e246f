/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The tty's life around its links, as pppd leads it: take the UUCP lock,
 * open the line, run the init and connect scripts on it (chat, with the
 * tty as stdin and stdout), wait connect-delay for the peer, hand the line
 * to a new kernel link, and when that link ends run the disconnect script,
 * hang the line up (closing it drops DTR) and, with persist, begin again
 * after holdoff until maxfail attempts in a row have failed.
 *
 * A line without scripts or persist goes straight to its link, at once:
 * ten thousand links given as fd:N cost nothing here.  Scripts never block
 * the controller's loop: each is a child watched through a pidfd.
 */
#ifndef PPPCTL_DIAL_H
#define PPPCTL_DIAL_H

#include <stdbool.h>
#include <sys/types.h>

#include "conf.h"
#include "loop.h"

struct plink;
struct plink_owner;

enum dial_state {
	DIAL_IDLE,		/* not started, or between attempts (holdoff) */
	DIAL_INIT,		/* the init script runs */
	DIAL_CONNECT,		/* the connect script runs */
	DIAL_DELAY,		/* connect-delay: the link waits for the peer */
	DIAL_LINK,		/* the link negotiates or is up */
	DIAL_DISCONNECT,	/* the disconnect script runs */
	DIAL_DONE,		/* over for good */
};

struct dial {
	struct dial *next;		/* the owner's list */
	struct plink_owner *owner;
	const struct link_conf *conf;
	enum dial_state state;
	struct plink *link;		/* DIAL_DELAY, DIAL_LINK */
	int fd;				/* our descriptor of the tty, or -1 */
	char lockpath[256];		/* our UUCP lock, held across attempts */
	pid_t pid;			/* the script running, or 0 */
	struct loop_fd child;		/* its pidfd */
	struct loop_timer timer;	/* holdoff, connect-delay */
	unsigned int attempts;		/* connections begun */
	unsigned int fails;		/* failed in a row (maxfail) */
	bool straight;			/* no steps: the link made at start */
	bool quitting;			/* the controller exits: no scripts */
	bool stop;			/* no more attempts */
	bool failed;			/* the last attempt failed */
	bool idled;			/* ... or was idle: no holdoff (pppd) */
	bool ifname_known;		/* ifname below is our last link's */
	char ifname[16];
};

/*
 * Begin: at once when @d has neither scripts nor persist (its link exists
 * when this returns 0, d->straight, and is the caller's to open: the
 * caller creates every link before it opens any); otherwise the first
 * step is under way.  0, or -1
 * with @err set when the first step failed (nothing is left running).
 */
int dial_start(struct dial *d, struct plink_owner *o,
	       const struct link_conf *conf, char *err, size_t errlen);
/* @d's link ended (before it is freed): disconnect, hang up, maybe again. */
void dial_link_ended(struct dial *d, struct plink *l);
/* A frame came in while the link waited connect-delay: open it now. */
void dial_peer_spoke(struct dial *d);
/* No more attempts (a signal): a script running is ended, holdoff cut. */
void dial_stop(struct dial *d);
/* Over for good: neither running nor going to. */
bool dial_done(const struct dial *d);
/* Let go of everything (the controller exits). */
void dial_free(struct dial *d);

#endif
