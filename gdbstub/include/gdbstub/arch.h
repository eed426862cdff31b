/*
 * gdbstub/arch.h: what the engine knows about a target architecture. The
 * engine itself is architecture-neutral; an arch description (one per
 * folder under gdbstub/arch/) supplies the register sizes in gdb's remote
 * numbering and the target description XML served through
 * qXfer:features:read (GDB manual "Target Descriptions").
 */
#ifndef GDBSTUB_ARCH_H
#define GDBSTUB_ARCH_H

#include <stddef.h>
#include <stdint.h>

/* One qXfer annex: a named, read-only blob. */
struct gdbstub_annex {
    const char *name;
    const char *data;
    size_t len;
};

struct gdbstub_arch {
    /* reg_sizes[n] is the size in bytes of register n; the g packet is
     * every register in order (GDB manual "Packets", g). */
    const uint8_t *reg_sizes;
    uint32_t nregs;
    uint32_t pc_regnum; /* written by "c addr" / "s addr" */
    /*
     * Registers sent with every T stop reply ("n:r;", GDB manual "Stop
     * Reply Packets"), so that gdb knows the frame without a g packet: on
     * a slow line the g reply is most of the cost of a single step.
     */
    const uint8_t *expedite;
    size_t nexpedite;
    /* features[0] must be "target.xml"; the rest are the files it includes. */
    const struct gdbstub_annex *features;
    size_t nfeatures;
};

#endif
