/* Oracle input: inline functions, nested lexical scopes, static locals. */
#include <stdarg.h>
#include <stdio.h>

static inline int square(int x)
{
    return x * x;
}
static inline __attribute__((always_inline)) int cube(int x)
{
    return square(x) * x;
}

static int counter(void)
{
    static int calls;
    return ++calls;
}

static int sum(int n, ...)
{
    va_list ap;
    int total = 0;
    va_start(ap, n);
    for (int i = 0; i < n; i++)
        total += va_arg(ap, int);
    va_end(ap);
    return total;
}

int fib(int n)
{
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

int main(int argc, char **argv)
{
    int result = 0;
    (void)argv;
    {
        int a = argc + 1;
        {
            int b = cube(a);
            result += b;
        }
        for (int i = 0; i < argc; i++) {
            int sq = square(i);
            result += sq + counter();
        }
    }
    if (argc > 5) {
        const char *msg = "many";
        puts(msg);
    }
    result += sum(3, argc, fib(argc + 3), 4);
    printf("%d\n", result);
    return result & 0x7f;
}
