// SPDX-License-Identifier: GPL-2.0
/*
 * framing_bench: throughput of the RFC 1662 framing core (kmod/hdlc.c)
 * against the byte-at-a-time reference (kmod/tests/hdlc_ref.h), in the same
 * binary and on the same data.
 *
 *   framing_bench [--json FILE] [--time SECONDS]
 *
 * Each cell encodes or decodes a pool of random payloads of one size under
 * one ACCM (no ACFC/PFC, FCS-16) for about --time seconds (default 0.3),
 * split into TRIALS runs of which the fastest counts (other load on the
 * machine only ever slows a run down).  GB/s counts payload octets (10^9
 * per second), not escaped wire octets.
 *
 * "core" is kmod/hdlc.c as the kernel runs it: on x86-64 with PCLMULQDQ and
 * SSE4.1, the SIMD code (kmod/hdlc_simd.c) for inputs of 128 octets or
 * more; "scalar" is the same code kept to its fallback (slicing-by-16 FCS,
 * word-at-a-time scan), as on other CPUs.  The first line names the path.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "hdlc.h"
#include "hdlc_ref.h"
#include "hdlc_simd.h"

#define POOL_BYTES	(256 * 1024)	/* payload octets per pass */
#define TRIALS		5

/* Run kmod/hdlc.c scalar only, or as the CPU allows. */
static void force_scalar(bool on)
{
#ifdef PPPK_HDLC_SIMD
	pppk_hdlc_force_scalar = on;
#else
	(void)on;
#endif
}

static const char *path_name(void)
{
#ifdef PPPK_HDLC_SIMD
	if (pppk_simd_cpu())
		return "pclmul";
#endif
	return "slice16";
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static unsigned long long rng = 0x243f6a8885a308d3ULL;

static unsigned int rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng >> 32;
}

/* what a cell works on */
struct work {
	size_t size;		/* payload octets per frame */
	size_t nframes;
	u32 accm;
	u8 *payload;		/* nframes * size */
	u8 *stream;		/* the frames encoded back to back */
	size_t stream_len;
	u8 *out;		/* encoder output, one frame */
	u8 *rxbuf;
	struct pppk_hdlc_tx tx;
	struct ref_tx rtx;
	size_t sink;		/* keeps results alive */
	int errors;
};

static volatile size_t sink;

/* One pass; returns payload octets processed. */
static size_t enc_core(struct work *w)
{
	for (size_t i = 0; i < w->nframes; i++)
		w->sink += pppk_hdlc_encode(&w->tx, 0x0021,
					    w->payload + i * w->size, w->size,
					    w->out,
					    pppk_hdlc_max_encoded(w->size), 0);
	return w->nframes * w->size;
}

static size_t enc_ref(struct work *w)
{
	for (size_t i = 0; i < w->nframes; i++)
		w->sink += ref_encode(&w->rtx, 0x0021,
				      w->payload + i * w->size, w->size,
				      w->out, 0);
	return w->nframes * w->size;
}

static size_t dec_core(struct work *w)
{
	size_t bufsize = pppk_hdlc_rx_buf_size(w->size);
	const u8 *p = w->stream, *end = p + w->stream_len;
	struct pppk_hdlc_frame f;
	struct pppk_hdlc_rx rx;
	size_t got = 0;

	pppk_hdlc_rx_init(&rx, w->size);
	pppk_hdlc_rx_config(&rx, w->accm, w->size, false);
	pppk_hdlc_rx_set_buf(&rx, w->rxbuf, bufsize);
	while (pppk_hdlc_decode(&rx, &p, end, &f)) {
		got += f.len;
		pppk_hdlc_rx_set_buf(&rx, w->rxbuf, bufsize);
	}
	if (rx.stats.good != w->nframes)
		w->errors++;
	w->sink += got;
	return got;
}

static size_t dec_ref(struct work *w)
{
	struct ref_rx rx;

	ref_rx_init(&rx, w->accm, w->size, false, w->rxbuf,
		    pppk_hdlc_rx_buf_size(w->size));
	ref_decode(&rx, w->stream, w->stream_len);
	if (rx.stats.good != w->nframes)
		w->errors++;
	w->sink += rx.stats.good;
	return rx.stats.good * w->size;
}

static size_t fcs16_core(struct work *w)
{
	for (size_t i = 0; i < w->nframes; i++)
		w->sink += pppk_fcs16(0xffff, w->payload + i * w->size, w->size);
	return w->nframes * w->size;
}

static size_t fcs16_ref(struct work *w)
{
	for (size_t i = 0; i < w->nframes; i++)
		w->sink += ref_fcs16(0xffff, w->payload + i * w->size, w->size);
	return w->nframes * w->size;
}

static size_t fcs32_core(struct work *w)
{
	for (size_t i = 0; i < w->nframes; i++)
		w->sink += pppk_fcs32(0xffffffff, w->payload + i * w->size,
				      w->size);
	return w->nframes * w->size;
}

static size_t fcs32_ref(struct work *w)
{
	for (size_t i = 0; i < w->nframes; i++)
		w->sink += ref_fcs32(0xffffffff, w->payload + i * w->size,
				     w->size);
	return w->nframes * w->size;
}

/* GB/s of @fn, the best of TRIALS runs sharing about @secs seconds. */
static double measure(size_t (*fn)(struct work *), struct work *w, double secs)
{
	double t0, t, best = 0;
	long passes = 1, i;

	/* warm up and calibrate on one pass */
	t0 = now();
	fn(w);
	t = now() - t0;
	if (t > 0)
		passes = (long)(secs / TRIALS / t) + 1;
	for (int k = 0; k < TRIALS; k++) {
		double bytes = 0;

		t0 = now();
		for (i = 0; i < passes; i++)
			bytes += fn(w);
		t = now() - t0;
		if (bytes / t / 1e9 > best)
			best = bytes / t / 1e9;
	}
	return best;
}

static int setup(struct work *w, size_t size, u32 accm)
{
	size_t cap;

	memset(w, 0, sizeof(*w));
	w->size = size;
	w->accm = accm;
	w->nframes = POOL_BYTES / size;
	if (w->nframes < 16)
		w->nframes = 16;
	cap = w->nframes * pppk_hdlc_max_encoded(size);
	w->payload = malloc(w->nframes * size);
	w->stream = malloc(cap);
	w->out = malloc(pppk_hdlc_max_encoded(size));
	w->rxbuf = malloc(pppk_hdlc_rx_buf_size(size));
	if (!w->payload || !w->stream || !w->out || !w->rxbuf)
		return -1;
	for (size_t i = 0; i < w->nframes * size; i++)
		w->payload[i] = rnd() >> 8;
	pppk_hdlc_tx_config(&w->tx, accm, NULL, 0);
	w->rtx.accm = accm;
	/* first frame opens with a flag, then each shares the last's */
	for (size_t i = 0; i < w->nframes; i++)
		w->stream_len += pppk_hdlc_encode(&w->tx, 0x0021,
						  w->payload + i * size, size,
						  w->stream + w->stream_len,
						  cap - w->stream_len,
						  i ? 0 : PPPK_HDLC_ENC_FLAG);
	return 0;
}

static void teardown(struct work *w)
{
	sink += w->sink;
	free(w->payload);
	free(w->stream);
	free(w->out);
	free(w->rxbuf);
}

int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		size_t (*core)(struct work *);
		size_t (*ref)(struct work *);
		bool all_accms;
	} ops[] = {
		{ "encode", enc_core, enc_ref, true },
		{ "decode", dec_core, dec_ref, true },
		{ "fcs16", fcs16_core, fcs16_ref, false },
		{ "fcs32", fcs32_core, fcs32_ref, false },
	};
	static const size_t sizes[] = { 64, 1500, 16384 };
	static const u32 accms[] = { 0, 0xffffffff };
	const char *json = NULL;
	double secs = 0.3;
	FILE *jf = NULL;
	int errors = 0, first = 1;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json") && i + 1 < argc) {
			json = argv[++i];
		} else if (!strcmp(argv[i], "--time") && i + 1 < argc) {
			secs = strtod(argv[++i], NULL);
		} else {
			fprintf(stderr, "usage: %s [--json FILE] [--time SECONDS]\n",
				argv[0]);
			return 2;
		}
	}
	if (json) {
		jf = fopen(json, "w");
		if (!jf) {
			fprintf(stderr, "framing_bench: cannot write %s: %s\n",
				json, strerror(errno));
			return 1;
		}
		fprintf(jf, "[\n");
	}
	ref_init();

	printf("# core: %s; scalar: slice16 (word-at-a-time scan)\n",
	       path_name());
	printf("%-7s %6s %-10s %10s %12s %10s %7s\n", "op", "bytes", "accm",
	       "core GB/s", "scalar GB/s", "ref GB/s", "ratio");
	for (size_t o = 0; o < sizeof(ops) / sizeof(ops[0]); o++) {
		for (size_t s = 0; s < 3; s++) {
			for (size_t a = 0; a < 2; a++) {
				struct work w;
				double c, sc, r;

				if (!ops[o].all_accms && a)
					continue;
				if (setup(&w, sizes[s], accms[a])) {
					fprintf(stderr, "framing_bench: out of memory\n");
					return 1;
				}
				c = measure(ops[o].core, &w, secs);
				force_scalar(true);
				sc = measure(ops[o].core, &w, secs);
				force_scalar(false);
				r = measure(ops[o].ref, &w, secs);
				errors += w.errors;
				printf("%-7s %6zu 0x%08x %10.2f %12.2f %10.2f %6.1fx\n",
				       ops[o].name, sizes[s], accms[a], c, sc, r,
				       c / r);
				fflush(stdout);
				if (jf)
					fprintf(jf, "%s  {\"op\": \"%s\", \"bytes\": %zu, \"accm\": \"0x%08x\", \"path\": \"%s\", \"core_gbps\": %.3f, \"scalar_gbps\": %.3f, \"ref_gbps\": %.3f, \"ratio\": %.2f}",
						first ? "" : ",\n", ops[o].name,
						sizes[s], accms[a], path_name(),
						c, sc, r, c / r);
				first = 0;
				teardown(&w);
			}
		}
	}
	if (jf) {
		fprintf(jf, "\n]\n");
		if (fclose(jf)) {
			fprintf(stderr, "framing_bench: cannot write %s: %s\n",
				json, strerror(errno));
			return 1;
		}
	}
	if (errors) {
		fprintf(stderr, "framing_bench: %d decode passes lost frames\n",
			errors);
		return 1;
	}
	return 0;
}
