/*
 * names.c: what a NAME in an expression is (eval.c's primary): a local or
 * parameter of the selected frame, a global variable or function of the
 * active file's DWARF (or the DWARF function an ELF alias names), an
 * enumeration constant, a global of another file (the program's, the
 * libraries'), then an ELF function or object symbol without DWARF.
 */
#include <string.h>

#include <hdb/dinfo.h>
#include <hdb/error.h>
#include <hdb/frameinfo.h>
#include <hdb/symtab.h>
#include <hdb/value.h>

/* A global variable or function of the active file's DWARF. */
static bool global_named(struct hdb_session *s, const char *name, struct hdb_value *v)
{
    const struct hdb_dvar *dv = hdb_dinfo_var_by_name(&s->dinfo, name);
    if (dv) {
        v->kind = HDB_VAL_DWARF;
        v->unit = dv->unit;
        v->type = dv->type;
        v->lvalue = true;
        v->addr = hdb_session_to_runtime(s, dv->addr);
        return true;
    }
    const struct hdb_dfunc *df = hdb_dinfo_func_by_name(&s->dinfo, name);
    /*
     * An ELF name of a function whose DWARF goes by another (libc's malloc
     * is __libc_malloc's alias): the DWARF function at the symbol's
     * address, as gdb finds it.
     */
    const struct hdb_symbol *sym = df || !s->img ? NULL : hdb_sym_func_by_name(s->img, name);
    if (sym) {
        df = hdb_dinfo_func_at(&s->dinfo, sym->addr);
        if (df && df->lo != sym->addr)
            df = NULL;
    }
    if (df) {
        v->kind = HDB_VAL_FUNC;
        v->unit = df->unit;
        v->type = df->decl;
        v->scalar = hdb_session_to_runtime(s, df->lo);
        return true;
    }
    return false;
}

/* Is v a function whose DWARF gives no return type (an assembler's: GNU as's unspecified type)? */
static bool asm_function(struct hdb_session *s, const struct hdb_value *v)
{
    struct dwarf_unit u, tu;
    struct dwarf_die d, t;
    return v->kind == HDB_VAL_FUNC && v->type &&
           hdb_dinfo_die(&s->dw, v->unit, v->type, &u, &d) == 0 &&
           hdb_dinfo_ref(&d, DW_AT_type, &tu, &t) && t.tag == DW_TAG_unspecified_type;
}

/* Is name a global in file img's DWARF? If so, that file stays active for the command. */
static bool global_in(struct hdb_session *s, const struct hdb_image *img, const char *name,
                      bool called, struct hdb_value *v)
{
    int back = hdb_session_enter_image(s, img);
    bool found = s->img == img && global_named(s, name, v);
    /*
     * Another file's assembler function (libc's and ld.so's strlen, memcpy)
     * called: its DWARF has nothing the call needs, so it is called as a
     * function without debug information and the active file stays, so
     * `(int) strlen(buf)` reads buf in the file it is in.
     */
    bool plain = found && called && asm_function(s, v);
    hdb_session_activate_module(s, back);
    if (plain) {
        v->type = 0;
        v->unit = 0;
        return true;
    }
    if (found)
        hdb_session_use_image(s, img);
    return found;
}

/*
 * A global of another file than the active one, as gdb searches every
 * file: the program's while a library's frame is selected, then the
 * libraries whose ELF symbols define the name (a library's DWARF is read
 * only then). Its file becomes the active one for the rest of the command,
 * as a kept value's does (history.c): the value's unit and type are in
 * that file's DWARF. The values the expression made before then are the
 * other file's: `lib_local + prog_global` is not evaluated right.
 */
static bool global_elsewhere(struct hdb_session *s, const char *name, bool called,
                             struct hdb_value *v)
{
    const struct hdb_image *prog = s->objs[s->active_obj].img;
    if (s->active_mod && prog && global_in(s, prog, name, called, v))
        return true;
    for (int k = 0; k < s->nmods; k++) {
        const struct hdb_image *img = s->mods[k].img;
        if (img == s->img ||
            (!hdb_sym_object_by_name(img, name) && !hdb_sym_func_by_name(img, name)))
            continue;
        hdb_session_module_symbols(s, k);
        if (global_in(s, img, name, called, v))
            return true;
    }
    return false;
}

int hdb_eval_name(struct hdb_session *s, const char *name, bool called, struct hdb_value *v)
{
    if (!s->img)
        return HDB_E_NOT_FOUND;
    /* Locals and parameters of the selected frame hide globals (C scoping). */
    int frc = hdb_frame_lookup(s, name, v);
    if (frc != HDB_E_NOT_FOUND)
        return frc == HDB_E_NOTSUP ? HDB_E_OPTIMIZED_OUT : frc;
    if (global_named(s, name, v))
        return 0;
    /* An enumeration constant: an int of its enum type (C11 6.4.4.3). */
    const struct hdb_denum *en = hdb_dinfo_enum_by_name(&s->dinfo, name);
    if (en) {
        v->kind = HDB_VAL_DWARF;
        v->unit = en->unit;
        v->type = en->type;
        v->scalar = (uint64_t)en->value;
        return 0;
    }
    if (global_elsewhere(s, name, called, v))
        return 0;
    const struct hdb_symbol *sym = hdb_sym_func_by_name(s->img, name);
    if (sym) {
        v->kind = HDB_VAL_FUNC;
        v->scalar = hdb_session_to_runtime(s, sym->addr);
        return 0;
    }
    sym = hdb_sym_object_by_name(s->img, name);
    if (sym) {
        /* Without debug information gdb knows only the address. */
        v->kind = HDB_VAL_DWARF;
        v->unit = HDB_BUILTIN_UNIT;
        v->type = hdb_builtin_type(HDB_BT_NODEBUG_DATA, 0);
        v->lvalue = true;
        v->addr = hdb_session_to_runtime(s, sym->addr);
        return 0;
    }
    /*
     * Another file's function (a library's from the program, the
     * program's from a library), by its ELF symbol: without its
     * DWARF, whose types are not the active file's, as gdb shows a
     * function without debug information (a call needs a cast).
     */
    uint64_t at = hdb_call_find_function(s, name);
    if (at) {
        v->kind = HDB_VAL_FUNC;
        v->scalar = at;
        return 0;
    }
    return HDB_E_NOT_FOUND;
}
