/* cmd_export.c - what dealgraph hands to people who do not run it: `report --html` (one
 * page), `report --csv DIR` (the tables as CSV), and `import deals.csv` (a spreadsheet of
 * deals as a script). docs/PICTURES.md "The page", "CSV" and "Import". */
#include "cli.h"
#include <stdlib.h>
#include <string.h>

static const char IMPORT_USAGE[] =
    "usage: dealgraph import DEALS.csv [-o OUT.deal]\n"
    "  columns: label payer verb payee amount unit from over due rate binding source\n"
    "  (a header row names them, in any order); the script goes to OUT or standard output\n";

bool report_page_check(const ReportPage *pg, bool other, int *st)
{
    const char *why = NULL;
    bool page = pg->html || pg->csv_dir;
    if (page && other)
        why = "--html and --csv take no --json, --sources or --no-sources";
    else if (pg->out && !pg->html)
        why = "-o names the page of --html";
    else if (!page && pg->scenarios.n > 1)
        why = "several --scenario go with --html or --csv";
    if (why) {
        fprintf(stderr, "dealgraph: report: %s\n", why);
        *st = DG_EUSAGE;
    }
    return why == NULL;
}

int report_page(Dg *dg, const ReportPage *pg, const ArgList *files)
{
    StrBuf title = {0};
    for (size_t i = 0; i < files->n; i++) {
        if (i)
            strbuf_str(&title, " ");
        strbuf_str(&title, files->v[i]);
    }
    DgPage p = {.who = "dealgraph report", .title = title.s, .scenarios = pg->scenarios.v,
                .n_scenarios = pg->scenarios.n, .html = pg->html ? (pg->out ? pg->out : "-") : NULL,
                .csv_dir = pg->csv_dir};
    int st = dg_page(dg, &p);
    strbuf_free(&title);
    return st;
}

int cmd_import(int argc, char **argv)
{
    ArgList files = {0};
    const char *out = NULL;
    const ArgSpec specs[] = {{"--output", "-o", ARG_VALUE, &out}, {0}};
    int st = args_parse(argc, argv, specs, &files, "dealgraph import");
    if (st == DG_OK && files.n != 1) {
        fprintf(stderr, "dealgraph import: give one CSV file\n");
        st = DG_EUSAGE;
    }
    if (st == DG_OK) {
        DgOptions o = cli_options();
        o.quiet = true;
        Dg *dg = dg_new(&o);
        st = dg_import(dg, files.v[0], out);
        dg_free(dg);
    }
    if (st == ARGS_HELP || st == DG_EUSAGE)
        fputs(IMPORT_USAGE, st == ARGS_HELP ? stdout : stderr);
    free(files.v);
    return st == ARGS_HELP ? DG_OK : st;
}
