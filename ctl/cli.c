// SPDX-License-Identifier: GPL-2.0
/*
 * The options given before the subcommand (-j, -s).  Defined in the library
 * rather than in main so that tests and fuzz targets linking subcommands
 * get them too.
 */
#include "pppctl.h"

struct global_opts g_opts;
