/*
 * DWARF constants (DWARF5 chapter 7) and their names.
 *
 * Each family is one X-macro list, so the enum and the name lookup that the
 * CLI prints (in the spelling llvm-dwarfdump uses) come from a single table.
 * The lists hold the DWARF 5 values plus the GNU extensions that gcc emits.
 */
#ifndef DWARF_CONSTS_H
#define DWARF_CONSTS_H

#include <stdint.h>

// clang-format off
/* DWARF5 7.5.3, Table 7.3 */
#define DWARF_TAG_LIST(X)                                                                        \
    X(DW_TAG_array_type, 0x01) X(DW_TAG_class_type, 0x02) X(DW_TAG_entry_point, 0x03)            \
    X(DW_TAG_enumeration_type, 0x04) X(DW_TAG_formal_parameter, 0x05)                            \
    X(DW_TAG_imported_declaration, 0x08) X(DW_TAG_label, 0x0a) X(DW_TAG_lexical_block, 0x0b)     \
    X(DW_TAG_member, 0x0d) X(DW_TAG_pointer_type, 0x0f) X(DW_TAG_reference_type, 0x10)           \
    X(DW_TAG_compile_unit, 0x11) X(DW_TAG_string_type, 0x12) X(DW_TAG_structure_type, 0x13)      \
    X(DW_TAG_subroutine_type, 0x15) X(DW_TAG_typedef, 0x16) X(DW_TAG_union_type, 0x17)           \
    X(DW_TAG_unspecified_parameters, 0x18) X(DW_TAG_variant, 0x19)                               \
    X(DW_TAG_common_block, 0x1a) X(DW_TAG_common_inclusion, 0x1b) X(DW_TAG_inheritance, 0x1c)   \
    X(DW_TAG_inlined_subroutine, 0x1d) X(DW_TAG_module, 0x1e)                                    \
    X(DW_TAG_ptr_to_member_type, 0x1f) X(DW_TAG_set_type, 0x20) X(DW_TAG_subrange_type, 0x21)    \
    X(DW_TAG_with_stmt, 0x22) X(DW_TAG_access_declaration, 0x23) X(DW_TAG_base_type, 0x24)       \
    X(DW_TAG_catch_block, 0x25) X(DW_TAG_const_type, 0x26) X(DW_TAG_constant, 0x27)              \
    X(DW_TAG_enumerator, 0x28) X(DW_TAG_file_type, 0x29) X(DW_TAG_friend, 0x2a)                  \
    X(DW_TAG_namelist, 0x2b) X(DW_TAG_namelist_item, 0x2c) X(DW_TAG_packed_type, 0x2d)           \
    X(DW_TAG_subprogram, 0x2e) X(DW_TAG_template_type_parameter, 0x2f)                           \
    X(DW_TAG_template_value_parameter, 0x30) X(DW_TAG_thrown_type, 0x31)                         \
    X(DW_TAG_try_block, 0x32) X(DW_TAG_variant_part, 0x33) X(DW_TAG_variable, 0x34)              \
    X(DW_TAG_volatile_type, 0x35) X(DW_TAG_dwarf_procedure, 0x36) X(DW_TAG_restrict_type, 0x37)  \
    X(DW_TAG_interface_type, 0x38) X(DW_TAG_namespace, 0x39) X(DW_TAG_imported_module, 0x3a)     \
    X(DW_TAG_unspecified_type, 0x3b) X(DW_TAG_partial_unit, 0x3c)                                \
    X(DW_TAG_imported_unit, 0x3d) X(DW_TAG_condition, 0x3f) X(DW_TAG_shared_type, 0x40)          \
    X(DW_TAG_type_unit, 0x41) X(DW_TAG_rvalue_reference_type, 0x42)                              \
    X(DW_TAG_template_alias, 0x43) X(DW_TAG_coarray_type, 0x44)                                  \
    X(DW_TAG_generic_subrange, 0x45) X(DW_TAG_dynamic_type, 0x46) X(DW_TAG_atomic_type, 0x47)    \
    X(DW_TAG_call_site, 0x48) X(DW_TAG_call_site_parameter, 0x49)                                \
    X(DW_TAG_skeleton_unit, 0x4a) X(DW_TAG_immutable_type, 0x4b)                                 \
    X(DW_TAG_MIPS_loop, 0x4081) X(DW_TAG_format_label, 0x4101)                                   \
    X(DW_TAG_function_template, 0x4102) X(DW_TAG_class_template, 0x4103)                         \
    X(DW_TAG_GNU_template_template_param, 0x4106)                                                \
    X(DW_TAG_GNU_template_parameter_pack, 0x4107)                                                \
    X(DW_TAG_GNU_formal_parameter_pack, 0x4108) X(DW_TAG_GNU_call_site, 0x4109)                  \
    X(DW_TAG_GNU_call_site_parameter, 0x410a)

/* DWARF5 7.5.4, Table 7.5 */
#define DWARF_AT_LIST(X)                                                                         \
    X(DW_AT_sibling, 0x01) X(DW_AT_location, 0x02) X(DW_AT_name, 0x03)                           \
    X(DW_AT_ordering, 0x09) X(DW_AT_byte_size, 0x0b) X(DW_AT_bit_offset, 0x0c)                   \
    X(DW_AT_bit_size, 0x0d) X(DW_AT_stmt_list, 0x10) X(DW_AT_low_pc, 0x11)                       \
    X(DW_AT_high_pc, 0x12) X(DW_AT_language, 0x13) X(DW_AT_discr, 0x15)                          \
    X(DW_AT_discr_value, 0x16) X(DW_AT_visibility, 0x17) X(DW_AT_import, 0x18)                   \
    X(DW_AT_string_length, 0x19) X(DW_AT_common_reference, 0x1a) X(DW_AT_comp_dir, 0x1b)         \
    X(DW_AT_const_value, 0x1c) X(DW_AT_containing_type, 0x1d) X(DW_AT_default_value, 0x1e)       \
    X(DW_AT_inline, 0x20) X(DW_AT_is_optional, 0x21) X(DW_AT_lower_bound, 0x22)                  \
    X(DW_AT_producer, 0x25) X(DW_AT_prototyped, 0x27) X(DW_AT_return_addr, 0x2a)                 \
    X(DW_AT_start_scope, 0x2c) X(DW_AT_bit_stride, 0x2e) X(DW_AT_upper_bound, 0x2f)              \
    X(DW_AT_abstract_origin, 0x31) X(DW_AT_accessibility, 0x32) X(DW_AT_address_class, 0x33)     \
    X(DW_AT_artificial, 0x34) X(DW_AT_base_types, 0x35) X(DW_AT_calling_convention, 0x36)        \
    X(DW_AT_count, 0x37) X(DW_AT_data_member_location, 0x38) X(DW_AT_decl_column, 0x39)          \
    X(DW_AT_decl_file, 0x3a) X(DW_AT_decl_line, 0x3b) X(DW_AT_declaration, 0x3c)                 \
    X(DW_AT_discr_list, 0x3d) X(DW_AT_encoding, 0x3e) X(DW_AT_external, 0x3f)                    \
    X(DW_AT_frame_base, 0x40) X(DW_AT_friend, 0x41) X(DW_AT_identifier_case, 0x42)               \
    X(DW_AT_macro_info, 0x43) X(DW_AT_namelist_item, 0x44) X(DW_AT_priority, 0x45)               \
    X(DW_AT_segment, 0x46) X(DW_AT_specification, 0x47) X(DW_AT_static_link, 0x48)               \
    X(DW_AT_type, 0x49) X(DW_AT_use_location, 0x4a) X(DW_AT_variable_parameter, 0x4b)            \
    X(DW_AT_virtuality, 0x4c) X(DW_AT_vtable_elem_location, 0x4d) X(DW_AT_allocated, 0x4e)       \
    X(DW_AT_associated, 0x4f) X(DW_AT_data_location, 0x50) X(DW_AT_byte_stride, 0x51)            \
    X(DW_AT_entry_pc, 0x52) X(DW_AT_use_UTF8, 0x53) X(DW_AT_extension, 0x54)                     \
    X(DW_AT_ranges, 0x55) X(DW_AT_trampoline, 0x56) X(DW_AT_call_column, 0x57)                   \
    X(DW_AT_call_file, 0x58) X(DW_AT_call_line, 0x59) X(DW_AT_description, 0x5a)                 \
    X(DW_AT_binary_scale, 0x5b) X(DW_AT_decimal_scale, 0x5c) X(DW_AT_small, 0x5d)                \
    X(DW_AT_decimal_sign, 0x5e) X(DW_AT_digit_count, 0x5f) X(DW_AT_picture_string, 0x60)         \
    X(DW_AT_mutable, 0x61) X(DW_AT_threads_scaled, 0x62) X(DW_AT_explicit, 0x63)                 \
    X(DW_AT_object_pointer, 0x64) X(DW_AT_endianity, 0x65) X(DW_AT_elemental, 0x66)              \
    X(DW_AT_pure, 0x67) X(DW_AT_recursive, 0x68) X(DW_AT_signature, 0x69)                        \
    X(DW_AT_main_subprogram, 0x6a) X(DW_AT_data_bit_offset, 0x6b) X(DW_AT_const_expr, 0x6c)      \
    X(DW_AT_enum_class, 0x6d) X(DW_AT_linkage_name, 0x6e)                                        \
    X(DW_AT_string_length_bit_size, 0x6f) X(DW_AT_string_length_byte_size, 0x70)                 \
    X(DW_AT_rank, 0x71) X(DW_AT_str_offsets_base, 0x72) X(DW_AT_addr_base, 0x73)                 \
    X(DW_AT_rnglists_base, 0x74) X(DW_AT_dwo_name, 0x76) X(DW_AT_reference, 0x77)                \
    X(DW_AT_rvalue_reference, 0x78) X(DW_AT_macros, 0x79) X(DW_AT_call_all_calls, 0x7a)          \
    X(DW_AT_call_all_source_calls, 0x7b) X(DW_AT_call_all_tail_calls, 0x7c)                      \
    X(DW_AT_call_return_pc, 0x7d) X(DW_AT_call_value, 0x7e) X(DW_AT_call_origin, 0x7f)           \
    X(DW_AT_call_parameter, 0x80) X(DW_AT_call_pc, 0x81) X(DW_AT_call_tail_call, 0x82)           \
    X(DW_AT_call_target, 0x83) X(DW_AT_call_target_clobbered, 0x84)                              \
    X(DW_AT_call_data_location, 0x85) X(DW_AT_call_data_value, 0x86) X(DW_AT_noreturn, 0x87)     \
    X(DW_AT_alignment, 0x88) X(DW_AT_export_symbols, 0x89) X(DW_AT_deleted, 0x8a)                \
    X(DW_AT_defaulted, 0x8b) X(DW_AT_loclists_base, 0x8c)                                        \
    X(DW_AT_MIPS_linkage_name, 0x2007) X(DW_AT_sf_names, 0x2101) X(DW_AT_src_info, 0x2102)       \
    X(DW_AT_mac_info, 0x2103) X(DW_AT_src_coords, 0x2104) X(DW_AT_body_begin, 0x2105)            \
    X(DW_AT_body_end, 0x2106) X(DW_AT_GNU_vector, 0x2107)                                        \
    X(DW_AT_GNU_odr_signature, 0x210f) X(DW_AT_GNU_template_name, 0x2110)                        \
    X(DW_AT_GNU_call_site_value, 0x2111) X(DW_AT_GNU_call_site_data_value, 0x2112)               \
    X(DW_AT_GNU_call_site_target, 0x2113) X(DW_AT_GNU_call_site_target_clobbered, 0x2114)        \
    X(DW_AT_GNU_tail_call, 0x2115) X(DW_AT_GNU_all_tail_call_sites, 0x2116)                      \
    X(DW_AT_GNU_all_call_sites, 0x2117) X(DW_AT_GNU_all_source_call_sites, 0x2118)               \
    X(DW_AT_GNU_macros, 0x2119) X(DW_AT_GNU_deleted, 0x211a) X(DW_AT_GNU_dwo_name, 0x2130)       \
    X(DW_AT_GNU_dwo_id, 0x2131) X(DW_AT_GNU_ranges_base, 0x2132)                                 \
    X(DW_AT_GNU_addr_base, 0x2133) X(DW_AT_GNU_pubnames, 0x2134)                                 \
    X(DW_AT_GNU_pubtypes, 0x2135) X(DW_AT_GNU_discriminator, 0x2136)                             \
    X(DW_AT_GNU_locviews, 0x2137) X(DW_AT_GNU_entry_view, 0x2138)

/* DWARF5 7.5.6, Table 7.6, plus the GNU split-DWARF and dwz forms */
#define DWARF_FORM_LIST(X)                                                                       \
    X(DW_FORM_addr, 0x01) X(DW_FORM_block2, 0x03) X(DW_FORM_block4, 0x04)                        \
    X(DW_FORM_data2, 0x05) X(DW_FORM_data4, 0x06) X(DW_FORM_data8, 0x07)                         \
    X(DW_FORM_string, 0x08) X(DW_FORM_block, 0x09) X(DW_FORM_block1, 0x0a)                       \
    X(DW_FORM_data1, 0x0b) X(DW_FORM_flag, 0x0c) X(DW_FORM_sdata, 0x0d) X(DW_FORM_strp, 0x0e)    \
    X(DW_FORM_udata, 0x0f) X(DW_FORM_ref_addr, 0x10) X(DW_FORM_ref1, 0x11)                       \
    X(DW_FORM_ref2, 0x12) X(DW_FORM_ref4, 0x13) X(DW_FORM_ref8, 0x14)                            \
    X(DW_FORM_ref_udata, 0x15) X(DW_FORM_indirect, 0x16) X(DW_FORM_sec_offset, 0x17)             \
    X(DW_FORM_exprloc, 0x18) X(DW_FORM_flag_present, 0x19) X(DW_FORM_strx, 0x1a)                 \
    X(DW_FORM_addrx, 0x1b) X(DW_FORM_ref_sup4, 0x1c) X(DW_FORM_strp_sup, 0x1d)                   \
    X(DW_FORM_data16, 0x1e) X(DW_FORM_line_strp, 0x1f) X(DW_FORM_ref_sig8, 0x20)                 \
    X(DW_FORM_implicit_const, 0x21) X(DW_FORM_loclistx, 0x22) X(DW_FORM_rnglistx, 0x23)          \
    X(DW_FORM_ref_sup8, 0x24) X(DW_FORM_strx1, 0x25) X(DW_FORM_strx2, 0x26)                      \
    X(DW_FORM_strx3, 0x27) X(DW_FORM_strx4, 0x28) X(DW_FORM_addrx1, 0x29)                        \
    X(DW_FORM_addrx2, 0x2a) X(DW_FORM_addrx3, 0x2b) X(DW_FORM_addrx4, 0x2c)                      \
    X(DW_FORM_GNU_addr_index, 0x1f01) X(DW_FORM_GNU_str_index, 0x1f02)                           \
    X(DW_FORM_GNU_ref_alt, 0x1f20) X(DW_FORM_GNU_strp_alt, 0x1f21)

/* DWARF5 7.5.1, Table 7.2 */
#define DWARF_UT_LIST(X)                                                                         \
    X(DW_UT_compile, 0x01) X(DW_UT_type, 0x02) X(DW_UT_partial, 0x03) X(DW_UT_skeleton, 0x04)   \
    X(DW_UT_split_compile, 0x05) X(DW_UT_split_type, 0x06)

/* DWARF5 7.22, Tables 7.25-7.27 */
#define DWARF_LNS_LIST(X)                                                                        \
    X(DW_LNS_copy, 0x01) X(DW_LNS_advance_pc, 0x02) X(DW_LNS_advance_line, 0x03)                 \
    X(DW_LNS_set_file, 0x04) X(DW_LNS_set_column, 0x05) X(DW_LNS_negate_stmt, 0x06)              \
    X(DW_LNS_set_basic_block, 0x07) X(DW_LNS_const_add_pc, 0x08)                                 \
    X(DW_LNS_fixed_advance_pc, 0x09) X(DW_LNS_set_prologue_end, 0x0a)                            \
    X(DW_LNS_set_epilogue_begin, 0x0b) X(DW_LNS_set_isa, 0x0c)
#define DWARF_LNE_LIST(X)                                                                        \
    X(DW_LNE_end_sequence, 0x01) X(DW_LNE_set_address, 0x02) X(DW_LNE_define_file, 0x03)         \
    X(DW_LNE_set_discriminator, 0x04)
#define DWARF_LNCT_LIST(X)                                                                       \
    X(DW_LNCT_path, 0x1) X(DW_LNCT_directory_index, 0x2) X(DW_LNCT_timestamp, 0x3)               \
    X(DW_LNCT_size, 0x4) X(DW_LNCT_MD5, 0x5)

/* DWARF5 7.7.1, Table 7.9 (lit, reg and breg are ranges, named by dwarf_op_name) */
#define DWARF_OP_LIST(X)                                                                         \
    X(DW_OP_addr, 0x03) X(DW_OP_deref, 0x06) X(DW_OP_const1u, 0x08) X(DW_OP_const1s, 0x09)       \
    X(DW_OP_const2u, 0x0a) X(DW_OP_const2s, 0x0b) X(DW_OP_const4u, 0x0c)                         \
    X(DW_OP_const4s, 0x0d) X(DW_OP_const8u, 0x0e) X(DW_OP_const8s, 0x0f)                         \
    X(DW_OP_constu, 0x10) X(DW_OP_consts, 0x11) X(DW_OP_dup, 0x12) X(DW_OP_drop, 0x13)           \
    X(DW_OP_over, 0x14) X(DW_OP_pick, 0x15) X(DW_OP_swap, 0x16) X(DW_OP_rot, 0x17)               \
    X(DW_OP_xderef, 0x18) X(DW_OP_abs, 0x19) X(DW_OP_and, 0x1a) X(DW_OP_div, 0x1b)               \
    X(DW_OP_minus, 0x1c) X(DW_OP_mod, 0x1d) X(DW_OP_mul, 0x1e) X(DW_OP_neg, 0x1f)                \
    X(DW_OP_not, 0x20) X(DW_OP_or, 0x21) X(DW_OP_plus, 0x22) X(DW_OP_plus_uconst, 0x23)          \
    X(DW_OP_shl, 0x24) X(DW_OP_shr, 0x25) X(DW_OP_shra, 0x26) X(DW_OP_xor, 0x27)                 \
    X(DW_OP_bra, 0x28) X(DW_OP_eq, 0x29) X(DW_OP_ge, 0x2a) X(DW_OP_gt, 0x2b) X(DW_OP_le, 0x2c)   \
    X(DW_OP_lt, 0x2d) X(DW_OP_ne, 0x2e) X(DW_OP_skip, 0x2f) X(DW_OP_lit0, 0x30)                  \
    X(DW_OP_reg0, 0x50) X(DW_OP_breg0, 0x70) X(DW_OP_regx, 0x90) X(DW_OP_fbreg, 0x91)            \
    X(DW_OP_bregx, 0x92) X(DW_OP_piece, 0x93) X(DW_OP_deref_size, 0x94)                          \
    X(DW_OP_xderef_size, 0x95) X(DW_OP_nop, 0x96) X(DW_OP_push_object_address, 0x97)             \
    X(DW_OP_call2, 0x98) X(DW_OP_call4, 0x99) X(DW_OP_call_ref, 0x9a)                            \
    X(DW_OP_form_tls_address, 0x9b) X(DW_OP_call_frame_cfa, 0x9c) X(DW_OP_bit_piece, 0x9d)       \
    X(DW_OP_implicit_value, 0x9e) X(DW_OP_stack_value, 0x9f) X(DW_OP_implicit_pointer, 0xa0)     \
    X(DW_OP_addrx, 0xa1) X(DW_OP_constx, 0xa2) X(DW_OP_entry_value, 0xa3)                        \
    X(DW_OP_const_type, 0xa4) X(DW_OP_regval_type, 0xa5) X(DW_OP_deref_type, 0xa6)               \
    X(DW_OP_xderef_type, 0xa7) X(DW_OP_convert, 0xa8) X(DW_OP_reinterpret, 0xa9)                 \
    X(DW_OP_GNU_push_tls_address, 0xe0) X(DW_OP_GNU_uninit, 0xf0)                                \
    X(DW_OP_GNU_encoded_addr, 0xf1) X(DW_OP_GNU_implicit_pointer, 0xf2)                          \
    X(DW_OP_GNU_entry_value, 0xf3) X(DW_OP_GNU_const_type, 0xf4)                                 \
    X(DW_OP_GNU_regval_type, 0xf5) X(DW_OP_GNU_deref_type, 0xf6) X(DW_OP_GNU_convert, 0xf7)      \
    X(DW_OP_GNU_reinterpret, 0xf9) X(DW_OP_GNU_parameter_ref, 0xfa)                              \
    X(DW_OP_GNU_addr_index, 0xfb) X(DW_OP_GNU_const_index, 0xfc)                                 \
    X(DW_OP_GNU_variable_value, 0xfd)

/* DWARF5 7.25, Table 7.30: range list entries */
#define DWARF_RLE_LIST(X)                                                                        \
    X(DW_RLE_end_of_list, 0x00) X(DW_RLE_base_addressx, 0x01) X(DW_RLE_startx_endx, 0x02)        \
    X(DW_RLE_startx_length, 0x03) X(DW_RLE_offset_pair, 0x04) X(DW_RLE_base_address, 0x05)       \
    X(DW_RLE_start_end, 0x06) X(DW_RLE_start_length, 0x07)

/* DWARF5 7.7.3, Table 7.10: location list entries, plus gcc's view pair */
#define DWARF_LLE_LIST(X)                                                                        \
    X(DW_LLE_end_of_list, 0x00) X(DW_LLE_base_addressx, 0x01) X(DW_LLE_startx_endx, 0x02)        \
    X(DW_LLE_startx_length, 0x03) X(DW_LLE_offset_pair, 0x04) X(DW_LLE_default_location, 0x05)   \
    X(DW_LLE_base_address, 0x06) X(DW_LLE_start_end, 0x07) X(DW_LLE_start_length, 0x08)          \
    X(DW_LLE_GNU_view_pair, 0x09)

/* DWARF5 7.12, Table 7.17 */
#define DWARF_LANG_LIST(X)                                                                       \
    X(DW_LANG_C89, 0x01) X(DW_LANG_C, 0x02) X(DW_LANG_Ada83, 0x03) X(DW_LANG_C_plus_plus, 0x04)  \
    X(DW_LANG_Cobol74, 0x05) X(DW_LANG_Cobol85, 0x06) X(DW_LANG_Fortran77, 0x07)                 \
    X(DW_LANG_Fortran90, 0x08) X(DW_LANG_Pascal83, 0x09) X(DW_LANG_Modula2, 0x0a)                \
    X(DW_LANG_Java, 0x0b) X(DW_LANG_C99, 0x0c) X(DW_LANG_Ada95, 0x0d)                            \
    X(DW_LANG_Fortran95, 0x0e) X(DW_LANG_PLI, 0x0f) X(DW_LANG_ObjC, 0x10)                        \
    X(DW_LANG_ObjC_plus_plus, 0x11) X(DW_LANG_UPC, 0x12) X(DW_LANG_D, 0x13)                      \
    X(DW_LANG_Python, 0x14) X(DW_LANG_OpenCL, 0x15) X(DW_LANG_Go, 0x16)                          \
    X(DW_LANG_Modula3, 0x17) X(DW_LANG_Haskell, 0x18) X(DW_LANG_C_plus_plus_03, 0x19)            \
    X(DW_LANG_C_plus_plus_11, 0x1a) X(DW_LANG_OCaml, 0x1b) X(DW_LANG_Rust, 0x1c)                 \
    X(DW_LANG_C11, 0x1d) X(DW_LANG_Swift, 0x1e) X(DW_LANG_Julia, 0x1f) X(DW_LANG_Dylan, 0x20)    \
    X(DW_LANG_C_plus_plus_14, 0x21) X(DW_LANG_Fortran03, 0x22) X(DW_LANG_Fortran08, 0x23)        \
    X(DW_LANG_RenderScript, 0x24) X(DW_LANG_BLISS, 0x25) X(DW_LANG_Mips_Assembler, 0x8001)

/* DWARF5 7.8, 7.9-7.11, 7.13-7.15, 7.20: the small enumerations */
#define DWARF_ATE_LIST(X)                                                                        \
    X(DW_ATE_address, 0x01) X(DW_ATE_boolean, 0x02) X(DW_ATE_complex_float, 0x03)                \
    X(DW_ATE_float, 0x04) X(DW_ATE_signed, 0x05) X(DW_ATE_signed_char, 0x06)                     \
    X(DW_ATE_unsigned, 0x07) X(DW_ATE_unsigned_char, 0x08) X(DW_ATE_imaginary_float, 0x09)       \
    X(DW_ATE_packed_decimal, 0x0a) X(DW_ATE_numeric_string, 0x0b) X(DW_ATE_edited, 0x0c)         \
    X(DW_ATE_signed_fixed, 0x0d) X(DW_ATE_unsigned_fixed, 0x0e) X(DW_ATE_decimal_float, 0x0f)    \
    X(DW_ATE_UTF, 0x10) X(DW_ATE_UCS, 0x11) X(DW_ATE_ASCII, 0x12)
#define DWARF_DS_LIST(X)                                                                         \
    X(DW_DS_unsigned, 1) X(DW_DS_leading_overpunch, 2) X(DW_DS_trailing_overpunch, 3)            \
    X(DW_DS_leading_separate, 4) X(DW_DS_trailing_separate, 5)
#define DWARF_END_LIST(X) X(DW_END_default, 0) X(DW_END_big, 1) X(DW_END_little, 2)
#define DWARF_ACCESS_LIST(X)                                                                     \
    X(DW_ACCESS_public, 1) X(DW_ACCESS_protected, 2) X(DW_ACCESS_private, 3)
#define DWARF_VIS_LIST(X) X(DW_VIS_local, 1) X(DW_VIS_exported, 2) X(DW_VIS_qualified, 3)
#define DWARF_VIRTUALITY_LIST(X)                                                                 \
    X(DW_VIRTUALITY_none, 0) X(DW_VIRTUALITY_virtual, 1) X(DW_VIRTUALITY_pure_virtual, 2)
#define DWARF_ID_LIST(X)                                                                         \
    X(DW_ID_case_sensitive, 0) X(DW_ID_up_case, 1) X(DW_ID_down_case, 2)                         \
    X(DW_ID_case_insensitive, 3)
#define DWARF_CC_LIST(X)                                                                         \
    X(DW_CC_normal, 1) X(DW_CC_program, 2) X(DW_CC_nocall, 3) X(DW_CC_pass_by_reference, 4)      \
    X(DW_CC_pass_by_value, 5)
#define DWARF_INL_LIST(X)                                                                        \
    X(DW_INL_not_inlined, 0) X(DW_INL_inlined, 1) X(DW_INL_declared_not_inlined, 2)              \
    X(DW_INL_declared_inlined, 3)
#define DWARF_ORD_LIST(X) X(DW_ORD_row_major, 0) X(DW_ORD_col_major, 1)
#define DWARF_DEFAULTED_LIST(X)                                                                  \
    X(DW_DEFAULTED_no, 0) X(DW_DEFAULTED_in_class, 1) X(DW_DEFAULTED_out_of_class, 2)

#define DWARF_ENUMERATOR_(name, value) name = value,
enum dwarf_tag { DWARF_TAG_LIST(DWARF_ENUMERATOR_) };
enum dwarf_at { DWARF_AT_LIST(DWARF_ENUMERATOR_) };
enum dwarf_form { DWARF_FORM_LIST(DWARF_ENUMERATOR_) };
enum dwarf_ut { DWARF_UT_LIST(DWARF_ENUMERATOR_) };
enum dwarf_lns { DWARF_LNS_LIST(DWARF_ENUMERATOR_) };
enum dwarf_lne { DWARF_LNE_LIST(DWARF_ENUMERATOR_) };
enum dwarf_lnct { DWARF_LNCT_LIST(DWARF_ENUMERATOR_) };
enum dwarf_op { DWARF_OP_LIST(DWARF_ENUMERATOR_) DW_OP_lit31 = 0x4f, DW_OP_reg31 = 0x6f,
                DW_OP_breg31 = 0x8f };
enum dwarf_lang { DWARF_LANG_LIST(DWARF_ENUMERATOR_) };
enum dwarf_rle { DWARF_RLE_LIST(DWARF_ENUMERATOR_) };
enum dwarf_lle { DWARF_LLE_LIST(DWARF_ENUMERATOR_) };
enum dwarf_ate { DWARF_ATE_LIST(DWARF_ENUMERATOR_) };
enum dwarf_inl { DWARF_INL_LIST(DWARF_ENUMERATOR_) };
#undef DWARF_ENUMERATOR_
// clang-format on

/* Vendor ranges (DWARF5 7.22, 7.5.4) */
#define DW_LNE_lo_user 0x80
#define DW_LNE_hi_user 0xff
#define DW_LNCT_lo_user 0x2000
#define DW_LNCT_hi_user 0x3fff

/*
 * Name lookups. Each returns the constant's name ("DW_TAG_member"), or NULL
 * when the value is not in the table; the caller decides how to print it.
 */
const char *dwarf_tag_name(uint64_t tag);
const char *dwarf_at_name(uint64_t at);
const char *dwarf_form_name(uint64_t form);
const char *dwarf_ut_name(uint64_t ut);
const char *dwarf_lns_name(uint64_t lns);
const char *dwarf_lne_name(uint64_t lne);
const char *dwarf_lnct_name(uint64_t lnct);
const char *dwarf_op_name(uint64_t op); /* lit0-31, reg0-31, breg0-31 included */
const char *dwarf_lang_name(uint64_t lang);
const char *dwarf_rle_name(uint64_t rle);
const char *dwarf_lle_name(uint64_t lle);

/*
 * The name of a constant-class attribute value whose meaning is an
 * enumeration (DW_AT_language, DW_AT_encoding, DW_AT_inline, ...), or NULL
 * when the attribute is not enumerated or the value is not known.
 */
const char *dwarf_attr_value_name(uint64_t at, uint64_t value);

#endif
