// SPDX-License-Identifier: GPL-2.0
/*
 * pppctl explain [FILE|-]: read a `debug ppp negotiation` log (pppk's or
 * Cisco IOS's) or pppd's debug log, and say what happened on each link,
 * and why it failed.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "explain/output.h"
#include "pppctl.h"

static void usage(FILE *f)
{
	fprintf(f, "Usage: pppctl [-j] explain [-j] [--no-ladder] [--svg FILE] [FILE|-]\n"
		   "Explain a `debug ppp negotiation` log from pppk or Cisco IOS\n"
		   "(11.x's too), or pppd's debug log (syslog prefixes allowed,\n"
		   "one section per pppd process):\n"
		   "phases, LCP, authentication, NCPs, the route, a diagnosis\n"
		   "citing line numbers, and a ladder of the exchange.\n"
		   "  -j            JSON output\n"
		   "  --no-ladder   leave the ladder out\n"
		   "  --svg FILE    also write the ladder as SVG to FILE\n"
		   "FILE defaults to standard input.\n");
}

struct explain_args {
	bool json, ladder, help;
	const char *svg, *file;
};

static int parse_args(int argc, char **argv, struct explain_args *a)
{
	static const struct option longopts[] = {
		{ "no-ladder", no_argument, NULL, 'L' },
		{ "svg", required_argument, NULL, 'S' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	memset(a, 0, sizeof(*a));
	a->json = g_opts.json;
	a->ladder = true;
	optind = 1;
	while ((c = getopt_long(argc, argv, "+jh", longopts, NULL)) != -1) {
		switch (c) {
		case 'j':
			a->json = true;
			break;
		case 'L':
			a->ladder = false;
			break;
		case 'S':
			a->svg = optarg;
			break;
		case 'h':
			a->help = true;
			return 0;
		default:
			return -1;
		}
	}
	if (argc - optind > 1) {
		fprintf(stderr, "pppctl explain: one log at most, not '%s' and '%s'\n",
			argv[optind], argv[optind + 1]);
		return -1;
	}
	a->file = optind < argc ? argv[optind] : "-";
	return 0;
}

static struct dlog *read_log(const char *file)
{
	bool stdin_ = !strcmp(file, "-");
	FILE *f = stdin_ ? stdin : fopen(file, "r");
	struct dlog *g;
	int err;

	if (!f) {
		fprintf(stderr, "pppctl explain: %s: %s\n", file, strerror(errno));
		return NULL;
	}
	g = dlog_new();
	if (!g) {
		fprintf(stderr, "pppctl explain: out of memory\n");
	} else if ((err = dlog_read(g, f))) {
		fprintf(stderr, "pppctl explain: reading %s: %s\n",
			stdin_ ? "standard input" : file, strerror(-err));
		dlog_free(g);
		g = NULL;
	} else {
		dlog_end(g);
	}
	if (!stdin_)
		fclose(f);
	return g;
}

static int write_svg(const struct dlog *g, const char *path)
{
	FILE *f = fopen(path, "w");

	if (!f) {
		fprintf(stderr, "pppctl explain: %s: %s\n", path, strerror(errno));
		return -1;
	}
	explain_svg(f, g);
	if (fclose(f)) {
		fprintf(stderr, "pppctl explain: writing %s: %s\n", path,
			strerror(errno));
		return -1;
	}
	return 0;
}

int cmd_explain(int argc, char **argv)
{
	struct explain_args a;
	struct dlog *g;
	int rc = 0;

	if (parse_args(argc, argv, &a)) {
		fprintf(stderr, "Usage: pppctl [-j] explain [-j] [--no-ladder] "
			"[--svg FILE] [FILE|-] (see --help)\n");
		return 1;
	}
	if (a.help) {
		usage(stdout);
		return 0;
	}
	g = read_log(a.file);
	if (!g)
		return 1;
	if (a.json) {
		explain_json(stdout, g, a.ladder);
	} else {
		explain_text(stdout, g);
		if (a.ladder)
			explain_ladder(stdout, g);
	}
	if (a.svg && write_svg(g, a.svg))
		rc = 1;
	dlog_free(g);
	return rc;
}
