/* Oracle input: first unit of the multi program. */
#include "multi.h"

int shapes_made;

int main(int argc, char **argv)
{
    struct shape s = {.label = argv[0], .area = shape_area};
    for (int i = 0; i < 4; i++)
        s.corners[i] = (struct point){i * argc, i + argc};
    shapes_made += shape_check(&s, argc) > 0;
    return (int)s.area(&s) + manhattan(s.corners[0], s.corners[3]);
}
