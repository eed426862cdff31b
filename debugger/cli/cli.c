/*
 * cli.c: the command line's dispatcher, its output helpers, the source
 * file cache, and how frames are described (in gdb's words, so that
 * people and scripts used to gdb read them the same way; stop events are
 * in cli_event.c).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <hdb/cli.h>
#include <hdb/error.h>
#include <hdb/frameinfo.h>
#include <hdb/symtab.h>
#include <hdb/syscalls.h>
#include <hdb/value.h>
#include <hdb/watch.h>

static void notify(void *ctx, const struct hdb_event *ev)
{
    hdb_cli_print_event(ctx, ev);
}

static void dprintf_hook(void *ctx, const struct hdb_breakpoint *b)
{
    hdb_cli_dprintf(ctx, b);
}

void hdb_cli_init(struct hdb_cli *c, struct hdb_session *s, const struct hdb_platform *plat,
                  const struct hdb_loader *loader)
{
    memset(c, 0, sizeof(*c));
    c->s = s;
    s->notify = notify;
    s->notify_ctx = c;
    s->dprintf = dprintf_hook;
    c->plat = plat;
    c->loader = *loader;
    s->loader = &c->loader;
    c->xfmt = (struct hdb_xfmt){1, 'x', 4};
    c->listsize = 10;
    c->confirm = c->pagination = true;
}

static void drop_source(struct hdb_cli *c)
{
    if (c->src.text)
        c->plat->release_file(c->plat->ctx, c->src.text, c->src.len);
    hdb_free(c->plat, c->src.lines, c->src.nlines * sizeof(*c->src.lines));
    hdb_strfree(c->plat, c->src.path);
    memset(&c->src, 0, sizeof(c->src));
}

void hdb_cli_fini(struct hdb_cli *c)
{
    drop_source(c);
    for (int i = 0; i < c->ndisplays; i++)
        hdb_strfree(c->plat, c->displays[i].expr);
    c->ndisplays = 0;
    for (size_t i = 0; i < c->nuser; i++) {
        hdb_strfree(c->plat, c->user[i].name);
        hdb_strfree(c->plat, c->user[i].body);
        hdb_strfree(c->plat, c->user[i].doc);
    }
    hdb_free(c->plat, c->user, c->cap_user * sizeof(*c->user));
    c->user = NULL;
    c->nuser = c->cap_user = 0;
    hdb_strfree(c->plat, c->stop_cmds);
    c->stop_cmds = NULL;
    hdb_sb_reset(&c->errcap);
    for (int i = 0; i < c->nrun_args; i++)
        hdb_strfree(c->plat, c->run_args[i]);
    c->nrun_args = 0;
    hdb_session_fini(c->s);
    hdb_cli_remote_close(c);
    if (c->img)
        c->loader.unload(c->loader.ctx, c->img);
    c->img = NULL;
    for (int i = 0; i < c->nsymfiles; i++)
        c->loader.unload(c->loader.ctx, c->symfiles[i]);
    c->nsymfiles = 0;
}

static void vwrite(struct hdb_cli *c, bool err, const char *fmt, va_list ap)
{
    char buf[4096];
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(buf, sizeof(buf), fmt, ap);
    char *text = buf;
    size_t len = n < 0 ? 0 : (size_t)n;
    /* A long value (a 900-element array) is written whole, as gdb writes it. */
    if (len >= sizeof(buf) && (text = hdb_alloc(c->plat, len + 1)) != NULL)
        vsnprintf(text, len + 1, fmt, again);
    va_end(again);
    if (!text) {
        text = buf;
        len = sizeof(buf) - 1;
    }
    if (n >= 0 && err && c->capture)
        hdb_sb_printf(&c->errcap, "%s", text); /* a sourced file's line: held (cli_script.c) */
    else if (n >= 0 && err)
        c->plat->err(c->plat->ctx, text, len);
    else if (n >= 0)
        c->plat->out(c->plat->ctx, text, len);
    if (text != buf)
        hdb_free(c->plat, text, len + 1);
}

void hdb_cli_out(struct hdb_cli *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vwrite(c, false, fmt, ap);
    va_end(ap);
}

void hdb_cli_err(struct hdb_cli *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vwrite(c, true, fmt, ap);
    va_end(ap);
}

/* Loads path (abs: its absolute form); on failure says why. */
static int load_file(struct hdb_cli *c, const char *path, char abs[1024],
                     const struct hdb_image **img)
{
    char why[2048] = "";
    if (c->loader.abspath(c->loader.ctx, path, abs, 1024) < 0)
        snprintf(abs, 1024, "%s", path);
    int rc = c->loader.load(c->loader.ctx, abs, img, why, sizeof(why));
    if (rc < 0)
        hdb_cli_err(c, "%s: %s.\n", path, why);
    else if (why[0])
        hdb_cli_err(c, "%s\n", why); /* a warning: the file loaded all the same */
    return rc;
}

int hdb_cli_load(struct hdb_cli *c, const char *path)
{
    char abs[1024];
    const struct hdb_image *img;
    int rc = load_file(c, path, abs, &img);
    if (rc < 0)
        return rc;
    hdb_session_activate_objfile(c->s, 0);
    rc = hdb_session_set_image(c->s, img, abs);
    if (rc < 0) {
        hdb_cli_err(c, "%s: %s.\n", path, hdb_strerror(rc));
        c->loader.unload(c->loader.ctx, img);
        return rc;
    }
    if (c->img)
        c->loader.unload(c->loader.ctx, c->img);
    c->img = img;
    snprintf(c->prog, sizeof(c->prog), "%s", abs);
    c->list_valid = false;
    /* gdb says so only at a terminal, after its "Reading symbols from" line. */
    if (!hdb_cli_have_debug_info(c) && !c->batch)
        hdb_cli_out(c, "(No debugging symbols found in %s)\n", path);
    return 0;
}

bool hdb_cli_have_debug_info(const struct hdb_cli *c)
{
    /* The program's own indexes, whichever file (a library at a stop there) is active. */
    struct hdb_symview prog;
    hdb_session_program_view(c->s, &prog);
    return prog.img && (prog.dinfo->nfuncs != 0 || prog.lines->nrows != 0);
}

int hdb_cli_add_symbol_file(struct hdb_cli *c, const char *path)
{
    char abs[1024];
    if (!*path) {
        hdb_cli_err(c, "add-symbol-file takes a file name\n");
        return HDB_E_ARG;
    }
    if (!c->s->img) {
        hdb_cli_err(c, "No symbol table is loaded.  Use the \"file\" command.\n");
        return HDB_E_NO_PROCESS;
    }
    const struct hdb_image *img;
    int rc = load_file(c, path, abs, &img);
    if (rc < 0)
        return rc;
    rc = hdb_session_add_objfile(c->s, img, abs);
    if (rc < 0) {
        hdb_cli_err(c, "%s: %s.\n", path, hdb_strerror(rc));
        c->loader.unload(c->loader.ctx, img);
        return rc;
    }
    c->symfiles[c->nsymfiles++] = img;
    hdb_cli_out(c, "Reading symbols from %s...\n", path);
    if (!img->build_id_addr)
        hdb_cli_out(c, "(%s has no loaded build-id note: no task will be matched to it)\n", path);
    return 0;
}

int hdb_cli_set_args(struct hdb_cli *c, int argc, char *const argv[])
{
    for (int i = 0; i < c->nrun_args; i++)
        hdb_strfree(c->plat, c->run_args[i]);
    c->nrun_args = 0;
    size_t len = 0;
    c->args_line[0] = 0;
    for (int i = 0; i < argc && i < 63; i++) {
        c->run_args[i] = hdb_strdup(c->plat, argv[i]);
        if (!c->run_args[i])
            return HDB_E_NOMEM;
        c->nrun_args++;
        int n =
            snprintf(c->args_line + len, sizeof(c->args_line) - len, "%s%s", i ? " " : "", argv[i]);
        if (n > 0 && len + (size_t)n < sizeof(c->args_line))
            len += (size_t)n;
    }
    return 0;
}

/* ---- source files ------------------------------------------------------ */

static int load_source(struct hdb_cli *c, uint32_t file)
{
    const struct hdb_lines *L = &c->s->lines;
    if (file >= L->nfiles)
        return HDB_E_NOT_FOUND;
    const char *path = L->files[file].path;
    if (c->src.path && strcmp(c->src.path, path) == 0)
        return c->src.text ? 0 : HDB_E_NOT_FOUND;
    drop_source(c);
    c->src.path = hdb_strdup(c->plat, path);
    if (!c->src.path)
        return HDB_E_NOMEM;
    char *text;
    size_t len;
    if (c->plat->read_file(c->plat->ctx, path, &text, &len) < 0 &&
        c->plat->read_file(c->plat->ctx, L->files[file].name, &text, &len) < 0)
        return HDB_E_NOT_FOUND;
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += text[i] == '\n';
    if (len && text[len - 1] != '\n')
        n++;
    const char **lines = hdb_alloc(c->plat, (n ? n : 1) * sizeof(*lines));
    if (!lines) {
        c->plat->release_file(c->plat->ctx, text, len);
        return HDB_E_NOMEM;
    }
    size_t k = 0;
    for (size_t i = 0; i < len && k < n; i++)
        if (i == 0 || text[i - 1] == '\n')
            lines[k++] = text + i;
    c->src.text = text;
    c->src.len = len;
    c->src.lines = lines;
    c->src.nlines = k;
    return 0;
}

const char *hdb_cli_source_line(struct hdb_cli *c, uint32_t file, uint32_t line, size_t *len)
{
    if (load_source(c, file) < 0 || line == 0 || line > c->src.nlines)
        return NULL;
    const char *p = c->src.lines[line - 1];
    const char *end = c->src.text + c->src.len;
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    *len = (size_t)((nl ? nl : end) - p);
    return p;
}

size_t hdb_cli_source_count(struct hdb_cli *c, uint32_t file)
{
    return load_source(c, file) < 0 ? 0 : c->src.nlines;
}

void hdb_cli_print_line(struct hdb_cli *c, uint32_t file, uint32_t line)
{
    if (file >= c->s->lines.nfiles)
        return;
    const struct hdb_line_file *f = &c->s->lines.files[file];
    size_t len;
    const char *text = hdb_cli_source_line(c, file, line, &len);
    if (text) {
        hdb_cli_out(c, "%u\t%.*s\n", line, (int)len, text);
    } else if (c->src.reported) {
        hdb_cli_out(c, "%u\tin %s\n", line, f->name);
    } else {
        /* gdb says once that a file cannot be read, then "in FILE" while it stays the last one. */
        hdb_cli_err(c, "%u\t%s: No such file or directory.\n", line, f->name);
        c->src.reported = c->src.path != NULL;
    }
}

/* ---- frames and events ------------------------------------------------- */

static const char *file_name(struct hdb_cli *c, uint32_t file)
{
    return file < c->s->lines.nfiles ? c->s->lines.files[file].name : "??";
}

bool hdb_cli_frame_line(struct hdb_session *s, const struct hdb_frame *f, uint64_t look,
                        struct hdb_line_loc *loc)
{
    if (!s->img)
        return false;
    uint64_t link = hdb_session_to_link(s, look);
    if (!f || !f->call_line)
        return hdb_lines_find(&s->lines, link, loc) == 0;
    const struct hdb_dfunc *fn = hdb_dinfo_func_at(&s->dinfo, link);
    struct dwarf_unit u;
    if (!fn || dwarf_unit_at(&s->dw, DWARF_SEC_INFO, fn->unit, &u) <= 0 ||
        hdb_lines_unit_file(&s->lines, &u, f->call_file, &loc->file) < 0)
        return false;
    loc->line = f->call_line;
    loc->start = loc->end = 0;
    loc->is_stmt = false;
    return true;
}

/* The function (or inlined call) a frame shows, looked up at look in the active file. */
static const char *frame_func_name(struct hdb_session *s, const struct hdb_frame *f, uint64_t look)
{
    return f->scope_die && s->img
               ? hdb_dinfo_name_of(&s->dw,
                                   hdb_dinfo_func_at(&s->dinfo, hdb_session_to_link(s, look))->unit,
                                   f->scope_die)
               : hdb_session_func_at(s, look, NULL);
}

bool hdb_cli_frame_is(struct hdb_cli *c, const struct hdb_frame *f, bool caller, const char *name)
{
    if (f->dummy)
        return false;
    uint64_t look = caller && !f->exact_pc ? f->pc - 1 : f->pc;
    int prev = hdb_session_enter_pc(c->s, look);
    const char *n = frame_func_name(c->s, f, look);
    bool same = n && strcmp(n, name) == 0;
    hdb_session_activate_module(c->s, prev);
    return same;
}

void hdb_cli_frame_desc(struct hdb_cli *c, const struct hdb_frame *f, bool caller, bool force_addr,
                        struct hdb_strbuf *b)
{
    struct hdb_session *s = c->s;
    uint64_t pc = f->pc;
    if (f->dummy) {
        hdb_sb_printf(b, "<function called from gdb>");
        return;
    }
    /*
     * A caller's pc is a return address: its call is the instruction before
     * it. Not so where pc is exact: the innermost frames, and the frame a
     * call from an expression was made in, which stopped there.
     */
    caller = caller && !f->exact_pc;
    uint64_t look = caller ? pc - 1 : pc;
    int prev = hdb_session_enter_pc(s, look);
    struct hdb_line_loc loc;
    bool have_line = hdb_cli_frame_line(s, f, look, &loc);
    /*
     * Only the start of an is_stmt row is the start of a statement (gdb
     * prints no address there), and a frame shown at an inlined call has no
     * address of its own.
     */
    bool mid = !f->call_line &&
               (!have_line || caller || hdb_session_to_runtime(s, loc.start) != pc || !loc.is_stmt);
    const char *name = frame_func_name(s, f, look);
    if (mid || force_addr)
        hdb_sb_printf(b, "0x%016llx in ", (unsigned long long)pc);
    if (name)
        hdb_sb_printf(b, "%.*s (", hdb_sym_print_len(name), name);
    else
        hdb_sb_printf(b, "?? (");
    hdb_frame_args(s, f, caller, b);
    hdb_sb_putc(b, ')');
    if (have_line) {
        hdb_sb_printf(b, " at %s:%u", file_name(c, loc.file), loc.line);
    } else {
        const struct hdb_module *m = hdb_session_module_at(s, look);
        if (m)
            hdb_sb_printf(b, " from %s", m->path);
    }
    hdb_session_activate_module(s, prev);
}

/* "LINE\tsource" of frame f (NULL: of pc), as after a stop or `frame`. */
static void print_source(struct hdb_cli *c, const struct hdb_frame *f, uint64_t pc, bool caller,
                         bool addr_mid)
{
    struct hdb_session *s = c->s;
    struct hdb_line_loc loc;
    uint64_t look = caller && !(f && f->exact_pc) ? pc - 1 : pc;
    int prev = hdb_session_enter_pc(s, look);
    if (!hdb_cli_frame_line(s, f, look, &loc)) {
        hdb_session_activate_module(s, prev);
        return;
    }
    if (addr_mid && (hdb_session_to_runtime(s, loc.start) != pc || !loc.is_stmt))
        hdb_cli_out(c, "0x%016llx\t", (unsigned long long)pc);
    hdb_cli_print_line(c, loc.file, loc.line);
    c->list_file = loc.file;
    c->list_mod = s->active_mod;
    /* A following `list` shows the ten lines around this one, as gdb does. */
    uint32_t half = hdb_cli_list_size(c) / 2;
    c->list_next = loc.line > half ? loc.line - half : 1;
    c->list_first = c->list_next;
    c->list_at_frame = true;
    c->list_valid = true;
    hdb_session_activate_module(s, prev);
}

void hdb_cli_print_source_at(struct hdb_cli *c, uint64_t pc, bool caller, bool addr_mid)
{
    print_source(c, NULL, pc, caller, addr_mid);
}

void hdb_cli_print_frame(struct hdb_cli *c, int level, const struct hdb_frame *f, bool with_level)
{
    hdb_sb_reset(&c->out);
    if (with_level)
        hdb_sb_printf(&c->out, "#%-3d", level);
    hdb_cli_frame_desc(c, f, level > 0, false, &c->out);
    hdb_cli_out(c, "%s\n", c->out.s);
    if (!f->dummy)
        print_source(c, f, f->pc, level > 0, false);
}

/* ---- dispatch ---------------------------------------------------------- */

static int cmd_help(struct hdb_cli *c)
{
    hdb_cli_out(
        c, "hdb commands (gdb's names and abbreviations):\n"
           "  run/r [ARGS], start, starti, attach PID, detach, kill, quit/q\n"
           "  break/b, tbreak LOCATION (FUNC, FILE:LINE, LINE, *ADDR); delete/d [N]\n"
           "  continue/c, next/n, step/s, stepi/si, nexti/ni, finish, return [EXPR]\n"
           "  jump/j LINE|FUNC|*ADDR\n"
           "  backtrace/bt, frame/f N, up, down\n"
           "  info breakpoints|threads|frame|signals, thread N\n"
           "  info registers [REG|GROUP...], info all-registers|vector|float\n"
           "  catch syscall [NAME|NUMBER...], watch/rwatch/awatch EXPR\n"
           "  info functions|variables [-q] [-n] [REGEXP], info types [-q] [REGEXP]\n"
           "  info scope LOCATION, info line|address|symbol\n"
           "  info proc [mappings|cmdline|cwd|exe|stat|status|all], info auxv, info program\n"
           "  info files|target, info sources [-dirname|-basename] [REGEXP]\n"
           "  print/p[/FMT] EXPR (FMT: x z d u o t c a s), call FUNC(ARGS), x/NFU ADDR\n"
           "  list/l [LINE|FUNC|FILE:LINE]\n"
           "  printf \"FORMAT\", EXPR..., output[/FMT] EXPR\n"
           "  disassemble [/r] [/s] [ADDR | START,END | START,+LEN], x/Ni ADDR\n"
           "  layout src|asm|split|regs (the TUI's panes; starts the TUI)\n"
           "  tui panes [auto|NAME...], tui mem EXPR (the TUI's lower panes)\n"
           "  handle SIGNAL [no]stop [no]pass, file PROG, echo TEXT\n"
           "  commands [N|N-M...] ... end (silent first: a quiet stop), dprintf LOC,\"FMT\",ARGS\n"
           "  define NAME ... end ($argc, $arg0...), document NAME ... end, help user-defined\n"
           "  if EXPR ... else ... end, while EXPR ... loop_break, loop_continue ... end\n"
           "  source FILE, rbreak REGEX, save breakpoints FILE, info watchpoints\n"
           "  set args|listsize|confirm|pagination|print pretty|breakpoint pending|\n"
           "      can-use-hw-watchpoints VALUE, set var EXPR, show SETTING|version\n"
           "  set environment VAR [=] VALUE, unset environment [VAR], show environment [VAR]\n"
           "  shell/! CMD, pwd, cd [DIR]\n"
           "  target remote HOST:PORT|DEVICE, monitor CMD\n"
           "  info caps (a process: its descriptors and mappings)\n"
           "  info tasks|caps [TASK]|objects|memory|cpu|faults|os [TYPE] (remote kernels)\n");
    return 0;
}

/* layout src|asm|split|regs: the TUI's panes (regs: gdb's name for source with registers). */
static int cmd_layout(struct hdb_cli *c, const char *args)
{
    static const struct {
        const char *name;
        int layout;
    } names[] = {{"src", HDB_LAYOUT_SRC},
                 {"regs", HDB_LAYOUT_SRC},
                 {"asm", HDB_LAYOUT_ASM},
                 {"split", HDB_LAYOUT_SPLIT}};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        if (strcmp(args, names[i].name) == 0) {
            if (!c->in_tui && !c->can_tui) {
                hdb_cli_err(c, "Cannot enable the TUI when output is not a terminal\n");
                return HDB_E_NOTSUP;
            }
            c->layout = names[i].layout;
            return 0;
        }
    }
    hdb_cli_err(c, "Undefined tui layout command: \"%s\".  Try \"help tui layout\".\n", args);
    return HDB_E_ARG;
}

static int cmd_echo(struct hdb_cli *c, const char *args)
{
    hdb_sb_reset(&c->out);
    for (const char *p = args; *p; p++) {
        if (*p == '\\' && p[1]) {
            p++;
            hdb_sb_putc(&c->out, *p == 'n' ? '\n' : *p == 't' ? '\t' : *p);
        } else {
            hdb_sb_putc(&c->out, *p);
        }
    }
    hdb_cli_out(c, "%s", c->out.s);
    return 0;
}

static int execute(struct hdb_cli *c, const char *line)
{
    const char *args;
    char fmt[32];
    int id = hdb_cmd_parse(line, &args, fmt, sizeof(fmt));
    if (id == HDB_E_ARG) {
        hdb_cli_err(c, "Ambiguous command \"%s\".\n", line);
        return id;
    }
    if (id < 0) {
        char word[64];
        size_t n = 0;
        while (*line == ' ')
            line++;
        while (line[n] && line[n] != ' ' && n + 1 < sizeof(word)) {
            word[n] = line[n];
            n++;
        }
        word[n] = 0;
        hdb_cli_err(c, "Undefined command: \"%s\".  Try \"help\".\n", word);
        return id;
    }
    switch (id) {
    case HDB_CMD_RUN:
    case HDB_CMD_START:
    case HDB_CMD_CONTINUE:
    case HDB_CMD_NEXT:
    case HDB_CMD_STEP:
    case HDB_CMD_STEPI:
    case HDB_CMD_NEXTI:
    case HDB_CMD_FINISH:
    case HDB_CMD_UNTIL:
    case HDB_CMD_ADVANCE:
        /* gdb's breakpoint_proceeded: a command list ends where the program goes on. */
        c->proceeded = true;
        break;
    default:
        break;
    }
    switch (id) {
    case HDB_CMD_NONE:
        return 0;
    case HDB_CMD_RUN:
    case HDB_CMD_START:
    case HDB_CMD_ATTACH:
    case HDB_CMD_DETACH:
    case HDB_CMD_KILL:
    case HDB_CMD_CONTINUE:
    case HDB_CMD_NEXT:
    case HDB_CMD_STEP:
    case HDB_CMD_STEPI:
    case HDB_CMD_NEXTI:
    case HDB_CMD_FINISH:
    case HDB_CMD_HANDLE:
        return hdb_cli_cmd_run(c, id, args);
    case HDB_CMD_BREAK:
    case HDB_CMD_TBREAK:
    case HDB_CMD_HBREAK:
    case HDB_CMD_THBREAK:
    case HDB_CMD_RWATCH:
    case HDB_CMD_DELETE:
    case HDB_CMD_CONDITION:
    case HDB_CMD_IGNORE:
    case HDB_CMD_ENABLE:
    case HDB_CMD_DISABLE:
    case HDB_CMD_WATCH:
    case HDB_CMD_AWATCH:
        return hdb_cli_cmd_break(c, id, args);
    case HDB_CMD_WHATIS:
    case HDB_CMD_PTYPE:
        return hdb_cli_cmd_types(c, id, fmt, args);
    case HDB_CMD_SET:
        return hdb_cli_cmd_set(c, args);
    case HDB_CMD_DISPLAY:
    case HDB_CMD_UNDISPLAY:
        return hdb_cli_cmd_display(c, id, fmt, args);
    case HDB_CMD_UNTIL:
    case HDB_CMD_ADVANCE:
        return hdb_cli_cmd_run(c, id, args);
    case HDB_CMD_BACKTRACE:
    case HDB_CMD_FRAME:
    case HDB_CMD_UP:
    case HDB_CMD_DOWN:
    case HDB_CMD_THREAD:
        return hdb_cli_cmd_stack(c, id, args);
    case HDB_CMD_INFO:
        return hdb_cli_cmd_info(c, args);
    case HDB_CMD_X:
    case HDB_CMD_PRINT:
    case HDB_CMD_CALL:
        return hdb_cli_cmd_data(c, id, fmt, args);
    case HDB_CMD_LIST:
        return hdb_cli_cmd_list(c, args);
    case HDB_CMD_FILE:
        return hdb_cli_load(c, args);
    case HDB_CMD_ADD_SYMBOL_FILE:
        return hdb_cli_add_symbol_file(c, args);
    case HDB_CMD_HELP:
        return hdb_cli_help_user(c, args) ? 0 : cmd_help(c);
    case HDB_CMD_ECHO:
        return cmd_echo(c, args);
    case HDB_CMD_PRINTF:
    case HDB_CMD_OUTPUT:
        return hdb_cli_cmd_printf(c, id, fmt, args);
    case HDB_CMD_RETURN:
        return hdb_cli_cmd_return(c, args);
    case HDB_CMD_CATCH:
        return hdb_cli_cmd_catch(c, args);
    case HDB_CMD_QUIT:
        c->quit = true;
        return 0;
    case HDB_CMD_TARGET:
    case HDB_CMD_MONITOR:
        return hdb_cli_cmd_remote(c, id, args);
    case HDB_CMD_DISASSEMBLE:
        return hdb_cli_cmd_disassemble(c, fmt, args);
    case HDB_CMD_LAYOUT:
        return cmd_layout(c, args);
    case HDB_CMD_DEFINE:
    case HDB_CMD_DOCUMENT:
    case HDB_CMD_IF:
    case HDB_CMD_WHILE:
    case HDB_CMD_END:
    case HDB_CMD_SOURCE:
        return hdb_cli_cmd_script(c, id, args);
    case HDB_CMD_COMMANDS:
    case HDB_CMD_DPRINTF:
    case HDB_CMD_RBREAK:
    case HDB_CMD_SAVE:
        return hdb_cli_cmd_bpcmds(c, id, args);
    case HDB_CMD_SHOW:
        return hdb_cli_cmd_show(c, args);
    case HDB_CMD_UNSET:
        return hdb_cli_cmd_unset(c, args);
    case HDB_CMD_STARTI:
        return hdb_cli_cmd_run(c, id, args);
    case HDB_CMD_JUMP:
        return hdb_cli_cmd_jump(c, args);
    case HDB_CMD_SHELL:
    case HDB_CMD_PWD:
    case HDB_CMD_CD:
        return hdb_cli_cmd_host(c, id, args);
    }
    return 0;
}

void hdb_cli_flush_warning(struct hdb_cli *c)
{
    if (c->s->warning[0])
        hdb_cli_err(c, "warning: %s\n", c->s->warning);
    c->s->warning[0] = 0;
}

int hdb_cli_dispatch(struct hdb_cli *c, const char *line)
{
    c->s->warning[0] = 0;
    int rc = execute(c, line);
    hdb_cli_flush_warning(c);
    /* A kept value ($N, $foo) may have brought back the file its type is in. */
    hdb_session_return_file(c->s);
    return rc;
}
