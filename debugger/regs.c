/*
 * regs.c: names of the x86_64 integer registers, as gdb spells them.
 */
#include <string.h>

#include <hdb/regs.h>

static const char *const names[HDB_REG_COUNT] = {
    [HDB_REG_RAX] = "rax",         [HDB_REG_RBX] = "rbx",         [HDB_REG_RCX] = "rcx",
    [HDB_REG_RDX] = "rdx",         [HDB_REG_RSI] = "rsi",         [HDB_REG_RDI] = "rdi",
    [HDB_REG_RBP] = "rbp",         [HDB_REG_RSP] = "rsp",         [HDB_REG_R8] = "r8",
    [HDB_REG_R9] = "r9",           [HDB_REG_R10] = "r10",         [HDB_REG_R11] = "r11",
    [HDB_REG_R12] = "r12",         [HDB_REG_R13] = "r13",         [HDB_REG_R14] = "r14",
    [HDB_REG_R15] = "r15",         [HDB_REG_RIP] = "rip",         [HDB_REG_EFLAGS] = "eflags",
    [HDB_REG_CS] = "cs",           [HDB_REG_SS] = "ss",           [HDB_REG_DS] = "ds",
    [HDB_REG_ES] = "es",           [HDB_REG_FS] = "fs",           [HDB_REG_GS] = "gs",
    [HDB_REG_FS_BASE] = "fs_base", [HDB_REG_GS_BASE] = "gs_base",
};

/* gdb's `info registers` order: the general registers, then the two bases. */
static const int general[] = {
    HDB_REG_RAX,     HDB_REG_RBX,     HDB_REG_RCX, HDB_REG_RDX, HDB_REG_RSI, HDB_REG_RDI,
    HDB_REG_RBP,     HDB_REG_RSP,     HDB_REG_R8,  HDB_REG_R9,  HDB_REG_R10, HDB_REG_R11,
    HDB_REG_R12,     HDB_REG_R13,     HDB_REG_R14, HDB_REG_R15, HDB_REG_RIP, HDB_REG_EFLAGS,
    HDB_REG_CS,      HDB_REG_SS,      HDB_REG_DS,  HDB_REG_ES,  HDB_REG_FS,  HDB_REG_GS,
    HDB_REG_FS_BASE, HDB_REG_GS_BASE,
};

const char *hdb_reg_name(int regno)
{
    return regno >= 0 && regno < HDB_REG_COUNT ? names[regno] : NULL;
}

int hdb_reg_by_name(const char *name)
{
    if (name[0] == '$')
        name++;
    /* gdb's aliases for the stack and frame pointers and the pc. */
    if (strcmp(name, "pc") == 0)
        return HDB_REG_RIP;
    if (strcmp(name, "sp") == 0)
        return HDB_REG_RSP;
    if (strcmp(name, "fp") == 0)
        return HDB_REG_RBP;
    for (int r = 0; r < HDB_REG_COUNT; r++)
        if (names[r] && strcmp(names[r], name) == 0)
            return r;
    return -1;
}

const int *hdb_reg_general(int *n)
{
    *n = (int)(sizeof(general) / sizeof(general[0]));
    return general;
}
