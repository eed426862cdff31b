/*
 * disasm.c: instructions read through the session and decoded by the
 * platform's disassembler (hdb/disasm.h), and the annotations gdb adds to
 * them: the symbol a branch goes to, the address a rip-relative operand
 * names.
 */
#include <string.h>

#include <hdb/disasm.h>
#include <hdb/error.h>
#include <hdb/value.h>

int hdb_disasm_at(struct hdb_session *s, const struct hdb_disasm *d, uint64_t addr,
                  struct hdb_insn *out)
{
    if (!d || !d->ops)
        return HDB_E_NOTSUP;
    uint8_t code[HDB_INSN_MAX];
    /* Near the end of a mapping fewer bytes are readable; try shorter reads down to one. */
    int n = hdb_session_read(s, addr, code, sizeof(code));
    for (size_t want = sizeof(code) - 1; n <= 0 && want >= 1; want = want > 4 ? want - 4 : want - 1)
        n = hdb_session_read(s, addr, code, want);
    if (n <= 0)
        return HDB_E_IO;
    int rc = d->ops->decode(d->ctx, code, (size_t)n, addr, out);
    if (rc == HDB_E_NOMEM)
        return rc;
    if (rc < 0) {
        memset(out, 0, sizeof(*out));
        out->addr = addr;
        out->len = 1;
        out->bytes[0] = code[0];
        strcpy(out->text, "(bad)");
    }
    return 0;
}

/*
 * The symbol whose PLT stub lies at a link-time address, as gdb names it
 * (`puts@plt`): the stub is `[endbr64] [bnd] jmp *SLOT(%rip)`, and the
 * slot's relocation names the symbol (plt.c). NULL when it is no stub.
 */
static const char *plt_name(struct hdb_session *s, const struct hdb_disasm *d, uint64_t link)
{
    const struct hdb_image *img = s->img;
    if (!img || !d || !d->ops)
        return NULL;
    uint8_t code[HDB_INSN_MAX];
    struct hdb_insn in;
    for (int i = 0; i < 2; i++) {
        int n = hdb_image_read(img, link, code, sizeof(code));
        if (n <= 0 || d->ops->decode(d->ctx, code, (size_t)n, link, &in) < 0)
            return NULL;
        if (strcmp(in.text, "endbr64") != 0)
            break;
        link += in.len;
    }
    if (!in.has_ref || (strncmp(in.text, "jmp ", 4) != 0 && strncmp(in.text, "bnd jmp ", 8) != 0))
        return NULL;
    return hdb_session_plt_name(s, in.ref);
}

void hdb_disasm_text(struct hdb_session *s, const struct hdb_disasm *d, const struct hdb_insn *in,
                     struct hdb_strbuf *b)
{
    hdb_sb_printf(b, "%s", in->text);
    uint64_t start;
    const char *plt;
    if (in->has_target && hdb_session_symbol_at(s, in->target, &start))
        hdb_format_symbolic_linkage(s, in->target, b);
    else if (in->has_target && (plt = plt_name(s, d, hdb_session_to_link(s, in->target))) != NULL)
        hdb_sb_printf(b, " <%s>", plt);
    if (in->has_ref) {
        hdb_sb_printf(b, "        # 0x%llx", (unsigned long long)in->ref);
        hdb_format_symbolic_linkage(s, in->ref, b);
    }
}

void hdb_disasm_bytes(const struct hdb_insn *in, struct hdb_strbuf *b)
{
    size_t start = b->len;
    for (unsigned i = 0; i < in->len; i++)
        hdb_sb_printf(b, i ? " %02x" : "%02x", in->bytes[i]);
    /* gdb keeps the column of seven bytes, as objdump does; longer ones push the text right. */
    while (b->len - start < 19)
        hdb_sb_putc(b, ' ');
}
