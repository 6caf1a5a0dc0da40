/* repl.c - `dealgraph repl`: arguments, the interactive read loop and piped stdin.
 *
 * Multi-line input works as in Lua's REPL: a line is added to a
 * buffer, and dg_parse_status decides whether the buffer is a complete input, a complete
 * but wrong one (run it, so the errors print with a caret into the typed text), or cut
 * short at the end (prompt "... " for more). No grammar of its own: dg.h is the only way in.
 * Each parse reads the whole buffer, so a long buffer (a pasted block) is parsed again only
 * when a line could have closed it (see worth_parsing): otherwise a 10,000-line block cost
 * 10,000 parses of up to 10,000 lines. */
#include "cli.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "repl_int.h"

#define PROMPT "dg> "
#define PROMPT_MORE "... "

static const char *skip_blank(const char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\r')
        s++;
    return s;
}

static bool is_blank(const char *s) { return *skip_blank(s) == '\0' || *skip_blank(s) == '\n'; }

/* Only blanks, newlines and comments: nothing to run. */
static bool is_blank_range(const char *s, size_t n)
{
    bool comment = false;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\n')
            comment = false;
        else if (s[i] == '#')
            comment = true;
        else if (!comment && s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
            return false;
    }
    return true;
}

static void usage(void)
{
    fprintf(stderr, "usage: dealgraph repl [--strict] [-] [FILE...]\n"
                    "  FILE...   scripts to load first (:reload re-reads them)\n"
                    "  --strict  an entity used but never declared is an error, as in "
                    "`check --strict`\n"
                    "  -         read statements from stdin without prompts, even from a "
                    "terminal\n");
}

/* What the lines of the buffer leave open, each line scanned once as it comes: braces and
 * parentheses outside strings and comments (a string ends on its line). A hint only, to
 * skip parses that cannot find the buffer complete; the parser decides. */
typedef struct Open {
    long braces, parens;
    size_t parsed;   /* the buffer's length when it was last parsed */
} Open;

static void scan_line(Open *o, const char *s)
{
    bool str = false;
    for (; *s; s++) {
        if (str && *s == '\\' && s[1])
            s++;
        else if (*s == '"')
            str = !str;
        else if (!str && *s == '#')
            return;   /* a comment runs to the end of the line */
        else if (!str) {
            o->braces += (*s == '{') - (*s == '}');
            o->parens += (*s == '(') - (*s == ')');
        }
    }
}

/* Buffers up to this size are parsed after every line, as a person types them (a parse of
 * 16 KB is some 0.1 ms). A larger one only after a line that leaves no brace or
 * parenthesis open, or when it has doubled since its last parse (so a mistake in the
 * middle of a long paste is still reported before its end): parses of n lines then cost
 * O(n) in all. */
#define PARSE_EVERY_LINE (16u << 10)

static bool worth_parsing(const Open *o, size_t len)
{
    return len <= PARSE_EVERY_LINE || (o->braces <= 0 && o->parens <= 0) || len >= 2 * o->parsed;
}

/* Ctrl-C stops the input running (it then fails, and a change is taken back as a failed
 * one is), but never a replay: that must finish for the world to be as it was. */
bool repl_cancel(void *ud)
{
    const Repl *r = ud;
    return !r->replaying && repl_interrupted();
}

/* The typed buffer is complete (or broken in the middle): run it as input "<repl:N>". */
static void submit_typed(Repl *r, StrBuf *b)
{
    char name[32];
    snprintf(name, sizeof name, "<repl:%u>", r->counter++);
    size_t hl = b->len;
    while (hl && b->s[hl - 1] == '\n')
        hl--;
    char *entry = strndup(b->s, hl);
    repl_history_add(r, entry);
    free(entry);
    repl_submit_typed(r, name, b->s, b->len);
    b->len = 0;
}

/* One line typed at a prompt: a meta-command, or more of the statement being typed. */
static void take_line(Repl *r, StrBuf *b, Open *o, const char *line, int *blanks)
{
    if (b->len == 0) {
        const char *p = skip_blank(line);
        if (*p == '\0')
            return;
        if (*p == ':') {
            repl_history_add(r, p);
            repl_command(r, p);
            return;
        }
    }
    /* Two blank lines end a block that would otherwise wait forever for its `}`. */
    *blanks = is_blank(line) ? *blanks + 1 : 0;
    strbuf_add(b, line, strlen(line));
    strbuf_add(b, "\n", 1);
    scan_line(o, line);
    if (*blanks < 2 && !worth_parsing(o, b->len))
        return;
    o->parsed = b->len;
    if (*blanks < 2 && dg_parse_status(b->s, b->len) == DG_PARSE_INCOMPLETE)
        return;
    *blanks = 0;
    *o = (Open){0};
    submit_typed(r, b);
}

static void interactive(Repl *r)
{
    StrBuf b = {0};
    Open o = {0};
    int blanks = 0;
    repl_edit_init(r);
    fprintf(stdout, "dealgraph repl - :help for help, :quit or Ctrl-D to leave\n");
    while (!r->quit) {
        fflush(stdout);
        bool cancelled = false;
        char *line = repl_readline(r, b.len ? PROMPT_MORE : PROMPT, &cancelled);
        if (cancelled) {   /* Ctrl-C: drop what was typed of this input */
            fputc('\n', stdout);
            b.len = 0;
            blanks = 0;
            o = (Open){0};
            continue;
        }
        if (!line) {
            if (b.len)
                submit_typed(r, &b);   /* end of input inside a block: say what is missing */
            fputc('\n', stdout);
            break;
        }
        take_line(r, &b, &o, line, &blanks);
        free(line);
    }
    free(b.s);
    repl_edit_done(r);
}

static char *read_all(FILE *fp, size_t *len)
{
    size_t cap = 1 << 16;
    char *s = xmalloc(cap);
    *len = 0;
    for (size_t got; (got = fread(s + *len, 1, cap - *len - 1, fp)) > 0;) {
        *len += got;
        if (cap - *len < 2)
            s = vec_grow(s, &cap, cap * 2, 1);
    }
    s[*len] = '\0';
    return s;
}

/* Piped stdin runs like a file: the text between meta-command lines is one input named
 * "<stdin>", padded so that line numbers in messages are those of the piped text. */
static void piped(Repl *r)
{
    size_t len;
    char *text = read_all(stdin, &len);
    size_t seg = 0, seg_line = 0, line_no = 0;
    for (size_t at = 0; at < len && !r->quit; line_no++) {
        char *nl = memchr(text + at, '\n', len - at);
        size_t end = nl ? (size_t)(nl - text) + 1 : len;
        const char *p = skip_blank(text + at);
        if (*p == ':') {
            if (seg < at && !is_blank_range(text + seg, at - seg))
                repl_submit(r, "<stdin>", text + seg, at - seg, seg_line);
            char *cmd = strndup(p, (size_t)(text + end - p));
            cmd[strcspn(cmd, "\r\n")] = '\0';
            repl_command(r, cmd);
            free(cmd);
            seg = end;
            seg_line = line_no + 1;
        }
        at = end;
    }
    if (!r->quit && seg < len && !is_blank_range(text + seg, len - seg))
        repl_submit(r, "<stdin>", text + seg, len - seg, seg_line);
    free(text);
    /* The checks that need the whole input (a label used but never defined), as `check`. */
    if (dg_finish(r->dg) != DG_OK)
        r->status = DG_EFAIL;
}

static char *history_path(void)
{
    const char *env = getenv("DEALGRAPH_HISTORY");
    if (env)
        return *env ? strdup(env) : NULL;   /* set but empty: no history file */
    const char *home = getenv("HOME");
    if (!home || !*home)
        return NULL;
    char *p = xmalloc(strlen(home) + 32);
    sprintf(p, "%s/.dealgraph_history", home);
    return p;
}

int repl_main(int argc, char **argv)
{
    Repl r = {0};
    bool dash = false;
    r.start = xcalloc((size_t)argc + 1, sizeof *r.start);
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "-")) {
            dash = true;
        } else if (!strcmp(argv[i], "--strict")) {
            r.strict = true;
        } else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            usage();
            free(r.start);
            return DG_OK;
        } else if (argv[i][0] == '-') {
            fprintf(stderr, "dealgraph repl: unknown option '%s'\n", argv[i]);
            usage();
            free(r.start);
            return DG_EUSAGE;
        } else {
            r.start[r.nstart++] = argv[i];
        }
    }
    r.interactive = !dash && isatty(STDIN_FILENO);
    if (!repl_session_open(&r)) {
        repl_session_close(&r);
        free(r.start);
        return DG_EIO;
    }
    if (r.interactive) {
        r.history = history_path();
        interactive(&r);
    } else {
        piped(&r);
    }
    int status = r.interactive ? DG_OK : r.status;
    repl_session_close(&r);
    free(r.history);
    free(r.start);
    return status;
}
