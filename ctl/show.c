// SPDX-License-Identifier: GPL-2.0
/*
 * pppctl show [IFNAME]: the kernel's pppk links, as the controller pushed
 * them down: phase, the state of each protocol, the addresses IPCP and
 * IPV6CP agreed, authentication each way, the framing options in
 * force each way, magic numbers, keepalives; -s adds the counters, -j
 * prints JSON.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>
#include <linux/genetlink.h>

#include <linux/pppk.h>
#include "proto/fsm.h"
#include "kernel/kstats.h"
#include "kernel/kview.h"
#include "kernel/nl.h"
#include "json.h"
#include "pppctl.h"
#include "proto/vocab.h"

struct cfg {
	uint32_t accm;
	unsigned int pfc, acfc, fcs32, mru;
};

struct link_info {
	uint32_t ifindex, controller, magic, peer_magic, echo_interval,
		 echo_failure;
	const char *ifname, *tty;
	unsigned int phase, lcp_open, ipv4, ipv6, adaptive;
	struct cfg tx, rx;
	unsigned int n_protos;
	struct {
		uint16_t number;
		uint8_t state;
	} protos[PPPK_MAX_PROTOS];
	unsigned int n_stats;
	struct {
		int type;
		uint64_t value;
	} stats[PPPK_A_STAT_MAX + 1];
	struct kview v;		/* addresses, authentication */
};

static void parse_cfg(const struct nlattr *nest, struct cfg *c)
{
	const struct nlattr *a;

	mnl_attr_for_each_nested(a, nest) {
		switch (mnl_attr_get_type(a)) {
		case PPPK_A_CFG_ACCM:
			if (mnl_attr_validate(a, MNL_TYPE_U32) == 0)
				c->accm = mnl_attr_get_u32(a);
			break;
		case PPPK_A_CFG_PFC:
			if (mnl_attr_validate(a, MNL_TYPE_U8) == 0)
				c->pfc = mnl_attr_get_u8(a);
			break;
		case PPPK_A_CFG_ACFC:
			if (mnl_attr_validate(a, MNL_TYPE_U8) == 0)
				c->acfc = mnl_attr_get_u8(a);
			break;
		case PPPK_A_CFG_FCS32:
			if (mnl_attr_validate(a, MNL_TYPE_U8) == 0)
				c->fcs32 = mnl_attr_get_u8(a);
			break;
		case PPPK_A_CFG_MRU:
			if (mnl_attr_validate(a, MNL_TYPE_U16) == 0)
				c->mru = mnl_attr_get_u16(a);
			break;
		}
	}
}

static void parse_protos(const struct nlattr *nest, struct link_info *li)
{
	const struct nlattr *e, *a;

	mnl_attr_for_each_nested(e, nest) {
		if (li->n_protos == PPPK_MAX_PROTOS)
			break;
		li->protos[li->n_protos].number = 0;
		li->protos[li->n_protos].state = 0;
		mnl_attr_for_each_nested(a, e) {
			if (mnl_attr_get_type(a) == PPPK_A_PROTO_NUMBER &&
			    mnl_attr_validate(a, MNL_TYPE_U16) == 0)
				li->protos[li->n_protos].number = mnl_attr_get_u16(a);
			if (mnl_attr_get_type(a) == PPPK_A_PROTO_STATE &&
			    mnl_attr_validate(a, MNL_TYPE_U8) == 0)
				li->protos[li->n_protos].state = mnl_attr_get_u8(a);
		}
		li->n_protos++;
	}
}

static void parse_stats(const struct nlattr *nest, struct link_info *li)
{
	const struct nlattr *a;

	mnl_attr_for_each_nested(a, nest) {
		int t = mnl_attr_get_type(a);

		if (t <= 0 || t > PPPK_A_STAT_MAX || !kstat_name(t) ||
		    mnl_attr_validate(a, MNL_TYPE_U64) < 0)
			continue;	/* unknown to this pppctl: skip */
		li->stats[li->n_stats].type = t;
		li->stats[li->n_stats].value = mnl_attr_get_u64(a);
		li->n_stats++;
	}
}

static uint32_t u32_of(const struct nlattr *a)
{
	return mnl_attr_validate(a, MNL_TYPE_U32) == 0 ? mnl_attr_get_u32(a) : 0;
}

static unsigned int u8_of(const struct nlattr *a)
{
	return mnl_attr_validate(a, MNL_TYPE_U8) == 0 ? mnl_attr_get_u8(a) : 0;
}

static void parse_link(const struct nlmsghdr *nlh, struct link_info *li)
{
	const struct nlattr *a;

	memset(li, 0, sizeof(*li));
	li->ifname = "?";
	kview_init(&li->v);
	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		kview_attr(&li->v, a);
		switch (mnl_attr_get_type(a)) {
		case PPPK_A_LINK_IFINDEX: li->ifindex = u32_of(a); break;
		case PPPK_A_LINK_IFNAME:
			if (mnl_attr_validate(a, MNL_TYPE_NUL_STRING) == 0)
				li->ifname = mnl_attr_get_str(a);
			break;
		case PPPK_A_LINK_TTY_NAME:
			if (mnl_attr_validate(a, MNL_TYPE_NUL_STRING) == 0)
				li->tty = mnl_attr_get_str(a);
			break;
		case PPPK_A_LINK_CONTROLLER: li->controller = u32_of(a); break;
		case PPPK_A_LINK_PHASE: li->phase = u8_of(a); break;
		case PPPK_A_LINK_LCP_OPEN: li->lcp_open = u8_of(a); break;
		case PPPK_A_LINK_IPV4_UP: li->ipv4 = u8_of(a); break;
		case PPPK_A_LINK_IPV6_UP: li->ipv6 = u8_of(a); break;
		case PPPK_A_LINK_MAGIC_LOCAL: li->magic = u32_of(a); break;
		case PPPK_A_LINK_MAGIC_PEER: li->peer_magic = u32_of(a); break;
		case PPPK_A_LINK_ECHO_INTERVAL: li->echo_interval = u32_of(a); break;
		case PPPK_A_LINK_ECHO_FAILURE: li->echo_failure = u32_of(a); break;
		case PPPK_A_LINK_ECHO_ADAPTIVE: li->adaptive = u8_of(a); break;
		case PPPK_A_LINK_TX: parse_cfg(a, &li->tx); break;
		case PPPK_A_LINK_RX: parse_cfg(a, &li->rx); break;
		case PPPK_A_LINK_PROTOS: parse_protos(a, li); break;
		case PPPK_A_LINK_STATS: parse_stats(a, li); break;
		}
	}
}

static const char *proto_name(uint16_t p, char *buf, size_t len)
{
	const char *n = vocab_proto_name(p);

	if (n)
		return n;
	snprintf(buf, len, "0x%04X", p);
	return buf;
}

static const char *phase_name(unsigned int ph)
{
	return kview_phase_name(ph);
}

static const char *const way_name[KVIEW_WAYS] = { "peer", "self" };

/* Addresses while their NCP is up, and how each way authenticated. */
static void print_view(const struct kview *v)
{
	char a[INET6_ADDRSTRLEN], b[INET6_ADDRSTRLEN];
	char name[4 * PPPK_MAX_AUTH_NAME + 1], pbuf[8];
	int i, n = 0;

	if (v->ipv4_up && v->has_ipv4) {
		printf("    ip %s -> %s", inet_ntop(AF_INET, &v->local, a, sizeof(a)),
		       inet_ntop(AF_INET, &v->peer, b, sizeof(b)));
		for (i = 0; i < 2; i++)
			if (v->dns[i].s_addr)
				printf("%s %s", i && v->dns[0].s_addr ? "" : " dns",
				       inet_ntop(AF_INET, &v->dns[i], a, sizeof(a)));
		printf("\n");
	}
	if (v->ipv6_up && v->has_ipv6)
		printf("    ipv6 %s -> %s\n", kview_ll(v->id_local, a, sizeof(a)),
		       kview_ll(v->id_peer, b, sizeof(b)));
	for (i = 0; i < KVIEW_WAYS; i++) {
		if (!v->auth[i].proto)
			continue;
		printf("%s%s \"%s\" %s %s", n++ ? "  " : "    auth ", way_name[i],
		       kview_esc(v->auth[i].name, name, sizeof(name)),
		       kview_auth_proto(v->auth[i].proto, pbuf, sizeof(pbuf)),
		       kview_auth_result(v->auth[i].result));
	}
	if (n)
		printf("\n");
}

static void json_view(struct jw *w, const struct kview *v)
{
	char a[INET6_ADDRSTRLEN], pbuf[8];
	int i;

	if (v->has_ipv4) {
		jw_key(w, "ipv4_local");
		jw_str(w, inet_ntop(AF_INET, &v->local, a, sizeof(a)));
		jw_key(w, "ipv4_peer");
		jw_str(w, inet_ntop(AF_INET, &v->peer, a, sizeof(a)));
		jw_key(w, "dns");
		jw_arr(w);
		for (i = 0; i < 2; i++)
			if (v->dns[i].s_addr)
				jw_str(w, inet_ntop(AF_INET, &v->dns[i], a, sizeof(a)));
		jw_arr_end(w);
	}
	if (v->has_ipv6) {
		jw_key(w, "ipv6_local");
		jw_str(w, kview_ll(v->id_local, a, sizeof(a)));
		jw_key(w, "ipv6_peer");
		jw_str(w, kview_ll(v->id_peer, a, sizeof(a)));
	}
	jw_key(w, "auth");
	jw_obj(w);
	for (i = 0; i < KVIEW_WAYS; i++) {
		if (!v->auth[i].proto)
			continue;
		jw_key(w, way_name[i]);
		jw_obj(w);
		jw_key(w, "protocol");
		jw_str(w, kview_auth_proto(v->auth[i].proto, pbuf, sizeof(pbuf)));
		jw_key(w, "result");
		jw_str(w, kview_auth_result(v->auth[i].result));
		jw_key(w, "name");
		jw_str(w, v->auth[i].name);
		jw_obj_end(w);
	}
	jw_obj_end(w);
}

static void print_text(const struct link_info *li)
{
	char buf[16];
	unsigned int i;

	printf("%u: %s: tty %s phase %s%s%s%s\n", li->ifindex, li->ifname,
	       li->tty ? li->tty : "(gone)", phase_name(li->phase),
	       li->controller ? "" : " no-controller",
	       li->ipv4 ? " ipv4" : "", li->ipv6 ? " ipv6" : "");
	if (li->n_protos) {
		printf("    ");
		for (i = 0; i < li->n_protos; i++)
			printf("%s%s %s", i ? "  " : "",
			       proto_name(li->protos[i].number, buf, sizeof(buf)),
			       fsm_state_name(li->protos[i].state));
		printf("\n");
	}
	printf("    tx mru %u accm 0x%08x%s%s%s  rx mru %u accm 0x%08x%s\n",
	       li->tx.mru, li->tx.accm, li->tx.pfc ? " pfc" : "",
	       li->tx.acfc ? " acfc" : "", li->tx.fcs32 ? " fcs32" : "",
	       li->rx.mru, li->rx.accm, li->rx.fcs32 ? " fcs32" : "");
	print_view(&li->v);
	printf("    magic 0x%08X peer 0x%08X keepalive ", li->magic, li->peer_magic);
	if (li->echo_interval)
		printf("%u ms x %u%s\n", li->echo_interval, li->echo_failure,
		       li->adaptive ? " adaptive" : "");
	else
		printf("off\n");
	if (!g_opts.stats)
		return;
	for (i = 0; i < li->n_stats; i++)
		printf("%s%s %" PRIu64 "%s", i % 4 ? "  " : "    ",
		       kstat_name(li->stats[i].type), li->stats[i].value,
		       i % 4 == 3 || i + 1 == li->n_stats ? "\n" : "");
}

static void print_json(struct jw *w, const struct link_info *li)
{
	char buf[16];
	unsigned int i;

	jw_obj(w);
	jw_key(w, "ifindex");
	jw_uint(w, li->ifindex);
	jw_key(w, "ifname");
	jw_str(w, li->ifname);
	jw_key(w, "tty");
	jw_str(w, li->tty);
	jw_key(w, "phase");
	jw_str(w, phase_name(li->phase));
	jw_key(w, "controller");
	jw_uint(w, li->controller);
	jw_key(w, "lcp_open");
	jw_bool(w, li->lcp_open);
	jw_key(w, "ipv4");
	jw_bool(w, li->ipv4);
	jw_key(w, "ipv6");
	jw_bool(w, li->ipv6);
	json_view(w, &li->v);
	jw_key(w, "protocols");
	jw_obj(w);
	for (i = 0; i < li->n_protos; i++) {
		jw_key(w, proto_name(li->protos[i].number, buf, sizeof(buf)));
		jw_str(w, fsm_state_name(li->protos[i].state));
	}
	jw_obj_end(w);
	jw_key(w, "tx");
	jw_obj(w);
	jw_key(w, "mru");
	jw_uint(w, li->tx.mru);
	jw_key(w, "accm");
	jw_uint(w, li->tx.accm);
	jw_key(w, "pfc");
	jw_bool(w, li->tx.pfc);
	jw_key(w, "acfc");
	jw_bool(w, li->tx.acfc);
	jw_key(w, "fcs32");
	jw_bool(w, li->tx.fcs32);
	jw_obj_end(w);
	jw_key(w, "rx");
	jw_obj(w);
	jw_key(w, "mru");
	jw_uint(w, li->rx.mru);
	jw_key(w, "accm");
	jw_uint(w, li->rx.accm);
	jw_key(w, "fcs32");
	jw_bool(w, li->rx.fcs32);
	jw_obj_end(w);
	jw_key(w, "magic");
	jw_uint(w, li->magic);
	jw_key(w, "peer_magic");
	jw_uint(w, li->peer_magic);
	jw_key(w, "echo_interval_ms");
	jw_uint(w, li->echo_interval);
	jw_key(w, "echo_failure");
	jw_uint(w, li->echo_failure);
	jw_key(w, "echo_adaptive");
	jw_bool(w, li->adaptive);
	if (g_opts.stats) {
		jw_key(w, "stats");
		jw_obj(w);
		for (i = 0; i < li->n_stats; i++) {
			jw_key(w, kstat_name(li->stats[i].type));
			jw_uint(w, li->stats[i].value);
		}
		jw_obj_end(w);
	}
	jw_obj_end(w);
}

void show_link(const struct nlmsghdr *nlh, struct jw *w)
{
	struct link_info li;

	parse_link(nlh, &li);
	if (w)
		print_json(w, &li);
	else
		print_text(&li);
}

static int link_cb(const struct nlmsghdr *nlh, void *data)
{
	show_link(nlh, data);
	return MNL_CB_OK;
}

int cmd_show(int argc, char **argv)
{
	struct nlmsghdr *nlh;
	struct jw w;
	struct nl nl;
	int err;

	if (argc > 2 || (argc == 2 && argv[1][0] == '-')) {
		bool help = !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h");

		fprintf(help ? stdout : stderr,
			"Usage: pppctl [-j] [-s] show [IFNAME]\n"
			"Show pppk links: phase, protocol states, addresses,\n"
			"authentication, options each way, keepalives; -s adds\n"
			"counters, -j prints JSON.\n");
		return help ? 0 : 1;
	}
	err = nl_open(&nl);
	if (err) {
		nl_open_perror(&nl, err);
		return 1;
	}
	if (argc == 2) {
		nlh = nl_msg(&nl, PPPK_CMD_LINK_GET, 0);
		mnl_attr_put_strz(nlh, PPPK_A_LINK_IFNAME, argv[1]);
	} else {
		nlh = nl_msg(&nl, PPPK_CMD_LINK_GET, NLM_F_DUMP);
	}
	if (g_opts.json) {
		jw_init(&w, stdout);
		jw_arr(&w);
	}
	err = nl_talk(&nl, nlh, link_cb, g_opts.json ? &w : NULL);
	if (g_opts.json) {
		jw_arr_end(&w);
		printf("\n");
	}
	if (err)
		nl_perror(&nl, argc == 2 ? argv[1] : "listing links", err);
	nl_close(&nl);
	return err ? 1 : 0;
}
