/*
 * regex.c: POSIX basic regular expressions with GNU's additions, the
 * language of gdb's `info functions REGEXP` (hdb/regex.h lists it).
 *
 * The pattern compiles into a tree of nodes in a fixed array: an ALT node
 * holds its alternatives (SEQ nodes), a SEQ node its items, linked through
 * `next`; a REPEAT node holds one item. Matching walks the tree with
 * backtracking, passing what remains to be matched after a group or a
 * repetition as a chain of continuations on the C stack.
 *
 * Where an operator is an operator, and the errors, follow GNU regex's
 * rules for RE_SYNTAX_POSIX_BASIC (POSIX.1-2017 XBD 9.3 plus GNU's context
 * rules) as the copy gdb carries (libiberty's) applies them: `*`, `\+`,
 * `\?` and `\{` are literal at the start of an expression (the pattern's, a
 * group's, an alternative's, or after an anchor), `^` is an anchor only
 * there, `$` only at the end of one; repetitions may follow each other
 * (a**). Where today's glibc regcomp differs, test_regex.c lists it.
 */
#include <string.h>

#include <hdb/regex.h>

enum {
    OP_CHAR,
    OP_ANY,
    OP_SET,
    OP_BOL,
    OP_EOL,
    OP_BUF_BEGIN,  /* \` */
    OP_BUF_END,    /* \' */
    OP_WORD_B,     /* \b */
    OP_NOT_WORD_B, /* \B */
    OP_WORD_START, /* \< */
    OP_WORD_END,   /* \> */
    OP_ALT,        /* child: the first SEQ */
    OP_SEQ,        /* child: the first item */
    OP_REPEAT,     /* child: the item; min, max */
};

#define UNBOUNDED 0xffff
#define DUP_MAX 0x7fff /* RE_DUP_MAX */

struct parser {
    struct hdb_regex *re;
    const char *p;
    int err;
};

static int new_node(struct parser *ps, int op)
{
    struct hdb_regex *re = ps->re;
    if (re->nnodes == HDB_REGEX_MAX_NODES) {
        if (!ps->err)
            ps->err = HDB_REGEX_E_SIZE;
        return -1;
    }
    re->nodes[re->nnodes] = (struct hdb_regex_node){(uint8_t)op, 0, -1, -1, 0, 0};
    return re->nnodes++;
}

static int new_set(struct parser *ps)
{
    struct hdb_regex *re = ps->re;
    if (re->nsets == HDB_REGEX_MAX_SETS) {
        ps->err = HDB_REGEX_E_SIZE;
        return -1;
    }
    memset(re->sets[re->nsets], 0, 32);
    return re->nsets++;
}

static void set_add(uint8_t *set, unsigned c)
{
    set[c >> 3] |= (uint8_t)(1u << (c & 7));
}

static bool is_word(unsigned c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* The POSIX character classes, for the ASCII characters symbol names are made of. */
static bool in_class(int cls, unsigned c)
{
    bool upper = c >= 'A' && c <= 'Z', lower = c >= 'a' && c <= 'z', digit = c >= '0' && c <= '9';
    bool space = c == ' ' || (c >= '\t' && c <= '\r');
    bool print = c >= 0x20 && c < 0x7f;
    switch (cls) {
    case 0:
        return upper || lower; /* alpha */
    case 1:
        return upper; /* upper */
    case 2:
        return lower; /* lower */
    case 3:
        return digit; /* digit */
    case 4:
        return digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); /* xdigit */
    case 5:
        return space; /* space */
    case 6:
        return print; /* print */
    case 7:
        return print && c != ' ' && !upper && !lower && !digit; /* punct */
    case 8:
        return print && c != ' '; /* graph */
    case 9:
        return c < 0x20 || c == 0x7f; /* cntrl */
    case 10:
        return c == ' ' || c == '\t'; /* blank */
    default:
        return upper || lower || digit; /* alnum */
    }
}

static const char *const class_names[] = {"alpha", "upper", "lower", "digit", "xdigit", "space",
                                          "print", "punct", "graph", "cntrl", "blank",  "alnum"};

static void add_class(uint8_t *set, int cls)
{
    for (unsigned c = 1; c < 256; c++)
        if (in_class(cls, c))
            set_add(set, c);
}

/*
 * One element of a bracket expression at ps->p: a character (*c), a
 * class (*cls >= 0), or an error. `[.c.]` and `[=c=]` name one character.
 */
static int bracket_elem(struct parser *ps, unsigned *c, int *cls, bool *equiv)
{
    const char *p = ps->p;
    *cls = -1;
    *equiv = false;
    if (p[0] == '[' && (p[1] == ':' || p[1] == '.' || p[1] == '=')) {
        char kind = p[1];
        const char *name = p + 2, *end = name;
        while (*end && !(end[0] == kind && end[1] == ']'))
            end++;
        if (!*end)
            return HDB_REGEX_E_BRACK;
        size_t len = (size_t)(end - name);
        ps->p = end + 2;
        if (kind == ':') {
            for (int i = 0; i < (int)(sizeof(class_names) / sizeof(class_names[0])); i++)
                if (strlen(class_names[i]) == len && !strncmp(class_names[i], name, len))
                    *cls = i;
            return *cls >= 0 ? 0 : HDB_REGEX_E_CTYPE;
        }
        if (len != 1)
            return HDB_REGEX_E_COLLATE;
        *c = (unsigned char)name[0];
        *equiv = kind == '=';
        return 0;
    }
    if (!*p)
        return HDB_REGEX_E_BRACK;
    *c = (unsigned char)*p;
    ps->p = p + 1;
    return 0;
}

/* A bracket expression; ps->p is past the `[`. */
static int parse_bracket(struct parser *ps)
{
    int si = new_set(ps);
    if (si < 0)
        return -1;
    uint8_t *set = ps->re->sets[si];
    bool negate = *ps->p == '^';
    if (negate)
        ps->p++;
    for (bool first = true;; first = false) {
        if (!*ps->p) {
            ps->err = HDB_REGEX_E_BRACK;
            return -1;
        }
        if (*ps->p == ']' && !first) {
            ps->p++;
            break;
        }
        /* A `-` that neither starts the set, ends a range nor comes last is an error. */
        if (!first && ps->p[0] == '-' && ps->p[1] != ']' && ps->p[1]) {
            ps->err = HDB_REGEX_E_RANGE;
            return -1;
        }
        unsigned lo, hi;
        int cls;
        bool equiv;
        int rc = bracket_elem(ps, &lo, &cls, &equiv);
        if (rc < 0) {
            ps->err = rc;
            return -1;
        }
        bool range = ps->p[0] == '-' && ps->p[1] != ']' && ps->p[1];
        if (range && (cls >= 0 || equiv)) {
            ps->err = HDB_REGEX_E_RANGE;
            return -1;
        }
        if (cls >= 0) {
            add_class(set, cls);
            continue;
        }
        hi = lo;
        if (range) {
            ps->p++;
            bool end_equiv;
            int end_cls;
            rc = bracket_elem(ps, &hi, &end_cls, &end_equiv);
            if (rc < 0 || end_cls >= 0 || end_equiv || hi < lo) {
                ps->err = rc < 0 ? rc : HDB_REGEX_E_RANGE;
                return -1;
            }
        }
        for (unsigned c = lo; c <= hi; c++)
            set_add(set, c);
    }
    if (negate)
        for (int i = 0; i < 32; i++)
            set[i] = (uint8_t)~set[i];
    set[0] &= (uint8_t)~1u; /* never the terminating NUL */
    int n = new_node(ps, OP_SET);
    if (n >= 0)
        ps->re->nodes[n].c = (uint8_t)si;
    return n;
}

/* A set node for \w \W \s \S. */
static int class_escape(struct parser *ps, char e)
{
    int si = new_set(ps), n = -1;
    if (si < 0)
        return -1;
    uint8_t *set = ps->re->sets[si];
    bool word = e == 'w' || e == 'W', negate = e == 'W' || e == 'S';
    for (unsigned c = 1; c < 256; c++)
        if ((word ? is_word(c) : in_class(5, c)) != negate)
            set_add(set, c);
    if ((n = new_node(ps, OP_SET)) >= 0)
        ps->re->nodes[n].c = (uint8_t)si;
    return n;
}

/*
 * One number of an interval, up to `\}` or `,`, as regcomp's fetch_number
 * reads it: -1 when empty, -2 when something else than digits came, -3 at
 * the end of the pattern.
 */
static long interval_number(struct parser *ps)
{
    long num = -1;
    for (;;) {
        const char *p = ps->p;
        if (!*p)
            return -3;
        if (p[0] == '\\' && p[1] == '}')
            return num;
        if (p[0] == ',' || (p[0] == '\\' && p[1] == ','))
            return num;
        unsigned c = (unsigned char)p[0];
        ps->p += p[0] == '\\' && p[1] ? 2 : 1;
        if (p[0] == '\\' || c < '0' || c > '9' || num == -2)
            num = -2;
        else
            num = num < 0 ? (long)(c - '0')
                          : (num * 10 + (long)(c - '0') > DUP_MAX ? DUP_MAX + 1
                                                                  : num * 10 + (long)(c - '0'));
    }
}

/* The counts of an interval; ps->p is past the `\{`. */
static int parse_interval(struct parser *ps, uint16_t *min, uint16_t *max)
{
    long lo = interval_number(ps), hi;
    bool comma = *ps->p == ',' || (ps->p[0] == '\\' && ps->p[1] == ',');
    if (lo == -1 && !comma)
        return HDB_REGEX_E_BADBR; /* \{\} */
    if (lo == -1)
        lo = 0;
    if (lo == -2 || lo == -3)
        hi = lo;
    else if (comma) {
        ps->p += *ps->p == ',' ? 1 : 2;
        hi = interval_number(ps);
    } else
        hi = lo;
    if (lo == -3 || hi == -3)
        return HDB_REGEX_E_BRACE;
    if (lo == -2 || hi == -2)
        return HDB_REGEX_E_BADBR;
    if (!(ps->p[0] == '\\' && ps->p[1] == '}') || (hi != -1 && lo > hi))
        return HDB_REGEX_E_BADBR;
    if ((hi == -1 ? lo : hi) > DUP_MAX)
        return HDB_REGEX_E_BADBR;
    ps->p += 2;
    *min = (uint16_t)lo;
    *max = hi == -1 ? UNBOUNDED : (uint16_t)hi;
    return 0;
}

static int parse_alt(struct parser *ps, int nest);

/* One alternative: items up to `\|`, `\)` or the end. */
static int parse_seq(struct parser *ps, int nest)
{
    int seq = new_node(ps, OP_SEQ);
    if (seq < 0)
        return -1;
    struct hdb_regex_node *nodes = ps->re->nodes;
    int16_t *link = &nodes[seq].child;
    const char *begin = ps->p;
    bool expr_start = true; /* where `*` is a literal */
    while (*ps->p && !ps->err) {
        const char *p = ps->p;
        char e = p[0] == '\\' ? p[1] : 0;
        if (e == '|')
            break;
        if (e == ')') {
            if (nest > 0)
                break;
            ps->err = HDB_REGEX_E_PAREN;
            return -1;
        }
        int atom = -1, op = -1;
        bool anchor = false;
        if (p[0] == '\\' && !p[1]) {
            ps->err = HDB_REGEX_E_ESCAPE;
            return -1;
        }
        if (p[0] == '^' && p == begin) {
            op = OP_BOL, anchor = true;
        } else if (p[0] == '$' && (!p[1] || (p[1] == '\\' && (p[2] == ')' || p[2] == '|')))) {
            op = OP_EOL, anchor = true;
        } else if (expr_start && (p[0] == '*' || e == '+' || e == '?' || e == '{')) {
            /* Nothing to repeat: the operator's character itself. */
            ps->p += p[0] == '*' ? 1 : 2;
            atom = new_node(ps, OP_CHAR);
            if (atom >= 0)
                nodes[atom].c = (uint8_t)(p[0] == '*' ? '*' : e);
        } else if (p[0] == '[') {
            ps->p++;
            atom = parse_bracket(ps);
        } else if (p[0] == '.') {
            ps->p++;
            atom = new_node(ps, OP_ANY);
        } else if (e == '(') {
            ps->p += 2;
            atom = parse_alt(ps, nest + 1);
            if (!ps->err && !(ps->p[0] == '\\' && ps->p[1] == ')'))
                ps->err = HDB_REGEX_E_PAREN;
            ps->p += 2;
        } else if (e >= '1' && e <= '9') {
            ps->err = HDB_REGEX_E_SUBREG;
        } else if (e && strchr("wWsS", e)) {
            ps->p += 2;
            atom = class_escape(ps, e);
        } else if (e && strchr("bB<>`'", e)) {
            static const char esc[] = "bB<>`'";
            static const int ops[] = {OP_WORD_B,   OP_NOT_WORD_B, OP_WORD_START,
                                      OP_WORD_END, OP_BUF_BEGIN,  OP_BUF_END};
            op = ops[strchr(esc, e) - esc], anchor = true;
            ps->p++;
        } else {
            ps->p += e ? 2 : 1;
            atom = new_node(ps, OP_CHAR);
            if (atom >= 0)
                nodes[atom].c = (uint8_t)(e ? e : p[0]);
        }
        if (anchor) {
            ps->p++;
            atom = new_node(ps, op);
        }
        if (atom < 0 || ps->err)
            return -1;
        *link = (int16_t)atom;
        int16_t *slot = link;
        link = &nodes[atom].next;
        expr_start = anchor;
        /* Postfix operators, each wrapping what precedes it: a** and a*\{2\} are valid. */
        while (!anchor) {
            uint16_t min, max;
            const char *q = ps->p;
            if (q[0] == '*') {
                min = 0, max = UNBOUNDED, ps->p++;
            } else if (q[0] == '\\' && (q[1] == '+' || q[1] == '?')) {
                min = q[1] == '+', max = q[1] == '+' ? UNBOUNDED : 1, ps->p += 2;
            } else if (q[0] == '\\' && q[1] == '{') {
                ps->p += 2;
                int rc = parse_interval(ps, &min, &max);
                if (rc < 0) {
                    ps->err = rc;
                    return -1;
                }
            } else {
                break;
            }
            int rep = new_node(ps, OP_REPEAT);
            if (rep < 0)
                return -1;
            nodes[rep].child = *slot;
            nodes[rep].min = min;
            nodes[rep].max = max;
            *slot = (int16_t)rep;
            link = &nodes[rep].next;
        }
    }
    return ps->err ? -1 : seq;
}

/* Alternatives separated by `\|`. */
static int parse_alt(struct parser *ps, int nest)
{
    int alt = new_node(ps, OP_ALT);
    if (alt < 0)
        return -1;
    int16_t *link = &ps->re->nodes[alt].child;
    for (;;) {
        int seq = parse_seq(ps, nest);
        if (seq < 0)
            return -1;
        *link = (int16_t)seq;
        link = &ps->re->nodes[seq].next;
        if (!(ps->p[0] == '\\' && ps->p[1] == '|'))
            break;
        ps->p += 2;
    }
    return alt;
}

int hdb_regex_compile(struct hdb_regex *re, const char *pattern)
{
    struct parser ps = {re, pattern, 0};
    re->nnodes = re->nsets = 0;
    re->root = parse_alt(&ps, 0);
    if (!ps.err && re->root < 0)
        ps.err = HDB_REGEX_E_SIZE;
    return ps.err;
}

/* What is left to match once a node list ends: the rest of a sequence, or another iteration. */
struct cont {
    const struct cont *up;
    int node;          /* the node to go on with, or the REPEAT node */
    unsigned count;    /* a REPEAT's iterations done before this one */
    const char *start; /* where this iteration began */
    bool repeat;
};

static bool word_at(const char *s, const char *p, int dir)
{
    if (dir < 0)
        return p > s && is_word((unsigned char)p[-1]);
    return *p && is_word((unsigned char)*p);
}

static bool match_here(const struct hdb_regex *re, int n, const char *s, const char *p,
                       const struct cont *k)
{
    for (;;) {
        if (n < 0) {
            if (!k)
                return true;
            if (!k->repeat) {
                n = k->node;
                k = k->up;
                continue;
            }
            const struct hdb_regex_node *r = &re->nodes[k->node];
            unsigned done = k->count + 1;
            /* An iteration that matched nothing cannot lead anywhere new: stop repeating. */
            if (p != k->start && (r->max == UNBOUNDED || done < r->max)) {
                struct cont again = {k->up, k->node, done, p, true};
                if (match_here(re, r->child, s, p, &again))
                    return true;
            }
            if (done < r->min && p != k->start)
                return false;
            n = r->next;
            k = k->up;
            continue;
        }
        const struct hdb_regex_node *x = &re->nodes[n];
        unsigned c = (unsigned char)*p;
        bool ok = true;
        switch (x->op) {
        case OP_CHAR:
            ok = c && c == x->c;
            p += ok;
            break;
        case OP_ANY:
            ok = c != 0;
            p += ok;
            break;
        case OP_SET:
            ok = c && (re->sets[x->c][c >> 3] & (1u << (c & 7)));
            p += ok;
            break;
        case OP_BOL:
        case OP_BUF_BEGIN:
            ok = p == s;
            break;
        case OP_EOL:
        case OP_BUF_END:
            ok = c == 0;
            break;
        case OP_WORD_B:
            ok = word_at(s, p, -1) != word_at(s, p, 1);
            break;
        case OP_NOT_WORD_B:
            ok = word_at(s, p, -1) == word_at(s, p, 1);
            break;
        case OP_WORD_START:
            ok = !word_at(s, p, -1) && word_at(s, p, 1);
            break;
        case OP_WORD_END:
            ok = word_at(s, p, -1) && !word_at(s, p, 1);
            break;
        case OP_ALT: {
            struct cont after = {k, x->next, 0, NULL, false};
            for (int a = x->child; a >= 0; a = re->nodes[a].next)
                if (match_here(re, re->nodes[a].child, s, p, &after))
                    return true;
            return false;
        }
        default: /* OP_REPEAT */
            if (x->max > 0) {
                struct cont it = {k, n, 0, p, true};
                if (match_here(re, x->child, s, p, &it))
                    return true;
            }
            ok = x->min == 0;
            break;
        }
        if (!ok)
            return false;
        n = x->next;
    }
}

bool hdb_regex_search(const struct hdb_regex *re, const char *s)
{
    for (const char *p = s;; p++) {
        if (match_here(re, re->root, s, p, NULL))
            return true;
        if (!*p)
            return false;
    }
}

const char *hdb_regex_strerror(int err)
{
    switch (err) {
    case HDB_REGEX_OK:
        return "Success";
    case HDB_REGEX_E_COLLATE:
        return "Invalid collation character";
    case HDB_REGEX_E_CTYPE:
        return "Invalid character class name";
    case HDB_REGEX_E_ESCAPE:
        return "Trailing backslash";
    case HDB_REGEX_E_SUBREG:
        return "Invalid back reference";
    case HDB_REGEX_E_BRACK:
        return "Unmatched [ or [^";
    case HDB_REGEX_E_PAREN:
        return "Unmatched ( or \\(";
    case HDB_REGEX_E_BRACE:
        return "Unmatched \\{";
    case HDB_REGEX_E_BADBR:
        return "Invalid content of \\{\\}";
    case HDB_REGEX_E_RANGE:
        return "Invalid range end";
    case HDB_REGEX_E_SIZE:
        return "Regular expression too big";
    default:
        return "Invalid regular expression";
    }
}
