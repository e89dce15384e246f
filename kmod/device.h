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

struct pppk_chan;

/*
 * A new link on @chan, with a reference to its net_device for the caller
 * to put (pppk_link_delete() puts it too).
 */
struct pppk_link *pppk_link_create(struct net *net, struct pppk_chan *chan,
				   struct file *file, const char *ifname,
				   u32 portid, struct netlink_ext_ack *extack);
/* True for a pppk link's net_device. */
bool pppk_dev_is_link(const struct net_device *dev);
/*
 * Delete the links of @devs (pppk net_devices the caller holds a reference
 * to, each put here) in one batch, skipping any somebody else is deleting
 * already; returns once they are gone.
 */
void pppk_links_delete(struct net_device **devs, unsigned int n);
/* The discipline's close() took the link off its tty: delete it soon. */
void pppk_link_tty_gone(struct pppk_link *link);
/*
 * Set the net_device's MTU to the peer's MRU and put the caller's reference
 * to @dev; called with no lock held.
 */
int pppk_link_apply_mtu(struct net_device *dev, struct netlink_ext_ack *extack);

int pppk_device_init(void);
void pppk_device_uninit(void);

#endif /* _PPPK_DEVICE_H */
