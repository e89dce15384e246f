// SPDX-License-Identifier: GPL-2.0
/*
 * The "pppk" generic netlink family: the only door between a link and its
 * controller.  Strict policies per attribute set; every operation needs
 * CAP_NET_ADMIN in the user namespace owning the caller's network
 * namespace, and only sees links of that namespace.  The commands are
 * described in include/uapi/linux/pppk.h.
 */

#include <linux/crc32.h>
#include <linux/file.h>
#include <linux/hash.h>

#include "compat.h"
#include <linux/if.h>
#include <linux/netlink.h>
#include <net/genetlink.h>
#include <net/sock.h>
#include <uapi/linux/pppk.h>

#include "device.h"
#include "ldisc.h"
#include "netlink.h"
#include "send.h"
#include "timers.h"

static struct genl_family pppk_genl_family;

/*
 * Links per controller port id hash: the NETLINK_URELEASE notifier runs for
 * every generic netlink socket that closes anywhere in the system, and
 * walks the links only when one may have that socket for controller.
 */
#define PPPK_CTRL_HASH_BITS	8
static atomic_t pppk_ctrl_links[1 << PPPK_CTRL_HASH_BITS];

static atomic_t *pppk_ctrl_bucket(u32 portid)
{
	return &pppk_ctrl_links[hash_32(portid, PPPK_CTRL_HASH_BITS)];
}

void pppk_nl_set_controller(struct pppk_link *link, u32 portid)
{
	lockdep_assert_held(&link->cfg_lock);
	if (link->controller)
		atomic_dec(pppk_ctrl_bucket(link->controller));
	if (portid)
		atomic_inc(pppk_ctrl_bucket(portid));
	link->controller = portid;
}

static const struct nla_policy pppk_cfg_policy[PPPK_A_CFG_MAX + 1] = {
	[PPPK_A_CFG_ACCM]	= { .type = NLA_U32 },
	[PPPK_A_CFG_XACCM]	= NLA_POLICY_EXACT_LEN(32),
	[PPPK_A_CFG_PFC]	= NLA_POLICY_MAX(NLA_U8, 1),
	[PPPK_A_CFG_ACFC]	= NLA_POLICY_MAX(NLA_U8, 1),
	[PPPK_A_CFG_FCS32]	= NLA_POLICY_MAX(NLA_U8, 1),
	[PPPK_A_CFG_MRU]	= NLA_POLICY_MIN(NLA_U16, 64),
	[PPPK_A_CFG_REQ_ID]	= { .type = NLA_U8 },
};

static const struct nla_policy pppk_proto_policy[PPPK_A_PROTO_MAX + 1] = {
	[PPPK_A_PROTO_NUMBER]	= { .type = NLA_U16 },
	[PPPK_A_PROTO_STATE]	= NLA_POLICY_MAX(NLA_U8, PPPK_FSM_OPENED),
};

static const struct nla_policy pppk_auth_policy[PPPK_A_AUTH_MAX + 1] = {
	[PPPK_A_AUTH_PROTO]	= { .type = NLA_U16 },
	[PPPK_A_AUTH_RESULT]	= NLA_POLICY_MAX(NLA_U8, PPPK_AUTH_FAILED),
	[PPPK_A_AUTH_NAME]	= { .type = NLA_NUL_STRING,
				    .len = PPPK_MAX_AUTH_NAME },
};

/* Keepalives at most an hour apart, in ms. */
static struct netlink_range_validation pppk_echo_interval_range = {
	.max = 3600 * 1000,
};

static const struct nla_policy pppk_policy[PPPK_A_MAX + 1] = {
	[PPPK_A_LINK_IFINDEX]	= { .type = NLA_U32 },
	[PPPK_A_LINK_IFNAME]	= { .type = NLA_NUL_STRING, .len = IFNAMSIZ - 1 },
	[PPPK_A_LINK_TTY_FD]	= { .type = NLA_U32 },
	[PPPK_A_LINK_PHASE]	= NLA_POLICY_MAX(NLA_U8, PPPK_PHASE_TERMINATE),
	[PPPK_A_LINK_PROTOS]	= NLA_POLICY_NESTED_ARRAY(pppk_proto_policy),
	[PPPK_A_LINK_LCP_OPEN]	= NLA_POLICY_MAX(NLA_U8, 1),
	[PPPK_A_LINK_IPV4_UP]	= NLA_POLICY_MAX(NLA_U8, 1),
	[PPPK_A_LINK_IPV6_UP]	= NLA_POLICY_MAX(NLA_U8, 1),
	[PPPK_A_LINK_TX]	= NLA_POLICY_NESTED(pppk_cfg_policy),
	[PPPK_A_LINK_RX]	= NLA_POLICY_NESTED(pppk_cfg_policy),
	[PPPK_A_LINK_MAGIC_LOCAL] = { .type = NLA_U32 },
	[PPPK_A_LINK_MAGIC_PEER] = { .type = NLA_U32 },
	[PPPK_A_LINK_ECHO_INTERVAL] = NLA_POLICY_FULL_RANGE(NLA_U32,
						&pppk_echo_interval_range),
	[PPPK_A_LINK_ECHO_FAILURE] = { .type = NLA_U32 },
	[PPPK_A_LINK_ECHO_ADAPTIVE] = NLA_POLICY_MAX(NLA_U8, 1),
	[PPPK_A_LINK_ADOPT]	= { .type = NLA_FLAG },
	[PPPK_A_LINK_CLOSE]	= { .type = NLA_FLAG },
	[PPPK_A_FRAME_PROTO]	= { .type = NLA_U16 },
	[PPPK_A_FRAME_DATA]	= { .type = NLA_BINARY, .len = PPPK_MAX_FRAME },
	[PPPK_A_LINK_CHANNEL]	= { .type = NLA_U32 },
	[PPPK_A_LINK_RX_PENDING] = NLA_POLICY_NESTED(pppk_cfg_policy),
	/* Entries checked by pppk_nl_link_del_list(). */
	[PPPK_A_LINK_LIST]	= { .type = NLA_NESTED },
	[PPPK_A_LINK_IPV4_LOCAL] = { .type = NLA_BE32 },
	[PPPK_A_LINK_IPV4_PEER]	= { .type = NLA_BE32 },
	[PPPK_A_LINK_IPV4_DNS1]	= { .type = NLA_BE32 },
	[PPPK_A_LINK_IPV4_DNS2]	= { .type = NLA_BE32 },
	[PPPK_A_LINK_IPV6_LOCAL_ID] = { .type = NLA_U64 },
	[PPPK_A_LINK_IPV6_PEER_ID] = { .type = NLA_U64 },
	[PPPK_A_LINK_AUTH_PEER]	= NLA_POLICY_NESTED(pppk_auth_policy),
	[PPPK_A_LINK_AUTH_SELF]	= NLA_POLICY_NESTED(pppk_auth_policy),
};

/*
 * Find the link a request names, in the request's namespace, by the
 * namespace's own index (not a walk of every link).  Called with
 * pppk_links_lock held; a link still on the list stays valid until it is
 * dropped.
 */
static struct pppk_link *pppk_nl_link(struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct nlattr **a = info->attrs;
	struct pppk_link *link = NULL;
	struct net_device *dev = NULL;
	char name[IFNAMSIZ];

	lockdep_assert_held(&pppk_links_lock);
	if (!a[PPPK_A_LINK_IFINDEX] && !a[PPPK_A_LINK_IFNAME]) {
		NL_SET_ERR_MSG(info->extack, "link ifindex or ifname required");
		return ERR_PTR(-EINVAL);
	}
	rcu_read_lock();
	if (a[PPPK_A_LINK_IFINDEX])
		dev = dev_get_by_index_rcu(net,
					   nla_get_u32(a[PPPK_A_LINK_IFINDEX]));
	else if (nla_strscpy(name, a[PPPK_A_LINK_IFNAME], sizeof(name)) > 0)
		dev = dev_get_by_name_rcu(net, name);
	/* ours, and not yet or no longer being deleted */
	if (dev && pppk_dev_is_link(dev)) {
		link = pppk_link_from_dev(dev);
		if (list_empty(&link->list))
			link = NULL;
	}
	rcu_read_unlock();
	if (link)
		return link;
	NL_SET_ERR_MSG(info->extack, "no such pppk link");
	return ERR_PTR(-ENODEV);
}

static int pppk_nl_put_cfg(struct sk_buff *skb, int type, u32 accm,
			   const u32 *xaccm, bool pfc, bool acfc, bool fcs32,
			   u16 mru)
{
	struct nlattr *nest = nla_nest_start(skb, type);

	if (!nest ||
	    nla_put_u32(skb, PPPK_A_CFG_ACCM, accm) ||
	    (xaccm && nla_put(skb, PPPK_A_CFG_XACCM, 32, xaccm)) ||
	    nla_put_u8(skb, PPPK_A_CFG_PFC, pfc) ||
	    nla_put_u8(skb, PPPK_A_CFG_ACFC, acfc) ||
	    nla_put_u8(skb, PPPK_A_CFG_FCS32, fcs32) ||
	    nla_put_u16(skb, PPPK_A_CFG_MRU, mru))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

/* A consistent copy of the link's own counters. */
struct pppk_nl_stats_snap {
	u64 ncp_down, ctrl, ctrl_dropped, discard, answered, rep, tx_frames;
};

static void pppk_nl_read_stats(const struct pppk_link_stats *s,
			       struct pppk_nl_stats_snap *c)
{
	unsigned int start;

	do {
		start = u64_stats_fetch_begin(&s->rx_syncp);
		c->ncp_down = u64_stats_read(&s->rx_ncp_down);
		c->ctrl = u64_stats_read(&s->rx_ctrl);
		c->ctrl_dropped = u64_stats_read(&s->rx_ctrl_dropped);
		c->discard = u64_stats_read(&s->rx_discard);
		c->answered = u64_stats_read(&s->echo_req_answered);
		c->rep = u64_stats_read(&s->echo_rep_rcvd);
	} while (u64_stats_fetch_retry(&s->rx_syncp, start));
	do {
		start = u64_stats_fetch_begin(&s->tx_syncp);
		c->tx_frames = u64_stats_read(&s->tx_frames);
	} while (u64_stats_fetch_retry(&s->tx_syncp, start));
}

static int pppk_nl_put_stats(struct sk_buff *skb, struct pppk_link *link,
			     const struct pppk_nl_stats_snap *c)
{
	const struct pppk_hdlc_rx_stats *h = &link->hdlc_rx.stats;
	const struct pppk_link_stats *s = &link->stats;
	struct rtnl_link_stats64 ds;
	const struct {
		int type;
		u64 value;
	} v[] = {
		{ PPPK_A_STAT_RX_FRAMES, READ_ONCE(h->good) },
		{ PPPK_A_STAT_RX_BAD_FCS, READ_ONCE(h->bad_fcs) },
		{ PPPK_A_STAT_RX_ABORTS, READ_ONCE(h->aborts) },
		{ PPPK_A_STAT_RX_RUNTS, READ_ONCE(h->runts) },
		{ PPPK_A_STAT_RX_OVERSIZE, READ_ONCE(h->oversize) },
		{ PPPK_A_STAT_RX_BAD_HEADER, READ_ONCE(h->bad_header) },
		{ PPPK_A_STAT_RX_ESCAPED, READ_ONCE(h->escaped) },
		{ PPPK_A_STAT_RX_ACCM_DISCARDED, READ_ONCE(h->accm_discarded) },
		{ PPPK_A_STAT_RX_NO_BUFFER, READ_ONCE(h->no_buffer) },
		{ PPPK_A_STAT_RX_NCP_DOWN, c->ncp_down },
		{ PPPK_A_STAT_RX_CTRL, c->ctrl },
		{ PPPK_A_STAT_RX_CTRL_DROPPED, c->ctrl_dropped },
		{ PPPK_A_STAT_TX_FRAMES, c->tx_frames },
		{ PPPK_A_STAT_TX_CTRL, atomic64_read(&s->tx_ctrl) },
		{ PPPK_A_STAT_TX_DROPPED,
		  dev_get_stats(link->dev, &ds)->tx_dropped },
		{ PPPK_A_STAT_ECHO_REQ_SENT, atomic64_read(&s->echo_req_sent) },
		{ PPPK_A_STAT_ECHO_REQ_ANSWERED, c->answered },
		{ PPPK_A_STAT_ECHO_REP_RCVD, c->rep },
		{ PPPK_A_STAT_ECHO_MISSED, atomic_read(&link->echo_missed) },
		{ PPPK_A_STAT_DISCARD_RCVD, c->discard },
	};
	struct nlattr *nest = nla_nest_start(skb, PPPK_A_LINK_STATS);
	size_t i;

	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < ARRAY_SIZE(v); i++)
		if (nla_put_u64_64bit(skb, v[i].type, v[i].value,
				      PPPK_A_STAT_PAD))
			return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static int pppk_nl_put_protos(struct sk_buff *skb,
			      const struct pppk_proto_state *protos,
			      unsigned int n_protos)
{
	struct nlattr *nest, *entry;
	unsigned int i;

	nest = nla_nest_start(skb, PPPK_A_LINK_PROTOS);
	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < n_protos; i++) {
		entry = nla_nest_start(skb, PPPK_A_PROTO);
		if (!entry ||
		    nla_put_u16(skb, PPPK_A_PROTO_NUMBER, protos[i].number) ||
		    nla_put_u8(skb, PPPK_A_PROTO_STATE, protos[i].state))
			return -EMSGSIZE;
		nla_nest_end(skb, entry);
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int pppk_nl_put_ipv4(struct sk_buff *skb, const struct pppk_link *link)
{
	if (nla_put_in_addr(skb, PPPK_A_LINK_IPV4_LOCAL, link->ipv4_local) ||
	    nla_put_in_addr(skb, PPPK_A_LINK_IPV4_PEER, link->ipv4_peer) ||
	    (link->ipv4_dns[0] &&
	     nla_put_in_addr(skb, PPPK_A_LINK_IPV4_DNS1, link->ipv4_dns[0])) ||
	    (link->ipv4_dns[1] &&
	     nla_put_in_addr(skb, PPPK_A_LINK_IPV4_DNS2, link->ipv4_dns[1])))
		return -EMSGSIZE;
	return 0;
}

static int pppk_nl_put_ipv6(struct sk_buff *skb, const struct pppk_link *link)
{
	if (nla_put_u64_64bit(skb, PPPK_A_LINK_IPV6_LOCAL_ID,
			      link->ipv6_local_id, PPPK_A_PAD) ||
	    nla_put_u64_64bit(skb, PPPK_A_LINK_IPV6_PEER_ID,
			      link->ipv6_peer_id, PPPK_A_PAD))
		return -EMSGSIZE;
	return 0;
}

/* Each way of authentication the controller reported. */
static int pppk_nl_put_auth(struct sk_buff *skb, const struct pppk_link *link)
{
	static const int type[PPPK_AUTH_WAYS] = {
		[PPPK_AUTH_WAY_PEER] = PPPK_A_LINK_AUTH_PEER,
		[PPPK_AUTH_WAY_SELF] = PPPK_A_LINK_AUTH_SELF,
	};
	const struct pppk_auth_state *st;
	struct nlattr *nest;
	int i;

	for (i = 0; i < PPPK_AUTH_WAYS; i++) {
		st = &link->auth[i];
		if (!st->proto)
			continue;
		nest = nla_nest_start(skb, type[i]);
		if (!nest ||
		    nla_put_u16(skb, PPPK_A_AUTH_PROTO, st->proto) ||
		    nla_put_u8(skb, PPPK_A_AUTH_RESULT, st->result) ||
		    nla_put_string(skb, PPPK_A_AUTH_NAME, st->name))
			return -EMSGSIZE;
		nla_nest_end(skb, nest);
	}
	return 0;
}

/*
 * The controller's view of the link that LINK_GET reports, each part once
 * set; cfg_lock held.  Put straight into the message: the names are too
 * large to copy to the stack, and putting them is only a copy too.
 */
static int pppk_nl_put_view(struct sk_buff *skb, const struct pppk_link *link)
{
	lockdep_assert_held(&link->cfg_lock);
	if (((link->ipv4_local || link->ipv4_peer) &&
	     pppk_nl_put_ipv4(skb, link)) ||
	    ((link->ipv6_local_id || link->ipv6_peer_id) &&
	     pppk_nl_put_ipv6(skb, link)) ||
	    pppk_nl_put_auth(skb, link))
		return -EMSGSIZE;
	return 0;
}

/*
 * What the controller set, as pppk_nl_fill_link() reports it: copied under
 * cfg_lock, then put into the message without it.  Only these fields; a
 * whole struct pppk_link is far too large for the stack.
 */
struct pppk_nl_link_snap {
	struct pppk_cfg tx_cfg, rx_cfg;
	struct pppk_proto_state protos[PPPK_MAX_PROTOS];
	u32 controller;
	u32 magic_local, magic_peer;
	u32 echo_interval, echo_failure;
	u8 phase;
	u8 n_protos;
	bool lcp_open, ipv4_up, ipv6_up;
	bool echo_adaptive;
};

static int pppk_nl_fill_link(struct sk_buff *skb, struct pppk_link *link,
			     u32 portid, u32 seq, int flags, u8 cmd)
{
	struct net_device *dev = link->dev;
	struct pppk_nl_stats_snap counts;
	struct pppk_nl_link_snap snap;
	void *hdr;
	int ret;

	hdr = genlmsg_put(skb, portid, seq, &pppk_genl_family, flags, cmd);
	if (!hdr)
		return -EMSGSIZE;

	/* A consistent copy of what the controller set. */
	spin_lock_bh(&link->cfg_lock);
	snap.controller = link->controller;
	snap.phase = link->phase;
	snap.n_protos = link->n_protos;
	memcpy(snap.protos, link->protos, sizeof(snap.protos));
	snap.tx_cfg = link->tx_cfg;
	snap.rx_cfg = link->rx_cfg;
	snap.lcp_open = link->lcp_open;
	snap.ipv4_up = link->ipv4_up;
	snap.ipv6_up = link->ipv6_up;
	snap.magic_local = link->magic_local;
	snap.magic_peer = link->magic_peer;
	snap.echo_interval = link->echo_interval;
	snap.echo_failure = link->echo_failure;
	snap.echo_adaptive = link->echo_adaptive;
	ret = pppk_nl_put_view(skb, link);
	spin_unlock_bh(&link->cfg_lock);
	if (ret) {
		genlmsg_cancel(skb, hdr);
		return ret;
	}
	pppk_nl_read_stats(&link->stats, &counts);

	if (nla_put_u32(skb, PPPK_A_LINK_IFINDEX, dev->ifindex) ||
	    nla_put_string(skb, PPPK_A_LINK_IFNAME, dev->name) ||
	    (rcu_access_pointer(link->tty) &&
	     nla_put_string(skb, PPPK_A_LINK_TTY_NAME, link->tty_name)) ||
	    nla_put_u32(skb, PPPK_A_LINK_CONTROLLER, snap.controller) ||
	    nla_put_u8(skb, PPPK_A_LINK_PHASE, snap.phase) ||
	    pppk_nl_put_protos(skb, snap.protos, snap.n_protos) ||
	    nla_put_u8(skb, PPPK_A_LINK_LCP_OPEN, snap.lcp_open) ||
	    nla_put_u8(skb, PPPK_A_LINK_IPV4_UP, snap.ipv4_up) ||
	    nla_put_u8(skb, PPPK_A_LINK_IPV6_UP, snap.ipv6_up) ||
	    pppk_nl_put_cfg(skb, PPPK_A_LINK_TX, snap.tx_cfg.accm,
			    snap.tx_cfg.xaccm, snap.tx_cfg.pfc,
			    snap.tx_cfg.acfc, snap.tx_cfg.fcs32,
			    snap.tx_cfg.mru) ||
	    pppk_nl_put_cfg(skb, PPPK_A_LINK_RX, snap.rx_cfg.accm, NULL,
			    true, true, snap.rx_cfg.fcs32, snap.rx_cfg.mru) ||
	    nla_put_u32(skb, PPPK_A_LINK_MAGIC_LOCAL, snap.magic_local) ||
	    nla_put_u32(skb, PPPK_A_LINK_MAGIC_PEER, snap.magic_peer) ||
	    nla_put_u32(skb, PPPK_A_LINK_ECHO_INTERVAL, snap.echo_interval) ||
	    nla_put_u32(skb, PPPK_A_LINK_ECHO_FAILURE, snap.echo_failure) ||
	    nla_put_u8(skb, PPPK_A_LINK_ECHO_ADAPTIVE, snap.echo_adaptive) ||
	    pppk_nl_put_stats(skb, link, &counts)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

/* Reply with @link in @msg, or free @msg. */
static int pppk_nl_send_link(struct sk_buff *msg, struct genl_info *info,
			     struct pppk_link *link, u8 cmd)
{
	int ret;

	ret = pppk_nl_fill_link(msg, link, info->snd_portid, info->snd_seq, 0,
				cmd);
	if (ret) {
		nlmsg_free(msg);
		return ret;
	}
	return genlmsg_reply(msg, info);
}

static int pppk_nl_reply_link(struct genl_info *info, struct pppk_link *link,
			      u8 cmd)
{
	struct sk_buff *msg = nlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);

	if (!msg)
		return -ENOMEM;
	return pppk_nl_send_link(msg, info, link, cmd);
}

static int pppk_nl_link_new(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **a = info->attrs;
	const char *ifname = NULL;
	struct pppk_link *link;
	struct pppk_chan *chan;
	struct sk_buff *msg;
	struct file *file;
	int ret;

	if (!a[PPPK_A_LINK_CHANNEL] || !a[PPPK_A_LINK_TTY_FD]) {
		NL_SET_ERR_MSG(info->extack, "channel and tty descriptor required");
		return -EINVAL;
	}
	if (a[PPPK_A_LINK_IFNAME])
		ifname = nla_data(a[PPPK_A_LINK_IFNAME]);
	if (ifname && !dev_valid_name(ifname)) {
		NL_SET_ERR_MSG_ATTR(info->extack, a[PPPK_A_LINK_IFNAME],
				    "invalid interface name");
		return -EINVAL;
	}

	file = fget(nla_get_u32(a[PPPK_A_LINK_TTY_FD]));
	if (!file) {
		NL_SET_ERR_MSG_ATTR(info->extack, a[PPPK_A_LINK_TTY_FD],
				    "not an open file descriptor");
		return -EBADF;
	}
	/* The link reads and writes the tty: the caller must be allowed to. */
	if ((file->f_mode & (FMODE_READ | FMODE_WRITE)) !=
	    (FMODE_READ | FMODE_WRITE)) {
		fput(file);
		NL_SET_ERR_MSG_ATTR(info->extack, a[PPPK_A_LINK_TTY_FD],
				    "the tty must be open for reading and writing");
		return -EBADF;
	}
	chan = pppk_chan_get(nla_get_u32(a[PPPK_A_LINK_CHANNEL]), file);
	if (IS_ERR(chan)) {
		fput(file);
		NL_SET_ERR_MSG_ATTR(info->extack, a[PPPK_A_LINK_CHANNEL],
				    "no such channel, or not its tty (TIOCSETD pppk, then PPPKIOCGCHAN)");
		return PTR_ERR(chan);
	}

	/*
	 * The reply is allocated first: once the link exists, nothing may
	 * fail the request and leave the link behind.
	 */
	msg = nlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg) {
		ret = -ENOMEM;
		goto out;
	}
	link = pppk_link_create(genl_info_net(info), chan, file, ifname,
				info->snd_portid, info->extack);
	if (IS_ERR(link)) {
		nlmsg_free(msg);
		ret = PTR_ERR(link);
		goto out;
	}

	mutex_lock(&pppk_links_lock);
	/* It may be gone again already if the tty hung up meanwhile. */
	if (list_empty(&link->list)) {
		nlmsg_free(msg);
		ret = -ENODEV;
	} else {
		ret = pppk_nl_send_link(msg, info, link, PPPK_CMD_LINK_NEW);
	}
	mutex_unlock(&pppk_links_lock);
	dev_put(link->dev);	/* taken by pppk_link_create() */
out:
	pppk_chan_put(chan);
	fput(file);
	return ret;
}

/* The pppk net_device of ifindex @ifindex in @net, with a reference. */
static struct net_device *pppk_nl_dev_get(struct net *net, u32 ifindex)
{
	struct net_device *dev = dev_get_by_index(net, ifindex);

	lockdep_assert_held(&pppk_links_lock);
	if (dev && (!pppk_dev_is_link(dev) ||
		    list_empty(&pppk_link_from_dev(dev)->list))) {
		dev_put(dev);
		dev = NULL;
	}
	return dev;
}

/*
 * LINK_DEL of a list: every link named that is still there, in one batch
 * (one grace period for all).  Links already gone are skipped.
 */
static int pppk_nl_link_del_list(struct genl_info *info)
{
	struct nlattr *list = info->attrs[PPPK_A_LINK_LIST], *a;
	struct net *net = genl_info_net(info);
	struct net_device **devs;
	unsigned int n = 0, max = 0;
	int rem;

	nla_for_each_nested(a, list, rem) {
		if (nla_type(a) != PPPK_A_LINK_IFINDEX ||
		    nla_len(a) != sizeof(u32)) {
			NL_SET_ERR_MSG_ATTR(info->extack, a,
					    "a link list holds PPPK_A_LINK_IFINDEX (u32) entries");
			return -EINVAL;
		}
		max++;
	}
	if (!max)
		return 0;
	devs = kvmalloc_array(max, sizeof(*devs), GFP_KERNEL);
	if (!devs)
		return -ENOMEM;
	mutex_lock(&pppk_links_lock);
	nla_for_each_nested(a, list, rem) {
		devs[n] = pppk_nl_dev_get(net, nla_get_u32(a));
		if (devs[n])
			n++;
	}
	mutex_unlock(&pppk_links_lock);
	pppk_links_delete(devs, n);
	kvfree(devs);
	return 0;
}

static int pppk_nl_link_del(struct sk_buff *skb, struct genl_info *info)
{
	struct pppk_link *link;
	struct net_device *dev;

	if (info->attrs[PPPK_A_LINK_LIST])
		return pppk_nl_link_del_list(info);
	mutex_lock(&pppk_links_lock);
	link = pppk_nl_link(info);
	if (IS_ERR(link)) {
		mutex_unlock(&pppk_links_lock);
		return PTR_ERR(link);
	}
	dev = link->dev;
	dev_hold(dev);
	mutex_unlock(&pppk_links_lock);
	pppk_links_delete(&dev, 1);
	return 0;
}

static int pppk_nl_link_get(struct sk_buff *skb, struct genl_info *info)
{
	struct pppk_link *link;
	int ret;

	mutex_lock(&pppk_links_lock);
	link = pppk_nl_link(info);
	ret = IS_ERR(link) ? PTR_ERR(link) :
	      pppk_nl_reply_link(info, link, PPPK_CMD_LINK_GET);
	mutex_unlock(&pppk_links_lock);
	return ret;
}

/*
 * Dump the namespace's links in its device list order.  cb->args[0] is the
 * ifindex of the last link dumped: each batch resumes right after that
 * device instead of walking every link from the start again (with 10,000
 * links that walk was most of a dump).  Should that device be gone, the
 * batch skips the cb->args[1] links dumped so far, as a dump under change
 * may.
 */
static int pppk_nl_link_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct net *net = sock_net(skb->sk);
	struct net_device *dev, *from = NULL;
	long n = 0, done = cb->args[1];
	int last = cb->args[0];
	bool filled = false;
	int ret = 0;

	mutex_lock(&pppk_links_lock);
	rcu_read_lock();
	if (last)
		from = dev_get_by_index_rcu(net, last);
	dev = list_prepare_entry(from, &net->dev_base_head, dev_list);
	list_for_each_entry_continue_rcu(dev, &net->dev_base_head, dev_list) {
		struct pppk_link *link;

		if (!pppk_dev_is_link(dev))
			continue;
		link = pppk_link_from_dev(dev);
		if (list_empty(&link->list))
			continue;
		if (!from && n++ < done)
			continue;
		ret = pppk_nl_fill_link(skb, link, NETLINK_CB(cb->skb).portid,
					cb->nlh->nlmsg_seq, NLM_F_MULTI,
					PPPK_CMD_LINK_GET);
		if (ret)
			break;
		filled = true;
		last = dev->ifindex;
		done++;
	}
	rcu_read_unlock();
	mutex_unlock(&pppk_links_lock);
	cb->args[0] = last;
	cb->args[1] = done;
	/* A full message means "more to come"; an empty one ends the dump. */
	return ret && !filled ? ret : skb->len;
}

/* Set what @nest holds in @cfg; the attributes found, BIT(PPPK_A_CFG_*). */
static u32 pppk_nl_set_cfg(struct nlattr *nest, struct pppk_cfg *cfg)
{
	struct nlattr *tb[PPPK_A_CFG_MAX + 1];
	u32 mask = 0;
	int i;

	/* Already validated by the nested policy. */
	if (nla_parse_nested(tb, PPPK_A_CFG_MAX, nest, pppk_cfg_policy, NULL))
		return 0;
	if (tb[PPPK_A_CFG_ACCM])
		cfg->accm = nla_get_u32(tb[PPPK_A_CFG_ACCM]);
	if (tb[PPPK_A_CFG_XACCM])
		nla_memcpy(cfg->xaccm, tb[PPPK_A_CFG_XACCM], sizeof(cfg->xaccm));
	if (tb[PPPK_A_CFG_PFC])
		cfg->pfc = nla_get_u8(tb[PPPK_A_CFG_PFC]);
	if (tb[PPPK_A_CFG_ACFC])
		cfg->acfc = nla_get_u8(tb[PPPK_A_CFG_ACFC]);
	if (tb[PPPK_A_CFG_FCS32])
		cfg->fcs32 = nla_get_u8(tb[PPPK_A_CFG_FCS32]);
	if (tb[PPPK_A_CFG_MRU])
		cfg->mru = nla_get_u16(tb[PPPK_A_CFG_MRU]);
	for (i = 1; i <= PPPK_A_CFG_MAX; i++)
		if (tb[i])
			mask |= BIT(i);
	return mask;
}

/*
 * Arm the receive options of PPPK_A_LINK_RX_PENDING; cfg_lock held, the
 * nest checked by pppk_nl_check_pending().
 */
static void pppk_nl_set_pending(struct pppk_link *link, struct nlattr *nest)
{
	struct pppk_rx_pending *p = &link->rx_pending;
	struct nlattr *tb[PPPK_A_CFG_MAX + 1];

	if (nla_parse_nested(tb, PPPK_A_CFG_MAX, nest, pppk_cfg_policy, NULL))
		return;
	p->cfg = link->rx_cfg;
	p->mask = pppk_nl_set_cfg(nest, &p->cfg) &
		  (BIT(PPPK_A_CFG_ACCM) | BIT(PPPK_A_CFG_FCS32) |
		   BIT(PPPK_A_CFG_MRU));
	p->id = nla_get_u8(tb[PPPK_A_CFG_REQ_ID]);
	p->armed = true;
}

static int pppk_nl_check_pending(struct nlattr *nest,
				 struct netlink_ext_ack *extack)
{
	struct nlattr *tb[PPPK_A_CFG_MAX + 1];
	int ret;

	ret = nla_parse_nested(tb, PPPK_A_CFG_MAX, nest, pppk_cfg_policy,
			       extack);
	if (ret)
		return ret;
	if (!tb[PPPK_A_CFG_REQ_ID]) {
		NL_SET_ERR_MSG_ATTR(extack, nest,
				    "pending receive options need the Configure-Request's identifier");
		return -EINVAL;
	}
	if (tb[PPPK_A_CFG_XACCM] || tb[PPPK_A_CFG_PFC] || tb[PPPK_A_CFG_ACFC]) {
		NL_SET_ERR_MSG_ATTR(extack, nest,
				    "only ACCM, FCS-32 and MRU can wait for the Configure-Ack");
		return -EINVAL;
	}
	return 0;
}

/* Parse PPPK_A_LINK_PROTOS into @p; the count, or -errno. */
static int pppk_nl_parse_protos(struct nlattr *nest, struct pppk_proto_state *p,
				struct netlink_ext_ack *extack)
{
	struct nlattr *tb[PPPK_A_PROTO_MAX + 1];
	struct nlattr *entry;
	int n = 0, rem, ret;

	nla_for_each_nested(entry, nest, rem) {
		if (n == PPPK_MAX_PROTOS) {
			NL_SET_ERR_MSG_ATTR(extack, nest, "too many protocols");
			return -E2BIG;
		}
		ret = nla_parse_nested(tb, PPPK_A_PROTO_MAX, entry,
				       pppk_proto_policy, extack);
		if (ret)
			return ret;
		if (!tb[PPPK_A_PROTO_NUMBER] || !tb[PPPK_A_PROTO_STATE]) {
			NL_SET_ERR_MSG_ATTR(extack, entry,
					    "protocol entry needs number and state");
			return -EINVAL;
		}
		p[n].number = nla_get_u16(tb[PPPK_A_PROTO_NUMBER]);
		p[n].state = nla_get_u8(tb[PPPK_A_PROTO_STATE]);
		n++;
	}
	return n;
}

/*
 * Store a PPPK_A_LINK_AUTH_* nest (validated by the policy) in @st, whole;
 * whether anything changed.  cfg_lock held.
 */
static bool pppk_nl_set_auth(struct pppk_auth_state *st, struct nlattr *nest)
{
	struct nlattr *tb[PPPK_A_AUTH_MAX + 1];
	const char *name = "";
	u16 proto = 0;
	u8 result = 0;
	bool changed;

	if (nla_parse_nested(tb, PPPK_A_AUTH_MAX, nest, pppk_auth_policy, NULL))
		return false;
	if (tb[PPPK_A_AUTH_PROTO])
		proto = nla_get_u16(tb[PPPK_A_AUTH_PROTO]);
	if (tb[PPPK_A_AUTH_RESULT])
		result = nla_get_u8(tb[PPPK_A_AUTH_RESULT]);
	/* NUL-terminated within PPPK_MAX_AUTH_NAME + 1 octets: the policy */
	if (tb[PPPK_A_AUTH_NAME])
		name = nla_data(tb[PPPK_A_AUTH_NAME]);
	changed = st->proto != proto || st->result != result ||
		  strcmp(st->name, name);
	st->proto = proto;
	st->result = result;
	strscpy(st->name, name, sizeof(st->name));
	return changed;
}

/* Set a u8 flag of the link from @attr; whether it changed. */
static bool pppk_nl_set_flag(bool *flag, const struct nlattr *attr)
{
	bool v = nla_get_u8(attr);
	bool changed = READ_ONCE(*flag) != v;

	WRITE_ONCE(*flag, v);
	return changed;
}

static void pppk_nl_event_to(struct pppk_link *link, enum pppk_event event,
			     gfp_t gfp, u32 not_to);

/*
 * Tell the monitors what a LINK_SET changed of the controller's view; not
 * the sender, which knows (with 10,000 links, its own view coming back
 * would only fill its receive buffer).
 */
static void pppk_nl_view_events(struct pppk_link *link, unsigned long events,
				u32 sender)
{
	static const u8 order[] = {
		PPPK_EVENT_IP_DOWN, PPPK_EVENT_IPV6_DOWN, PPPK_EVENT_AUTH,
		PPPK_EVENT_PHASE, PPPK_EVENT_IP_UP, PPPK_EVENT_IPV6_UP,
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(order); i++)
		if (events & BIT(order[i]))
			pppk_nl_event_to(link, order[i], GFP_KERNEL, sender);
}

static int pppk_nl_link_set(struct sk_buff *skb, struct genl_info *info)
{
	struct pppk_proto_state protos[PPPK_MAX_PROTOS];
	struct nlattr **a = info->attrs;
	struct net_device *mtu_dev = NULL;
	unsigned long events = 0;
	struct pppk_link *link;
	int n_protos = -1, ret = 0;

	if (a[PPPK_A_LINK_PROTOS]) {
		n_protos = pppk_nl_parse_protos(a[PPPK_A_LINK_PROTOS], protos,
						info->extack);
		if (n_protos < 0)
			return n_protos;
	}
	if (a[PPPK_A_LINK_RX_PENDING]) {
		ret = pppk_nl_check_pending(a[PPPK_A_LINK_RX_PENDING],
					    info->extack);
		if (ret)
			return ret;
	}

	mutex_lock(&pppk_links_lock);
	link = pppk_nl_link(info);
	if (IS_ERR(link)) {
		ret = PTR_ERR(link);
		goto out;
	}

	spin_lock_bh(&link->cfg_lock);
	if (a[PPPK_A_LINK_ADOPT]) {
		pppk_nl_set_controller(link, info->snd_portid);
		write_pnet(&link->net, genl_info_net(info));
	}
	if (a[PPPK_A_LINK_PHASE] &&
	    link->phase != nla_get_u8(a[PPPK_A_LINK_PHASE])) {
		link->phase = nla_get_u8(a[PPPK_A_LINK_PHASE]);
		events |= BIT(PPPK_EVENT_PHASE);
	}
	if (n_protos >= 0) {
		memcpy(link->protos, protos, n_protos * sizeof(protos[0]));
		link->n_protos = n_protos;
	}
	if (a[PPPK_A_LINK_LCP_OPEN])
		link->lcp_open = nla_get_u8(a[PPPK_A_LINK_LCP_OPEN]);
	if (a[PPPK_A_LINK_IPV4_LOCAL])
		link->ipv4_local = nla_get_in_addr(a[PPPK_A_LINK_IPV4_LOCAL]);
	if (a[PPPK_A_LINK_IPV4_PEER])
		link->ipv4_peer = nla_get_in_addr(a[PPPK_A_LINK_IPV4_PEER]);
	if (a[PPPK_A_LINK_IPV4_DNS1])
		link->ipv4_dns[0] = nla_get_in_addr(a[PPPK_A_LINK_IPV4_DNS1]);
	if (a[PPPK_A_LINK_IPV4_DNS2])
		link->ipv4_dns[1] = nla_get_in_addr(a[PPPK_A_LINK_IPV4_DNS2]);
	if (a[PPPK_A_LINK_IPV6_LOCAL_ID])
		link->ipv6_local_id = nla_get_u64(a[PPPK_A_LINK_IPV6_LOCAL_ID]);
	if (a[PPPK_A_LINK_IPV6_PEER_ID])
		link->ipv6_peer_id = nla_get_u64(a[PPPK_A_LINK_IPV6_PEER_ID]);
	if (a[PPPK_A_LINK_IPV4_UP] &&
	    pppk_nl_set_flag(&link->ipv4_up, a[PPPK_A_LINK_IPV4_UP]))
		events |= BIT(link->ipv4_up ? PPPK_EVENT_IP_UP :
			      PPPK_EVENT_IP_DOWN);
	if (a[PPPK_A_LINK_IPV6_UP] &&
	    pppk_nl_set_flag(&link->ipv6_up, a[PPPK_A_LINK_IPV6_UP]))
		events |= BIT(link->ipv6_up ? PPPK_EVENT_IPV6_UP :
			      PPPK_EVENT_IPV6_DOWN);
	if (a[PPPK_A_LINK_AUTH_PEER] &&
	    pppk_nl_set_auth(&link->auth[PPPK_AUTH_WAY_PEER],
			     a[PPPK_A_LINK_AUTH_PEER]))
		events |= BIT(PPPK_EVENT_AUTH);
	if (a[PPPK_A_LINK_AUTH_SELF] &&
	    pppk_nl_set_auth(&link->auth[PPPK_AUTH_WAY_SELF],
			     a[PPPK_A_LINK_AUTH_SELF]))
		events |= BIT(PPPK_EVENT_AUTH);
	if (a[PPPK_A_LINK_TX])
		pppk_nl_set_cfg(a[PPPK_A_LINK_TX], &link->tx_cfg);
	if (a[PPPK_A_LINK_RX])
		pppk_nl_set_cfg(a[PPPK_A_LINK_RX], &link->rx_cfg);
	if (a[PPPK_A_LINK_RX_PENDING])
		pppk_nl_set_pending(link, a[PPPK_A_LINK_RX_PENDING]);
	if (a[PPPK_A_LINK_MAGIC_LOCAL])
		link->magic_local = nla_get_u32(a[PPPK_A_LINK_MAGIC_LOCAL]);
	if (a[PPPK_A_LINK_MAGIC_PEER])
		link->magic_peer = nla_get_u32(a[PPPK_A_LINK_MAGIC_PEER]);
	if (a[PPPK_A_LINK_ECHO_INTERVAL])
		link->echo_interval = nla_get_u32(a[PPPK_A_LINK_ECHO_INTERVAL]);
	if (a[PPPK_A_LINK_ECHO_FAILURE])
		link->echo_failure = nla_get_u32(a[PPPK_A_LINK_ECHO_FAILURE]);
	if (a[PPPK_A_LINK_ECHO_ADAPTIVE])
		WRITE_ONCE(link->echo_adaptive,
			   nla_get_u8(a[PPPK_A_LINK_ECHO_ADAPTIVE]));
	spin_unlock_bh(&link->cfg_lock);

	if (a[PPPK_A_LINK_RX])
		set_bit(PPPK_XMIT_RX_CONFIG, &link->xmit_flags);
	if (a[PPPK_A_LINK_TX] || a[PPPK_A_LINK_LCP_OPEN])
		pppk_send_config_changed(link);
	if (a[PPPK_A_LINK_TX]) {
		/* Under RTNL, which is never taken under pppk_links_lock. */
		mtu_dev = link->dev;
		dev_hold(mtu_dev);
	}
	if (a[PPPK_A_LINK_ECHO_INTERVAL] || a[PPPK_A_LINK_ECHO_FAILURE] ||
	    a[PPPK_A_LINK_LCP_OPEN])
		pppk_timers_update(link);
	if (events)
		pppk_nl_view_events(link, events, info->snd_portid);
	if (a[PPPK_A_LINK_CLOSE])
		pppk_nl_event(link, PPPK_EVENT_CLOSE_REQUESTED, GFP_KERNEL);
out:
	mutex_unlock(&pppk_links_lock);
	if (mtu_dev)
		ret = pppk_link_apply_mtu(mtu_dev, info->extack);
	return ret;
}

static void pppk_nl_note_confreq(struct pppk_link *link, const u8 *data,
				 unsigned int len)
{
	u16 plen = get_unaligned_be16(data + 2);

	spin_lock_bh(&link->cfg_lock);
	link->lcp_req.valid = plen >= 4 && plen <= len;
	if (link->lcp_req.valid) {
		link->lcp_req.id = data[1];
		link->lcp_req.len = plen - 4;
		link->lcp_req.crc = crc32_le(~0, data + 4, plen - 4);
	}
	spin_unlock_bh(&link->cfg_lock);
}

static int pppk_nl_frame_send(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **a = info->attrs;
	struct pppk_link *link;
	struct sk_buff *frame;
	u16 proto;
	int ret;

	if (!a[PPPK_A_FRAME_PROTO] || !a[PPPK_A_FRAME_DATA]) {
		NL_SET_ERR_MSG(info->extack, "frame protocol and data are required");
		return -EINVAL;
	}
	proto = nla_get_u16(a[PPPK_A_FRAME_PROTO]);
	/* RFC 1661 2: the low octet odd, the high octet even. */
	if (!(proto & 0x0001) || (proto & 0x0100)) {
		NL_SET_ERR_MSG_ATTR(info->extack, a[PPPK_A_FRAME_PROTO],
				    "not a valid PPP protocol number");
		return -EINVAL;
	}
	if (proto == PPPK_PROTO_IP || proto == PPPK_PROTO_IPV6) {
		NL_SET_ERR_MSG_ATTR(info->extack, a[PPPK_A_FRAME_PROTO],
				    "IPv4 and IPv6 are sent through the net_device");
		return -EINVAL;
	}
	frame = alloc_skb(nla_len(a[PPPK_A_FRAME_DATA]), GFP_KERNEL);
	if (!frame)
		return -ENOMEM;
	skb_put_data(frame, nla_data(a[PPPK_A_FRAME_DATA]),
		     nla_len(a[PPPK_A_FRAME_DATA]));

	mutex_lock(&pppk_links_lock);
	link = pppk_nl_link(info);
	if (IS_ERR(link)) {
		kfree_skb(frame);
		ret = PTR_ERR(link);
		goto out;
	}
	/* Our Configure-Request, as the Configure-Ack must echo it. */
	if (proto == PPPK_PROTO_LCP && nla_len(a[PPPK_A_FRAME_DATA]) >= 4 &&
	    frame->data[0] == PPPK_LCP_CONFREQ)
		pppk_nl_note_confreq(link, frame->data, frame->len);
	ret = pppk_send_ctrl(link, proto, frame);
	if (ret == -ENOTCONN)
		NL_SET_ERR_MSG(info->extack, "the link's tty is gone");
	else if (ret)
		NL_SET_ERR_MSG(info->extack, "transmit queue full");
	else
		atomic64_inc(&link->stats.tx_ctrl);
out:
	mutex_unlock(&pppk_links_lock);
	return ret;
}

static const struct genl_small_ops pppk_nl_ops[] = {
	{
		.cmd	= PPPK_CMD_LINK_NEW,
		.flags	= GENL_UNS_ADMIN_PERM,
		.doit	= pppk_nl_link_new,
	},
	{
		.cmd	= PPPK_CMD_LINK_DEL,
		.flags	= GENL_UNS_ADMIN_PERM,
		.doit	= pppk_nl_link_del,
	},
	{
		.cmd	= PPPK_CMD_LINK_GET,
		.flags	= GENL_UNS_ADMIN_PERM,
		.doit	= pppk_nl_link_get,
		.dumpit	= pppk_nl_link_dump,
	},
	{
		.cmd	= PPPK_CMD_LINK_SET,
		.flags	= GENL_UNS_ADMIN_PERM,
		.doit	= pppk_nl_link_set,
	},
	{
		.cmd	= PPPK_CMD_FRAME_SEND,
		.flags	= GENL_UNS_ADMIN_PERM,
		.doit	= pppk_nl_frame_send,
	},
};

enum {
	PPPK_NLGRP_EVENTS,
};

/* Events name links and ttys: listeners need CAP_NET_ADMIN too. */
static const struct genl_multicast_group pppk_nl_mcgrps[] = {
	[PPPK_NLGRP_EVENTS] = {
		.name	= PPPK_MCGRP_EVENTS,
		.flags	= GENL_MCAST_CAP_NET_ADMIN,
	},
};

static struct genl_family pppk_genl_family __ro_after_init = {
	.name		= PPPK_GENL_NAME,
	.version	= PPPK_GENL_VERSION,
	.maxattr	= PPPK_A_MAX,
	.policy		= pppk_policy,
	.netnsok	= true,
	.module		= THIS_MODULE,
	.small_ops	= pppk_nl_ops,
	.n_small_ops	= ARRAY_SIZE(pppk_nl_ops),
	/* Commands take their own locks; see device.c. */
	.parallel_ops	= true,
	.mcgrps		= pppk_nl_mcgrps,
	.n_mcgrps	= ARRAY_SIZE(pppk_nl_mcgrps),
};

/* What a view event (PPPK_EVENT_PHASE and after) is about. */
static int pppk_nl_put_event_view(struct sk_buff *msg, struct pppk_link *link,
				  enum pppk_event event)
{
	int ret = 0;

	spin_lock_bh(&link->cfg_lock);
	switch (event) {
	case PPPK_EVENT_PHASE:
		ret = nla_put_u8(msg, PPPK_A_LINK_PHASE, link->phase);
		break;
	case PPPK_EVENT_IP_UP:
	case PPPK_EVENT_IP_DOWN:
		ret = pppk_nl_put_ipv4(msg, link);
		break;
	case PPPK_EVENT_IPV6_UP:
	case PPPK_EVENT_IPV6_DOWN:
		ret = pppk_nl_put_ipv6(msg, link);
		break;
	case PPPK_EVENT_AUTH:
		ret = pppk_nl_put_auth(msg, link);
		break;
	default:
		break;
	}
	spin_unlock_bh(&link->cfg_lock);
	return ret;
}

/* An event for every listener but the socket @not_to (0: none). */
static void pppk_nl_event_to(struct pppk_link *link, enum pppk_event event,
			     gfp_t gfp, u32 not_to)
{
	struct net_device *dev = link->dev;
	struct sk_buff *msg;
	void *hdr;

	msg = genlmsg_new(NLMSG_GOODSIZE, gfp);
	if (!msg)
		return;
	hdr = genlmsg_put(msg, 0, 0, &pppk_genl_family, 0, PPPK_CMD_LINK_EVENT);
	if (!hdr ||
	    nla_put_u32(msg, PPPK_A_LINK_IFINDEX, dev->ifindex) ||
	    nla_put_string(msg, PPPK_A_LINK_IFNAME, dev->name) ||
	    nla_put_u32(msg, PPPK_A_EVENT, event) ||
	    (event == PPPK_EVENT_DEAD_PEER &&
	     nla_put_u32(msg, PPPK_A_LINK_ECHO_FAILURE,
			 READ_ONCE(link->echo_failure))) ||
	    (event >= PPPK_EVENT_PHASE &&
	     pppk_nl_put_event_view(msg, link, event))) {
		nlmsg_free(msg);
		return;
	}
	genlmsg_end(msg, hdr);
	genlmsg_multicast_netns(&pppk_genl_family, dev_net(dev), msg, not_to,
				PPPK_NLGRP_EVENTS, gfp);
}

void pppk_nl_event(struct pppk_link *link, enum pppk_event event, gfp_t gfp)
{
	pppk_nl_event_to(link, event, gfp, 0);
}

void pppk_nl_frame_up(struct pppk_link *link, u16 proto, const u8 *data,
		      size_t len)
{
	struct sk_buff *msg;
	struct net *net;
	u32 portid;
	void *hdr;

	spin_lock_bh(&link->cfg_lock);
	portid = link->controller;
	net = read_pnet(&link->net);
	spin_unlock_bh(&link->cfg_lock);
	if (!portid)
		goto drop;

	/* Longer ones go up cut short: enough for a Protocol-Reject. */
	len = min_t(size_t, len, PPPK_MAX_FRAME);
	msg = genlmsg_new(nla_total_size(len) + 64, GFP_ATOMIC);
	if (!msg)
		goto drop;
	hdr = genlmsg_put(msg, 0, 0, &pppk_genl_family, 0, PPPK_CMD_FRAME_RECV);
	if (!hdr ||
	    nla_put_u32(msg, PPPK_A_LINK_IFINDEX, link->dev->ifindex) ||
	    nla_put_u16(msg, PPPK_A_FRAME_PROTO, proto) ||
	    nla_put(msg, PPPK_A_FRAME_DATA, len, data)) {
		nlmsg_free(msg);
		goto drop;
	}
	genlmsg_end(msg, hdr);
	if (genlmsg_unicast(net, msg, portid))
		goto drop;
	pppk_stat_inc(&link->stats.rx_syncp, &link->stats.rx_ctrl);
	return;
drop:
	pppk_stat_inc(&link->stats.rx_syncp, &link->stats.rx_ctrl_dropped);
}

/* A controller's socket closed: its links have no controller now. */
static int pppk_nl_notify(struct notifier_block *nb, unsigned long state,
			  void *_notify)
{
	struct netlink_notify *notify = _notify;
	struct pppk_link *link;
	bool gone;

	if (state != NETLINK_URELEASE || notify->protocol != NETLINK_GENERIC ||
	    !notify->portid || !atomic_read(pppk_ctrl_bucket(notify->portid)))
		return NOTIFY_DONE;
	mutex_lock(&pppk_links_lock);
	list_for_each_entry(link, &pppk_links, list) {
		spin_lock_bh(&link->cfg_lock);
		gone = link->controller == notify->portid &&
		       net_eq(read_pnet(&link->net), notify->net);
		if (gone)
			pppk_nl_set_controller(link, 0);
		spin_unlock_bh(&link->cfg_lock);
		if (gone)
			pppk_nl_event(link, PPPK_EVENT_CONTROLLER_GONE,
				      GFP_KERNEL);
	}
	mutex_unlock(&pppk_links_lock);
	return NOTIFY_DONE;
}

static struct notifier_block pppk_nl_notifier = {
	.notifier_call = pppk_nl_notify,
};

int __init pppk_genl_init(void)
{
	int ret;

	ret = netlink_register_notifier(&pppk_nl_notifier);
	if (ret)
		return ret;
	ret = genl_register_family(&pppk_genl_family);
	if (ret)
		goto err_family;
	return 0;

err_family:
	netlink_unregister_notifier(&pppk_nl_notifier);
	return ret;
}

void pppk_genl_uninit(void)
{
	genl_unregister_family(&pppk_genl_family);
	netlink_unregister_notifier(&pppk_nl_notifier);
}
