/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _PPPK_LDISC_H
#define _PPPK_LDISC_H

#include <linux/tty.h>

#include "link.h"

/*
 * Out of tree the line discipline takes N_DEVELOPMENT, the number the kernel
 * sets aside for such work; an in-tree build would be given its own.
 */
#define N_PPPK N_DEVELOPMENT

/*
 * The tty behind an open file, with a reference, or an ERR_PTR when the
 * file is not a tty.
 */
struct tty_struct *pppk_tty_from_file(struct file *file);
/*
 * Attach the pppk discipline to @tty for @link; consumes the tty reference.
 * On success the link keeps a reference to @file, so the tty stays open
 * after the caller closes its descriptor, until the link is deleted.  The
 * tty may hang up at any moment after open(): the caller holds a reference
 * to the net_device across this call, so the link it points to outlives a
 * destroy_work that deletes it meanwhile.
 */
int pppk_ldisc_attach(struct pppk_link *link, struct file *file,
		      struct tty_struct *tty);
/*
 * Put the tty back to N_TTY and let go of the file; returns once the
 * discipline's close() is done with the link, whoever ran it.
 */
void pppk_ldisc_detach(struct pppk_link *link);

int pppk_ldisc_init(void);
void pppk_ldisc_uninit(void);

#endif /* _PPPK_LDISC_H */
