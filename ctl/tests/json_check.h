/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A strict JSON checker (RFC 8259) for tests and fuzz targets: one value,
 * nothing after it but blanks; strings with valid escapes and no control
 * characters; numbers in JSON's grammar.  ascii_only also refuses bytes
 * above 0x7f, which pppctl never writes.  Header-only.
 */
#ifndef PPPK_JSON_CHECK_H
#define PPPK_JSON_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

struct jc {
	const char *p, *end;
	int depth;
	bool ascii_only;
};

static inline bool jc_value(struct jc *j);

static inline void jc_ws(struct jc *j)
{
	while (j->p < j->end && strchr(" \t\r\n", *j->p) && *j->p)
		j->p++;
}

static inline bool jc_lit(struct jc *j, const char *w)
{
	size_t n = strlen(w);

	if ((size_t)(j->end - j->p) < n || memcmp(j->p, w, n))
		return false;
	j->p += n;
	return true;
}

static inline bool jc_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	       (c >= 'A' && c <= 'F');
}

static inline bool jc_string(struct jc *j)
{
	int i;

	if (j->p >= j->end || *j->p != '"')
		return false;
	for (j->p++; j->p < j->end; j->p++) {
		unsigned char c = (unsigned char)*j->p;

		if (c == '"') {
			j->p++;
			return true;
		}
		if (c < 0x20 || (j->ascii_only && c > 0x7e))
			return false;
		if (c != '\\')
			continue;
		if (++j->p >= j->end)
			return false;
		if (*j->p == 'u') {
			for (i = 0; i < 4; i++)
				if (++j->p >= j->end || !jc_hex(*j->p))
					return false;
		} else if (!strchr("\"\\/bfnrt", *j->p) || !*j->p) {
			return false;
		}
	}
	return false;
}

static inline bool jc_digits(struct jc *j)
{
	const char *s = j->p;

	while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
		j->p++;
	return j->p > s;
}

static inline bool jc_number(struct jc *j)
{
	if (j->p < j->end && *j->p == '-')
		j->p++;
	if (j->p < j->end && *j->p == '0')
		j->p++;
	else if (!jc_digits(j))
		return false;
	if (j->p < j->end && *j->p == '.') {
		j->p++;
		if (!jc_digits(j))
			return false;
	}
	if (j->p < j->end && (*j->p == 'e' || *j->p == 'E')) {
		j->p++;
		if (j->p < j->end && (*j->p == '+' || *j->p == '-'))
			j->p++;
		if (!jc_digits(j))
			return false;
	}
	return true;
}

/* Members of an object (obj) or elements of an array, after the bracket. */
static inline bool jc_items(struct jc *j, bool obj)
{
	char close = obj ? '}' : ']';

	jc_ws(j);
	if (j->p < j->end && *j->p == close) {
		j->p++;
		return true;
	}
	for (;;) {
		jc_ws(j);
		if (obj) {
			if (!jc_string(j))
				return false;
			jc_ws(j);
			if (j->p >= j->end || *j->p++ != ':')
				return false;
		}
		if (!jc_value(j))
			return false;
		jc_ws(j);
		if (j->p >= j->end)
			return false;
		if (*j->p == close) {
			j->p++;
			return true;
		}
		if (*j->p++ != ',')
			return false;
	}
}

static inline bool jc_value(struct jc *j)
{
	bool ok;

	jc_ws(j);
	if (j->p >= j->end)
		return false;
	switch (*j->p) {
	case '{':
	case '[':
		if (++j->depth > 64)
			return false;
		ok = jc_items(j, *j->p++ == '{');
		j->depth--;
		return ok;
	case '"':
		return jc_string(j);
	case 't':
		return jc_lit(j, "true");
	case 'f':
		return jc_lit(j, "false");
	case 'n':
		return jc_lit(j, "null");
	}
	return jc_number(j);
}

/* True when s[0..len) is exactly one valid JSON value. */
static inline bool json_valid(const char *s, size_t len, bool ascii_only)
{
	struct jc j = { s, s + len, 0, ascii_only };

	if (!jc_value(&j))
		return false;
	jc_ws(&j);
	return j.p == j.end;
}

#endif
