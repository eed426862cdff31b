/*
 * The formatter behind kprintf and ksnprintf. One pass over the format:
 * parse a conversion specification into struct spec, convert the argument
 * into a small digit buffer, then emit padding, sign, prefix, zeros, digits
 * and padding in C11 7.21.6.1 order. Unknown conversions are copied through
 * verbatim so a bad format string is visible rather than silently eaten.
 */
#include <kernel/fmt.h>
#include <kernel/string.h>

enum length {
    LEN_INT,
    LEN_CHAR,
    LEN_SHORT,
    LEN_LONG,
    LEN_LLONG,
    LEN_SIZE,
    LEN_PTRDIFF,
    LEN_INTMAX
};

struct spec {
    bool left;
    bool plus;
    bool space;
    bool alt;
    bool zero;
    int width;
    int precision; /* -1: none */
    enum length length;
    char conv;
};

struct out {
    fmt_put_fn put;
    void *ctx;
    int count;
};

static void emit(struct out *o, const char *s, size_t n)
{
    if (n == 0)
        return;
    o->put(o->ctx, s, n);
    o->count += (int)n;
}

static void emit_repeat(struct out *o, char c, int n)
{
    char buf[16];

    memset(buf, c, sizeof(buf));
    while (n > 0) {
        int k = n < (int)sizeof(buf) ? n : (int)sizeof(buf);
        emit(o, buf, (size_t)k);
        n -= k;
    }
}

static const char *parse_spec(const char *f, struct spec *sp, va_list *ap)
{
    *sp = (struct spec){.precision = -1};

    for (;; f++) {
        if (*f == '-')
            sp->left = true;
        else if (*f == '+')
            sp->plus = true;
        else if (*f == ' ')
            sp->space = true;
        else if (*f == '#')
            sp->alt = true;
        else if (*f == '0')
            sp->zero = true;
        else
            break;
    }

    if (*f == '*') {
        sp->width = va_arg(*ap, int);
        if (sp->width < 0) {
            sp->left = true;
            sp->width = -sp->width;
        }
        f++;
    } else {
        while (*f >= '0' && *f <= '9')
            sp->width = sp->width * 10 + (*f++ - '0');
    }

    if (*f == '.') {
        f++;
        sp->precision = 0;
        if (*f == '*') {
            sp->precision = va_arg(*ap, int);
            if (sp->precision < 0)
                sp->precision = -1;
            f++;
        } else {
            while (*f >= '0' && *f <= '9')
                sp->precision = sp->precision * 10 + (*f++ - '0');
        }
    }

    switch (*f) {
    case 'h':
        f++;
        sp->length = LEN_SHORT;
        if (*f == 'h') {
            f++;
            sp->length = LEN_CHAR;
        }
        break;
    case 'l':
        f++;
        sp->length = LEN_LONG;
        if (*f == 'l') {
            f++;
            sp->length = LEN_LLONG;
        }
        break;
    case 'z':
        f++;
        sp->length = LEN_SIZE;
        break;
    case 't':
        f++;
        sp->length = LEN_PTRDIFF;
        break;
    case 'j':
        f++;
        sp->length = LEN_INTMAX;
        break;
    }
    sp->conv = *f;
    return f;
}

static uintmax_t fetch_unsigned(enum length len, va_list *ap)
{
    switch (len) {
    case LEN_CHAR:
        return (unsigned char)va_arg(*ap, unsigned int);
    case LEN_SHORT:
        return (unsigned short)va_arg(*ap, unsigned int);
    case LEN_LONG:
        return va_arg(*ap, unsigned long);
    case LEN_LLONG:
        return va_arg(*ap, unsigned long long);
    case LEN_SIZE:
        return va_arg(*ap, size_t);
    case LEN_PTRDIFF:
        return (uintmax_t)va_arg(*ap, ptrdiff_t);
    case LEN_INTMAX:
        return va_arg(*ap, uintmax_t);
    default:
        return va_arg(*ap, unsigned int);
    }
}

static intmax_t fetch_signed(enum length len, va_list *ap)
{
    switch (len) {
    case LEN_CHAR:
        return (signed char)va_arg(*ap, int);
    case LEN_SHORT:
        return (short)va_arg(*ap, int);
    case LEN_LONG:
        return va_arg(*ap, long);
    case LEN_LLONG:
        return va_arg(*ap, long long);
    case LEN_SIZE:
        return (intmax_t)va_arg(*ap, size_t);
    case LEN_PTRDIFF:
        return va_arg(*ap, ptrdiff_t);
    case LEN_INTMAX:
        return va_arg(*ap, intmax_t);
    default:
        return va_arg(*ap, int);
    }
}

/* Digits of v in base, most significant first, into the end of buf. */
static size_t to_digits(uintmax_t v, unsigned base, bool upper, char *buf, size_t size)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    size_t n = 0;

    while (v != 0 && n < size) {
        buf[size - 1 - n] = digits[v % base];
        v /= base;
        n++;
    }
    return n;
}

static void format_integer(struct out *o, const struct spec *sp, uintmax_t mag, bool negative)
{
    char buf[24];
    unsigned base = 10;
    const char *prefix = "";
    char sign = 0;

    if (sp->conv == 'x' || sp->conv == 'X' || sp->conv == 'p')
        base = 16;
    else if (sp->conv == 'o')
        base = 8;

    size_t ndig = to_digits(mag, base, sp->conv == 'X', buf, sizeof(buf));
    const char *digits = buf + sizeof(buf) - ndig;

    /* glibc also honours '+' and ' ' for %p; follow it so output matches. */
    if (sp->conv == 'd' || sp->conv == 'i' || sp->conv == 'p') {
        if (negative)
            sign = '-';
        else if (sp->plus)
            sign = '+';
        else if (sp->space)
            sign = ' ';
    }
    if ((sp->alt && mag != 0 && (base == 16)) || sp->conv == 'p')
        prefix = sp->conv == 'X' ? "0X" : "0x";

    /* C11 7.21.6.1: the minimum number of digits; 0 with precision 0 prints nothing. */
    int min_digits = sp->precision >= 0 ? sp->precision : 1;
    if (mag == 0 && sp->precision == 0)
        min_digits = 0;
    int zeros = min_digits > (int)ndig ? min_digits - (int)ndig : 0;
    /* '#' with 'o' forces a leading zero. */
    if (sp->alt && base == 8 && zeros == 0 && (ndig == 0 || mag != 0))
        zeros = 1;

    int body = (sign ? 1 : 0) + (int)strlen(prefix) + zeros + (int)ndig;
    int pad = sp->width > body ? sp->width - body : 0;
    bool zero_pad = sp->zero && !sp->left && sp->precision < 0;

    if (!sp->left && !zero_pad)
        emit_repeat(o, ' ', pad);
    if (sign)
        emit(o, &sign, 1);
    emit(o, prefix, strlen(prefix));
    if (zero_pad)
        emit_repeat(o, '0', pad);
    emit_repeat(o, '0', zeros);
    emit(o, digits, ndig);
    if (sp->left)
        emit_repeat(o, ' ', pad);
}

static void format_string(struct out *o, const struct spec *sp, const char *s, size_t len)
{
    if (sp->precision >= 0 && (size_t)sp->precision < len)
        len = (size_t)sp->precision;
    int pad = sp->width > (int)len ? sp->width - (int)len : 0;

    if (!sp->left)
        emit_repeat(o, ' ', pad);
    emit(o, s, len);
    if (sp->left)
        emit_repeat(o, ' ', pad);
}

int fmt_vformat(fmt_put_fn put, void *ctx, const char *fmt, va_list ap_in)
{
    struct out o = {.put = put, .ctx = ctx};
    va_list ap;

    va_copy(ap, ap_in);
    while (*fmt) {
        const char *start = fmt;
        while (*fmt && *fmt != '%')
            fmt++;
        emit(&o, start, (size_t)(fmt - start));
        if (!*fmt)
            break;

        struct spec sp;
        const char *end = parse_spec(fmt + 1, &sp, &ap);

        switch (sp.conv) {
        case 'd':
        case 'i': {
            intmax_t v = fetch_signed(sp.length, &ap);
            uintmax_t mag = v < 0 ? (uintmax_t)0 - (uintmax_t)v : (uintmax_t)v;
            format_integer(&o, &sp, mag, v < 0);
            break;
        }
        case 'u':
        case 'o':
        case 'x':
        case 'X':
            format_integer(&o, &sp, fetch_unsigned(sp.length, &ap), false);
            break;
        case 'p': {
            void *p = va_arg(ap, void *);
            if (p == NULL) {
                sp.precision = -1;
                format_string(&o, &sp, "(nil)", 5);
            } else {
                format_integer(&o, &sp, (uintptr_t)p, false);
            }
            break;
        }
        case 'c': {
            char c = (char)va_arg(ap, int);
            sp.precision = -1;
            format_string(&o, &sp, &c, 1);
            break;
        }
        case 's': {
            const char *s = va_arg(ap, const char *);
            if (s == NULL)
                s = sp.precision < 0 || sp.precision >= 6 ? "(null)" : "";
            size_t len = sp.precision >= 0 ? strnlen(s, (size_t)sp.precision) : strlen(s);
            format_string(&o, &sp, s, len);
            break;
        }
        case '%':
            emit(&o, "%", 1);
            break;
        default:
            /* Unknown or truncated conversion: show it as written. */
            emit(&o, fmt, (size_t)(end - fmt) + (*end ? 1 : 0));
            if (!*end) {
                fmt = end;
                continue;
            }
            break;
        }
        fmt = end + 1;
    }
    va_end(ap);
    return o.count;
}

struct buf_sink {
    char *buf;
    size_t size;
    size_t pos;
};

static void buf_put(void *ctx, const char *s, size_t n)
{
    struct buf_sink *b = ctx;

    if (b->pos + 1 < b->size) {
        size_t room = b->size - 1 - b->pos;
        memcpy(b->buf + b->pos, s, n < room ? n : room);
    }
    b->pos += n;
}

int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct buf_sink b = {.buf = buf, .size = size};
    int n = fmt_vformat(buf_put, &b, fmt, ap);

    if (size > 0)
        buf[b.pos < size ? b.pos : size - 1] = '\0';
    return n;
}

int ksnprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    int n = kvsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
