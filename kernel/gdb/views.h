/* Kernel state views for the stub (views.c); each fills a table. */
#ifndef KGDB_VIEWS_H
#define KGDB_VIEWS_H

#include "table.h"

struct task;

void view_tasks(struct table *tb);
void view_caps(struct table *tb, const struct task *only); /* NULL: every task's */
void view_objects(struct table *tb);
void view_memory(struct table *tb);
void view_cpu(struct table *tb);
void view_faults(struct table *tb);

#endif
