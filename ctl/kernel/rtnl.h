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
/* A /128 route to an IPv6 peer (the kernel does not always add one). */
int rtnl_host_route6(uint32_t ifindex, bool add, const struct in6_addr *dst);
int rtnl_set_mtu(uint32_t ifindex, unsigned int mtu);

#endif
