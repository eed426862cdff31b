/* Boot information helpers (hl/bootinfo.h). */
#include <string.h>
#include <hl/bootinfo.h>

int hl_bootinfo_largest_ram(const struct hl_bootinfo *bi)
{
    int best = -1;

    for (uint32_t i = 0; i < bi->nmemory && i < HL_BOOTINFO_MAX_MEMORY; i++)
        if (!bi->memory[i].device && (best < 0 || bi->memory[i].size > bi->memory[best].size))
            best = (int)i;
    return best;
}

bool hl_cmdline_find(const char *cmdline, const char *key, const char **value, size_t *len)
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
        if (wlen >= klen && strncmp(word, key, klen) == 0 && (wlen == klen || word[klen] == '=')) {
            *value = wlen == klen ? word + wlen : word + klen + 1;
            *len = wlen == klen ? 0 : wlen - klen - 1;
            return true;
        }
    }
    return false;
}
