/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _PPPK_SEND_H
#define _PPPK_SEND_H

#include <linux/netdevice.h>

#include "link.h"

int pppk_send_init(struct pppk_link *link);
void pppk_send_uninit(struct pppk_link *link);
/* The tty is gone: no more pushes, queues purged. */
void pppk_send_stop(struct pppk_link *link);

netdev_tx_t pppk_xmit(struct sk_buff *skb, struct net_device *dev);
/* Queue a control frame (LCP, auth, NCP...) and push.  Consumes @skb. */
int pppk_send_ctrl(struct pppk_link *link, u16 proto, struct sk_buff *skb);
/* A control frame from a buffer; GFP_ATOMIC. */
int pppk_send_ctrl_buf(struct pppk_link *link, u16 proto, const u8 *data,
		       size_t len);
/* The tty has room again. */
void pppk_send_wakeup(struct pppk_link *link);
/* The controller changed the transmit options. */
void pppk_send_config_changed(struct pppk_link *link);

#endif /* _PPPK_SEND_H */
