/* test_parser.c - every sentence of the core language (the sentences file read below)
 * parses into the expected AST (kinds, names, verbs, amounts), and syntax errors recover
 * without cascades. */
#include "testutil.h"
#include "parse.h"
#include <stdio.h>

typedef struct Fix {
    SourceSet src;
    Diags d;
    Interner in;
    Arena a;
    ParseResult r;
} Fix;

static Fix *parse_text(const char *text, size_t len)
{
    Fix *f = calloc(1, sizeof *f);
    srcset_init(&f->src);
    diags_init(&f->d, &f->src);
    intern_init(&f->in);
    arena_init(&f->a);
    char *copy = malloc(len + 1);
    memcpy(copy, text, len);
    copy[len] = '\0';
    uint32_t id = srcset_add(&f->src, "t.deal", NULL, copy, len);
    f->r = parse_source(&f->a, &f->in, &f->d, id);
    return f;
}

static Fix *parse_str(const char *s) { return parse_text(s, strlen(s)); }

static void fix_free(Fix *f)
{
    arena_free(&f->a);
    intern_free(&f->in);
    diags_free(&f->d);
    srcset_free(&f->src);
    free(f);
}

static const char *nm(Fix *f, Sym s) { return sym_str(&f->in, s); }

static Stmt *nth(Fix *f, size_t i)
{
    Stmt *s = f->r.prog.stmts.first;
    while (s && i--)
        s = s->next;
    assert_non_null(s);
    return s;
}

static Fix *parse_design(void)
{
    FILE *fp = fopen("tests/unit/core_sentences.deal", "rb");
    assert_non_null(fp);   /* tests run from the repository root */
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf, fp);
    fclose(fp);
    return parse_text(buf, n);
}

static void assert_deal(Fix *f, Stmt *s, const char *label, const char *payer, Verb v,
                        const char *payee, double amount)
{
    assert_int_equal(s->kind, ST_DEAL);
    assert_string_equal(nm(f, s->u.deal.label), label);
    assert_string_equal(nm(f, s->u.deal.payer), payer);
    assert_int_equal(s->u.deal.verb, v);
    assert_string_equal(nm(f, s->u.deal.payee), payee);
    assert_int_equal(s->u.deal.amount->kind, EX_NUM);
    assert_near(s->u.deal.amount->u.lit.num, amount, 1e-12);
}

static void test_design_declarations(void **st)
{
    (void)st;
    Fix *f = parse_design();
    assert_int_equal(f->r.nerrors, 0);
    assert_int_equal(f->d.n, 0);
    /* 9 declarations, 11 deals, 5 shows, 2 asserts, 1 scenario, 1 what-if = 29 */
    assert_int_equal(f->r.prog.stmts.n, 29);
    Stmt *s = nth(f, 0);
    assert_int_equal(s->kind, ST_ENTITY);
    assert_int_equal(s->u.entity.kind, ENT_COMPANY);
    assert_string_equal(nm(f, s->u.entity.name), "nvidia");
    assert_string_equal(s->u.entity.display, "NVIDIA");
    assert_int_equal(s->u.entity.nattrs, 6);
    assert_string_equal(nm(f, s->u.entity.attrs[1].name), "revenue");
    assert_near(s->u.entity.attrs[1].amount.value->u.lit.num, 165e9, 1e-12);
    assert_true(dim_eq(s->u.entity.attrs[1].amount.value->u.lit.dim, DIM_USD_PER_YEAR));
    assert_string_equal(nm(f, s->u.entity.attrs[5].name), "price");
    assert_near(s->u.entity.attrs[5].amount.value->u.lit.num, 185, 1e-12);
    s = nth(f, 4);
    assert_int_equal(s->u.entity.kind, ENT_BANK);
    assert_false(s->u.entity.has_block);
    s = nth(f, 5);
    assert_int_equal(s->u.entity.kind, ENT_MARKET);
    assert_string_equal(s->u.entity.display, "End users");
    s = nth(f, 6);
    assert_int_equal(s->kind, ST_PRICE);
    assert_true(dim_eq(s->u.price.value->u.lit.dim, DIM_USD_PER_GW));
    s = nth(f, 7);
    assert_int_equal(s->kind, ST_ASOF);
    assert_near(s->u.asof.date->u.lit.num, 2025, 1e-12);
    s = nth(f, 8);
    assert_int_equal(s->kind, ST_LET);
    assert_string_equal(nm(f, s->u.let.name), "tranche");
    fix_free(f);
}

static void test_design_deals(void **st)
{
    (void)st;
    Fix *f = parse_design();
    assert_deal(f, nth(f, 9), "", "nvidia", VERB_INVESTS, "openai", 100e9);
    assert_deal(f, nth(f, 10), "", "openai", VERB_BUYS, "nvidia", 10);
    assert_true(dim_eq(nth(f, 10)->u.deal.amount->u.lit.dim, DIM_GW));
    Stmt *s = nth(f, 11);
    assert_deal(f, s, "stargate", "openai", VERB_BUYS, "oracle", 300e9);
    assert_near(s->u.deal.over->u.lit.num, 5, 1e-12);
    assert_near(s->u.deal.from->u.lit.num, 2027, 1e-12);
    assert_deal(f, nth(f, 12), "", "oracle", VERB_BUYS, "nvidia", 40e9);
    assert_deal(f, nth(f, 13), "", "jpmorgan", VERB_LENDS, "oracle", 38e9);
    assert_deal(f, nth(f, 14), "", "users", VERB_PAYS, "openai", 13e9);
    assert_deal(f, nth(f, 15), "", "openai", VERB_PAYS, "coreweave", 5e9);
    s = nth(f, 16);
    assert_deal(f, s, "amd6", "openai", VERB_BUYS, "amd", 6);
    assert_near(s->u.deal.at->u.lit.num, 20e9, 1e-12);
    assert_near(s->u.deal.over->u.lit.num, 4, 1e-12);
    s = nth(f, 17);
    assert_deal(f, s, "", "amd", VERB_GRANTS, "openai", 160e6);
    assert_string_equal(nm(f, s->u.deal.vesting), "amd6");
    assert_deal(f, nth(f, 18), "", "nvidia", VERB_GUARANTEES, "coreweave", 6.3e9);
    s = nth(f, 19);
    assert_deal(f, s, "", "openai", VERB_BUYS, "oracle", 100e9);
    assert_true(s->u.deal.nonbinding);
    assert_false(nth(f, 18)->u.deal.nonbinding);
    fix_free(f);
}

static void test_design_questions(void **st)
{
    (void)st;
    Fix *f = parse_design();
    Stmt *s = nth(f, 20);
    assert_int_equal(s->kind, ST_SHOW);
    assert_string_equal(nm(f, s->u.show.topic), "sources");
    assert_string_equal(nm(f, s->u.show.of), "nvidia");
    assert_string_equal(nm(f, nth(f, 21)->u.show.topic), "cycles");
    assert_string_equal(nm(f, nth(f, 23)->u.show.topic), "openai");
    assert_int_equal(nth(f, 23)->u.show.of, SYM_NONE);
    s = nth(f, 25);
    assert_int_equal(s->kind, ST_ASSERT);
    assert_int_equal(s->u.assert_.cond->kind, EX_BINARY);
    assert_int_equal(s->u.assert_.cond->u.binary.op, OP_GT);
    Expr *call = s->u.assert_.cond->u.binary.l;
    assert_int_equal(call->kind, EX_CALL);
    assert_string_equal(nm(f, call->u.call.fn), "commitment_ratio");
    assert_int_equal(call->u.call.nargs, 1);
    assert_null(s->u.assert_.message);
    s = nth(f, 26);
    assert_non_null(s->u.assert_.message);
    assert_near(s->u.assert_.cond->u.binary.r->u.lit.num, 0.30, 1e-12);
    fix_free(f);
}

static void test_design_whatif(void **st)
{
    (void)st;
    Fix *f = parse_design();
    Stmt *s = nth(f, 27);
    assert_int_equal(s->kind, ST_SCENARIO);
    assert_string_equal(nm(f, s->u.scenario.name), "winter");
    assert_string_equal(s->u.scenario.desc, "AI winter");
    assert_int_equal(s->u.scenario.body.n, 5);
    Stmt *b = s->u.scenario.body.first;
    assert_int_equal(b->kind, ST_SHOCK);
    assert_int_equal(b->u.shock.what, SH_PAYMENTS);
    assert_string_equal(nm(f, b->u.shock.name), "users");
    assert_int_equal(b->u.shock.by->kind, EX_UNARY);   /* -50% */
    b = b->next;
    assert_int_equal(b->kind, ST_DEFAULTS);
    assert_string_equal(nm(f, b->u.defaults.name), "openai");
    b = b->next;
    assert_int_equal(b->kind, ST_CANCEL);
    assert_string_equal(nm(f, b->u.cancel.label), "stargate");
    assert_int_equal(b->next->kind, ST_DROP);
    b = b->next->next;
    assert_int_equal(b->kind, ST_SET);
    assert_string_equal(nm(f, b->u.set.param), "recovery");
    assert_near(b->u.set.value->u.lit.num, 0.6, 1e-12);
    s = nth(f, 28);
    assert_int_equal(s->kind, ST_WHATIF);
    assert_string_equal(nm(f, s->u.whatif.scenario), "winter");
    assert_int_equal(s->u.whatif.body.n, 2);
    assert_string_equal(nm(f, s->u.whatif.body.first->u.show.topic), "defaults");
    fix_free(f);
}

static void test_more_forms(void **st)
{
    (void)st;
    Fix *f = parse_str("include \"web.deal\"\nuse prelude\nshow exposure of a to b\n"
                       "what if { a defaults } { show losses of b }\nset debtrank original\n"
                       "a lends 5B to b at 7% due 2030 source \"10-K\"\nshow in(a) + 1B\n"
                       "gap(a) * 2\nshock price of a by -10%\n");
    assert_int_equal(f->r.nerrors, 0);
    assert_int_equal(nth(f, 0)->kind, ST_INCLUDE);
    assert_string_equal(nth(f, 0)->u.include.path, "web.deal");
    assert_string_equal(nm(f, nth(f, 1)->u.use.name), "prelude");
    Stmt *s = nth(f, 2);
    assert_string_equal(nm(f, s->u.show.to), "b");
    s = nth(f, 3);
    assert_int_equal(s->u.whatif.scenario, SYM_NONE);
    assert_int_equal(s->u.whatif.shocks.n, 1);
    assert_int_equal(s->u.whatif.body.n, 1);
    s = nth(f, 4);
    assert_string_equal(nm(f, s->u.set.word), "original");
    assert_null(s->u.set.value);
    s = nth(f, 5);
    assert_near(s->u.deal.at->u.lit.num, 0.07, 1e-12);
    assert_near(s->u.deal.due->u.lit.num, 2030, 1e-12);
    assert_string_equal(s->u.deal.source, "10-K");
    s = nth(f, 6);
    assert_int_equal(s->u.show.topic, SYM_NONE);
    assert_string_equal(nm(f, s->u.show.expr->u.binary.l->u.call.fn), "in");
    assert_int_equal(nth(f, 7)->kind, ST_EXPR);
    assert_int_equal(nth(f, 8)->u.shock.what, SH_PRICE);
    fix_free(f);
}

static void test_precedence(void **st)
{
    (void)st;
    Fix *f = parse_str("let x = 1 + 2 * 3 < 4 and not a or b\n");
    Expr *e = nth(f, 0)->u.let.value;   /* ((1 + (2*3)) < 4 and (not a)) or b */
    assert_int_equal(e->u.binary.op, OP_OR);
    Expr *and = e->u.binary.l;
    assert_int_equal(and->u.binary.op, OP_AND);
    assert_int_equal(and->u.binary.r->kind, EX_UNARY);
    assert_int_equal(and->u.binary.r->u.unary.op, OP_NOT);
    Expr *lt = and->u.binary.l;
    assert_int_equal(lt->u.binary.op, OP_LT);
    assert_int_equal(lt->u.binary.l->u.binary.op, OP_ADD);
    assert_int_equal(lt->u.binary.l->u.binary.r->u.binary.op, OP_MUL);
    fix_free(f);
}

/* Each operator has its own code and spelling: `not` and `!=` are two operators. */
static void test_operator_codes(void **st)
{
    (void)st;
    Fix *f = parse_str("let x = ((-1 <= 2) != (not (3 >= 4))) == (5 - 6 / 7 > 8)\n");
    Expr *eq = nth(f, 0)->u.let.value;   /* ((-1 <= 2) != (not ...)) == (...) */
    assert_int_equal(eq->u.binary.op, OP_EQ);
    Expr *ne = eq->u.binary.l, *gt = eq->u.binary.r;
    assert_int_equal(ne->u.binary.op, OP_NE);
    assert_int_equal(ne->u.binary.l->u.binary.op, OP_LE);
    assert_int_equal(ne->u.binary.l->u.binary.l->u.unary.op, OP_NEG);
    assert_int_equal(ne->u.binary.r->u.unary.op, OP_NOT);
    assert_int_equal(ne->u.binary.r->u.unary.x->u.binary.op, OP_GE);
    assert_int_equal(gt->u.binary.op, OP_GT);
    assert_int_equal(gt->u.binary.l->u.binary.op, OP_SUB);
    assert_int_equal(gt->u.binary.l->u.binary.r->u.binary.op, OP_DIV);
    assert_string_equal(op_spelling(OP_NOT), "not");
    assert_string_equal(op_spelling(OP_NE), "!=");
    assert_string_equal(op_spelling(OP_NEG), "-");
    assert_string_equal(op_spelling(OP_SUB), "-");
    assert_int_equal(op_class(OP_NE), OPC_COMPARE);
    assert_int_equal(op_class(OP_NOT), OPC_UNARY);
    assert_string_equal(op_spelling(OP__COUNT), "?");
    fix_free(f);
}

static void test_recovery_reports_each_statement(void **st)
{
    (void)st;
    /* three independent errors, one per statement; the good statements survive */
    Fix *f = parse_str("let a = 1\nopenai sells 10GW to nvidia\nlet b = 2\nlet c = = 3\n"
                       "company x { cash 5B; debt }\nlet d = 4\n");
    assert_int_equal(f->r.nerrors, 3);
    assert_string_equal(f->d.items[0].msg, "unknown verb 'sells'");
    assert_non_null(f->d.items[0].hint);
    assert_int_equal(f->r.prog.stmts.n, 4);   /* a, b, company x (cash kept), d */
    assert_int_equal(nth(f, 2)->u.entity.nattrs, 1);
    assert_false(f->r.incomplete);
    fix_free(f);
}

static void test_no_cascade(void **st)
{
    (void)st;
    Fix *f = parse_str("let a = 10XB + + 3 )\n");
    assert_int_equal(f->r.nerrors, 1);   /* the bad suffix; the rest is not reported */
    assert_int_equal(f->r.prog.stmts.n, 0);
    fix_free(f);
}

static void test_no_cascade_through_blocks(void **st)
{
    (void)st;
    /* the header is wrong: the block is skipped, its '}' and insides are not errors */
    Fix *f = parse_str("scenario { a defaults\n b defaults }\nlet x = 1\n"
                       "scenario s {\n shock orders of u by 1%\n a defaults\n}\n");
    assert_int_equal(f->r.nerrors, 2);
    assert_string_equal(f->d.items[0].msg, "unexpected '{', expected name");
    assert_string_equal(f->d.items[1].msg, "unknown shock 'orders'");
    assert_int_equal(f->r.prog.stmts.n, 2);   /* let x, scenario s with one shock left */
    assert_int_equal(nth(f, 1)->u.scenario.body.n, 1);
    assert_int_equal(nth(f, 1)->u.scenario.body.first->kind, ST_DEFAULTS);
    fix_free(f);
}

static void test_amount_errors(void **st)
{
    (void)st;
    Fix *f = parse_str("nvidia invests \"abc\" in openai\na buys 1B from b over 1y over 2y\n");
    assert_int_equal(f->r.nerrors, 2);
    assert_string_equal(f->d.items[0].msg,
                        "expected an amount after 'invests', found string \"abc\"");
    assert_string_equal(f->d.items[1].msg, "'over' given twice in one deal");
    fix_free(f);
}

static void test_incomplete(void **st)
{
    (void)st;
    Fix *f = parse_str("scenario w {\n a defaults\n");
    assert_int_equal(f->r.nerrors, 1);
    assert_true(f->r.incomplete);
    assert_string_equal(f->d.items[0].msg, "unclosed '{' opened here");
    fix_free(f);
    f = parse_str("let a = 1 +");
    assert_true(f->r.incomplete);
    fix_free(f);
    f = parse_str("let a = ) 1");
    assert_false(f->r.incomplete);
    fix_free(f);
}

static void test_depth_limits(void **st)
{
    (void)st;
    size_t n = 20000;
    char *buf = malloc(4 * n + 16);
    size_t o = (size_t)sprintf(buf, "let x = ");
    for (size_t i = 0; i < n; i++)
        o += (size_t)sprintf(buf + o, "1 + ");
    o += (size_t)sprintf(buf + o, "1\n");
    Fix *f = parse_text(buf, o);
    assert_int_equal(f->r.nerrors, 1);
    assert_non_null(strstr(f->d.items[0].msg, "nested too deep"));
    fix_free(f);
    memset(buf, '-', 4 * n);   /* 80000 unary minus signs fill the parser stack */
    f = parse_text(buf, 4 * n);
    assert_int_equal(f->r.nerrors, 1);
    assert_non_null(strstr(f->d.items[0].msg, "nesting too deep"));
    fix_free(f);
    free(buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_design_declarations), cmocka_unit_test(test_design_deals),
        cmocka_unit_test(test_design_questions), cmocka_unit_test(test_design_whatif),
        cmocka_unit_test(test_more_forms), cmocka_unit_test(test_precedence),
        cmocka_unit_test(test_operator_codes),
        cmocka_unit_test(test_recovery_reports_each_statement), cmocka_unit_test(test_no_cascade),
        cmocka_unit_test(test_no_cascade_through_blocks),
        cmocka_unit_test(test_amount_errors), cmocka_unit_test(test_incomplete),
        cmocka_unit_test(test_depth_limits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
