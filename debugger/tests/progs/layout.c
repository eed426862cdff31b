/* layout.c: structs with holes, padding, bit-fields, a nested struct and a
 * union, for ptype/o; integer types gdb spells its own way (long, short). */
struct inner {
    char c;
    short s;
};

struct outer {
    char a;
    int b;
    struct inner in;
    long l;
    char tail[3];
    unsigned bits : 3;
    unsigned more : 5;
    double d;
} o;

union u {
    int i;
    char c[6];
} uu;

struct padded {
    long big;
    char last;
} pad;

unsigned long long ull;
short sh;

int main(void)
{
    return o.a + uu.i + pad.last + (int)ull + sh;
}
