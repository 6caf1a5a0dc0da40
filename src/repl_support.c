/* repl_support.c - what the REPL asks of an input beyond dg.h: does it change the world?
 *
 * Ownership (REPL engineer). It parses with the one parser (parse.h) into a scratch arena
 * and only looks at the statement kinds; nothing is evaluated. Questions (show, assert, a
 * bare expression, what if) leave the session's world as it was, so the REPL need not
 * replay anything to take them back, and :undo passes over them. */
#include "repl_int.h"
#include <stdlib.h>
#include <string.h>
#include "arena.h"
#include "diag.h"
#include "parse.h"

/* Bigger inputs are classified as changes without a look: only piped files get this big,
 * and parsing them twice would cost more than it saves. */
#define CLASSIFY_MAX (1u << 16)

static ReplKind stmt_kind(const Stmt *s)
{
    switch (s->kind) {
    case ST_EXPR: return RK_PEEK;
    case ST_SHOW:
    case ST_ASSERT:
    case ST_WHATIF: return RK_QUESTION;
    default: return RK_CHANGE;
    }
}

ReplKind repl_classify(Dg *dg, const char *text, size_t len)
{
    if (len > CLASSIFY_MAX)
        return RK_CHANGE;
    char *copy = xmalloc(len + 1);
    memcpy(copy, text, len);
    copy[len] = '\0';
    SourceSet src;
    Diags d;
    Arena a;
    sources_init(&src);
    diags_init(&d, &src);
    arena_init(&a);
    uint32_t id = sources_add(&src, "<classify>", NULL, copy, len);
    ParseResult pr = parse_source(&a, dg_interner(dg), &d, id);
    ReplKind kind = RK_PEEK;
    if (d.nerrors)
        kind = RK_CHANGE;   /* the evaluator may still run the statements that parsed */
    for (const Stmt *s = pr.program.stmts.first; s && kind != RK_CHANGE; s = s->next) {
        ReplKind k = stmt_kind(s);
        if (k > kind)
            kind = k;
    }
    arena_free(&a);
    diags_free(&d);
    sources_free(&src);
    return kind;
}
