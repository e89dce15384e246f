// SPDX-License-Identifier: GPL-2.0
/*
 * pppctl down IFNAME: end a link cleanly.  Its controller is asked through
 * the kernel to terminate it (LCP Terminate-Request, then the link is
 * deleted); a link nobody controls is deleted at once.  Waits until the
 * link is gone, at most --wait seconds (default 15).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/genetlink.h>

#include <linux/pppk.h>
#include "kernel/nl.h"
#include "pppctl.h"

static int controller_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *a;

	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr))
		if (mnl_attr_get_type(a) == PPPK_A_LINK_CONTROLLER &&
		    mnl_attr_validate(a, MNL_TYPE_U32) == 0)
			*(uint32_t *)data = mnl_attr_get_u32(a);
	return MNL_CB_OK;
}

static int get_link(struct nl *nl, const char *ifname, uint32_t *controller)
{
	struct nlmsghdr *nlh = nl_msg(nl, PPPK_CMD_LINK_GET, 0);

	mnl_attr_put_strz(nlh, PPPK_A_LINK_IFNAME, ifname);
	return nl_talk(nl, nlh, controller_cb, controller);
}

int cmd_down(int argc, char **argv)
{
	struct nlmsghdr *nlh;
	uint32_t controller = 0;
	int wait = 15, err, i;
	struct nl nl;

	if (argc == 4 && !strcmp(argv[2], "--wait")) {
		wait = atoi(argv[3]);
		argc = 2;
	}
	if (argc != 2 || argv[1][0] == '-') {
		bool help = argc == 2 && !strcmp(argv[1], "--help");

		fprintf(help ? stdout : stderr,
			"Usage: pppctl down IFNAME [--wait SECONDS]\n"
			"Terminate a link: its controller sends LCP Terminate-Request\n"
			"and deletes it; a link without a controller is deleted.\n");
		return help ? 0 : 1;
	}
	err = nl_open(&nl);
	if (err) {
		nl_perror(&nl, "pppk netlink family", err);
		return 1;
	}
	err = get_link(&nl, argv[1], &controller);
	if (err)
		goto out;
	nlh = nl_msg(&nl, controller ? PPPK_CMD_LINK_SET : PPPK_CMD_LINK_DEL, 0);
	mnl_attr_put_strz(nlh, PPPK_A_LINK_IFNAME, argv[1]);
	if (controller)
		mnl_attr_put(nlh, PPPK_A_LINK_CLOSE, 0, NULL);
	err = nl_talk(&nl, nlh, NULL, NULL);
	if (err)
		goto out;
	for (i = 0; i < wait * 10; i++) {
		if (get_link(&nl, argv[1], &controller) == -ENODEV)
			goto out;
		usleep(100000);
	}
	fprintf(stderr, "pppctl: %s: still there after %d s\n", argv[1], wait);
	nl_close(&nl);
	return 1;
out:
	if (err)
		nl_perror(&nl, argv[1], err);
	nl_close(&nl);
	return err ? 1 : 0;
}
