/*
 * Names of DWARF constants, generated from the X-macro lists in
 * <dwarf/consts.h>, spelled the way llvm-dwarfdump prints them.
 */
#include <dwarf/consts.h>

#include <stddef.h>

// clang-format off
#define DWARF_CASE_(name, value) case value: return #name;
#define DWARF_NAME_FN_(fn, LIST)                                                                 \
    const char *fn(uint64_t v)                                                                   \
    {                                                                                            \
        switch (v) {                                                                             \
            LIST(DWARF_CASE_)                                                                    \
        default:                                                                                 \
            return NULL;                                                                         \
        }                                                                                        \
    }

DWARF_NAME_FN_(dwarf_tag_name, DWARF_TAG_LIST)
DWARF_NAME_FN_(dwarf_at_name, DWARF_AT_LIST)
DWARF_NAME_FN_(dwarf_form_name, DWARF_FORM_LIST)
DWARF_NAME_FN_(dwarf_ut_name, DWARF_UT_LIST)
DWARF_NAME_FN_(dwarf_lns_name, DWARF_LNS_LIST)
DWARF_NAME_FN_(dwarf_lne_name, DWARF_LNE_LIST)
DWARF_NAME_FN_(dwarf_lnct_name, DWARF_LNCT_LIST)
DWARF_NAME_FN_(dwarf_lang_name, DWARF_LANG_LIST)
DWARF_NAME_FN_(dwarf_rle_name, DWARF_RLE_LIST)
DWARF_NAME_FN_(dwarf_lle_name, DWARF_LLE_LIST)
static DWARF_NAME_FN_(op_plain_name, DWARF_OP_LIST)
static DWARF_NAME_FN_(ate_name, DWARF_ATE_LIST)
static DWARF_NAME_FN_(ds_name, DWARF_DS_LIST)
static DWARF_NAME_FN_(end_name, DWARF_END_LIST)
static DWARF_NAME_FN_(access_name, DWARF_ACCESS_LIST)
static DWARF_NAME_FN_(vis_name, DWARF_VIS_LIST)
static DWARF_NAME_FN_(virtuality_name, DWARF_VIRTUALITY_LIST)
static DWARF_NAME_FN_(id_name, DWARF_ID_LIST)
static DWARF_NAME_FN_(cc_name, DWARF_CC_LIST)
static DWARF_NAME_FN_(inl_name, DWARF_INL_LIST)
static DWARF_NAME_FN_(ord_name, DWARF_ORD_LIST)
static DWARF_NAME_FN_(defaulted_name, DWARF_DEFAULTED_LIST)

#define DWARF_NUMBERED_(prefix, n) #prefix #n,
#define DWARF_32_(prefix)                                                                        \
    DWARF_NUMBERED_(prefix, 0) DWARF_NUMBERED_(prefix, 1) DWARF_NUMBERED_(prefix, 2)             \
    DWARF_NUMBERED_(prefix, 3) DWARF_NUMBERED_(prefix, 4) DWARF_NUMBERED_(prefix, 5)             \
    DWARF_NUMBERED_(prefix, 6) DWARF_NUMBERED_(prefix, 7) DWARF_NUMBERED_(prefix, 8)             \
    DWARF_NUMBERED_(prefix, 9) DWARF_NUMBERED_(prefix, 10) DWARF_NUMBERED_(prefix, 11)           \
    DWARF_NUMBERED_(prefix, 12) DWARF_NUMBERED_(prefix, 13) DWARF_NUMBERED_(prefix, 14)          \
    DWARF_NUMBERED_(prefix, 15) DWARF_NUMBERED_(prefix, 16) DWARF_NUMBERED_(prefix, 17)          \
    DWARF_NUMBERED_(prefix, 18) DWARF_NUMBERED_(prefix, 19) DWARF_NUMBERED_(prefix, 20)          \
    DWARF_NUMBERED_(prefix, 21) DWARF_NUMBERED_(prefix, 22) DWARF_NUMBERED_(prefix, 23)          \
    DWARF_NUMBERED_(prefix, 24) DWARF_NUMBERED_(prefix, 25) DWARF_NUMBERED_(prefix, 26)          \
    DWARF_NUMBERED_(prefix, 27) DWARF_NUMBERED_(prefix, 28) DWARF_NUMBERED_(prefix, 29)          \
    DWARF_NUMBERED_(prefix, 30) DWARF_NUMBERED_(prefix, 31)

static const char *const lit_names[32] = {DWARF_32_(DW_OP_lit)};
static const char *const reg_names[32] = {DWARF_32_(DW_OP_reg)};
static const char *const breg_names[32] = {DWARF_32_(DW_OP_breg)};
// clang-format on

const char *dwarf_op_name(uint64_t op)
{
    if (op >= DW_OP_lit0 && op <= DW_OP_lit31)
        return lit_names[op - DW_OP_lit0];
    if (op >= DW_OP_reg0 && op <= DW_OP_reg31)
        return reg_names[op - DW_OP_reg0];
    if (op >= DW_OP_breg0 && op <= DW_OP_breg31)
        return breg_names[op - DW_OP_breg0];
    return op_plain_name(op);
}

const char *dwarf_attr_value_name(uint64_t at, uint64_t value)
{
    switch (at) {
    case DW_AT_language:
        return dwarf_lang_name(value);
    case DW_AT_encoding:
        return ate_name(value);
    case DW_AT_decimal_sign:
        return ds_name(value);
    case DW_AT_endianity:
        return end_name(value);
    case DW_AT_accessibility:
        return access_name(value);
    case DW_AT_visibility:
        return vis_name(value);
    case DW_AT_virtuality:
        return virtuality_name(value);
    case DW_AT_identifier_case:
        return id_name(value);
    case DW_AT_calling_convention:
        return cc_name(value);
    case DW_AT_inline:
        return inl_name(value);
    case DW_AT_ordering:
        return ord_name(value);
    case DW_AT_defaulted:
        return defaulted_name(value);
    default:
        return NULL;
    }
}
