/* Oracle input: second unit of the multi program. */
#include "multi.h"

struct rect_cache {
    double last;
    unsigned hits;
};
static struct rect_cache cache;

double shape_area(const struct shape *s)
{
    double w = s->corners[1].x - s->corners[0].x;
    double h = s->corners[2].y - s->corners[1].y;
    cache.hits += manhattan(s->corners[0], s->corners[2]) > 0;
    cache.last = w * h;
    return cache.last;
}
