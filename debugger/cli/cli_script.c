/*
 * cli_script.c: gdb's command scripting (GDB manual "Extending GDB",
 * "Command Files"): the input that multi-line commands read from,
 * user-defined commands with $argc/$arg0..., if/else, while with
 * loop_break/loop_continue, source, and the top level that runs the
 * breakpoints' command lists after each command (cli_bpcmds.c).
 *
 * As in gdb, a block is read whole, up to its "end", from wherever the
 * command that opens it was read: the prompt, a sourced file, or the
 * stored lines being run. Stored lines are trimmed; nested blocks are
 * indented again only when they are listed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hdb/cli.h>
#include <hdb/error.h>
#include <hdb/value.h>

/* The length of s up to the first of stops (strcspn, which the core may not call). */
static size_t span_to(const char *s, const char *stops)
{
    size_t n = 0;
    while (s[n] && !strchr(stops, s[n]))
        n++;
    return n;
}

/* gdb's max-user-call-depth. */
#define MAX_USER_DEPTH 1024

/* The arguments of a running user-defined command. */
struct hdb_user_args {
    const char *text; /* the argument line */
    size_t start[32], len[32];
    int n;
    struct hdb_user_args *up;
};

/* The words that open a block ended by "end". */
static bool opens_block(const char *line)
{
    static const char *const words[] = {"if",       "while",          "commands", "define",
                                        "document", "while-stepping", "python"};
    size_t n = span_to(line, " \t");
    for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
        if (strlen(words[i]) == n && strncmp(words[i], line, n) == 0)
            return true;
    return false;
}

static bool is_word(const char *line, const char *word)
{
    return strcmp(line, word) == 0;
}

/* The next line of the current input, trimmed of blanks at both ends; -1 at its end. */
static int next_line(struct hdb_cli *c, int depth, char *buf, size_t len)
{
    struct hdb_cli_input *in = c->in;
    const char *p;
    size_t n;
    if (in) {
        if (in->pos >= in->end)
            return -1;
        const char *nl = memchr(in->pos, '\n', (size_t)(in->end - in->pos));
        p = in->pos;
        n = (size_t)((nl ? nl : in->end) - p);
        in->pos = nl ? nl + 1 : in->end;
        in->line++;
    } else {
        /* gdb's prompt, depth blanks and ">", is written before a line read from stdin. */
        char prompt[64];
        int d = depth < 60 ? depth : 60;
        memset(prompt, ' ', (size_t)d);
        prompt[d] = '>';
        prompt[d + 1] = 0;
        if (!c->from_tty)
            hdb_cli_out(c, "%s", prompt);
        if (c->plat->read_line(c->plat->ctx, c->from_tty ? prompt : NULL, buf, len) < 0)
            return -1;
        p = buf;
        n = strlen(buf);
    }
    while (n && (*p == ' ' || *p == '\t'))
        p++, n--;
    while (n && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r'))
        n--;
    if (n >= len)
        n = len - 1;
    memmove(buf, p, n);
    buf[n] = 0;
    return 0;
}

int hdb_cli_read_block(struct hdb_cli *c, int depth, struct hdb_strbuf *body,
                       struct hdb_strbuf *other)
{
    char line[4096];
    int nest = 0;
    struct hdb_strbuf *to = body;
    hdb_sb_reset(body);
    if (other)
        hdb_sb_reset(other);
    while (next_line(c, depth + nest, line, sizeof(line)) == 0) {
        if (!line[0] || line[0] == '#')
            continue;
        if (is_word(line, "end") && nest-- == 0)
            return 0;
        if (nest == 0 && other && is_word(line, "else")) {
            to = other;
            continue;
        }
        if (opens_block(line))
            nest++;
        hdb_sb_printf(to, "%s%s", to->len ? "\n" : "", line);
    }
    return 0; /* the end of the input ends every block, as in gdb */
}

void hdb_cli_print_lines(struct hdb_cli *c, struct hdb_strbuf *b, const char *text, int indent)
{
    (void)c;
    int level = 0;
    for (const char *p = text; *p;) {
        size_t n = span_to(p, "\n");
        bool end = n == 3 && strncmp(p, "end", 3) == 0;
        bool els = n == 4 && strncmp(p, "else", 4) == 0;
        if (end && level > 0)
            level--;
        int at = indent + 2 * (els && level > 0 ? level - 1 : level);
        hdb_sb_printf(b, "%*s%.*s\n", at, "", (int)n, p);
        char word[4096];
        snprintf(word, sizeof(word), "%.*s", (int)n, p);
        if (opens_block(word))
            level++;
        p += n;
        if (*p)
            p++;
    }
}

/* ---- user-defined commands --------------------------------------------- */

static struct hdb_usercmd *user_find(struct hdb_cli *c, const char *name, size_t n, bool prefix)
{
    struct hdb_usercmd *found = NULL;
    for (size_t i = 0; i < c->nuser; i++) {
        if (strlen(c->user[i].name) == n && strncmp(c->user[i].name, name, n) == 0)
            return &c->user[i];
        if (prefix && strncmp(c->user[i].name, name, n) == 0)
            found = found ? (struct hdb_usercmd *)-1 : &c->user[i];
    }
    return found == (struct hdb_usercmd *)-1 ? NULL : found;
}

/* gdb's splitting of a user command's arguments: blanks, except in quotes or parentheses. */
static void split_args(struct hdb_user_args *a, const char *text)
{
    const char *p = text;
    a->text = text;
    a->n = 0;
    while (*p && a->n < 32) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p)
            break;
        const char *start = p;
        int paren = 0;
        char quote = 0;
        for (; *p; p++) {
            if (quote) {
                if (*p == '\\' && p[1])
                    p++;
                else if (*p == quote)
                    quote = 0;
            } else if (*p == '"' || *p == '\'') {
                quote = *p;
            } else if (*p == '(') {
                paren++;
            } else if (*p == ')' && paren) {
                paren--;
            } else if ((*p == ' ' || *p == '\t') && !paren) {
                break;
            }
        }
        a->start[a->n] = (size_t)(start - text);
        a->len[a->n++] = (size_t)(p - start);
    }
}

static bool ident_char(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           ch == '_';
}

/*
 * $argc and $argN of the innermost user command put in line (gdb's
 * insert_user_defined_cmd_args), and $bpnum, which hdb keeps as text.
 */
static int substitute_args(struct hdb_cli *c, const char *line, char *out, size_t len)
{
    const struct hdb_user_args *a = c->args;
    size_t o = 0;
    for (const char *p = line; *p;) {
        const char *rest = NULL;
        char val[4096];
        if (strncmp(p, "$bpnum", 6) == 0 && !ident_char(p[6]) && c->s->bps.next_number > 1) {
            /* gdb's $bpnum: the number of the last breakpoint set (save breakpoints uses it). */
            snprintf(val, sizeof(val), "%d", c->s->bps.next_number - 1);
            rest = p + 6;
        } else if (a && strncmp(p, "$argc", 5) == 0 && !ident_char(p[5])) {
            snprintf(val, sizeof(val), "%d", a->n);
            rest = p + 5;
        } else if (a && strncmp(p, "$arg", 4) == 0 && p[4] >= '0' && p[4] <= '9') {
            char *end;
            long k = strtol(p + 4, &end, 10);
            if (!ident_char(*end)) {
                if (k >= a->n) {
                    hdb_cli_err(c, "Missing argument %ld in user function.\n", k);
                    return HDB_E_ARG;
                }
                snprintf(val, sizeof(val), "%.*s", (int)a->len[k], a->text + a->start[k]);
                rest = end;
            }
        }
        if (rest) {
            size_t n = strlen(val);
            if (o + n < len)
                memcpy(out + o, val, n), o += n;
            p = rest;
        } else {
            if (o + 1 < len)
                out[o++] = *p;
            p++;
        }
    }
    out[o] = 0;
    return 0;
}

static int run_user(struct hdb_cli *c, struct hdb_usercmd *u, const char *args)
{
    if (c->user_depth >= MAX_USER_DEPTH) {
        hdb_cli_err(c, "Max user call depth exceeded -- command aborted.\n");
        return HDB_E_ARG;
    }
    struct hdb_user_args a;
    split_args(&a, args);
    a.up = c->args;
    c->args = &a;
    c->user_depth++;
    /* The body is run from a copy: it may redefine the command that runs it. */
    char *body = hdb_strdup(c->plat, u->body);
    int rc = body ? hdb_cli_run_lines(c, body, false) : HDB_E_NOMEM;
    hdb_strfree(c->plat, body);
    c->user_depth--;
    c->args = a.up;
    return rc;
}

/* gdb's query in its words; batch mode and input not from a terminal answer yes. */
static bool query_yes(struct hdb_cli *c, const char *question)
{
    if (!c->from_tty) {
        hdb_cli_out(c, "%s(y or n) [answered Y; input not from terminal]\n", question);
        return true;
    }
    char q[512], answer[16];
    snprintf(q, sizeof(q), "%s(y or n) ", question);
    if (c->plat->read_line(c->plat->ctx, q, answer, sizeof(answer)) < 0)
        return true;
    return answer[0] == 'y' || answer[0] == 'Y';
}

static int define_cmd(struct hdb_cli *c, const char *name)
{
    if (!*name) {
        hdb_cli_err(c, "Argument required (name of command to define).\n");
        return HDB_E_ARG;
    }
    const char *args;
    char q[512], fmt[8];
    struct hdb_usercmd *u = user_find(c, name, strlen(name), false);
    if (u) {
        snprintf(q, sizeof(q), "Redefine command \"%s\"? ", name);
        if (!query_yes(c, q))
            return 0;
    } else if (hdb_cmd_parse(name, &args, fmt, sizeof(fmt)) > 0 && !*args &&
               span_to(name, " /") == strlen(name)) {
        snprintf(q, sizeof(q), "Really redefine built-in command \"%s\"? ", name);
        if (!query_yes(c, q))
            return 0;
    }
    if (c->from_tty)
        hdb_cli_out(c,
                    "Type commands for definition of \"%s\".\n"
                    "End with a line saying just \"end\".\n",
                    name);
    struct hdb_strbuf *body = hdb_alloc(c->plat, sizeof(*body));
    if (!body)
        return HDB_E_NOMEM;
    hdb_cli_read_block(c, 0, body, NULL);
    char *text = hdb_strdup(c->plat, body->s);
    hdb_free(c->plat, body, sizeof(*body));
    if (!text)
        return HDB_E_NOMEM;
    u = user_find(c, name, strlen(name), false);
    if (u) {
        hdb_strfree(c->plat, u->body);
        u->body = text;
        return 0;
    }
    if (c->nuser == c->cap_user) {
        size_t nc = c->cap_user ? c->cap_user * 2 : 8;
        void *nv =
            hdb_realloc(c->plat, c->user, c->cap_user * sizeof(*c->user), nc * sizeof(*c->user));
        if (!nv) {
            hdb_strfree(c->plat, text);
            return HDB_E_NOMEM;
        }
        c->user = nv;
        c->cap_user = nc;
    }
    u = &c->user[c->nuser];
    *u = (struct hdb_usercmd){hdb_strdup(c->plat, name), text, NULL};
    if (!u->name) {
        hdb_strfree(c->plat, text);
        return HDB_E_NOMEM;
    }
    c->nuser++;
    return 0;
}

static int document_cmd(struct hdb_cli *c, const char *name)
{
    if (!*name) {
        hdb_cli_err(c, "Argument required (name of command to define).\n");
        return HDB_E_ARG;
    }
    struct hdb_usercmd *u = user_find(c, name, strlen(name), false);
    const char *args;
    char fmt[8];
    if (!u && hdb_cmd_parse(name, &args, fmt, sizeof(fmt)) > 0) {
        hdb_cli_err(c, "Command \"%s\" is built-in.\n", name);
        return HDB_E_ARG;
    }
    if (!u) {
        hdb_cli_err(c, "Undefined command: \"%s\".\n", name);
        return HDB_E_NOT_FOUND;
    }
    if (c->from_tty)
        hdb_cli_out(c, "Type documentation for \"%s\".\nEnd with a line saying just \"end\".\n",
                    name);
    /* Documentation is text: its lines are not commands, and the first "end" ends it. */
    struct hdb_strbuf *doc = hdb_alloc(c->plat, sizeof(*doc));
    if (!doc)
        return HDB_E_NOMEM;
    hdb_sb_reset(doc);
    char line[4096];
    while (next_line(c, 0, line, sizeof(line)) == 0 && !is_word(line, "end"))
        hdb_sb_printf(doc, "%s%s", doc->len ? "\n" : "", line);
    char *text = hdb_strdup(c->plat, doc->s);
    hdb_free(c->plat, doc, sizeof(*doc));
    if (!text)
        return HDB_E_NOMEM;
    u = user_find(c, name, strlen(name), false); /* the table may have moved */
    hdb_strfree(c->plat, u->doc);
    u->doc = text;
    return 0;
}

static int user_cmp(const void *a, const void *b)
{
    return strcmp(((const struct hdb_usercmd *)a)->name, ((const struct hdb_usercmd *)b)->name);
}

int hdb_cli_help_user(struct hdb_cli *c, const char *args)
{
    if (!*args)
        return 0;
    if (strcmp(args, "user-defined") == 0) {
        qsort(c->user, c->nuser, sizeof(*c->user), user_cmp);
        hdb_cli_out(c, "User-defined commands.\n"
                       "The commands in this class are those defined by the user.\n"
                       "Use the \"define\" command to define a command.\n\n"
                       "List of commands:\n\n");
        for (size_t i = 0; i < c->nuser; i++) {
            const char *doc = c->user[i].doc ? c->user[i].doc : "User-defined.";
            hdb_cli_out(c, "%s -- %.*s\n", c->user[i].name, (int)span_to(doc, "\n"), doc);
        }
        hdb_cli_out(c, "\nType \"help\" followed by command name for full documentation.\n"
                       "Type \"apropos word\" to search for commands related to \"word\".\n"
                       "Type \"apropos -v word\" for full documentation of commands related to "
                       "\"word\".\n"
                       "Command name abbreviations are allowed if unambiguous.\n");
        return 1;
    }
    struct hdb_usercmd *u = user_find(c, args, strlen(args), true);
    if (!u)
        return 0;
    hdb_cli_out(c, "%s\n", u->doc ? u->doc : "User-defined.");
    return 1;
}

/* ---- if, while --------------------------------------------------------- */

static int condition(struct hdb_cli *c, const char *expr, bool *truth)
{
    struct hdb_value v;
    const char *stop = NULL;
    int rc = hdb_eval_at(c->s, expr, &v, &stop);
    if (rc < 0) {
        hdb_cli_eval_error(c, rc, expr, stop);
        return rc;
    }
    rc = hdb_value_truth(c->s, &v, truth);
    if (rc < 0)
        hdb_cli_eval_error(c, rc, expr, NULL);
    return rc;
}

static int if_while(struct hdb_cli *c, bool loop, const char *expr)
{
    if (!*expr) {
        hdb_cli_err(c, "%s command requires an argument.\n", loop ? "while" : "if");
        return HDB_E_ARG;
    }
    struct hdb_strbuf *body = hdb_alloc(c->plat, 2 * sizeof(*body));
    if (!body)
        return HDB_E_NOMEM;
    char *cond = hdb_strdup(c->plat, expr); /* expr may be the line buffer the block reuses */
    int rc = cond ? 0 : HDB_E_NOMEM;
    if (rc == 0)
        hdb_cli_read_block(c, 1, &body[0], loop ? NULL : &body[1]);
    bool truth = true;
    while (rc == 0 && !c->quit && (rc = condition(c, cond, &truth)) == 0) {
        if (!loop) {
            rc = hdb_cli_run_lines(c, truth ? body[0].s : body[1].s, false);
            break;
        }
        if (!truth)
            break;
        c->loop_depth++;
        rc = hdb_cli_run_lines(c, body[0].s, false);
        c->loop_depth--;
        int ctl = c->loop_ctl;
        c->loop_ctl = 0;
        if (ctl == 1)
            break;
    }
    hdb_strfree(c->plat, cond);
    hdb_free(c->plat, body, 2 * sizeof(*body));
    return rc;
}

/* ---- lines ------------------------------------------------------------- */

/* One line: a user-defined command, loop_break/loop_continue in a loop, or a built-in one. */
static int run_line(struct hdb_cli *c, const char *raw)
{
    char line[4096];
    int rc = substitute_args(c, raw, line, sizeof(line));
    if (rc < 0)
        return rc;
    const char *p = line;
    while (*p == ' ' || *p == '\t')
        p++;
    size_t n = span_to(p, " \t");
    if (c->loop_depth && (n == 10 && !strncmp(p, "loop_break", 10))) {
        c->loop_ctl = 1;
        return 0;
    }
    if (c->loop_depth && (n == 13 && !strncmp(p, "loop_continue", 13))) {
        c->loop_ctl = 2;
        return 0;
    }
    const char *args;
    char fmt[32];
    struct hdb_usercmd *u = n ? user_find(c, p, n, false) : NULL;
    int id = hdb_cmd_parse(p, &args, fmt, sizeof(fmt));
    if (!u && id == HDB_E_NOT_FOUND && n)
        u = user_find(c, p, n, true);
    if (u) {
        args = p + n;
        while (*args == ' ' || *args == '\t')
            args++;
        return run_user(c, u, args);
    }
    return hdb_cli_dispatch(c, line);
}

int hdb_cli_run_lines(struct hdb_cli *c, const char *text, bool actions)
{
    struct hdb_cli_input in = {text, text + strlen(text), NULL, 0, c->in};
    char line[4096];
    int rc = 0;
    c->in = &in;
    while (!c->quit && next_line(c, 0, line, sizeof(line)) == 0) {
        if (!line[0] || line[0] == '#')
            continue;
        rc = run_line(c, line);
        if (rc < 0 || c->loop_ctl || (actions && c->proceeded))
            break;
    }
    c->in = in.up;
    return rc;
}

/* A line at the top level (the prompt, -ex, a sourced file), then the command lists it led to. */
static int run_toplevel(struct hdb_cli *c, const char *line)
{
    c->proceeded = false;
    int rc = run_line(c, line);
    int arc = hdb_cli_run_actions(c);
    return rc < 0 ? rc : arc;
}

int hdb_cli_execute(struct hdb_cli *c, const char *line)
{
    /* A multi-line command typed here reads its other lines from read_line. */
    struct hdb_cli_input *saved = c->in;
    c->in = NULL;
    int rc = run_toplevel(c, line);
    c->in = saved;
    return rc;
}

/* Writes what the lines of a sourced file held back (cli.c's vwrite keeps them while capture). */
static void release_errors(struct hdb_cli *c)
{
    if (c->capture == 0 && c->errcap.len) {
        c->plat->err(c->plat->ctx, c->errcap.s, c->errcap.len);
        hdb_sb_reset(&c->errcap);
    }
}

int hdb_cli_source_file(struct hdb_cli *c, const char *path, bool from_tty)
{
    char *text;
    size_t len;
    if (c->plat->read_file(c->plat->ctx, path, &text, &len) < 0) {
        if (from_tty) {
            hdb_cli_err(c, "%s: No such file or directory.\n", path);
            return HDB_E_NOT_FOUND;
        }
        hdb_cli_err(c, "warning: %s: No such file or directory\n", path);
        return 0;
    }
    char *name = hdb_strdup(c->plat, path);
    struct hdb_cli_input in = {text, text + len, name ? name : "", 0, c->in};
    char line[4096];
    int rc = 0;
    bool tty = c->from_tty;
    c->from_tty = false;
    c->in = &in;
    while (!c->quit && next_line(c, 0, line, sizeof(line)) == 0) {
        c->capture++;
        rc = run_toplevel(c, line);
        c->capture--;
        if (rc < 0) {
            /*
             * gdb's account of the failed line goes before its error, outermost
             * file first; the line is the last one read (a block's "end").
             */
            char head[1200];
            int n = snprintf(head, sizeof(head), "%s:%u: Error in sourced command file:\n", in.file,
                             in.line);
            size_t hl = n < 0 ? 0 : (size_t)n >= sizeof(head) ? sizeof(head) - 1 : (size_t)n;
            struct hdb_strbuf *b = &c->errcap;
            if (b->len + hl < sizeof(b->s)) {
                memmove(b->s + hl, b->s, b->len + 1);
                memcpy(b->s, head, hl);
                b->len += hl;
            }
            release_errors(c);
            break;
        }
        release_errors(c);
    }
    c->in = in.up;
    c->from_tty = tty;
    hdb_strfree(c->plat, name);
    c->plat->release_file(c->plat->ctx, text, len);
    return rc;
}

static int source_cmd(struct hdb_cli *c, const char *args)
{
    /* gdb's options: -s (search the path) and -v (echo each command) change nothing here. */
    while (args[0] == '-' && (args[1] == 's' || args[1] == 'v') && (args[2] == ' ' || !args[2])) {
        args += 2;
        while (*args == ' ')
            args++;
    }
    if (!*args) {
        hdb_cli_err(c, "source command requires file name of file to source.\n");
        return HDB_E_ARG;
    }
    return hdb_cli_source_file(c, args, c->from_tty && !c->in);
}

int hdb_cli_cmd_script(struct hdb_cli *c, int id, const char *args)
{
    switch (id) {
    case HDB_CMD_DEFINE:
        return define_cmd(c, args);
    case HDB_CMD_DOCUMENT:
        return document_cmd(c, args);
    case HDB_CMD_IF:
    case HDB_CMD_WHILE:
        return if_while(c, id == HDB_CMD_WHILE, args);
    case HDB_CMD_SOURCE:
        return source_cmd(c, args);
    default:
        hdb_cli_err(c, "This command cannot be used at the top level.\n");
        return HDB_E_ARG;
    }
}
