/*
 * breakpoints.c: the user's breakpoint table (see hdb/breakpoints.h).
 *
 * Numbers grow from 1 and are never reused in a session, as in gdb, so a
 * number in an old message keeps meaning the same breakpoint.
 */
#include <string.h>

#include <hdb/breakpoints.h>
#include <hdb/error.h>

void hdb_bp_init(struct hdb_bptable *t, const struct hdb_platform *plat)
{
    memset(t, 0, sizeof(*t));
    t->plat = plat;
    t->next_number = 1;
}

void hdb_bp_fini(struct hdb_bptable *t)
{
    hdb_bp_delete_all(t);
    hdb_free(t->plat, t->bps, t->cap * sizeof(*t->bps));
    t->bps = NULL;
    t->cap = 0;
}

int hdb_bp_add(struct hdb_bptable *t, const char *spec, bool temporary, const uint64_t *locs,
               int nlocs)
{
    if (nlocs < 1 || nlocs > HDB_BP_MAX_LOCS || !spec)
        return HDB_E_ARG;
    if (t->n == t->cap) {
        size_t nc = t->cap ? t->cap * 2 : 8;
        void *n = hdb_realloc(t->plat, t->bps, t->cap * sizeof(*t->bps), nc * sizeof(*t->bps));
        if (!n)
            return HDB_E_NOMEM;
        t->bps = n;
        t->cap = nc;
    }
    struct hdb_breakpoint *b = &t->bps[t->n];
    memset(b, 0, sizeof(*b));
    b->spec = hdb_strdup(t->plat, spec);
    if (!b->spec)
        return HDB_E_NOMEM;
    b->number = t->next_number++;
    b->temporary = temporary;
    b->enabled = true;
    b->nlocs = nlocs;
    memcpy(b->locs, locs, (size_t)nlocs * sizeof(*locs));
    t->n++;
    return b->number;
}

int hdb_bp_add_catch_syscall(struct hdb_bptable *t, const char *spec, int count,
                             const uint64_t mask[16])
{
    int num = hdb_bp_add_pending(t, spec, false);
    if (num < 0)
        return num;
    struct hdb_breakpoint *b = hdb_bp_get(t, num);
    b->kind = HDB_BP_CATCH_SYSCALL;
    b->sys_count = count;
    memcpy(b->sys_mask, mask, sizeof(b->sys_mask));
    return num;
}

bool hdb_bp_catching_syscalls(const struct hdb_bptable *t)
{
    for (size_t i = 0; i < t->n; i++)
        if (t->bps[i].kind == HDB_BP_CATCH_SYSCALL && t->bps[i].enabled)
            return true;
    return false;
}

int hdb_bp_add_pending(struct hdb_bptable *t, const char *spec, bool temporary)
{
    uint64_t none = 0;
    int num = hdb_bp_add(t, spec, temporary, &none, 1);
    if (num >= 0)
        hdb_bp_get(t, num)->nlocs = 0;
    return num;
}

int hdb_bp_add_watch(struct hdb_bptable *t, const char *expr, int kind, uint64_t addr, unsigned len,
                     uint64_t unit, uint64_t type, uint64_t old)
{
    uint64_t none = 0;
    int num = hdb_bp_add(t, expr, false, &none, 1);
    if (num < 0)
        return num;
    struct hdb_breakpoint *b = hdb_bp_get(t, num);
    b->kind = HDB_BP_WATCH;
    b->nlocs = 0;
    b->watch_kind = kind;
    b->watch_addr = addr;
    b->watch_len = len;
    b->watch_unit = unit;
    b->watch_type = type;
    b->watch_old = old;
    return num;
}

static void free_strings(struct hdb_bptable *t, struct hdb_breakpoint *b)
{
    hdb_strfree(t->plat, b->spec);
    hdb_strfree(t->plat, b->cond);
    hdb_strfree(t->plat, b->commands);
    hdb_strfree(t->plat, b->dprintf_args);
    hdb_free(t->plat, b->watch_data, b->watch_len);
}

int hdb_bp_delete(struct hdb_bptable *t, int number)
{
    for (size_t i = 0; i < t->n; i++) {
        if (t->bps[i].number != number)
            continue;
        free_strings(t, &t->bps[i]);
        memmove(&t->bps[i], &t->bps[i + 1], (t->n - i - 1) * sizeof(*t->bps));
        t->n--;
        return 0;
    }
    return HDB_E_NOT_FOUND;
}

void hdb_bp_delete_all(struct hdb_bptable *t)
{
    for (size_t i = 0; i < t->n; i++)
        free_strings(t, &t->bps[i]);
    t->n = 0;
}

int hdb_bp_set_condition(struct hdb_bptable *t, int number, const char *cond)
{
    struct hdb_breakpoint *b = hdb_bp_get(t, number);
    if (!b)
        return HDB_E_NOT_FOUND;
    char *copy = NULL;
    if (cond && *cond && !(copy = hdb_strdup(t->plat, cond)))
        return HDB_E_NOMEM;
    hdb_strfree(t->plat, b->cond);
    b->cond = copy;
    return 0;
}

struct hdb_breakpoint *hdb_bp_get(struct hdb_bptable *t, int number)
{
    for (size_t i = 0; i < t->n; i++)
        if (t->bps[i].number == number)
            return &t->bps[i];
    return NULL;
}

int hdb_bp_set_commands(struct hdb_bptable *t, int number, const char *text)
{
    struct hdb_breakpoint *b = hdb_bp_get(t, number);
    if (!b)
        return HDB_E_NOT_FOUND;
    char *copy = NULL;
    if (text && *text && !(copy = hdb_strdup(t->plat, text)))
        return HDB_E_NOMEM;
    hdb_strfree(t->plat, b->commands);
    b->commands = copy;
    return 0;
}

static struct hdb_breakpoint *first_at(struct hdb_bptable *t, uint64_t addr, bool dprintfs)
{
    for (size_t i = 0; i < t->n; i++) {
        if (!t->bps[i].enabled || t->bps[i].kind != HDB_BP_CODE || (t->bps[i].dprintf && !dprintfs))
            continue;
        for (int j = 0; j < t->bps[i].nlocs; j++)
            if (t->bps[i].locs[j] == addr)
                return &t->bps[i];
    }
    return NULL;
}

struct hdb_breakpoint *hdb_bp_at(struct hdb_bptable *t, uint64_t addr)
{
    return first_at(t, addr, true);
}

struct hdb_breakpoint *hdb_bp_stop_at(struct hdb_bptable *t, uint64_t addr)
{
    return first_at(t, addr, false);
}
