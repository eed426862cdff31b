/*
 * emul.c: instructions for hdb to step over. oracle.py puts a breakpoint
 * on every instruction of these functions (built -O0 and -O2) and
 * compares the registers at each hit with gdb's, so every instruction
 * that linux-port/emulate.c runs in place of the CPU is checked in a real
 * program: loads, stores, read-modify-write of memory, sign and zero
 * extension, 8- and 16-bit operands, push/pop/leave, conditional jumps.
 * With an argument, poke_ro() stores into read-only data: the CPU faults
 * there, so the emulation must leave that store to the CPU.
 */
#include <stdio.h>

static const int ro_table[4] = {1, 2, 3, 4};
volatile long g_total;
volatile signed char g_small = -5;
volatile unsigned short g_half = 40000;
volatile unsigned char g_bytes[4] = {250, 3, 128, 7};

__attribute__((noinline)) long mix(long a, int b, signed char c, unsigned short d)
{
    long x = a + b;
    x -= c;
    if (x > d)
        x = x - d;
    int arr[4];
    for (int i = 0; i < 4; i++)
        arr[i] = ro_table[i] * b;
    g_bytes[b & 3] += (unsigned char)c;
    g_half -= (unsigned short)b;
    g_total += x + arr[b & 3];
    return x < 0 ? -x : x;
}

/*
 * Through a pointer, not RIP-relative: gdb steps a RIP-relative
 * instruction displaced, through %rcx, and leaves %rcx changed when
 * the instruction faults.
 */
__attribute__((noinline)) void poke_ro(const int *p, int v)
{
    *(volatile int *)p = v;
}

int main(int argc, char **argv)
{
    long s = 0;
    (void)argv;
    for (int i = 0; i < 3; i++)
        s += mix(i * 70000 - 5, i - 1, g_small, g_half);
    printf("%ld %ld %u %u\n", s, g_total, g_half, g_bytes[0]);
    if (argc > 1)
        poke_ro(&ro_table[1], 9);
    return 0;
}
