/* recurse.c: recursion for backtraces, finish and next over recursive calls. */
#include <stdio.h>

int depth_reached;

int fact(int n)
{
    if (n <= 1) {
        depth_reached = n;
        return 1;
    }
    return n * fact(n - 1);
}

static int fib(int n)
{
    if (n < 2)
        return n;
    return fib(n - 1) + fib(n - 2);
}

int main(void)
{
    int f = fact(5);
    int g = fib(6);
    printf("%d %d\n", f, g);
    return 0;
}
