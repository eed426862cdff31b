/*
 * split_a.c with split_b.c: a program built with -gsplit-dwarf, its DWARF in
 * one .dwo file per unit next to the skeleton units of the executable.
 */
#include "split.h"

int calls;
point_t origin = {1, 2, "origin"};

__attribute__((noinline)) int scale(point_t *p, int k)
{
    int before = p->x;
    calls++;
    p->x = before * k;
    p->y += k;
    return p->x + (int)p->y;
}

int main(int argc, char **argv)
{
    point_t pts[3] = {{2, 3, "a"}, {4, 5, "b"}, {6, 7, "c"}};
    int sum = 0;
    (void)argv;
    for (int i = 0; i < 3; i++)
        sum += scale(&pts[i], argc + 1);
    long t = total(pts, 3, MID);
    origin.x = (int)t + sum;
    return origin.x == 12345;
}
