/* Kernel state views for the stub (views.c); each fills a table. */
#ifndef KGDB_VIEWS_H
#define KGDB_VIEWS_H

#include "table.h"

#include <kernel/object.h>

/* Shared by the views (views.c). */
extern const char *const kgdb_type_names[HL_CAP_NTYPES];
/* What a blocked task waits on ("receive 0x...", ""). */
void kgdb_waits_on(const struct task *t, char *buf, size_t size);
/* The type-specific detail of a capability. */
void kgdb_cap_detail(const struct cap *c, char *buf, size_t size);
/* Where slot s of CSpace cs comes from: "-", "slot N", "elsewhere". */
void kgdb_derivation(const struct cap_slot *s, const struct cap *cs, char *buf, size_t size);
/* The distinct CSpaces of the tasks, in task order. */
#define KGDB_MAX_CSPACES 64
size_t kgdb_cspaces(const struct cap **out);

void view_tasks(struct table *tb);
void view_caps(struct table *tb, const struct task *only); /* NULL: every task's */
void view_objects(struct table *tb);
void view_memory(struct table *tb);
void view_cpu(struct table *tb);
void view_faults(struct table *tb);
/* One object, found by its id or through a task's slot (view_object.c). */
void view_object(struct table *tb, uint64_t id);
void view_cap_object(struct table *tb, const struct task *t, uint64_t slot);

#endif
