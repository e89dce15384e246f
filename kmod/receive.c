// SPDX-License-Identifier: GPL-2.0
/*
 * Receive: octets from the tty are unframed into an skb, then each good
 * frame is demultiplexed.  IPv4 and IPv6 go to the net_device
 * while their NCP is up, LCP echo traffic is handled here, everything else
 * goes up to the controller.  The tty layer never runs receive_buf() for
 * one tty twice at once, nor together with close(), so nothing here locks
 * but to read what the controller set.
 */

#include <linux/crc32.h>
#include <linux/if_ether.h>
#include <linux/slab.h>

#include "compat.h"
#include "netlink.h"
#include "receive.h"
#include "send.h"

static size_t pppk_rx_size(u32 mru)
{
	return pppk_hdlc_rx_buf_size(max_t(u32, mru, PPPK_DEFAULT_MRU));
}

/*
 * Frames are unescaped straight into an skb, which IPv4 and IPv6 frames of
 * more than this many octets take up the stack as it is; shorter ones are
 * copied into an skb of their size, as drivers do below a copybreak.
 */
#define PPPK_RX_COPYBREAK	256

/* Give the decoder an skb to unescape into; without one frames are lost. */
static void pppk_rx_arm(struct pppk_link *link)
{
	struct sk_buff *skb;

	if (link->rx_skb)
		return;
	skb = __netdev_alloc_skb(link->dev, link->rx_size,
				 GFP_ATOMIC | __GFP_NOWARN);
	if (!skb)
		return;		/* the decoder counts no_buffer */
	link->rx_skb = skb;
	pppk_hdlc_rx_set_buf(&link->hdlc_rx, skb->data, link->rx_size);
}

/* Take the skb back from the decoder; a frame under way in it is lost. */
static void pppk_rx_disarm(struct pppk_link *link)
{
	if (!link->rx_skb)
		return;
	pppk_hdlc_rx_set_buf(&link->hdlc_rx, NULL, 0);
	consume_skb(link->rx_skb);
	link->rx_skb = NULL;
}

/* Apply receive options the controller changed since the last call. */
static void pppk_rx_sync_config(struct pppk_link *link)
{
	u32 accm, mru;
	bool fcs32;
	size_t size;

	if (!test_and_clear_bit(PPPK_XMIT_RX_CONFIG, &link->xmit_flags))
		return;
	spin_lock_bh(&link->cfg_lock);
	accm = link->rx_cfg.accm;
	mru = link->rx_cfg.mru;
	fcs32 = link->rx_cfg.fcs32;
	spin_unlock_bh(&link->cfg_lock);

	size = pppk_rx_size(mru);
	if (size > link->rx_size) {
		/* A frame in progress is lost; the peer resends. */
		pppk_rx_disarm(link);
		link->rx_size = size;
	}
	pppk_hdlc_rx_config(&link->hdlc_rx, accm,
			    max_t(u32, mru, PPPK_DEFAULT_MRU), fcs32);
}

static void pppk_rx_ip(struct pppk_link *link, __be16 protocol, bool up,
		       const struct pppk_hdlc_frame *f)
{
	struct net_device *dev = link->dev;
	struct sk_buff *skb;

	if (!up) {
		pppk_stat_inc(&link->stats.rx_syncp, &link->stats.rx_ncp_down);
		dev_core_stats_rx_dropped_inc(dev);
		return;
	}
	if (f->len >= PPPK_RX_COPYBREAK && link->rx_skb &&
	    link->rx_skb->data == f->buf) {
		skb = link->rx_skb;
		link->rx_skb = NULL;
		skb_reserve(skb, f->offset);
		skb_put(skb, f->len);
	} else {
		skb = netdev_alloc_skb(dev, f->len);
		if (!skb) {
			dev_core_stats_rx_dropped_inc(dev);
			return;
		}
		skb_put_data(skb, f->data, f->len);
	}
	skb->protocol = protocol;
	skb_reset_mac_header(skb);
	skb_reset_network_header(skb);
	list_add_tail(&skb->list, &link->rx_batch);
}

/*
 * Hand the IP packets of one receive_buf() to the stack together, as tun
 * does: one softirq-disabled section and one pass through the list
 * receive path instead of a backlog round trip per packet.
 */
static void pppk_rx_deliver(struct pppk_link *link)
{
	if (list_empty(&link->rx_batch))
		return;
	local_bh_disable();
	netif_receive_skb_list(&link->rx_batch);
	local_bh_enable();
	INIT_LIST_HEAD(&link->rx_batch);
}

/*
 * The peer acked a Configure-Request: from its next frame on it escapes
 * only what our ACCM asked, before our controller has even seen the Ack.
 * If the controller armed receive options for this very request (same
 * identifier, same options as the request the link sent), take them now,
 * or the first frames after the Ack (CHAP's Challenge, typically) would
 * lose their control octets.  Any other Ack changes nothing: the policy
 * of what to take stays with the controller.
 */
static void pppk_rx_confack(struct pppk_link *link, const u8 *data, u16 plen)
{
	struct pppk_rx_pending *p = &link->rx_pending;
	const struct pppk_lcp_req *req = &link->lcp_req;
	u32 crc = crc32_le(~0, data + 4, plen - 4);
	bool take;

	spin_lock_bh(&link->cfg_lock);
	take = p->armed && p->id == data[1] && req->valid &&
	       req->id == data[1] && req->len == plen - 4 && req->crc == crc;
	if (take) {
		if (p->mask & BIT(PPPK_A_CFG_ACCM))
			link->rx_cfg.accm = p->cfg.accm;
		if (p->mask & BIT(PPPK_A_CFG_FCS32))
			link->rx_cfg.fcs32 = p->cfg.fcs32;
		if (p->mask & BIT(PPPK_A_CFG_MRU))
			link->rx_cfg.mru = p->cfg.mru;
		p->armed = false;
	}
	spin_unlock_bh(&link->cfg_lock);
	if (take)
		set_bit(PPPK_XMIT_RX_CONFIG, &link->xmit_flags);
}

/* LCP packets the kernel answers itself; false: give to the controller. */
static bool pppk_rx_lcp(struct pppk_link *link, const u8 *data, size_t len)
{
	u32 magic, ours;
	u16 plen;
	u8 *reply;
	bool open;

	if (len < 4)
		return false;
	plen = get_unaligned_be16(data + 2);
	if (plen < 4 || plen > len)
		return false;	/* malformed: the controller counts it */

	spin_lock_bh(&link->cfg_lock);
	open = link->lcp_open;
	ours = link->magic_local;
	spin_unlock_bh(&link->cfg_lock);

	switch (data[0]) {
	case PPPK_LCP_ECHO_REQ:
		if (!open || plen < 8)
			return true;	/* RFC 1661 5.8: only when Opened */
		magic = get_unaligned_be32(data + 4);
		if (ours && magic == ours)
			pppk_nl_event(link, PPPK_EVENT_LOOPED, GFP_ATOMIC);
		/* The reply is no longer than the peer's MRU. */
		plen = min_t(u16, plen, READ_ONCE(link->tx_cfg.mru));
		reply = kmemdup(data, plen, GFP_ATOMIC);
		if (!reply)
			return true;
		reply[0] = PPPK_LCP_ECHO_REP;
		put_unaligned_be16(plen, reply + 2);
		put_unaligned_be32(ours, reply + 4);
		if (!pppk_send_ctrl_buf(link, PPPK_PROTO_LCP, reply, plen))
			pppk_stat_inc(&link->stats.rx_syncp,
				      &link->stats.echo_req_answered);
		kfree(reply);
		return true;
	case PPPK_LCP_ECHO_REP:
		if (plen < 8)
			return true;
		magic = get_unaligned_be32(data + 4);
		if (ours && magic == ours) {
			pppk_nl_event(link, PPPK_EVENT_LOOPED, GFP_ATOMIC);
			return true;
		}
		pppk_stat_inc(&link->stats.rx_syncp, &link->stats.echo_rep_rcvd);
		atomic_set(&link->echo_missed, 0);
		return true;
	case PPPK_LCP_DISCARD_REQ:
		pppk_stat_inc(&link->stats.rx_syncp, &link->stats.rx_discard);
		return true;
	case PPPK_LCP_CONFACK:
		pppk_rx_confack(link, data, plen);
		break;
	}
	return false;
}

static void pppk_rx_frame(struct pppk_link *link,
			  const struct pppk_hdlc_frame *f)
{
	struct net_device *dev = link->dev;

	dev->stats.rx_packets++;
	dev->stats.rx_bytes += f->len;
	if (READ_ONCE(link->echo_adaptive))
		atomic_set(&link->echo_missed, 0);

	switch (f->proto) {
	case PPPK_PROTO_IP:
		pppk_rx_ip(link, htons(ETH_P_IP), READ_ONCE(link->ipv4_up), f);
		return;
	case PPPK_PROTO_IPV6:
		pppk_rx_ip(link, htons(ETH_P_IPV6), READ_ONCE(link->ipv6_up),
			   f);
		return;
	case PPPK_PROTO_LCP:
		if (pppk_rx_lcp(link, f->data, f->len))
			return;
		break;
	}
	pppk_nl_frame_up(link, f->proto, f->data, f->len);
}

static void pppk_rx_octets(struct pppk_link *link, const u8 *p,
			   const u8 *end)
{
	struct pppk_hdlc_frame f;

	while (p < end) {
		pppk_rx_arm(link);
		if (!pppk_hdlc_decode(&link->hdlc_rx, &p, end, &f))
			break;
		pppk_rx_frame(link, &f);
		/* A frame may change the options for the very next one. */
		pppk_rx_sync_config(link);
		/* The skb is still ours unless the frame went up in it. */
		if (link->rx_skb)
			pppk_hdlc_rx_set_buf(&link->hdlc_rx, link->rx_skb->data,
					     link->rx_size);
	}
}

/*
 * At the end of the input, between frames (nothing unescaped yet), the skb
 * goes back: an idle link holds no receive memory.
 */
static void pppk_rx_idle(struct pppk_link *link)
{
	if (!link->hdlc_rx.len)
		pppk_rx_disarm(link);
}

void pppk_receive(struct pppk_link *link, const u8 *cp, const u8 *fp,
		  size_t count)
{
	static const u8 abort_seq[2] = { PPPK_HDLC_ESC, PPPK_HDLC_FLAG };
	const u8 *end = cp + count;
	size_t i = 0;

	pppk_rx_sync_config(link);
	/*
	 * An octet the driver flagged (parity, framing, overrun) spoils the
	 * frame it falls in: abort that frame and drop the octet.
	 */
	while (fp && i < count) {
		if (fp[i] == TTY_NORMAL) {
			i++;
			continue;
		}
		pppk_rx_octets(link, cp, cp + i);
		pppk_rx_octets(link, abort_seq, abort_seq + 2);
		link->dev->stats.rx_errors++;
		count -= i + 1;
		cp += i + 1;
		fp += i + 1;
		i = 0;
	}
	pppk_rx_octets(link, cp, end);
	pppk_rx_idle(link);
	pppk_rx_deliver(link);
}

int pppk_receive_init(struct pppk_link *link)
{
	link->rx_size = pppk_rx_size(PPPK_DEFAULT_MRU);
	INIT_LIST_HEAD(&link->rx_batch);
	link->rx_cfg.accm = PPPK_HDLC_DEFAULT_ACCM;
	link->rx_cfg.mru = PPPK_DEFAULT_MRU;
	pppk_hdlc_rx_init(&link->hdlc_rx, PPPK_DEFAULT_MRU);
	return 0;
}

void pppk_receive_uninit(struct pppk_link *link)
{
	pppk_rx_disarm(link);
}
