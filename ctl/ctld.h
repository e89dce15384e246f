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

#include "kern.h"
#include "loop.h"

#define CTLD_HASH	4096

struct plink;

struct ctld {
	struct loop loop;
	struct kern kern;
	struct plink *links;
	struct plink *hash[CTLD_HASH];
	unsigned int nlinks;
	bool exit_when_empty;	/* foreground: stop once every link ended */
	bool stopping;		/* a signal asked every link to terminate */
	int rc;			/* exit status: 0, or 1 when a link failed */
	int sigfd;
	struct loop_fd sig;
	struct loop_timer stop_timer;
};

int ctld_init(struct ctld *d);
void ctld_fini(struct ctld *d);
/* Register a link that plink_new() created. */
void ctld_add(struct ctld *d, struct plink *l);
/* The link ended: unhook and free it; may end the loop. */
void ctld_remove(struct ctld *d, struct plink *l);
int ctld_run(struct ctld *d);

#endif
