/*
 * fake_target.c: the in-memory target behind the host tests (see
 * fake_target.h). Thread n's registers hold recognisable values: each
 * general register r is 0x1000 * n + r, rip 0x1000 * n + 0x100.
 */
#include <string.h>

#include "fake_target.h"

size_t fake_reg_offset(uint32_t regnum)
{
    size_t off = 0;

    for (uint32_t i = 0; i < regnum; i++)
        off += gdbstub_arch_x86_64.reg_sizes[i];
    return off;
}

uint64_t fake_reg_u64(const struct fake_target *t, int64_t tid, uint32_t regnum)
{
    uint64_t v = 0;
    size_t size = gdbstub_arch_x86_64.reg_sizes[regnum];

    memcpy(&v, t->regs[tid] + fake_reg_offset(regnum), size < 8 ? size : 8);
    return v;
}

void fake_set_reg_u64(struct fake_target *t, int64_t tid, uint32_t regnum, uint64_t v)
{
    size_t size = gdbstub_arch_x86_64.reg_sizes[regnum];

    memcpy(t->regs[tid] + fake_reg_offset(regnum), &v, size < 8 ? size : 8);
}

void fake_target_init(struct fake_target *t)
{
    memset(t, 0, sizeof(*t));
    for (int64_t tid = 1; tid <= FAKE_NTHREADS; tid++) {
        for (uint32_t r = GDBSTUB_X86_64_RAX; r <= GDBSTUB_X86_64_R15; r++)
            fake_set_reg_u64(t, tid, r, 0x1000u * (uint64_t)tid + r);
        fake_set_reg_u64(t, tid, GDBSTUB_X86_64_RIP, 0x1000u * (uint64_t)tid + 0x100);
        fake_set_reg_u64(t, tid, GDBSTUB_X86_64_EFLAGS, 0x246);
        fake_set_reg_u64(t, tid, GDBSTUB_X86_64_CS, 0x08);
        fake_set_reg_u64(t, tid, GDBSTUB_X86_64_FS_BASE, 0x7000u + (uint64_t)tid);
    }
    for (unsigned i = 0; i < FAKE_MEM_SIZE; i++)
        t->mem_a[i] = (uint8_t)i;
    t->current = 1;
    t->unavail_reg = -1;
}

static struct fake_target *T(void *ctx)
{
    struct fake_target *t = ctx;

    t->calls++;
    return t;
}

static bool tid_ok(int64_t tid)
{
    return tid >= 1 && tid <= FAKE_NTHREADS;
}

static int64_t resolve(struct fake_target *t, int64_t tid)
{
    t->last_tid = tid;
    return tid_ok(tid) ? tid : t->current;
}

static bool reg_ok(struct fake_target *t, uint32_t regnum, size_t size)
{
    if (regnum < GDBSTUB_X86_64_NREGS && size == gdbstub_arch_x86_64.reg_sizes[regnum])
        return true;
    t->bad_args++;
    return false;
}

static int read_reg(void *ctx, int64_t tid, uint32_t regnum, uint8_t *buf, size_t size)
{
    struct fake_target *t = T(ctx);

    if (!reg_ok(t, regnum, size))
        return GDBSTUB_E_INVAL;
    if ((int32_t)regnum == t->unavail_reg)
        return GDBSTUB_E_UNAVAIL;
    memcpy(buf, t->regs[resolve(t, tid)] + fake_reg_offset(regnum), size);
    return GDBSTUB_OK;
}

static int write_reg(void *ctx, int64_t tid, uint32_t regnum, const uint8_t *buf, size_t size)
{
    struct fake_target *t = T(ctx);

    t->writes++;
    if (!reg_ok(t, regnum, size))
        return GDBSTUB_E_INVAL;
    memcpy(t->regs[resolve(t, tid)] + fake_reg_offset(regnum), buf, size);
    return GDBSTUB_OK;
}

static uint8_t *byte_at(struct fake_target *t, uint64_t addr)
{
    if (addr >= FAKE_MEM_A && addr < FAKE_MEM_A + FAKE_MEM_SIZE)
        return &t->mem_a[addr - FAKE_MEM_A];
    if (addr >= FAKE_MEM_B && addr < FAKE_MEM_B + FAKE_MEM_SIZE)
        return &t->mem_b[addr - FAKE_MEM_B];
    return NULL;
}

static int read_mem(void *ctx, int64_t tid, uint64_t addr, uint8_t *buf, size_t len, size_t *done)
{
    struct fake_target *t = T(ctx);

    resolve(t, tid);
    if (len == 0 || addr + (len - 1) < addr)
        t->bad_args++;
    for (*done = 0; *done < len; (*done)++) {
        uint8_t *p = byte_at(t, addr + *done);
        if (p == NULL)
            return GDBSTUB_E_FAULT;
        buf[*done] = *p;
    }
    return GDBSTUB_OK;
}

static int write_mem(void *ctx, int64_t tid, uint64_t addr, const uint8_t *buf, size_t len,
                     size_t *done)
{
    struct fake_target *t = T(ctx);

    t->writes++;
    resolve(t, tid);
    if (len == 0 || addr + (len - 1) < addr)
        t->bad_args++;
    for (*done = 0; *done < len; (*done)++) {
        uint8_t *p = byte_at(t, addr + *done);
        if (p == NULL)
            return GDBSTUB_E_FAULT;
        *p = buf[*done];
    }
    return GDBSTUB_OK;
}

static int insert_bp(void *ctx, enum gdbstub_bp_type type, uint64_t addr, uint64_t kind)
{
    struct fake_target *t = T(ctx);

    t->writes++;
    if (type > GDBSTUB_WATCH_ACCESS)
        t->bad_args++;
    if (type == GDBSTUB_WATCH_READ)
        return GDBSTUB_E_NOTSUP;
    for (int i = 0; i < FAKE_MAX_BPS; i++) {
        if (!t->bps[i].used) {
            t->bps[i] = (struct fake_bp){true, type, addr, kind};
            return GDBSTUB_OK;
        }
    }
    return GDBSTUB_E_NOSPC;
}

static int remove_bp(void *ctx, enum gdbstub_bp_type type, uint64_t addr, uint64_t kind)
{
    struct fake_target *t = T(ctx);

    t->writes++;
    for (int i = 0; i < FAKE_MAX_BPS; i++) {
        struct fake_bp *b = &t->bps[i];
        if (b->used && b->type == type && b->addr == addr && b->kind == kind) {
            b->used = false;
            return GDBSTUB_OK;
        }
    }
    return GDBSTUB_E_INVAL;
}

static int resume(void *ctx, const struct gdbstub_resume_action *acts, size_t n,
                  struct gdbstub_stop *stop)
{
    struct fake_target *t = T(ctx);

    t->writes++;
    if (n == 0 || n > GDBSTUB_MAX_RESUME_ACTIONS) {
        t->bad_args++;
        return GDBSTUB_E_INVAL;
    }
    for (size_t i = 0; i < n; i++) {
        if (acts[i].kind > GDBSTUB_RESUME_STEP || acts[i].tid == GDBSTUB_TID_ANY)
            t->bad_args++;
    }
    memcpy(t->acts, acts, n * sizeof(*acts));
    t->nacts = n;
    if (t->resume_result == GDBSTUB_RESUME_STOPPED)
        *stop = t->resume_stop;
    return t->resume_result;
}

static int thread_at(void *ctx, size_t index, int64_t *tid)
{
    T(ctx);
    if (index >= FAKE_NTHREADS)
        return GDBSTUB_E_NOTHREAD;
    *tid = (int64_t)index + 1;
    return GDBSTUB_OK;
}

static int thread_alive(void *ctx, int64_t tid)
{
    T(ctx);
    return tid_ok(tid) ? GDBSTUB_OK : GDBSTUB_E_NOTHREAD;
}

static int current_thread(void *ctx, int64_t *tid)
{
    *tid = T(ctx)->current;
    return GDBSTUB_OK;
}

static int thread_extra_info(void *ctx, int64_t tid, char *buf, size_t size, size_t *len)
{
    static const char *const names[] = {"", "idle", "init", "shell"};

    T(ctx);
    if (!tid_ok(tid))
        return GDBSTUB_E_NOTHREAD;
    *len = strlen(names[tid]);
    if (*len > size)
        *len = size;
    memcpy(buf, names[tid], *len);
    return GDBSTUB_OK;
}

static int monitor(void *ctx, struct gdbstub *gs, const char *cmd, size_t len)
{
    T(ctx);
    if (len == 5 && memcmp(cmd, "hello", 5) == 0)
        return gdbstub_console_write(gs, "hi\n", 3);
    if (len == 4 && memcmp(cmd, "fail", 4) == 0)
        return GDBSTUB_E_IO;
    return GDBSTUB_E_INVAL;
}

static int detach(void *ctx)
{
    struct fake_target *t = T(ctx);

    t->writes++;
    t->detached++;
    return GDBSTUB_OK;
}

static int kill_target(void *ctx)
{
    struct fake_target *t = T(ctx);

    t->writes++;
    t->killed++;
    return GDBSTUB_OK;
}

/* osdata: a types list for annex "" and one table, "tasks". */
static const char osdata_types[] = "<osdata type=\"types\"><item><column name=\"Type\">tasks"
                                   "</column></item></osdata>";
static const char osdata_tasks[] = "<osdata type=\"tasks\"><item><column name=\"id\">1"
                                   "</column></item></osdata>";

static int read_osdata(void *ctx, const char *annex, size_t annex_len, uint64_t offset,
                       uint8_t *buf, size_t len, size_t *done)
{
    const char *doc;
    size_t n;

    T(ctx)->calls++;
    if (annex_len == 0)
        doc = osdata_types;
    else if (annex_len == 5 && memcmp(annex, "tasks", 5) == 0)
        doc = osdata_tasks;
    else
        return GDBSTUB_E_NOENT;
    n = strlen(doc);
    *done = 0;
    if (offset >= n)
        return GDBSTUB_OK;
    *done = len < n - offset ? len : (size_t)(n - offset);
    memcpy(buf, doc + offset, *done);
    return GDBSTUB_OK;
}

const struct gdbstub_target_ops fake_target_ops = {
    .read_osdata = read_osdata,
    .read_reg = read_reg,
    .write_reg = write_reg,
    .read_mem = read_mem,
    .write_mem = write_mem,
    .insert_bp = insert_bp,
    .remove_bp = remove_bp,
    .resume = resume,
    .thread_at = thread_at,
    .thread_alive = thread_alive,
    .current_thread = current_thread,
    .thread_extra_info = thread_extra_info,
    .monitor = monitor,
    .detach = detach,
    .kill = kill_target,
};
