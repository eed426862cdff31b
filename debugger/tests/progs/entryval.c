/*
 * entryval.c: built at -O2 for gdb's `X=X@entry=V` notation: parameters
 * whose value at the function's entry the caller's call site knows, some
 * unchanged since (shown once with @entry), some changed (both shown),
 * some whose entry value cannot be known (the caller lost it).
 */
int acc;

__attribute__((noinline)) void observe(int x)
{
    acc += x;
}

__attribute__((noinline)) int modify(int v, int w)
{
    observe(v);
    v = v * 3 + acc;
    observe(v);
    w += v;
    observe(w);
    return acc + v + w;
}

__attribute__((noinline)) int pointer(const char *s, long n)
{
    observe(s[0] + (int)n);
    return acc;
}

__attribute__((noinline)) int clobber(int u, int b)
{
    __asm__ volatile("" ::: "rdi", "rsi", "rdx", "rcx", "r8", "r9", "rax");
    observe(b);
    return acc;
}

int main(int argc, char **argv)
{
    (void)argv;
    acc += modify(argc + 4, argc * 7);
    acc += pointer("entry", 100000L + argc);
    acc += clobber(argc + 30, argc + 40);
    return acc & 0x7f;
}
