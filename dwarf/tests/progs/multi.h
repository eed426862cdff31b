/* Oracle input: a header shared by the two units of the multi program. */
#ifndef MULTI_H
#define MULTI_H

struct point {
    int x, y;
};
struct shape {
    const char *label;
    struct point corners[4];
    double (*area)(const struct shape *);
};

double shape_area(const struct shape *s);
int shape_check(const struct shape *s, int n);
static inline int manhattan(struct point a, struct point b)
{
    int dx = a.x - b.x, dy = a.y - b.y;
    return (dx < 0 ? -dx : dx) + (dy < 0 ? -dy : dy);
}
extern int shapes_made;

#endif
