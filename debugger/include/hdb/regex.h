/*
 * hdb/regex.h: the regular expressions gdb's symbol queries take.
 *
 * gdb compiles `info functions REGEXP` and its kin with regcomp() without
 * REG_EXTENDED: POSIX basic syntax with GNU's additions. The core cannot
 * count on a C library's <regex.h> (a freestanding build has none), so
 * this is a small matcher of its own with the same language:
 *
 *   c  .  [set]  [^set]  [a-z]  [[:alpha:]]  [[.c.]]  [[=c=]]  literals and sets
 *   *  \+  \?  \{m\}  \{m,\}  \{m,n\}  \{,n\}              repetition
 *   ^  $  (anchors at the ends of the pattern, a group or an alternative)
 *   \( \)  \|                                              groups, alternation
 *   \w \W \s \S  \b \B \< \> \` \'                         GNU's extras
 *   \c  any other escaped character stands for itself (+ ? | ( ) { } are
 *       literals unless escaped, as in every basic regular expression)
 *
 * Back-references (\1-\9) are refused with HDB_REGEX_E_SUBREG. Matching
 * answers only whether the pattern occurs somewhere in the string, which
 * is all gdb asks of regexec (REG_NOSUB), so a backtracking matcher gives
 * the same answers as POSIX's leftmost-longest rule. Nothing is allocated:
 * a compiled expression is a fixed-size value the caller provides.
 */
#ifndef HDB_REGEX_H
#define HDB_REGEX_H

#include <stdbool.h>
#include <stdint.h>

/* Errors of hdb_regex_compile: regcomp's REG_* codes, with GNU regex's messages. */
enum hdb_regex_error {
    HDB_REGEX_OK = 0,
    HDB_REGEX_E_COLLATE = -1, /* [[.xy.]]: not one character */
    HDB_REGEX_E_CTYPE = -2,   /* [[:nosuch:]] */
    HDB_REGEX_E_ESCAPE = -3,  /* a trailing backslash */
    HDB_REGEX_E_SUBREG = -4,  /* \1-\9 */
    HDB_REGEX_E_BRACK = -5,   /* [ without ] */
    HDB_REGEX_E_PAREN = -6,   /* \( without \), or \) without \( */
    HDB_REGEX_E_BRACE = -7,   /* \{ without \} */
    HDB_REGEX_E_BADBR = -8,   /* \{3,1\}, \{x\}, a count over 32767 */
    HDB_REGEX_E_RANGE = -9,   /* [z-a] */
    HDB_REGEX_E_SIZE = -10,   /* more than the fixed capacity */
};

#define HDB_REGEX_MAX_NODES 256
#define HDB_REGEX_MAX_SETS 32

struct hdb_regex_node {
    uint8_t op;
    uint8_t c;           /* the character, or the set's index */
    int16_t next, child; /* -1: none */
    uint16_t min, max;   /* repetition counts; max 0xffff is unbounded */
};

struct hdb_regex {
    struct hdb_regex_node nodes[HDB_REGEX_MAX_NODES];
    uint8_t sets[HDB_REGEX_MAX_SETS][32]; /* bit c set: byte c is in the set */
    int nnodes, nsets;
    int root;
};

/* Compiles pattern (basic syntax, as gdb's regcomp); 0 or a HDB_REGEX_E_* code. */
int hdb_regex_compile(struct hdb_regex *re, const char *pattern);
/* Does the compiled expression match somewhere in s? */
bool hdb_regex_search(const struct hdb_regex *re, const char *s);
/* GNU regex's message for an error code ("Unmatched [ or [^"), as gdb prints it. */
const char *hdb_regex_strerror(int err);

#endif
