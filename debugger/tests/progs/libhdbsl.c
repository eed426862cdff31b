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

/* A 2-D array and a function taking rows of it: calls and arrays in a library's DWARF. */
int sl_grid[2][3] = {{1, 2, 3}, {4, 5, 6}};

int sl_row_sum(int (*g)[3], int row)
{
    int s = 0;
    for (int c = 0; c < 3; c++)
        s += g[row][c];
    return s;
}
