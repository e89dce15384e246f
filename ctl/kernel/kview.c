// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>

#include "kview.h"

void kview_init(struct kview *v)
{
	memset(v, 0, sizeof(*v));
}

static bool take_addr(const struct nlattr *a, struct in_addr *in)
{
	if (mnl_attr_validate(a, MNL_TYPE_U32) < 0)
		return false;
	in->s_addr = mnl_attr_get_u32(a);	/* network order as sent */
	return true;
}

static bool take_u64(const struct nlattr *a, uint64_t *v)
{
	if (mnl_attr_validate(a, MNL_TYPE_U64) < 0)
		return false;
	*v = mnl_attr_get_u64(a);
	return true;
}

static bool take_auth(const struct nlattr *nest, struct kview_auth *au)
{
	const struct nlattr *a;

	memset(au, 0, sizeof(*au));
	mnl_attr_for_each_nested(a, nest) {
		switch (mnl_attr_get_type(a)) {
		case PPPK_A_AUTH_PROTO:
			if (mnl_attr_validate(a, MNL_TYPE_U16) == 0)
				au->proto = mnl_attr_get_u16(a);
			break;
		case PPPK_A_AUTH_RESULT:
			if (mnl_attr_validate(a, MNL_TYPE_U8) == 0)
				au->result = mnl_attr_get_u8(a);
			break;
		case PPPK_A_AUTH_NAME:
			if (mnl_attr_validate(a, MNL_TYPE_NUL_STRING) == 0)
				snprintf(au->name, sizeof(au->name), "%s",
					 mnl_attr_get_str(a));
			break;
		}
	}
	return true;
}

bool kview_attr(struct kview *v, const struct nlattr *a)
{
	switch (mnl_attr_get_type(a)) {
	case PPPK_A_LINK_PHASE:
		if (mnl_attr_validate(a, MNL_TYPE_U8) < 0)
			return false;
		v->phase = mnl_attr_get_u8(a);
		v->has_phase = true;
		return true;
	case PPPK_A_LINK_IPV4_UP:
		if (mnl_attr_validate(a, MNL_TYPE_U8) < 0)
			return false;
		v->ipv4_up = mnl_attr_get_u8(a);
		return true;
	case PPPK_A_LINK_IPV6_UP:
		if (mnl_attr_validate(a, MNL_TYPE_U8) < 0)
			return false;
		v->ipv6_up = mnl_attr_get_u8(a);
		return true;
	case PPPK_A_LINK_IPV4_LOCAL:
		return take_addr(a, &v->local) && (v->has_ipv4 = true);
	case PPPK_A_LINK_IPV4_PEER:
		return take_addr(a, &v->peer) && (v->has_ipv4 = true);
	case PPPK_A_LINK_IPV4_DNS1:
		return take_addr(a, &v->dns[0]);
	case PPPK_A_LINK_IPV4_DNS2:
		return take_addr(a, &v->dns[1]);
	case PPPK_A_LINK_IPV6_LOCAL_ID:
		return take_u64(a, &v->id_local) && (v->has_ipv6 = true);
	case PPPK_A_LINK_IPV6_PEER_ID:
		return take_u64(a, &v->id_peer) && (v->has_ipv6 = true);
	case PPPK_A_LINK_AUTH_PEER:
		return take_auth(a, &v->auth[KVIEW_PEER]);
	case PPPK_A_LINK_AUTH_SELF:
		return take_auth(a, &v->auth[KVIEW_SELF]);
	}
	return false;
}

static const char *const phase_names[] = {
	[PPPK_PHASE_DEAD] = "DOWN",
	[PPPK_PHASE_ESTABLISH] = "ESTABLISHING",
	[PPPK_PHASE_AUTHENTICATE] = "AUTHENTICATING",
	[PPPK_PHASE_NETWORK] = "UP",
	[PPPK_PHASE_TERMINATE] = "TERMINATING",
};

const char *kview_phase_name(unsigned int phase)
{
	return phase < sizeof(phase_names) / sizeof(phase_names[0]) ?
	       phase_names[phase] : "?";
}

const char *kview_auth_proto(uint16_t proto, char *buf, size_t len)
{
	if (proto == 0xc023)
		return "PAP";
	if (proto == 0xc223)
		return "CHAP";
	snprintf(buf, len, "0x%04X", proto);
	return buf;
}

const char *kview_auth_result(uint8_t result)
{
	switch (result) {
	case PPPK_AUTH_PENDING:
		return "pending";
	case PPPK_AUTH_OK:
		return "ok";
	case PPPK_AUTH_FAILED:
		return "failed";
	}
	return "?";
}

const char *kview_ll(uint64_t id, char *buf, size_t len)
{
	struct in6_addr a;
	int i;

	memset(&a, 0, sizeof(a));
	a.s6_addr[0] = 0xfe;
	a.s6_addr[1] = 0x80;
	for (i = 0; i < 8; i++)
		a.s6_addr[8 + i] = id >> (56 - 8 * i);
	if (!inet_ntop(AF_INET6, &a, buf, len))
		snprintf(buf, len, "?");
	return buf;
}

const char *kview_esc(const char *s, char *buf, size_t len)
{
	size_t o = 0;
	const unsigned char *p;

	if (!len)
		return "";
	for (p = (const unsigned char *)s; *p; p++) {
		bool plain = *p >= 0x20 && *p < 0x7f && *p != '\\' && *p != '"';

		if (o + (plain ? 1 : 4) >= len)
			break;
		if (plain)
			buf[o++] = *p;
		else
			o += snprintf(buf + o, len - o, "\\x%02x", *p);
	}
	buf[o] = 0;
	return buf;
}
