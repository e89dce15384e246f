// SPDX-License-Identifier: GPL-2.0
/* pppctl version: the controller's version and what the kernel offers. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <linux/pppk.h>
#include "kernel/nl.h"
#include "json.h"
#include "pppctl.h"

static void usage(FILE *f)
{
	fprintf(f, "Usage: pppctl [-j] version\n"
		   "Print pppctl's version and the kernel family it finds.\n");
}

/*
 * The controller's version, and the family's as found (NULL: none;
 * @missing: because the module is not loaded).
 */
static void print(const struct nl_family_info *fi, bool missing)
{
	unsigned int i;
	struct jw w;

	if (!g_opts.json) {
		printf("pppctl %s\n", PPPCTL_VERSION);
		if (!fi && missing)
			printf("kernel family %s not found: the pppk kernel module is not loaded (modprobe pppk)\n",
			       PPPK_GENL_NAME);
		if (!fi)
			return;
		printf("kernel family %s version %u id %u groups",
		       PPPK_GENL_NAME, fi->version, fi->id);
		for (i = 0; i < fi->n_groups; i++)
			printf(" %s(%u)", fi->groups[i].name, fi->groups[i].id);
		printf("\n");
		return;
	}
	jw_init(&w, stdout);
	jw_obj(&w);
	jw_key(&w, "pppctl");
	jw_str(&w, PPPCTL_VERSION);
	jw_key(&w, "family");
	if (!fi) {
		jw_null(&w);
	} else {
		jw_obj(&w);
		jw_key(&w, "name");
		jw_str(&w, PPPK_GENL_NAME);
		jw_key(&w, "id");
		jw_uint(&w, fi->id);
		jw_key(&w, "version");
		jw_uint(&w, fi->version);
		jw_key(&w, "maxattr");
		jw_uint(&w, fi->maxattr);
		jw_key(&w, "groups");
		jw_arr(&w);
		for (i = 0; i < fi->n_groups; i++) {
			jw_obj(&w);
			jw_key(&w, "name");
			jw_str(&w, fi->groups[i].name);
			jw_key(&w, "id");
			jw_uint(&w, fi->groups[i].id);
			jw_obj_end(&w);
		}
		jw_arr_end(&w);
		jw_obj_end(&w);
	}
	jw_obj_end(&w);
	printf("\n");
}

int cmd_version(int argc, char **argv)
{
	struct nl_family_info fi;
	struct nl nl;
	int err;

	if (argc > 1) {
		bool help = !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h");

		usage(help ? stdout : stderr);
		return help ? 0 : 1;
	}
	/* Without the module, still the controller's own version. */
	err = nl_open(&nl);
	if (err == -ENOENT) {
		print(NULL, true);
		return 0;
	}
	if (err) {
		print(NULL, false);
		nl_perror(&nl, "pppk netlink family", err);
		return 1;
	}
	err = nl_get_family(&nl, PPPK_GENL_NAME, &fi);
	nl_close(&nl);
	if (err) {
		print(NULL, false);
		nl_perror(NULL, "pppk netlink family", err);
		return 1;
	}
	print(&fi, false);
	return 0;
}
