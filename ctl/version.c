// SPDX-License-Identifier: GPL-2.0
/* pppctl version: the controller's version and what the kernel offers. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <linux/pppk.h>
#include "kernel/nl.h"
#include "pppctl.h"

static void usage(FILE *f)
{
	fprintf(f, "Usage: pppctl [-j] version\n"
		   "Print pppctl's version and the kernel family it finds.\n");
}

int cmd_version(int argc, char **argv)
{
	struct nl_family_info fi;
	struct nl nl;
	unsigned int i;
	int err;

	if (argc > 1) {
		usage(strcmp(argv[1], "--help") ? stderr : stdout);
		return strcmp(argv[1], "--help") ? 1 : 0;
	}
	err = nl_open(&nl);
	if (err == -ENOENT) {
		fprintf(stderr, "pppctl: the pppk kernel module is not loaded (modprobe pppk)\n");
		return 1;
	}
	if (err) {
		nl_perror(&nl, "pppk netlink family", err);
		return 1;
	}
	err = nl_get_family(&nl, PPPK_GENL_NAME, &fi);
	nl_close(&nl);
	if (err) {
		nl_perror(NULL, "pppk netlink family", err);
		return 1;
	}
	if (g_opts.json) {
		printf("{\"pppctl\":\"%s\",\"family\":{\"name\":\"%s\",\"id\":%u,"
		       "\"version\":%u,\"maxattr\":%u,\"groups\":[",
		       PPPCTL_VERSION, PPPK_GENL_NAME, fi.id, fi.version,
		       fi.maxattr);
		for (i = 0; i < fi.n_groups; i++)
			printf("%s{\"name\":\"%s\",\"id\":%u}", i ? "," : "",
			       fi.groups[i].name, fi.groups[i].id);
		printf("]}}\n");
		return 0;
	}
	printf("pppctl %s\nkernel family %s version %u id %u groups",
	       PPPCTL_VERSION, PPPK_GENL_NAME, fi.version, fi.id);
	for (i = 0; i < fi.n_groups; i++)
		printf(" %s(%u)", fi.groups[i].name, fi.groups[i].id);
	printf("\n");
	return 0;
}
