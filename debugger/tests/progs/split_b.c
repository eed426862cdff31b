/* split_b.c: the second unit of the split DWARF test program (split_a.c says why). */
#include "split.h"

__attribute__((noinline)) long total(const point_t *ps, int n, enum shade s)
{
    long acc = 0;
    for (int i = 0; i < n; i++)
        acc += ps[i].x * (long)s + ps[i].y;
    calls += n;
    return acc;
}
