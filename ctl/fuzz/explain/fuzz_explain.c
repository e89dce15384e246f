// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the log reader behind `pppctl explain`: any bytes,
 * fed in two chunks split where the first byte says, must read without a
 * crash, and every writer must run; the JSON must be valid (and ASCII).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "explain/log.h"
#include "explain/output.h"
#include "pppctl.h"
#include "tests/json_check.h"


static void sink(struct dlog *g)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		return;
	explain_text(f, g);
	explain_ladder(f, g);
	explain_svg(f, g);
	fclose(f);
	free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dlog *g = dlog_new();
	size_t cut = size ? data[0] % (size + 1) : 0, len = 0;
	char *buf = NULL;
	FILE *f;

	if (!g)
		return 0;
	dlog_feed(g, (const char *)data, cut);
	dlog_feed(g, (const char *)data + cut, size - cut);
	dlog_end(g);
	sink(g);
	f = open_memstream(&buf, &len);
	if (f) {
		explain_json(f, g, true);
		fclose(f);
		if (!json_valid(buf, len, true))
			abort();
		free(buf);
	}
	dlog_free(g);
	return 0;
}
