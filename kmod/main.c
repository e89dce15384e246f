// SPDX-License-Identifier: GPL-2.0
/*
 * pppk module entry: brings the subsystems up, the netlink family last so
 * that nobody can reach a half-initialised module, and down in reverse.
 */

#include <linux/module.h>
#include <net/genetlink.h>
#include <uapi/linux/pppk.h>

#include "device.h"
#include "ldisc.h"
#include "netlink.h"
#include "version.h"

static int __init pppk_init(void)
{
	int ret;

	ret = pppk_ldisc_init();
	if (ret < 0)
		goto err_ldisc;

	ret = pppk_device_init();
	if (ret < 0)
		goto err_device;

	ret = pppk_genl_init();
	if (ret < 0)
		goto err_netlink;

	return 0;

err_netlink:
	pppk_device_uninit();
err_device:
	pppk_ldisc_uninit();
err_ldisc:
	return ret;
}

static void __exit pppk_exit(void)
{
	/* No new requests, then every link down, then the discipline. */
	pppk_genl_uninit();
	pppk_device_uninit();
	pppk_ldisc_uninit();
}

module_init(pppk_init);
module_exit(pppk_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("PPP data plane driven by a userspace controller");
MODULE_AUTHOR("The pppk authors");
MODULE_VERSION(PPPK_VERSION);
MODULE_ALIAS_GENL_FAMILY(PPPK_GENL_NAME);
