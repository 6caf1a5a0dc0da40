/* fuzz_eval.c - libFuzzer harness for evaluation, through dg.h only. Every input is run as
 * a script (its own `what if`s included, `show` output to /dev/null), then the report, text
 * and JSON, is written for the base world and for the first scenarios the script defines,
 * with the first one's diff and the summary. Any crash, leak or sanitizer report is a bug, and so
 * is a broken property (abort(), so libFuzzer saves the input):
 *   - writing reports never adds an error;
 *   - a script with no errors formats (dg_fmt_text), its layout parses and evaluates with no
 *     errors to the same world (the same reports, an empty diff), and formatting the layout
 *     again changes nothing.
 * Built by tests/fuzz/fuzz.sh; with -DFUZZ_STANDALONE it is a plain program that runs the
 * files named on its command line (for compilers without libFuzzer).
 *
 * Inputs are run from the repository root. An `include` may read only .deal files of the
 * examples, the stdlib and the test scripts (an input naming anything else is skipped), so
 * the fuzzer cannot wander into devices, its own corpus or the build. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Bigger inputs are skipped, so one run stays short (fuzz.sh passes -max_len too). */
#define MAX_INPUT 8192
/* Reports are written for the first scenarios only (each is a fork, applied and cleared). */
#define MAX_SCENARIOS 8

#define CHECK(cond)                                                            \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "fuzz_eval: property failed: %s (line %d)\n",      \
                    #cond, __LINE__);                                          \
            abort();                                                           \
        }                                                                      \
    } while (0)

static FILE *sink;   /* /dev/null */

/* ---- which includes may be read ---- */

static bool path_allowed(const char *p, size_t n)
{
    static const char *const dirs[] = {"examples/", "stdlib/", "tests/golden/",
                                       "tests/errors/", "tests/examples/"};
    if (n < 6 || memcmp(p + n - 5, ".deal", 5) != 0)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = p[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
                  c == '.' || c == '/';
        if (!ok || (c == '.' && i + 1 < n && p[i + 1] == '.') ||
            (c == '/' && i + 1 < n && p[i + 1] == '/'))
            return false;
    }
    for (size_t i = 0; i < sizeof dirs / sizeof *dirs; i++)
        if (n > strlen(dirs[i]) && !memcmp(p, dirs[i], strlen(dirs[i])))
            return true;
    return false;
}

/* Every "include" in the bytes, keyword or not, must be followed (after spacing) by
 * something that is not a string, or by a string naming an allowed file. A comment or a
 * byte the lexer rejects between the two could hide the string, so those are refused. */
static bool includes_allowed(const uint8_t *d, size_t n)
{
    static const char kw[] = "include";
    const size_t kl = sizeof kw - 1;
    for (size_t i = 0; i + kl <= n; i++) {
        if (memcmp(d + i, kw, kl) != 0)
            continue;
        size_t j = i + kl;
        while (j < n && (d[j] == ' ' || d[j] == '\t' || d[j] == '\r' || d[j] == '\n'))
            j++;
        if (j == n)
            continue;
        if (d[j] == '"') {
            size_t k = j + 1;
            while (k < n && d[k] != '"' && d[k] != '\n')
                k++;
            if (!path_allowed((const char *)d + j + 1, k - j - 1))
                return false;
        } else if (d[j] == '#' || d[j] < 0x20 || d[j] >= 0x7f) {
            return false;
        }
    }
    return true;
}

/* ---- text written to memory ---- */

typedef struct Mem {
    char *buf;
    size_t len;
    FILE *f;
} Mem;

static FILE *mem_open(Mem *m)
{
    m->buf = NULL;
    m->len = 0;
    m->f = open_memstream(&m->buf, &m->len);
    if (!m->f)
        abort();
    return m->f;
}

static void mem_close(Mem *m)
{
    fclose(m->f);
    m->f = NULL;
}

static bool mem_same(const Mem *a, const Mem *b)
{
    return a->len == b->len && memcmp(a->buf, b->buf, a->len) == 0;
}

/* ---- the scenarios of a context ---- */

typedef struct Names {
    char *name[MAX_SCENARIOS];
    size_t n;
    size_t total;   /* all of them, past MAX_SCENARIOS too */
} Names;

static void add_name(const char *name, void *ud)
{
    Names *s = ud;
    if (s->n < MAX_SCENARIOS)
        s->name[s->n++] = strdup(name);
    s->total++;
}

static void names_free(Names *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->name[i]);
}

/* Everything written about a world: the reports of the base and of each scenario, text
 * and JSON. */
typedef struct Reports {
    Names scen;
    Mem text, json;
} Reports;

static void write_reports(Dg *dg, Reports *r)
{
    size_t errs = dg_error_count(dg);
    memset(r, 0, sizeof *r);
    dg_each_scenario(dg, add_name, &r->scen);
    FILE *t = mem_open(&r->text), *j = mem_open(&r->json);
    CHECK(dg_report(dg, t, NULL, false, false) == DG_OK);
    CHECK(dg_report(dg, j, NULL, true, false) == DG_OK);
    for (size_t i = 0; i < r->scen.n; i++) {
        fprintf(t, "\n--- scenario %s\n", r->scen.name[i]);
        fprintf(j, "\n--- scenario %s\n", r->scen.name[i]);
        CHECK(dg_report(dg, t, r->scen.name[i], false, false) == DG_OK);
        CHECK(dg_report(dg, j, r->scen.name[i], true, false) == DG_OK);
    }
    mem_close(&r->text);
    mem_close(&r->json);
    CHECK(dg_error_count(dg) == errs);
}

static void reports_free(Reports *r)
{
    names_free(&r->scen);
    free(r->text.buf);
    free(r->json.buf);
}

/* The outputs a report does not cover: the summary and a scenario's diff (the first
 * scenario's only: a diff clears the base world again). */
static void write_others(Dg *dg, const Names *scen)
{
    size_t errs = dg_error_count(dg);
    dg_summary(dg, sink);
    if (scen->n) {
        dg_diff_scenario(dg, scen->name[0], sink, false);
        dg_diff_scenario(dg, scen->name[0], sink, true);
    }
    CHECK(dg_error_count(dg) == errs);
    dg_report(dg, sink, "no such scenario", false, false);   /* an error, not a crash */
}

/* ---- fmt ---- */

/* A script may ask for a long run (`simulate s 1000000000 times`): its run stops after
 * this many of the evaluator's "stop now?" questions (asked between statements, between
 * the samples of a simulate and before clearings), as Ctrl-C stops it in the REPL, and
 * fails. Counted, so an input stops at the same place every time; the reports written
 * after the run are never stopped (the budget is off by then). */
#define MAX_STEPS 100000

typedef struct Budget {
    size_t steps;
    bool on;
} Budget;

static bool over_budget(void *ud)
{
    Budget *b = ud;
    return b->on && ++b->steps > MAX_STEPS;
}

static Dg *run(const char *text, size_t len, bool quiet, Budget *budget)
{
    DgOptions o = {.out = sink, .err = sink, .quiet = quiet, .jobs = 1,
                   .cancel = over_budget, .cancel_ud = budget};
    budget->on = true;
    Dg *dg = dg_new(&o);
    dg_run_text(dg, "fuzz.deal", text, len);
    dg_finish(dg);
    budget->on = false;
    return dg;
}

/* A script with no errors: its layout means the same and is a fixed point. */
static void check_fmt(Dg *dg, const Reports *before, const char *text, size_t len)
{
    size_t l1 = 0, l2 = 0;
    char *f1 = dg_fmt_text(text, len, &l1);
    CHECK(f1 != NULL);
    CHECK(dg_parse_status(f1, l1) == DG_PARSE_OK);
    char *f2 = dg_fmt_text(f1, l1, &l2);
    CHECK(f2 != NULL);
    CHECK(l1 == l2 && memcmp(f1, f2, l1) == 0);
    free(f2);

    Budget budget = {0};
    Dg *again = run(f1, l1, true, &budget);
    CHECK(dg_error_count(again) == 0);
    Reports after;
    write_reports(again, &after);
    CHECK(after.scen.total == before->scen.total);
    for (size_t i = 0; i < after.scen.n; i++)
        CHECK(!strcmp(after.scen.name[i], before->scen.name[i]));
    CHECK(mem_same(&after.text, &before->text));
    CHECK(mem_same(&after.json, &before->json));
    reports_free(&after);

    /* The diff of the two worlds is the diff of a world with itself. */
    Mem same, fmt;
    dg_diff(dg, dg, mem_open(&same), true);
    mem_close(&same);
    dg_diff(dg, again, mem_open(&fmt), true);
    mem_close(&fmt);
    CHECK(mem_same(&same, &fmt));
    free(same.buf);
    free(fmt.buf);
    dg_free(again);
    free(f1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > MAX_INPUT || !includes_allowed(data, size))
        return 0;
    if (!sink && !(sink = fopen("/dev/null", "w")))
        abort();
    Budget budget = {0};
    Dg *dg = run((const char *)data, size, false, &budget);
    bool clean = dg_error_count(dg) == 0;
    Reports r;
    write_reports(dg, &r);
    write_others(dg, &r.scen);
    if (clean)
        check_fmt(dg, &r, (const char *)data, size);
    reports_free(&r);
    dg_free(dg);
    return 0;
}

#ifdef FUZZ_STANDALONE
int main(int argc, char **argv)
{
    static uint8_t buf[MAX_INPUT + 1];
    for (int i = 1; i < argc; i++) {
        FILE *fp = fopen(argv[i], "rb");
        if (!fp)
            continue;
        size_t n = fread(buf, 1, sizeof buf, fp);
        fclose(fp);
        LLVMFuzzerTestOneInput(buf, n);
    }
    return 0;
}
#endif
