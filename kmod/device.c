// SPDX-License-Identifier: GPL-2.0
/*
 * Links and their net_devices: creation, the three ways a link ends
 * (deleted by command, its tty gone, its namespace or the module going
 * away), and the net_device operations.
 *
 * Teardown order matters: the tty is detached first (no more frames in or
 * out, no more timers), then the net_device is unregistered, which frees
 * the link with it (needs_free_netdev).  Whoever takes a link off
 * pppk_links with pppk_link_claim() owns that teardown; everybody else
 * backs off.  Claimed links not yet unregistered are counted in
 * pppk_deleting: a namespace going away waits for them, or the core's own
 * device cleanup would unregister (and free) one under its deleter.
 */

#include <linux/if_arp.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <net/netns/generic.h>

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
static atomic_t pppk_deleting = ATOMIC_INIT(0);
static DECLARE_WAIT_QUEUE_HEAD(pppk_deleting_wq);

bool pppk_link_claim_locked(struct pppk_link *link)
{
	lockdep_assert_held(&pppk_links_lock);
	if (list_empty(&link->list))
		return false;
	list_del_init(&link->list);
	atomic_inc(&pppk_deleting);
	return true;
}

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
	dev->max_mtu = PPPK_MAX_FRAME - 2;
	pppk_netdev_set_netns_immutable(dev);
	dev->needs_free_netdev = true;
}

static void pppk_link_free(struct net_device *dev)
{
	struct pppk_link *link = pppk_link_from_dev(dev);

	pppk_timers_uninit(link);
	pppk_receive_uninit(link);
	pppk_send_uninit(link);
}

static void pppk_destroy_work(struct work_struct *work)
{
	struct pppk_link *link = container_of(work, struct pppk_link,
					      destroy_work);

	if (pppk_link_claim(link))
		pppk_link_delete(link, PPPK_EVENT_HANGUP);
}

struct pppk_link *pppk_link_create(struct net *net, struct file *file,
				   struct tty_struct *tty,
				   const char *ifname, u32 portid,
				   struct netlink_ext_ack *extack)
{
	struct net_device *dev;
	struct pppk_link *link;
	int ret;

	dev = alloc_netdev(sizeof(*link), ifname ? ifname : "pppk%d",
			   ifname ? NET_NAME_USER : NET_NAME_ENUM, pppk_setup);
	if (!dev)
		return ERR_PTR(-ENOMEM);
	dev_net_set(dev, net);
	link = pppk_link_from_dev(dev);
	link->dev = dev;
	INIT_LIST_HEAD(&link->list);
	spin_lock_init(&link->cfg_lock);
	write_pnet(&link->net, net);
	link->controller = portid;
	strscpy(link->tty_name, tty_name(tty), sizeof(link->tty_name));
	INIT_WORK(&link->destroy_work, pppk_destroy_work);
	init_completion(&link->ldisc_closed);

	ret = pppk_send_init(link);
	if (ret)
		goto err_free_netdev;
	ret = pppk_receive_init(link);
	if (ret)
		goto err_send;
	pppk_timers_init(link);

	ret = register_netdev(dev);
	if (ret) {
		NL_SET_ERR_MSG(extack, "cannot register the net_device (name in use?)");
		goto err_receive;
	}

	/* From here on unregistering frees the link's buffers too. */
	dev->priv_destructor = pppk_link_free;

	/*
	 * Once attached, a hang-up can delete the link at any time: the
	 * caller's reference keeps the memory until it is done.
	 */
	dev_hold(dev);
	mutex_lock(&pppk_links_lock);
	list_add_tail(&link->list, &pppk_links);
	mutex_unlock(&pppk_links_lock);

	ret = pppk_ldisc_attach(link, file, tty_kref_get(tty));
	if (ret) {
		NL_SET_ERR_MSG(extack, "cannot attach the pppk line discipline to the tty");
		dev_put(dev);
		if (pppk_link_claim(link))
			pppk_link_delete(link, PPPK_EVENT_UNSPEC);
		return ERR_PTR(ret);
	}
	if (rcu_access_pointer(link->tty))
		netif_carrier_on(dev);
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

bool pppk_link_claim(struct pppk_link *link)
{
	bool mine;

	mutex_lock(&pppk_links_lock);
	mine = pppk_link_claim_locked(link);
	mutex_unlock(&pppk_links_lock);
	return mine;
}

void pppk_link_delete(struct pppk_link *link, enum pppk_event why)
{
	struct net_device *dev = link->dev;

	pppk_ldisc_detach(link);
	/* The tty is gone: a hang-up may have queued destroy_work meanwhile. */
	if (current_work() != &link->destroy_work)
		cancel_work_sync(&link->destroy_work);
	if (why != PPPK_EVENT_UNSPEC)
		pppk_nl_event(link, why, GFP_KERNEL);
	/* Frees the link: pppk_link_free(), then free_netdev(). */
	unregister_netdev(dev);
	if (atomic_dec_and_test(&pppk_deleting))
		wake_up_all(&pppk_deleting_wq);
}

void pppk_link_tty_gone(struct pppk_link *link)
{
	netif_carrier_off(link->dev);
	queue_work(pppk_wq, &link->destroy_work);
}

void pppk_link_apply_mtu(struct pppk_link *link)
{
	u16 mru;

	spin_lock_bh(&link->cfg_lock);
	mru = link->tx_cfg.mru;
	spin_unlock_bh(&link->cfg_lock);
	rtnl_lock();
	if (mru && link->dev->mtu != mru)
		dev_set_mtu(link->dev, mru);
	rtnl_unlock();
}

/* Delete every link of @net (or of every namespace when NULL). */
static void pppk_links_delete_net(struct net *net)
{
	struct pppk_link *link;

	for (;;) {
		mutex_lock(&pppk_links_lock);
		list_for_each_entry(link, &pppk_links, list)
			if (!net || net_eq(dev_net(link->dev), net))
				goto found;
		mutex_unlock(&pppk_links_lock);
		return;
found:
		pppk_link_claim_locked(link);
		mutex_unlock(&pppk_links_lock);
		pppk_link_delete(link, PPPK_EVENT_DELETED);
	}
}

static void __net_exit pppk_net_exit(struct net *net)
{
	pppk_links_delete_net(net);
	/*
	 * Links claimed by a hang-up's destroy_work (or by rmmod) are off the
	 * list but still registered here: let their deleters finish before
	 * the core unregisters what is left of this namespace.
	 */
	wait_event(pppk_deleting_wq, !atomic_read(&pppk_deleting));
}

static struct pernet_operations pppk_net_ops = {
	.exit = pppk_net_exit,
};

int __init pppk_device_init(void)
{
	int ret;

	pppk_wq = alloc_workqueue("pppk", WQ_UNBOUND | WQ_MEM_RECLAIM, 0);
	if (!pppk_wq)
		return -ENOMEM;
	ret = register_pernet_device(&pppk_net_ops);
	if (ret)
		goto err_pernet;
	return 0;

err_pernet:
	destroy_workqueue(pppk_wq);
	return ret;
}

void pppk_device_uninit(void)
{
	pppk_links_delete_net(NULL);
	unregister_pernet_device(&pppk_net_ops);
	destroy_workqueue(pppk_wq);
}
