/*
 * Command-line parsing; see include/kernel/cmdline.h for the keys.
 * Portable: the root task links it too (userland/build.mk).
 */
#include <kernel/cmdline.h>
#include <kernel/string.h>

bool cmdline_find(const char *cmdline, const char *key, const char **value, size_t *len)
{
    size_t klen = strlen(key);
    const char *p = cmdline;

    while (*p) {
        while (*p == ' ')
            p++;
        const char *word = p;
        while (*p && *p != ' ')
            p++;
        size_t wlen = (size_t)(p - word);
        if (wlen < klen || strncmp(word, key, klen) != 0 || (wlen > klen && word[klen] != '='))
            continue;
        *value = wlen == klen ? word + wlen : word + klen + 1;
        *len = wlen == klen ? 0 : wlen - klen - 1;
        return true;
    }
    return false;
}

bool cmdline_get(const char *cmdline, const char *key, char *val, size_t size)
{
    const char *v;
    size_t n;

    if (!cmdline_find(cmdline, key, &v, &n))
        return false;
    if (val && size) {
        n = MIN(n, size - 1);
        memcpy(val, v, n);
        val[n] = '\0';
    }
    return true;
}
