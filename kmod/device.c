// SPDX-License-Identifier: GPL-2.0
/*
 * Links and their net_devices: creation, the ways a link ends, and the
 * net_device operations.  Links are an rtnetlink link kind, "pppk".
 *
 * Every deletion runs under RTNL through pppk_dellink(), whoever asks:
 * PPPK_CMD_LINK_DEL, "ip link del", the namespace going away, rmmod
 * (rtnl_link_unregister()) or the tty going away (the reaper).  The last
 * three delete in batches: one unregister_netdevice_many(), one grace
 * period and one barrier for all the links at hand, not one per link.
 * pppk_dellink() takes the link off pppk_links and off its channel; the
 * net_device's destructor, which runs after the core's grace period and
 * once every reference is gone, frees the link's buffers and gives back
 * its tty, channel and file.
 *
 * pppk_links lists the links commands may act on; a command holding
 * pppk_links_lock and finding a link listed may use it until it unlocks.
 * Lock order: RTNL, then pppk_links_lock; nothing takes RTNL under it.
 */

#include <linux/if_arp.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <net/rtnetlink.h>

#include "compat.h"
#include "device.h"
#include "ldisc.h"
#include "netlink.h"
#include "receive.h"
#include "send.h"
#include "timers.h"

/* Guards pppk_links and every link's membership in it. */
DEFINE_MUTEX(pppk_links_lock);
LIST_HEAD(pppk_links);
struct workqueue_struct *pppk_wq;

/*
 * Links whose tty went away, waiting for the reaper.  A link on this list
 * is registered and has not been through pppk_dellink() (which takes it
 * off, under RTNL, as the reaper runs).
 */
static LIST_HEAD(pppk_dead);
static DEFINE_SPINLOCK(pppk_dead_lock);
static void pppk_reap(struct work_struct *work);
static DECLARE_WORK(pppk_reap_work, pppk_reap);

static struct rtnl_link_ops pppk_link_ops;

static void pppk_get_stats64(struct net_device *dev,
			     struct rtnl_link_stats64 *s)
{
	struct pppk_link *link = pppk_link_from_dev(dev);
	const struct pppk_hdlc_rx_stats *h = &link->hdlc_rx.stats;

	netdev_stats_to_stats64(s, &dev->stats);
	s->rx_crc_errors = READ_ONCE(h->bad_fcs);
	s->rx_frame_errors = READ_ONCE(h->aborts) + READ_ONCE(h->bad_header);
	s->rx_length_errors = READ_ONCE(h->runts) + READ_ONCE(h->oversize);
	s->rx_over_errors = READ_ONCE(h->no_buffer);
	s->rx_errors = s->rx_crc_errors + s->rx_frame_errors +
		       s->rx_length_errors + s->rx_over_errors;
}

static const struct net_device_ops pppk_netdev_ops = {
	.ndo_start_xmit		= pppk_xmit,
	.ndo_get_stats64	= pppk_get_stats64,
};

static void pppk_setup(struct net_device *dev)
{
	dev->netdev_ops = &pppk_netdev_ops;
	dev->type = ARPHRD_PPP;
	dev->flags = IFF_POINTOPOINT | IFF_NOARP | IFF_MULTICAST;
	dev->hard_header_len = 0;
	dev->addr_len = 0;
	dev->tx_queue_len = 3;
	dev->mtu = PPPK_DEFAULT_MRU;
	dev->min_mtu = 64;
	dev->max_mtu = PPPK_MAX_MRU;
	pppk_netdev_set_netns_immutable(dev);
	dev->needs_free_netdev = true;
}

/* The net_device's destructor: after the grace period, no reference left. */
static void pppk_link_free(struct net_device *dev)
{
	struct pppk_link *link = pppk_link_from_dev(dev);

	pppk_timers_uninit(link);
	pppk_send_uninit(link);
	pppk_receive_uninit(link);
	pppk_chan_release(link);
}

/*
 * Take @dev's link off everything that reaches it and queue the net_device
 * on @head for unregistering.  Under RTNL, once per link.
 */
static void pppk_dellink(struct net_device *dev, struct list_head *head)
{
	struct pppk_link *link = pppk_link_from_dev(dev);
	bool hung_up;

	ASSERT_RTNL();
	if (link->deleting)
		return;
	link->deleting = true;
	mutex_lock(&pppk_links_lock);
	list_del_init(&link->list);
	mutex_unlock(&pppk_links_lock);
	spin_lock_bh(&link->cfg_lock);
	pppk_nl_set_controller(link, 0);
	spin_unlock_bh(&link->cfg_lock);

	hung_up = pppk_chan_unbind(link);
	spin_lock_bh(&pppk_dead_lock);
	list_del_init(&link->dead);
	spin_unlock_bh(&pppk_dead_lock);

	netif_carrier_off(dev);
	pppk_nl_event(link, hung_up ? PPPK_EVENT_HANGUP : PPPK_EVENT_DELETED,
		      GFP_KERNEL);
	unregister_netdevice_queue(dev, head);
}

static struct rtnl_link_ops pppk_link_ops = {
	.kind		= "pppk",
	.priv_size	= sizeof(struct pppk_link),
	/* No .setup: "ip link add type pppk" is refused; LINK_NEW creates. */
	.dellink	= pppk_dellink,
};

/* Delete every link whose tty went away since the last round, at once. */
static void pppk_reap(struct work_struct *work)
{
	struct pppk_link *link;
	LIST_HEAD(kill);

	rtnl_lock();
	for (;;) {
		spin_lock_bh(&pppk_dead_lock);
		link = list_first_entry_or_null(&pppk_dead, struct pppk_link,
						dead);
		spin_unlock_bh(&pppk_dead_lock);
		if (!link)
			break;
		pppk_dellink(link->dev, &kill);
	}
	unregister_netdevice_many(&kill);
	rtnl_unlock();
}

struct pppk_link *pppk_link_create(struct net *net, struct pppk_chan *chan,
				   struct file *file, const char *ifname,
				   u32 portid, struct netlink_ext_ack *extack)
{
	struct net_device *dev;
	struct pppk_link *link;
	int ret;

	dev = alloc_netdev(sizeof(*link), ifname ? ifname : "pppk%d",
			   ifname ? NET_NAME_USER : NET_NAME_ENUM, pppk_setup);
	if (!dev)
		return ERR_PTR(-ENOMEM);
	dev_net_set(dev, net);
	dev->rtnl_link_ops = &pppk_link_ops;
	link = pppk_link_from_dev(dev);
	link->dev = dev;
	INIT_LIST_HEAD(&link->list);
	INIT_LIST_HEAD(&link->dead);
	spin_lock_init(&link->cfg_lock);
	write_pnet(&link->net, net);
	init_completion(&link->tty_done);
	u64_stats_init(&link->stats.rx_syncp);
	u64_stats_init(&link->stats.tx_syncp);

	ret = pppk_send_init(link);
	if (ret)
		goto err_free_netdev;
	ret = pppk_receive_init(link);
	if (ret)
		goto err_send;
	pppk_timers_init(link);

	rtnl_lock();
	ret = register_netdevice(dev);
	if (ret) {
		rtnl_unlock();
		NL_SET_ERR_MSG(extack, "cannot register the net_device (name in use?)");
		goto err_receive;
	}
	/* From here on unregistering frees the link and what it holds. */
	dev->priv_destructor = pppk_link_free;

	ret = pppk_chan_bind(chan, link, file);
	if (ret) {
		if (ret == -EBUSY)
			NL_SET_ERR_MSG(extack, "the tty carries a link already");
		else
			NL_SET_ERR_MSG(extack, "the tty has gone away");
		unregister_netdevice(dev);
		rtnl_unlock();
		return ERR_PTR(ret);
	}
	spin_lock_bh(&link->cfg_lock);
	pppk_nl_set_controller(link, portid);
	spin_unlock_bh(&link->cfg_lock);
	mutex_lock(&pppk_links_lock);
	list_add_tail(&link->list, &pppk_links);
	mutex_unlock(&pppk_links_lock);
	netif_carrier_on(dev);
	/*
	 * The tty may go away as soon as it is bound; the reaper deletes the
	 * link then, which waits for this reference.
	 */
	dev_hold(dev);
	rtnl_unlock();
	pppk_nl_event(link, PPPK_EVENT_CREATED, GFP_KERNEL);
	return link;

err_receive:
	pppk_receive_uninit(link);
err_send:
	pppk_send_uninit(link);
err_free_netdev:
	free_netdev(dev);
	return ERR_PTR(ret);
}

bool pppk_dev_is_link(const struct net_device *dev)
{
	return dev->netdev_ops == &pppk_netdev_ops;
}

void pppk_links_delete(struct net_device **devs, unsigned int n)
{
	LIST_HEAD(kill);
	unsigned int i;

	rtnl_lock();
	for (i = 0; i < n; i++)
		if (devs[i]->reg_state == NETREG_REGISTERED)
			pppk_dellink(devs[i], &kill);
	unregister_netdevice_many(&kill);
	/* Before unlocking: that waits for every reference to go. */
	for (i = 0; i < n; i++)
		dev_put(devs[i]);
	rtnl_unlock();
}

void pppk_link_tty_gone(struct pppk_link *link)
{
	netif_carrier_off(link->dev);
	spin_lock_bh(&pppk_dead_lock);
	list_add_tail(&link->dead, &pppk_dead);
	spin_unlock_bh(&pppk_dead_lock);
	queue_work(pppk_wq, &pppk_reap_work);
}

int pppk_link_apply_mtu(struct net_device *dev, struct netlink_ext_ack *extack)
{
	struct pppk_link *link = pppk_link_from_dev(dev);
	int ret = 0;
	u16 mru;

	spin_lock_bh(&link->cfg_lock);
	mru = link->tx_cfg.mru;
	spin_unlock_bh(&link->cfg_lock);
	rtnl_lock();
	if (mru && dev->reg_state == NETREG_REGISTERED && dev->mtu != mru) {
		ret = dev_set_mtu(dev, mru);
		if (ret)
			NL_SET_ERR_MSG(extack, "cannot set the net_device's MTU to the peer's MRU");
	}
	dev_put(dev);
	rtnl_unlock();
	return ret;
}

int __init pppk_device_init(void)
{
	int ret;

	pppk_wq = alloc_workqueue("pppk", WQ_UNBOUND | WQ_MEM_RECLAIM, 0);
	if (!pppk_wq)
		return -ENOMEM;
	ret = rtnl_link_register(&pppk_link_ops);
	if (ret)
		goto err_link_ops;
	return 0;

err_link_ops:
	destroy_workqueue(pppk_wq);
	return ret;
}

void pppk_device_uninit(void)
{
	/* Every link, in one batch per namespace. */
	rtnl_link_unregister(&pppk_link_ops);
	/* A reaper queued meanwhile finds nothing left; let it finish. */
	destroy_workqueue(pppk_wq);
}
