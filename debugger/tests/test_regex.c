/*
 * test_regex.c: hdb's regular expressions against the C library's
 * regcomp/regexec in basic syntax (no REG_EXTENDED), which is how gdb
 * compiles the REGEXP of `info functions`: the same patterns compile or
 * fail with the same REG_* code, and match the same strings.
 *
 * The patterns are a hand-written list of what gdb users type plus
 * thousands drawn at random from the syntax's tokens; the strings are
 * symbol-like names and random strings over a small alphabet, so that
 * matches are frequent. Runs in the C locale (ranges by byte value).
 */
#include <locale.h>
#include <regex.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include <hdb/regex.h>

static const char *const names[] = {
    "",           "a",        "add",        "main",  "twice", "bump", "_start", "__libc_start_main",
    "printf@plt", "sl_add",   "sl_counter", "abc",   "aab",   "ba",   "x+y",    "a?b",
    "a|b",        "(ab)",     "{1}",        "a.b",   "a*b",   "^a",   "a$",     "[x]",
    "\\",         "ADD",      "add2",       "a_b c", "ab\tc", "---",  "a-z",    "]",
    "aaaaaaaaaa", "abababab", "tab le",
};

/* Our error codes by regcomp's. */
static int reg_code(int ours)
{
    switch (ours) {
    case HDB_REGEX_OK:
        return 0;
    case HDB_REGEX_E_COLLATE:
        return REG_ECOLLATE;
    case HDB_REGEX_E_CTYPE:
        return REG_ECTYPE;
    case HDB_REGEX_E_ESCAPE:
        return REG_EESCAPE;
    case HDB_REGEX_E_SUBREG:
        return REG_ESUBREG;
    case HDB_REGEX_E_BRACK:
        return REG_EBRACK;
    case HDB_REGEX_E_PAREN:
        return REG_EPAREN;
    case HDB_REGEX_E_BRACE:
        return REG_EBRACE;
    case HDB_REGEX_E_BADBR:
        return REG_BADBR;
    case HDB_REGEX_E_RANGE:
        return REG_ERANGE;
    case HDB_REGEX_E_SIZE:
        return REG_ESIZE;
    default:
        return -1;
    }
}

static unsigned long long rng = 0x9e3779b97f4a7c15ull;
static unsigned rnd(unsigned n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng % n);
}

/*
 * gdb compiles with the GNU regex it carries (libiberty's), which differs
 * from today's glibc in four places; hdb follows gdb (hdb-oracle checks it
 * there): an unterminated [ is REG_EBRACK (glibc: REG_BADPAT), a count
 * over RE_DUP_MAX is REG_BADBR (glibc: REG_ESIZE), and repetitions after
 * repetitions (a**, a*\{2\}) and \{ with nothing before it (a literal {)
 * compile (glibc: REG_BADRPT, where hdb may find another error later in
 * the pattern; matches are not compared then).
 */
static bool known_difference(int ours, int theirs)
{
    return (ours == HDB_REGEX_E_BRACK && theirs == REG_BADPAT) ||
           (ours == HDB_REGEX_E_BADBR && theirs == REG_ESIZE) || theirs == REG_BADRPT;
}

/* Compares one pattern on the names and on random strings; returns the mismatches. */
static int compare(const char *pat, bool report)
{
    static struct hdb_regex re;
    regex_t posix;
    int ours = hdb_regex_compile(&re, pat);
    int theirs = regcomp(&posix, pat, REG_NOSUB);
    int bad = 0;
    if (reg_code(ours) != theirs && !known_difference(ours, theirs)) {
        if (report)
            print_message("pattern '%s': hdb %d (%s), regcomp %d\n", pat, ours,
                          hdb_regex_strerror(ours), theirs);
        bad = 1;
    }
    if (ours == 0 && theirs == 0) {
        char buf[16];
        for (size_t i = 0; i < sizeof(names) / sizeof(names[0]) + 40 && !bad; i++) {
            const char *s = names[i % (sizeof(names) / sizeof(names[0]))];
            if (i >= sizeof(names) / sizeof(names[0])) {
                static const char alphabet[] = "aab_-*+?.^$[](){}|\\x1 ";
                size_t len = rnd(sizeof(buf) - 1);
                for (size_t j = 0; j < len; j++)
                    buf[j] = alphabet[rnd(sizeof(alphabet) - 1)];
                buf[len] = 0;
                s = buf;
            }
            bool want = regexec(&posix, s, 0, NULL, 0) == 0;
            if (hdb_regex_search(&re, s) != want) {
                if (report)
                    print_message("pattern '%s' on '%s': hdb %d, regexec %d\n", pat, s, !want,
                                  want);
                bad = 1;
            }
        }
    }
    if (theirs == 0)
        regfree(&posix);
    return bad;
}

static void test_typed_patterns(void **state)
{
    (void)state;
    static const char *const pats[] = {
        "",
        "add",
        "^add$",
        "^a",
        "d$",
        "a.d",
        "^.*$",
        "a*",
        "^a*b",
        "b*",
        "^_",
        "^sl_",
        "_add$",
        "^[a-c]",
        "[^a-z]",
        "^[[:upper:]]",
        "[[:digit:]]",
        "[[:alpha:]_]*$",
        "[]a]",
        "[^]a]",
        "[a-]",
        "[-a]",
        "[]-a]",
        "[%--]",
        "[[:alnum:][:punct:]]",
        "[[.a.]]",
        "[[=a=]b]",
        "a\\+",
        "a\\?d",
        "^a\\{2\\}",
        "a\\{1,\\}b",
        "a\\{,2\\}",
        "a\\{0\\}d",
        "\\(ab\\)*",
        "\\(ab\\)\\{2,3\\}",
        "^\\(add\\|main\\)$",
        "add\\|bump",
        "\\(\\)",
        "a\\|",
        "\\|a",
        "x+y",
        "a?b",
        "a|b",
        "(ab)",
        "{1}",
        "a\\.b",
        "\\*",
        "*a",
        "^*",
        "\\(*a\\)",
        "a**",
        "a*\\{2\\}",
        "\\(^a\\)",
        "\\(a$\\)",
        "a^b",
        "a$b",
        "$",
        "^",
        "^$",
        "\\w\\+",
        "\\W",
        "\\s",
        "\\S\\+",
        "\\<add\\>",
        "\\bst",
        "\\Bd",
        "\\`a",
        "d\\'",
        "a\\b",
        "\\\\",
        "\\{",
        "a\\{",
        "a\\{1",
        "a\\{1,",
        "a\\{x\\}",
        "a\\{2,1\\}",
        "a\\{\\}",
        "a\\{99999\\}",
        "[",
        "[a",
        "[^",
        "[]",
        "a\\",
        "\\(",
        "\\(a",
        "\\)",
        "a\\)",
        "[z-a]",
        "[a-c-e]",
        "[[:nosuch:]]",
        "[[.ab.]]",
        "[[:alpha:]-z]",
        "[a-[:alpha:]]",
        "[[:alpha:]",
        "[[.a",
        "\\1",
        "\\+a",
        "\\?a",
        "a\\|*b",
        "\\(\\+a\\)",
        "\\(ab\\|a\\)b",
        "\\(a*\\)*b",
        "\\(a\\|b\\)*c\\?$",
        ".\\{3\\}",
        "^.\\{4,5\\}$",
        "[.]",
        "[*]",
        "[\\]",
        "[\\w]",
        "a\\{1\\}\\{2\\}",
        "a\\{1,2\\}*",
        "[a-a]",
    };
    int bad = 0;
    for (size_t i = 0; i < sizeof(pats) / sizeof(pats[0]); i++)
        bad += compare(pats[i], true);
    assert_int_equal(bad, 0);
}

/* Random patterns from the tokens of the syntax, weighted toward valid ones. */
static void test_random_patterns(void **state)
{
    (void)state;
    static const char *const toks[] = {
        "a",           "b",       "_",         "x",        ".",   "*",    "^",    "$",
        "\\+",         "\\?",     "\\|",       "\\(",      "\\)", "[ab]", "[^a]", "[a-c]",
        "[[:alpha:]]", "\\{1\\}", "\\{0,2\\}", "\\{2,\\}", "+",   "?",    "|",    "(",
        ")",           "{",       "}",         "\\.",      "\\*", "\\w",  "\\<",  "\\>",
        "\\b",         "-",       "[",         "]",        "\\{",
    };
    int bad = 0, reported = 0;
    for (int i = 0; i < 20000; i++) {
        char pat[64] = "";
        int n = 1 + (int)rnd(7);
        for (int j = 0; j < n; j++)
            strncat(pat, toks[rnd(sizeof(toks) / sizeof(toks[0]))], sizeof(pat) - strlen(pat) - 1);
        int b = compare(pat, reported < 20);
        bad += b;
        reported += b;
    }
    assert_int_equal(bad, 0);
}

static void test_messages_are_gnu_regex(void **state)
{
    (void)state;
    static struct hdb_regex re;
    assert_string_equal(hdb_regex_strerror(hdb_regex_compile(&re, "[")), "Unmatched [ or [^");
    assert_string_equal(hdb_regex_strerror(hdb_regex_compile(&re, "\\(")), "Unmatched ( or \\(");
    assert_string_equal(hdb_regex_strerror(hdb_regex_compile(&re, "a\\")), "Trailing backslash");
    assert_int_equal(hdb_regex_compile(&re, "^add$"), 0);
    /* Back-references are refused even where the group exists (regcomp takes them). */
    assert_int_equal(hdb_regex_compile(&re, "\\(a\\)\\1"), HDB_REGEX_E_SUBREG);
}

/* A pattern past the fixed capacity is refused, not overrun. */
static void test_capacity(void **state)
{
    (void)state;
    static struct hdb_regex re;
    char pat[2048];
    memset(pat, 'a', sizeof(pat) - 1);
    pat[sizeof(pat) - 1] = 0;
    assert_int_equal(hdb_regex_compile(&re, pat), HDB_REGEX_E_SIZE);
    char sets[200] = "";
    for (int i = 0; i < 40; i++)
        strcat(sets, "[ab]");
    assert_int_equal(hdb_regex_compile(&re, sets), HDB_REGEX_E_SIZE);
}

int main(void)
{
    setlocale(LC_ALL, "C");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_typed_patterns),
        cmocka_unit_test(test_random_patterns),
        cmocka_unit_test(test_messages_are_gnu_regex),
        cmocka_unit_test(test_capacity),
    };
    return cmocka_run_group_tests_name("hdb-regex", tests, NULL, NULL);
}
