/*
 * dwz_a.c with dwz_b.c: a program whose DWARF dwz has rewritten, as
 * Debian's -dbgsym packages are: the types both units use live in a
 * partial unit that each imports, reached through DW_FORM_ref_addr.
 */
#include "dwz.h"

int use_a(pair_t *p, enum colour c)
{
    int k = p->a * 2 + (int)c;
    return k + (int)p->b;
}

int main(void)
{
    pair_t x = {3, 4};
    enum colour c = GREEN;
    return use_a(&x, c) + use_b(&x, BLUE) - 37;
}
