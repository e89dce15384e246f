/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The little of the kernel's environment that kmod/hdlc.[ch] need, for
 * building them into userspace tests, benchmarks and fuzzers.
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

#endif /* _PPPK_KCOMPAT_H */
