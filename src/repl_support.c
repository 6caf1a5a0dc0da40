/* repl_support.c - what the REPL asks beyond dg.h: does an input change the world, and the
 * canonical layout of a script for :save.
 *
 * It parses with the one parser (parse.h) into a scratch arena
 * and only looks at the statement kinds; nothing is evaluated. Questions (show, assert, a
 * bare expression, what if) leave the session's world as it was, so the REPL need not
 * replay anything to take them back, and :undo passes over them. */
#include "repl_int.h"
#include <stdlib.h>
#include <string.h>
#include "arena.h"
#include "diag.h"
#include "fmt.h"
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
    ParseTrial t;
    parse_trial(&t, dg_interner(dg), text, len);
    ReplKind kind = RK_PEEK;
    if (t.diags.nerrors)
        kind = RK_CHANGE;   /* the evaluator may still run the statements that parsed */
    for (const Stmt *s = t.result.prog.stmts.first; s && kind != RK_CHANGE; s = s->next) {
        ReplKind k = stmt_kind(s);
        if (k > kind)
            kind = k;
    }
    parse_trial_free(&t);
    return kind;
}

/* Piped text runs as one input per block between meta-commands; :undo still takes back one
 * statement. The offset where the last statement that changes the world starts, when the
 * text holds something before it; 0 when it is the whole text (or the text is too big to
 * parse again, past UNDO_SPLIT_MAX: then the block goes as one). */
#define UNDO_SPLIT_MAX (4u << 20)

size_t repl_last_change_at(Dg *dg, const char *text, size_t len)
{
    if (len > UNDO_SPLIT_MAX)
        return 0;
    ParseTrial t;
    parse_trial(&t, dg_interner(dg), text, len);
    size_t at = 0;
    bool first = true;
    for (const Stmt *s = t.result.prog.stmts.first; s; s = s->next, first = false)
        if (stmt_kind(s) == RK_CHANGE)
            at = first ? 0 : s->span.start;
    parse_trial_free(&t);
    return at < len ? at : 0;
}

/* Every accepted input parsed, so the layout alone is enough (no second parse check). */
char *repl_format(Repl *r, const char *text, size_t len, size_t *outlen)
{
    (void)r;
    return fmt_text(text, len, outlen);
}
