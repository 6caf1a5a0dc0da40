/* fuzz_parse.c - libFuzzer harness for the frontend: every input is lexed (with trivia,
 * as the formatter does), parsed, and its AST dumped. Any crash, hang, leak or sanitizer
 * report is a bug. Built by tests/fuzz/fuzz.sh; with -DFUZZ_STANDALONE it is a plain
 * program that runs the files named on its command line (for compilers without libFuzzer). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lex.h"
#include "parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    SourceSet src;
    Diags d;
    Interner in;
    Arena a;
    srcset_init(&src);
    diags_init(&d, &src);
    intern_init(&in);
    arena_init(&a);
    char *text = xmalloc(size + 1);
    memcpy(text, data, size);
    text[size] = '\0';
    uint32_t id = srcset_add(&src, "fuzz.deal", NULL, text, size);
    Token *t;
    size_t n = lex_all(&in, &d, &src, id, &t);
    if (n == 0 || t[n - 1].kind != END)
        abort();   /* the token stream always ends with END */
    free(t);
    ParseResult r = parse_source(&a, &in, &d, id);
    if (r.nerrors > 0 && d.nerrors == 0)
        abort();   /* an error counted must be an error reported */
    FILE *sink = fopen("/dev/null", "w");
    if (sink) {
        ast_dump(sink, &r.prog, &in, &src);
        diags_print(&d, sink, 0);
        fclose(sink);
    }
    arena_free(&a);
    intern_free(&in);
    diags_free(&d);
    srcset_free(&src);
    return 0;
}

#ifdef FUZZ_STANDALONE
int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        FILE *fp = fopen(argv[i], "rb");
        if (!fp)
            continue;
        static uint8_t buf[1 << 20];
        size_t n = fread(buf, 1, sizeof buf, fp);
        fclose(fp);
        LLVMFuzzerTestOneInput(buf, n);
    }
    return 0;
}
#endif
