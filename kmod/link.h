/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A pppk link: one tty, one net_device, the framing state of each
 * direction and what the controller pushed down.  It lives in the
 * net_device's private area.
 */
#ifndef _PPPK_LINK_H
#define _PPPK_LINK_H

#include <linux/completion.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <linux/spinlock.h>
#include <linux/timer.h>
#include <linux/u64_stats_sync.h>
#include <linux/tty.h>
#include <linux/workqueue.h>
#include <uapi/linux/pppk.h>

#include "hdlc.h"

struct pppk_chan;

#define PPPK_PROTO_IP		0x0021
#define PPPK_PROTO_IPV6		0x0057

#define PPPK_LCP_CONFREQ	1
#define PPPK_LCP_CONFACK	2
#define PPPK_LCP_ECHO_REQ	9
#define PPPK_LCP_ECHO_REP	10
#define PPPK_LCP_DISCARD_REQ	11

#define PPPK_DEFAULT_MRU	1500
#define PPPK_TXQ_LEN		32	/* frames queued before the qdisc waits */
/*
 * Encoded octets written per batch: room for a 4000-octet frame escaped.
 * A link only holds this while it carries data; keepalives and other small
 * frames go through the PPPK_OBUF_SMALL octets inside the link.  Frames
 * that may not fit (an MTU above 4000, up to PPPK_MAX_MRU) go out in
 * pieces (pppk_hdlc_enc_*()): no allocation grows with the MTU.
 */
#define PPPK_OBUF_FRAME		4000
#define PPPK_OBUF_SIZE		(2 + 2 * (PPPK_HDLC_HDR_MAX + PPPK_OBUF_FRAME + \
				      PPPK_HDLC_FCS_MAX))
#define PPPK_OBUF_SMALL		128
/* A batch buffer unneeded this long is given back when the line drains. */
#define PPPK_OBUF_IDLE		HZ

/* link->xmit_flags */
enum {
	PPPK_XMIT_BUSY,		/* someone is pushing */
	PPPK_XMIT_AGAIN,	/* push again before letting go */
	PPPK_XMIT_CONFIG,	/* new transmit options to apply */
	PPPK_XMIT_RX_CONFIG,	/* new receive options to apply */
};

struct pppk_proto_state {
	u16 number;
	u8 state;
};

/* Framing options of one direction, as the controller set them. */
struct pppk_cfg {
	u32 accm;
	u32 xaccm[8];
	bool pfc, acfc, fcs32;
	u16 mru;
};

/*
 * Receive options the controller armed for the Configure-Ack of its
 * Configure-Request @id: the fields in @mask (BIT(PPPK_A_CFG_*)) of @cfg.
 */
struct pppk_rx_pending {
	struct pppk_cfg cfg;
	u32 mask;
	u8 id;
	bool armed;
};

/* The last LCP Configure-Request the link sent: its options' CRC. */
struct pppk_lcp_req {
	u32 crc;
	u16 len;
	u8 id;
	bool valid;
};

/* One way's authentication as the controller reported it (never a secret). */
struct pppk_auth_state {
	u16 proto;			/* 0 = none */
	u8 result;			/* enum pppk_auth_result */
	char name[PPPK_MAX_AUTH_NAME + 1];
};

/* link->auth[] */
enum {
	PPPK_AUTH_WAY_PEER,		/* we authenticated the peer */
	PPPK_AUTH_WAY_SELF,		/* the peer authenticated us */
	PPPK_AUTH_WAYS,
};

/*
 * Counters beyond the net_device's own.  Each u64_stats_t group has one
 * writer at a time, and its syncp gives readers whole values on 32-bit
 * machines; the counters with several writers are atomic.
 */
struct pppk_link_stats {
	/* the receive path: one receive_buf() at a time */
	struct u64_stats_sync rx_syncp;
	u64_stats_t rx_ncp_down;
	u64_stats_t rx_ctrl;
	u64_stats_t rx_ctrl_dropped;
	u64_stats_t rx_discard;
	u64_stats_t echo_req_answered;
	u64_stats_t echo_rep_rcvd;
	/* whoever holds PPPK_XMIT_BUSY */
	struct u64_stats_sync tx_syncp;
	u64_stats_t tx_frames;
	/* commands and the echo timer */
	atomic64_t tx_ctrl;
	atomic64_t echo_req_sent;
};

/* Count one in @c, a counter of the group @syncp guards. */
static inline void pppk_stat_inc(struct u64_stats_sync *syncp, u64_stats_t *c)
{
	unsigned long flags = u64_stats_update_begin_irqsave(syncp);

	u64_stats_inc(c);
	u64_stats_update_end_irqrestore(syncp, flags);
}

struct pppk_link {
	struct net_device *dev;
	struct list_head list;		/* pppk_links, under pppk_links_lock */

	/* The tty; NULL once detached.  Writers hold RCU across tty writes. */
	struct tty_struct __rcu *tty;
	/* What pppk_chan_bind() took, given back when the link is freed. */
	struct pppk_chan *chan;
	struct tty_struct *tty_ref;
	struct file *file;		/* keeps the tty open */
	char tty_name[64];

	/* ---- transmit: owned by whoever holds PPPK_XMIT_BUSY ---- */
	unsigned long xmit_flags;
	struct sk_buff_head ctrlq;	/* control frames, before data */
	struct sk_buff_head dataq;
	struct pppk_hdlc_tx hdlc_tx;	/* negotiated options */
	struct pppk_hdlc_tx hdlc_tx_default; /* the defaults, before LCP opens */
	u8 *obuf;			/* obuf_small or a PPPK_OBUF_SIZE buffer */
	unsigned int olen, opos, osize;
	unsigned long obuf_needed;	/* jiffies a frame last needed more */
	unsigned int bql_pkts, bql_bytes; /* IP frames in the batch (BQL) */
	struct sk_buff *enc_skb;	/* a frame going out in pieces */
	const struct pppk_hdlc_tx *enc_tx; /* the options it started with */
	struct pppk_hdlc_enc enc;
	u8 obuf_small[PPPK_OBUF_SMALL];
	struct work_struct tx_work;	/* push after a tty write wakeup */

	/* ---- receive: serialised by the tty layer ---- */
	struct pppk_hdlc_rx hdlc_rx;
	struct sk_buff *rx_skb;		/* the decoder unescapes into this */
	struct list_head rx_batch;	/* IP packets of this input, to deliver */
	size_t rx_size;			/* room it needs: max(MRU, 1500) framed */

	/* ---- what the controller set; under cfg_lock ---- */
	spinlock_t cfg_lock;
	u32 controller;			/* netlink port id, 0 = none */
	possible_net_t net;		/* namespace of the controller */
	u8 phase;
	u8 n_protos;
	struct pppk_proto_state protos[PPPK_MAX_PROTOS];
	struct pppk_cfg tx_cfg, rx_cfg;
	struct pppk_rx_pending rx_pending;
	struct pppk_lcp_req lcp_req;
	bool lcp_open, ipv4_up, ipv6_up;
	u32 magic_local, magic_peer;
	/* the controller's view, for monitors and a controller adopting it */
	__be32 ipv4_local, ipv4_peer, ipv4_dns[2];
	u64 ipv6_local_id, ipv6_peer_id;
	struct pppk_auth_state auth[PPPK_AUTH_WAYS];

	/* ---- keepalive ---- */
	struct timer_list echo_timer;
	u32 echo_interval;		/* ms, 0 = off */
	u32 echo_failure;		/* 0 = never declare the peer dead */
	bool echo_adaptive;
	atomic_t echo_missed;
	u8 echo_id;
	bool dead_reported;

	struct pppk_link_stats stats;
	/* ---- teardown ---- */
	bool deleting;			/* pppk_dellink() ran, under RTNL */
	struct list_head dead;		/* pppk_dead: its tty went away */
	/* The discipline's close() took the link off its channel and is done. */
	struct completion tty_done;
};

static inline struct pppk_link *pppk_link_from_dev(struct net_device *dev)
{
	return netdev_priv(dev);
}

#endif /* _PPPK_LINK_H */
