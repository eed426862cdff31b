/* dwz_b.c: the second unit of the dwz test program (dwz_a.c says why). */
#include "dwz.h"

int use_b(const pair_t *p, enum colour c)
{
    int j = p->a + 1;
    pair_t copy = *p;
    copy.a += j;
    return j * (int)copy.b + (int)c;
}
