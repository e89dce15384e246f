// SPDX-License-Identifier: GPL-2.0
/* The JSON writer of pppctl's -j output (json.h). */
#include <inttypes.h>

#include "json.h"

void jw_init(struct jw *w, FILE *f)
{
	w->f = f;
	w->depth = 0;
	w->first[0] = true;
	w->after_key = false;
	w->bad = false;
}

/* Before any key or value: the comma that separates it from the last. */
static void sep(struct jw *w)
{
	if (w->after_key) {
		w->after_key = false;
		return;
	}
	if (!w->first[w->depth])
		fputc(',', w->f);
	w->first[w->depth] = false;
}

static void open_level(struct jw *w, char c)
{
	sep(w);
	fputc(c, w->f);
	if (w->depth + 1 >= JW_DEPTH_MAX) {
		w->bad = true;
		return;
	}
	w->first[++w->depth] = true;
}

static void close_level(struct jw *w, char c)
{
	if (w->depth == 0)
		w->bad = true;
	else
		w->depth--;
	fputc(c, w->f);
}

void jw_obj(struct jw *w)
{
	open_level(w, '{');
}

void jw_obj_end(struct jw *w)
{
	close_level(w, '}');
}

void jw_arr(struct jw *w)
{
	open_level(w, '[');
}

void jw_arr_end(struct jw *w)
{
	close_level(w, ']');
}

static void str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		switch (c) {
		case '"':  fputs("\\\"", f); break;
		case '\\': fputs("\\\\", f); break;
		case '\b': fputs("\\b", f); break;
		case '\f': fputs("\\f", f); break;
		case '\n': fputs("\\n", f); break;
		case '\r': fputs("\\r", f); break;
		case '\t': fputs("\\t", f); break;
		default:
			if (c < 0x20 || c > 0x7e)
				fprintf(f, "\\u%04x", c);
			else
				fputc(c, f);
		}
	}
	fputc('"', f);
}

void jw_key(struct jw *w, const char *key)
{
	sep(w);
	str(w->f, key);
	fputc(':', w->f);
	w->after_key = true;
}

void jw_str(struct jw *w, const char *s)
{
	sep(w);
	if (s)
		str(w->f, s);
	else
		fputs("null", w->f);
}

void jw_uint(struct jw *w, uint64_t v)
{
	sep(w);
	fprintf(w->f, "%" PRIu64, v);
}

void jw_bool(struct jw *w, bool b)
{
	sep(w);
	fputs(b ? "true" : "false", w->f);
}

void jw_null(struct jw *w)
{
	sep(w);
	fputs("null", w->f);
}
