/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The little of the kernel's environment that kmod/hdlc.[ch] and
 * kmod/hdlc_simd.[ch] need, for building them into userspace tests,
 * benchmarks and fuzzers.
 */
#ifndef _PPPK_KCOMPAT_H
#define _PPPK_KCOMPAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int64_t s64;

#ifndef __always_inline
#define __always_inline inline __attribute__((always_inline))
#endif
#ifndef __aligned
#define __aligned(x) __attribute__((aligned(x)))
#endif
#ifndef __maybe_unused
#define __maybe_unused __attribute__((unused))
#endif

#ifdef __x86_64__
/*
 * Knobs for host programs, shared by every object that includes this (weak
 * definitions): pppk_hdlc_force_scalar keeps hdlc.c off the SIMD code
 * whatever the CPU has, so that tests can run both paths; the SIMD code is
 * taken for inputs of pppk_hdlc_simd_min octets or more (128 in the kernel),
 * which tests lower to reach it with short ones.
 */
__attribute__((weak)) bool pppk_hdlc_force_scalar;
__attribute__((weak)) size_t pppk_hdlc_simd_min = 128;

#define PPPK_HDLC_SIMD_MIN	pppk_hdlc_simd_min

/* What the kernel checks with boot_cpu_has(); false when forced scalar. */
static inline bool pppk_simd_cpu(void)
{
	return !pppk_hdlc_force_scalar && __builtin_cpu_supports("pclmul") &&
	       __builtin_cpu_supports("sse4.1") &&
	       __builtin_cpu_supports("popcnt");
}

/* In a process the vector registers are always ours to use. */
static inline bool irq_fpu_usable(void)
{
	return true;
}

static inline void kernel_fpu_begin(void)
{
}

static inline void kernel_fpu_end(void)
{
}
#endif

#endif /* _PPPK_KCOMPAT_H */
