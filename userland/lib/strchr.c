/*
 * The one string function user tasks need beyond the kernel's set, which
 * they share (kernel/lib/string.c, built with the user flags).
 */
#include <string.h>

char *strchr(const char *s, int c)
{
    for (;; s++) {
        if (*s == (char)c)
            return (char *)s;
        if (!*s)
            return NULL;
    }
}
