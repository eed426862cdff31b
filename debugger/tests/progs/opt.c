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

__attribute__((noinline)) void observe(int x)
{
    acc += x;
}

/*
 * Once observe is called v is dead: its location becomes
 * DW_OP_entry_value(%rdi), which only main's call site can answer.
 */
__attribute__((noinline)) int use_after(int v)
{
    observe(v * 2);
    observe(1);
    return acc;
}

int main(int argc, char **argv)
{
    acc += use_after(7);
    accumulate(argc + 4);
    acc += sum_args(3, 1, 2, argc);
    printf("%d\n", acc);
    return 0;
}
