/*
 * history.c: gdb's value history ($1, $, $$, $$N) and convenience
 * variables ($foo), GDB manual "Value History" and "Convenience Variables".
 *
 * A value printed is kept as it was then: a scalar as its bits, an object
 * in memory (a struct, an array, an artificial `@` array) as a copy of its
 * bytes. So that every operation on values (members, indexing, printing)
 * works on those copies unchanged, each copy gets an address in a range
 * no x86_64 process can map (0x4000000000000000 is not canonical, SDM
 * Vol. 1 3.3.7.1) and hdb_session_read() serves that range from here.
 * Such values are not in the program's memory: `&$1` is refused, as gdb
 * refuses it.
 *
 * A variable that optimized code keeps in pieces (DWARF5 2.6.1.2: a
 * register for one member, a computed value for another, nothing for a
 * third) is such a copy too, made of its pieces' bytes, with the bytes no
 * piece gives marked missing: reading them says HDB_E_OPTIMIZED_OUT, and
 * the formatter shows <optimized out> for the members they hold.
 */
#include <string.h>

#include <hdb/error.h>
#include <hdb/value.h>

#define SLOT_SHIFT 24 /* 16 MiB of address space per kept value */
#define MAX_COPY (1u << SLOT_SHIFT)
#define KIND_CONV (1ull << 56)
#define KIND_TEMP (1ull << 55)
#define NTEMPS 16 /* temporaries live until NTEMPS more are made */

struct kept {
    struct hdb_value v;
    const struct hdb_image *file; /* whose DWARF v's unit and type are in */
    uint64_t origin;              /* where a copied object was in the program (0: not in memory) */
    uint8_t *bytes;               /* a copy of the object (NULL: v is a scalar) */
    uint8_t *missing;             /* len flags, 1 for a byte no piece gives (NULL: none) */
    size_t len;
};

struct conv {
    char name[32];
    struct kept k;
};

struct hdb_valstore {
    struct kept *hist;
    size_t nhist, cap_hist;
    struct conv *conv;
    size_t nconv, cap_conv;
    /*
     * Objects an expression makes that are in no variable: a struct a
     * called function returned, a string literal. A ring: an expression
     * uses its temporaries before NTEMPS others replace them.
     */
    struct {
        struct kept k;
        bool literal; /* a string literal: put into the program when its address is needed */
    } temps[NTEMPS];
    unsigned next_temp;
};

static struct hdb_valstore *store(struct hdb_session *s)
{
    if (!s->values) {
        s->values = hdb_alloc(s->plat, sizeof(*s->values));
        if (s->values)
            memset(s->values, 0, sizeof(*s->values));
    }
    return s->values;
}

static void drop(struct hdb_session *s, struct kept *k)
{
    hdb_free(s->plat, k->bytes, k->len);
    if (k->missing)
        hdb_free(s->plat, k->missing, k->len);
    k->bytes = k->missing = NULL;
    k->len = 0;
}

/* Does [off, off + n) of k hold a byte no piece gave? */
static bool any_missing(const struct kept *k, size_t off, size_t n)
{
    for (size_t i = off; k->missing && i < off + n && i < k->len; i++)
        if (k->missing[i])
            return true;
    return false;
}

void hdb_values_free(struct hdb_session *s)
{
    struct hdb_valstore *vs = s->values;
    if (!vs)
        return;
    for (size_t i = 0; i < vs->nhist; i++)
        drop(s, &vs->hist[i]);
    for (size_t i = 0; i < vs->nconv; i++)
        drop(s, &vs->conv[i].k);
    for (size_t i = 0; i < NTEMPS; i++)
        drop(s, &vs->temps[i].k);
    hdb_free(s->plat, vs->hist, vs->cap_hist * sizeof(*vs->hist));
    hdb_free(s->plat, vs->conv, vs->cap_conv * sizeof(*vs->conv));
    hdb_free(s->plat, vs, sizeof(*vs));
    s->values = NULL;
}

bool hdb_values_in_store(uint64_t addr)
{
    return (addr & ~(KIND_CONV | ((1ull << 56) - 1))) == HDB_VALUE_SPACE;
}

bool hdb_values_is_temp(uint64_t addr)
{
    return hdb_values_in_store(addr) && ((addr - HDB_VALUE_SPACE) & KIND_TEMP) &&
           !((addr - HDB_VALUE_SPACE) & KIND_CONV);
}

static uint64_t temp_slot(unsigned i)
{
    return HDB_VALUE_SPACE + KIND_TEMP + ((uint64_t)i << SLOT_SHIFT);
}

/* The kept copy an address of the value space falls in, and the offset in it. */
static struct kept *kept_at(struct hdb_session *s, uint64_t addr, size_t *off)
{
    struct hdb_valstore *vs = s->values;
    uint64_t rel = addr - HDB_VALUE_SPACE;
    bool conv = rel & KIND_CONV, temp = rel & KIND_TEMP;
    size_t idx = (size_t)((rel & ~(KIND_CONV | KIND_TEMP)) >> SLOT_SHIFT);
    struct kept *k = NULL;
    *off = (size_t)(rel & (MAX_COPY - 1));
    if (vs && conv && !temp && idx < vs->nconv)
        k = &vs->conv[idx].k;
    else if (vs && temp && !conv && idx < NTEMPS)
        k = &vs->temps[idx].k;
    else if (vs && !conv && !temp && idx < vs->nhist)
        k = &vs->hist[idx];
    return k && k->bytes && *off < k->len ? k : NULL;
}

int hdb_values_read(struct hdb_session *s, uint64_t addr, void *buf, size_t len)
{
    size_t off;
    const struct kept *k = kept_at(s, addr, &off);
    if (!k)
        return HDB_E_IO;
    size_t n = len < k->len - off ? len : k->len - off;
    if (any_missing(k, off, n))
        return HDB_E_OPTIMIZED_OUT;
    memcpy(buf, k->bytes + off, n);
    return (int)n;
}

bool hdb_values_missing(struct hdb_session *s, uint64_t addr, size_t len)
{
    size_t off;
    const struct kept *k = hdb_values_in_store(addr) ? kept_at(s, addr, &off) : NULL;
    return k && any_missing(k, off, len);
}

int hdb_values_write(struct hdb_session *s, uint64_t addr, const void *buf, size_t len)
{
    size_t off;
    struct kept *k = kept_at(s, addr, &off);
    /* Only a convenience variable's members change ($s.x = 1); the history stays as printed. */
    if (!k || !((addr - HDB_VALUE_SPACE) & KIND_CONV) || len > k->len - off)
        return HDB_E_IO;
    memcpy(k->bytes + off, buf, len);
    return (int)len;
}

/* Copies v into k, an object in memory as its bytes at the slot's address. */
static int keep(struct hdb_session *s, const struct hdb_value *v, struct kept *k, uint64_t slot)
{
    memset(k, 0, sizeof(*k));
    k->v = *v;
    k->file = s->img;
    k->v.regno1 = 0;
    k->v.reg_class1 = 0;
    k->v.conv1 = 0;
    if (!v->lvalue)
        return 0;
    uint64_t size;
    int rc = hdb_value_sizeof(s, v, &size);
    if (rc < 0)
        return rc;
    if (size > MAX_COPY)
        return HDB_E_NOTSUP;
    k->len = size ? (size_t)size : 1;
    k->bytes = hdb_alloc(s->plat, k->len);
    if (!k->bytes)
        return HDB_E_NOMEM;
    memset(k->bytes, 0, k->len);
    size_t off;
    const struct kept *from = hdb_values_in_store(v->addr) ? kept_at(s, v->addr, &off) : NULL;
    bool pieces = from && from->missing && size <= from->len - off;
    if (pieces) {
        /* A copy of a variable in pieces: its missing bytes stay missing. */
        k->missing = hdb_alloc(s->plat, k->len);
        if (!k->missing) {
            drop(s, k);
            return HDB_E_NOMEM;
        }
        memcpy(k->bytes, from->bytes + off, (size_t)size);
        memcpy(k->missing, from->missing + off, (size_t)size);
    } else if (size && hdb_session_read(s, v->addr, k->bytes, (size_t)size) != (int)size) {
        drop(s, k);
        return HDB_E_IO;
    }
    k->origin = pieces ? 0 : v->addr; /* a variable in pieces is in no memory */
    k->v.addr = slot;
    return 0;
}

int hdb_values_origin(struct hdb_session *s, uint64_t addr, uint64_t *origin)
{
    size_t off;
    const struct kept *k = kept_at(s, addr, &off);
    /* gdb: a history value remembers where it was read from; a convenience variable does not. */
    if (!k || !k->origin || ((addr - HDB_VALUE_SPACE) & KIND_CONV))
        return HDB_E_NOT_IN_MEMORY;
    *origin = k->origin + off;
    return 0;
}

static int grow(struct hdb_session *s, void **arr, size_t *cap, size_t n, size_t elem)
{
    if (n < *cap)
        return 0;
    size_t nc = *cap ? *cap * 2 : 16;
    void *p = hdb_realloc(s->plat, *arr, *cap * elem, nc * elem);
    if (!p)
        return HDB_E_NOMEM;
    *arr = p;
    *cap = nc;
    return 0;
}

int hdb_values_record(struct hdb_session *s, const struct hdb_value *v)
{
    struct hdb_valstore *vs = store(s);
    if (!vs || grow(s, (void **)&vs->hist, &vs->cap_hist, vs->nhist, sizeof(*vs->hist)) < 0)
        return HDB_E_NOMEM;
    uint64_t slot = HDB_VALUE_SPACE + ((uint64_t)vs->nhist << SLOT_SHIFT);
    int rc = keep(s, v, &vs->hist[vs->nhist], slot);
    if (rc < 0)
        return rc;
    return (int)++vs->nhist;
}

int hdb_values_count(const struct hdb_session *s)
{
    return s->values ? (int)s->values->nhist : 0;
}

int hdb_values_history(struct hdb_session *s, int n, struct hdb_value *v)
{
    if (n < 1 || n > hdb_values_count(s))
        return HDB_E_NOT_FOUND;
    *v = s->values->hist[n - 1].v;
    return 0;
}

int hdb_values_conv(struct hdb_session *s, const char *name, struct hdb_value *v)
{
    struct hdb_valstore *vs = store(s);
    if (!vs)
        return HDB_E_NOMEM;
    size_t i = 0;
    while (i < vs->nconv && strcmp(vs->conv[i].name, name) != 0)
        i++;
    if (i == vs->nconv) {
        /* gdb: a convenience variable exists, void, from its first mention. */
        if (strlen(name) >= sizeof(vs->conv[0].name) ||
            grow(s, (void **)&vs->conv, &vs->cap_conv, vs->nconv, sizeof(*vs->conv)) < 0)
            return HDB_E_NOMEM;
        memset(&vs->conv[i], 0, sizeof(vs->conv[i]));
        memcpy(vs->conv[i].name, name, strlen(name) + 1);
        vs->conv[i].k.v.kind = HDB_VAL_VOID;
        vs->nconv++;
    }
    *v = vs->conv[i].k.v;
    v->conv1 = (int)i + 1;
    return 0;
}

int hdb_values_set_conv(struct hdb_session *s, int conv1, const struct hdb_value *v)
{
    struct hdb_valstore *vs = s->values;
    if (!vs || conv1 < 1 || (size_t)conv1 > vs->nconv)
        return HDB_E_ARG;
    struct kept k;
    uint64_t slot = HDB_VALUE_SPACE + KIND_CONV + ((uint64_t)(conv1 - 1) << SLOT_SHIFT);
    int rc = keep(s, v, &k, slot);
    if (rc < 0)
        return rc;
    drop(s, &vs->conv[conv1 - 1].k);
    vs->conv[conv1 - 1].k = k;
    return 0;
}

void hdb_values_use_file(struct hdb_session *s, int n, int conv1)
{
    const struct kept *k = NULL;
    if (n >= 1 && n <= hdb_values_count(s))
        k = &s->values->hist[n - 1];
    else if (!n && s->values && conv1 >= 1 && (size_t)conv1 <= s->values->nconv)
        k = &s->values->conv[conv1 - 1].k;
    if (!k)
        return;
    bool typed = k->v.kind == HDB_VAL_DWARF || k->v.kind == HDB_VAL_ADDR_OF ||
                 (k->v.kind == HDB_VAL_FUNC && k->v.type);
    if (typed && k->v.unit != HDB_BUILTIN_UNIT)
        hdb_session_use_image(s, k->file);
}

int hdb_values_pieces(struct hdb_session *s, const void *bytes, const uint8_t *missing, size_t len,
                      uint64_t *addr)
{
    int rc = hdb_values_temp(s, bytes, len, false, addr);
    if (rc < 0)
        return rc;
    size_t off;
    struct kept *k = kept_at(s, *addr, &off);
    if (!k)
        return HDB_E_NOMEM;
    k->missing = hdb_alloc(s->plat, k->len);
    if (!k->missing)
        return HDB_E_NOMEM;
    memset(k->missing, 0, k->len);
    memcpy(k->missing, missing, len);
    return 0;
}

int hdb_values_temp(struct hdb_session *s, const void *bytes, size_t len, bool literal,
                    uint64_t *addr)
{
    struct hdb_valstore *vs = store(s);
    if (!vs)
        return HDB_E_NOMEM;
    if (len > MAX_COPY)
        return HDB_E_NOTSUP;
    unsigned i = vs->next_temp++ % NTEMPS;
    struct kept *k = &vs->temps[i].k;
    drop(s, k);
    k->file = s->img;
    k->len = len ? len : 1;
    k->bytes = hdb_alloc(s->plat, k->len);
    if (!k->bytes)
        return HDB_E_NOMEM;
    memset(k->bytes, 0, k->len);
    memcpy(k->bytes, bytes, len);
    vs->temps[i].literal = literal;
    *addr = temp_slot(i);
    return 0;
}

uint64_t hdb_values_offset(uint64_t addr)
{
    return (addr - HDB_VALUE_SPACE) & (MAX_COPY - 1);
}

bool hdb_values_literal(struct hdb_session *s, uint64_t addr, const uint8_t **bytes, size_t *len)
{
    size_t off;
    const struct kept *k = kept_at(s, addr, &off);
    uint64_t rel = addr - HDB_VALUE_SPACE;
    if (!k || off != 0 || !(rel & KIND_TEMP) ||
        !s->values->temps[(rel & ~KIND_TEMP) >> SLOT_SHIFT].literal)
        return false;
    *bytes = k->bytes;
    *len = k->len;
    return true;
}
