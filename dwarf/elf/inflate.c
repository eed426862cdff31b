/*
 * zlib streams (RFC 1950) of DEFLATE blocks (RFC 1951), for the
 * SHF_COMPRESSED sections Debian's debug files carry (gABI "Section
 * Compression": an Elf64_Chdr, then the stream). Freestanding: the caller
 * gives the output buffer, whose size the section header states, and the
 * decoder keeps its Huffman tables on the stack. Every read is checked
 * against the input and every write and back-reference against the
 * output; a damaged stream is DWARF_ELF_E_INFLATE.
 */
#include <dwarf/elf.h>

#define MAX_BITS 15
#define MAX_LITLEN 288
#define MAX_DIST 32
#define ELFCOMPRESS_ZLIB 1
#define CHDR_SIZE 24

struct bits {
    const uint8_t *in;
    uint64_t len, pos; /* next byte */
    uint32_t buf;      /* bits not used yet, low first */
    int nbuf;
    bool over; /* a read ran past the input */
};

struct out {
    uint8_t *p;
    uint64_t len, pos;
};

/* A canonical Huffman code: how many codes of each length, and the
 * symbols ordered by code. */
struct huff {
    uint16_t count[MAX_BITS + 1];
    uint16_t symbol[MAX_LITLEN];
};

static uint32_t take(struct bits *b, int n)
{
    while (b->nbuf < n) {
        if (b->pos >= b->len) {
            b->over = true;
            return 0;
        }
        b->buf |= (uint32_t)b->in[b->pos++] << b->nbuf;
        b->nbuf += 8;
    }
    uint32_t v = b->buf & ((1u << n) - 1);
    b->buf >>= n;
    b->nbuf -= n;
    return v;
}

/* Builds the code from the lengths; false when more codes are given than
 * the lengths allow (an incomplete code fails later, at a missing code). */
static bool build(struct huff *h, const uint8_t *lengths, int n)
{
    uint16_t offs[MAX_BITS + 1];
    int left = 1;

    for (int i = 0; i <= MAX_BITS; i++)
        h->count[i] = 0;
    for (int s = 0; s < n; s++)
        h->count[lengths[s]]++;
    for (int len = 1; len <= MAX_BITS; len++) {
        left = left * 2 - h->count[len];
        if (left < 0)
            return false;
    }
    offs[1] = 0;
    for (int len = 1; len < MAX_BITS; len++)
        offs[len + 1] = (uint16_t)(offs[len] + h->count[len]);
    for (int s = 0; s < n; s++)
        if (lengths[s])
            h->symbol[offs[lengths[s]]++] = (uint16_t)s;
    return true;
}

/* One symbol: codes are read most significant bit first, a bit at a time;
 * the codes of each length follow those of the shorter ones. */
static int decode(struct bits *b, const struct huff *h)
{
    int code = 0, first = 0, index = 0;

    for (int len = 1; len <= MAX_BITS; len++) {
        code |= (int)take(b, 1);
        if (b->over)
            return -1;
        int count = h->count[len];
        if (code - first < count)
            return h->symbol[index + code - first];
        index += count;
        first = (first + count) << 1;
        code <<= 1;
    }
    return -1;
}

static const uint16_t len_base[29] = {3,  4,  5,  6,   7,   8,   9,   10,  11, 13,
                                      15, 17, 19, 23,  27,  31,  35,  43,  51, 59,
                                      67, 83, 99, 115, 131, 163, 195, 227, 258};
static const uint8_t len_extra[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
                                      2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
static const uint16_t dist_base[30] = {
    1,   2,   3,   4,   5,   7,    9,    13,   17,   25,   33,   49,   65,    97,    129,
    193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
static const uint8_t dist_extra[30] = {0, 0, 0, 0, 1, 1, 2, 2,  3,  3,  4,  4,  5,  5,  6,
                                       6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};

/* The symbols of one Huffman-coded block, up to end-of-block. */
static int codes(struct bits *b, struct out *o, const struct huff *lit, const struct huff *dist)
{
    for (;;) {
        int sym = decode(b, lit);
        if (sym < 0)
            return DWARF_ELF_E_INFLATE;
        if (sym < 256) {
            if (o->pos >= o->len)
                return DWARF_ELF_E_INFLATE;
            o->p[o->pos++] = (uint8_t)sym;
            continue;
        }
        if (sym == 256)
            return 0;
        sym -= 257;
        if (sym >= 29)
            return DWARF_ELF_E_INFLATE;
        uint64_t n = len_base[sym] + take(b, len_extra[sym]);
        int d = decode(b, dist);
        if (d < 0 || d >= 30)
            return DWARF_ELF_E_INFLATE;
        uint64_t back = dist_base[d] + take(b, dist_extra[d]);
        if (b->over || back > o->pos || n > o->len - o->pos)
            return DWARF_ELF_E_INFLATE;
        for (uint64_t i = 0; i < n; i++, o->pos++) /* may overlap itself: byte by byte */
            o->p[o->pos] = o->p[o->pos - back];
    }
}

static int stored(struct bits *b, struct out *o)
{
    b->buf = 0; /* to the byte boundary */
    b->nbuf = 0;
    if (b->len - b->pos < 4)
        return DWARF_ELF_E_INFLATE;
    uint32_t n = b->in[b->pos] | (uint32_t)b->in[b->pos + 1] << 8;
    uint32_t nn = b->in[b->pos + 2] | (uint32_t)b->in[b->pos + 3] << 8;
    b->pos += 4;
    if (n != (~nn & 0xffff) || n > b->len - b->pos || n > o->len - o->pos)
        return DWARF_ELF_E_INFLATE;
    __builtin_memcpy(o->p + o->pos, b->in + b->pos, n);
    b->pos += n;
    o->pos += n;
    return 0;
}

static int fixed(struct bits *b, struct out *o)
{
    struct huff lit, dist;
    uint8_t lengths[MAX_LITLEN];
    int s = 0;

    for (; s < 144; s++)
        lengths[s] = 8;
    for (; s < 256; s++)
        lengths[s] = 9;
    for (; s < 280; s++)
        lengths[s] = 7;
    for (; s < MAX_LITLEN; s++)
        lengths[s] = 8;
    build(&lit, lengths, MAX_LITLEN);
    for (s = 0; s < 30; s++)
        lengths[s] = 5;
    build(&dist, lengths, 30);
    return codes(b, o, &lit, &dist);
}

static int dynamic(struct bits *b, struct out *o)
{
    static const uint8_t order[19] = {16, 17, 18, 0, 8,  7, 9,  6, 10, 5,
                                      11, 4,  12, 3, 13, 2, 14, 1, 15};
    uint8_t lengths[MAX_LITLEN + MAX_DIST];
    struct huff lencode, lit, dist;
    int nlit = (int)take(b, 5) + 257, ndist = (int)take(b, 5) + 1, ncode = (int)take(b, 4) + 4;

    if (b->over || nlit > 286 || ndist > 30)
        return DWARF_ELF_E_INFLATE;
    for (int i = 0; i < 19; i++)
        lengths[order[i]] = i < ncode ? (uint8_t)take(b, 3) : 0;
    if (b->over || !build(&lencode, lengths, 19))
        return DWARF_ELF_E_INFLATE;
    for (int i = 0; i < nlit + ndist;) {
        int sym = decode(b, &lencode), rep;
        uint8_t v = 0;
        if (sym < 0)
            return DWARF_ELF_E_INFLATE;
        if (sym < 16) {
            lengths[i++] = (uint8_t)sym;
            continue;
        }
        if (sym == 16) {
            if (i == 0)
                return DWARF_ELF_E_INFLATE;
            v = lengths[i - 1];
            rep = 3 + (int)take(b, 2);
        } else if (sym == 17) {
            rep = 3 + (int)take(b, 3);
        } else {
            rep = 11 + (int)take(b, 7);
        }
        if (b->over || i + rep > nlit + ndist)
            return DWARF_ELF_E_INFLATE;
        while (rep--)
            lengths[i++] = v;
    }
    if (lengths[256] == 0) /* no end-of-block code */
        return DWARF_ELF_E_INFLATE;
    if (!build(&lit, lengths, nlit) || !build(&dist, lengths + nlit, ndist))
        return DWARF_ELF_E_INFLATE;
    return codes(b, o, &lit, &dist);
}

static uint32_t adler32(const uint8_t *p, uint64_t n)
{
    uint32_t a = 1, s = 0;

    for (uint64_t i = 0; i < n; i++) {
        a = (a + p[i]) % 65521;
        s = (s + a) % 65521;
    }
    return s << 16 | a;
}

int dwarf_zlib_inflate(const uint8_t *in, uint64_t in_len, uint8_t *out, uint64_t out_len,
                       uint64_t *produced)
{
    struct bits b = {.in = in, .len = in_len, .pos = 2};
    struct out o = {out, out_len, 0};
    int last = 0, rc = 0;

    if (!in || (!out && out_len) || !produced)
        return DWARF_ELF_E_ARG;
    *produced = 0;
    /* CMF: deflate with a window up to 32 KiB; FLG: check bits, no preset dictionary. */
    if (in_len < 6 || (in[0] & 0x0f) != 8 || (in[0] >> 4) > 7 || (in[0] * 256u + in[1]) % 31 ||
        (in[1] & 0x20))
        return DWARF_ELF_E_INFLATE;
    while (!last && rc == 0) {
        last = (int)take(&b, 1);
        int type = (int)take(&b, 2);
        if (b.over)
            return DWARF_ELF_E_INFLATE;
        rc = type == 0   ? stored(&b, &o)
             : type == 1 ? fixed(&b, &o)
             : type == 2 ? dynamic(&b, &o)
                         : DWARF_ELF_E_INFLATE;
    }
    if (rc < 0)
        return rc;
    /* The Adler-32 of the data follows, big-endian, from the next byte. */
    if (b.len - b.pos < 4)
        return DWARF_ELF_E_INFLATE;
    const uint8_t *t = in + b.pos;
    uint32_t want = (uint32_t)t[0] << 24 | (uint32_t)t[1] << 16 | (uint32_t)t[2] << 8 | t[3];
    if (want != adler32(out, o.pos))
        return DWARF_ELF_E_INFLATE;
    *produced = o.pos;
    return 0;
}

int dwarf_elf_inflated_size(const struct dwarf_elf_section *s, uint64_t *size)
{
    if (!s || !size || !s->data)
        return DWARF_ELF_E_ARG;
    if (!(s->flags & DWARF_ELF_SHF_COMPRESSED) || s->size < CHDR_SIZE)
        return DWARF_ELF_E_SECTION;
    uint32_t type = (uint32_t)s->data[0] | (uint32_t)s->data[1] << 8 | (uint32_t)s->data[2] << 16 |
                    (uint32_t)s->data[3] << 24;
    if (type != ELFCOMPRESS_ZLIB)
        return DWARF_ELF_E_COMPRESSED; /* zstd and others: not here */
    uint64_t n = 0;
    for (int i = 7; i >= 0; i--)
        n = n << 8 | s->data[8 + i];
    *size = n;
    return 0;
}

int dwarf_elf_inflate_section(const struct dwarf_elf_section *s, uint8_t *out, uint64_t size)
{
    uint64_t want, got;
    int rc = dwarf_elf_inflated_size(s, &want);

    if (rc < 0)
        return rc;
    if (size != want)
        return DWARF_ELF_E_ARG;
    rc = dwarf_zlib_inflate(s->data + CHDR_SIZE, s->size - CHDR_SIZE, out, size, &got);
    if (rc == 0 && got != want)
        return DWARF_ELF_E_INFLATE;
    return rc;
}
