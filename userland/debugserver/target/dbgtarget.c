/*
 * The program the user-space debug server debugs in its gdb test
 * (scripts/debugserver-gdb-test.sh): a couple of functions, globals and
 * locals, built at -O0 with DWARF into an ELF of its own. The test finds
 * its expected line numbers through the `line:` markers, so the file can
 * change without the test knowing line numbers by heart.
 */
#include <stdio.h>

int ds_counter;       /* the loop's progress: the test watches it */
long ds_result;       /* sum_squares(5) = 55 */
volatile int ds_spin; /* set by gdb: main spins until gdb interrupts it and clears it */
volatile long ds_spins;

static int square(int x)
{
    int y = x * x; /* line:square-body */
    return y;      /* line:square-return */
}

static long sum_squares(int n)
{
    long total = 0;

    for (int i = 1; i <= n; i++) {
        total += square(i); /* line:call-square */
        ds_counter = i;     /* line:counter-store */
    }
    return total; /* line:sum-return */
}

int main(void *bootinfo)
{
    (void)bootinfo;
    while (ds_spin)                               /* line:spin */
        ds_spins++;                               /* line:spin-body */
    ds_result = sum_squares(5);                   /* line:main-call */
    printf("dbgtarget: result %ld\n", ds_result); /* line:main-print */
    return (int)ds_result;
}
