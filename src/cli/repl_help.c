/* repl_help.c - the text of :help and :help TOPIC.
 *
 * Short reminders only; grammar/README.md is the language
 * reference and docs/REPL.md the REPL's. */
#include <stdio.h>
#include <string.h>
#include "repl_int.h"

typedef struct HelpTopic {
    const char *name;
    const char *text;
} HelpTopic;

static const HelpTopic help_topics[] = {
    {"commands",
     "  :help [TOPIC]   this text, or one topic\n"
     "  :load FILE      run a script file as one input\n"
     "  :save FILE      write the accepted inputs as a formatted script\n"
     "  :reload         re-read the files loaded at start (and :load-ed), keep what was typed\n"
     "  :undo           take back the last accepted input\n"
     "  :reset          forget everything: an empty world\n"
     "  :quit           leave (also Ctrl-D)\n"},
    {"keys",
     "  Tab             complete keywords, names, deal labels, scenarios, show topics\n"
     "  Ctrl-R          search the history backwards (history is kept in\n"
     "                  ~/.dealgraph_history, or $DEALGRAPH_HISTORY; empty = none)\n"
     "  Up / Down       previous / next input;  Ctrl-A / Ctrl-E  start / end of line\n"
     "  Ctrl-C          give up on the input being typed;  Ctrl-D  leave\n"
     "  an unfinished statement or block continues at the `...` prompt;\n"
     "  two empty lines give up on it\n"},
    {"entities",
     "  company NAME [\"Display\"] { cash 56B; revenue 165B/y; debt 8B; equity 100B;\n"
     "                             shares 24.3B; price 185; growth 10%; valuation 500B;\n"
     "                             margin 14%; layer \"chips\" }\n"
     "  bank NAME    market NAME \"End users\"    price NAME 35B/GW    as of 2025\n"
     "  let NAME = EXPR    include \"file.deal\"    use ai2025\n"},
    {"deals",
     "  [deal LABEL:] A invests X in B | A lends X to B | A buys X from B | A pays X to B\n"
     "  A grants B N shares [vesting with LABEL] [at STRIKE]    A guarantees X to B\n"
     "  options: over 5y, from 2027, at 35B/GW (or interest 6%), due 2030, nonbinding,\n"
     "           source \"text\"\n"},
    {"show",
     "  show NAME    show TOPIC [of A [to B]]    show EXPR    or just type EXPR\n"
     "  topics: sources cycles leverage timeline exposure system deals defaults losses\n"
     "          payments distress summary;  show breaking points;  show sensitivities of X\n"
     "  assert EXPR [\"message\"]\n"},
    {"figures",
     "  in out own gap circularity commitments backlog commitment_ratio leverage\n"
     "  concentration hhi paper vendor_financing runway exposure(a,b) sources(a,b)\n"
     "  total_commitments() end_demand() system_leverage() total_unfunded()\n"
     "  total_circulated();  in what-if: defaulted shortfall loss paid distress\n"
     "  risk: breaking_point(x [, cash of y])  sensitivity(paid(x), revenue of y)\n"},
    {"whatif",
     "  scenario NAME [\"desc\"] { openai defaults; shock payments of users by -50%;\n"
     "                          cancel LABEL; drop nonbinding; set recovery 60% }\n"
     "  what if NAME { show defaults; show losses }\n"
     "  what if { SHOCKS } { show, assert, let }   (never changes the session's world)\n"},
};

#define N_TOPICS (sizeof help_topics / sizeof help_topics[0])

void repl_help_topics(void (*fn)(const char *name, void *ud), void *ud)
{
    for (size_t i = 0; i < N_TOPICS; i++)
        fn(help_topics[i].name, ud);
}

void repl_help(FILE *out, const char *topic)
{
    if (topic && *topic) {
        for (size_t i = 0; i < N_TOPICS; i++)
            if (!strcmp(topic, help_topics[i].name)) {
                fputs(help_topics[i].text, out);
                return;
            }
        fprintf(out, "no help on '%s'.", topic);
    } else {
        fputs("Type statements of the deal language; each is answered at once, and a bare\n"
              "expression prints its value (gap(openai), circularity(nvidia)).\n",
              out);
        fputs(help_topics[0].text, out);
    }
    fputs(" topics:", out);
    for (size_t i = 0; i < N_TOPICS; i++)
        fprintf(out, " %s", help_topics[i].name);
    fputs("  (:help TOPIC)\n", out);
}
