/* opt.c: built at -O2: no frame pointer, inlined and out-of-line functions. */
#include <stdio.h>
#include <stdlib.h>

int acc;

__attribute__((noinline)) int square(int v)
{
    return v * v;
}

__attribute__((noinline)) void accumulate(int n)
{
    for (int i = 0; i < n; i++)
        acc += square(i);
}

int main(int argc, char **argv)
{
    accumulate(argc + 4);
    printf("%d\n", acc);
    return 0;
}
