/*
 * What the stub shows of the kernel's own state, as tables (table.h) that
 * `monitor` prints as text and `info os` gets as osdata: tasks and what
 * they wait on, a task's capability space with derivation, every object
 * the CSpaces name, how each Memory capability is carved, the CPU's run
 * queues, and recent faults. Object ids are the same opaque ids user space
 * sees (CSpace inspect), so views from both sides can be matched.
 */
#include <kernel/faultlog.h>
#include <kernel/fmt.h>
#include <kernel/percpu.h>
#include <kernel/string.h>
#include "kgdb_int.h"
#include "table.h"
#include "views.h"

const char *const kgdb_type_names[HL_CAP_NTYPES] = {
    "null", "Memory",   "CSpace",       "Task",      "VSpace", "PDPT",       "PD",  "PT",
    "Page", "Endpoint", "Notification", "IOControl", "IOPort", "IRQControl", "IRQ",
};

static const char *const state_names[] = {"inactive",  "runnable", "blocked",
                                          "suspended", "faulted",  "exited"};

const char *kgdb_state_name(uint8_t state)
{
    return state < ARRAY_SIZE(state_names) ? state_names[state] : "?";
}

/* The id user space would see for the object a kernel pointer names. */
static uint64_t id_of(uint8_t type, const void *p)
{
    struct cap c = {.type = type, .object = (uint64_t)(uintptr_t)p};
    return cap_object_id(&c);
}

void kgdb_waits_on(const struct task *t, char *buf, size_t size)
{
    buf[0] = '\0';
    if (t->state != HL_TASK_BLOCKED)
        return;
    switch (t->block_reason) {
    case BLOCK_SEND:
        ksnprintf(buf, size, "send %#lx", id_of(HL_CAP_ENDPOINT, t->blocked_on));
        break;
    case BLOCK_RECV:
        ksnprintf(buf, size, "receive %#lx", id_of(HL_CAP_ENDPOINT, t->blocked_on));
        break;
    case BLOCK_REPLY:
        ksnprintf(buf, size, "reply task %u", t->reply_from ? t->reply_from->id : 0);
        break;
    case BLOCK_NOTIFICATION:
        ksnprintf(buf, size, "notification %#lx", id_of(HL_CAP_NOTIFICATION, t->blocked_on));
        break;
    }
}

void view_tasks(struct table *tb)
{
    static const char *const cols[] = {"id", "name", "state", "blocked on", "priority", "rip"};
    static const uint8_t w[] = {5, 16, 10, 26, 8, 0};
    char id[12], wait[40], prio[8], rip[20];

    table_begin(tb, "tasks", 6, cols, w);
    for (struct task *t = task_list_first(); t; t = t->all_next) {
        ksnprintf(id, sizeof(id), "%u", t->id);
        kgdb_waits_on(t, wait, sizeof(wait));
        ksnprintf(prio, sizeof(prio), "%u", t->priority);
        ksnprintf(rip, sizeof(rip), "%#lx", t->frame.rip);
        const char *v[] = {id, t->name, kgdb_state_name(t->state), wait, prio, rip};
        table_row(tb, v);
    }
    table_end(tb);
}

/* Type-specific detail of a capability. */
void kgdb_cap_detail(const struct cap *c, char *buf, size_t size)
{
    switch (c->type) {
    case HL_CAP_MEMORY:
        ksnprintf(buf, size, "base %#lx size %#lx free %#lx%s", c->object, c->badge,
                  c->badge - c->arg, (c->flags & CAP_FLAG_DEVICE) ? " device" : "");
        break;
    case HL_CAP_CSPACE:
        ksnprintf(buf, size, "%lu slots", cspace_size(c));
        break;
    case HL_CAP_TASK:
        ksnprintf(buf, size, "task %u '%s'", task_of(c)->id, task_of(c)->name);
        break;
    case HL_CAP_ENDPOINT: {
        const struct endpoint *ep = endpoint_of(c);
        int n = 0;
        for (const struct task *t = ep->q.head; t; t = t->wq_next)
            n++;
        ksnprintf(buf, size, "%d %s waiting", n, ep->state == EP_SENDERS ? "senders" : "receivers");
        break;
    }
    case HL_CAP_NOTIFICATION:
        ksnprintf(buf, size, "word %#lx%s", notification_of(c)->word,
                  notification_of(c)->bound ? " (bound)" : "");
        break;
    case HL_CAP_PAGE:
    case HL_CAP_PT:
    case HL_CAP_PD:
    case HL_CAP_PDPT:
        if (c->flags & CAP_FLAG_MAPPED)
            ksnprintf(buf, size, "phys %#lx mapped at %#lx (asid %lu)", c->object, c->arg,
                      c->badge);
        else
            ksnprintf(buf, size, "phys %#lx unmapped", c->object);
        break;
    case HL_CAP_IOPORT:
        ksnprintf(buf, size, "ports %#lx-%#lx", c->object, c->object + c->arg - 1);
        break;
    case HL_CAP_IRQ:
        ksnprintf(buf, size, "irq %lu", c->object);
        break;
    default:
        buf[0] = '\0';
        break;
    }
}

/* Where a capability comes from: "-" (made by the kernel), "slot N" (its
 * parent is in the same CSpace), "elsewhere" (in another CSpace or a task). */
void kgdb_derivation(const struct cap_slot *s, const struct cap *cs, char *buf, size_t size)
{
    const struct cap_slot *base = cspace_slots(cs), *p = s->parent;

    if (!p)
        ksnprintf(buf, size, "-");
    else if (p > base && p < base + cspace_size(cs))
        ksnprintf(buf, size, "slot %lu", (uint64_t)(p - base));
    else
        ksnprintf(buf, size, "elsewhere");
}

static bool bad_cspace(const struct task *t)
{
    return t->slots[TASK_SLOT_CSPACE].cap.type != HL_CAP_CSPACE;
}

/* One task's CSpace (osdata with all = true: every task's, with a task
 * column). */
void view_caps(struct table *tb, const struct task *only)
{
    static const char *const cols[] = {"task",  "slot",   "type",         "rights",
                                       "badge", "object", "derived from", "detail"};
    static const uint8_t w[] = {4, 6, 12, 6, 6, 18, 12, 0};
    char task[12], slot[12], rights[10], badge[20], object[20], from[16], detail[96];

    if (only && bad_cspace(only)) {
        table_note(tb, "task %u has no CSpace\n", only->id);
        return;
    }
    if (only)
        table_note(tb, "CSpace of task %u '%s' (%lu slots):\n", only->id, only->name,
                   cspace_size(&only->slots[TASK_SLOT_CSPACE].cap));
    table_begin(tb, "caps", 8, cols, w);
    for (const struct task *t = only ? only : task_list_first(); t; t = only ? NULL : t->all_next) {
        const struct cap *cs = &t->slots[TASK_SLOT_CSPACE].cap;
        if (bad_cspace(t))
            continue;
        for (uint64_t i = 1; i < cspace_size(cs); i++) {
            const struct cap_slot *s = &cspace_slots(cs)[i];
            if (cap_slot_empty(s))
                continue;
            bool badged = s->cap.type == HL_CAP_ENDPOINT || s->cap.type == HL_CAP_NOTIFICATION;
            ksnprintf(task, sizeof(task), "%u", t->id);
            ksnprintf(slot, sizeof(slot), "%lu", i);
            ksnprintf(rights, sizeof(rights), "%#x", s->cap.rights);
            ksnprintf(badge, sizeof(badge), "%lu", badged ? s->cap.badge : 0);
            ksnprintf(object, sizeof(object), "%#lx", cap_object_id(&s->cap));
            kgdb_derivation(s, cs, from, sizeof(from));
            kgdb_cap_detail(&s->cap, detail, sizeof(detail));
            const char *v[] = {task, slot,  kgdb_type_names[s->cap.type], rights, badge, object,
                               from, detail};
            table_row(tb, v);
        }
    }
    table_end(tb);
}

size_t kgdb_cspaces(const struct cap **out)
{
    size_t n = 0;

    for (const struct task *t = task_list_first(); t && n < KGDB_MAX_CSPACES; t = t->all_next) {
        const struct cap *cs = &t->slots[TASK_SLOT_CSPACE].cap;
        bool dup = bad_cspace(t);
        for (size_t k = 0; k < n && !dup; k++)
            dup = out[k]->object == cs->object;
        if (!dup)
            out[n++] = cs;
    }
    return n;
}

#define MAX_OBJECTS 512

void view_objects(struct table *tb)
{
    static struct {
        const struct cap *cap;
        uint32_t refs;
    } objs[MAX_OBJECTS];
    static const char *const cols[] = {"type", "object", "caps", "detail"};
    static const uint8_t w[] = {12, 18, 5, 0};
    const struct cap *css[KGDB_MAX_CSPACES];
    size_t ncs = kgdb_cspaces(css), n = 0;
    char object[20], refs[12], detail[96];
    bool full = false;

    for (size_t k = 0; k < ncs; k++) {
        for (uint64_t i = 1; i < cspace_size(css[k]); i++) {
            const struct cap *c = &cspace_slots(css[k])[i].cap;
            if (c->type == HL_CAP_NULL)
                continue;
            size_t j = 0;
            while (j < n && !cap_same_object(objs[j].cap, c))
                j++;
            if (j < n) {
                objs[j].refs++;
            } else if (n < MAX_OBJECTS) {
                objs[n].cap = c;
                objs[n++].refs = 1;
            } else {
                full = true;
            }
        }
    }
    table_begin(tb, "objects", 4, cols, w);
    for (size_t j = 0; j < n; j++) {
        ksnprintf(object, sizeof(object), "%#lx", cap_object_id(objs[j].cap));
        ksnprintf(refs, sizeof(refs), "%u", objs[j].refs);
        kgdb_cap_detail(objs[j].cap, detail, sizeof(detail));
        const char *v[] = {kgdb_type_names[objs[j].cap->type], object, refs, detail};
        table_row(tb, v);
    }
    table_end(tb);
    table_note(tb, "%zu objects in %zu CSpaces%s\n", n, ncs, full ? " (list cut short)" : "");
}

/* How each Memory capability is carved: its children by type. */
void view_memory(struct table *tb)
{
    static const char *const cols[] = {"where", "base", "size", "free", "objects"};
    static const uint8_t w[] = {12, 12, 12, 12, 0};
    const struct cap *css[KGDB_MAX_CSPACES];
    size_t ncs = kgdb_cspaces(css);
    char where[16], base[20], size[20], fre[20], objects[160];

    table_begin(tb, "memory", 5, cols, w);
    for (size_t k = 0; k < ncs; k++) {
        for (uint64_t i = 1; i < cspace_size(css[k]); i++) {
            const struct cap_slot *s = &cspace_slots(css[k])[i];
            if (s->cap.type != HL_CAP_MEMORY)
                continue;
            unsigned count[HL_CAP_NTYPES] = {0}, total = 0;
            for (const struct cap_slot *c = s->first_child; c; c = c->next) {
                count[c->cap.type]++;
                total++;
            }
            size_t len = (size_t)ksnprintf(objects, sizeof(objects), "%u", total);
            for (unsigned ty = 1; ty < HL_CAP_NTYPES && len < sizeof(objects); ty++) {
                if (count[ty])
                    len += (size_t)ksnprintf(objects + len, sizeof(objects) - len, " %u %s",
                                             count[ty], kgdb_type_names[ty]);
            }
            ksnprintf(where, sizeof(where), "%zu:%lu", k, i);
            ksnprintf(base, sizeof(base), "%#lx", s->cap.object);
            ksnprintf(size, sizeof(size), "%#lx", s->cap.badge);
            ksnprintf(fre, sizeof(fre), "%#lx", s->cap.badge - s->cap.arg);
            const char *v[] = {where, base, size, fre, objects};
            table_row(tb, v);
        }
    }
    table_end(tb);
    table_note(tb, "where: CSpace number:slot (CSpaces in task order)\n");
}

/* The CPU: who runs and who is ready, level by level. */
void view_cpu(struct table *tb)
{
    static const char *const cols[] = {"cpu", "priority", "tasks"};
    static const uint8_t w[] = {4, 8, 0};
    struct percpu *c = this_cpu();
    char cpu[8], prio[8], ids[128];

    table_note(tb, "cpu 0: current task %u '%s', stopped in %s\n", c->current ? c->current->id : 0,
               c->current ? c->current->name : "(idle)",
               kgdb.stop_task ? "user mode" : "the kernel");
    table_begin(tb, "cpu", 3, cols, w);
    if (c->current) {
        ksnprintf(cpu, sizeof(cpu), "%u", c->cpu_id);
        ksnprintf(prio, sizeof(prio), "%u", c->current->priority);
        ksnprintf(ids, sizeof(ids), "running: %u", c->current->id);
        const char *v[] = {cpu, prio, ids};
        table_row(tb, v);
    }
    for (int level = SCHED_LEVELS - 1; level >= 0; level--) {
        if (!c->ready_head[level])
            continue;
        size_t len = (size_t)ksnprintf(ids, sizeof(ids), "ready:");
        for (const struct task *t = c->ready_head[level]; t && len < sizeof(ids); t = t->rq_next)
            len += (size_t)ksnprintf(ids + len, sizeof(ids) - len, " %u", t->id);
        ksnprintf(cpu, sizeof(cpu), "%u", c->cpu_id);
        ksnprintf(prio, sizeof(prio), "%d", level);
        const char *v[] = {cpu, prio, ids};
        table_row(tb, v);
    }
    table_end(tb);
}

void view_faults(struct table *tb)
{
    static const char *const cols[] = {"tick", "task", "name", "fault", "rip", "address"};
    static const uint8_t w[] = {8, 5, 16, 6, 18, 0};
    char tick[20], task[12], vec[8], rip[20], addr[20];
    const struct fault_record *r;

    table_begin(tb, "faults", 6, cols, w);
    for (unsigned i = 0; (r = faultlog_get(i)); i++) {
        ksnprintf(tick, sizeof(tick), "%lu", r->tick);
        ksnprintf(task, sizeof(task), "%u", r->task_id);
        ksnprintf(vec, sizeof(vec), "%lu", r->vector);
        ksnprintf(rip, sizeof(rip), "%#lx", r->rip);
        ksnprintf(addr, sizeof(addr), "%#lx", r->addr);
        const char *v[] = {tick, task, r->name, vec, rip, addr};
        table_row(tb, v);
    }
    table_end(tb);
}
