/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _PPPK_DEVICE_H
#define _PPPK_DEVICE_H

#include <linux/netlink.h>
#include <linux/tty.h>
#include <net/net_namespace.h>

#include "link.h"

extern struct mutex pppk_links_lock;
extern struct list_head pppk_links;
extern struct workqueue_struct *pppk_wq;

/* A new link, with a reference to its net_device for the caller to put. */
struct pppk_link *pppk_link_create(struct net *net, struct file *file,
				   struct tty_struct *tty,
				   const char *ifname, u32 portid,
				   struct netlink_ext_ack *extack);
/* True for a pppk link's net_device. */
bool pppk_dev_is_link(const struct net_device *dev);
/*
 * Claim @link for deletion; false if somebody else already has.  A claim
 * must be followed by pppk_link_delete().  _locked: pppk_links_lock held.
 */
bool pppk_link_claim(struct pppk_link *link);
bool pppk_link_claim_locked(struct pppk_link *link);
/* Delete a claimed link: detach the tty, unregister the net_device. */
void pppk_link_delete(struct pppk_link *link, enum pppk_event why);
/* The tty went away under the link (hang-up, close, TIOCSETD). */
void pppk_link_tty_gone(struct pppk_link *link);
void pppk_link_apply_mtu(struct pppk_link *link);

int pppk_device_init(void);
void pppk_device_uninit(void);

#endif /* _PPPK_DEVICE_H */
