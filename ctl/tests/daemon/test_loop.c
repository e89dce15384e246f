// SPDX-License-Identifier: GPL-2.0
/*
 * The event loop's timers fire once each, in deadline order, and can be
 * stopped and re-armed in any order; the heap stays consistent under
 * thousands of random operations (one per link in a large controller).
 */
#include <stdlib.h>

#include "kselftest_harness.h"
#include "daemon/loop.h"

static int order[4096], norder;
static struct loop *cur;


struct tagged {
	struct loop_timer t;
	int id;
};

static void fire_tagged(struct loop_timer *t)
{
	struct tagged *tt = (struct tagged *)t;


	order[norder++] = tt->id;
	if (norder == 3)
		loop_quit(cur);
}

TEST(fire_in_deadline_order)
{
	struct loop l;
	struct tagged t[3] = { { .id = 0 }, { .id = 1 }, { .id = 2 } };

	ASSERT_EQ(0, loop_init(&l));
	cur = &l;
	norder = 0;
	for (int i = 0; i < 3; i++)
		t[i].t.fn = fire_tagged;
	loop_timer_start(&l, &t[0].t, 60);
	loop_timer_start(&l, &t[1].t, 20);
	loop_timer_start(&l, &t[2].t, 40);
	EXPECT_TRUE(loop_timer_armed(&t[0].t));
	ASSERT_EQ(0, loop_run(&l));
	EXPECT_EQ(1, order[0]);
	EXPECT_EQ(2, order[1]);
	EXPECT_EQ(0, order[2]);
	EXPECT_FALSE(loop_timer_armed(&t[0].t));
	loop_free(&l);

}

TEST(heap_survives_random_operations)
{
	enum { N = 2000 };
	struct tagged *t = calloc(N, sizeof(*t));
	struct loop l;
	uint64_t last = 0;

	ASSERT_NE(NULL, t);
	ASSERT_EQ(0, loop_init(&l));
	srand(1);
	for (int i = 0; i < N; i++) {
		t[i].id = i;
		t[i].t.fn = fire_tagged;
	}
	for (int k = 0; k < 20000; k++) {
		int i = rand() % N;

		if (rand() % 3)
			loop_timer_start(&l, &t[i].t, rand() % 100000);
		else
			loop_timer_stop(&l, &t[i].t);
	}
	/* Pop everything: deadlines come out sorted, slots stay right. */
	while (l.n) {
		struct loop_timer *top = l.heap[0];

		ASSERT_EQ(1u, top->slot);
		ASSERT_LE(last, top->when);
		last = top->when;
		loop_timer_stop(&l, top);
		ASSERT_FALSE(loop_timer_armed(top));
	}
	loop_free(&l);
	free(t);
}

TEST_HARNESS_MAIN
