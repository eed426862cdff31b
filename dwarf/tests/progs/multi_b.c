/* Oracle input: second unit of the multi program. */
#include "multi.h"

#include <stdio.h>
#include <stdlib.h>

struct rect_cache {
    double last;
    unsigned hits;
};
static struct rect_cache cache;

double shape_area(const struct shape *s)
{
    double w = s->corners[1].x - s->corners[0].x;
    double h = s->corners[2].y - s->corners[1].y;
    cache.hits += manhattan(s->corners[0], s->corners[2]) > 0;
    cache.last = w * h;
    return cache.last;
}

__attribute__((cold, noreturn, noinline)) void shape_fail(const char *why, int n)
{
    fprintf(stderr, "%s: %d\n", why, n);
    exit(2);
}

/*
 * The call to a cold function makes gcc -O2 move that path out of line
 * (shape_check.cold in .text.unlikely): a function with two ranges.
 */
int shape_check(const struct shape *s, int n)
{
    if (s->label == NULL || n < 0)
        shape_fail("bad shape", n);
    return n * 3 + s->label[0];
}
