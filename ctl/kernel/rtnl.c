// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
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

/* One request, one ACK, on a short-lived socket. */
static int rtnl_talk(struct nlmsghdr *nlh)
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
	ret = mnl_cb_run(buf, n, nlh->nlmsg_seq, portid, NULL, NULL);
	ret = ret < 0 ? -errno : 0;
out:
	mnl_socket_close(nl);
	return ret;
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

int rtnl_default_route4(uint32_t ifindex, bool add)
{
	char buf[256];
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct rtmsg *rtm;

	nlh->nlmsg_type = add ? RTM_NEWROUTE : RTM_DELROUTE;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK |
			   (add ? NLM_F_CREATE | NLM_F_EXCL : 0);
	rtm = mnl_nlmsg_put_extra_header(nlh, sizeof(*rtm));
	rtm->rtm_family = AF_INET;
	rtm->rtm_table = RT_TABLE_MAIN;
	rtm->rtm_protocol = RTPROT_BOOT;
	rtm->rtm_scope = RT_SCOPE_LINK;
	rtm->rtm_type = RTN_UNICAST;
	mnl_attr_put_u32(nlh, RTA_OIF, ifindex);
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
