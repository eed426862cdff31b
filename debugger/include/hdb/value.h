/*
 * hdb/value.h: values the user prints, their C types from DWARF, and
 * their formatting in gdb's style.
 *
 * A value is either typed by a DWARF type DIE (a variable, an element, a
 * dereferenced pointer), an lvalue at a runtime address, or one of the
 * handful of built-in types that registers and literals have in gdb
 * ($pc is `void (*)()`, $sp and $fp `void *`, $eflags a flags set, other
 * registers `long`, literals `int` or `long`).
 */
#ifndef HDB_VALUE_H
#define HDB_VALUE_H

#include <stdbool.h>
#include <stdint.h>

#include <hdb/session.h>
#include <hdb/strbuf.h>

enum hdb_value_kind {
    HDB_VAL_DWARF,
    HDB_VAL_LONG,
    HDB_VAL_INT,
    HDB_VAL_CODE_PTR,
    HDB_VAL_DATA_PTR,
    HDB_VAL_EFLAGS,
    HDB_VAL_ADDR_OF, /* &lvalue: a pointer (scalar) to the DWARF type `type` */
    HDB_VAL_FUNC,    /* a function: scalar is its address, type its DIE (0: no debug info) */
    HDB_VAL_VOID,    /* an unset convenience variable */
    HDB_VAL_UINT,    /* results of arithmetic: unsigned int, unsigned long, double */
    HDB_VAL_ULONG,
    HDB_VAL_DOUBLE,
    HDB_VAL_MXCSR, /* $mxcsr: a flags set like $eflags */
};

struct hdb_value {
    enum hdb_value_kind kind;
    uint64_t unit, type; /* DWARF: .debug_info offsets of the unit and the type DIE */
    bool lvalue;
    uint64_t addr;   /* lvalue: runtime address */
    uint64_t scalar; /* not lvalue: the bits */
    double d;        /* HDB_VAL_DOUBLE */
    int regno1;      /* register number + 1 when the value was read from a register */
    int conv1;       /* convenience variable number + 1 ($foo), for assignment */
    uint64_t repeat; /* EXPR@N: an artificial array of repeat objects of type at addr */
    /*
     * A bit-field member (bitfield.c): bit_size bits from bit bit_pos of
     * the byte at addr; scalar holds them (sign-extended), lvalue is false,
     * and assignment writes them back. 0 for every other value.
     */
    uint8_t bit_size, bit_pos;
    /*
     * A register the value was read from, beyond regno1 (regval.c): its
     * class + 1 (enum hdb_reg_class) and the rest of its description.
     * Assignment writes it back; 0 for every other value.
     */
    uint8_t reg_class1, reg_bytes, reg_shift;
    int16_t reg_index;
};

/*
 * A type reference (hdb_value.type, hdb_ctype.target) is the .debug_info
 * offset of a type DIE, refined for arrays in bits no offset reaches. One
 * DW_TAG_array_type DIE describes every dimension of `int g[2][3]`, a
 * DW_TAG_subrange_type child each (DWARF5 5.5): g[1]'s type `int [3]` is
 * the same DIE from its second dimension on (the dimension in bits
 * 36-41). A variable-length array's first dimension has a bound computed
 * in the frame that declares it (DWARF5 5.13, C11 6.7.6.2): the count
 * found there, plus one, rides in bits 42-63 (frameinfo.c evaluates it).
 */
#define HDB_TYPE_DIE_BITS 36
#define HDB_TYPE_DIE(ref) ((ref) & ((1ull << HDB_TYPE_DIE_BITS) - 1))

/* C type of a DWARF type, stripped of typedefs and qualifiers. */
struct hdb_ctype {
    uint64_t tag; /* DW_TAG_base_type, pointer_type, array_type, structure_type, ... */
    uint64_t off; /* the type reference (arrays: with their dimension and count) */
    uint64_t size;
    uint64_t encoding; /* base types: DW_ATE_* */
    uint64_t target;   /* pointer/array/enum: the pointed-to or element type (0: void);
                          an array of several dimensions: the same array one dimension in */
    uint64_t count;    /* arrays: elements of the dimension the reference starts at */
    bool has_count;
};

int hdb_ctype_resolve(const struct dwarf *dw, uint64_t unit, uint64_t type, struct hdb_ctype *t);
/*
 * A variable-length array (type resolves to an array whose first bound is
 * an expression or a variable's DIE): 1 with the bound's attribute
 * (DW_AT_count, or DW_AT_upper_bound with *is_count false) and the resolved
 * array reference; 0 for other types.
 */
int hdb_ctype_vla_bound(const struct dwarf *dw, uint64_t unit, uint64_t type,
                        struct dwarf_attr *bound, bool *is_count, uint64_t *array);
/* The array reference with its first dimension's count set (0 if it does not fit). */
uint64_t hdb_ctype_with_count(uint64_t array, uint64_t count);

/*
 * gdb's built-in C types (sym/builtin.c), for programs whose DWARF lacks
 * them and for ELF symbols without DWARF: the type reference
 * (HDB_BUILTIN_UNIT, hdb_builtin_type(code, pointer depth)) works
 * wherever a DWARF (unit, type) pair does.
 */
#define HDB_BUILTIN_UNIT UINT64_MAX
enum hdb_builtin_code {
    HDB_BT_VOID = 1,
    HDB_BT_CHAR,
    HDB_BT_SCHAR,
    HDB_BT_UCHAR,
    HDB_BT_SHORT,
    HDB_BT_USHORT,
    HDB_BT_INT,
    HDB_BT_UINT,
    HDB_BT_LONG,
    HDB_BT_ULONG,
    HDB_BT_LLONG,
    HDB_BT_ULLONG,
    HDB_BT_FLOAT,
    HDB_BT_DOUBLE,
    HDB_BT_BOOL,
    HDB_BT_NODEBUG_DATA, /* an ELF object symbol without DWARF */
    HDB_BT_NODEBUG_TEXT, /* an ELF function symbol without DWARF */
    /* The types of gdb's x86_64 registers and of their parts (sym/regtypes.c). */
    HDB_BT_INT8,
    HDB_BT_INT16,
    HDB_BT_INT32,
    HDB_BT_INT64,
    HDB_BT_INT128,
    HDB_BT_UINT64,
    HDB_BT_UINT128,
    HDB_BT_HALF, /* gdb's own "half" and "bfloat16" (in ymm and zmm) */
    HDB_BT_BFLOAT16,
    HDB_BT_IEEE_HALF, /* the target description's (in xmm): builtin_type_ieee_half, ... */
    HDB_BT_IEEE_BF16,
    HDB_BT_IEEE_SINGLE,
    HDB_BT_IEEE_DOUBLE,
    HDB_BT_I387_EXT, /* st0-7 */
    HDB_BT_VEC128,   /* union vec128: xmm */
    HDB_BT_VEC256,   /* union builtin_type_vec256i: ymm */
    HDB_BT_VEC512,   /* union builtin_type_vec512i: zmm */
    HDB_BT_COUNT,
};
/*
 * A vector (GNU C's vector_size) of count elements of a built-in type:
 * named, it is the target description's typedef (xmm's "v4f"), else
 * spelled "float __attribute__ ((vector_size(8)))" as ymm's members are.
 */
uint64_t hdb_builtin_vector(int elem, uint64_t count, bool named);
bool hdb_builtin_is_vector(uint64_t type);
/* Member i of a built-in union (the vector registers'): its name and type; HDB_E_NOT_FOUND past the
 * last. */
int hdb_builtin_member(uint64_t type, int i, const char **name, uint64_t *mtype);
/* ptype's spelling of the register types: the unions with their bodies, vectors through their
 * names. */
bool hdb_builtin_ptype(uint64_t type, struct hdb_strbuf *b);
/* resolve and spell for the register types (called by builtin.c). */
int hdb_regtype_resolve(uint64_t type, struct hdb_ctype *t);
bool hdb_regtype_spell(uint64_t type, const char *inner, struct hdb_strbuf *b);
uint64_t hdb_builtin_type(int code, int depth);
/* An array of count elements of a built-in type (0 if too long). */
uint64_t hdb_builtin_array(uint64_t elem, uint64_t count);
/* "int", "unsigned long", "long unsigned int", ...; HDB_E_NOT_FOUND for other names. */
int hdb_builtin_by_name(const char *name, uint64_t *type);
int hdb_builtin_resolve(uint64_t type, struct hdb_ctype *t);
/* The spelling with inner where a declarator goes ("int *p"). */
void hdb_builtin_spell(uint64_t type, const char *inner, struct hdb_strbuf *b);
/* The C spelling of a type ("int", "char *", "struct point", "int [4]"). */
void hdb_ctype_name(const struct dwarf *dw, uint64_t unit, uint64_t type, struct hdb_strbuf *b);
/* The spelling of a pointer to type ("int *", "int (*)[6]"). */
void hdb_ctype_pointer_name(const struct dwarf *dw, uint64_t unit, uint64_t type,
                            struct hdb_strbuf *b);
/* A declaration "TYPE NAME" with the name where C puts it ("char *name", "int a[4]"). */
void hdb_ctype_decl(const struct dwarf *dw, uint64_t unit, uint64_t type, const char *name,
                    struct hdb_strbuf *b);
/* The spelling of a function's type from its DW_TAG_subprogram ("int (int, char **)"). */
void hdb_ctype_function_name(const struct dwarf *dw, uint64_t unit, uint64_t die,
                             struct hdb_strbuf *b);
/*
 * ptype's spelling: typedefs looked through at every level, base written
 * for the struct, union or enum at the bottom ("struct point {...} *").
 */
void hdb_ctype_expanded(const struct dwarf *dw, uint64_t unit, uint64_t type, const char *inner,
                        const char *base, struct hdb_strbuf *b);
/* gdb's spelling of a DWARF base type's name: "long int" is "long". */
const char *hdb_ctype_gdb_spelling(const char *name);
/* "struct point", "union {...}", "enum color" for a struct, union or enum DIE. */
void hdb_ctype_tag_name(const struct dwarf_die *d, struct hdb_strbuf *b);

/*
 * Parses and evaluates a C expression (eval.c has the grammar): numbers,
 * $registers, variables in scope and globals, functions, unary - ! ~ & *,
 * casts to named types, sizeof, [] . ->, * / % + - < > <= >= == != && ||.
 * Errors: HDB_E_NOT_FOUND (No symbol "x" in current context.), HDB_E_ARG
 * (syntax or an operation the types do not allow), HDB_E_IO (memory),
 * HDB_E_OPTIMIZED_OUT.
 */
int hdb_eval(struct hdb_session *s, const char *expr, struct hdb_value *v);
/*
 * The value a NAME in an expression stands for (names.c); called: a call
 * follows it. HDB_E_NOT_FOUND when nothing has that name.
 */
int hdb_eval_name(struct hdb_session *s, const char *name, bool called, struct hdb_value *v);
/* Like hdb_eval; on failure *stop is where parsing stopped (for "near `...'"). */
int hdb_eval_at(struct hdb_session *s, const char *expr, struct hdb_value *v, const char **stop);
/* For whatis and ptype: an ELF symbol without DWARF is a value of type <data variable, ...>. */
int hdb_eval_type(struct hdb_session *s, const char *expr, struct hdb_value *v, const char **stop);
/* The value as a truth value (conditions): nonzero scalar, pointer or number. */
int hdb_value_truth(struct hdb_session *s, const struct hdb_value *v, bool *out);

/* ---- the value history and convenience variables (history.c) --------- */
/*
 * Kept objects live at addresses in this range, which no x86_64 process
 * can map (not canonical); hdb_session_read serves it from the copies.
 */
#define HDB_VALUE_SPACE 0x4000000000000000ull
bool hdb_values_in_store(uint64_t addr);
int hdb_values_read(struct hdb_session *s, uint64_t addr, void *buf, size_t len);
int hdb_values_write(struct hdb_session *s, uint64_t addr, const void *buf, size_t len);
/* &$N: where the kept object was in the program; HDB_E_NOT_IN_MEMORY for the others. */
int hdb_values_origin(struct hdb_session *s, uint64_t addr, uint64_t *origin);
/* Appends a copy of v to the history; returns its number N ($N). */
int hdb_values_record(struct hdb_session *s, const struct hdb_value *v);
int hdb_values_count(const struct hdb_session *s);
/* $N (1-based); HDB_E_NOT_FOUND past either end. */
int hdb_values_history(struct hdb_session *s, int n, struct hdb_value *v);
/* $name: its value (void until set), with v->conv1 naming it for assignment. */
int hdb_values_conv(struct hdb_session *s, const char *name, struct hdb_value *v);
int hdb_values_set_conv(struct hdb_session *s, int conv1, const struct hdb_value *v);
/*
 * A kept value's type is in the DWARF of the file that was active when it
 * was kept (a library's, or the program's): that file becomes the active
 * one for the command using the value (hdb_session_use_image). History
 * value n, or convenience variable conv1 - 1 when n is 0.
 */
void hdb_values_use_file(struct hdb_session *s, int n, int conv1);
void hdb_values_free(struct hdb_session *s);
/*
 * A temporary object of len bytes (a struct a called function returned, a
 * string literal's characters) at *addr in the value space; it lives
 * until sixteen more are made. literal: a string literal, which the
 * program gets a copy of when its address is needed (call.c).
 */
int hdb_values_temp(struct hdb_session *s, const void *bytes, size_t len, bool literal,
                    uint64_t *addr);
/*
 * A variable in pieces (frameinfo.c) as a temporary: missing[i] set for
 * each byte no piece gives, which reads refuse with HDB_E_OPTIMIZED_OUT.
 */
int hdb_values_pieces(struct hdb_session *s, const void *bytes, const uint8_t *missing, size_t len,
                      uint64_t *addr);
/* Is a byte of [addr, addr + len) one a piece did not give (<optimized out>)? */
bool hdb_values_missing(struct hdb_session *s, uint64_t addr, size_t len);
/* Is addr in a temporary (an object no variable holds, which assignment cannot change)? */
bool hdb_values_is_temp(uint64_t addr);
/* How far addr is into the kept value or temporary it is in. */
uint64_t hdb_values_offset(uint64_t addr);
/* Is addr a string literal's temporary? Its bytes (with the NUL) and length. */
bool hdb_values_literal(struct hdb_session *s, uint64_t addr, const uint8_t **bytes, size_t *len);

/* ---- operations on values (valops.c) ----------------------------------- */
int hdb_value_index(struct hdb_session *s, struct hdb_value *v, int64_t idx);
int hdb_value_member(struct hdb_session *s, struct hdb_value *v, const char *name, bool arrow);
int hdb_value_unary(struct hdb_session *s, char op, struct hdb_value *v);
/* op: one of + - * / % < > l (<=) g (>=) = (==) ! (!=) & (&&) | (||). */
int hdb_value_binary(struct hdb_session *s, char op, struct hdb_value *a,
                     const struct hdb_value *b);
/* a = b (C11 6.5.16.1): b converted to a's type and stored; a then holds the new value. */
int hdb_value_assign(struct hdb_session *s, struct hdb_value *a, const struct hdb_value *b);
/* A type by C name ("int", "unsigned long", "struct point"), as a DWARF DIE; 0 if none. */
int hdb_type_by_name(struct hdb_session *s, const char *name, uint64_t *unit, uint64_t *type);
/* The type depth pointers on top of (unit, type): a built-in, or the compiler's DIE. */
int hdb_type_pointer(struct hdb_session *s, uint64_t unit, uint64_t type, int depth, uint64_t *out);
/* Converts v to the type (pointer_depth levels of `*` on top of it). */
int hdb_value_cast(struct hdb_session *s, struct hdb_value *v, uint64_t unit, uint64_t type,
                   int pointer_depth);
/* The size in bytes of the value's type. */
int hdb_value_sizeof(struct hdb_session *s, const struct hdb_value *v, uint64_t *size);
/* The value as an integer or address (arrays give their address), for x and arithmetic. */
int hdb_value_as_u64(struct hdb_session *s, const struct hdb_value *v, uint64_t *out);
/* An arithmetic value converted to double (C11 6.3.1.4); HDB_E_TYPE for a pointer. */
int hdb_value_as_double(struct hdb_session *s, const struct hdb_value *v, double *out);

/* ---- calls of the program's functions (call.c) ---------------------------- */
struct hdb_call_opts {
    bool cast; /* (TYPE) f(...): the return type of a function without DWARF */
    uint64_t cast_unit, cast_type;
    bool dry_run; /* the result's type only, nothing called (whatis, ptype, sizeof) */
};
/*
 * Calls fn (a function, or a pointer to one) with args in the current
 * thread; *out: what it returned (HDB_VAL_VOID for void). Errors:
 * HDB_E_NEED_PROCESS, HDB_E_NOT_FUNC, HDB_E_FEW_ARGS, HDB_E_UNKNOWN_RET (no
 * DWARF and no cast), HDB_E_NOTSUP (long double, floating point on a
 * target without SSE access), HDB_E_CALL_STOPPED (hdb_call_last_stop says
 * why: a breakpoint or signal in the function, or the end of the program).
 */
int hdb_value_call(struct hdb_session *s, const struct hdb_value *fn, struct hdb_value *args,
                   int nargs, const struct hdb_call_opts *opts, struct hdb_value *out);
struct hdb_call_stop {
    struct hdb_event ev; /* the stop (or the end of the process) the call ran into */
    char func[128];      /* the function called */
};
const struct hdb_call_stop *hdb_call_last_stop(struct hdb_session *s);
/* A function by name in the program or a library (runtime address; 0: none). */
uint64_t hdb_call_find_function(struct hdb_session *s, const char *name);
/*
 * *addr is a string literal's (a temporary of hdb's): the program gets a
 * copy from its malloc, and *addr becomes that copy's address, as gdb
 * does when a literal's address is needed. Other addresses are left as
 * they are. HDB_E_NEED_TARGET, HDB_E_NO_MALLOC.
 */
int hdb_value_in_program(struct hdb_session *s, uint64_t *addr);
/* For run control: is pc where a call the debugger made (under way or stopped) returns? */
bool hdb_call_return_pc(struct hdb_session *s, uint64_t pc);
/* For run control: the return addresses of the calls that stopped (up to max). */
int hdb_call_dummy_addrs(struct hdb_session *s, uint64_t *addrs, int max);
/*
 * A stop of thread tid at pc: the return of a call that had stopped? Then
 * the registers are as before that call and *ev is HDB_EV_CALL_DONE.
 */
bool hdb_call_returned(struct hdb_session *s, int64_t tid, uint64_t pc, struct hdb_event *ev);
/* After HDB_EV_CALL_DONE: the registers the function returned with (finish's value). */
const struct hdb_regs *hdb_call_returned_regs(struct hdb_session *s);
/* For the unwinder: the registers under the dummy frame at (pc, sp), or NULL. */
const struct hdb_regs *hdb_call_dummy_regs(struct hdb_session *s, int64_t tid, uint64_t pc,
                                           uint64_t sp, struct hdb_regs *buf);
void hdb_calls_forget(struct hdb_session *s); /* the process ended */
void hdb_calls_free(struct hdb_session *s);

/*
 * Bit-fields (bitfield.c): 1 when member DIE m (of type type, in unit) is
 * one, with its bit offset from the struct's start and its width; 0 when
 * not, or an error for a malformed one. Read (sign-extended by the type)
 * and write at the byte addr, from bit bit_pos.
 */
int hdb_member_bits(struct hdb_session *s, uint64_t unit, const struct dwarf_die *m, uint64_t type,
                    uint64_t *bit_off, unsigned *bit_size);
int hdb_bits_read(struct hdb_session *s, uint64_t unit, uint64_t type, uint64_t addr,
                  unsigned bit_pos, unsigned bit_size, uint64_t *out);
int hdb_bits_write(struct hdb_session *s, uint64_t addr, unsigned bit_pos, unsigned bit_size,
                   uint64_t v);
/* a = b for a bit-field member a: b in a's type, its low bits written, a's value read back. */
int hdb_bits_assign(struct hdb_session *s, struct hdb_value *a, const struct hdb_value *b);

/* ---- floating-point formats (floatfmt.c) --------------------------------- */
enum hdb_float_kind {
    HDB_FLT_NONE,
    HDB_FLT_HALF,
    HDB_FLT_BF16,
    HDB_FLT_SINGLE,
    HDB_FLT_DOUBLE,
    HDB_FLT_X87
};
/* The format of a floating type (unit, type) of size bytes: bfloat16 is told by its name. */
enum hdb_float_kind hdb_float_kind_of(uint64_t unit, uint64_t type, uint64_t size);
int hdb_float_bytes(enum hdb_float_kind k);
double hdb_float_to_double(enum hdb_float_kind k, const uint8_t *raw);
/* gdb's spelling of the value: %g to the format's decimal digits, nan(0x...), inf. */
void hdb_float_format(enum hdb_float_kind k, const uint8_t *raw, struct hdb_strbuf *b);
void hdb_float_format_double(double d, struct hdb_strbuf *b);

/* ---- registers as values (regval.c) --------------------------------------- */
/*
 * $name's value in the selected frame, typed as gdb types it: int32_t
 * $eax, union vec128 $xmm0 (a temporary holding its bytes), ...
 * HDB_E_NOTSUP when the target cannot read that register.
 */
int hdb_reg_value(struct hdb_session *s, const struct hdb_reg_desc *d, struct hdb_value *v);
/*
 * a = b for a value read from a register (a->regno1 or a->reg_class1, or
 * an element of a vector register): the register written, a updated.
 * 1 if a was such a value, 0 if not (the caller assigns), or an error.
 */
int hdb_reg_assign(struct hdb_session *s, struct hdb_value *a, const struct hdb_value *b);

/* Formats a value as gdb's print does; fmt is 0 or one of x, d, u, o, t, c, a. */
int hdb_value_format(struct hdb_session *s, const struct hdb_value *v, char fmt, bool top,
                     struct hdb_strbuf *b);

/* " <sym+off>" after an address, when it is inside a known function or object. */
void hdb_format_symbolic(struct hdb_session *s, uint64_t addr, struct hdb_strbuf *b);
/* The same with the symbol's whole name, as x and disassemble show it (hdb_sym_print_len). */
void hdb_format_symbolic_linkage(struct hdb_session *s, uint64_t addr, struct hdb_strbuf *b);
/* A C string literal of len bytes in gdb's escapes, repeats and trailing-NUL rule. */
void hdb_format_chars(const uint8_t *p, size_t len, bool drop_trailing_nul, struct hdb_strbuf *b);
/* The same with at most max characters shown; true if it stopped there (and said "..."). */
bool hdb_format_chars_max(const uint8_t *p, size_t len, bool drop_trailing_nul, size_t max,
                          struct hdb_strbuf *b);

#endif
