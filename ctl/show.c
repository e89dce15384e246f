// SPDX-License-Identifier: GPL-2.0
/* pppctl show: list the kernel's pppk links. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <linux/genetlink.h>

#include <linux/pppk.h>
#include "nl.h"
#include "pppctl.h"

struct show_ctx {
	unsigned int n;
};

static int attr_cb(const struct nlattr *attr, void *data)
{
	const struct nlattr **tb = data;

	if (mnl_attr_type_valid(attr, PPPK_A_MAX) < 0)
		return MNL_CB_OK;
	tb[mnl_attr_get_type(attr)] = attr;
	return MNL_CB_OK;
}

static int link_cb(const struct nlmsghdr *nlh, void *data)
{
	struct nlattr *tb[PPPK_A_MAX + 1] = { 0 };
	struct show_ctx *ctx = data;
	const char *name = "?";
	uint32_t ifindex = 0;

	mnl_attr_parse(nlh, sizeof(struct genlmsghdr), attr_cb, tb);
	if (tb[PPPK_A_LINK_IFINDEX] &&
	    mnl_attr_validate(tb[PPPK_A_LINK_IFINDEX], MNL_TYPE_U32) == 0)
		ifindex = mnl_attr_get_u32(tb[PPPK_A_LINK_IFINDEX]);
	if (tb[PPPK_A_LINK_IFNAME] &&
	    mnl_attr_validate(tb[PPPK_A_LINK_IFNAME], MNL_TYPE_NUL_STRING) == 0)
		name = mnl_attr_get_str(tb[PPPK_A_LINK_IFNAME]);
	if (g_opts.json)
		printf("%s{\"ifindex\":%u,\"ifname\":\"%s\"}", ctx->n ? "," : "",
		       ifindex, name);
	else
		printf("%u: %s\n", ifindex, name);
	ctx->n++;
	return MNL_CB_OK;
}

int cmd_show(int argc, char **argv)
{
	struct show_ctx ctx = { 0 };
	struct nl nl;
	int err;

	if (argc > 1) {
		bool help = !strcmp(argv[1], "--help");

		fprintf(help ? stdout : stderr,
			"Usage: pppctl [-j] show\nList pppk links.\n");
		return help ? 0 : 1;
	}
	err = nl_open(&nl);
	if (err) {
		if (err == -ENOENT)
			fprintf(stderr, "pppctl: the pppk kernel module is not loaded (modprobe pppk)\n");
		else
			nl_perror(&nl, "pppk netlink family", err);
		return 1;
	}
	if (g_opts.json)
		printf("[");
	err = nl_talk(&nl, nl_msg(&nl, PPPK_CMD_LINK_GET, NLM_F_DUMP), link_cb,
		      &ctx);
	if (g_opts.json)
		printf("]\n");
	if (err)
		nl_perror(&nl, "listing links", err);
	nl_close(&nl);
	return err ? 1 : 0;
}
