/*
 * ret.c: functions for `return` to pop (oracle.py's stack.return_*): a
 * double and a float come back in xmm0, a short and a pointer in rax.
 */
#include <stdio.h>

static int cell = 5;

__attribute__((noinline)) double dv(double x)
{
    return x * 3;
}

__attribute__((noinline)) float fv(float x)
{
    return x * 3;
}

__attribute__((noinline)) short sv(short x)
{
    return (short)(x + 1);
}

__attribute__((noinline)) int *pv(void)
{
    return &cell;
}

int main(void)
{
    double a = dv(1.5);
    float b = fv(2.5f);
    short c = sv(-2);
    int *p = pv();
    printf("%g %g %d %d\n", a, b, c, p ? *p : -1);
    return 0;
}
