/*
 * symtab.c: lookups in the ELF function and object symbols of an image.
 */
#include <string.h>

#include <hdb/symtab.h>

/* Index of the last symbol with addr <= a, or -1. */
static long last_at_or_before(const struct hdb_symbol *s, size_t n, uint64_t a)
{
    long lo = 0, hi = (long)n - 1, best = -1;
    while (lo <= hi) {
        long mid = lo + (hi - lo) / 2;
        if (s[mid].addr <= a) {
            best = mid;
            lo = mid + 1;
        } else {
            hi = mid - 1;
        }
    }
    return best;
}

static const struct hdb_symbol *containing(const struct hdb_symbol *s, size_t n, uint64_t a)
{
    long i = last_at_or_before(s, n, a);
    if (i < 0)
        return NULL;
    /* Aliases share an address (and one may be sizeless): take the first that contains a. */
    uint64_t at = s[i].addr;
    while (i > 0 && s[i - 1].addr == at)
        i--;
    for (; i < (long)n && s[i].addr == at; i++)
        if (a < s[i].addr + s[i].size)
            return &s[i];
    return NULL;
}

const struct hdb_symbol *hdb_sym_func_at(const struct hdb_image *img, uint64_t addr)
{
    return containing(img->funcs, img->nfuncs, addr);
}

const struct hdb_symbol *hdb_sym_at(const struct hdb_image *img, uint64_t addr)
{
    const struct hdb_symbol *s = containing(img->funcs, img->nfuncs, addr);
    return s ? s : containing(img->objects, img->nobjects, addr);
}

static const struct hdb_symbol *by_name(const struct hdb_symbol *s, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(s[i].name, name) == 0)
            return &s[i];
    return NULL;
}

const struct hdb_symbol *hdb_sym_func_by_name(const struct hdb_image *img, const char *name)
{
    return by_name(img->funcs, img->nfuncs, name);
}

const struct hdb_symbol *hdb_sym_object_by_name(const struct hdb_image *img, const char *name)
{
    return by_name(img->objects, img->nobjects, name);
}

int hdb_sym_print_len(const char *name)
{
    size_t n = strlen(name), i = n;
    while (i > 0 && name[i - 1] >= '0' && name[i - 1] <= '9')
        i--;
    /* digits after a dot, with a name before the dot */
    return i < n && i > 1 && name[i - 1] == '.' ? (int)(i - 1) : (int)n;
}
