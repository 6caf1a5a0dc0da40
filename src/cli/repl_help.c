/* repl_help.c - the text of :help and :help TOPIC.
 *
 * Short reminders only; grammar/README.md is the language reference and docs/REPL.md the
 * REPL's. The lists in it (commands, show topics, figures, risk measures) are made from the
 * lists that define them (repl_commands.h; the language's through dg.h), never copied. */
#include <stdio.h>
#include <string.h>
#include "repl_commands.h"
#include "repl_int.h"

enum { HELP_WIDTH = 84 };   /* columns a line of :help fills at most */

/* Words filled into lines of HELP_WIDTH columns; a new line starts `indent` blanks in. */
typedef struct Fill {
    FILE *out;
    int col, indent;
    bool first;        /* nothing written after the line's lead yet */
} Fill;

static void fill(Fill *f, const char *sep, const char *word)
{
    int n = (int)strlen(word);
    if (f->first) {
        f->col += fprintf(f->out, "%s", word);
    } else if (f->col + (int)strlen(sep) + n > HELP_WIDTH) {
        f->col = fprintf(f->out, "\n%*s%s", f->indent, "", word) - 1;
    } else {
        f->col += fprintf(f->out, "%s%s", sep, word);
    }
    f->first = false;
}

static void fill_name(const char *name, void *ud) { fill(ud, " ", name); }

static void list_commands(FILE *out)
{
#define CMD_LINE(e, word, args, what) \
    fprintf(out, "  :%-18s %s\n", *args ? word " " args : word, what);
    REPL_COMMANDS(CMD_LINE)
#undef CMD_LINE
}

/* ...;  show breaking points;  show sensitivities of X */
static void fill_risk_topic(const DgRisk *r, void *ud)
{
    Fill *f = ud;
    if (!r->topic_usage)
        return;   /* a simulate's figure: its topics are show topics */
    f->col += fprintf(f->out, ";");
    fill(f, "  ", r->topic_usage);
}

/* A topic of one word in the list; one of two (`default years`) as `;  show default years`. */
static void fill_topic(const char *name, void *ud)
{
    Fill *f = ud;
    char shown[96];
    if (!strchr(name, ' ')) {
        fill_name(name, ud);
        return;
    }
    snprintf(shown, sizeof shown, "show %s", name);
    f->col += fprintf(f->out, ";");
    fill(f, "  ", shown);
}

static void list_topics(FILE *out)
{
    Fill f = {out, fprintf(out, "  topics: "), 10, true};
    dg_each_topic(fill_topic, &f);
    dg_each_risk(fill_risk_topic, &f);
    fputc('\n', out);
}

/* in out ... exposure(a,b) sources(a,b) total_commitments() ...;  in what-if: defaulted ... */
typedef struct FigureFill {
    Fill f;
    bool whatif;       /* the what-if figures have begun */
} FigureFill;

static void fill_figure(const char *name, int nargs, bool whatif, void *ud)
{
    FigureFill *ff = ud;
    char word[64];
    snprintf(word, sizeof word, "%s%s", name, nargs == 2 ? "(a,b)" : nargs == 0 ? "()" : "");
    if (whatif && !ff->whatif) {
        ff->f.col += fprintf(ff->f.out, ";");
        fill(&ff->f, "  ", "in what-if:");
        ff->whatif = true;
    }
    fill(&ff->f, " ", word);
}

static void fill_risk(const DgRisk *r, void *ud) { fill(ud, "  ", r->usage); }

static void list_figures(FILE *out)
{
    FigureFill ff = {{out, fprintf(out, "  "), 2, true}, false};
    dg_each_figure(fill_figure, &ff);
    Fill risk = {out, fprintf(out, "\n  risk: ") - 1, 8, true};
    dg_each_risk(fill_risk, &risk);
    fputc('\n', out);
}

typedef struct HelpTopic {
    const char *name;
    const char *text;           /* printed first, or NULL */
    void (*list)(FILE *out);    /* then a list made from its table, or NULL */
    const char *tail;           /* then this, or NULL */
} HelpTopic;

static const HelpTopic help_topics[] = {
    {"commands", NULL, list_commands, NULL},
    {"keys",
     "  Tab             complete keywords, names, deal labels, scenarios, show topics\n"
     "  Ctrl-R          search the history backwards (history is kept in\n"
     "                  ~/.dealgraph_history, or $DEALGRAPH_HISTORY; empty = none)\n"
     "  Up / Down       previous / next input;  Ctrl-A / Ctrl-E  start / end of line\n"
     "  Ctrl-C          give up on the input being typed;  Ctrl-D  leave\n"
     "  an unfinished statement or block continues at the `...` prompt;\n"
     "  two empty lines give up on it\n",
     NULL, NULL},
    {"entities",
     "  company NAME [\"Display\"] { cash 56B; revenue 165B/y; debt 8B; equity 100B;\n"
     "                             shares 24.3B; price 185; growth 10%; valuation 500B;\n"
     "                             margin 14%; layer \"chips\" }\n"
     "  bank NAME    market NAME \"End users\"    price NAME 35B/GW    as of 2025\n"
     "  let NAME = EXPR    include \"file.deal\"    use ai2025\n",
     NULL, NULL},
    {"deals",
     "  [deal LABEL:] A invests X in B | A lends X to B | A buys X from B | A pays X to B\n"
     "  A grants B N shares [vesting with LABEL] [at STRIKE]    A guarantees X to B\n"
     "  options: over 5y, from 2027, at 35B/GW (or interest 6%), due 2030, nonbinding,\n"
     "           source \"text\"\n",
     NULL, NULL},
    {"show", "  show NAME    show TOPIC [of A [to B]]    show EXPR    or just type EXPR\n",
     list_topics, "  assert EXPR [\"message\"]\n"},
    {"figures", NULL, list_figures, NULL},
    {"whatif",
     "  scenario NAME [\"desc\"] { openai defaults [in 2027]; shock payments of users by -50%;\n"
     "                          cancel LABEL; drop nonbinding; set recovery 60% }\n"
     "  what if NAME { show defaults; show losses }\n"
     "  what if { SHOCKS } { show, assert, let }   (never changes the session's world)\n",
     NULL, NULL},
    {"simulate",
     "  let d ~ normal(-10%, 20%)   also uniform(a, b), triangular(a, mode, b),\n"
     "                              lognormal(mu, sigma); its mean outside a simulate\n"
     "  scenario NAME { shock demand by d }\n"
     "  simulate NAME 10000 times [seed S] { show default probabilities;\n"
     "      show default years; show losses at 95%, 99% }\n"
     "  figures there: default_probability(x [, year]) expected_loss(x) var(95%) es(95%)\n",
     NULL, NULL},
};

#define N_TOPICS (sizeof help_topics / sizeof help_topics[0])

void repl_help_topics(void (*fn)(const char *name, void *ud), void *ud)
{
    for (size_t i = 0; i < N_TOPICS; i++)
        fn(help_topics[i].name, ud);
}

static void print_topic(FILE *out, const HelpTopic *t)
{
    if (t->text)
        fputs(t->text, out);
    if (t->list)
        t->list(out);
    if (t->tail)
        fputs(t->tail, out);
}

void repl_help(FILE *out, const char *topic)
{
    if (topic && *topic) {
        for (size_t i = 0; i < N_TOPICS; i++)
            if (!strcmp(topic, help_topics[i].name)) {
                print_topic(out, &help_topics[i]);
                return;
            }
        fprintf(out, "no help on '%s'.", topic);
    } else {
        fputs("Type statements of the deal language; each is answered at once, and a bare\n"
              "expression prints its value (gap(openai), circularity(nvidia)).\n",
              out);
        print_topic(out, &help_topics[0]);
    }
    fputs(" topics:", out);
    for (size_t i = 0; i < N_TOPICS; i++)
        fprintf(out, " %s", help_topics[i].name);
    fputs("  (:help TOPIC)\n", out);
}
