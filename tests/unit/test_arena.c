/* test_arena.c - bump allocation, and mark/release as the streaming parse uses it. */
#include <stdio.h>
#include "testutil.h"
#include "arena.h"
#include "intern.h"

static void test_alloc_aligned_zeroed(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    char *p = arena_alloc(&a, 3);
    char *q = arena_alloc(&a, 5);
    assert_int_equal((uintptr_t)p % 16, 0);
    assert_int_equal((uintptr_t)q % 16, 0);
    assert_int_equal(q - p, 16);                  /* 3 bytes round up to 16 */
    assert_int_equal(q[0] | q[4], 0);
    char *big = arena_alloc(&a, 200000);          /* larger than a block: a block of its own */
    big[199999] = 1;
    assert_string_equal(arena_strndup(&a, "nvidia!", 6), "nvidia");
    arena_free(&a);
}

/* Release returns to the mark: what came after is reused, what came before survives. */
static void test_mark_release(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    ArenaMark empty = arena_mark(&a);
    char *kept = arena_strdup(&a, "scenario block");
    ArenaMark m = arena_mark(&a);
    size_t total = a.total;
    char *tmp = arena_alloc(&a, 64);
    arena_alloc(&a, 300000);                      /* spills into new blocks */
    arena_release(&a, m);
    assert_int_equal(a.total, total);
    assert_string_equal(kept, "scenario block");
    assert_ptr_equal(arena_alloc(&a, 64), tmp);   /* the same memory again */
    /* Released to empty, one block stays for the next statement. */
    arena_release(&a, empty);
    assert_int_equal(a.total, 0);
    assert_non_null(a.head);
    arena_free(&a);
}

static void test_intern(void **state)
{
    (void)state;
    Interner in;
    intern_init(&in);
    Sym a = intern_cstr(&in, "openai");
    assert_int_equal(intern_cstr(&in, "openai"), a);
    assert_int_not_equal(intern_cstr(&in, "oracle"), a);
    assert_int_equal(intern_find(&in, "nvida", 5), SYM_NONE);
    char name[16];
    for (int i = 0; i < 5000; i++) {                /* through several rehashes */
        snprintf(name, sizeof name, "e%d", i);
        intern_cstr(&in, name);
    }
    assert_int_equal(intern_count(&in), 5002);
    assert_string_equal(sym_str(&in, a), "openai");
    assert_int_equal(intern_find(&in, "e4999", 5), intern_cstr(&in, "e4999"));
    intern_free(&in);
}

/* The hash reads whole words and then a tail: names that differ only past the first
 * word, only in the tail, or by being a prefix of another stay distinct, and every id
 * reads back as its own text. */
static void test_intern_lengths(void **state)
{
    (void)state;
    Interner in;
    intern_init(&in);
    static const char *const names[] = {
        "a", "ab", "abcdefg", "abcdefgh", "abcdefghi", "abcdefgh_", "abcdefghabcdefgh",
        "abcdefghabcdefgi", "abcdefghabcdefgh1", "x_anthropic_compute_2027",
        "x_anthropic_compute_2028", "_", "__", "a_", "a0", "a00"};
    enum { N = sizeof names / sizeof names[0] };
    Sym ids[N];
    for (int i = 0; i < N; i++)
        ids[i] = intern_cstr(&in, names[i]);
    for (int i = 0; i < N; i++) {
        assert_string_equal(sym_str(&in, ids[i]), names[i]);
        assert_int_equal(intern_cstr(&in, names[i]), ids[i]);
        for (int j = 0; j < i; j++)
            assert_int_not_equal(ids[i], ids[j]);
    }
    /* A lookup by length: the same bytes with a shorter length are another name. */
    assert_int_equal(intern_find(&in, "abcdefghi", 8), ids[3]);
    assert_int_equal(intern_find(&in, "abcdefghij", 10), SYM_NONE);
    assert_int_equal(intern_count(&in), N);
    intern_free(&in);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_alloc_aligned_zeroed),
        cmocka_unit_test(test_mark_release),
        cmocka_unit_test(test_intern),
        cmocka_unit_test(test_intern_lengths),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
