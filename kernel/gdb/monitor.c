/*
 * The stub's two ways to show kernel state: `monitor CMD` (text through
 * gdb's console) and qXfer:osdata (what `info os TYPE` shows). Both run
 * the same views (views.c); the osdata document is rebuilt into one buffer
 * from offset 0 and served in the pieces gdb asks for.
 */
#include <kernel/string.h>
#include "kgdb_int.h"
#include "views.h"

static const struct {
    const char *name;
    const char *description;
    void (*view)(struct table *tb);
} osdata_types[] = {
    {"tasks", "Tasks: state, what they wait on, priority, rip", view_tasks},
    {"caps", "Capabilities in every task's CSpace", NULL},
    {"objects", "Objects the CSpaces name, with their capability count", view_objects},
    {"memory", "How each Memory capability is carved", view_memory},
    {"cpu", "The CPU's running and ready tasks", view_cpu},
    {"faults", "Recent user faults", view_faults},
};

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

/* " 0x1a2b" or " 1a2b": one hexadecimal number after blanks. */
static bool parse_hex(const char *s, size_t len, uint64_t *v)
{
    size_t i = 0, digits = 0;

    *v = 0;
    while (i < len && s[i] == ' ')
        i++;
    if (i + 1 < len && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X'))
        i += 2;
    for (; i < len && digits < 17; i++, digits++) {
        char c = s[i];
        int d = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
        if (d < 0)
            return false;
        *v = *v << 4 | (uint64_t)d;
    }
    return digits > 0 && digits <= 16 && i == len;
}

static bool word_is(const char *cmd, size_t len, const char *w)
{
    size_t n = strlen(w);
    return len >= n && memcmp(cmd, w, n) == 0 && (len == n || cmd[n] == ' ');
}

/* One line each: table_note formats at most a line at a time. */
static const char *const help_lines[] = {
    "Helios kernel stub commands:",
    "  monitor tasks      every task: state, what it waits on, priority, rip",
    "  monitor caps [ID]  the capability space of task ID (default: the stopped one)",
    "  monitor objects    every object the tasks' CSpaces name, with its cap count",
    "  monitor memory     how each Memory capability is carved",
    "  monitor cpu        the running task and the ready queues",
    "  monitor faults     recent user faults",
    "  monitor object ID  one object: the caps naming it, its waiters or state",
    "  monitor cap T S    the object task T's slot S names (follows the cap)",
    "  monitor help       this text",
    "The same tables: info os tasks|caps|objects|memory|cpu|faults",
};

int kgdb_monitor(void *ctx, struct gdbstub *gs, const char *cmd, size_t len)
{
    struct table tb = {.gs = gs};
    uint32_t id;

    (void)ctx;
    if (word_is(cmd, len, "caps")) {
        const char *arg = len > 5 ? cmd + 5 : "";
        size_t alen = len > 5 ? len - 5 : 0;
        struct task *t = parse_uint(arg, alen, &id) ? task_by_id(id) : kgdb.stop_task;
        if (!t && alen == 0)
            t = task_list_first();
        if (t)
            view_caps(&tb, t);
        else
            table_note(&tb, "no such task\n");
        return GDBSTUB_OK;
    }
    if (word_is(cmd, len, "object")) {
        uint64_t oid;
        if (parse_hex(cmd + 6, len - 6, &oid))
            view_object(&tb, oid);
        else
            table_note(&tb, "usage: monitor object ID (hex, as the caps tables show it)\n");
        return GDBSTUB_OK;
    }
    if (word_is(cmd, len, "cap")) {
        const char *arg = cmd + 3, *end = cmd + len;
        while (arg < end && *arg == ' ')
            arg++;
        const char *sp = arg;
        while (sp < end && *sp != ' ')
            sp++;
        uint32_t slot;
        struct task *t = parse_uint(arg, (size_t)(sp - arg), &id) ? task_by_id(id) : NULL;
        while (sp < end && *sp == ' ')
            sp++;
        if (!t || !parse_uint(sp, (size_t)(end - sp), &slot))
            table_note(&tb, "usage: monitor cap TASK SLOT (decimal; TASK an existing task)\n");
        else
            view_cap_object(&tb, t, slot);
        return GDBSTUB_OK;
    }
    for (size_t i = 0; i < ARRAY_SIZE(osdata_types); i++) {
        if (osdata_types[i].view && word_is(cmd, len, osdata_types[i].name)) {
            osdata_types[i].view(&tb);
            return GDBSTUB_OK;
        }
    }
    for (size_t i = 0; i < ARRAY_SIZE(help_lines); i++)
        table_note(&tb, "%s\n", help_lines[i]);
    return GDBSTUB_OK;
}

/* Big enough for every task's CSpace in the demo and the test suite. */
static char osdata_buf[256 * 1024];
/* The document in osdata_buf: built for a read at offset 0, then read
 * piece by piece while the machine stays stopped. */
static struct {
    char annex[16];
    size_t annex_len, len;
    bool valid;
} osdata_doc;

static void types(struct table *tb)
{
    static const char *const cols[] = {"Type", "Description", "Title"};
    static const uint8_t w[] = {0, 0, 0};

    table_begin(tb, "types", 3, cols, w);
    for (size_t i = 0; i < ARRAY_SIZE(osdata_types); i++) {
        const char *v[] = {osdata_types[i].name, osdata_types[i].description, osdata_types[i].name};
        table_row(tb, v);
    }
    table_end(tb);
}

void kgdb_osdata_forget(void)
{
    osdata_doc.valid = false;
}

int kgdb_osdata(void *ctx, const char *annex, size_t annex_len, uint64_t offset, uint8_t *buf,
                size_t len, size_t *done)
{
    static const char head[] = "<?xml version=\"1.0\"?>\n<!DOCTYPE target SYSTEM \"osdata.dtd\">\n";
    struct table tb = {.buf = osdata_buf, .size = sizeof(osdata_buf), .xml = true};
    bool found = annex_len == 0;

    (void)ctx;
    if (offset > 0 && osdata_doc.valid && osdata_doc.annex_len == annex_len &&
        memcmp(osdata_doc.annex, annex, annex_len) == 0) {
        *done = offset < osdata_doc.len ? MIN(len, osdata_doc.len - (size_t)offset) : 0;
        memcpy(buf, osdata_buf + offset, *done);
        return GDBSTUB_OK;
    }
    osdata_doc.valid = false;
    memcpy(osdata_buf, head, sizeof(head) - 1);
    tb.len = sizeof(head) - 1;
    if (annex_len == 0)
        types(&tb);
    for (size_t i = 0; i < ARRAY_SIZE(osdata_types) && !found; i++) {
        if (strlen(osdata_types[i].name) == annex_len &&
            memcmp(annex, osdata_types[i].name, annex_len) == 0) {
            if (osdata_types[i].view)
                osdata_types[i].view(&tb);
            else
                view_caps(&tb, NULL);
            found = true;
        }
    }
    if (!found)
        return GDBSTUB_E_NOENT;
    if (annex_len <= sizeof(osdata_doc.annex)) {
        memcpy(osdata_doc.annex, annex, annex_len);
        osdata_doc.annex_len = annex_len;
        osdata_doc.len = tb.len;
        osdata_doc.valid = true;
    }
    *done = 0;
    if (offset < tb.len) {
        *done = MIN(len, tb.len - (size_t)offset);
        memcpy(buf, osdata_buf + offset, *done);
    }
    return GDBSTUB_OK;
}
