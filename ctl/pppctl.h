/* SPDX-License-Identifier: GPL-2.0 */
#ifndef PPPCTL_H
#define PPPCTL_H

#include <stdbool.h>

#define PPPCTL_VERSION "0.1.0"

/* Options that come before the subcommand, iproute2 style. */
struct global_opts {
	bool json;	/* -j */
	bool stats;	/* -s */
};

extern struct global_opts g_opts;

/* One subcommand each; argv[0] is the subcommand's own name. */
int cmd_call(int argc, char **argv);
int cmd_down(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_monitor(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_up(int argc, char **argv);
int cmd_version(int argc, char **argv);

struct nlmsghdr;
struct jw;
/*
 * pppctl show's output for one link, from the kernel's answer to
 * PPPK_CMD_LINK_GET: JSON through @w, or text when @w is NULL.
 */
void show_link(const struct nlmsghdr *nlh, struct jw *w);

#endif
