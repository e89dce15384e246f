/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _PPPK_LDISC_H
#define _PPPK_LDISC_H

#include <linux/kref.h>
#include <linux/tty.h>
#include <uapi/linux/pppk.h>

#include "link.h"

/*
 * Out of tree the line discipline takes N_DEVELOPMENT, the number the kernel
 * sets aside for such work (PPPK_LDISC in the uapi header); an in-tree build
 * would be given a number of its own next to N_PPP.
 */
#define N_PPPK N_DEVELOPMENT

/*
 * A channel: one tty under the pppk discipline, from the discipline's
 * open() to its close().  It carries at most one link at a time.  Its
 * number (PPPKIOCGCHAN) names it in PPPK_CMD_LINK_NEW.
 */
struct pppk_chan {
	struct kref ref;
	struct tty_struct *tty;		/* valid while the discipline is open */
	u32 index;
	spinlock_t lock;		/* link and closed */
	struct pppk_link __rcu *link;
	bool closed;			/* close() ran: no new link */
};

/*
 * The channel numbered @index, with a reference, if the open @file is a
 * file of its tty; an ERR_PTR otherwise.
 */
struct pppk_chan *pppk_chan_get(u32 index, struct file *file);
void pppk_chan_put(struct pppk_chan *chan);
/*
 * Put @link on @chan: from here on the tty's input reaches the link and the
 * link writes to the tty.  -EBUSY when the channel carries a link already,
 * -ENODEV when its tty is gone.  Takes references to the channel, the tty
 * and @file (which keeps the tty open until the link is deleted).
 */
int pppk_chan_bind(struct pppk_chan *chan, struct pppk_link *link,
		   struct file *file);
/*
 * Take @link off its channel (deletion).  No input reaches it and no
 * transmitter starts a tty write once a grace period has passed; the
 * references go in pppk_chan_release().  True when the discipline's close()
 * had taken the link off already (the tty went away); it then waits for
 * close() to be done with the link (close() needs no lock of ours).
 */
bool pppk_chan_unbind(struct pppk_link *link);
/* After the grace period: give back what pppk_chan_bind() took. */
void pppk_chan_release(struct pppk_link *link);

int pppk_ldisc_init(void);
void pppk_ldisc_uninit(void);

#endif /* _PPPK_LDISC_H */
