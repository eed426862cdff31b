/*
 * session.c: the session's state: the program file's indexes, the process
 * (start, attach, detach, kill), registers and memory, threads, and the
 * planting of breakpoints in the target.
 *
 * Run control lives in runctl.c, breakpoint specs in locspec.c.
 */
#include <stdio.h>
#include <string.h>

#include <hdb/error.h>
#include <hdb/session.h>
#include <hdb/value.h>
#include <hdb/watch.h>
#include <hdb/signals.h>
#include <hdb/symtab.h>
#include <hdb/unwind.h>

void hdb_session_init(struct hdb_session *s, const struct hdb_platform *plat,
                      struct hdb_target *target)
{
    memset(s, 0, sizeof(*s));
    s->plat = plat;
    s->target = target;
    s->next_thread_num = 1;
    s->print_elements = 200; /* gdb's default */
    hdb_bp_init(&s->bps, plat);
    for (int sig = 1; sig < HDB_SIG_COUNT; sig++)
        s->policy[sig] = hdb_signal_default_handling(sig);
}

static void drop_image(struct hdb_session *s)
{
    s->nno_inline = 0;
    if (!s->img)
        return;
    hdb_lines_free(&s->lines);
    hdb_dinfo_free(&s->dinfo);
    hdb_session_plt_free(s);
    hdb_strfree(s->plat, s->prog_path);
    s->prog_path = NULL;
    s->img = NULL;
}

void hdb_session_fini(struct hdb_session *s)
{
    if (s->pid)
        s->attached ? hdb_session_detach(s) : hdb_session_kill(s);
    hdb_session_drop_solibs(s, false);
    hdb_session_drop_objfiles(s);
    drop_image(s);
    hdb_bp_fini(&s->bps);
    hdb_strfree(s->plat, s->stop_commands);
    s->stop_commands = NULL;
    hdb_values_free(s);
    hdb_calls_free(s);
    hdb_free(s->plat, s->planted, s->cap_planted * sizeof(*s->planted));
    s->planted = NULL;
}

static void *dw_alloc(void *ctx, size_t size)
{
    return hdb_alloc(ctx, size);
}

static void dw_free(void *ctx, void *ptr, size_t size)
{
    hdb_free(ctx, ptr, size);
}

int hdb_session_dwarf_init(const struct hdb_session *s, struct dwarf *dw,
                           const struct hdb_image *img)
{
    /* dwarf/ allocates only the indexes asked for (the abbreviations of a unit being walked). */
    struct dwarf_allocator a = {dw_alloc, dw_free, (void *)s->plat};
    return dwarf_init(dw, img->dwarf, &a);
}

int hdb_session_set_image(struct hdb_session *s, const struct hdb_image *img, const char *path)
{
    drop_image(s);
    int rc = hdb_session_dwarf_init(s, &s->dw, img);
    if (rc < 0)
        return HDB_E_FORMAT;
    rc = hdb_lines_build(&s->lines, s->plat, &s->dw);
    if (rc < 0)
        return rc;
    rc = hdb_dinfo_build(&s->dinfo, s->plat, &s->dw);
    if (rc < 0) {
        hdb_lines_free(&s->lines);
        return rc;
    }
    s->nlocvalid = 0;
    s->prog_path = hdb_strdup(s->plat, path);
    if (!s->prog_path) {
        hdb_lines_free(&s->lines);
        hdb_dinfo_free(&s->dinfo);
        return HDB_E_NOMEM;
    }
    s->img = img;
    return 0;
}

uint64_t hdb_session_to_runtime(const struct hdb_session *s, uint64_t link)
{
    return link + s->bias;
}

uint64_t hdb_session_to_link(const struct hdb_session *s, uint64_t runtime)
{
    return runtime - s->bias;
}

/* The process went away: forget everything that belonged to it. */
void hdb_session_forget_process(struct hdb_session *s)
{
    hdb_calls_forget(s);
    hdb_session_cfi_drop(s);
    hdb_session_activate_objfile(s, 0);
    s->nobj_of_thread = 0;
    s->r_debug = 0;
    s->pid = 0;
    s->attached = false;
    s->nplanted = 0;
    s->nwplanted = 0;
    s->ninternal = 0;
    s->solib_bp = 0;
    s->nthreads = 0;
    s->cur_tid = 0;
    s->frame = 0;
    s->pending_signal = 0;
    /* A watched local's frame went with the process: gdb deletes its watchpoint then. */
    for (size_t i = 0; i < s->bps.n;) {
        const struct hdb_breakpoint *b = &s->bps.bps[i];
        if (b->kind == HDB_BP_WATCH && b->watch_cfa)
            hdb_bp_delete(&s->bps, b->number);
        else
            i++;
    }
}

/* AT_ENTRY in the auxiliary vector minus e_entry is where a PIE was put (System V ABI 3.4.3). */
static int compute_bias(struct hdb_session *s)
{
    uint64_t auxv[512];
    s->bias = 0;
    if (!s->img || !s->img->pie)
        return 0;
    int n = s->target->ops->read_auxv(s->target, auxv, sizeof(auxv));
    if (n < 0)
        return n;
    for (int i = 0; i + 1 < n / 8; i += 2) {
        if (auxv[i] == 9 /* AT_ENTRY */) {
            s->bias = auxv[i + 1] - s->img->entry;
            return 0;
        }
        if (auxv[i] == 0)
            break;
    }
    return HDB_E_FORMAT;
}

void hdb_session_apply_policy(struct hdb_session *s)
{
    if (!s->pid || !s->target->ops->set_signal_policy)
        return;
    /* The target reports what is to be printed too; runctl.c resumes after a print-only one. */
    for (int sig = 1; sig < HDB_SIG_COUNT; sig++) {
        struct hdb_signal_policy p = {
            .stop = s->policy[sig].stop || s->policy[sig].print,
            .pass = s->policy[sig].pass,
        };
        s->target->ops->set_signal_policy(s->target, sig, p);
    }
}

int hdb_session_start(struct hdb_session *s, char *const argv[])
{
    if (!s->img)
        return HDB_E_NOT_FOUND;
    if (s->pid)
        return HDB_E_RUNNING;
    int64_t pid;
    int rc = s->target->ops->launch(s->target, s->prog_path, argv, &pid);
    if (rc < 0)
        return rc;
    hdb_session_forget_process(s);
    hdb_session_drop_solibs(s, false);
    /* A new run counts hits afresh (gdb's run). */
    for (size_t i = 0; i < s->bps.n; i++)
        s->bps.bps[i].hits = 0;
    s->pid = pid;
    s->cur_tid = pid;
    s->nthreads = 0;
    s->next_thread_num = 1;
    hdb_session_apply_policy(s);
    compute_bias(s);
    hdb_session_cfi_setup(s);
    hdb_session_refresh_threads(s);
    /* Breakpoints left in the last run's libraries wait for them again. */
    hdb_session_reset_bps(s, false);
    hdb_session_solib_hook(s);
    return hdb_session_sync_bps(s);
}

int hdb_session_attach(struct hdb_session *s, int64_t pid)
{
    if (s->pid)
        return HDB_E_RUNNING;
    int rc = s->target->ops->attach(s->target, pid);
    if (rc < 0)
        return rc;
    hdb_session_forget_process(s);
    hdb_session_drop_solibs(s, false);
    s->pid = pid;
    s->attached = true;
    s->cur_tid = pid;
    s->next_thread_num = 1;
    hdb_session_apply_policy(s);
    compute_bias(s);
    hdb_session_cfi_setup(s);
    hdb_session_refresh_solibs(s);
    hdb_session_reset_bps(s, false);
    hdb_session_solib_hook(s);
    hdb_session_refresh_threads(s);
    return hdb_session_sync_bps(s);
}

int hdb_session_exec_reload(struct hdb_session *s, const struct hdb_image *img, const char *path)
{
    /* The old program's libraries go first: one of them may hold the active indexes. */
    hdb_session_drop_solibs(s, false);
    int rc = hdb_session_set_image(s, img, path);
    if (rc < 0)
        return rc;
    hdb_session_cfi_drop(s);
    s->nplanted = 0;
    compute_bias(s);
    hdb_session_cfi_setup(s);
    hdb_session_refresh_threads(s);
    s->cur_tid = s->pid;
    s->frame = 0;
    hdb_session_solib_hook(s);
    int disabled = hdb_session_reset_bps(s, true);
    rc = hdb_session_sync_bps(s);
    return rc < 0 ? rc : disabled;
}

int hdb_session_detach(struct hdb_session *s)
{
    if (!s->pid)
        return HDB_E_NO_PROCESS;
    int rc = s->target->ops->detach(s->target);
    hdb_session_forget_process(s);
    return rc;
}

int hdb_session_kill(struct hdb_session *s)
{
    if (!s->pid)
        return HDB_E_NO_PROCESS;
    int rc = s->target->ops->kill(s->target);
    hdb_session_forget_process(s);
    return rc;
}

static bool wanted(struct hdb_session *s, uint64_t addr)
{
    if (addr == s->solib_bp)
        return true;
    for (int i = 0; i < s->ninternal; i++)
        if (s->internal[i] == addr)
            return true;
    struct hdb_breakpoint *b = hdb_bp_at(&s->bps, hdb_session_bp_loc(s, addr));
    return b != NULL;
}

static bool planted(struct hdb_session *s, uint64_t addr)
{
    for (size_t i = 0; i < s->nplanted; i++)
        if (s->planted[i] == addr)
            return true;
    return false;
}

static int plant(struct hdb_session *s, uint64_t addr)
{
    if (planted(s, addr))
        return 0;
    if (s->nplanted == s->cap_planted) {
        size_t nc = s->cap_planted ? s->cap_planted * 2 : 16;
        void *n = hdb_realloc(s->plat, s->planted, s->cap_planted * sizeof(*s->planted),
                              nc * sizeof(*s->planted));
        if (!n)
            return HDB_E_NOMEM;
        s->planted = n;
        s->cap_planted = nc;
    }
    int rc = s->target->ops->insert_bp(s->target, addr);
    if (rc < 0)
        return rc;
    s->planted[s->nplanted++] = addr;
    return 0;
}

/* Watchpoints: the enabled ones set in the target, the others taken out. */
/*
 * The debug registers hold what the enabled hardware watchpoints cover:
 * each one's aligned pieces (watch.c), planted or lifted to match.
 */
static int sync_watches(struct hdb_session *s)
{
    const struct hdb_target_ops *ops = s->target->ops;
    struct {
        uint64_t addr;
        unsigned len;
        int kind;
    } want[16];
    int nwant = 0;
    for (size_t j = 0; j < s->bps.n; j++) {
        const struct hdb_breakpoint *b = &s->bps.bps[j];
        if (b->kind != HDB_BP_WATCH || !b->enabled || b->watch_soft)
            continue;
        uint64_t at[4];
        unsigned len[4];
        int k =
            hdb_watch_pieces(hdb_session_bp_runtime(s, b->watch_addr), b->watch_len, at, len, 4);
        for (int i = 0; i < k && nwant < 16; i++, nwant++) {
            want[nwant].addr = at[i];
            want[nwant].len = len[i];
            want[nwant].kind = b->watch_kind;
        }
    }
    for (int i = 0; i < s->nwplanted;) {
        bool keep = false;
        for (int j = 0; j < nwant && !keep; j++)
            keep = want[j].addr == s->wplanted[i].addr && want[j].len == s->wplanted[i].len &&
                   want[j].kind == s->wplanted[i].kind;
        if (keep) {
            i++;
            continue;
        }
        if (ops->remove_watch)
            ops->remove_watch(s->target, s->wplanted[i].addr, s->wplanted[i].len,
                              s->wplanted[i].kind);
        s->wplanted[i] = s->wplanted[--s->nwplanted];
    }
    int rc = 0;
    for (int j = 0; j < nwant; j++) {
        bool have = false;
        for (int i = 0; i < s->nwplanted; i++)
            have =
                have || (s->wplanted[i].addr == want[j].addr && s->wplanted[i].len == want[j].len &&
                         s->wplanted[i].kind == want[j].kind);
        if (have)
            continue;
        int wrc = !ops->insert_watch ? HDB_E_NOTSUP
                  : s->nwplanted == 4
                      ? HDB_E_NOMEM
                      : ops->insert_watch(s->target, want[j].addr, want[j].len, want[j].kind);
        if (wrc < 0) {
            if (rc == 0)
                rc = wrc;
            continue;
        }
        s->wplanted[s->nwplanted].addr = want[j].addr;
        s->wplanted[s->nwplanted].len = want[j].len;
        s->wplanted[s->nwplanted].kind = want[j].kind;
        s->nwplanted++;
    }
    return rc;
}

/*
 * Is runtime address rt in no file of a dynamically linked process, where
 * only a library (one gone, or not loaded yet) can have been? Like gdb's
 * locations in unloaded libraries, a breakpoint there is planted when a
 * library holding it comes (each change of the list syncs again), and not
 * being able to plant it meanwhile is no error.
 */
static bool awaits_library(struct hdb_session *s, uint64_t rt)
{
    struct hdb_symview prog;
    hdb_session_program_view(s, &prog);
    return prog.img && prog.img->interp && !hdb_image_contains(prog.img, prog.bias, rt) &&
           !hdb_session_module_at(s, rt);
}

int hdb_session_sync_bps(struct hdb_session *s)
{
    if (!s->pid)
        return 0;
    int wrc = sync_watches(s);
    for (size_t i = 0; i < s->nplanted;) {
        if (wanted(s, s->planted[i])) {
            i++;
            continue;
        }
        s->target->ops->remove_bp(s->target, s->planted[i]);
        s->planted[i] = s->planted[--s->nplanted];
    }
    int rc = 0;
    for (size_t i = 0; i < s->bps.n; i++) {
        const struct hdb_breakpoint *b = &s->bps.bps[i];
        for (int j = 0; b->enabled && j < b->nlocs; j++) {
            uint64_t rt = hdb_session_bp_runtime(s, b->locs[j]);
            int prc = plant(s, rt);
            if (prc < 0 && rc == 0 && !awaits_library(s, rt))
                rc = prc;
        }
    }
    for (int i = 0; i < s->ninternal; i++) {
        int prc = plant(s, s->internal[i]);
        if (prc < 0 && rc == 0)
            rc = prc;
    }
    /* Not being able to watch the loader costs libraries seen late, not an error. */
    if (s->solib_bp && plant(s, s->solib_bp) < 0)
        s->solib_bp = 0;
    /* Syscall catchpoints: the target stops at system calls only while one is enabled. */
    if (s->target->ops->catch_syscalls)
        s->target->ops->catch_syscalls(s->target, hdb_bp_catching_syscalls(&s->bps));
    return rc < 0 ? rc : wrc;
}

void hdb_session_refresh_threads(struct hdb_session *s)
{
    int64_t tids[HDB_MAX_THREADS];
    uint32_t serials[HDB_MAX_THREADS];
    int n = s->target->ops->threads(s->target, tids, serials, HDB_MAX_THREADS);
    if (n > HDB_MAX_THREADS)
        n = HDB_MAX_THREADS;
    /* gdb's thread numbers are the target's serials; the highest seen decides "Thread N" notices.
     */
    for (int i = 0; i < n; i++) {
        s->threads[i] = (struct hdb_thread_entry){tids[i], (int)serials[i]};
        if ((int)serials[i] >= s->next_thread_num)
            s->next_thread_num = (int)serials[i] + 1;
    }
    s->nthreads = n < 0 ? 0 : n;
}

int hdb_session_thread_num(const struct hdb_session *s, int64_t tid)
{
    for (int i = 0; i < s->nthreads; i++)
        if (s->threads[i].tid == tid)
            return s->threads[i].num;
    return 0;
}

/* Reads link-time bytes from the file's sections; .bss and gaps read as zero only inside sections.
 */
int hdb_image_read(const struct hdb_image *img, uint64_t addr, void *buf, size_t len)
{
    size_t done = 0;
    while (done < len) {
        uint64_t a = addr + done;
        const struct hdb_image_section *sec = NULL;
        for (size_t i = 0; i < img->nsections; i++)
            if (a >= img->sections[i].addr && a < img->sections[i].addr + img->sections[i].size)
                sec = &img->sections[i];
        if (!sec)
            break;
        size_t n = (size_t)(sec->addr + sec->size - a);
        if (n > len - done)
            n = len - done;
        if (sec->data)
            memcpy((uint8_t *)buf + done, sec->data + (a - sec->addr), n);
        else
            memset((uint8_t *)buf + done, 0, n);
        done += n;
    }
    return done ? (int)done : HDB_E_IO;
}

int hdb_session_write(struct hdb_session *s, uint64_t addr, const void *buf, size_t len)
{
    if (hdb_values_in_store(addr))
        return hdb_values_write(s, addr, buf, len);
    if (!s->pid)
        return HDB_E_IO;
    return s->target->ops->write_mem(s->target, addr, buf, len);
}

int hdb_session_read(struct hdb_session *s, uint64_t addr, void *buf, size_t len)
{
    if (hdb_values_in_store(addr))
        return hdb_values_read(s, addr, buf, len);
    if (s->pid)
        return s->target->ops->read_mem(s->target, addr, buf, len);
    if (!s->img)
        return HDB_E_IO;
    return hdb_image_read(s->img, hdb_session_to_link(s, addr), buf, len);
}

/* Cached: units are walked whole when they have no location list. */
static bool locations_valid(struct hdb_session *s, uint64_t lo)
{
    const struct hdb_dfunc *f = hdb_dinfo_func_at(&s->dinfo, lo);
    if (!f || f->lo != lo)
        return false;
    int n = s->nlocvalid < 16 ? s->nlocvalid : 16;
    for (int i = 0; i < n; i++)
        if (s->locvalid[i].unit == f->unit)
            return s->locvalid[i].valid;
    bool v = hdb_dinfo_locations_valid(&s->dw, f->unit);
    s->locvalid[s->nlocvalid++ % 16].unit = f->unit;
    s->locvalid[(s->nlocvalid - 1) % 16].valid = v;
    return v;
}

int hdb_session_func_bp_addr(struct hdb_session *s, uint64_t lo, uint64_t hi, uint64_t *addr)
{
    /* A compiler that marks the end of the prologue (DWARF5 6.2.5.1 prologue_end) is believed. */
    uint64_t pe = hdb_lines_prologue_end(&s->lines, lo, hi);
    if (pe) {
        *addr = pe;
        return 0;
    }
    /* Optimized GCC code whose variables are described everywhere: no skipping, as gdb. */
    if (locations_valid(s, lo)) {
        *addr = lo;
        return 0;
    }
    /* Else skip the frame setup, then to the end of the line it is part of, as gdb does. */
    uint8_t code[16];
    uint64_t pc = lo;
    int n = s->img ? hdb_image_read(s->img, lo, code, sizeof(code)) : 0;
    if (n > 0) {
        struct hdb_prologue p;
        hdb_prologue_analyze(code, (size_t)n, lo, &p);
        if (p.has_mov)
            pc = p.body;
    }
    struct hdb_line_loc loc;
    if (pc != lo && hdb_lines_find(&s->lines, pc, &loc) == 0 && loc.start != pc && loc.end < hi)
        pc = loc.end;
    *addr = pc;
    return 0;
}

int hdb_session_regs(struct hdb_session *s, struct hdb_regs *regs)
{
    if (!s->pid)
        return HDB_E_NO_PROCESS;
    int rc = s->target->ops->read_regs(s->target, s->cur_tid, regs);
    if (rc < 0 || s->frame == 0)
        return rc;
    struct hdb_frame frames[HDB_MAX_FRAMES];
    int n = hdb_session_backtrace(s, frames, HDB_MAX_FRAMES);
    if (n <= s->frame)
        return HDB_E_NO_FRAME;
    /* Outer frames know only what the frame chain recovers. */
    regs->v[HDB_REG_RIP] = frames[s->frame].pc;
    regs->v[HDB_REG_RSP] = frames[s->frame].sp;
    regs->v[HDB_REG_RBP] = frames[s->frame].fp;
    return 0;
}
