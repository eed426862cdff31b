/*
 * solib.c: shared libraries: libhdbsl.so (with DWARF) and libhdbnodbg.so
 * (without) linked in, libhdbplug.so loaded with dlopen(), and qsort
 * calling back into the program from libc. Prints "19 8 1".
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

int sl_add(int a, int b);
int sl_apply(int (*f)(int), int v);
int nodbg_twice(int v);
extern int sl_counter;

static int twice(int v)
{
    return v * 2;
}

static int cmp(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

int main(void)
{
    int v[] = {5, 3, 9, 1};
    int r = sl_add(1, 2);
    r += sl_apply(twice, 4);
    qsort(v, 4, sizeof(int), cmp);
    /* The program's RUNPATH ($ORIGIN) is where dlopen looks too. */
    void *h = dlopen("libhdbplug.so", RTLD_NOW);
    if (!h)
        return 2;
    int (*entry)(int) = (int (*)(int))dlsym(h, "plug_entry");
    r += entry(nodbg_twice(1));
    printf("%d %d %d\n", r, sl_counter, v[0]);
    return 0;
}
