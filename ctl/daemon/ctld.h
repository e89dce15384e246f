/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The controller process: one event loop, one netlink socket, any number of
 * links.  Frames and events from the kernel are routed to their link by
 * interface index through a small hash table.
 */
#ifndef PPPCTL_CTLD_H
#define PPPCTL_CTLD_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "dial.h"
#include "kern.h"
#include "loop.h"
#include "plink.h"

#define CTLD_HASH	4096
/*
 * Links negotiating at once.  Opening 10,000 links in one go sends 10,000
 * Configure-Requests a side; when the two controllers and the kernel cannot
 * answer them all within the restart timer (3 s) every link retransmits,
 * which only adds work: nothing ever opens.  So links are opened a window
 * at a time: a link holds its slot until an NCP opens (or LCP when there
 * is none), until it ends, or for at most one restart interval; a link
 * that only listens (silent) takes no slot.
 */
#define CTLD_OPENING	64

/* A debug log file shared by every link that names it. */
struct ctld_log {
	struct ctld_log *next;
	char *path;
	FILE *f;
	unsigned int refs;
};

struct ctld {
	struct loop loop;
	struct kern kern;
	struct plink_owner owner;	/* what our links run on and report to */
	struct plink *links;
	struct plink *hash[CTLD_HASH];
	unsigned int nlinks;
	struct dial *dials;		/* lines dialled with scripts or persist */
	unsigned int ndials;		/* ... not over yet */
	/* updetach: written once every line is up, then closed; or -1 */
	int up_fd;
	unsigned int up_wanted;		/* lines to wait for */
	struct ctld_log *logs;
	struct scripts scripts;		/* ip-up, ip-down, ... running */
	/*
	 * After the kernel dropped messages for us (receive buffer overrun),
	 * one dump of the links tells which of ours are gone or dead.
	 */
	struct loop_timer resync;
	unsigned long resyncs;
	unsigned int resync_waits;
	/* Links waiting for an opening slot, in the order they were given. */
	struct plink *pend_head, **pend_tail;
	unsigned int opening;		/* links holding a slot */
	unsigned int opening_max;	/* CTLD_OPENING */
	struct loop_timer admit;	/* slots freed: open the next links */
	void (*open_link)(struct plink *l);	/* plink_open (tests: their own) */
	bool exit_when_empty;	/* foreground: stop once every link ended */
	bool stopping;		/* a signal asked every link to terminate */
	int rc;			/* exit status: 0, or 1 when a link failed */
	int sigfd;
	struct loop_fd sig;
	struct loop_timer stop_timer;
};

/* How our links report to us (owner.ops). */
extern const struct plink_ops ctld_plink_ops;

int ctld_init(struct ctld *d);
void ctld_fini(struct ctld *d);
/*
 * Start a dialer for @conf (dial.h) and keep it until the controller
 * exits.  0, or -1 with @err when its first step failed.
 */
int ctld_dial(struct ctld *d, struct dial *dl, const struct link_conf *conf,
	      char *err, size_t errlen);
/* detach/updetach: tell the waiting foreground process, drop the terminal. */
void ctld_detached(struct ctld *d);
/* Register a link that plink_new() created. */
void ctld_add(struct ctld *d, struct plink *l);
/* The link ended: unhook and free it; may end the loop. */
void ctld_remove(struct ctld *d, struct plink *l);
/* Administrative Open of @l, now or when a slot is free (CTLD_OPENING). */
void ctld_open(struct ctld *d, struct plink *l);
/* @l no longer needs its slot (up, ended, or slow): let the next one in. */
void ctld_settled(struct ctld *d, struct plink *l);
/* Our link with this interface index, or NULL. */
struct plink *ctld_find(struct ctld *d, uint32_t ifindex);
/*
 * The log file at @path, opened for appending (line-buffered) on first use
 * and shared by every link that names it; NULL with errno on failure.
 */
FILE *ctld_log_open(struct ctld *d, const char *path);
void ctld_log_close(struct ctld *d, FILE *f);
int ctld_run(struct ctld *d);

#endif
