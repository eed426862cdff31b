/*
 * command.c: command-name resolution and /FMT parsing (hdb/command.h).
 *
 * gdb resolves a command word by exact name, then by its table of
 * predefined abbreviations, then by unique prefix; "n" is "next" even
 * though "nexti" also starts with it. The same order applies here.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hdb/command.h>
#include <hdb/error.h>

static const struct {
    const char *name;
    int id;
} commands[] = {
    {"run", HDB_CMD_RUN},
    {"start", HDB_CMD_START},
    {"attach", HDB_CMD_ATTACH},
    {"detach", HDB_CMD_DETACH},
    {"kill", HDB_CMD_KILL},
    {"break", HDB_CMD_BREAK},
    {"tbreak", HDB_CMD_TBREAK},
    {"delete", HDB_CMD_DELETE},
    {"continue", HDB_CMD_CONTINUE},
    {"next", HDB_CMD_NEXT},
    {"step", HDB_CMD_STEP},
    {"stepi", HDB_CMD_STEPI},
    {"nexti", HDB_CMD_NEXTI},
    {"finish", HDB_CMD_FINISH},
    {"backtrace", HDB_CMD_BACKTRACE},
    {"frame", HDB_CMD_FRAME},
    {"up", HDB_CMD_UP},
    {"down", HDB_CMD_DOWN},
    {"info", HDB_CMD_INFO},
    {"x", HDB_CMD_X},
    {"print", HDB_CMD_PRINT},
    {"list", HDB_CMD_LIST},
    {"thread", HDB_CMD_THREAD},
    {"handle", HDB_CMD_HANDLE},
    {"file", HDB_CMD_FILE},
    {"help", HDB_CMD_HELP},
    {"echo", HDB_CMD_ECHO},
    {"printf", HDB_CMD_PRINTF},
    {"output", HDB_CMD_OUTPUT},
    {"return", HDB_CMD_RETURN},
    {"quit", HDB_CMD_QUIT},
    {"condition", HDB_CMD_CONDITION},
    {"ignore", HDB_CMD_IGNORE},
    {"enable", HDB_CMD_ENABLE},
    {"disable", HDB_CMD_DISABLE},
    {"whatis", HDB_CMD_WHATIS},
    {"ptype", HDB_CMD_PTYPE},
    {"set", HDB_CMD_SET},
    {"until", HDB_CMD_UNTIL},
    {"advance", HDB_CMD_ADVANCE},
    {"watch", HDB_CMD_WATCH},
    {"awatch", HDB_CMD_AWATCH},
    {"display", HDB_CMD_DISPLAY},
    {"undisplay", HDB_CMD_UNDISPLAY},
    {"target", HDB_CMD_TARGET},
    {"monitor", HDB_CMD_MONITOR},
    {"add-symbol-file", HDB_CMD_ADD_SYMBOL_FILE},
    {"disassemble", HDB_CMD_DISASSEMBLE},
    {"layout", HDB_CMD_LAYOUT},
    {"hbreak", HDB_CMD_HBREAK},
    {"thbreak", HDB_CMD_THBREAK},
    {"rwatch", HDB_CMD_RWATCH},
    {"call", HDB_CMD_CALL},
    {"catch", HDB_CMD_CATCH},
    {"define", HDB_CMD_DEFINE},
    {"document", HDB_CMD_DOCUMENT},
    {"if", HDB_CMD_IF},
    {"while", HDB_CMD_WHILE},
    {"end", HDB_CMD_END},
    {"source", HDB_CMD_SOURCE},
    {"commands", HDB_CMD_COMMANDS},
    {"dprintf", HDB_CMD_DPRINTF},
    {"rbreak", HDB_CMD_RBREAK},
    {"save", HDB_CMD_SAVE},
    {"show", HDB_CMD_SHOW},
    {"unset", HDB_CMD_UNSET},
    {"starti", HDB_CMD_STARTI},
    {"jump", HDB_CMD_JUMP},
    {"shell", HDB_CMD_SHELL},
    {"pwd", HDB_CMD_PWD},
    {"cd", HDB_CMD_CD},
};

/* gdb's predefined abbreviations and aliases. */
static const struct {
    const char *abbrev;
    int id;
} aliases[] = {
    {"r", HDB_CMD_RUN},        {"b", HDB_CMD_BREAK},         {"br", HDB_CMD_BREAK},
    {"tb", HDB_CMD_TBREAK},    {"d", HDB_CMD_DELETE},        {"c", HDB_CMD_CONTINUE},
    {"fg", HDB_CMD_CONTINUE},  {"n", HDB_CMD_NEXT},          {"s", HDB_CMD_STEP},
    {"si", HDB_CMD_STEPI},     {"ni", HDB_CMD_NEXTI},        {"fin", HDB_CMD_FINISH},
    {"bt", HDB_CMD_BACKTRACE}, {"where", HDB_CMD_BACKTRACE}, {"f", HDB_CMD_FRAME},
    {"i", HDB_CMD_INFO},       {"p", HDB_CMD_PRINT},         {"inspect", HDB_CMD_PRINT},
    {"l", HDB_CMD_LIST},       {"t", HDB_CMD_THREAD},        {"h", HDB_CMD_HELP},
    {"q", HDB_CMD_QUIT},       {"exit", HDB_CMD_QUIT},       {"u", HDB_CMD_UNTIL},
    {"dis", HDB_CMD_DISABLE},  {"disa", HDB_CMD_DISABLE},    {"en", HDB_CMD_ENABLE},
    {"j", HDB_CMD_JUMP},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

const char *hdb_cmd_name_at(size_t i)
{
    return i < COUNT(commands) ? commands[i].name : NULL;
}

int hdb_cmd_repeat_line(const char *last, char *out, size_t len)
{
    const char *args;
    char fmt[32];
    int id = hdb_cmd_parse(last, &args, fmt, sizeof(fmt));
    switch (id) {
    case HDB_CMD_X:
    case HDB_CMD_LIST:
        snprintf(out, len, "%s", id == HDB_CMD_X ? "x" : "list");
        return 1;
    case HDB_CMD_RUN:
    case HDB_CMD_START:
    case HDB_CMD_ATTACH:
    case HDB_CMD_DETACH:
    case HDB_CMD_KILL:
    case HDB_CMD_DELETE:
    case HDB_CMD_FILE:
    case HDB_CMD_QUIT:
    case HDB_CMD_TARGET:
    case HDB_CMD_LAYOUT:
    case HDB_CMD_DEFINE:
    case HDB_CMD_DOCUMENT:
    case HDB_CMD_IF:
    case HDB_CMD_WHILE:
    case HDB_CMD_END:
    case HDB_CMD_SOURCE:
    case HDB_CMD_COMMANDS:
    case HDB_CMD_DPRINTF:
    case HDB_CMD_RBREAK:
    case HDB_CMD_SAVE:
    case HDB_CMD_STARTI:
    case HDB_CMD_JUMP:
    case HDB_CMD_SHELL:
    case HDB_CMD_CD:
    case HDB_CMD_NONE:
        return 0;
    default:
        if (id < 0)
            return 0;
        snprintf(out, len, "%s", last);
        return 1;
    }
}

int hdb_cmd_parse(const char *line, const char **args, char *fmt, size_t fmt_len)
{
    char word[32];
    size_t n = 0;
    while (*line == ' ' || *line == '\t')
        line++;
    if (fmt_len)
        fmt[0] = 0;
    if (*line == 0 || *line == '#') {
        *args = line;
        return HDB_CMD_NONE;
    }
    if (*line == '!') {
        /* gdb's shell escape needs no blank: "!ls" runs ls. */
        for (line++; *line == ' ' || *line == '\t';)
            line++;
        *args = line;
        return HDB_CMD_SHELL;
    }
    while (*line && (isalnum((unsigned char)*line) || *line == '-' || *line == '_')) {
        if (n + 1 >= sizeof(word))
            return HDB_E_NOT_FOUND;
        word[n++] = *line++;
    }
    word[n] = 0;
    if (n == 0)
        return HDB_E_NOT_FOUND;
    if (*line == '/') {
        size_t f = 0;
        line++;
        while (*line && *line != ' ' && *line != '\t') {
            if (f + 1 < fmt_len)
                fmt[f++] = *line;
            line++;
        }
        if (fmt_len)
            fmt[f] = 0;
    }
    while (*line == ' ' || *line == '\t')
        line++;
    *args = line;
    for (size_t i = 0; i < COUNT(commands); i++)
        if (strcmp(commands[i].name, word) == 0)
            return commands[i].id;
    for (size_t i = 0; i < COUNT(aliases); i++)
        if (strcmp(aliases[i].abbrev, word) == 0)
            return aliases[i].id;
    int found = HDB_E_NOT_FOUND;
    for (size_t i = 0; i < COUNT(commands); i++) {
        if (strncmp(commands[i].name, word, n) != 0)
            continue;
        if (found > 0)
            return HDB_E_ARG;
        found = commands[i].id;
    }
    return found;
}

static const struct {
    const char *name;
    size_t min; /* shortest accepted prefix, gdb's choice where prefixes collide */
    int id;
} subs[] = {
    {"breakpoints", 1, HDB_INFO_BREAKPOINTS},
    {"registers", 1, HDB_INFO_REGISTERS},
    {"threads", 2, HDB_INFO_THREADS},
    {"dll", 3, HDB_INFO_SHAREDLIBRARY},
    {"frame", 1, HDB_INFO_FRAME},
    {"signals", 3, HDB_INFO_SIGNALS},
    {"source", 2, HDB_INFO_SOURCE},
    {"inferiors", 3, HDB_INFO_INFERIORS},
    {"args", 2, HDB_INFO_ARGS},
    {"locals", 2, HDB_INFO_LOCALS},
    {"display", 1, HDB_INFO_DISPLAY},
    {"sharedlibrary", 2, HDB_INFO_SHAREDLIBRARY},
    {"tasks", 2, HDB_INFO_TASKS},
    {"cap", 3, HDB_INFO_CAP}, /* before "caps": only the whole word */
    {"caps", 2, HDB_INFO_CAPS},
    {"object", 6, HDB_INFO_OBJECT},
    {"objects", 2, HDB_INFO_OBJECTS},
    {"memory", 2, HDB_INFO_MEMORY},
    {"cpu", 2, HDB_INFO_CPU},
    {"faults", 2, HDB_INFO_FAULTS},
    {"os", 2, HDB_INFO_OS},
    {"line", 2, HDB_INFO_LINE},
    {"address", 2, HDB_INFO_ADDRESS},
    {"symbol", 2, HDB_INFO_SYMBOL},
    {"handle", 2, HDB_INFO_SIGNALS}, /* gdb's alias of info signals */
    {"functions", 2, HDB_INFO_FUNCTIONS},
    {"variables", 2, HDB_INFO_VARIABLES},
    {"types", 5, HDB_INFO_TYPES},
    {"scope", 2, HDB_INFO_SCOPE},
    {"all-registers", 2, HDB_INFO_ALL_REGISTERS},
    {"vector", 2, HDB_INFO_VECTOR},
    {"float", 2, HDB_INFO_FLOAT},
    {"watchpoints", 3, HDB_INFO_WATCHPOINTS},
    {"proc", 3, HDB_INFO_PROC},
    {"auxv", 2, HDB_INFO_AUXV},
    {"program", 3, HDB_INFO_PROGRAM},
    {"files", 3, HDB_INFO_FILES},
    {"target", 2, HDB_INFO_FILES},    /* gdb's alias of info files */
    {"sources", 7, HDB_INFO_SOURCES}, /* "source" is a prefix of it */
};

const char *hdb_info_name_at(size_t i)
{
    return i < COUNT(subs) ? subs[i].name : NULL;
}

int hdb_info_parse(const char *line, const char **args)
{
    char word[32];
    size_t n = 0;
    while (*line == ' ')
        line++;
    while (*line && *line != ' ' && n + 1 < sizeof(word))
        word[n++] = *line++;
    word[n] = 0;
    while (*line == ' ')
        line++;
    *args = line;
    if (n == 0)
        return HDB_E_ARG;
    for (size_t i = 0; i < COUNT(subs); i++)
        if (n >= subs[i].min && strncmp(subs[i].name, word, n) == 0)
            return subs[i].id;
    return HDB_E_NOT_FOUND;
}

int hdb_xfmt_parse(const char *fmt, struct hdb_xfmt *x)
{
    const char *p = fmt;
    if (isdigit((unsigned char)*p)) {
        char *end;
        unsigned long c = strtoul(p, &end, 10);
        if (c == 0 || c > 100000)
            return HDB_E_ARG;
        x->count = (unsigned)c;
        p = end;
    } else {
        x->count = 1;
    }
    for (; *p; p++) {
        switch (*p) {
        case 'b':
            x->size = 1;
            break;
        case 'h':
            x->size = 2;
            break;
        case 'w':
            x->size = 4;
            break;
        case 'g':
            x->size = 8;
            break;
        case 'x':
        case 'z':
        case 'd':
        case 'u':
        case 'o':
        case 't':
        case 'c':
        case 's':
        case 'i':
        case 'a':
            x->format = *p;
            if (*p == 'c')
                x->size = 1;
            if (*p == 'a')
                x->size = 8;
            break;
        default:
            return HDB_E_ARG;
        }
    }
    return 0;
}
