/*
 * complete.c: what Tab may complete at the prompt, as gdb's completers do:
 * the command word from the command table, `info`'s subcommands, and in
 * the arguments of the other commands the names of the program's
 * functions and global variables (from DWARF, then the ELF symbols), with
 * the locals of the selected frame where an expression is expected.
 *
 * The core only proposes candidates; the line editor of the platform
 * (linux-port/lineedit.c) inserts their common prefix or lists them.
 */
#include <ctype.h>
#include <string.h>

#include <hdb/cli.h>
#include <hdb/dinfo.h>
#include <hdb/frameinfo.h>

struct matcher {
    const char *word;
    size_t len;
    void (*add)(void *ctx, const char *cand);
    void *ctx;
};

static void offer(const struct matcher *m, const char *name)
{
    if (name && strncmp(name, m->word, m->len) == 0)
        m->add(m->ctx, name);
}

/* Collects "name = value" lines of info locals/args as bare names. */
static void local_name(void *ctx, const char *line)
{
    const struct matcher *m = ctx;
    char name[128];
    size_t n = 0;
    while (line[n] && line[n] != ' ' && n + 1 < sizeof(name)) {
        name[n] = line[n];
        n++;
    }
    name[n] = 0;
    offer(m, name);
}

static void symbols(struct hdb_cli *c, const struct matcher *m, bool locals)
{
    struct hdb_session *s = c->s;
    if (!s->img)
        return;
    for (size_t i = 0; i < s->dinfo.nfuncs; i++)
        offer(m, s->dinfo.funcs[i].name);
    for (size_t i = 0; i < s->dinfo.nvars; i++)
        offer(m, s->dinfo.vars[i].name);
    for (size_t i = 0; i < s->img->nfuncs; i++)
        offer(m, s->img->funcs[i].name);
    for (size_t i = 0; i < s->img->nobjects; i++)
        offer(m, s->img->objects[i].name);
    if (locals && s->pid) {
        hdb_frame_list_vars(s, true, false, local_name, (void *)m);
        hdb_frame_list_vars(s, false, false, local_name, (void *)m);
    }
}

size_t hdb_cli_complete(struct hdb_cli *c, const char *line, size_t pos,
                        void (*add)(void *ctx, const char *cand), void *ctx)
{
    /* The word being completed: identifier characters back from the cursor. */
    size_t start = pos;
    while (start > 0 && (isalnum((unsigned char)line[start - 1]) || line[start - 1] == '_' ||
                         line[start - 1] == '-'))
        start--;
    struct matcher m = {line + start, pos - start, add, ctx};
    size_t first = 0;
    while (line[first] == ' ' || line[first] == '\t')
        first++;
    if (start <= first) {
        for (size_t i = 0; hdb_cmd_name_at(i); i++)
            offer(&m, hdb_cmd_name_at(i));
        return start;
    }
    const char *args;
    char fmt[32];
    int id = hdb_cmd_parse(line, &args, fmt, sizeof(fmt));
    size_t args_at = (size_t)(args - line);
    if (id == HDB_CMD_INFO) {
        /* The subcommand word, then nothing more is known to complete. */
        if (start == args_at && !memchr(line + args_at, ' ', pos - args_at))
            for (size_t i = 0; hdb_info_name_at(i); i++)
                offer(&m, hdb_info_name_at(i));
        return start;
    }
    bool expression = id == HDB_CMD_PRINT || id == HDB_CMD_DISPLAY || id == HDB_CMD_SET ||
                      id == HDB_CMD_WATCH || id == HDB_CMD_AWATCH || id == HDB_CMD_RWATCH ||
                      id == HDB_CMD_X || id == HDB_CMD_WHATIS || id == HDB_CMD_PTYPE ||
                      id == HDB_CMD_CONDITION;
    bool location = id == HDB_CMD_BREAK || id == HDB_CMD_TBREAK || id == HDB_CMD_HBREAK ||
                    id == HDB_CMD_THBREAK || id == HDB_CMD_LIST || id == HDB_CMD_UNTIL ||
                    id == HDB_CMD_ADVANCE || id == HDB_CMD_DISASSEMBLE;
    if ((expression || location) && m.len > 0 && !isdigit((unsigned char)*m.word))
        symbols(c, &m, expression);
    return start;
}
