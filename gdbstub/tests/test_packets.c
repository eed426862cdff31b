/*
 * test_packets.c: each data packet handler (registers, memory,
 * breakpoints, threads, queries, qXfer, qRcmd) against the fake target,
 * with the exact reply bytes from GDB manual "Packets" and "General Query
 * Packets", and the decode-then-act rule: a rejected packet reaches no
 * target op that changes anything.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "gdbstub/codec.h"
#include "harness.h"

#define RX 4096
#define TX 4096

static int setup(void **state)
{
    *state = th_new(RX, TX);
    return 0;
}

static int teardown(void **state)
{
    th_free(*state);
    return 0;
}

#define TEST(fn)                                                                                   \
    {                                                                                              \
        "gdbstub." #fn, fn, setup, teardown, NULL                                                  \
    }

static char *hex_of(const uint8_t *p, size_t len)
{
    static char buf[2 * GDBSTUB_X86_64_REGS_BYTES + 1];

    gdbstub_hex_encode((uint8_t *)buf, p, len);
    buf[2 * len] = '\0';
    return buf;
}

/* ---- registers ------------------------------------------------------------ */

static void regs_g_whole_set(void **state)
{
    struct th *th = *state;

    assert_string_equal(th_cmd(th, "g"),
                        th_acked(hex_of(th->target.regs[1], GDBSTUB_X86_64_REGS_BYTES)));
    /* rax of thread 1 is 0x1000, little-endian first */
    assert_memory_equal(th->out + 2, "0010000000000000", 16);
    assert_int_equal(strlen(th->out), 1 + 1 + 1104 + 3);
}

static void regs_g_follows_hg(void **state)
{
    struct th *th = *state;

    assert_string_equal(th_cmd(th, "Hg2"), th_acked("OK"));
    assert_string_equal(th_cmd(th, "g"),
                        th_acked(hex_of(th->target.regs[2], GDBSTUB_X86_64_REGS_BYTES)));
    assert_int_equal(th->target.last_tid, 2);
}

static void regs_g_unavailable_as_xx(void **state)
{
    struct th *th = *state;
    char want[2 * GDBSTUB_X86_64_REGS_BYTES + 1];
    size_t off = 2 * fake_reg_offset(GDBSTUB_X86_64_ST0);

    th->target.unavail_reg = GDBSTUB_X86_64_ST0;
    strcpy(want, hex_of(th->target.regs[1], GDBSTUB_X86_64_REGS_BYTES));
    memset(want + off, 'x', 20);
    assert_string_equal(th_cmd(th, "g"), th_acked(want));
    assert_string_equal(th_cmd(th, "p18"), th_acked("xxxxxxxxxxxxxxxxxxxx"));
}

static void regs_G_writes_every_register(void **state)
{
    struct th *th = *state;
    char pkt[2 * GDBSTUB_X86_64_REGS_BYTES + 2] = "G";
    uint8_t regs[GDBSTUB_X86_64_REGS_BYTES];

    for (size_t i = 0; i < sizeof(regs); i++)
        regs[i] = (uint8_t)(i * 7);
    strcat(pkt, hex_of(regs, sizeof(regs)));
    assert_string_equal(th_cmd(th, pkt), th_acked("OK"));
    assert_memory_equal(th->target.regs[1], regs, sizeof(regs));
}

static void regs_G_rejects_before_writing(void **state)
{
    struct th *th = *state;
    char pkt[2 * GDBSTUB_X86_64_REGS_BYTES + 3] = "G";

    memset(pkt + 1, '0', 2 * GDBSTUB_X86_64_REGS_BYTES - 2);
    assert_string_equal(th_cmd(th, pkt), th_acked("E16")); /* one byte short */
    strcat(pkt, "00");
    pkt[500] = 'q';
    assert_string_equal(th_cmd(th, pkt), th_acked("E16")); /* bad hex in the middle */
    pkt[500] = '0';
    strcat(pkt, "0");
    assert_string_equal(th_cmd(th, pkt), th_acked("E16")); /* odd length */
    assert_int_equal(th->target.writes, 0);
}

static void regs_p_single(void **state)
{
    struct th *th = *state;

    assert_string_equal(th_cmd(th, "p10"), th_acked("0011000000000000")); /* rip */
    assert_string_equal(th_cmd(th, "p11"), th_acked("46020000"));         /* eflags */
    assert_string_equal(th_cmd(th, "p39"), th_acked("0170000000000000")); /* fs_base */
    assert_string_equal(th_cmd(th, "p3a"), th_acked("0000000000000000")); /* gs_base */
    assert_string_equal(th_cmd(th, "p3b"), th_acked("E16"));              /* past the end */
    assert_string_equal(th_cmd(th, "p10g"), th_acked("E16"));
    assert_string_equal(th_cmd(th, "p"), th_acked("E16"));
    assert_string_equal(th_cmd(th, "p10000000000000000"), th_acked("E16"));
}

static void regs_P_single(void **state)
{
    struct th *th = *state;

    assert_string_equal(th_cmd(th, "P10=8877665544332211"), th_acked("OK"));
    assert_true(fake_reg_u64(&th->target, 1, GDBSTUB_X86_64_RIP) == 0x1122334455667788u);
    assert_string_equal(th_cmd(th, "P11=ff"), th_acked("E16"));       /* wrong size */
    assert_string_equal(th_cmd(th, "P11=zzzzzzzz"), th_acked("E16")); /* not hex */
    assert_string_equal(th_cmd(th, "P3b=00000000"), th_acked("E16")); /* no such reg */
    assert_string_equal(th_cmd(th, "P11"), th_acked("E16"));
    assert_int_equal(th->target.writes, 1);
}

/* ---- memory --------------------------------------------------------------- */

static void mem_m_reads(void **state)
{
    struct th *th = *state;

    assert_string_equal(th_cmd(th, "m1000,4"), th_acked("00010203"));
    assert_string_equal(th_cmd(th, "m10FE,2"), th_acked("feff"));
    /* running into the hole: the bytes before it */
    assert_string_equal(th_cmd(th, "m10fe,4"), th_acked("feff"));
    assert_string_equal(th_cmd(th, "m3000,4"), th_acked("E0e"));
}

static void mem_m_hostile_arguments(void **state)
{
    struct th *th = *state;

    assert_string_equal(th_cmd(th, "m1000,0"), th_acked("E16"));
    assert_string_equal(th_cmd(th, "m1000"), th_acked("E16"));
    assert_string_equal(th_cmd(th, "m,4"), th_acked("E16"));
    assert_string_equal(th_cmd(th, "mzz,4"), th_acked("E16"));
    assert_string_equal(th_cmd(th, "m1000,4x"), th_acked("E16"));
    assert_string_equal(th_cmd(th, "m10000000000000000,1"), th_acked("E16"));
    /* the top byte of the address space: never wraps to 0 */
    assert_string_equal(th_cmd(th, "mffffffffffffffff,10"), th_acked("E0e"));
    /* a huge length is cut to what one reply holds */
    th_cmd(th, "m1000,ffffffffffffffff");
    assert_int_equal(th_check_stream((uint8_t *)th->out, th->out_len), 1);
    assert_int_equal(strlen(th->out), 2 + 512 + 3);
    assert_int_equal(th->target.bad_args, 0);
}

static void mem_M_writes(void **state)
{
    struct th *th = *state;

    assert_string_equal(th_cmd(th, "M1000,2:abCD"), th_acked("OK"));
    assert_memory_equal(th->target.mem_a, "\xab\xcd\x02", 3);
    assert_string_equal(th_cmd(th, "M1000,0:"), th_acked("OK"));
    assert_string_equal(th_cmd(th, "M10ff,2:0102"), th_acked("E0e"));
}

static void mem_M_rejects_before_writing(void **state)
{
    struct th *th = *state;

    assert_string_equal(th_cmd(th, "M1000,3:abcd"), th_acked("E16"));
    assert_string_equal(th_cmd(th, "M1000,2:abc"), th_acked("E16"));
    assert_string_equal(th_cmd(th, "M1000,2:abzz"), th_acked("E16"));
    assert_string_equal(th_cmd(th, "M1000,2abcd"), th_acked("E16"));
    assert_string_equal(th_cmd(th, "M1000,ffffffffffffffff:00"), th_acked("E16"));
    assert_int_equal(th->target.writes, 0);
}

static void mem_X_binary(void **state)
{
    struct th *th = *state;
    /* data: } $ * 0x00 'z' escaped as }] }\x04 }\x0a */
    static const char pkt[] = "X1000,5:}]}\x04}\x0a\0z";

    assert_string_equal(th_cmd(th, "X1000,0:"), th_acked("OK")); /* gdb's probe */
    th_clear(th);
    th_send(th, pkt, sizeof(pkt) - 1);
    assert_string_equal(th->out, th_acked("OK"));
    assert_memory_equal(th->target.mem_a, "}$*\0z", 5);
    assert_string_equal(th_cmd(th, "X1000,2:abc"), th_acked("E16"));
    assert_string_equal(th_cmd(th, "X1000,2:a"), th_acked("E16"));
    assert_string_equal(th_cmd(th, "Xffffffffffffffff,2:ab"), th_acked("E0e"));
    assert_int_equal(th->target.writes, 1);
}

/* ---- breakpoints ---------------------------------------------------------- */

static void bp_insert_remove(void **state)
{
    struct th *th = *state;

    assert_string_equal(th_cmd(th, "Z0,401000,1"), th_acked("OK"));
    assert_true(th->target.bps[0].used);
    assert_int_equal(th->target.bps[0].type, GDBSTUB_BP_SOFTWARE);
    assert_true(th->target.bps[0].addr == 0x401000);
    assert_string_equal(th_cmd(th, "Z2,2000,8"), th_acked("OK"));
    assert_int_equal(th->target.bps[1].type, GDBSTUB_WATCH_WRITE);
    assert_true(th->target.bps[1].kind == 8);
    assert_string_equal(th_cmd(th, "z0,401000,1"), th_acked("OK"));
    assert_false(th->target.bps[0].used);
    assert_string_equal(th_cmd(th, "z0,401000,1"), th_acked("E16"));
}

static void bp_unsupported_and_malformed(void **state)
{
    struct th *th = *state;

    assert_string_equal(th_cmd(th, "Z3,2000,4"), th_acked("")); /* target says no */
    assert_string_equal(th_cmd(th, "Z5,2000,4"), th_acked("")); /* unknown type */
    assert_string_equal(th_cmd(th, "Z0,1000"), th_acked("E16"));
    assert_string_equal(th_cmd(th, "Z0,1000,1;X1,ff"), th_acked("E16"));
    assert_string_equal(th_cmd(th, "Z0,10000000000000000,1"), th_acked("E16"));
    assert_string_equal(th_cmd(th, "Z"), th_acked("E16"));
    for (int i = 0; i < FAKE_MAX_BPS; i++)
        th_cmd(th, "Z1,1000,1");
    assert_string_equal(th_cmd(th, "Z1,1000,1"), th_acked("E1c"));
}

/* ---- threads -------------------------------------------------------------- */

static void threads_list(void **state)
{
    struct th *th = *state;

    assert_string_equal(th_cmd(th, "qfThreadInfo"), th_acked("m1,2,3"));
    assert_string_equal(th_cmd(th, "qsThreadInfo"), th_acked("l"));
    assert_string_equal(th_cmd(th, "qsThreadInfo"), th_acked("l"));
    assert_string_equal(th_cmd(th, "qfThreadInfo"), th_acked("m1,2,3"));
}

static void threads_select_and_query(void **state)
{
    struct th *th = *state;

    assert_string_equal(th_cmd(th, "qC"), th_acked("QC1"));
    assert_string_equal(th_cmd(th, "T2"), th_acked("OK"));
    assert_string_equal(th_cmd(th, "T9"), th_acked("E03"));
    assert_string_equal(th_cmd(th, "T-1"), th_acked("E16"));
    assert_string_equal(th_cmd(th, "Hg9"), th_acked("E03"));
    assert_string_equal(th_cmd(th, "Hg-1"), th_acked("E16"));
    assert_string_equal(th_cmd(th, "Hc-1"), th_acked("OK"));
    assert_string_equal(th_cmd(th, "Hg0"), th_acked("OK"));
    assert_string_equal(th_cmd(th, "Hx1"), th_acked("E16"));
    assert_string_equal(th_cmd(th, "Hg3"), th_acked("OK"));
    assert_string_equal(th_cmd(th, "m1000,1"), th_acked("00"));
    assert_int_equal(th->target.last_tid, 3);
}

static void threads_extra_info(void **state)
{
    struct th *th = *state;

    assert_string_equal(th_cmd(th, "qThreadExtraInfo,2"), th_acked("696e6974")); /* "init" */
    assert_string_equal(th_cmd(th, "qThreadExtraInfo,9"), th_acked("E03"));
    assert_string_equal(th_cmd(th, "qThreadExtraInfo"), th_acked("E16"));
    assert_string_equal(th_cmd(th, "qThreadExtraInfo,"), th_acked("E16"));
}

/* ---- queries -------------------------------------------------------------- */

static void query_supported(void **state)
{
    struct th *th = *state;

    assert_string_equal(
        th_cmd(th, "qSupported:multiprocess+;swbreak+;hwbreak+;qRelocInsn+;"
                   "vContSupported+;xmlRegisters=i386"),
        th_acked("PacketSize=1000;QStartNoAckMode+;qXfer:features:read+;swbreak+;hwbreak+;"
                 "vContSupported+;qXfer:osdata:read+"));
    assert_true(th->gs.gdb_swbreak);
    assert_true(th->gs.gdb_hwbreak);
    th_cmd(th, "qSupported");
    assert_false(th->gs.gdb_swbreak);
}

static void query_misc_and_unknown(void **state)
{
    struct th *th = *state;

    assert_string_equal(th_cmd(th, "qAttached"), th_acked("1"));
    assert_string_equal(th_cmd(th, "qAttached:2a"), th_acked("1"));
    assert_string_equal(th_cmd(th, "vMustReplyEmpty"), th_acked(""));
    assert_string_equal(th_cmd(th, "qTStatus"), th_acked(""));
    assert_string_equal(th_cmd(th, "qCRC:1000,4"), th_acked("")); /* not qC */
    assert_string_equal(th_cmd(th, "qSupportedX"), th_acked(""));
    assert_string_equal(th_cmd(th, "!"), th_acked(""));
    assert_string_equal(th_cmd(th, "\x7f\x01"), th_acked(""));
}

static void xfer_target_xml(void **state)
{
    struct th *th = *state;
    const struct gdbstub_annex *t = &gdbstub_arch_x86_64.features[0];
    char want[4096];

    assert_string_equal(t->name, "target.xml");
    snprintf(want, sizeof(want), "l%s", t->data);
    assert_string_equal(th_cmd(th, "qXfer:features:read:target.xml:0,ffb"), th_acked(want));
    snprintf(want, sizeof(want), "m%.16s", t->data);
    assert_string_equal(th_cmd(th, "qXfer:features:read:target.xml:0,10"), th_acked(want));
    snprintf(want, sizeof(want), "m%.5s", t->data + 16);
    assert_string_equal(th_cmd(th, "qXfer:features:read:target.xml:10,5"), th_acked(want));
    snprintf(want, sizeof(want), "qXfer:features:read:target.xml:%zx,10", t->len);
    assert_string_equal(th_cmd(th, want), th_acked("l"));
    assert_string_equal(th_cmd(th, "qXfer:features:read:target.xml:ffffffffffffffff,10"),
                        th_acked("l"));
}

static void xfer_osdata(void **state)
{
    struct th *th = *state;

    assert_string_equal(th_cmd(th, "qXfer:osdata:read::0,100"),
                        th_acked("l<osdata type=\"types\"><item><column name=\"Type\">tasks"
                                 "</column></item></osdata>"));
    assert_string_equal(th_cmd(th, "qXfer:osdata:read:tasks:0,8"), th_acked("m<osdata "));
    assert_string_equal(th_cmd(th, "qXfer:osdata:read:tasks:8,400"),
                        th_acked("ltype=\"tasks\"><item><column name=\"id\">1</column>"
                                 "</item></osdata>"));
}

static void xfer_errors(void **state)
{
    struct th *th = *state;

    assert_string_equal(th_cmd(th, "qXfer:features:read:nope.xml:0,10"), th_acked("E00"));
    assert_string_equal(th_cmd(th, "qXfer:features:read:target.xml:0"), th_acked("E00"));
    assert_string_equal(th_cmd(th, "qXfer:features:read:target.xml"), th_acked("E00"));
    assert_string_equal(th_cmd(th, "qXfer:features:write:target.xml:0:ab"), th_acked(""));
    assert_string_equal(th_cmd(th, "qXfer:osdata:read:nosuch:0,100"), th_acked("E00"));
    assert_string_equal(th_cmd(th, "qXfer"), th_acked("E16"));
}

/* Fetch an annex in chunks of n, as gdb does, and return its text. */
static char *fetch_annex(struct th *th, const char *name, size_t n)
{
    static char text[16384];
    size_t len = 0;

    for (;;) {
        char pkt[128];
        snprintf(pkt, sizeof(pkt), "qXfer:features:read:%s:%zx,%zx", name, len, n);
        th_cmd(th, pkt);
        assert_int_equal(th_check_stream((uint8_t *)th->out, th->out_len), 1);
        char *p = th->out + 2;
        char *end = strrchr(th->out, '#');
        assert_true(*p == 'm' || *p == 'l');
        memcpy(text + len, p + 1, (size_t)(end - p - 1));
        len += (size_t)(end - p - 1);
        if (*p == 'l')
            break;
    }
    text[len] = '\0';
    return text;
}

/*
 * The numbering contract: the <reg> elements of every included feature,
 * in order, have the sizes of the arch table (and so the g layout), and
 * the names of gdbstub/x86_64.h where we spot-check them.
 */
static void xfer_tdesc_matches_register_layout(void **state)
{
    struct th *th = *state;
    const struct gdbstub_arch *arch = &gdbstub_arch_x86_64;
    uint32_t regnum = 0;
    char names[GDBSTUB_X86_64_NREGS][16];

    assert_string_equal(fetch_annex(th, "target.xml", 0x40), arch->features[0].data);
    for (size_t f = 1; f < arch->nfeatures; f++) {
        char *xml = fetch_annex(th, arch->features[f].name, 0x33);
        assert_string_equal(xml, arch->features[f].data);
        assert_non_null(strstr(arch->features[0].data, arch->features[f].name));
        for (char *r = strstr(xml, "<reg "); r != NULL; r = strstr(r + 1, "<reg ")) {
            char *b = strstr(r, "bitsize=\"");
            assert_non_null(b);
            assert_true(regnum < arch->nregs);
            assert_int_equal(atoi(b + 9), 8 * arch->reg_sizes[regnum]);
            sscanf(r, "<reg name=\"%15[^\"]\"", names[regnum]);
            regnum++;
        }
    }
    assert_int_equal(regnum, GDBSTUB_X86_64_NREGS);
    assert_string_equal(names[GDBSTUB_X86_64_RSP], "rsp");
    assert_string_equal(names[GDBSTUB_X86_64_RIP], "rip");
    assert_string_equal(names[GDBSTUB_X86_64_EFLAGS], "eflags");
    assert_string_equal(names[GDBSTUB_X86_64_GS], "gs");
    assert_string_equal(names[GDBSTUB_X86_64_ST0], "st0");
    assert_string_equal(names[GDBSTUB_X86_64_FOP], "fop");
    assert_string_equal(names[GDBSTUB_X86_64_XMM0 + 15], "xmm15");
    assert_string_equal(names[GDBSTUB_X86_64_MXCSR], "mxcsr");
    assert_string_equal(names[GDBSTUB_X86_64_FS_BASE], "fs_base");
    assert_string_equal(names[GDBSTUB_X86_64_GS_BASE], "gs_base");
}

static void rcmd_monitor(void **state)
{
    struct th *th = *state;
    char want[256];

    /* "hello": the fake prints "hi\n" through an O packet, then OK */
    snprintf(want, sizeof(want), "+%s", th_frame("O68690a"));
    strcat(want, th_frame("OK"));
    assert_string_equal(th_cmd(th, "qRcmd,68656c6c6f"), want);
    assert_string_equal(th_cmd(th, "qRcmd,6661696c"), th_acked("E05")); /* "fail" */
    assert_string_equal(th_cmd(th, "qRcmd,7a"), th_acked("E16"));       /* unknown */
    assert_string_equal(th_cmd(th, "qRcmd,6"), th_acked("E16"));
    assert_string_equal(th_cmd(th, "qRcmd,zz"), th_acked("E16"));
    assert_string_equal(th_cmd(th, "qRcmd"), th_acked("E16"));
    /* console output is refused outside a command while the target is stopped */
    assert_int_equal(gdbstub_console_write(&th->gs, "x", 1), GDBSTUB_E_BUSY);
}

/* With run-length encoding on, every reply decodes to what it is without. */
static void replies_rle_decode_to_the_plain_reply(void **state)
{
    struct th *th = *state;
    static const char *const cmds[] = {"g", "m1000,100", "m2000,100", "p10", "?", "qSupported"};
    static char plain[TH_OUT_MAX + 1];
    static uint8_t dec[TH_OUT_MAX];

    for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
        th->gs.cfg.rle = false;
        snprintf(plain, sizeof(plain), "%s", th_cmd(th, cmds[i]));
        th->gs.cfg.rle = true;
        const char *enc = th_cmd(th, cmds[i]);
        /* "+$payload#xx": the checksum covers the encoded payload as sent. */
        assert_true(strlen(enc) >= 5 && enc[0] == '+' && enc[1] == '$');
        const char *hash = strrchr(enc, '#');
        assert_non_null(hash);
        size_t elen = (size_t)(hash - enc - 2);
        assert_int_equal(strtoul(hash + 1, NULL, 16),
                         gdbstub_checksum((const uint8_t *)enc + 2, elen));
        int n = gdbstub_rle_decode(dec, sizeof(dec), (const uint8_t *)enc + 2, elen);
        assert_true(n >= 0);
        const char *phash = strrchr(plain, '#');
        assert_int_equal((size_t)n, (size_t)(phash - plain - 2));
        assert_memory_equal(dec, plain + 2, (size_t)n);
        if (strcmp(cmds[i], "m2000,100") == 0) /* 256 zero bytes: 512 '0's */
            assert_true(elen < 20);
    }
    th->gs.cfg.rle = false;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(regs_g_whole_set),
        TEST(replies_rle_decode_to_the_plain_reply),
        TEST(regs_g_follows_hg),
        TEST(regs_g_unavailable_as_xx),
        TEST(regs_G_writes_every_register),
        TEST(regs_G_rejects_before_writing),
        TEST(regs_p_single),
        TEST(regs_P_single),
        TEST(mem_m_reads),
        TEST(mem_m_hostile_arguments),
        TEST(mem_M_writes),
        TEST(mem_M_rejects_before_writing),
        TEST(mem_X_binary),
        TEST(bp_insert_remove),
        TEST(bp_unsupported_and_malformed),
        TEST(threads_list),
        TEST(threads_select_and_query),
        TEST(threads_extra_info),
        TEST(query_supported),
        TEST(query_misc_and_unknown),
        TEST(xfer_target_xml),
        TEST(xfer_osdata),
        TEST(xfer_errors),
        TEST(xfer_tdesc_matches_register_layout),
        TEST(rcmd_monitor),
    };

    return cmocka_run_group_tests_name("gdbstub-packets", tests, NULL, NULL);
}
