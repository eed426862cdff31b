/*
 * bits.c: bit-fields for print (oracle.py's data.bit_fields): signed and
 * unsigned ones, an enum's, a _Bool's, one that straddles a byte, one
 * after a plain member, in a struct inside an array.
 */
enum mode { OFF, ON, AUTO };

struct flags {
    unsigned ready : 1;
    signed level : 4;
    unsigned count : 11;
    enum mode mode : 2;
    _Bool on : 1;
    int plain;
    unsigned long wide : 40;
    signed char tiny : 3;
};

struct flags f = {1, -3, 1500, AUTO, 1, 77, 0x123456789aUL, -2};
struct flags many[2] = {{0, 7, 2047, ON, 0, -1, 1, 3}, {1, -8, 0, OFF, 1, 2, 0, -4}};

int main(void)
{
    f.count += 1;
    return f.plain + many[1].plain;
}
