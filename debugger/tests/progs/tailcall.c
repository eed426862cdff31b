/*
 * tailcall.c: built at -O2 for the frames gdb rebuilds from tail-call
 * sites (DWARF5 3.4.2, DW_AT_call_tail_call): functions whose last act is
 * a jump to another, which leaves no frame of theirs on the stack.
 */
int acc;

__attribute__((noinline)) void leaf(int x)
{
    acc += x;
    __asm__ volatile("" ::: "memory");
}

/* One tail call: hop -> leaf. */
__attribute__((noinline)) void hop(int a)
{
    acc += a * 2;
    leaf(a + 1);
}

/* Two: outer -> middle -> leaf. */
__attribute__((noinline)) void middle(int b)
{
    acc ^= b;
    leaf(b + 3);
}

__attribute__((noinline)) void outer(int c)
{
    acc += c;
    middle(c * 5);
}

/* Ambiguous: split reaches leaf through left or right, so no path is sure. */
__attribute__((noinline)) void left(int d)
{
    acc -= d;
    leaf(d);
}

__attribute__((noinline)) void right(int d)
{
    acc += d * 3;
    leaf(d);
}

__attribute__((noinline)) void split(int e)
{
    acc += e;
    if (acc & 1)
        left(e + 1);
    else
        right(e + 2);
}

/* Only the end is sure: join goes through left2 or right2, both through funnel. */
__attribute__((noinline)) void funnel(int f)
{
    acc += f * 7;
    leaf(f - 1);
}

__attribute__((noinline)) void left2(int g)
{
    acc -= g;
    funnel(g);
}

__attribute__((noinline)) void right2(int g)
{
    acc += g * 3;
    funnel(g);
}

__attribute__((noinline)) void join(int h)
{
    acc += h;
    if (acc & 2)
        left2(h + 1);
    else
        right2(h + 2);
}

/* Only the start is sure: fan goes to gate, which goes on through left or right. */
__attribute__((noinline)) void gate(int i)
{
    acc += i;
    if (acc & 4)
        left(i + 1);
    else
        right(i + 2);
}

__attribute__((noinline)) void fan(int j)
{
    acc ^= j;
    gate(j * 3);
}

/* Recursion through tail calls: ping and pong call each other, ping ends in leaf. */
__attribute__((noinline)) void pong(int n);

__attribute__((noinline)) void ping(int n)
{
    acc += n;
    if (n > 0)
        pong(n - 1);
    else
        leaf(n + 100);
}

__attribute__((noinline)) void pong(int n)
{
    acc ^= n;
    ping(n);
}

__attribute__((noinline)) int call_through(int argc)
{
    hop(argc + 10);
    outer(argc + 20);
    split(argc + 30);
    join(argc + 40);
    fan(argc + 50);
    ping(argc + 1);
    return acc;
}

int main(int argc, char **argv)
{
    (void)argv;
    return call_through(argc) & 0x7f;
}
