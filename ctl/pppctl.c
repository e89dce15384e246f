// SPDX-License-Identifier: GPL-2.0
/*
 * pppctl: the pppk controller.  A dispatch table of subcommands, one file
 * each, in the manner of wireguard-tools.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "pppctl.h"


static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *help;
} subcommands[] = {
	{ "call", cmd_call, "bring up a pppd peer: /etc/ppp/peers/NAME (pppd options)" },
	{ "down", cmd_down, "terminate a link" },
	{ "explain", cmd_explain, "explain a debug ppp negotiation log" },
	{ "monitor", cmd_monitor, "print link events as they happen" },
	{ "show", cmd_show, "list links" },
	{ "up", cmd_up, "bring links up on ttys and run them (pppd options)" },
	{ "version", cmd_version, "print versions of pppctl and the kernel family" },
	{ "wait", cmd_wait, "wait until a link is up, down, ip-up, ..." },
};

static void usage(FILE *f)
{
	size_t i;

	fprintf(f, "Usage: pppctl [-j] [-s] <command> [arguments]\n\n"
		   "Commands:\n");
	for (i = 0; i < sizeof(subcommands) / sizeof(subcommands[0]); i++)
		fprintf(f, "  %-10s %s\n", subcommands[i].name,
			subcommands[i].help);
	fprintf(f, "\nOptions:\n"
		   "  -j, --json     JSON output\n"
		   "  -s, --stats    include statistics\n"
		   "  -h, --help     this help\n"
		   "  -V, --version  pppctl's version\n"
		   "Each command takes --help.\n");
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "stats", no_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	size_t i;
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, "+jshV", longopts, NULL)) != -1) {
		switch (c) {
		case 'j':
			g_opts.json = true;
			break;
		case 's':
			g_opts.stats = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("pppctl %s\n", PPPCTL_VERSION);
			return 0;
		default:
			/* a short option by its letter, a long one whole */
			if (optopt)
				fprintf(stderr, "pppctl: unknown option '-%c' (try pppctl --help)\n",
					optopt);
			else
				fprintf(stderr, "pppctl: unknown option '%s' (try pppctl --help)\n",
					argv[optind - 1]);
			return 1;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1) {
		usage(stderr);
		return 1;
	}
	if (!strcmp(argv[0], "help") || !strcmp(argv[0], "--help")) {
		usage(stdout);
		return 0;
	}
	for (i = 0; i < sizeof(subcommands) / sizeof(subcommands[0]); i++)
		if (!strcmp(argv[0], subcommands[i].name))
			return subcommands[i].fn(argc, argv);
	fprintf(stderr, "pppctl: unknown command '%s' (try pppctl help)\n",
		argv[0]);
	return 1;
}
