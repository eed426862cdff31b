/* signals.c: a handled SIGUSR1, then a NULL dereference (SIGSEGV). */
#include <signal.h>
#include <stdio.h>

volatile int got;

static void on_usr1(int sig)
{
    got = sig;
}

int crash(int *p)
{
    return *p;
}

int main(int argc, char **argv)
{
    signal(SIGUSR1, on_usr1);
    raise(SIGUSR1);
    printf("got=%d\n", got);
    if (argc > 1)
        return 0;
    return crash(NULL);
}
