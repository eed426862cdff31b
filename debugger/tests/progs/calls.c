/*
 * calls.c: functions for `print f(args)` and `call`: integer, pointer,
 * struct-by-pointer and struct-by-value arguments, more arguments than
 * registers, small structs returned in registers and a large one in
 * memory, floating point (also in structs, and more doubles than
 * registers), void, a crash, an exit, and strings for the
 * string literals of hdb-oracle's data.string_literals.
 */
#include <stdio.h>
#include <stdlib.h>

struct point {
    int x, y;
};
struct big {
    long a, b, c;
};
struct mixed {
    int i;
    double d;
};
struct pair {
    float x, y;
};

int counter = 42;
struct point origin = {3, -4};
struct mixed mix = {2, 0.25};
char greeting[] = "hello";
const char *message = "text";

int add(int a, int b)
{
    return a + b;
}
int twice(int v)
{
    return add(v, v);
}
long lsum(long a, long b, long c, long d, long e, long f, long g, long h)
{
    return a + b + c + d + e + f + g + h;
}
void bump(void)
{
    counter++;
}
int norm1(const struct point *p)
{
    return abs(p->x) + abs(p->y);
}
struct point mkpoint(int x, int y)
{
    struct point p = {x, y};
    return p;
}
struct big mkbig(long a)
{
    struct big b = {a, a * 2, a * 3};
    return b;
}
double half(double x)
{
    return x / 2;
}
double mixsum(struct mixed m)
{
    return m.i + m.d;
}
struct mixed mkmixed(int i, double d)
{
    struct mixed m = {i, d};
    return m;
}
struct pair mkpair(float x, float y)
{
    struct pair p = {x, y};
    return p;
}
double dsum(double a, double b, double c, double d, double e, double f, double g, double h,
            double i, double j)
{
    return a + b + c + d + e + f + g + h + i + j;
}
float fhalf(float x)
{
    return x / 2;
}
char first(const char *s)
{
    return s[0];
}
unsigned char ubyte(int v)
{
    return (unsigned char)v;
}
short neg(short v)
{
    return -v;
}
_Bool isodd(int v)
{
    return v & 1;
}
const char *greet(void)
{
    return greeting;
}
int *where(void)
{
    return &counter;
}
struct point *porigin(void)
{
    return &origin;
}
int crash(int *p)
{
    return *p;
}
int sumpt(struct point p)
{
    return p.x + p.y;
}
int varsum(int n, ...)
{
    return n;
}
void quit_now(int code)
{
    exit(code);
}

int main(void)
{
    int x = 7;
    struct point local = {1, 2};
    printf("%d %d\n", twice(x), norm1(&local));
    return 0;
}
