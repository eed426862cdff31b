/*
 * util.c: error strings and the thin wrappers over the platform allocator.
 */
#include <string.h>

#include <hdb/error.h>
#include <hdb/platform.h>

const char *hdb_strerror(int err)
{
    switch (err) {
    case HDB_OK:
        return "success";
    case HDB_E_NOMEM:
        return "out of memory";
    case HDB_E_ARG:
        return "invalid argument";
    case HDB_E_NO_PROCESS:
        return "The program is not being run.";
    case HDB_E_RUNNING:
        return "The program is already being debugged.";
    case HDB_E_IO:
        return "Cannot access memory or registers";
    case HDB_E_NOT_FOUND:
        return "not found";
    case HDB_E_TARGET:
        return "the system refused to start or trace the process";
    case HDB_E_FORMAT:
        return "not in executable format";
    case HDB_E_NOTSUP:
        return "not supported";
    case HDB_E_EXITED:
        return "The process exited.";
    case HDB_E_NO_FRAME:
        return "No frame at that level.";
    case HDB_E_OPTIMIZED_OUT:
        return "<optimized out>";
    case HDB_E_DIV_ZERO:
        return "Division by zero";
    case HDB_E_NOT_LVALUE:
        return "Left operand of assignment is not an lvalue.";
    case HDB_E_INTERRUPTED:
        return "Interrupted.";
    case HDB_E_NO_MEMBER:
        return "There is no member named that.";
    case HDB_E_NOT_STRUCT:
        return "Attempt to extract a component of a value that is not a structure.";
    case HDB_E_TYPE:
        return "Argument to arithmetic operation not a number or boolean.";
    case HDB_E_NODEBUG:
        return "has unknown type; cast it to its declared type";
    case HDB_E_NO_TYPE:
        return "No such type.";
    case HDB_E_NOT_IN_MEMORY:
        return "Attempt to take address of value not located in memory.";
    case HDB_E_CAST:
        return "Invalid cast.";
    case HDB_E_STRUCT_OP:
        return "Structure has no component named that operator.";
    case HDB_E_REPEAT:
        return "Invalid number of repetitions.";
    case HDB_E_CHAR_EMPTY:
        return "A character constant must contain at least one character.";
    case HDB_E_CHAR:
        return "Invalid character constant.";
    case HDB_E_NEGATE:
        return "Argument to negate operation not a number.";
    case HDB_E_COMPLEMENT:
        return "Argument to complement operation not an integer, boolean.";
    case HDB_E_POSITIVE:
        return "Argument to positive operation not a number.";
    case HDB_E_NEED_PROCESS:
        return "You can't do that without a process to debug.";
    case HDB_E_NEED_TARGET:
        return "evaluation of this expression requires the target program to be active";
    case HDB_E_NO_MALLOC:
        return "evaluation of this expression requires the program to have a function \"malloc\".";
    case HDB_E_NOT_FUNC:
        return "Invalid data type for function to be called.";
    case HDB_E_FEW_ARGS:
        return "Too few arguments in function call.";
    case HDB_E_UNKNOWN_RET:
        return "has unknown return type; cast the call to its declared return type";
    case HDB_E_UNTERMINATED:
        return "Unterminated string in expression.";
    case HDB_E_INLINED:
        return "Can not force return from an inlined function.";
    case HDB_E_NO_ELEMENT:
        return "no such vector element";
    case HDB_E_CALL_STOPPED:
        return "The program being debugged stopped while in a function called from GDB.";
    case HDB_E_HISTORY:
        return "History has not yet reached that value.";
    default:
        return "unknown error";
    }
}

void *hdb_alloc(const struct hdb_platform *p, size_t size)
{
    return p->alloc(p->ctx, size);
}

void *hdb_realloc(const struct hdb_platform *p, void *ptr, size_t old_size, size_t new_size)
{
    return p->realloc(p->ctx, ptr, old_size, new_size);
}

void hdb_free(const struct hdb_platform *p, void *ptr, size_t size)
{
    if (ptr)
        p->free(p->ctx, ptr, size);
}

char *hdb_strdup(const struct hdb_platform *p, const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = hdb_alloc(p, n);
    if (d)
        memcpy(d, s, n);
    return d;
}

void hdb_strfree(const struct hdb_platform *p, char *s)
{
    if (s)
        hdb_free(p, s, strlen(s) + 1);
}
