/*
 * tuiprog.c: the TUI's second test program (debugger/tests/tui.py):
 * nested structs, arrays and a pointer among the locals, a second thread
 * for the threads pane, bytes with a known pattern for the memory pane,
 * and output printed while the TUI is up.
 */
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

struct inner {
    int a;
    char tag[4];
};

struct outer {
    int id;
    struct inner in;
    int vals[3];
    struct inner *next;
};

unsigned char pattern[64];
volatile int go;

static void *worker(void *arg)
{
    while (!go)
        usleep(1000);
    return arg;
}

int shout(int n)
{
    for (int i = 0; i < n; i++)
        printf("line %d from the program\n", i);
    fflush(stdout);
    return n;
}

int inspect(struct outer *o)
{
    struct outer copy = *o;
    struct inner pair[2] = {{1, "p"}, {2, "q"}};
    int sum = copy.in.a + pair[1].a;
    return sum;
}

int main(void)
{
    for (int i = 0; i < 64; i++)
        pattern[i] = (unsigned char)(i * 3 + 1);
    pthread_t th;
    pthread_create(&th, NULL, worker, NULL);
    struct inner in2 = {7, "xy"};
    struct outer o = {1, {5, "ab"}, {10, 20, 30}, &in2};
    shout(3);
    int r = inspect(&o);
    go = 1;
    pthread_join(th, NULL);
    shout(40);
    printf("done %d\n", r);
    return 0;
}
