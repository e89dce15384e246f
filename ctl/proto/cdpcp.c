// SPDX-License-Identifier: GPL-2.0
/* CDPCP: no options.  See cdpcp.h. */
#include <string.h>

#include "cdpcp.h"
#include "opts.h"
#include "vocab.h"

/* cd->flags */
#define CDPCP_F_UP	0x01	/* hooks->up was called, down is owed */

#define HOOK(x, name)							\
	do {								\
		if ((x)->hooks && (x)->hooks->name)			\
			(x)->hooks->name((x)->owner);			\
	} while (0)

static struct cdpcp *C(struct fsm *f)
{
	return (struct cdpcp *)f;
}

static size_t cdpcp_build_req(struct fsm *f, uint8_t *buf, size_t cap)
{
	(void)f;
	(void)buf;
	(void)cap;
	return 0;
}

static int cdpcp_rcv_req(struct fsm *f, const uint8_t *opts, size_t len,
			 uint8_t *reply, size_t cap, size_t *reply_len,
			 bool reject_mode)
{
	struct cp_verdict v;
	struct ppp_opt_iter it;
	struct ppp_opt o;

	(void)f;
	cp_verdict_init(&v, reply, cap, reject_mode);
	ppp_opt_iter_init(&it, opts, len);
	while (ppp_opt_next(&it, &o) > 0)
		cp_rej(&v, &o);
	return cp_finish(&v, reply, cap, reply_len);
}

static bool cdpcp_rcv_nak(struct fsm *f, const uint8_t *opts, size_t len,
			  bool reject_mode)
{
	(void)f;
	(void)opts;
	(void)len;
	(void)reject_mode;
	return true;	/* we ask nothing, so there is nothing to change */
}

static void cdpcp_tlu(struct fsm *f)
{
	struct cdpcp *cd = C(f);

	cd->flags |= CDPCP_F_UP;
	HOOK(cd, up);
}

static void cdpcp_tld(struct fsm *f)
{
	struct cdpcp *cd = C(f);

	if (!(cd->flags & CDPCP_F_UP))
		return;
	cd->flags &= ~CDPCP_F_UP;
	HOOK(cd, down);
}

static void cdpcp_tls(struct fsm *f)
{
	HOOK(C(f), started);
}

static void cdpcp_tlf(struct fsm *f)
{
	HOOK(C(f), finished);
}

const struct fsm_proto cdpcp_proto = {
	.protocol = PPP_CDPCP,
	.name = "CDPCP",
	.build_req = cdpcp_build_req,
	.rcv_req = cdpcp_rcv_req,
	.rcv_nak = cdpcp_rcv_nak,
	.tlu = cdpcp_tlu,
	.tld = cdpcp_tld,
	.tls = cdpcp_tls,
	.tlf = cdpcp_tlf,
};

void cdpcp_init(struct cdpcp *cd, const struct fsm_ops *ops, void *ctx,
		const struct ncp_hooks *hooks, void *owner)
{
	memset(cd, 0, sizeof(*cd));
	fsm_init(&cd->fsm, &cdpcp_proto, ops, ctx);
	cd->hooks = hooks;
	cd->owner = owner;
}
