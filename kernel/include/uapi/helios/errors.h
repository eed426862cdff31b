/*
 * Error codes returned in rax by every syscall and invocation. 0 is success;
 * every error is negative and has exactly one meaning. docs/abi.md lists,
 * for each invocation, which of these it can return.
 */
#ifndef HELIOS_ERRORS_H
#define HELIOS_ERRORS_H

#define E_OK 0
#define E_INVALID_CADDR -1 /* capability address outside the CSpace */
#define E_WRONG_TYPE -2    /* the capability is not of the type the operation needs */
#define E_NO_RIGHTS -3     /* the capability lacks a right the operation needs */
#define E_SLOT_OCCUPIED -4 /* destination slot is not empty */
#define E_SLOT_EMPTY -5    /* source or target slot is empty */
#define E_NOMEM -6         /* the Memory capability has too little room left */
#define E_INVALID_ARG -7   /* an argument has a value the operation does not accept */
#define E_ALIGN -8         /* an address is not aligned as required */
#define E_RANGE -9   /* a value is out of range (sizes, slots, kernel or non-canonical addresses) */
#define E_MAPPED -10 /* already mapped, or the target location is taken */
#define E_NOT_MAPPED -11      /* not mapped */
#define E_REVOKE_FIRST -12    /* the object still has children; revoke them first */
#define E_WOULD_BLOCK -13     /* a non-blocking operation could not complete */
#define E_DEAD -14            /* the target object is gone */
#define E_FAULT -15           /* a user pointer does not lead to mapped, accessible memory */
#define E_MISSING_TABLE -16   /* the page-table level needed for the mapping is not there */
#define E_INVALID_SYSCALL -17 /* no such syscall number */
#define E_INVALID_LABEL -18   /* no such invocation for this object type */
#define E_IN_USE -19          /* the resource (IRQ line, I/O port) is already handed out */
#define E_STATE -20           /* the object is not in a state that allows the operation */

/* The number of error codes: every code is in [-E_COUNT, 0]. */
#define E_COUNT 20

#endif
