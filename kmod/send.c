// SPDX-License-Identifier: GPL-2.0
/*
 * Transmit: frames from the net_device and from the controller are queued,
 * then framed into a batch buffer and written to the tty.  Small frames
 * (keepalives, most control traffic) fit a buffer inside the link; data
 * takes a full-size one, given back a second after data stops, so an idle
 * link holds no transmit memory of its own.
 *
 * Whoever sets PPPK_XMIT_BUSY is the only one touching the batch buffer,
 * the queues' heads and the framing state; a caller that finds it taken
 * sets PPPK_XMIT_AGAIN so the holder goes round once more.  No lock is held
 * across tty writes: a driver may call write_wakeup() from inside its
 * write(), and that only queues tx_work.  The tty pointer is read under
 * RCU; close() clears it and waits for a grace period.
 */

#include <linux/if_ether.h>
#include <linux/skbuff.h>
#include <linux/slab.h>

#include "device.h"
#include "send.h"

#define PPPK_CTRLQ_LEN	64

struct pppk_skb_cb {
	u16 proto;
};

static inline struct pppk_skb_cb *pppk_cb(struct sk_buff *skb)
{
	BUILD_BUG_ON(sizeof(struct pppk_skb_cb) > sizeof(skb->cb));
	return (struct pppk_skb_cb *)skb->cb;
}

/*
 * Frames that may escape to more than the small buffer holds need a
 * full-size batch buffer; false when none can be had now.
 */
static bool pppk_obuf_grow(struct pppk_link *link)
{
	u8 *buf = kmalloc(PPPK_OBUF_SIZE, GFP_ATOMIC);

	if (!buf)
		return false;
	link->obuf = buf;
	link->osize = PPPK_OBUF_SIZE;
	return true;
}

/* Give the batch buffer back once the line drained and data stopped. */
static void pppk_obuf_shrink(struct pppk_link *link)
{
	if (link->obuf == link->obuf_small || link->enc_skb ||
	    time_before(jiffies, link->obuf_needed + PPPK_OBUF_IDLE))
		return;
	kfree(link->obuf);
	link->obuf = link->obuf_small;
	link->osize = PPPK_OBUF_SMALL;
}

/* What pppk_encode() did with a frame. */
enum pppk_enc_res {
	PPPK_ENC_DONE,		/* framed or dropped: free it */
	PPPK_ENC_FULL,		/* no room now: write the batch out first */
	PPPK_ENC_PIECES,	/* kept, to go out in pieces (enc_skb) */
};

static bool pppk_is_data(struct sk_buff *skb)
{
	return pppk_cb(skb)->proto == PPPK_PROTO_IP ||
	       pppk_cb(skb)->proto == PPPK_PROTO_IPV6;
}

/* Count a frame handed to the framer. */
static void pppk_count_tx(struct pppk_link *link, struct sk_buff *skb)
{
	link->dev->stats.tx_packets++;
	link->dev->stats.tx_bytes += skb->len;
	pppk_stat_inc(&link->stats.tx_syncp, &link->stats.tx_frames);
}

/*
 * Byte queue limits: IP frames count as sent when the net_device hands
 * them over and as completed when the batch they were framed into has been
 * written to the tty, so the qdisc (fq_codel by default) holds the queue
 * and only what the line can take soon sits in dataq.
 */
static void pppk_bql_complete(struct pppk_link *link)
{
	if (!link->bql_pkts)
		return;
	netdev_completed_queue(link->dev, link->bql_pkts, link->bql_bytes);
	link->bql_pkts = 0;
	link->bql_bytes = 0;
}

/*
 * A frame is done with (framed, or dropped in framing): an IP frame
 * completes with the batch now being filled.
 */
static void pppk_bql_done(struct pppk_link *link, struct sk_buff *skb)
{
	if (!pppk_is_data(skb))
		return;
	link->bql_pkts++;
	link->bql_bytes += skb->len;
}

/*
 * Write the next piece of the frame going out in pieces; true once it is
 * all in the batch (the skb is then done with), false when the batch is
 * full.
 */
static bool pppk_encode_more(struct pppk_link *link)
{
	struct sk_buff *skb = link->enc_skb;

	link->olen += pppk_hdlc_enc_more(link->enc_tx, &link->enc,
					 link->obuf + link->olen,
					 link->osize - link->olen);
	if (!pppk_hdlc_enc_done(&link->enc))
		return false;
	pppk_bql_done(link, skb);
	link->enc_skb = NULL;
	consume_skb(skb);
	return true;
}

/* Frame @skb into the batch buffer. */
static enum pppk_enc_res pppk_encode(struct pppk_link *link,
				     struct sk_buff *skb, bool lcp_open)
{
	u16 proto = pppk_cb(skb)->proto;
	const struct pppk_hdlc_tx *tx = &link->hdlc_tx;
	unsigned int flags = link->olen ? 0 : PPPK_HDLC_ENC_FLAG;
	size_t n, need = pppk_hdlc_max_encoded(skb->len);

	if (!lcp_open || (skb->len &&
			  pppk_hdlc_needs_defaults(proto, skb->data[0]))) {
		tx = &link->hdlc_tx_default;
		flags |= PPPK_HDLC_ENC_DEFAULTS;
	}
	if (need > PPPK_OBUF_SMALL)
		link->obuf_needed = jiffies;
	if (link->osize < PPPK_OBUF_SIZE && need > link->osize - link->olen) {
		if (link->olen)
			return PPPK_ENC_FULL;	/* write out what we have first */
		if (!pppk_obuf_grow(link)) {
			dev_core_stats_tx_dropped_inc(link->dev);
			return PPPK_ENC_DONE;
		}
	}
	if (need > link->osize) {
		/* May not fit any batch: in pieces, from right here. */
		pppk_hdlc_enc_start(tx, proto, skb->data, skb->len, flags,
				    &link->enc);
		link->enc_tx = tx;
		link->enc_skb = skb;
		pppk_count_tx(link, skb);
		return PPPK_ENC_PIECES;
	}
	if (need > link->osize - link->olen)
		return PPPK_ENC_FULL;
	n = pppk_hdlc_encode(tx, proto, skb->data, skb->len,
			     link->obuf + link->olen, link->osize - link->olen,
			     flags);
	if (WARN_ON_ONCE(!n)) {
		/* need was the worst case: cannot happen */
		dev_core_stats_tx_dropped_inc(link->dev);
		return PPPK_ENC_DONE;
	}
	link->olen += n;
	pppk_count_tx(link, skb);
	return PPPK_ENC_DONE;
}

/* Take the next frame: control frames go first. */
static struct sk_buff *pppk_next(struct pppk_link *link)
{
	struct sk_buff *skb = skb_dequeue(&link->ctrlq);

	if (skb)
		return skb;
	skb = skb_dequeue(&link->dataq);
	if (netif_queue_stopped(link->dev) &&
	    skb_queue_len(&link->dataq) < PPPK_TXQ_LEN / 2)
		netif_wake_queue(link->dev);
	return skb;
}

/*
 * Apply new options from the controller between batches, but not in the
 * middle of a frame going out in pieces.
 */
static bool pppk_sync_config(struct pppk_link *link)
{
	bool lcp_open;

	spin_lock_bh(&link->cfg_lock);
	lcp_open = link->lcp_open;
	if (!link->enc_skb &&
	    test_and_clear_bit(PPPK_XMIT_CONFIG, &link->xmit_flags))
		pppk_hdlc_tx_config(&link->hdlc_tx, link->tx_cfg.accm,
				    link->tx_cfg.xaccm,
				    (link->tx_cfg.acfc ? PPPK_HDLC_TX_ACFC : 0) |
				    (link->tx_cfg.pfc ? PPPK_HDLC_TX_PFC : 0) |
				    (link->tx_cfg.fcs32 ? PPPK_HDLC_TX_FCS32 : 0));
	spin_unlock_bh(&link->cfg_lock);
	return lcp_open;
}

/* One round of pushing; returns with nothing more to do or tty full. */
static void pppk_push_once(struct pppk_link *link)
{
	struct tty_struct *tty;
	struct sk_buff *skb;
	bool lcp_open;
	ssize_t n;

	rcu_read_lock();
	tty = rcu_dereference(link->tty);
	if (!tty)
		goto out;
	for (;;) {
		if (link->opos < link->olen) {
			set_bit(TTY_DO_WRITE_WAKEUP, &tty->flags);
			n = tty->ops->write(tty, link->obuf + link->opos,
					    link->olen - link->opos);
			if (n < 0) {
				/* The line is gone; drop the batch. */
				link->dev->stats.tx_errors++;
				n = link->olen - link->opos;
			}
			link->opos += n;
			if (link->opos < link->olen)
				break;	/* write_wakeup() brings us back */
			link->olen = 0;
			link->opos = 0;
			pppk_bql_complete(link);
		}
		lcp_open = pppk_sync_config(link);
		/* Fill a batch: the rest of a frame in pieces first. */
		if (link->enc_skb && !pppk_encode_more(link))
			continue;	/* full: write it out */
		while ((skb = pppk_next(link))) {
			bool data = pppk_is_data(skb);
			enum pppk_enc_res res = pppk_encode(link, skb, lcp_open);

			if (res == PPPK_ENC_FULL) {
				skb_queue_head(data ? &link->dataq : &link->ctrlq,
					       skb);
				break;
			}
			if (res == PPPK_ENC_PIECES) {
				if (pppk_encode_more(link))
					continue;
				break;	/* full: write it out */
			}
			pppk_bql_done(link, skb);
			consume_skb(skb);
		}
		if (!link->olen) {
			/* Frames dropped in framing are done with too. */
			pppk_bql_complete(link);
			pppk_obuf_shrink(link);
			break;
		}
	}
out:
	rcu_read_unlock();
}

static void pppk_push(struct pppk_link *link)
{
	for (;;) {
		/*
		 * BUSY is a bit lock: acquire when taken, release when let
		 * go, so the next holder sees every write to the batch buffer
		 * of the last one (and none lands in a buffer given back).
		 */
		if (test_and_set_bit_lock(PPPK_XMIT_BUSY, &link->xmit_flags)) {
			set_bit(PPPK_XMIT_AGAIN, &link->xmit_flags);
			/* The holder may have just let go: look again. */
			if (test_and_set_bit_lock(PPPK_XMIT_BUSY,
						  &link->xmit_flags))
				return;
		}
		clear_bit(PPPK_XMIT_AGAIN, &link->xmit_flags);
		pppk_push_once(link);
		clear_bit_unlock(PPPK_XMIT_BUSY, &link->xmit_flags);
		/* Pairs with the AGAIN-then-BUSY order of a losing caller. */
		smp_mb__after_atomic();
		if (!test_bit(PPPK_XMIT_AGAIN, &link->xmit_flags))
			return;
	}
}

/* pppk_push() from process context: it must not race a softirq push. */
static void pppk_push_bh(struct pppk_link *link)
{
	local_bh_disable();
	pppk_push(link);
	local_bh_enable();
}

static void pppk_tx_work(struct work_struct *work)
{
	pppk_push_bh(container_of(work, struct pppk_link, tx_work));
}

void pppk_send_wakeup(struct pppk_link *link)
{
	queue_work(pppk_wq, &link->tx_work);
}

void pppk_send_config_changed(struct pppk_link *link)
{
	set_bit(PPPK_XMIT_CONFIG, &link->xmit_flags);
	pppk_push_bh(link);
}

netdev_tx_t pppk_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct pppk_link *link = pppk_link_from_dev(dev);
	bool up;
	u16 proto;

	switch (skb->protocol) {
	case htons(ETH_P_IP):
		proto = PPPK_PROTO_IP;
		up = READ_ONCE(link->ipv4_up);
		break;
	case htons(ETH_P_IPV6):
		proto = PPPK_PROTO_IPV6;
		up = READ_ONCE(link->ipv6_up);
		break;
	default:
		up = false;
		proto = 0;
	}
	if (!up || !rcu_access_pointer(link->tty))
		goto drop;
	if (skb_linearize(skb))
		goto drop;
	pppk_cb(skb)->proto = proto;
	netdev_sent_queue(dev, skb->len);
	skb_queue_tail(&link->dataq, skb);
	if (skb_queue_len(&link->dataq) >= PPPK_TXQ_LEN)
		netif_stop_queue(dev);
	pppk_push(link);
	return NETDEV_TX_OK;

drop:
	dev_core_stats_tx_dropped_inc(dev);
	kfree_skb(skb);
	return NETDEV_TX_OK;
}

int pppk_send_ctrl(struct pppk_link *link, u16 proto, struct sk_buff *skb)
{
	if (!rcu_access_pointer(link->tty)) {
		kfree_skb(skb);
		return -ENOTCONN;
	}
	if (skb_queue_len(&link->ctrlq) >= PPPK_CTRLQ_LEN) {
		dev_core_stats_tx_dropped_inc(link->dev);
		kfree_skb(skb);
		return -ENOBUFS;
	}
	pppk_cb(skb)->proto = proto;
	skb_queue_tail(&link->ctrlq, skb);
	pppk_push_bh(link);
	return 0;
}

int pppk_send_ctrl_buf(struct pppk_link *link, u16 proto, const u8 *data,
		       size_t len)
{
	struct sk_buff *skb = alloc_skb(len, GFP_ATOMIC);

	if (!skb) {
		dev_core_stats_tx_dropped_inc(link->dev);
		return -ENOMEM;
	}
	skb_put_data(skb, data, len);
	return pppk_send_ctrl(link, proto, skb);
}

int pppk_send_init(struct pppk_link *link)
{
	link->obuf = link->obuf_small;
	link->osize = PPPK_OBUF_SMALL;
	skb_queue_head_init(&link->ctrlq);
	skb_queue_head_init(&link->dataq);
	pppk_hdlc_tx_init(&link->hdlc_tx);
	pppk_hdlc_tx_init(&link->hdlc_tx_default);
	link->tx_cfg.accm = PPPK_HDLC_DEFAULT_ACCM;
	link->tx_cfg.mru = PPPK_DEFAULT_MRU;
	INIT_WORK(&link->tx_work, pppk_tx_work);
	return 0;
}

void pppk_send_stop(struct pppk_link *link)
{
	cancel_work_sync(&link->tx_work);
	skb_queue_purge(&link->ctrlq);
	skb_queue_purge(&link->dataq);
	kfree_skb(link->enc_skb);
	link->enc_skb = NULL;
	/*
	 * What was queued will never complete; the tty is gone, so nothing
	 * is queued or pushed any more (close() waited a grace period).
	 */
	local_bh_disable();
	link->bql_pkts = 0;
	link->bql_bytes = 0;
	netdev_reset_queue(link->dev);
	local_bh_enable();
}

void pppk_send_uninit(struct pppk_link *link)
{
	pppk_send_stop(link);
	if (link->obuf != link->obuf_small)
		kfree(link->obuf);
	link->obuf = NULL;
}
