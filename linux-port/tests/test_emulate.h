/*
 * test_emulate.h: what the emulator's tests share: a test case (an
 * instruction and how its memory operand is formed), the generator of
 * cases (test_emulate_gen.c) and the runner against the CPU
 * (test_emulate.c).
 */
#ifndef HDB_TEST_EMULATE_H
#define HDB_TEST_EMULATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "emulate.h"

#define PAGE 4096u

/* How an instruction forms its memory operand, as the generator built it or capstone read it. */
struct memop {
    bool present, rip_rel;
    uint8_t size;       /* bytes accessed: 0 for lea and nop */
    uint8_t kind;       /* enum emu_access_kind */
    int8_t base, index; /* enum emu_gpr, -1 for none */
    uint8_t scale;
    uint8_t seg; /* 0, 0x64 (FS), 0x65 (GS) */
    int64_t disp;
    int8_t disp_at;    /* where the displacement is in the code; -1: not to be changed */
    uint8_t disp_size; /* 0, 1, 4 */
};

/* The stack instructions: %rsp and %rbp point into a data page. */
enum stack_op { ST_NONE, ST_PUSH, ST_POP, ST_LEAVE };

struct tcase {
    uint8_t code[15];
    uint8_t len;
    uint8_t stack;    /* enum stack_op */
    uint8_t load_reg; /* gen_load64: the register loaded */
    struct memop m;
    /* prepare(): the bytes the instruction accesses and how (len 0: none) */
    uint64_t acc_addr;
    uint8_t acc_len, acc_kind;
};

/* The fixed-seed pseudo-random numbers every case is made of. */
uint64_t rnd(void);
/* A register or memory value: random or near a sign or carry boundary of 8, 16, 32, 64 bits. */
uint64_t value(void);
/* Random bytes, many of them prefixes and opcodes emulate.c knows. */
void random_bytes(uint8_t *buf, size_t n);

/* The data pages (k = 0, 1) and the address of the code page (test_emulate.c). */
uint8_t *data_page(unsigned k);
uint64_t code_addr(void);

/*
 * Random registers, code address and data for c, with its memory operand
 * aimed into a data page; false if it cannot be aimed (an operand of
 * random bytes without a register to move).
 */
bool prepare(struct tcase *c, struct emu_regs *r0);
/* Runs c from r0 on the CPU and in emulate.c and compares (test_emulate.c). */
void run_case(const struct tcase *c, const struct emu_regs *r0);

/* Generate and run the cases of each test; each returns how many it ran. */
unsigned gen_modrm_forms(void);
unsigned gen_sib_forms(void);
unsigned gen_short_forms(void);
unsigned gen_branches(void);
unsigned gen_random(void); /* any form, at random */

/* One random instruction of the list, for the tests of what emu_decode refuses. */
void gen_any(struct tcase *c);
/* A store with opcode opc (0x50: push) in a random addressing form. */
void gen_store(uint8_t opc, struct tcase *c);
/* mov r64, m64 (REX.W 8B) in a random addressing form (c->load_reg: the register). */
void gen_load64(struct tcase *c);

/* The tests of test_emulate_decline.c, as a cmocka group. */
int run_decline_tests(void);

#endif
