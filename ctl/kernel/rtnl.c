// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <libmnl/libmnl.h>
#include <linux/if.h>
#include <linux/if_addr.h>
#include <linux/rtnetlink.h>

#include "rtnl.h"

/* One request, one ACK (or answer, to @cb), on a short-lived socket. */
static int rtnl_talk_cb(struct nlmsghdr *nlh, mnl_cb_t cb, void *data)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct mnl_socket *nl = mnl_socket_open(NETLINK_ROUTE);
	unsigned int portid;
	ssize_t n;
	int ret;

	if (!nl)
		return -errno;
	if (mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0) {
		ret = -errno;
		goto out;
	}
	portid = mnl_socket_get_portid(nl);
	nlh->nlmsg_seq = (uint32_t)time(NULL);
	if (mnl_socket_sendto(nl, nlh, nlh->nlmsg_len) < 0) {
		ret = -errno;
		goto out;
	}
	n = mnl_socket_recvfrom(nl, buf, sizeof(buf));
	if (n < 0) {
		ret = -errno;
		goto out;
	}
	ret = mnl_cb_run(buf, n, nlh->nlmsg_seq, portid, cb, data);
	ret = ret < 0 ? -errno : 0;
out:
	mnl_socket_close(nl);
	return ret;
}

static int rtnl_talk(struct nlmsghdr *nlh)
{
	return rtnl_talk_cb(nlh, NULL, NULL);
}

/* RTM_NEWLINK for @ifindex changing @change flags to @flags; @mtu if not 0. */
static int rtnl_newlink(uint32_t ifindex, unsigned int change,
			unsigned int flags, unsigned int mtu)
{
	char buf[256];
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct ifinfomsg *ifi;

	nlh->nlmsg_type = RTM_NEWLINK;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
	ifi->ifi_index = ifindex;
	ifi->ifi_change = change;
	ifi->ifi_flags = flags;
	if (mtu)
		mnl_attr_put_u32(nlh, IFLA_MTU, mtu);
	return rtnl_talk(nlh);
}

int rtnl_link_up(uint32_t ifindex, bool up)
{
	return rtnl_newlink(ifindex, IFF_UP, up ? IFF_UP : 0, 0);
}

int rtnl_set_mtu(uint32_t ifindex, unsigned int mtu)
{
	return rtnl_newlink(ifindex, 0, 0, mtu);
}

static int rtnl_addr(uint32_t ifindex, bool add, int family,
		     const void *local, const void *peer, size_t alen)
{
	char buf[256];
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct ifaddrmsg *ifa;

	nlh->nlmsg_type = add ? RTM_NEWADDR : RTM_DELADDR;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK |
			   (add ? NLM_F_CREATE | NLM_F_REPLACE : 0);
	ifa = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifa));
	ifa->ifa_family = family;
	ifa->ifa_prefixlen = alen * 8;
	ifa->ifa_index = ifindex;
	ifa->ifa_scope = family == AF_INET6 &&
			 ((const uint8_t *)local)[0] == 0xfe ? RT_SCOPE_LINK :
			 RT_SCOPE_UNIVERSE;
	/* IPv6: no DAD flag needed, a NOARP device skips it anyway. */
	mnl_attr_put(nlh, IFA_LOCAL, alen, local);
	mnl_attr_put(nlh, IFA_ADDRESS, alen, peer ? peer : local);
	return rtnl_talk(nlh);
}

int rtnl_addr4(uint32_t ifindex, bool add, struct in_addr local,
	       const struct in_addr *peer)
{
	return rtnl_addr(ifindex, add, AF_INET, &local, peer, 4);
}

int rtnl_addr6(uint32_t ifindex, bool add, const struct in6_addr *local,
	       const struct in6_addr *peer)
{
	return rtnl_addr(ifindex, add, AF_INET6, local, peer, 16);
}

static int default_route4(uint32_t ifindex, bool add, uint16_t flags)
{
	char buf[256];
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct rtmsg *rtm;

	nlh->nlmsg_type = add ? RTM_NEWROUTE : RTM_DELROUTE;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | (add ? flags : 0);
	rtm = mnl_nlmsg_put_extra_header(nlh, sizeof(*rtm));
	rtm->rtm_family = AF_INET;
	rtm->rtm_table = RT_TABLE_MAIN;
	rtm->rtm_protocol = RTPROT_BOOT;
	rtm->rtm_scope = RT_SCOPE_LINK;
	rtm->rtm_type = RTN_UNICAST;
	mnl_attr_put_u32(nlh, RTA_OIF, ifindex);
	return rtnl_talk(nlh);
}

int rtnl_default_route4(uint32_t ifindex, bool add)
{
	return default_route4(ifindex, add, NLM_F_CREATE | NLM_F_EXCL);
}

int rtnl_default_route4_replace(uint32_t ifindex)
{
	return default_route4(ifindex, true, NLM_F_CREATE | NLM_F_REPLACE);
}

struct route_find {
	struct rtnl_route4 *r;
};

static int route_cb(const struct nlmsghdr *nlh, void *data)
{
	struct route_find *f = data;
	const struct rtmsg *rtm = mnl_nlmsg_get_payload(nlh);
	struct rtnl_route4 r = { .valid = true };
	uint32_t table = rtm->rtm_table, prio = 0;
	const struct nlattr *a;

	if (nlh->nlmsg_type != RTM_NEWROUTE || f->r->valid ||
	    rtm->rtm_family != AF_INET || rtm->rtm_dst_len || rtm->rtm_tos ||
	    rtm->rtm_type != RTN_UNICAST)
		return MNL_CB_OK;
	mnl_attr_for_each(a, nlh, sizeof(*rtm)) {
		if (mnl_attr_validate(a, MNL_TYPE_U32) < 0)
			continue;
		switch (mnl_attr_get_type(a)) {
		case RTA_TABLE: table = mnl_attr_get_u32(a); break;
		case RTA_PRIORITY: prio = mnl_attr_get_u32(a); break;
		case RTA_OIF: r.oif = mnl_attr_get_u32(a); break;
		case RTA_GATEWAY: r.gateway = mnl_attr_get_u32(a); break;
		case RTA_PREFSRC: r.prefsrc = mnl_attr_get_u32(a); break;
		}
	}
	if (table != RT_TABLE_MAIN || prio)
		return MNL_CB_OK;
	r.protocol = rtm->rtm_protocol;
	r.scope = rtm->rtm_scope;
	*f->r = r;
	return MNL_CB_OK;
}

int rtnl_default_route4_find(struct rtnl_route4 *r)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct route_find f = { .r = r };
	struct mnl_socket *nl = mnl_socket_open(NETLINK_ROUTE);
	uint32_t seq = (uint32_t)time(NULL);
	unsigned int portid;
	struct rtmsg *rtm;
	ssize_t n;
	int ret;

	memset(r, 0, sizeof(*r));
	if (!nl)
		return -errno;
	nlh->nlmsg_type = RTM_GETROUTE;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	nlh->nlmsg_seq = seq;
	rtm = mnl_nlmsg_put_extra_header(nlh, sizeof(*rtm));
	rtm->rtm_family = AF_INET;
	if (mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0 ||
	    mnl_socket_sendto(nl, nlh, nlh->nlmsg_len) < 0) {
		ret = -errno;
		goto out;
	}
	portid = mnl_socket_get_portid(nl);
	do {
		n = mnl_socket_recvfrom(nl, buf, sizeof(buf));
		if (n < 0) {
			ret = -errno;
			goto out;
		}
		/* the answers overwrite the request in buf */
		ret = mnl_cb_run(buf, n, seq, portid, route_cb, &f);
	} while (ret > MNL_CB_STOP);
	ret = ret < 0 ? -errno : r->valid ? 0 : -ENOENT;
out:
	mnl_socket_close(nl);
	return ret;
}

int rtnl_route4_restore(const struct rtnl_route4 *r)
{
	char buf[256];
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct rtmsg *rtm;

	nlh->nlmsg_type = RTM_NEWROUTE;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE |
			   NLM_F_EXCL;
	rtm = mnl_nlmsg_put_extra_header(nlh, sizeof(*rtm));
	rtm->rtm_family = AF_INET;
	rtm->rtm_table = RT_TABLE_MAIN;
	rtm->rtm_protocol = r->protocol;
	rtm->rtm_scope = r->scope;
	rtm->rtm_type = RTN_UNICAST;
	if (r->oif)
		mnl_attr_put_u32(nlh, RTA_OIF, r->oif);
	if (r->gateway)
		mnl_attr_put_u32(nlh, RTA_GATEWAY, r->gateway);
	if (r->prefsrc)
		mnl_attr_put_u32(nlh, RTA_PREFSRC, r->prefsrc);
	return rtnl_talk(nlh);
}

int rtnl_host_route6(uint32_t ifindex, bool add, const struct in6_addr *dst)
{
	char buf[256];
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct rtmsg *rtm;

	nlh->nlmsg_type = add ? RTM_NEWROUTE : RTM_DELROUTE;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK |
			   (add ? NLM_F_CREATE | NLM_F_REPLACE : 0);
	rtm = mnl_nlmsg_put_extra_header(nlh, sizeof(*rtm));
	rtm->rtm_family = AF_INET6;
	rtm->rtm_dst_len = 128;
	rtm->rtm_table = RT_TABLE_MAIN;
	rtm->rtm_protocol = RTPROT_BOOT;
	rtm->rtm_scope = RT_SCOPE_UNIVERSE;
	rtm->rtm_type = RTN_UNICAST;
	mnl_attr_put(nlh, RTA_DST, sizeof(*dst), dst);
	mnl_attr_put_u32(nlh, RTA_OIF, ifindex);
	return rtnl_talk(nlh);
}

struct counters_req {
	struct rtnl_counters *c;
	bool found;
};

static int counters_cb(const struct nlmsghdr *nlh, void *data)
{
	struct counters_req *r = data;
	const struct nlattr *a;

	mnl_attr_for_each(a, nlh, sizeof(struct ifinfomsg)) {
		const char *st;

		if (mnl_attr_get_type(a) != IFLA_STATS64 ||
		    mnl_attr_get_payload_len(a) < sizeof(struct rtnl_link_stats64))
			continue;
		/* 4-aligned in the message: copied out, never dereferenced */
		st = mnl_attr_get_payload(a);
#define GET(f) memcpy(&r->c->f, st + offsetof(struct rtnl_link_stats64, f), \
		      sizeof(uint64_t))
		GET(rx_packets);
		GET(tx_packets);
		GET(rx_bytes);
		GET(tx_bytes);
#undef GET
		r->found = true;
	}
	return MNL_CB_OK;
}

int rtnl_link_counters(uint32_t ifindex, struct rtnl_counters *c)
{
	char buf[256];
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct counters_req r = { .c = c };
	struct ifinfomsg *ifi;
	int ret;

	memset(c, 0, sizeof(*c));
	nlh->nlmsg_type = RTM_GETLINK;
	nlh->nlmsg_flags = NLM_F_REQUEST;
	ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
	ifi->ifi_index = ifindex;
	/* no IFLA_EXT_MASK: the answer stays small (no VF info) */
	ret = rtnl_talk_cb(nlh, counters_cb, &r);
	if (!ret && !r.found)
		ret = -ENODATA;
	return ret;
}
