/* SPDX-License-Identifier: GPL-2.0 */
#ifndef PPPCTL_H
#define PPPCTL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

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
int cmd_wait(int argc, char **argv);

struct nlmsghdr;
struct jw;
/*
 * pppctl show's output for one link, from the kernel's answer to
 * PPPK_CMD_LINK_GET: JSON through @w, or text when @w is NULL.
 */
void show_link(const struct nlmsghdr *nlh, struct jw *w);
/*
 * pppctl monitor's line for one PPPK_CMD_LINK_EVENT message, to @f: text,
 * or JSON with @json (@stamp its "time"); other messages print nothing.
 */
void monitor_event(const struct nlmsghdr *nlh, FILE *f, bool json,
		   const char *stamp);

/* pppctl wait: the states a script waits for (wait.c). */
enum wait_target {
	WAIT_UP, WAIT_DOWN, WAIT_IP_UP, WAIT_IP_DOWN, WAIT_IPV6_UP,
	WAIT_IPV6_DOWN,
};

struct wait_args {
	const char *ifname;
	const char *word;	/* the state as given */
	enum wait_target target;
	long long timeout_ms;	/* -1: none */
};

/* What wait knows of the link, from LINK_GET and the events since. */
struct wait_state {
	bool exists;
	unsigned int phase;	/* enum pppk_phase */
	bool ipv4_up, ipv6_up;
};

/* argv[0] "wait": 0, or -1 with one line in @err (exit status 2). */
int wait_parse(int argc, char **argv, struct wait_args *w, char *err,
	       size_t errlen);
bool wait_reached(enum wait_target t, const struct wait_state *st);
/* Apply a LINK_GET answer or a LINK_EVENT of the link to @st. */
void wait_apply(struct wait_state *st, const struct nlmsghdr *nlh);

#endif
