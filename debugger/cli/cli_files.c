/*
 * cli_files.c: what files the debugger has: info files (gdb's alias info
 * target), the program's allocated sections and, with a process, its
 * libraries'; info sources, the source files the DWARF line tables name,
 * in gdb 13's layout (a heading for each object file, its files on one
 * line).
 */
#include <stdio.h>
#include <string.h>

#include <hdb/cli.h>
#include <hdb/error.h>
#include <hdb/regex.h>

static void list_sections(struct hdb_cli *c, const struct hdb_image *img, uint64_t bias,
                          const char *in)
{
    for (size_t i = 0; i < img->nall_sections; i++) {
        const struct hdb_image_section *sec = &img->all_sections[i];
        hdb_cli_out(c, "\t0x%016llx - 0x%016llx is %s%s%s\n",
                    (unsigned long long)(sec->addr + bias),
                    (unsigned long long)(sec->addr + sec->size + bias),
                    sec->name ? sec->name : "??", in ? " in " : "", in ? in : "");
    }
}

static int info_files(struct hdb_cli *c)
{
    struct hdb_session *s = c->s;
    if (!s->img)
        return 0;
    hdb_cli_out(c, "Symbols from \"%s\".\n", c->prog);
    if (s->pid && !c->remote)
        hdb_cli_out(c,
                    "Native process:\n\tUsing the running image of %s process %lld.\n"
                    "\tWhile running this, GDB does not access memory from...\n",
                    s->attached ? "attached" : "child", (long long)s->pid);
    uint64_t bias = s->pid ? hdb_session_prog_bias(s) : 0;
    /* hdb reads x86-64 ELF files only: the BFD name gdb gives them. */
    hdb_cli_out(c, "Local exec file:\n\t`%s', file type elf64-x86-64.\n", c->prog);
    hdb_cli_out(c, "\tEntry point: 0x%llx\n", (unsigned long long)(c->img->entry + bias));
    list_sections(c, c->img, bias, NULL);
    for (int i = 0; s->pid && i < s->nmods; i++)
        list_sections(c, s->mods[i].img, s->mods[i].bias, s->mods[i].path);
    return 0;
}

/* ---- info sources ------------------------------------------------------- */

struct source_list {
    struct hdb_cli *c;
    const struct hdb_regex *re;
    int match;            /* 0: whole path, 1: its directory, 2: its base name */
    char seen[128][1024]; /* the files listed so far, once each */
    int nseen;
    bool any;
};

/* What the regular expression is matched against: the path, its directory or its base name. */
static bool wanted(const struct source_list *l, const char *path)
{
    if (!l->re)
        return true;
    const char *slash = strrchr(path, '/');
    if (l->match == 2)
        return hdb_regex_search(l->re, slash ? slash + 1 : path);
    if (l->match == 1) {
        char dir[1024];
        snprintf(dir, sizeof(dir), "%.*s", slash ? (int)(slash - path) : 0, path);
        return hdb_regex_search(l->re, dir);
    }
    return hdb_regex_search(l->re, path);
}

static void add_source(struct source_list *l, const char *path)
{
    for (int i = 0; i < l->nseen; i++)
        if (!strcmp(l->seen[i], path))
            return;
    size_t n = strlen(path);
    if (l->nseen < 128 && n < sizeof(l->seen[0]))
        memcpy(l->seen[l->nseen++], path, n + 1);
    if (!wanted(l, path))
        return;
    hdb_cli_out(l->c, "%s%s", l->any ? ", " : "", path);
    l->any = true;
}

/* Every file each unit's line program names, the unit's own first, once each. */
static void list_sources(struct source_list *l, const struct dwarf *dw, const char *objfile)
{
    struct hdb_cli *c = l->c;
    hdb_cli_out(c, "%s:\n\n", objfile);
    l->nseen = 0;
    l->any = false;
    struct dwarf_unit u;
    for (uint64_t off = 0; dw && dwarf_unit_at(dw, DWARF_SEC_INFO, off, &u) > 0; off = u.end) {
        char name[1024], path[2048];
        /* DWARF 5 numbers files from 0 (the unit's own); earlier versions from 1. */
        for (uint64_t fi = 0; fi < 65536; fi++) {
            if (hdb_lines_unit_file_names(&u, fi, name, path) < 0) {
                if (fi == 0)
                    continue;
                break;
            }
            add_source(l, path[0] ? path : name);
        }
    }
    if (l->any)
        hdb_cli_out(c, "\n\n");
}

static int info_sources(struct hdb_cli *c, const char *args)
{
    struct hdb_session *s = c->s;
    static struct source_list list;
    static struct hdb_regex re;
    memset(&list, 0, sizeof(list));
    list.c = c;
    while (*args == '-') {
        size_t n = strcspn(args, " ");
        if (n == 2 && args[1] == '-') {
            args += n;
            while (*args == ' ')
                args++;
            break;
        }
        if (n > 1 && !strncmp(args, "-dirname", n))
            list.match = 1;
        else if (n > 1 && !strncmp(args, "-basename", n))
            list.match = 2;
        else {
            hdb_cli_err(c, "Unrecognized option at: %s\n", args);
            return HDB_E_ARG;
        }
        args += n;
        while (*args == ' ')
            args++;
    }
    if (!s->img) {
        hdb_cli_err(c, "No symbol table is loaded.  Use the \"file\" command.\n");
        return HDB_E_NOT_FOUND;
    }
    if (*args) {
        int rc = hdb_regex_compile(&re, args);
        if (rc < 0) {
            hdb_cli_err(c, "Invalid regexp: %s\n", hdb_regex_strerror(rc));
            return HDB_E_ARG;
        }
        list.re = &re;
    }
    struct hdb_symview prog;
    hdb_session_program_view(s, &prog);
    list_sources(&list, prog.dw, c->prog);
    for (int i = 0; s->pid && i < s->nmods; i++) {
        /* A library's DWARF is read for this, as gdb reads it to answer. */
        hdb_session_module_symbols(s, i);
        const struct hdb_module *m = &s->mods[i];
        list_sources(&list, m->have_sym ? &m->sym.dw : NULL, m->path);
    }
    return 0;
}

int hdb_cli_info_files(struct hdb_cli *c, int id, const char *args)
{
    if (id == HDB_INFO_SOURCES)
        return info_sources(c, args);
    return info_files(c);
}
