// SPDX-License-Identifier: GPL-2.0
/*
 * The address words of a secrets entry (addrlist.c), as pppd reads them
 * (man pppd, AUTHENTICATION): first match decides, "!" excludes, "*" any,
 * "-" or no words none, and what we do not read allows nothing.
 */
#include <arpa/inet.h>

#include "kselftest_harness.h"
#include "proto/addrlist.h"

static struct in_addr A(const char *s)
{
	struct in_addr a = { 0 };

	inet_pton(AF_INET, s, &a);
	return a;
}

static unsigned int words(const char *s)
{
	unsigned int n = *s ? 1 : 0;

	for (; *s; s++)
		n += *s == ' ';
	return n;
}

static bool allows(const char *list, const char *addr)
{
	struct addrlist l;

	addrlist_parse(&l, list, words(list));
	return addrlist_allows(&l, A(addr));
}

TEST(no_words_allow_nothing)
{
	struct addrlist l;

	addrlist_parse(&l, "", 0);
	EXPECT_EQ(0, l.n);
	EXPECT_FALSE(addrlist_allows(&l, A("10.0.0.1")));
	EXPECT_EQ(0, l.suggest.s_addr);
	addrlist_parse(&l, NULL, 0);
	EXPECT_FALSE(addrlist_allows(&l, A("10.0.0.1")));
	EXPECT_FALSE(allows("-", "10.0.0.1"));
	EXPECT_FALSE(allows("- 10.0.0.1", "10.0.0.1"));
	EXPECT_FALSE(allows("- *", "10.0.0.1"));
}

TEST(star_allows_any)
{
	EXPECT_TRUE(allows("*", "10.9.8.7"));
	EXPECT_TRUE(allows("*", "192.168.1.1"));
	/* an exclusion before it still holds; words after it are not read */
	EXPECT_FALSE(allows("!10.0.0.5 *", "10.0.0.5"));
	EXPECT_TRUE(allows("!10.0.0.5 *", "10.0.0.6"));
	EXPECT_TRUE(allows("* !10.0.0.5", "10.0.0.5"));
}

TEST(addresses_subnets_and_exclusions)
{
	const char *l = "10.0.0.7 !10.0.1.9 10.0.1.0/24 172.16.0.0/12";
	struct addrlist al;

	EXPECT_TRUE(allows(l, "10.0.0.7"));
	EXPECT_FALSE(allows(l, "10.0.0.8"));
	EXPECT_TRUE(allows(l, "10.0.1.5"));
	EXPECT_FALSE(allows(l, "10.0.1.9"));
	EXPECT_TRUE(allows(l, "172.31.255.1"));
	EXPECT_FALSE(allows(l, "172.32.0.1"));
	/* first match: an exclusion after an allowing subnet is too late */
	EXPECT_TRUE(allows("10.0.1.0/24 !10.0.1.9", "10.0.1.9"));
	addrlist_parse(&al, l, words(l));
	EXPECT_EQ(4, al.n);
	EXPECT_EQ(A("10.0.0.7").s_addr, al.suggest.s_addr);
	EXPECT_FALSE(al.cut);
	EXPECT_EQ(0, al.ignored);
}

TEST(suggestion_is_a_single_allowed_address)
{
	struct addrlist l;
	const char *w = "10.0.0.0/24 !10.0.1.1 10.0.1.1 10.0.2.2";

	addrlist_parse(&l, w, words(w));
	/* not the subnet, not the excluded 10.0.1.1 */
	EXPECT_EQ(A("10.0.2.2").s_addr, l.suggest.s_addr);
}

TEST(words_we_do_not_read_allow_nothing)
{
	struct addrlist l;
	const char *w = "host.example 10.0.0.0/8+ 10.0.0.1/0 10.0.0.1/33 1.2.3 10.0.0.3";

	addrlist_parse(&l, w, words(w));
	EXPECT_EQ(5, l.ignored);
	EXPECT_EQ(1, l.n);
	EXPECT_TRUE(addrlist_allows(&l, A("10.0.0.3")));
	EXPECT_FALSE(addrlist_allows(&l, A("10.0.0.1")));
	EXPECT_FALSE(addrlist_allows(&l, A("10.0.0.4")));
	/* an exclusion we cannot read ends the list: nothing after it */
	w = "10.0.0.1 !host.example *";
	addrlist_parse(&l, w, words(w));
	EXPECT_TRUE(l.cut);
	EXPECT_TRUE(addrlist_allows(&l, A("10.0.0.1")));
	EXPECT_FALSE(addrlist_allows(&l, A("10.0.0.2")));
}

TEST(quoted_word_with_a_blank_refuses_the_list)
{
	struct addrlist l;

	/* two words as secrets.c joins them, but the entry had one */
	addrlist_parse(&l, "10.0.0.1 10.0.0.2", 1);
	EXPECT_TRUE(l.cut);
	EXPECT_FALSE(addrlist_allows(&l, A("10.0.0.1")));
}

TEST(long_lists_end_at_the_limit)
{
	char buf[1024];
	struct addrlist l;
	size_t k = 0;
	int i;

	for (i = 0; i < ADDRLIST_MAX + 5; i++)
		k += (size_t)snprintf(buf + k, sizeof(buf) - k, "%s10.0.%d.1",
				      i ? " " : "", i);
	addrlist_parse(&l, buf, ADDRLIST_MAX + 5);
	EXPECT_EQ(ADDRLIST_MAX, l.n);
	EXPECT_TRUE(l.cut);
	EXPECT_TRUE(addrlist_allows(&l, A("10.0.0.1")));
	EXPECT_FALSE(addrlist_allows(&l, A("10.0.36.1")));
}

TEST_HARNESS_MAIN
