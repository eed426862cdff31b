/*
 * reader.c: a program that asks for a line on its standard input, for the
 * TUI's test of typing to a running program (debugger/tests/tui.py).
 */
#include <stdio.h>
#include <string.h>

int greet(const char *name)
{
    int n = (int)strlen(name);
    printf("hello, %s (%d)\n", name, n);
    return n;
}

int main(void)
{
    char name[64];
    printf("name? ");
    fflush(stdout);
    if (!fgets(name, sizeof(name), stdin))
        return 1;
    name[strcspn(name, "\n")] = 0;
    return greet(name);
}
