// SPDX-License-Identifier: GPL-2.0
/*
 * Ladder diagrams of the exchange, this end on the left, the peer on the
 * right, as in the diagrams of Cisco's note:
 *
 *    line time          local                              peer
 *       5 00:06:37.034  |<--------- LCP CONFREQ id 7 ---------|  AuthProto PAP, ...
 *       9 00:06:37.054  |---------- LCP CONFREQ id 4 -------->|  AuthProto CHAP, ...
 *      28 00:06:37.189  |            LCP State is Open        |
 */
#include <string.h>

#include "output.h"
#include "proto/vocab.h"

#define WIDTH	40	/* between the two bars */
#define DETAIL	512

static void arrow(FILE *f, const char *label, char dir)
{
	char row[WIDTH + 1];
	size_t n = strlen(label), at;

	if (n > WIDTH - 6)
		n = WIDTH - 6;
	memset(row, '-', WIDTH);
	row[WIDTH] = 0;
	at = (WIDTH - n - 2) / 2;
	row[at] = ' ';
	memcpy(row + at + 1, label, n);
	row[at + 1 + n] = ' ';
	if (dir == 'O')
		row[WIDTH - 1] = '>';
	else
		row[0] = '<';
	fprintf(f, "|%s|", row);
}

static void note(FILE *f, const char *label)
{
	size_t n = strlen(label), at;

	if (n > WIDTH - 2)
		n = WIDTH - 2;
	at = (WIDTH - n) / 2;
	fprintf(f, "|%*s%.*s%*s|", (int)at, "", (int)n, label,
		(int)(WIDTH - at - n), "");
}

static void ladder_row(FILE *f, const struct dl_link *l, const struct dl_ev *e)
{
	char label[128], detail[DETAIL];

	explain_label(label, sizeof(label), l, e);
	explain_detail(detail, sizeof(detail), l, e);
	fprintf(f, "%8u %-13.13s ", e->line, e->stamp);
	if (e->type == DL_PACKET && (e->dir == 'I' || e->dir == 'O'))
		arrow(f, label, e->dir);
	else
		note(f, label);
	if (detail[0])
		fprintf(f, "  %s", detail);
	fputc('\n', f);
}

void explain_ladder(FILE *f, const struct dlog *g)
{
	int i;
	size_t k;

	for (i = 0; i < dlog_nlinks(g); i++) {
		const struct dl_link *l = dlog_link(g, i);
		char name[DL_IFNAMSIZ + 16];

		fprintf(f, "\n%8s %-13s %-*s%s\n", "line", "time", WIDTH + 1,
			explain_link_name(name, sizeof(name), g, l), "peer");
		for (k = 0; k < l->nev; k++)
			if (explain_in_ladder(&l->ev[k]))
				ladder_row(f, l, &l->ev[k]);
	}
}

/* ---- SVG ---- */

#define ROW	20
#define X_LOCAL	230
#define X_PEER	590
#define X_TEXT	(X_PEER + 12)

static void xml(FILE *f, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&':
			fputs("&amp;", f);
			break;
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		default:
			/* Control characters are not allowed in XML 1.0. */
			if ((unsigned char)*s >= 0x20 && (unsigned char)*s < 0x7f)
				fputc(*s, f);
			else
				fputc('?', f);
		}
	}
}

static void svg_text(FILE *f, int x, int y, const char *anchor,
		     const char *cls, const char *s)
{
	fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\" class=\"%s\">",
		x, y, anchor, cls);
	xml(f, s);
	fputs("</text>\n", f);
}

static void svg_row(FILE *f, const struct dl_link *l, const struct dl_ev *e,
		    int y)
{
	char label[128], detail[DETAIL], left[48];

	explain_label(label, sizeof(label), l, e);
	explain_detail(detail, sizeof(detail), l, e);
	snprintf(left, sizeof(left), "%u %s", e->line, e->stamp);
	svg_text(f, 8, y, "start", "n", left);
	if (e->type == DL_PACKET && (e->dir == 'I' || e->dir == 'O')) {
		fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
			"marker-end=\"url(#a)\"/>\n",
			e->dir == 'O' ? X_LOCAL : X_PEER, y,
			e->dir == 'O' ? X_PEER : X_LOCAL, y);
		svg_text(f, (X_LOCAL + X_PEER) / 2, y - 4, "middle", "l", label);
	} else {
		svg_text(f, (X_LOCAL + X_PEER) / 2, y, "middle", "s", label);
	}
	if (detail[0])
		svg_text(f, X_TEXT, y, "start", "d", detail);
}

static size_t ladder_rows(const struct dl_link *l)
{
	size_t k, n = 0;

	for (k = 0; k < l->nev; k++)
		n += explain_in_ladder(&l->ev[k]);
	return n;
}

void explain_svg(FILE *f, const struct dlog *g)
{
	size_t rows = 0, k;
	int i, y = 0, top;

	for (i = 0; i < dlog_nlinks(g); i++)
		rows += ladder_rows(dlog_link(g, i)) + 3;
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		   "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1200\" "
		   "height=\"%zu\" font-family=\"monospace\" font-size=\"12\">\n"
		   "<style>line{stroke:#000} .s{fill:#555} .n{fill:#777} "
		   ".d{fill:#036} .h{font-weight:bold}</style>\n"
		   "<defs><marker id=\"a\" markerWidth=\"8\" markerHeight=\"8\" "
		   "refX=\"8\" refY=\"4\" orient=\"auto\"><path d=\"M0,0 L8,4 "
		   "L0,8 z\"/></marker></defs>\n", (rows + 1) * ROW);
	for (i = 0; i < dlog_nlinks(g); i++) {
		const struct dl_link *l = dlog_link(g, i);
		char name[DL_IFNAMSIZ + 16];

		y += 2 * ROW;
		svg_text(f, X_LOCAL, y, "middle", "h",
			 explain_link_name(name, sizeof(name), g, l));
		svg_text(f, X_PEER, y, "middle", "h", "peer");
		top = y + 4;
		for (k = 0; k < l->nev; k++)
			if (explain_in_ladder(&l->ev[k]))
				svg_row(f, l, &l->ev[k], y += ROW);
		fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n"
			   "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n",
			X_LOCAL, top, X_LOCAL, y + 6, X_PEER, top, X_PEER, y + 6);
		y += ROW;
	}
	fputs("</svg>\n", f);
}
