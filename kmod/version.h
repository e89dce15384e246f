/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _PPPK_VERSION_H
#define _PPPK_VERSION_H

#define PPPK_VERSION "0.1.0"

#endif /* _PPPK_VERSION_H */
