/* opt.c: built at -O2: no frame pointer, inlined and out-of-line functions. */
#include <stdarg.h>
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

/* Variadic: a frame of its own even at -O2 (the register save area). */
__attribute__((noinline)) int sum_args(int n, ...)
{
    va_list ap;
    int s = 0;

    va_start(ap, n);
    for (int i = 0; i < n; i++)
        s += va_arg(ap, int);
    va_end(ap);
    return s;
}

int main(int argc, char **argv)
{
    accumulate(argc + 4);
    acc += sum_args(3, 1, 2, argc);
    printf("%d\n", acc);
    return 0;
}
