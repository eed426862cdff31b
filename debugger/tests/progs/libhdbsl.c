/* libhdbsl.c: a small shared library built with -g, linked by solib.c. */
int sl_counter = 5;

static int sl_square(int v)
{
    return v * v;
}

int sl_add(int a, int b)
{
    int sum = a + b;
    sl_counter += sum;
    return sum + sl_square(a);
}

/* Calls back into the program, so that a backtrace crosses the library both ways. */
int sl_apply(int (*f)(int), int v)
{
    int r = f(v);
    return r + 1;
}
