/* Boot information helpers (hl/bootinfo.h). */
#include <hl/bootinfo.h>
#include <kernel/cmdline.h>

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
    return cmdline_find(cmdline, key, value, len);
}
