/* Oracle input: the C type system as gcc describes it in DWARF. */
#include <stddef.h>
#include <stdint.h>

typedef unsigned long ulong_t;
enum colour { RED, GREEN = 5, BLUE = -3 };
enum __attribute__((packed)) small_enum { SMALL_A = 1, SMALL_B = 200 };

struct flags {
    unsigned ready : 1;
    unsigned mode : 3;
    signed delta : 5;
    uint64_t wide : 40;
    const volatile int cv;
};

union value {
    int i;
    float f;
    double d;
    unsigned char bytes[8];
    struct {
        uint16_t lo, hi;
    } halves;
};

struct node {
    struct node *next;
    const char *name;
    union value val;
    enum colour colour;
    int matrix[3][4];
    char flexible[];
};

typedef int (*binop_t)(int, int);
typedef struct node node_t;

static int add(int a, int b)
{
    return a + b;
}
static int sub(int a, int b)
{
    return a - b;
}

volatile binop_t ops[2] = {add, sub};
struct flags global_flags = {1, 5, -7, 0x123456789aull, 42};
static const char *const names[] = {"red", "green", "blue"};
_Thread_local int tls_counter;
long double ld = 1.5L;
_Complex double cplx;
_Bool truth = 1;
ulong_t big = 1ul << 40;
enum small_enum se = SMALL_B;

int sum_matrix(const node_t *n)
{
    int s = 0;
    for (size_t r = 0; r < 3; r++)
        for (size_t c = 0; c < 4; c++)
            s += n->matrix[r][c];
    return s;
}

int main(int argc, char **argv)
{
    static node_t head = {.name = "head", .colour = GREEN};
    node_t second = {.next = &head, .name = argv[0], .colour = BLUE};
    second.val.d = argc * 2.5;
    second.matrix[1][2] = argc;
    tls_counter += argc;
    global_flags.delta = argc;
    return ops[argc & 1](sum_matrix(&second), (int)se) + names[argc % 3][0] + (int)truth;
}
