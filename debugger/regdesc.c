/*
 * regdesc.c: every register name gdb accepts on x86_64 Linux beyond the
 * integer slots of struct hdb_regs, and gdb's register groups.
 *
 * gdb's amd64 pseudo-registers (amd64-tdep.c's dword, word and byte
 * names) are views of the general registers: eax..r15d the low 32 bits,
 * ax..r15w the low 16 ($sp stays the stack pointer, so there is no 16-bit
 * "sp"), al..r15l the low 8 and ah, bh, ch, dh bits 8-15. The x87 names
 * follow the i387 target-description feature, the vector ones the sse,
 * avx and avx512 features (xmm16-31 and ymm16-31 exist with AVX-512).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hdb/error.h>
#include <hdb/regs.h>

/* General registers in gdb's amd64 order, which is also enum hdb_reg's. */
static const char *const dword_names[16] = {"eax",  "ebx",  "ecx",  "edx", "esi",  "edi",
                                            "ebp",  "esp",  "r8d",  "r9d", "r10d", "r11d",
                                            "r12d", "r13d", "r14d", "r15d"};
static const char *const word_names[16] = {"ax",   "bx",   "cx",   "dx",  "si",   "di",
                                           "bp",   "",     "r8w",  "r9w", "r10w", "r11w",
                                           "r12w", "r13w", "r14w", "r15w"};
static const char *const byte_names[16] = {"al",   "bl",   "cl",   "dl",  "sil",  "dil",
                                           "bpl",  "spl",  "r8l",  "r9l", "r10l", "r11l",
                                           "r12l", "r13l", "r14l", "r15l"};
static const char *const high_names[4] = {"ah", "bh", "ch", "dh"};
static const char *const x87_names[8] = {"fctrl", "fstat", "ftag",  "fiseg",
                                         "fioff", "foseg", "fooff", "fop"};

/* "st3" -> 3 for prefix "st" when the number is below limit; -1 otherwise. */
static int numbered(const char *name, const char *prefix, int limit)
{
    size_t n = strlen(prefix);
    if (strncmp(name, prefix, n) != 0 || name[n] < '0' || name[n] > '9')
        return -1;
    if (name[n] == '0' && name[n + 1])
        return -1; /* "xmm01" is no register */
    char *end;
    long v = strtol(name + n, &end, 10);
    return *end == 0 && v < limit ? (int)v : -1;
}

int hdb_reg_lookup(const char *name, struct hdb_reg_desc *d)
{
    if (name[0] == '$')
        name++;
    memset(d, 0, sizeof(*d));
    int r = hdb_reg_by_name(name);
    if (r >= 0 && r < HDB_REG_ST0) {
        d->cls = HDB_RC_INT;
        d->index = r;
        return 0;
    }
    if (r == HDB_REG_FS_BASE || r == HDB_REG_GS_BASE) {
        d->cls = HDB_RC_INT;
        d->index = r;
        return 0;
    }
    for (int i = 0; i < 16; i++) {
        const char *const *tab[3] = {dword_names, word_names, byte_names};
        for (int w = 0; w < 3; w++) {
            if (tab[w][i][0] && strcmp(tab[w][i], name) == 0) {
                d->cls = HDB_RC_PART;
                d->index = i;
                d->bytes = (uint8_t)(4 >> w);
                return 0;
            }
        }
    }
    for (int i = 0; i < 4; i++) {
        if (strcmp(high_names[i], name) == 0) {
            d->cls = HDB_RC_PART;
            d->index = i;
            d->bytes = 1;
            d->shift = 8;
            return 0;
        }
    }
    for (int i = 0; i < 8; i++) {
        if (strcmp(x87_names[i], name) == 0) {
            d->cls = HDB_RC_X87;
            d->index = i;
            return 0;
        }
    }
    if (strcmp(name, "mxcsr") == 0) {
        d->cls = HDB_RC_MXCSR;
        return 0;
    }
    static const struct {
        const char *prefix;
        enum hdb_reg_class cls;
        int limit, bytes;
    } families[] = {
        {"st", HDB_RC_ST, 8, 10},    {"k", HDB_RC_K, 8, 8},       {"xmm", HDB_RC_XMM, 32, 16},
        {"ymm", HDB_RC_XMM, 32, 32}, {"zmm", HDB_RC_XMM, 32, 64},
    };
    for (size_t f = 0; f < sizeof(families) / sizeof(families[0]); f++) {
        int i = numbered(name, families[f].prefix, families[f].limit);
        if (i >= 0) {
            d->cls = families[f].cls;
            d->index = i;
            d->bytes = (uint8_t)families[f].bytes;
            return 0;
        }
    }
    return HDB_E_NOT_FOUND;
}

void hdb_reg_desc_name(const struct hdb_reg_desc *d, char *buf, size_t len)
{
    switch (d->cls) {
    case HDB_RC_INT:
        snprintf(buf, len, "%s", hdb_reg_name(d->index));
        return;
    case HDB_RC_PART:
        snprintf(buf, len, "%s",
                 d->shift        ? high_names[d->index]
                 : d->bytes == 4 ? dword_names[d->index]
                 : d->bytes == 2 ? word_names[d->index]
                                 : byte_names[d->index]);
        return;
    case HDB_RC_ST:
        snprintf(buf, len, "st%d", d->index);
        return;
    case HDB_RC_X87:
        snprintf(buf, len, "%s", x87_names[d->index]);
        return;
    case HDB_RC_MXCSR:
        snprintf(buf, len, "mxcsr");
        return;
    case HDB_RC_K:
        snprintf(buf, len, "k%d", d->index);
        return;
    case HDB_RC_XMM:
        snprintf(buf, len, "%cmm%d", d->bytes == 16 ? 'x' : d->bytes == 32 ? 'y' : 'z', d->index);
        return;
    }
}

bool hdb_reg_desc_present(const struct hdb_reg_desc *d, const struct hdb_fpregs *fp)
{
    switch (d->cls) {
    case HDB_RC_INT:
    case HDB_RC_PART:
        return true;
    case HDB_RC_ST:
    case HDB_RC_X87:
        return fp->have & HDB_FP_X87;
    case HDB_RC_MXCSR:
        return fp->have & HDB_FP_SSE;
    case HDB_RC_K:
        return fp->have & HDB_FP_AVX512;
    case HDB_RC_XMM:
        if (d->index >= 16 || d->bytes == 64)
            return fp->have & HDB_FP_AVX512;
        return fp->have & (d->bytes == 32 ? HDB_FP_AVX : HDB_FP_SSE);
    }
    return false;
}

static int add(struct hdb_reg_desc *out, int n, int max, enum hdb_reg_class cls, int index,
               int bytes)
{
    if (n < max)
        out[n] = (struct hdb_reg_desc){.cls = cls, .index = index, .bytes = (uint8_t)bytes};
    return n + 1;
}

/*
 * The vector registers as gdb lists them: with AVX-512 only zmm0-31 (the
 * xmm and ymm views are left out), with AVX ymm0-15; mxcsr comes after
 * the raw xmm registers and before the pseudo-registers built on them.
 */
static int vectors(uint32_t have, struct hdb_reg_desc *out, int n, int max)
{
    if (have & HDB_FP_AVX512 || have & HDB_FP_AVX) {
        int count = have & HDB_FP_AVX512 ? 32 : 16, bytes = have & HDB_FP_AVX512 ? 64 : 32;
        n = add(out, n, max, HDB_RC_MXCSR, 0, 4);
        if (have & HDB_FP_AVX512)
            return n; /* the caller puts k0-7 between mxcsr and the zmm registers */
        for (int i = 0; i < count; i++)
            n = add(out, n, max, HDB_RC_XMM, i, bytes);
        return n;
    }
    if (have & HDB_FP_SSE) {
        for (int i = 0; i < 16; i++)
            n = add(out, n, max, HDB_RC_XMM, i, 16);
        n = add(out, n, max, HDB_RC_MXCSR, 0, 4);
    }
    return n;
}

int hdb_reg_group(enum hdb_reg_group g, uint32_t have, struct hdb_reg_desc *out, int max)
{
    int n = 0, ngen;
    const int *gen = hdb_reg_general(&ngen);
    if (g == HDB_RG_GENERAL || g == HDB_RG_ALL) {
        for (int i = 0; i < ngen; i++)
            if (g == HDB_RG_GENERAL || gen[i] < HDB_REG_ST0) /* gdb leaves the bases out of all */
                n = add(out, n, max, HDB_RC_INT, gen[i], 8);
        if (g == HDB_RG_GENERAL) {
            for (int i = 0; i < 8 && (have & HDB_FP_AVX512); i++)
                n = add(out, n, max, HDB_RC_K, i, 8);
            return n;
        }
    }
    if ((g == HDB_RG_ALL || g == HDB_RG_FLOAT) && (have & HDB_FP_X87)) {
        for (int i = 0; i < 8; i++)
            n = add(out, n, max, HDB_RC_ST, i, 10);
        for (int i = 0; i < 8; i++)
            n = add(out, n, max, HDB_RC_X87, i, 4);
    }
    if (g == HDB_RG_FLOAT)
        return n;
    n = vectors(have, out, n, max);
    if (have & HDB_FP_AVX512) {
        for (int i = 0; i < 8 && g == HDB_RG_ALL; i++)
            n = add(out, n, max, HDB_RC_K, i, 8);
        for (int i = 0; i < 32; i++)
            n = add(out, n, max, HDB_RC_XMM, i, 64);
    }
    return n;
}
