/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A small streaming JSON writer: objects and arrays nest, commas come by
 * themselves, every string is escaped.  Bytes outside printable ASCII
 * become \u00XX, so the output is valid JSON (and ASCII) whatever the
 * strings held: an interface name may hold any byte but '/' and ':'.
 */
#ifndef PPPCTL_JSON_H
#define PPPCTL_JSON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define JW_DEPTH_MAX	16

struct jw {
	FILE *f;
	int depth;
	bool first[JW_DEPTH_MAX];	/* nothing written yet at this level */
	bool after_key;			/* the next value is a key's */
	bool bad;			/* nesting misused: a bug, said once */
};

void jw_init(struct jw *w, FILE *f);
void jw_obj(struct jw *w);
void jw_obj_end(struct jw *w);
void jw_arr(struct jw *w);
void jw_arr_end(struct jw *w);
void jw_key(struct jw *w, const char *key);
/* A string; NULL writes null. */
void jw_str(struct jw *w, const char *s);
void jw_uint(struct jw *w, uint64_t v);
void jw_bool(struct jw *w, bool b);
void jw_null(struct jw *w);

#endif
