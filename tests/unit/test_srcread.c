/* test_srcread.c - reading sources (src/base/diag.c): only regular files, never blocking on
 * a FIFO, and at most a given size, for files and for streams such as standard input. */
#include "testutil.h"
#include "diag.h"
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

/* A stream of n bytes 'x' that is not a regular file (fmemopen has no descriptor). */
static FILE *stream_of(char *buf, size_t n)
{
    memset(buf, 'x', n);
    return fmemopen(buf, n, "rb");
}

static void test_stream_limit(void **st)
{
    (void)st;
    size_t len = 99;
    const char *why = NULL;
    char small[11];
    FILE *fp = stream_of(small, 10);
    char *text = src_slurp(fp, 10, &len, &why);   /* exactly the limit: fine */
    assert_non_null(text);
    assert_int_equal(len, 10);
    assert_int_equal(text[10], '\0');
    free(text);
    fclose(fp);
    fp = stream_of(small, 11);
    assert_null(src_slurp(fp, 10, &len, &why));   /* one byte more */
    assert_non_null(strstr(why, "larger than"));
    fclose(fp);
}

/* Past the first 64 KiB buffer the limit still holds to the byte. */
static void test_stream_limit_after_growing(void **st)
{
    (void)st;
    size_t n = (1u << 16) * 3 + 5, len = 0;
    const char *why = NULL;
    char *big = malloc(n + 1);
    FILE *fp = stream_of(big, n);
    char *text = src_slurp(fp, n, &len, &why);
    assert_non_null(text);
    assert_int_equal(len, n);
    free(text);
    fclose(fp);
    fp = stream_of(big, n);
    assert_null(src_slurp(fp, n - 1, &len, &why));
    fclose(fp);
    free(big);
}

static void test_regular_file_limit(void **st)
{
    (void)st;
    FILE *fp = tmpfile();
    fputs("let a = 1\n", fp);   /* 10 bytes */
    rewind(fp);
    size_t len = 0;
    const char *why = NULL;
    assert_null(src_slurp(fp, 9, &len, &why));
    assert_non_null(strstr(why, "larger than"));
    assert_int_equal(ftell(fp), 0);   /* refused from its size, before reading */
    char *text = src_slurp(fp, 10, &len, &why);
    assert_non_null(text);
    assert_string_equal(text, "let a = 1\n");
    free(text);
    fclose(fp);
}

static void test_only_regular_files(void **st)
{
    (void)st;
    char dir[] = "/tmp/dg_srcread_XXXXXX", fifo[64];
    assert_non_null(mkdtemp(dir));
    snprintf(fifo, sizeof fifo, "%s/fifo.deal", dir);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    SourceSet s;
    srcset_init(&s);
    assert_int_equal(srcset_read(&s, fifo, fifo), 0);   /* no writer: refused, not waited on */
    assert_string_equal(srcset_error(&s), "not a regular file");
    assert_int_equal(srcset_read(&s, dir, dir), 0);
    assert_string_equal(srcset_error(&s), "Is a directory");
    assert_int_equal(srcset_read(&s, "/dev/null", "/dev/null"), 0);
    assert_string_equal(srcset_error(&s), "not a regular file");
    srcset_free(&s);
    unlink(fifo);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stream_limit), cmocka_unit_test(test_stream_limit_after_growing),
        cmocka_unit_test(test_regular_file_limit), cmocka_unit_test(test_only_regular_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
