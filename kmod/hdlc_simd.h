/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The x86-64 SIMD half of the RFC 1662 framing core (hdlc_simd.c): FCS by
 * carry-less multiplication (PCLMULQDQ) and escaping and unescaping sixteen
 * octets a step (SSE4.1 compares, PSHUFB, POPCNT).  Only hdlc.c calls it,
 * and only between pppk_simd_begin() and pppk_simd_end(): the kernel
 * builds the rest of pppk.ko without SSE and saves no vector registers.
 *
 * Elsewhere (other architectures, or without the CPU features)
 * PPPK_HDLC_SIMD is not defined and hdlc.c keeps to its scalar code.
 */
#ifndef _PPPK_HDLC_SIMD_H
#define _PPPK_HDLC_SIMD_H

#include "hdlc.h"

#ifdef __KERNEL__
#ifdef CONFIG_X86_64
#define PPPK_HDLC_SIMD 1
#endif
#elif defined(__x86_64__)
#define PPPK_HDLC_SIMD 1
#endif

#ifdef PPPK_HDLC_SIMD

#ifdef __KERNEL__
#include <asm/cpufeature.h>
#include <asm/fpu/api.h>

/* Inputs shorter than this are not worth saving the user's FPU state. */
#define PPPK_HDLC_SIMD_MIN	128

static inline bool pppk_simd_cpu(void)
{
	return boot_cpu_has(X86_FEATURE_PCLMULQDQ) &&
	       boot_cpu_has(X86_FEATURE_XMM4_1) &&
	       boot_cpu_has(X86_FEATURE_POPCNT);
}
#endif
/* outside the kernel, tests/kcompat.h provides the same four hooks */

/*
 * Take the vector unit for one encode or decode of @len octets; false
 * means stay scalar (too short, CPU without the features, or a context
 * that cannot use the FPU, such as an interrupt that came in while it was
 * already in use).  Pair a true return with pppk_simd_end().
 */
static inline bool pppk_simd_begin(size_t len)
{
	if (len < PPPK_HDLC_SIMD_MIN || !pppk_simd_cpu() || !irq_fpu_usable())
		return false;
	kernel_fpu_begin();
	return true;
}

static inline void pppk_simd_end(void)
{
	kernel_fpu_end();
}

/* Shortest input for pppk_simd_fcs16() and pppk_simd_fcs32(). */
#define PPPK_SIMD_FCS_MIN	16

/* As pppk_fcs16() and pppk_fcs32(), for @len >= PPPK_SIMD_FCS_MIN. */
u16 pppk_simd_fcs16(u16 fcs, const u8 *buf, size_t len);
u32 pppk_simd_fcs32(u32 fcs, const u8 *buf, size_t len);

/* What makes an octet need escaping */
enum {
	PPPK_SIMD_ESC_FLAGS,	/* 0x7d and 0x7e only */
	PPPK_SIMD_ESC_CTL,	/* those and all of 0x00-0x1f */
	PPPK_SIMD_ESC_MAP,	/* those, @ctl and @xmap */
};

/*
 * Escape whole 16-octet blocks from *@pp (up to @end) into @o while 32
 * octets of room remain before @oend, and advance *@pp past them.  In
 * PPPK_SIMD_ESC_MAP mode octet c is escaped if it is 0x7d or 0x7e, if it is
 * below 0x20 with bit c of @ctl set, or if bit c % 32 of @xmap[c / 32] is
 * set (pppk_hdlc_tx.xmap, which x86's byte order makes a map of bit c % 8
 * of octet c / 8).  Returns the new output position; the rest is the
 * caller's to escape.
 */
u8 *pppk_simd_escape(const u32 *xmap, u32 ctl, unsigned int mode,
		     const u8 **pp, const u8 *end, u8 *o, const u8 *oend);

/*
 * Unescape 16-octet blocks of [@p, @end) into @rx's frame, up to the first
 * flag, octet to discard under the receive ACCM, or 0x7d that is itself
 * escaped, and while 16 octets of room remain before rx->limit; counts the
 * escapes.  @rx must have a buffer and rx->len <= rx->limit.  Returns how
 * far it got, which is @p when the next octet needs the scalar decoder.
 */
const u8 *pppk_simd_unescape(struct pppk_hdlc_rx *rx, const u8 *p,
			     const u8 *end);

#else /* !PPPK_HDLC_SIMD */

/* Scalar only: nothing takes the FPU, so the rest is never reached. */
#define PPPK_SIMD_FCS_MIN	16

static inline bool pppk_simd_begin(size_t len __maybe_unused)
{
	return false;
}

static inline void pppk_simd_end(void)
{
}

static inline u16 pppk_simd_fcs16(u16 fcs, const u8 *buf __maybe_unused,
				  size_t len __maybe_unused)
{
	return fcs;
}

static inline u32 pppk_simd_fcs32(u32 fcs, const u8 *buf __maybe_unused,
				  size_t len __maybe_unused)
{
	return fcs;
}

enum {
	PPPK_SIMD_ESC_FLAGS,
	PPPK_SIMD_ESC_CTL,
	PPPK_SIMD_ESC_MAP,
};

static inline u8 *pppk_simd_escape(const u32 *xmap __maybe_unused,
				   u32 ctl __maybe_unused,
				   unsigned int mode __maybe_unused,
				   const u8 **pp __maybe_unused,
				   const u8 *end __maybe_unused, u8 *o,
				   const u8 *oend __maybe_unused)
{
	return o;
}

static inline const u8 *pppk_simd_unescape(struct pppk_hdlc_rx *rx
					   __maybe_unused, const u8 *p,
					   const u8 *end __maybe_unused)
{
	return p;
}

#endif /* PPPK_HDLC_SIMD */
#endif /* _PPPK_HDLC_SIMD_H */
