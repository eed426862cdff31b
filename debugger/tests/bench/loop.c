/*
 * loop.c: the breakpoint-rate benchmark's program. tick() is called
 * 100,000 times (or argv[1] times); the benchmark puts a conditional breakpoint on it that is
 * true only on the last call, so the debugger takes 100,000 traps and
 * evaluates the condition each time.
 */
#include <stdio.h>
#include <stdlib.h>

volatile long total;

__attribute__((noinline)) void tick(int i)
{
    total += i;
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 100000;
    for (int i = 0; i < n; i++)
        tick(i);
    printf("%ld\n", (long)total);
    return 0;
}
