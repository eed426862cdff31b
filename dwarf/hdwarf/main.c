/*
 * hdwarf: dump DWARF with the dwarf library.
 *
 *   hdwarf info FILE             every DIE: --debug-info, then --debug-types if present
 *   hdwarf --debug-info FILE     units and DIEs of .debug_info
 *   hdwarf --debug-types FILE    units and DIEs of .debug_types (DWARF 4)
 *   hdwarf --debug-line FILE     line-number programs of .debug_line
 *   hdwarf --debug-aranges FILE  address range sets of .debug_aranges
 *   hdwarf --eh-frame FILE       CIEs, FDEs and CFA rows of .eh_frame
 *   hdwarf --debug-frame FILE    the same for .debug_frame
 *   hdwarf frames FILE ADDR...   the CFA row for each address
 *   hdwarf unwind FILE SNAPSHOT  the frames of a register and stack snapshot
 *   hdwarf whatis FILE NAME...   the type of a variable, function or type name, as gdb
 *   hdwarf ptype FILE NAME...    the same, structures, unions and enums written out
 *   hdwarf type FILE NAME...     ptype under the name issue 9 gives it
 *   hdwarf addr2line [-a] [-f] [-i] [-e] FILE ADDR...  as binutils addr2line prints it
 *   hdwarf lines FILE            every line-table row: ADDR FILE:LINE
 *   hdwarf func FILE NAME...     the address ranges of each function named
 *   hdwarf names FILE            every function name in the name index
 *   hdwarf line FILE NAME...     gdb's info line: the row at each function's entry
 *   hdwarf scope FILE NAME...    the parameters and variables of each function, by block
 *   hdwarf query FILE QUESTION...  "line NAME", "scope NAME", "ptype NAME", "whatis NAME"
 *                                answered in one process
 *
 * A bad file gives one error line on stderr and exit status 1.
 */
#include "hdwarf.h"

#include <dwarf/cfi.h>
#include <stdlib.h>
#include <string.h>

static int usage(void)
{
    fputs("usage: hdwarf info FILE\n"
          "       hdwarf --debug-info|--debug-types|--debug-line|--debug-aranges|\n"
          "              --eh-frame|--debug-frame FILE\n"
          "       hdwarf frames FILE ADDR...\n"
          "       hdwarf unwind FILE SNAPSHOT\n"
          "       hdwarf whatis|ptype|type FILE NAME...\n"
          "       hdwarf addr2line [-a] [-f] [-i] [-e] FILE ADDR...\n"
          "       hdwarf lines FILE\n"
          "       hdwarf func FILE NAME...\n"
          "       hdwarf names FILE\n"
          "       hdwarf line|scope FILE NAME...\n"
          "       hdwarf query FILE QUESTION...\n",
          stderr);
    return 2;
}

static int dump_cfi(const struct hdwarf_file *f, bool eh)
{
    struct dwarf_cfi cfi;
    const struct dwarf_section *s = eh ? &f->eh_frame : &f->debug_frame;
    dwarf_cfi_init(&cfi, s->data, s->size, eh ? f->eh_frame_addr : 0, eh);
    return hdwarf_dump_frames(stdout, &cfi, eh ? ".eh_frame" : ".debug_frame");
}

/* frames and unwind: .eh_frame (with .eh_frame_hdr) first, then .debug_frame. */
static int cfi_cmd(int argc, char **argv)
{
    struct hdwarf_file f;
    struct dwarf_cfi cfi[2];
    int rc = 0;

    if (hdwarf_open(&f, argv[2], 0)) {
        fprintf(stderr, "hdwarf: %s: %s\n", argv[2], f.err);
        hdwarf_close(&f);
        return 1;
    }
    dwarf_cfi_init(&cfi[0], f.eh_frame.data, f.eh_frame.size, f.eh_frame_addr, true);
    if (f.eh_frame_hdr.data)
        dwarf_cfi_set_hdr(&cfi[0], f.eh_frame_hdr.data, f.eh_frame_hdr.size, f.eh_frame_hdr_addr);
    dwarf_cfi_init(&cfi[1], f.debug_frame.data, f.debug_frame.size, 0, false);
    if (strcmp(argv[1], "unwind") == 0) {
        rc = argc == 4 ? hdwarf_unwind(stdout, cfi, 2, argv[3]) : usage();
        fflush(stdout);
        hdwarf_close(&f);
        return rc;
    }
    for (int i = 3; i < argc && rc == 0; i++) {
        char *end;
        unsigned long long pc = strtoull(argv[i], &end, 0);
        if (*argv[i] == 0 || *end) {
            fprintf(stderr, "hdwarf: %s: not an address\n", argv[i]);
            hdwarf_close(&f);
            return 2;
        }
        rc = hdwarf_frames_at(stdout, cfi, 2, pc);
    }
    fflush(stdout);
    hdwarf_close(&f);
    if (rc < 0) {
        fprintf(stderr, "hdwarf: %s: corrupt CFI: %s\n", argv[2], dwarf_strerror(rc));
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    struct hdwarf_file f;
    struct dwarf dw;
    const char *what, *path;
    bool frames;
    int rc;

    if (argc >= 4 && (strcmp(argv[1], "frames") == 0 || strcmp(argv[1], "unwind") == 0))
        return cfi_cmd(argc, argv);
    if (argc >= 4 && (strcmp(argv[1], "whatis") == 0 || strcmp(argv[1], "ptype") == 0 ||
                      strcmp(argv[1], "type") == 0))
        return hdwarf_types(argc, argv);
    if (argc >= 3 && strcmp(argv[1], "addr2line") == 0)
        return hdwarf_addr2line(argc, argv);
    if (argc == 3 && strcmp(argv[1], "lines") == 0)
        return hdwarf_lines(argv[2]);
    if (argc == 3 && strcmp(argv[1], "names") == 0)
        return hdwarf_names(argv[2]);
    if (argc >= 4 && strcmp(argv[1], "func") == 0)
        return hdwarf_func(argc, argv);
    if (argc >= 4 && (strcmp(argv[1], "line") == 0 || strcmp(argv[1], "scope") == 0 ||
                      strcmp(argv[1], "query") == 0))
        return hdwarf_query(argc, argv);
    if (argc != 3)
        return usage();
    what = argv[1];
    path = argv[2];
    if (strcmp(what, "info") && strcmp(what, "--debug-info") && strcmp(what, "--debug-types") &&
        strcmp(what, "--debug-line") && strcmp(what, "--debug-aranges") &&
        strcmp(what, "--eh-frame") && strcmp(what, "--debug-frame"))
        return usage();
    frames = strcmp(what, "--eh-frame") == 0 || strcmp(what, "--debug-frame") == 0;
    if (hdwarf_open(&f, path, (frames ? 0 : HDWARF_NEED_INFO) | HDWARF_NO_DWO)) {
        fprintf(stderr, "hdwarf: %s: %s\n", path, f.err);
        hdwarf_close(&f);
        return 1;
    }
    dwarf_init(&dw, f.sec, NULL);
    printf("%s:\tfile format elf64-x86-64\n\n", path);
    if (strcmp(what, "--debug-line") == 0)
        rc = hdwarf_dump_line(stdout, &dw);
    else if (strcmp(what, "--debug-aranges") == 0)
        rc = hdwarf_dump_aranges(stdout, &dw);
    else if (strcmp(what, "--eh-frame") == 0)
        rc = dump_cfi(&f, true);
    else if (strcmp(what, "--debug-frame") == 0)
        rc = dump_cfi(&f, false);
    else if (strcmp(what, "--debug-types") == 0)
        rc = hdwarf_dump_info(stdout, &dw, DWARF_SEC_TYPES);
    else
        rc = hdwarf_dump_info(stdout, &dw, DWARF_SEC_INFO);
    /* info: the DIE dump of issue 9, DWARF 4's type units included. */
    if (rc == 0 && strcmp(what, "info") == 0 && f.sec[DWARF_SEC_TYPES].data) {
        putchar('\n');
        rc = hdwarf_dump_info(stdout, &dw, DWARF_SEC_TYPES);
    }
    fflush(stdout);
    hdwarf_close(&f);
    if (rc < 0) {
        fprintf(stderr, "hdwarf: %s: corrupt DWARF: %s\n", path, dwarf_strerror(rc));
        return 1;
    }
    return 0;
}
