/* Command-line parsing; see include/kernel/cmdline.h for the keys. */
#include <kernel/cmdline.h>
#include <kernel/string.h>

bool cmdline_get(const char *cmdline, const char *key, char *val, size_t size)
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
        if (wlen < klen || strncmp(word, key, klen) != 0)
            continue;
        if (wlen == klen) {
            if (val && size)
                val[0] = '\0';
            return true;
        }
        if (word[klen] == '=') {
            if (val && size) {
                size_t n = MIN(wlen - klen - 1, size - 1);
                memcpy(val, word + klen + 1, n);
                val[n] = '\0';
            }
            return true;
        }
    }
    return false;
}
