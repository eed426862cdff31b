/*
 * The live unwinding oracle's program (built -O2 -fomit-frame-pointer
 * -no-pie with ../unwind_target.c): it captures its registers and stack
 * at the innermost of three calls, writes them with the return addresses
 * and CFAs it recorded itself to the file named by argv[1], and aborts
 * there, so that `gdb -batch -ex run -ex bt` shows the same frames.
 */
#include "../unwind_target.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

extern void *__libc_stack_end;

static const char *out_path;

static void dump_and_stop(struct unwind_snapshot *s)
{
    FILE *f = fopen(out_path, "w");
    if (f == NULL)
        exit(2);
    for (int i = 0; i < UNWIND_NREGS; i++)
        fprintf(f, "reg %d 0x%" PRIx64 "\n", i, s->regs[i]);
    for (int i = 0; i < UNWIND_DEPTH; i++)
        fprintf(f, "frame %d cfa 0x%" PRIx64 " ra 0x%" PRIx64 "\n", i, s->cfa[i], s->ra[i]);
    fprintf(f, "stack 0x%" PRIx64 " ", s->stack_base);
    for (uint64_t i = 0; i < s->stack_len; i++)
        fprintf(f, "%02x", s->stack[i]);
    fputc('\n', f);
    fclose(f);
    abort();
}

int main(int argc, char **argv)
{
    static struct unwind_snapshot snap;
    if (argc != 2)
        return 2;
    out_path = argv[1];
    snap.stack_top = (uint64_t)(uintptr_t)__libc_stack_end;
    snap.after_capture = dump_and_stop;
    unwind_level1(&snap, (uint64_t)argc);
    return 1;
}
