/*
 * What the stub shows of the kernel's own state: `monitor` commands (text)
 * and `info os` tables (qXfer:osdata XML, GDB manual "Operating System
 * Information"). Both walk the task list and the capability spaces; the
 * osdata documents are rebuilt into one buffer at offset 0 and served in
 * the pieces gdb asks for.
 */
#include <arch/layout.h>
#include <kernel/fmt.h>
#include <kernel/percpu.h>
#include <kernel/string.h>
#include "kgdb_int.h"

static const char *const type_names[HL_CAP_NTYPES] = {
    "null", "Memory", "CSpace", "Task", "VSpace", "PDPT", "PD", "PT", "Page",
    "Endpoint", "Notification", "IOControl", "IOPort", "IRQControl", "IRQ",
};

static const char *const state_names[] = {"inactive", "runnable", "blocked",
                                          "suspended", "faulted", "exited"};

const char *kgdb_state_name(uint8_t state)
{
    return state < ARRAY_SIZE(state_names) ? state_names[state] : "?";
}

/* Output sink: gdb's console (monitor) or the osdata buffer. */
struct out {
    struct gdbstub *gs;
    char *buf;
    size_t size, len;
};

static void outf(struct out *o, const char *fmt, ...) PRINTF_LIKE(2, 3);

static void outf(struct out *o, const char *fmt, ...)
{
    char line[256];
    va_list ap;

    va_start(ap, fmt);
    int n = kvsnprintf(line, sizeof(line), fmt, ap);
    va_end(ap);
    size_t len = MIN((size_t)n, sizeof(line) - 1);
    if (o->gs) {
        gdbstub_console_write(o->gs, line, len);
    } else if (o->len < o->size) {
        size_t k = MIN(len, o->size - o->len);
        memcpy(o->buf + o->len, line, k);
        o->len += k;
    }
}

static const char *blocked_on(const struct task *t)
{
    static const char *const why[] = {"", "send", "receive", "reply", "notification"};

    return t->state == HL_TASK_BLOCKED && t->block_reason < ARRAY_SIZE(why) ? why[t->block_reason]
                                                                           : "";
}

static void tasks(struct out *o)
{
    outf(o, "%-5s %-16s %-10s %-12s %4s %-18s\n", "id", "name", "state", "blocked on", "prio",
         "rip");
    for (struct task *t = task_list_first(); t; t = t->all_next)
        outf(o, "%-5u %-16s %-10s %-12s %4u %#018lx\n", t->id, t->name,
             kgdb_state_name(t->state), blocked_on(t), t->priority, t->frame.rip);
}

/* Type-specific detail of a capability, for both views. */
static void cap_detail(const struct cap *c, char *buf, size_t size)
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

static uint64_t object_id(const struct cap *c)
{
    bool virt = c->type == HL_CAP_CSPACE || c->type == HL_CAP_TASK ||
                c->type == HL_CAP_ENDPOINT || c->type == HL_CAP_NOTIFICATION;

    return virt ? direct_virt_to_phys((const void *)(uintptr_t)c->object) : c->object;
}

static void caps(struct out *o, const struct task *t)
{
    const struct cap *cs = &t->slots[TASK_SLOT_CSPACE].cap;
    char detail[96];

    if (cs->type != HL_CAP_CSPACE) {
        outf(o, "task %u has no CSpace\n", t->id);
        return;
    }
    outf(o, "CSpace of task %u '%s' (%lu slots):\n", t->id, t->name, cspace_size(cs));
    outf(o, "%-6s %-12s %-6s %-8s %-18s %s\n", "slot", "type", "rights", "badge", "object",
         "detail");
    for (uint64_t i = 1; i < cspace_size(cs); i++) {
        const struct cap_slot *s = &cspace_slots(cs)[i];
        if (cap_slot_empty(s))
            continue;
        cap_detail(&s->cap, detail, sizeof(detail));
        outf(o, "%-6lu %-12s %#-6x %-8lu %#-18lx %s%s\n", i, type_names[s->cap.type],
             s->cap.rights, s->cap.badge * (s->cap.type == HL_CAP_ENDPOINT ||
                                            s->cap.type == HL_CAP_NOTIFICATION),
             object_id(&s->cap), detail, s->parent ? "" : " (root)");
    }
}

/* Every object named from some task's CSpace, once, with how many
 * capabilities name it. Tasks often share CSpaces, so each CSpace is walked
 * once too. */
#define MAX_OBJECTS 512
#define MAX_CSPACES 64

static struct {
    const struct cap *cap;
    uint32_t refs;
} objects[MAX_OBJECTS];

static void objects_cmd(struct out *o)
{
    const struct cap_slot *seen[MAX_CSPACES];
    size_t nseen = 0, n = 0;
    char detail[96];
    bool full = false;

    for (struct task *t = task_list_first(); t; t = t->all_next) {
        const struct cap *cs = &t->slots[TASK_SLOT_CSPACE].cap;
        const struct cap_slot *slots = cspace_slots(cs);
        bool dup = cs->type != HL_CAP_CSPACE;
        for (size_t k = 0; k < nseen && !dup; k++)
            dup = seen[k] == slots;
        if (dup || nseen == MAX_CSPACES)
            continue;
        seen[nseen++] = slots;
        for (uint64_t i = 1; i < cspace_size(cs); i++) {
            const struct cap *c = &slots[i].cap;
            if (c->type == HL_CAP_NULL)
                continue;
            size_t k = 0;
            while (k < n && !cap_same_object(objects[k].cap, c))
                k++;
            if (k < n) {
                objects[k].refs++;
            } else if (n < MAX_OBJECTS) {
                objects[n].cap = c;
                objects[n++].refs = 1;
            } else {
                full = true;
            }
        }
    }
    outf(o, "%-12s %-18s %-5s %s\n", "type", "object", "caps", "detail");
    for (size_t k = 0; k < n; k++) {
        cap_detail(objects[k].cap, detail, sizeof(detail));
        outf(o, "%-12s %#-18lx %-5u %s\n", type_names[objects[k].cap->type],
             object_id(objects[k].cap), objects[k].refs, detail);
    }
    outf(o, "%zu objects in %zu CSpaces%s\n", n, nseen, full ? " (list cut short)" : "");
}

static bool parse_uint(const char *s, size_t len, uint32_t *v)
{
    *v = 0;
    if (len == 0 || len > 9)
        return false;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        *v = *v * 10 + (uint32_t)(s[i] - '0');
    }
    return true;
}

static bool word_is(const char *cmd, size_t len, const char *w)
{
    size_t n = strlen(w);
    return len >= n && memcmp(cmd, w, n) == 0 && (len == n || cmd[n] == ' ');
}

int kgdb_monitor(void *ctx, struct gdbstub *gs, const char *cmd, size_t len)
{
    struct out o = {.gs = gs};
    uint32_t id;

    (void)ctx;
    if (word_is(cmd, len, "tasks")) {
        tasks(&o);
    } else if (word_is(cmd, len, "objects")) {
        objects_cmd(&o);
    } else if (word_is(cmd, len, "caps")) {
        const char *arg = len > 5 ? cmd + 5 : "";
        size_t alen = len > 5 ? len - 5 : 0;
        struct task *t = parse_uint(arg, alen, &id) ? task_by_id(id) : kgdb.stop_task;
        if (!t)
            t = task_list_first();
        if (t)
            caps(&o, t);
        else
            outf(&o, "no such task\n");
    } else {
        outf(&o, "Helios kernel stub commands:\n"
                 "  monitor tasks      every task: id, name, state, what it waits on, rip\n"
                 "  monitor caps [ID]  the capability space of task ID (default: the stopped one)\n"
                 "  monitor objects    every object the tasks' CSpaces name, with its cap count\n"
                 "  monitor help       this text\n"
                 "Also: info os tasks, info os caps\n");
    }
    return GDBSTUB_OK;
}

/* ---- osdata ---------------------------------------------------------- */

static char osdata_buf[65536];

static void col(struct out *o, const char *name, const char *fmt, ...) PRINTF_LIKE(3, 4);

static void col(struct out *o, const char *name, const char *fmt, ...)
{
    char v[128];
    va_list ap;

    va_start(ap, fmt);
    kvsnprintf(v, sizeof(v), fmt, ap);
    va_end(ap);
    /* Values are names and numbers; strip what XML would need escaped. */
    for (char *p = v; *p; p++) {
        if (*p == '<' || *p == '>' || *p == '&' || *p == '"')
            *p = '?';
    }
    outf(o, "<column name=\"%s\">%s</column>", name, v);
}

static void osdata_types(struct out *o)
{
    outf(o, "<osdata type=\"types\">");
    outf(o, "<item>");
    col(o, "Type", "tasks");
    col(o, "Description", "Listing of all tasks");
    col(o, "Title", "Tasks");
    outf(o, "</item><item>");
    col(o, "Type", "caps");
    col(o, "Description", "Capabilities in every task's CSpace");
    col(o, "Title", "Capabilities");
    outf(o, "</item></osdata>");
}

static void osdata_tasks(struct out *o)
{
    outf(o, "<osdata type=\"tasks\">");
    for (struct task *t = task_list_first(); t; t = t->all_next) {
        outf(o, "<item>");
        col(o, "id", "%u", t->id);
        col(o, "name", "%s", t->name);
        col(o, "state", "%s", kgdb_state_name(t->state));
        col(o, "blocked on", "%s", blocked_on(t));
        col(o, "priority", "%u", t->priority);
        col(o, "rip", "%#lx", t->frame.rip);
        outf(o, "</item>");
    }
    outf(o, "</osdata>");
}

static void osdata_caps(struct out *o)
{
    char detail[96];

    outf(o, "<osdata type=\"caps\">");
    for (struct task *t = task_list_first(); t; t = t->all_next) {
        const struct cap *cs = &t->slots[TASK_SLOT_CSPACE].cap;
        if (cs->type != HL_CAP_CSPACE)
            continue;
        for (uint64_t i = 1; i < cspace_size(cs) && o->len < o->size - 512; i++) {
            const struct cap_slot *s = &cspace_slots(cs)[i];
            if (cap_slot_empty(s))
                continue;
            cap_detail(&s->cap, detail, sizeof(detail));
            outf(o, "<item>");
            col(o, "task", "%u", t->id);
            col(o, "slot", "%lu", i);
            col(o, "type", "%s", type_names[s->cap.type]);
            col(o, "rights", "%#x", s->cap.rights);
            col(o, "object", "%#lx", object_id(&s->cap));
            col(o, "detail", "%s", detail);
            outf(o, "</item>");
        }
    }
    outf(o, "</osdata>");
}

int kgdb_osdata(void *ctx, const char *annex, size_t annex_len, uint64_t offset, uint8_t *buf,
                size_t len, size_t *done)
{
    struct out o = {.buf = osdata_buf, .size = sizeof(osdata_buf)};

    (void)ctx;
    outf(&o, "<?xml version=\"1.0\"?>\n<!DOCTYPE target SYSTEM \"osdata.dtd\">\n");
    if (annex_len == 0)
        osdata_types(&o);
    else if (annex_len == 5 && memcmp(annex, "tasks", 5) == 0)
        osdata_tasks(&o);
    else if (annex_len == 4 && memcmp(annex, "caps", 4) == 0)
        osdata_caps(&o);
    else
        return GDBSTUB_E_NOENT;
    *done = 0;
    if (offset < o.len) {
        *done = MIN(len, o.len - (size_t)offset);
        memcpy(buf, osdata_buf + offset, *done);
    }
    return GDBSTUB_OK;
}
