/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the NCPs ask of the IP stack once they open, over rtnetlink: bring
 * the interface up, put addresses on it (with the peer's, which is what
 * installs the route to the peer), a default route.
 */
#ifndef PPPCTL_RTNL_H
#define PPPCTL_RTNL_H

#include <stdbool.h>
#include <stdint.h>
#include <netinet/in.h>

/* Each returns 0 or -errno; *err (may be NULL) gets the kernel's message. */
int rtnl_link_up(uint32_t ifindex, bool up);
/* local/32, and with @peer non-NULL "peer" so the kernel routes to it. */
int rtnl_addr4(uint32_t ifindex, bool add, struct in_addr local,
	       const struct in_addr *peer);
int rtnl_addr6(uint32_t ifindex, bool add, const struct in6_addr *local,
	       const struct in6_addr *peer);
int rtnl_default_route4(uint32_t ifindex, bool add);

/* A default route of the main table, as saved to be put back. */
struct rtnl_route4 {
	uint32_t oif, gateway, prefsrc;	/* addresses in network order */
	uint8_t protocol, scope;
	bool valid;
};
/*
 * The default route ours would collide with (main table, metric 0), in
 * *@r: 0, -ENOENT when there is none.
 */
int rtnl_default_route4_find(struct rtnl_route4 *r);
/* Ours through @ifindex in its place, in one request (pppd's replace). */
int rtnl_default_route4_replace(uint32_t ifindex);
/* Put a saved route back (it must not exist). */
int rtnl_route4_restore(const struct rtnl_route4 *r);
/* A /128 route to an IPv6 peer (the kernel does not always add one). */
int rtnl_host_route6(uint32_t ifindex, bool add, const struct in6_addr *dst);
int rtnl_set_mtu(uint32_t ifindex, unsigned int mtu);

/* The interface's data counters (IFLA_STATS64): IP packets, not LCP. */
struct rtnl_counters {
	uint64_t rx_packets, tx_packets, rx_bytes, tx_bytes;
};
int rtnl_link_counters(uint32_t ifindex, struct rtnl_counters *c);

#endif
