/*
 * hdwarf unwind FILE SNAPSHOT: unwind a register and stack snapshot
 * offline with the file's CFI and print each frame's pc and CFA. The
 * snapshot is text: "reg N 0xVALUE" per DWARF register, and
 * "stack 0xBASE HEXBYTES" for the memory from the innermost rsp upward
 * (the live oracle's program writes one). Addresses are the file's own:
 * the program must not be relocated (a non-PIE executable).
 */
#include "hdwarf.h"

#include <dwarf/cfi.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

struct snapshot {
    uint64_t reg[DWARF_CFI_NREGS];
    uint64_t valid;
    uint64_t stack_base, stack_len;
    uint8_t *stack;
};

static int snap_reg(void *ctx, unsigned reg, uint64_t *v)
{
    const struct snapshot *s = ctx;
    if (reg >= DWARF_CFI_NREGS || !(s->valid & (UINT64_C(1) << reg)))
        return DWARF_E_UNAVAILABLE;
    *v = s->reg[reg];
    return 0;
}

static int snap_mem(void *ctx, uint64_t addr, void *buf, uint64_t len)
{
    const struct snapshot *s = ctx;
    if (addr < s->stack_base || len > s->stack_len || addr - s->stack_base > s->stack_len - len)
        return DWARF_E_UNAVAILABLE;
    memcpy(buf, s->stack + (addr - s->stack_base), len);
    return 0;
}

static int hexval(int c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* 0, or -1 after one message on stderr. */
static int read_snapshot(const char *path, struct snapshot *s)
{
    FILE *f = fopen(path, "r");
    char *line = NULL;
    size_t cap = 0;
    int rc = 0;

    memset(s, 0, sizeof *s);
    if (f == NULL) {
        fprintf(stderr, "hdwarf: %s: cannot open\n", path);
        return -1;
    }
    while (rc == 0 && getline(&line, &cap, f) > 0) {
        unsigned reg;
        uint64_t v;
        int n = 0;
        if (sscanf(line, "reg %u 0x%" SCNx64, &reg, &v) == 2 && reg < DWARF_CFI_NREGS) {
            s->reg[reg] = v;
            s->valid |= UINT64_C(1) << reg;
        } else if (sscanf(line, "stack 0x%" SCNx64 " %n", &s->stack_base, &n) == 1 && n > 0) {
            const char *hex = line + n;
            size_t len = strcspn(hex, "\n") / 2;
            free(s->stack);
            s->stack = malloc(len ? len : 1);
            if (s->stack == NULL)
                rc = -1;
            for (size_t i = 0; rc == 0 && i < len; i++) {
                int hi = hexval(hex[2 * i]), lo = hexval(hex[2 * i + 1]);
                if (hi < 0 || lo < 0)
                    rc = -1;
                else
                    s->stack[i] = (uint8_t)(hi << 4 | lo);
            }
            s->stack_len = len;
        }
    }
    free(line);
    fclose(f);
    if (rc || s->stack == NULL) {
        fprintf(stderr, "hdwarf: %s: not a snapshot\n", path);
        free(s->stack);
        return -1;
    }
    return 0;
}

int hdwarf_unwind(FILE *out, const struct dwarf_cfi *cfi, unsigned ncfi, const char *snap_path)
{
    struct dwarf_unwind_ops ops = {.read_reg = snap_reg, .read_mem = snap_mem};
    struct snapshot s;
    struct dwarf_frame f;
    int rc;

    if (read_snapshot(snap_path, &s))
        return 1;
    ops.ctx = &s;
    if ((rc = dwarf_unwind_begin(&ops, &f)) == 0) {
        fprintf(out, "frame 0 pc 0x%" PRIx64 "\n", f.pc);
        /* A corrupt stack could cycle: the depth is bounded. */
        for (int depth = 1; depth < 256 && (rc = dwarf_unwind_step(cfi, NULL, ncfi, &ops, &f)) > 0;
             depth++)
            fprintf(out, "frame %d pc 0x%" PRIx64 " cfa 0x%" PRIx64 "\n", depth, f.pc, f.cfa);
    }
    free(s.stack);
    if (rc < 0) {
        fflush(out);
        fprintf(stderr, "hdwarf: %s: cannot unwind: %s\n", snap_path, dwarf_strerror(rc));
        return 1;
    }
    return 0;
}
