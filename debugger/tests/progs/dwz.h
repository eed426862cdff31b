/* dwz.h: the types dwz_a.c and dwz_b.c share, which dwz moves into a partial unit. */
struct pair {
    int a;
    long b;
};
typedef struct pair pair_t;

enum colour { RED, GREEN = 5, BLUE };

int use_a(pair_t *p, enum colour c);
int use_b(const pair_t *p, enum colour c);
