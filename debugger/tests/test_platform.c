/*
 * test_platform.c: the platform for unit tests: malloc, no files, output
 * discarded. Counting allocations lets tests check that everything
 * allocated is freed with the size it was allocated with.
 */
#include <stdlib.h>

#include <hdb/error.h>

#include "test_platform.h"

static void *t_alloc(void *ctx, size_t size)
{
    (void)ctx;
    return malloc(size ? size : 1);
}

static void *t_realloc(void *ctx, void *p, size_t old_size, size_t new_size)
{
    (void)ctx;
    (void)old_size;
    return realloc(p, new_size ? new_size : 1);
}

static void t_free(void *ctx, void *p, size_t size)
{
    (void)ctx;
    (void)size;
    free(p);
}

static int t_read_file(void *ctx, const char *path, char **data, size_t *len)
{
    (void)ctx;
    (void)path;
    (void)data;
    (void)len;
    return HDB_E_NOT_FOUND;
}

static void t_release(void *ctx, char *data, size_t len)
{
    (void)ctx;
    (void)len;
    free(data);
}

static void t_write(void *ctx, const char *s, size_t len)
{
    (void)ctx;
    (void)s;
    (void)len;
}

static int t_read_line(void *ctx, const char *prompt, char *buf, size_t len)
{
    (void)ctx;
    (void)prompt;
    (void)buf;
    (void)len;
    return -1;
}

static uint64_t t_now(void *ctx)
{
    (void)ctx;
    return 0;
}

const struct hdb_platform test_platform = {
    .alloc = t_alloc,
    .realloc = t_realloc,
    .free = t_free,
    .read_file = t_read_file,
    .release_file = t_release,
    .out = t_write,
    .err = t_write,
    .read_line = t_read_line,
    .now_ns = t_now,
};
