/*
 * objfile.c: programs besides the session's own whose code some threads
 * run. On a kernel target the kernel is the program and each user task
 * runs one of the boot modules' ELF files; which one is told by the
 * file's build-id note, read through the task's own address space where
 * the file says it is loaded (a task that maps another program there does
 * not match).
 *
 * One file is active at a time: its indexes sit in the session's own
 * fields, which the rest of the core uses. Following a thread swaps them.
 * A shared library whose DWARF has been read (modsym.c) is activated the
 * same way while a pc in it is being looked at: the stop, the selected
 * frame, a frame of a backtrace. Its indexes are then in the session and
 * the program's wait in objs[active_obj].
 */
#include <string.h>

#include <hdb/error.h>
#include <hdb/session.h>
#include <hdb/symtab.h>

static void park(struct hdb_session *s, struct hdb_objfile *o)
{
    o->img = s->img;
    o->path = s->prog_path;
    o->dw = s->dw;
    o->lines = s->lines;
    o->dinfo = s->dinfo;
    o->dinfo.dw = &o->dw; /* parked: the index points at its own copy */
    o->bias = s->bias;
}

static void unpark(struct hdb_session *s, const struct hdb_objfile *o)
{
    s->img = o->img;
    s->prog_path = o->path;
    s->dw = o->dw;
    s->lines = o->lines;
    s->dinfo = o->dinfo;
    s->dinfo.dw = &s->dw; /* the index points at the session's copy */
    s->bias = o->bias;
}

/* Where the indexes of the active file go when another one is activated. */
static struct hdb_objfile *active_slot(struct hdb_session *s)
{
    return s->active_mod ? &s->mods[s->active_mod - 1].sym : &s->objs[s->active_obj];
}

void hdb_session_activate_module(struct hdb_session *s, int m)
{
    if (m + 1 == s->active_mod || m < -1 || m >= s->nmods || (m >= 0 && !s->mods[m].have_sym))
        return;
    park(s, active_slot(s));
    s->active_mod = m + 1;
    unpark(s, active_slot(s));
    s->nlocvalid = 0;
}

void hdb_session_activate_pc(struct hdb_session *s, uint64_t pc)
{
    const struct hdb_module *m = hdb_session_module_at(s, pc);
    int k = m ? (int)(m - s->mods) : -1;
    if (k >= 0)
        hdb_session_module_symbols(s, k);
    hdb_session_activate_module(s, k);
}

int hdb_session_enter_pc(struct hdb_session *s, uint64_t pc)
{
    int prev = s->active_mod - 1;
    hdb_session_activate_pc(s, pc);
    return prev;
}

int hdb_session_enter_image(struct hdb_session *s, const struct hdb_image *img)
{
    int prev = s->active_mod - 1;
    if (!img || img == s->img)
        return prev;
    for (int k = 0; k < s->nmods; k++) {
        if (s->mods[k].img == img) {
            hdb_session_module_symbols(s, k);
            hdb_session_activate_module(s, k);
            return prev;
        }
    }
    /* A library is active: the program's (or a kernel task's) file waits in objs[active_obj]. */
    if (s->active_mod && img == s->objs[s->active_obj].img)
        hdb_session_activate_module(s, -1);
    return prev;
}

void hdb_session_use_image(struct hdb_session *s, const struct hdb_image *img)
{
    if (!img || img == s->img)
        return;
    int prev = hdb_session_enter_image(s, img);
    if (!s->file_lent) {
        s->file_lent = true;
        s->lent_from = prev;
    }
}

void hdb_session_return_file(struct hdb_session *s)
{
    if (s->file_lent)
        hdb_session_activate_module(s, s->lent_from);
    s->file_lent = false;
}

void hdb_session_activate_objfile(struct hdb_session *s, int k)
{
    hdb_session_activate_module(s, -1);
    if (k == s->active_obj || k < 0 || k >= s->nobjs)
        return;
    park(s, &s->objs[s->active_obj]);
    unpark(s, &s->objs[k]);
    s->active_obj = k;
    s->frame = 0;
    s->nlocvalid = 0;
    if (s->pid)
        hdb_session_cfi_setup(s);
}

int hdb_session_add_objfile(struct hdb_session *s, const struct hdb_image *img, const char *path)
{
    if (!s->img)
        return HDB_E_NO_PROCESS; /* the program comes first */
    if (s->nobjs == 0)
        s->nobjs = 1; /* slot 0: the program, while another file is active */
    if (s->nobjs >= HDB_MAX_OBJFILES)
        return HDB_E_NOMEM;
    struct hdb_objfile *o = &s->objs[s->nobjs];
    memset(o, 0, sizeof(*o));
    if (hdb_session_dwarf_init(s, &o->dw, img) < 0)
        return HDB_E_FORMAT;
    int rc = hdb_lines_build(&o->lines, s->plat, &o->dw);
    if (rc < 0)
        return rc;
    rc = hdb_dinfo_build(&o->dinfo, s->plat, &o->dw);
    if (rc == 0 && !(o->path = hdb_strdup(s->plat, path))) {
        hdb_dinfo_free(&o->dinfo);
        rc = HDB_E_NOMEM;
    }
    if (rc < 0) {
        hdb_lines_free(&o->lines);
        return rc;
    }
    o->img = img;
    s->nobjs++;
    s->nobj_of_thread = 0; /* a new file may match threads that matched nothing */
    return s->nobjs - 1;
}

void hdb_session_drop_objfiles(struct hdb_session *s)
{
    hdb_session_activate_objfile(s, 0);
    for (int k = 1; k < s->nobjs; k++) {
        hdb_lines_free(&s->objs[k].lines);
        hdb_dinfo_free(&s->objs[k].dinfo);
        hdb_strfree(s->plat, s->objs[k].path);
    }
    s->nobjs = 0;
    s->nobj_of_thread = 0;
}

static const struct hdb_objfile *objfile(const struct hdb_session *s, int k,
                                         struct hdb_objfile *tmp)
{
    if (k != s->active_obj || s->active_mod)
        return &s->objs[k];
    park((struct hdb_session *)s, tmp);
    return tmp;
}

/* Reads a build-id note's bytes through thread tid's address space. */
static bool runs(struct hdb_session *s, int64_t tid, const struct hdb_image *img)
{
    uint8_t id[HDB_BUILD_ID_MAX];
    struct hdb_regs regs;
    if (!img->build_id_addr || !img->build_id_len)
        return false;
    /* Remote targets read memory in the thread whose registers were read last (Hg). */
    if (s->target->ops->read_regs(s->target, tid, &regs) < 0)
        return false;
    return s->target->ops->read_mem(s->target, img->build_id_addr, id, img->build_id_len) ==
               (int)img->build_id_len &&
           !memcmp(id, img->build_id, img->build_id_len);
}

static int obj_of_thread(struct hdb_session *s, int64_t tid)
{
    for (int i = 0; i < s->nobj_of_thread; i++)
        if (s->obj_of_thread[i].tid == tid)
            return s->obj_of_thread[i].obj;
    int found = 0;
    for (int k = 1; k < s->nobjs && !found; k++) {
        struct hdb_objfile tmp;
        if (runs(s, tid, objfile(s, k, &tmp)->img))
            found = k;
    }
    if (s->nobj_of_thread == HDB_OBJ_CACHE)
        s->nobj_of_thread = 0;
    s->obj_of_thread[s->nobj_of_thread].tid = tid;
    s->obj_of_thread[s->nobj_of_thread++].obj = found;
    return found;
}

bool hdb_session_objfile_in_use(struct hdb_session *s, int k)
{
    if (k == 0)
        return true;
    bool any = false, mine = false;
    for (int i = 0; i < s->nthreads; i++) {
        int o = obj_of_thread(s, s->threads[i].tid);
        any |= o != 0;
        mine |= o == k;
    }
    struct hdb_regs regs;
    if (s->pid)
        s->target->ops->read_regs(s->target, s->cur_tid, &regs);
    return mine || !any;
}

void hdb_session_follow_pc(struct hdb_session *s, uint64_t pc)
{
    if (s->nobjs < 2) {
        hdb_session_activate_pc(s, pc);
        return;
    }
    struct hdb_objfile tmp;
    const struct hdb_objfile *prog = objfile(s, 0, &tmp);
    int want = 0;
    if (!hdb_image_contains(prog->img, prog->bias, pc)) {
        int k = obj_of_thread(s, s->cur_tid);
        const struct hdb_objfile *o = k ? objfile(s, k, &tmp) : NULL;
        if (o && hdb_image_contains(o->img, o->bias, pc))
            want = k;
    }
    hdb_session_activate_objfile(s, want);
    /* Leave the target's selected thread where the user has it. */
    struct hdb_regs regs;
    s->target->ops->read_regs(s->target, s->cur_tid, &regs);
}

void hdb_session_follow_thread(struct hdb_session *s)
{
    struct hdb_regs regs;
    if (s->pid && s->target->ops->read_regs(s->target, s->cur_tid, &regs) == 0)
        hdb_session_follow_pc(s, regs.v[HDB_REG_RIP]);
}

const char *hdb_session_thread_symbol(struct hdb_session *s, int64_t tid, uint64_t addr,
                                      uint64_t *start)
{
    struct hdb_objfile tmp;
    const struct hdb_objfile *o = objfile(s, 0, &tmp);
    if (s->nobjs < 2 || hdb_image_contains(o->img, o->bias, addr))
        return hdb_session_symbol_at(s, addr, start);
    int k = obj_of_thread(s, tid);
    struct hdb_regs regs;
    if (s->pid) /* leave the target's selected thread where the user has it */
        s->target->ops->read_regs(s->target, s->cur_tid, &regs);
    if (k == 0)
        return hdb_session_symbol_at(s, addr, start);
    o = objfile(s, k, &tmp);
    uint64_t link = addr - o->bias;
    const struct hdb_dfunc *f = hdb_dinfo_func_at(&o->dinfo, link);
    if (f) {
        *start = f->lo + o->bias;
        return f->name;
    }
    const struct hdb_symbol *sym = hdb_sym_func_at(o->img, link);
    if (sym) {
        *start = sym->addr + o->bias;
        return sym->name;
    }
    return NULL;
}
