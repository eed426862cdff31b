/*
 * One object seen whole (`monitor object ID`, `monitor cap TASK SLOT`):
 * what it is, every capability that names it (for pages and page tables
 * each mapped capability is one mapping), and what is particular to its
 * type: the tasks waiting on an endpoint or notification, a task's state
 * and the objects it runs with, how a Memory capability is carved. The
 * object is found by the same opaque id user space sees.
 */
#include <kernel/fmt.h>
#include "kgdb_int.h"
#include "views.h"

/* The first task whose CSpace is cs (the owner shown for its slots). */
static const struct task *owner_of(const struct cap *cs)
{
    for (const struct task *t = task_list_first(); t; t = t->all_next)
        if (t->slots[TASK_SLOT_CSPACE].cap.type == HL_CAP_CSPACE &&
            t->slots[TASK_SLOT_CSPACE].cap.object == cs->object)
            return t;
    return NULL;
}

static const struct cap_slot *find_by_id(uint64_t id)
{
    const struct cap *css[KGDB_MAX_CSPACES];
    size_t ncs = kgdb_cspaces(css);

    for (size_t k = 0; k < ncs; k++) {
        for (uint64_t i = 1; i < cspace_size(css[k]); i++) {
            const struct cap_slot *s = &cspace_slots(css[k])[i];
            if (s->cap.type != HL_CAP_NULL && cap_object_id(&s->cap) == id)
                return s;
        }
    }
    return NULL;
}

/* Every capability naming the object of c, in every CSpace. */
static void naming_caps(struct table *tb, const struct cap *c)
{
    static const char *const cols[] = {"task", "slot", "rights", "badge", "derived from", "detail"};
    static const uint8_t w[] = {5, 6, 6, 8, 12, 0};
    const struct cap *css[KGDB_MAX_CSPACES];
    size_t ncs = kgdb_cspaces(css);
    char task[12], slot[12], rights[10], badge[20], from[16], detail[96];

    table_begin(tb, "capabilities", 6, cols, w);
    for (size_t k = 0; k < ncs; k++) {
        const struct task *owner = owner_of(css[k]);
        for (uint64_t i = 1; i < cspace_size(css[k]); i++) {
            const struct cap_slot *s = &cspace_slots(css[k])[i];
            if (s->cap.type == HL_CAP_NULL || !cap_same_object(&s->cap, c))
                continue;
            ksnprintf(task, sizeof(task), "%u", owner ? owner->id : 0);
            ksnprintf(slot, sizeof(slot), "%lu", i);
            ksnprintf(rights, sizeof(rights), "%#x", s->cap.rights);
            ksnprintf(badge, sizeof(badge), "%lu", s->cap.badge);
            kgdb_derivation(s, css[k], from, sizeof(from));
            kgdb_cap_detail(&s->cap, detail, sizeof(detail));
            const char *v[] = {
                task,   slot,
                rights, c->type == HL_CAP_ENDPOINT || c->type == HL_CAP_NOTIFICATION ? badge : "0",
                from,   detail};
            table_row(tb, v);
        }
    }
    table_end(tb);
}

static void waiters(struct table *tb, const struct task *head, const char *how)
{
    static const char *const cols[] = {"task", "name", "waits to", "badge"};
    static const uint8_t w[] = {5, 16, 10, 0};
    char id[12], badge[20];

    table_begin(tb, "waiters", 4, cols, w);
    for (const struct task *t = head; t; t = t->wq_next) {
        ksnprintf(id, sizeof(id), "%u", t->id);
        ksnprintf(badge, sizeof(badge), "%lu", t->block_reason == BLOCK_SEND ? t->ipc_badge : 0);
        const char *v[] = {id, t->name, t->block_reason == BLOCK_SEND ? "send" : how, badge};
        table_row(tb, v);
    }
    table_end(tb);
}

static void task_detail(struct table *tb, const struct task *t)
{
    char wait[40];

    kgdb_waits_on(t, wait, sizeof(wait));
    table_note(tb, "task %u '%s': %s%s%s, priority %u (mcp %u), rip %#lx, rsp %#lx\n", t->id,
               t->name, kgdb_state_name(t->state), wait[0] ? " on " : "", wait, t->priority, t->mcp,
               t->frame.rip, t->frame.rsp);
    for (unsigned i = 0; i < TASK_NSLOTS; i++) {
        static const char *const names[TASK_NSLOTS] = {"CSpace", "VSpace", "IPC buffer",
                                                       "debug endpoint"};
        const struct cap *c = &t->slots[i].cap;
        if (c->type != HL_CAP_NULL)
            table_note(tb, "  %s: %s %#lx\n", names[i], kgdb_type_names[c->type], cap_object_id(c));
    }
}

static void memory_detail(struct table *tb, const struct cap_slot *s)
{
    unsigned count[HL_CAP_NTYPES] = {0}, total = 0;

    for (const struct cap_slot *k = s->first_child; k; k = k->next) {
        count[k->cap.type]++;
        total++;
    }
    table_note(tb, "carved into %u objects:", total);
    for (unsigned ty = 1; ty < HL_CAP_NTYPES; ty++)
        if (count[ty])
            table_note(tb, " %u %s", count[ty], kgdb_type_names[ty]);
    table_note(tb, "\n");
}

void view_object(struct table *tb, uint64_t id)
{
    const struct cap_slot *s = find_by_id(id);
    const struct cap *c = s ? &s->cap : NULL;
    char detail[96];

    if (!c) {
        table_note(tb, "no object %#lx in any task's CSpace\n", id);
        return;
    }
    kgdb_cap_detail(c, detail, sizeof(detail));
    table_note(tb, "object %#lx: %s%s%s\n", id, kgdb_type_names[c->type], detail[0] ? ", " : "",
               detail);
    switch (c->type) {
    case HL_CAP_TASK:
        task_detail(tb, task_of(c));
        break;
    case HL_CAP_MEMORY:
        memory_detail(tb, s);
        break;
    case HL_CAP_ENDPOINT: {
        const struct endpoint *ep = endpoint_of(c);
        waiters(tb, ep->q.head, "receive");
        break;
    }
    case HL_CAP_NOTIFICATION: {
        const struct notification *n = notification_of(c);
        if (n->bound)
            table_note(tb, "bound to task %u '%s'\n", n->bound->id, n->bound->name);
        waiters(tb, n->q.head, "wait");
        break;
    }
    default:
        break;
    }
    naming_caps(tb, c);
}

void view_cap_object(struct table *tb, const struct task *t, uint64_t slot)
{
    const struct cap *cs = &t->slots[TASK_SLOT_CSPACE].cap;

    if (cs->type != HL_CAP_CSPACE || slot == 0 || slot >= cspace_size(cs) ||
        cspace_slots(cs)[slot].cap.type == HL_CAP_NULL) {
        table_note(tb, "task %u has no capability in slot %lu\n", t->id, slot);
        return;
    }
    table_note(tb, "task %u slot %lu names:\n", t->id, slot);
    view_object(tb, cap_object_id(&cspace_slots(cs)[slot].cap));
}
