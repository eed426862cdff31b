/*
 * hdb/error.h: the error codes of the debugger core and its targets.
 *
 * Every function of the core and of a target returns 0 (or a positive
 * count) on success and one of these negative codes on failure; the
 * command line turns them into one line of text with hdb_strerror.
 */
#ifndef HDB_ERROR_H
#define HDB_ERROR_H

enum hdb_error {
    HDB_OK = 0,
    HDB_E_NOMEM = -1,          /* the platform allocator returned NULL */
    HDB_E_ARG = -2,            /* malformed argument from the caller or the user */
    HDB_E_NO_PROCESS = -3,     /* the command needs a live process */
    HDB_E_RUNNING = -4,        /* a process is already being debugged */
    HDB_E_IO = -5,             /* the target could not read or write (memory, registers) */
    HDB_E_NOT_FOUND = -6,      /* no such symbol, line, breakpoint, thread or file */
    HDB_E_TARGET = -7,         /* the target system refused (fork, exec, ptrace, attach) */
    HDB_E_FORMAT = -8,         /* the program file is not a usable ELF / its DWARF is corrupt */
    HDB_E_NOTSUP = -9,         /* the target or this version cannot do that yet */
    HDB_E_EXITED = -10,        /* the process went away during the operation */
    HDB_E_NO_FRAME = -11,      /* no such stack frame */
    HDB_E_OPTIMIZED_OUT = -12, /* the variable exists but has no location at this pc */
    HDB_E_DIV_ZERO = -13,      /* integer division or remainder by zero in an expression */
    HDB_E_TYPE = -14,          /* an operation the operands' types do not allow */
    HDB_E_NO_MEMBER = -15,     /* . or -> names no member of the struct or union */
    HDB_E_NOT_STRUCT = -16,    /* . or -> on a value that is not a struct or union */
    HDB_E_NOT_LVALUE = -17,    /* assignment to something that has no storage */
    HDB_E_INTERRUPTED = -18,   /* the user pressed Ctrl-C while waiting for a remote target */
    HDB_E_NODEBUG = -19,       /* an ELF symbol without DWARF used as a value (cast it first) */
    HDB_E_NO_TYPE = -20,       /* struct, union or enum TAG names no type */
    HDB_E_NOT_IN_MEMORY = -21, /* & or @ on a value that is not in the program's memory */
    HDB_E_HISTORY = -22,       /* $N, $$N past the value history */
    HDB_E_CHAR = -23,          /* a character constant that is not one character */
    HDB_E_REPEAT = -24,        /* EXPR@N with N < 1 */
    HDB_E_CAST = -25,          /* a value cannot become the other type (struct = int, ...) */
    HDB_E_STRUCT_OP = -26,     /* a C operator applied to a struct or union */
    HDB_E_CHAR_EMPTY = -27,    /* '' */
    HDB_E_NEGATE = -28,        /* unary - on a pointer, array or function */
    HDB_E_COMPLEMENT = -29,    /* ~ on a pointer, array, function or floating value */
    HDB_E_POSITIVE = -30,      /* unary + on a pointer, array or function */
    HDB_E_NEED_PROCESS = -31,  /* a call of the program's function without a process */
    HDB_E_NEED_TARGET = -32,   /* a string literal needs the program's memory, and none runs */
    HDB_E_NO_MALLOC = -33,     /* ... and the program has no malloc to get it from */
    HDB_E_NOT_FUNC = -34,      /* a call of something that is not a function */
    HDB_E_FEW_ARGS = -35,      /* a call with fewer arguments than parameters */
    HDB_E_UNKNOWN_RET = -36,   /* a call of a function without DWARF and without a cast */
    HDB_E_CALL_STOPPED = -37,  /* the called function stopped (breakpoint, signal) or the
                                  program ended before it returned: the session's calls say why */
    HDB_E_NO_ELEMENT = -38,    /* an index past the end of an array hdb holds (a literal) */
    HDB_E_UNTERMINATED = -39,  /* a string literal without its closing quote */
    HDB_E_INLINED = -40,       /* return from a call inlined into its caller */
};

/* A short description of an error code. */
const char *hdb_strerror(int err);

#endif
