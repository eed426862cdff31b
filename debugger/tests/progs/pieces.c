/*
 * pieces.c: built at -O2, structs that live in pieces (DWARF5 2.6.1.2):
 * members in registers, computed values, and members with no location.
 */
struct pt {
    int x, y;
};
struct big {
    long a;
    int b;
    short c;
};
int acc;

__attribute__((noinline)) void observe(int v)
{
    acc += v;
}

__attribute__((noinline)) int walk(int n)
{
    struct pt p = {n, n * 2};
    struct big g = {n * 3L, n + 1, (short)(n - 1)};
    for (int i = 0; i < n; i++) {
        p.x += i;
        p.y -= i;
        g.a += p.x;
        observe(p.x + p.y + (int)g.a + g.b + g.c);
    }
    return p.x * p.y + (int)g.a;
}

int main(int argc, char **argv)
{
    (void)argv;
    return walk(argc + 3) & 0x7f;
}
