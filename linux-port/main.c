/*
 * main.c: hdb's entry point on Linux: puts the platform layer, the
 * ptrace target and the libelf loader together and hands the command
 * line to the CLI.
 *
 *   hdb [-q] [-nx] [-batch] [--tui] [-ex CMD]... [-x FILE]... [--args] [PROG [ARGS...]]
 *   hdb --kernel KERNEL.elf --serial tcp:HOST:PORT|DEVICE [-batch] [--tui] [-ex CMD]...
 *
 * --kernel/--serial load the kernel's symbols and attach to its GDB stub
 * (`target remote`) before the -ex commands run.
 *
 * In batch mode the commands run and hdb exits, killing a program still
 * running; the exit status is 1 when the program file could not be
 * loaded or the last command failed, as with gdb -batch.
 */
#define _GNU_SOURCE
#include <glob.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hdb/cli.h>
#include <hdb/error.h>
#include <hdb/tui.h>
#include <hdb-linux/disasm.h>
#include <hdb-linux/elf_loader.h>
#include <hdb-linux/platform.h>
#include <hdb-linux/ptrace.h>

static int new_image(const char *path, const struct hdb_image **out, bool deferred, char *why,
                     size_t why_len)
{
    struct hdb_image *img = calloc(1, sizeof(*img));
    if (!img) {
        snprintf(why, why_len, "out of memory");
        return HDB_E_NOMEM;
    }
    int rc = deferred ? hdb_elf_load_deferred(path, img, why, why_len)
                      : hdb_elf_load(path, img, why, why_len);
    if (rc < 0) {
        free(img);
        return rc;
    }
    *out = img;
    return 0;
}

static int load_image(void *ctx, const char *path, const struct hdb_image **out, char *why,
                      size_t why_len)
{
    (void)ctx;
    return new_image(path, out, false, why, why_len);
}

static int load_deferred(void *ctx, const char *path, const struct hdb_image **out, char *why,
                         size_t why_len)
{
    (void)ctx;
    return new_image(path, out, true, why, why_len);
}

static int read_dwarf(void *ctx, const struct hdb_image *img,
                      struct dwarf_section out[DWARF_SEC_COUNT])
{
    (void)ctx;
    return hdb_elf_read_dwarf(img, out);
}

static void unload_image(void *ctx, const struct hdb_image *img)
{
    (void)ctx;
    struct hdb_image *m = (struct hdb_image *)img;
    hdb_elf_unload(m);
    free(m);
}

static int abspath(void *ctx, const char *path, char *out, size_t len)
{
    (void)ctx;
    char buf[PATH_MAX];
    if (!realpath(path, buf))
        return HDB_E_NOT_FOUND;
    snprintf(out, len, "%s", buf);
    return 0;
}

/* Everything main set up, taken down in reverse; returns the exit status. */
static int finish(struct hdb_cli *cli, struct hdb_target *target, int status)
{
    hdb_cli_fini(cli);
    hdb_capstone_close(&cli->disasm);
    hdb_ptrace_target_free(target);
    return status;
}

static void usage(void)
{
    fprintf(stderr,
            "usage: hdb [-batch] [--tui] [-ex CMD]... [-x FILE]... [--args] [PROG [ARGS...]]\n"
            "       hdb --kernel KERNEL.elf --serial tcp:HOST:PORT|DEVICE [-batch] [--tui] "
            "[-ex CMD]...\n");
}

/*
 * The user programs of a kernel from the build tree: every ELF file in
 * ../userland/ next to the kernel's directory (build/kernel/kernel.elf,
 * build/userland/root.elf, ...). Each is matched to the tasks that run it
 * by its build-id once hdb is attached.
 */
static void add_user_programs(struct hdb_cli *cli, const char *kernel)
{
    char pattern[PATH_MAX + 16], dir[PATH_MAX];
    /* The kernel's directory's parent, spelt without "..": build/kernel -> build. */
    snprintf(dir, sizeof(dir), "%s", kernel);
    char *slash = strrchr(dir, '/');
    if (!slash)
        snprintf(dir, sizeof(dir), "..");
    else if ((*slash = 0, slash = strrchr(dir, '/')) != NULL)
        *slash = 0;
    else
        snprintf(dir, sizeof(dir), ".");
    snprintf(pattern, sizeof(pattern), "%s/userland/*.elf", dir);
    glob_t g;
    if (glob(pattern, 0, NULL, &g) != 0)
        return;
    for (size_t k = 0; k < g.gl_pathc; k++)
        hdb_cli_add_symbol_file(cli, g.gl_pathv[k]);
    globfree(&g);
}

static size_t complete_at_prompt(void *ctx, const char *line, size_t pos,
                                 void (*add)(void *actx, const char *cand), void *actx)
{
    return hdb_cli_complete(ctx, line, pos, add, actx);
}

/* The -ex and -x commands among the options argv[1..nopts), in their order; the last one's result.
 */
static int run_option_commands(struct hdb_cli *cli, int nopts, char **argv)
{
    int rc = 0;
    for (int k = 1; k + 1 < nopts && !cli->quit; k++) {
        const char *a = argv[k][1] == '-' ? argv[k] + 1 : argv[k];
        if (!strcmp(a, "-ex"))
            rc = hdb_cli_execute(cli, argv[++k]);
        else if (!strcmp(a, "-x"))
            rc = hdb_cli_source_file(cli, argv[++k], !cli->batch);
        else if (!strcmp(a, "-kernel") || !strcmp(a, "-serial"))
            k++; /* their values are not options */
    }
    return rc;
}

int main(int argc, char **argv)
{
    struct hdb_platform plat;
    struct hdb_target target;
    struct hdb_session session;
    struct hdb_cli cli;
    bool batch = false, tui = false;
    const char *kernel = NULL, *serial = NULL;
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        const char *a = argv[i];
        if (a[1] == '-')
            a++; /* --batch and -batch alike, as gdb accepts */
        if (!strcmp(a, "-batch")) {
            batch = true;
        } else if ((!strcmp(a, "-ex") || !strcmp(a, "-x")) && i + 1 < argc) {
            i++; /* run in order once the program is loaded (run_option_commands) */
        } else if (!strcmp(a, "-args")) {
            i++;
            break;
        } else if (!strcmp(a, "-kernel") && i + 1 < argc) {
            kernel = argv[++i];
        } else if (!strcmp(a, "-serial") && i + 1 < argc) {
            serial = argv[++i];
        } else if (!strcmp(a, "-tui")) {
            tui = true;
        } else if (!strcmp(a, "-q") || !strcmp(a, "-quiet") || !strcmp(a, "-nx") ||
                   !strcmp(a, "-n")) {
            /* gdb's quiet and no-init-file switches: hdb has neither banner nor init file yet. */
        } else if (!strcmp(a, "-help") || !strcmp(a, "-h")) {
            usage();
            return 0;
        } else {
            usage();
            return 2;
        }
    }
    hdb_linux_platform(&plat);
    if (hdb_ptrace_target_new(&target) < 0) {
        fprintf(stderr, "hdb: out of memory\n");
        return 1;
    }
    hdb_session_init(&session, &plat, &target);
    struct hdb_loader loader = {.load = load_image,
                                .load_deferred = load_deferred,
                                .read_dwarf = read_dwarf,
                                .unload = unload_image,
                                .abspath = abspath};
    hdb_cli_init(&cli, &session, &plat, &loader);
    /* Without capstone (out of memory) hdb still debugs; disassemble says why it cannot. */
    hdb_capstone_open(&cli.disasm);
    cli.can_tui = !batch && isatty(0) && isatty(1);
    cli.batch = batch;
    if (i < argc) {
        if (hdb_cli_load(&cli, argv[i]) < 0 && batch) {
            return finish(&cli, &target, 1);
        }
        hdb_cli_set_args(&cli, argc - i - 1, argv + i + 1);
    }
    int rc = 0;
    if (kernel && hdb_cli_load(&cli, kernel) < 0 && batch) {
        return finish(&cli, &target, 1);
    }
    if (kernel)
        add_user_programs(&cli, kernel);
    if (serial && hdb_cli_target_remote(&cli, serial) < 0 && batch) {
        return finish(&cli, &target, 1);
    }
    /* gdb's from_tty: -ex commands are typed by the user unless in batch mode. */
    cli.from_tty = !batch && isatty(0);
    rc = run_option_commands(&cli, i, argv);
    if (!batch && tui && !cli.quit) {
        setlocale(LC_ALL, ""); /* curses draws the frames with the terminal's line characters */
        rc = hdb_tui_run(&cli);
    } else if (!batch) {
        char line[4096], last[4096] = "";
        if (isatty(0) && isatty(1))
            hdb_linux_prompt_setup(&plat, complete_at_prompt, &cli);
        /* On a terminal an empty line repeats the last command, as in gdb. */
        bool repeat = isatty(0) && isatty(1);
        cli.from_tty = isatty(0);
        while (!cli.quit && plat.read_line(plat.ctx, "(hdb) ", line, sizeof(line)) == 0) {
            if (repeat && !line[strspn(line, " \t")]) {
                if (!last[0] || !hdb_cmd_repeat_line(last, line, sizeof(line)))
                    continue;
            } else {
                snprintf(last, sizeof(last), "%s", line);
            }
            rc = hdb_cli_execute(&cli, line);
            if (cli.layout && !cli.quit) {
                /* `layout` at the prompt: the TUI takes over, as gdb's does. */
                setlocale(LC_ALL, "");
                rc = hdb_tui_run(&cli);
            }
        }
    }
    return finish(&cli, &target, rc < 0 ? 1 : 0);
}
