// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the log reader behind `pppctl explain`: any bytes,
 * fed in two chunks split where the first byte says, must read without a
 * crash, and every writer must run; the JSON must be valid (and ASCII).
 *
 * The second byte picks how the bytes are fed: as they are, or with each
 * line started the way a line of pppd's log starts ("sent [LCP ConfReq
 * id=0x1 <", a syslog prefix, a message) so that the fuzzer reaches
 * pppd.c's packet, option and message readers, or with Markdown and HTML
 * residue in front ("\*", "&gt; ", "**") for the cleaner, or the way a
 * line of an older IOS starts ("ppp: sending CONFREQ, type = ",
 * "PPP BRI0: B-Channel 1: state = ") for legacy.c.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "explain/log.h"
#include "explain/output.h"
#include "pppctl.h"
#include "tests/json_check.h"

static const char *const pppd_starts[] = {
	"sent [LCP ConfReq id=0x1 <",
	"rcvd [LCP ConfAck id=0x1 <asyncmap 0x0> <",
	"rcvd [LCP ConfNak id=0x1 <auth ",
	"sent [LCP ConfRej id=0x1 < ",
	"rcvd [IPCP ConfNak id=0x1 <addr ",
	"sent [IPCP ConfReq id=0x1 <compress VJ ",
	"rcvd [IPCP ConfReq id=0x2 <ms-dns1 ",
	"sent [IPV6CP ConfReq id=0x1 <addr fe80::",
	"sent [CCP ConfReq id=0x1 <deflate ",
	"sent [CCP ConfReq id=0x1 <bsd v",
	"rcvd [LCP ProtRej id=0x3 ",
	"rcvd [LCP CodeRej id=0x3 ",
	"sent [LCP EchoReq id=0x0 magic=0x",
	"rcvd [LCP TermReq id=0x2 \"",
	"rcvd [CHAP Challenge id=0x1 <",
	"sent [CHAP Response id=0x1 <00>, name = \"",
	"rcvd [CHAP Failure id=0x1 \"",
	"sent [PAP AuthReq id=0x1 user=\"",
	"rcvd [PAP AuthNak id=0x1 \"",
	"rcvd [LCP code=0x",
	"Mar  3 10:00:01 host pppd[1234]: ",
	"Mar 03 10:00:01 host pppd[1]: sent [LCP ConfReq id=0x",
	"2024-03-03T10:00:01.5+01:00 h pppd[2]: ",
	"Using interface ",
	"Connect: ppp0 <--> ",
	"LCP terminated by peer (",
	"IPCP: timeout sending Config-Requests",
	"No response to ",
	"CHAP peer authentication failed for ",
	"No CHAP secret found for authenticating ",
	"Peer is not authorized to use remote address ",
	"Protocol-Reject for '",
	"Terminating on signal ",
	"local  IP address ",
	"Connection terminated.",
	"Modem hangup",
};

static const char *const md_starts[] = {
	"\\*Mar 1 00:06:37.054: BR0:1 LCP: **O CONFREQ** ",
	"&gt; ", "> > ", "**", "`", "&amp;&quot;&#39;", "\xc2\xa0",
	"\xe2\x80\xaf", "\\", "&nbsp;Se0 LCP: ",
};

static const char *const legacy_starts[] = {
	"ppp: sending CONFREQ, type = ",
	"ppp: sending CONFREQ, type = 3 (CI_AUTHTYPE), value = ",
	"ppp: sending CONFREQ, type = 3 (CI_ADDRESS), value = ",
	"ppp: received config for type = ",
	"PPP BRI0: B-Channel 1: received config for type = 5 (MAGICNUMBER) value = ",
	"ppp: config ACK received, type = ",
	"ppp: config NAK received, type = 1 (CI_MRU), value = ",
	"PPP BRI0: B-Channel 1: state = ",
	"PPP Serial0: state = ACKSENT fsm_rconf",
	"BRI0: B-Channel 1: PPP AUTH CHAP input code = ",
	"BRI0: B-Channel 2: Failed CHAP authentication with remote",
	"Serial0: remote passed PAP authentication",
	"Remote message is: ",
	"PPP Serial0: Send CHAP ",
	"PPP Serial0: CHAP response id=1 received from ",
	"PPP Serial0: CHAP challenge from ",
	"Serial0: CHAP input code = ",
	"PPP Serial0: TIMEout: Time= 0x1 State= ",
	"Serial0: Unable to authenticate. No name received from peer",
	"ppp: ipcp_reqci: returning CONF",
	"00:41:10: ",
	"*Mar  1 2024 00:07:10.100 UTC: PPP BRI",
	"%LINK-3-UPDOWN: Interface BRI0: B-Channel ",
};

static void sink(struct dlog *g)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		return;
	explain_text(f, g);
	explain_ladder(f, g);
	explain_svg(f, g);
	fclose(f);
	free(buf);
}

/*
 * Each line of data with a start from t in front, chosen by the line's
 * first byte.  NULL when out of memory.
 */
static char *prefixed(const uint8_t *data, size_t size,
		      const char *const *t, size_t nt, size_t *outlen)
{
	size_t i, k = 0, max = 0, lines = 1;
	char *out;

	for (i = 0; i < nt; i++)
		if (strlen(t[i]) > max)
			max = strlen(t[i]);
	for (i = 0; i < size; i++)
		lines += data[i] == '\n';
	out = malloc(size + lines * max + 1);
	if (!out)
		return NULL;
	for (i = 0; i <= size; i++) {
		if (i == 0 || data[i - 1] == '\n') {
			const char *p = t[(i < size ? data[i] : 0) % nt];

			memcpy(out + k, p, strlen(p));
			k += strlen(p);
		}
		if (i < size)
			out[k++] = (char)data[i];
	}
	*outlen = k;
	return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dlog *g = dlog_new();
	int mode = size > 1 ? data[1] % 4 : 0;
	const char *in = (const char *)data;
	size_t cut, len = 0, n = size;
	char *buf = NULL, *own = NULL;
	FILE *f;

	if (!g)
		return 0;
	if (mode == 1)
		own = prefixed(data, size, pppd_starts,
			       sizeof(pppd_starts) / sizeof(pppd_starts[0]), &n);
	else if (mode == 2)
		own = prefixed(data, size, md_starts,
			       sizeof(md_starts) / sizeof(md_starts[0]), &n);
	else if (mode == 3)
		own = prefixed(data, size, legacy_starts,
			       sizeof(legacy_starts) / sizeof(legacy_starts[0]), &n);
	if (own)
		in = own;
	else
		n = size;
	cut = size ? data[0] % (n + 1) : 0;
	dlog_feed(g, in, cut);
	dlog_feed(g, in + cut, n - cut);
	dlog_end(g);
	free(own);
	sink(g);
	f = open_memstream(&buf, &len);
	if (f) {
		explain_json(f, g, true);
		fclose(f);
		if (!json_valid(buf, len, true))
			abort();
		free(buf);
	}
	dlog_free(g);
	return 0;
}
