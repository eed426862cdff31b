/* split.h: what split_a.c and split_b.c share. */
struct point {
    int x;
    long y;
    const char *label;
};
typedef struct point point_t;

enum shade { DARK, MID = 4, LIGHT };

extern int calls;
extern point_t origin;
int scale(point_t *p, int k);
long total(const point_t *ps, int n, enum shade s);
