// SPDX-License-Identifier: GPL-2.0
/*
 * The "pppk" generic netlink family: the only door between a link and its
 * controller.  One strict policy for the whole attribute space; every
 * operation needs CAP_NET_ADMIN in the namespace of the caller's socket.
 */

#include <linux/if.h>
#include <net/genetlink.h>
#include <uapi/linux/pppk.h>

#include "netlink.h"

static const struct nla_policy pppk_policy[PPPK_A_MAX + 1] = {
	[PPPK_A_LINK_IFINDEX]	= { .type = NLA_U32 },
	[PPPK_A_LINK_IFNAME]	= { .type = NLA_NUL_STRING, .len = IFNAMSIZ - 1 },
};

static int pppk_nl_link_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	if (!info->attrs[PPPK_A_LINK_IFINDEX] && !info->attrs[PPPK_A_LINK_IFNAME]) {
		NL_SET_ERR_MSG(info->extack, "link ifindex or ifname required");
		return -EINVAL;
	}
	NL_SET_ERR_MSG(info->extack, "no such pppk link");
	return -ENODEV;
}

static int pppk_nl_link_get_dumpit(struct sk_buff *skb,
				   struct netlink_callback *cb)
{
	/* No links exist yet in this version of the module. */
	return 0;
}

static const struct genl_small_ops pppk_nl_ops[] = {
	{
		.cmd	= PPPK_CMD_LINK_GET,
		.flags	= GENL_UNS_ADMIN_PERM,
		.doit	= pppk_nl_link_get_doit,
		.dumpit	= pppk_nl_link_get_dumpit,
	},
};

static const struct genl_multicast_group pppk_nl_mcgrps[] = {
	{ .name = PPPK_MCGRP_EVENTS },
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
	.mcgrps		= pppk_nl_mcgrps,
	.n_mcgrps	= ARRAY_SIZE(pppk_nl_mcgrps),
};

int __init pppk_genl_init(void)
{
	return genl_register_family(&pppk_genl_family);
}

void pppk_genl_uninit(void)
{
	genl_unregister_family(&pppk_genl_family);
}
