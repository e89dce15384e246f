/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A packet as pppd's `debug` writes it, from the words of vocab.c:
 *
 *   sent [LCP ConfReq id=0x1 <asyncmap 0x0> <magic 0x5f2e3a1b> <pcomp> <accomp>]
 *   rcvd [CHAP Challenge id=0x1 <8a4f0e2c...>, name = "isp-bras"]
 *   rcvd [PAP AuthReq id=0x31 user="bob" password=<hidden>]
 *
 * for `debug-format pppd` (debug.c), so that people who read pppd's logs
 * read pppk's, and explain reads them back as a pppd log.  Every length is
 * checked; a PAP password is never shown.
 */
#ifndef PPPK_DBGPPPD_H
#define PPPK_DBGPPPD_H

#include <stddef.h>
#include <stdint.h>

/*
 * The line for packet pkt[0..len) from the code on, sent ('O') or received
 * ('I'), into buf (always NUL-terminated, no newline).  Returns what
 * snprintf would have written.
 */
int dbg_pppd_packet(char *buf, size_t n, uint16_t proto, char dir,
		    const uint8_t *pkt, size_t len);

/* Options alone as pppd writes them: "<asyncmap 0x0> <magic 0x5f2e3a1b>". */
int dbg_pppd_options(char *buf, size_t n, uint16_t proto, const uint8_t *opts,
		     size_t len);

#endif
