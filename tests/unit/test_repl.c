/* test_repl.c - drives `dealgraph repl` through a pseudo-terminal, as a person would: line
 * editing, tab completion of an entity name, a three-line block, an error with a caret
 * followed by a working statement, :undo, :save then `check` of the saved file, Ctrl-R, Ctrl-C,
 * history across sessions, :quit with exit status 0.
 *
 * Needs the built binary in $DG (tests/run.sh exports it); every
 * read has a timeout, so a REPL that hangs fails the test instead of hanging it.
 * Expected values are worked out from the script typed (own = cash with no revenue). */
#include "testutil.h"
#include "dg.h"
#include "repl_int.h"
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define TIMEOUT_MS 10000

typedef struct Pty {
    int fd;
    pid_t pid;
    char buf[1 << 16];
    size_t len;
    size_t mark;   /* searches start here: output already matched is not matched again */
} Pty;

static char tmpdir[256];
static Pty pty;   /* static: a failed assert longjmps past any free */

static long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static char dg[4096];   /* $DG made absolute: the REPL runs in tmpdir */

static void spawn(Pty *p, const char *file)
{
    struct winsize ws = {.ws_row = 24, .ws_col = 100};
    p->len = p->mark = 0;
    p->pid = forkpty(&p->fd, NULL, NULL, &ws);
    assert_true(p->pid >= 0);
    if (p->pid == 0) {
        char hist[300];
        snprintf(hist, sizeof hist, "%s/history", tmpdir);
        setenv("TERM", "xterm", 1);
        setenv("HOME", tmpdir, 1);
        setenv("DEALGRAPH_HISTORY", hist, 1);
        setenv("NO_COLOR", "1", 1);
        if (chdir(tmpdir) != 0)
            _exit(126);
        if (file)
            execl(dg, dg, "repl", file, (char *)NULL);
        else
            execl(dg, dg, "repl", (char *)NULL);
        _exit(127);
    }
}

/* Read until `want` appears after the mark, for up to ms milliseconds; false (and the
 * output so far) on timeout. */
static bool expect_within(Pty *p, const char *want, long ms)
{
    long deadline = now_ms() + ms;
    for (;;) {
        p->buf[p->len] = '\0';
        char *hit = strstr(p->buf + p->mark, want);
        if (hit) {
            p->mark = (size_t)(hit - p->buf) + strlen(want);
            return true;
        }
        long left = deadline - now_ms();
        struct pollfd pfd = {.fd = p->fd, .events = POLLIN};
        if (left <= 0 || poll(&pfd, 1, (int)left) <= 0)
            break;
        ssize_t got = read(p->fd, p->buf + p->len, sizeof p->buf - 1 - p->len);
        if (got <= 0)
            break;
        p->len += (size_t)got;
    }
    print_error("expected \"%s\" in REPL output after offset %zu; got:\n%s\n", want, p->mark,
                p->buf);
    return false;
}

static bool expect(Pty *p, const char *want) { return expect_within(p, want, TIMEOUT_MS); }

/* Did `bad` appear in what was read since `from`? */
static bool seen_since(Pty *p, size_t from, const char *bad)
{
    p->buf[p->len] = '\0';
    return strstr(p->buf + from, bad) != NULL;
}

/* Wait until the line editor has the terminal in raw mode: keys that arrive while it is
 * still cooked are taken by the terminal (Ctrl-R means "reprint" there). On Linux the
 * master side of a pty reports the slave's settings. */
static void wait_raw(Pty *p)
{
    long deadline = now_ms() + TIMEOUT_MS;
    struct termios t;
    while (tcgetattr(p->fd, &t) == 0 && (t.c_lflag & ICANON) && now_ms() < deadline)
        usleep(2000);
}

static void send_keys(Pty *p, const char *keys)
{
    wait_raw(p);
    size_t n = strlen(keys);
    assert_int_equal(write(p->fd, keys, n), (ssize_t)n);
}

/* Type a line, wait for the answer and then for the next prompt. */
static void ask(Pty *p, const char *line, const char *answer, const char *prompt)
{
    send_keys(p, line);
    assert_true(expect(p, answer));
    assert_true(expect(p, prompt));
}

static int wait_exit(Pty *p)
{
    long deadline = now_ms() + TIMEOUT_MS;
    int st = 0;
    char sink[4096];
    while (waitpid(p->pid, &st, WNOHANG) == 0) {
        if (now_ms() > deadline) {
            kill(p->pid, SIGKILL);
            waitpid(p->pid, &st, 0);
            close(p->fd);
            return -1;
        }
        struct pollfd pfd = {.fd = p->fd, .events = POLLIN};
        if (poll(&pfd, 1, 50) > 0 && read(p->fd, sink, sizeof sink) <= 0)
            usleep(10000);
    }
    close(p->fd);
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static char *slurp(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    static char text[1 << 16];
    size_t n = fread(text, 1, sizeof text - 1, fp);
    text[n] = '\0';
    fclose(fp);
    return text;
}

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/dg_repl_XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

static bool have_dg(void)
{
    if (getenv("DG") && realpath(getenv("DG"), dg))
        return true;
    print_message("test_repl: DG is unset or not a file (tests/run.sh sets it to the built binary); "
                  "skipping the pseudo-terminal tests\n");
    return false;
}

/* One session: everything the "done" list names, in the order a person would. */
static void test_session(void **state)
{
    (void)state;
    if (!have_dg())
        skip();
    char path[400];
    snprintf(path, sizeof path, "%s/start.deal", tmpdir);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs("company bigco \"Big Co\" { cash 3B }\n", fp);
    fclose(fp);

    Pty *p = &pty;
    spawn(p, "start.deal");
    assert_true(expect(p, "dg> "));
    /* a three-line block: the first two lines leave it open */
    ask(p, "company acme {\r", "", "... ");
    ask(p, "cash 47B\r", "", "... ");
    ask(p, "}\r", "", "dg> ");
    /* completion of entity names, typed and loaded at start: own = cash, no revenue */
    ask(p, "own(ac\t)\r", "\n47B\r", "dg> ");
    ask(p, "own(big\t)\r", "\n3B\r", "dg> ");
    /* editing: a typo fixed with backspace, Ctrl-A to insert at the start, Ctrl-E to
     * append: the line becomes own(acme) + 1B = 47B + 1B */
    ask(p, "(acmx\x7f" "e)\x01own\x05 + 1B\r", "\n48B\r", "dg> ");
    /* an error points into the typed line, and the session goes on */
    size_t before = p->mark;
    send_keys(p, "let = 5\r");
    assert_true(expect(p, "<repl:"));
    assert_true(expect(p, "error"));
    assert_true(expect(p, "let = 5"));
    assert_true(expect(p, "^"));
    assert_true(expect(p, "dg> "));
    ask(p, "let k = 6\r", "", "dg> ");
    ask(p, "k * 7\r", "\n42\r", "dg> ");
    assert_false(seen_since(p, before, "Sanitizer"));
    /* :undo takes back a re-declaration: acme's cash is 47B again */
    ask(p, "company acme { cash 5B }\r", "", "dg> ");
    ask(p, "own(acme)\r", "\n5B\r", "dg> ");
    ask(p, ":undo\r", "undone: company acme", "dg> ");
    ask(p, "own(acme)\r", "\n47B\r", "dg> ");
    /* an input with an error leaves nothing behind: the cash 9B before the bad revenue
     * (GW is not USD/y) is rolled back with it */
    ask(p, "company acme { cash 9B; revenue 3GW }\r", "error", "dg> ");
    ask(p, "own(acme)\r", "\n47B\r", "dg> ");
    /* what if never changes the session's world */
    ask(p, "what if { acme defaults } { show defaults }\r", "", "dg> ");
    ask(p, "own(acme)\r", "\n47B\r", "dg> ");
    /* Ctrl-R finds "k * 7" in the history; Enter runs it again */
    ask(p, "\x12k * \r", "\n42\r", "dg> ");
    /* Ctrl-C gives up on an unfinished block and the session goes on */
    ask(p, "company half {\r", "", "... ");
    ask(p, "\x03", "", "dg> ");
    ask(p, "own(acme)\r", "\n47B\r", "dg> ");
    ask(p, ":help\r", "topics:", "dg> ");
    ask(p, ":save saved.deal\r", "saved ", "dg> ");
    send_keys(p, ":quit\r");
    assert_int_equal(wait_exit(p), 0);
}

/* What :save wrote is a script `check` accepts, holding the accepted inputs only. */
static void test_saved_script(void **state)
{
    (void)state;
    if (!have_dg())
        skip();
    char path[400], cmd[sizeof dg + 512];
    snprintf(path, sizeof path, "%s/saved.deal", tmpdir);
    char *text = slurp(path);
    assert_non_null(text);
    assert_non_null(strstr(text, "include \"start.deal\""));
    assert_non_null(strstr(text, "47B"));
    assert_non_null(strstr(text, "let k = 6"));
    assert_null(strstr(text, "5B }"));      /* undone */
    assert_null(strstr(text, "let = 5"));   /* rejected */
    snprintf(cmd, sizeof cmd, "'%s' check '%s' >/dev/null 2>&1", dg, path);
    assert_int_equal(system(cmd), 0);
}

/* History survives the session: Ctrl-R in a new session finds a line typed before. */
static void test_history_across_sessions(void **state)
{
    (void)state;
    if (!have_dg())
        skip();
    char path[400];
    snprintf(path, sizeof path, "%s/history", tmpdir);
    char *text = slurp(path);
    assert_non_null(text);
    /* libedit's history file escapes blanks (vis(3)): "let\\040k\\040=\\0406" */
    assert_true(strstr(text, "let k = 6") || strstr(text, "let\\040k\\040=\\0406"));
    Pty *p = &pty;
    spawn(p, NULL);
    assert_true(expect(p, "dg> "));
    ask(p, "\x12let k\r", "", "dg> ");
    ask(p, "k + 1\r", "\n7\r", "dg> ");
    send_keys(p, ":quit\r");
    assert_int_equal(wait_exit(p), 0);
}

/* Questions on the real 2025 web answer in the terminal: a figure prints as a percentage,
 * `show` prints its table. (How fast they answer is measured by make bench,
 * tests/bench/question.c, never here.) */
static void test_ai2025_questions(void **state)
{
    (void)state;
    if (!have_dg())
        skip();
    Pty *p = &pty;
    spawn(p, NULL);
    assert_true(expect(p, "dg> "));
    ask(p, "use ai2025\r", "", "dg> ");
    ask(p, "circularity(nvidia)\r", "%", "dg> ");
    ask(p, "show sources of nvidia\r", "sources of nvidia (in ", "dg> ");
    ask(p, "nvida\r", "unknown", "dg> ");
    send_keys(p, ":quit\r");
    assert_int_equal(wait_exit(p), 0);
}

/* Drop what was read except its last `keep` bytes: a long paste echoes more than buf. */
static void keep_tail(Pty *p, size_t keep)
{
    if (p->len <= keep)
        return;
    memmove(p->buf, p->buf + p->len - keep, keep);
    p->len = keep;
    p->mark = 0;
}

/* Paste text into the terminal as fast as the REPL takes it, reading its echo meanwhile
 * (else both sides' buffers fill and they wait on each other). */
static void paste(Pty *p, const char *text)
{
    wait_raw(p);
    size_t n = strlen(text), at = 0;
    long deadline = now_ms() + 6 * TIMEOUT_MS;
    while (at < n && now_ms() < deadline) {
        struct pollfd pfd = {.fd = p->fd, .events = POLLIN | POLLOUT};
        if (poll(&pfd, 1, 100) <= 0)
            continue;
        if (pfd.revents & POLLIN) {
            keep_tail(p, 4096);
            ssize_t got = read(p->fd, p->buf + p->len, sizeof p->buf - 1 - p->len);
            p->len += got > 0 ? (size_t)got : 0;
        }
        if (pfd.revents & POLLOUT) {
            ssize_t w = write(p->fd, text + at, n - at < 512 ? n - at : 512);
            at += w > 0 ? (size_t)w : 0;
        }
    }
    assert_int_equal(at, n);
    keep_tail(p, 0);
}

/* The 10,000 lines of a scenario block: cash of a falls by 0.01% on each line, so in the
 * what-if own(a) = 100B x 0.9999^10000 = 36.786B ("36.8B"). */
static char *big_block(void)
{
    static const char head[] = "company a { cash 100B }\nscenario big {\n";
    static const char line[] = "  shock cash of a by -0.01%\n";
    char *s = xmalloc(sizeof head + 10000 * (sizeof line - 1) + 8), *at = s;
    at = stpcpy(at, head);
    for (int i = 0; i < 10000; i++)
        at = stpcpy(at, line);
    strcpy(at, "}\n");
    return s;
}

/* A pasted 10,000-line block is taken as one input, typed (the REPL parses the buffer
 * again only when a line could close it: after every line, that was 33 s of parsing) and
 * piped. How fast is for make bench; the read timeouts here fail a REPL that takes
 * minutes. */
static void test_paste_block(void **state)
{
    (void)state;
    if (!have_dg())
        skip();
    char *block = big_block(), *typed = xmalloc(strlen(block) + 1);
    for (size_t i = 0; (typed[i] = block[i] == '\n' ? '\r' : block[i]); i++)
        ;
    Pty *p = &pty;
    spawn(p, NULL);
    assert_true(expect(p, "dg> "));
    paste(p, typed);
    assert_true(expect(p, "dg> "));
    ask(p, "what if big { show own(a) }\r", "36.8B", "dg> ");
    send_keys(p, ":quit\r");
    assert_int_equal(wait_exit(p), 0);

    char path[400], cmd[sizeof dg + 1024];
    snprintf(path, sizeof path, "%s/block.deal", tmpdir);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fprintf(fp, "%swhat if big { show own(a) }\n", block);
    fclose(fp);
    snprintf(cmd, sizeof cmd, "'%s' repl < '%s' > '%s.out' 2>&1", dg, path, path);
    assert_int_equal(system(cmd), 0);
    snprintf(path + strlen(path), sizeof path - strlen(path), ".out");
    assert_non_null(strstr(slurp(path), "own(a) = 36.8B"));
    free(block);
    free(typed);
}

/* `:set strict on` in a terminal: an input that uses an entity it does not declare fails
 * and, like any failed input, leaves nothing behind; declared first, the deal stands. */
static void test_set_strict(void **state)
{
    (void)state;
    if (!have_dg())
        skip();
    Pty *p = &pty;
    spawn(p, NULL);
    assert_true(expect(p, "dg> "));
    ask(p, "x pays 1B to y\r", "", "dg> ");   /* not strict: y is just used */
    ask(p, ":set strict on\r", "strict on", "dg> ");
    ask(p, "z pays 2B to y\r", "'z' is used but never declared", "dg> ");
    ask(p, "in(y)\r", "\n1B\r", "dg> ");   /* the failed deal was taken back */
    ask(p, "company z\r", "", "dg> ");
    ask(p, "z pays 2B to y\r", "", "dg> ");
    ask(p, "in(y)\r", "\n3B\r", "dg> ");
    ask(p, ":set strict off\r", "strict off", "dg> ");
    ask(p, "w pays 1B to y\r", "", "dg> ");
    ask(p, "in(y)\r", "\n4B\r", "dg> ");
    send_keys(p, ":quit\r");
    assert_int_equal(wait_exit(p), 0);
}

/* A deal's clause typed on a line of its own goes on with the deal typed before it (the
 * two run as one input); a clause that fails leaves the deal as it was, and a clause line
 * after anything but a deal is an error that says why. */
static void test_clause_line(void **state)
{
    (void)state;
    if (!have_dg())
        skip();
    Pty *p = &pty;
    spawn(p, NULL);
    assert_true(expect(p, "dg> "));
    ask(p, "x pays 4B to y\r", "", "dg> ");
    ask(p, "    over 2y\r", "", "dg> ");
    ask(p, "    source \"typed apart\"\r", "", "dg> ");
    ask(p, "show deals\r", "x pays 4B to y over 2y", "dg> ");
    ask(p, "    at -5%\r", "error", "dg> ");   /* a pays has no rate: the deal stays */
    ask(p, "in(y)\r", "\n4B\r", "dg> ");
    ask(p, "    from 2027\r", "goes on with the deal on the line above", "dg> ");
    ask(p, ":undo\r", "undone: x pays 4B to y ...", "dg> ");
    ask(p, "in(y)\r", "unknown entity 'y'", "dg> ");
    send_keys(p, ":quit\r");
    assert_int_equal(wait_exit(p), 0);
}

/* Ctrl-C while a long :load runs stops it, and the world is as it was before: the file's
 * company w and its 1M deals are all taken back: out(x) is the 2B typed before, and w is
 * no entity at all (asking about it is an error, and does not create it). */
static void test_ctrl_c_stops_load(void **state)
{
    (void)state;
    if (!have_dg())
        skip();
    char path[400];
    snprintf(path, sizeof path, "%s/long.deal", tmpdir);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs("company w { cash 7B }\n", fp);
    for (int i = 0; i < 1000000; i++)
        fputs("x pays 1B to y\n", fp);
    fclose(fp);
    Pty *p = &pty;
    spawn(p, NULL);
    assert_true(expect(p, "dg> "));
    ask(p, "x pays 2B to y\r", "", "dg> ");
    send_keys(p, ":load long.deal\r");
    usleep(200 * 1000);
    assert_int_equal(write(p->fd, "\x03", 1), 1);   /* the terminal is cooked while it runs */
    /* the rest of the file is still read through (not run): slow under the sanitizers */
    assert_true(expect_within(p, "error: interrupted", 6 * TIMEOUT_MS));
    assert_true(expect(p, "dg> "));
    ask(p, "out(x)\r", "\n2B\r", "dg> ");
    ask(p, "own(w)\r", "unknown entity 'w'", "dg> ");   /* 7B if the file had stayed */
    send_keys(p, ":quit\r");
    assert_int_equal(wait_exit(p), 0);
}

/* The cancel hook as the library sees it: asked before and after each statement; once it
 * says stop, the rest is skipped and the input fails with one error. Here it says stop from
 * its 4th question on: `let a` runs (questions 1, 2), `let b` too (3 before it; the 4th,
 * after it, stops), `let c` never does. */
static bool stop_from_4th(void *ud)
{
    int *asked = ud;
    return ++*asked >= 4;
}

static void test_cancel_hook(void **state)
{
    (void)state;
    int asked = 0;
    char *err = NULL;
    size_t len = 0;
    FILE *ef = open_memstream(&err, &len);
    DgOptions o = {.out = stdout, .err = ef, .cancel = stop_from_4th, .cancel_ud = &asked};
    Dg *d = dg_new(&o);
    const char *text = "let a = 1\nlet b = 2\nlet c = 3\n";
    assert_int_equal(dg_run_text(d, "<t>", text, strlen(text)), DG_EFAIL);
    fflush(ef);
    assert_non_null(strstr(err, "<t>:2:1: error: interrupted"));
    assert_int_equal(dg_error_count(d), 1);
    asked = -1000;   /* no more stops */
    assert_int_equal(dg_run_text(d, "<t2>", "b", 1), DG_OK);
    assert_int_equal(dg_run_text(d, "<t3>", "c", 1), DG_EFAIL);   /* never defined */
    dg_free(d);
    fclose(ef);
    free(err);
}

/* Completion candidates, asked of the library directly (no terminal needed). */
static bool has(char **v, const char *w)
{
    for (; *v; v++)
        if (!strcmp(*v, w))
            return true;
    return false;
}

static size_t count(char **v)
{
    size_t n = 0;
    while (v[n])
        n++;
    return n;
}

static void free_cands(char **v)
{
    for (char **p = v; *p; p++)
        free(*p);
    free(v);
}

static void test_candidates(void **state)
{
    (void)state;
    FILE *sink = fopen("/dev/null", "w");
    DgOptions opt = {.out = sink, .err = sink};
    Repl r = {0};
    r.dg = dg_new(&opt);
    const char *web = "company nvidia { cash 1B }\ncompany novo { cash 1B }\n"
                      "deal stargate: nvidia pays 1B to novo\nscenario winter { novo defaults }\n";
    assert_int_equal(dg_run_text(r.dg, "<t>", web, strlen(web)), DG_OK);
    /* an entity name anywhere a word may go */
    char **v = repl_candidates(&r, "own(nv", 4, "nv");
    assert_int_equal(count(v), 1);
    assert_string_equal(v[0], "nvidia");
    free_cands(v);
    /* after `show`: topics and names; `sources` and `stargate` both start with s */
    v = repl_candidates(&r, "show s", 5, "s");
    assert_true(has(v, "sources") && has(v, "summary") && has(v, "system"));
    assert_true(has(v, "stargate"));
    assert_false(has(v, "scenario"));   /* a keyword cannot follow show */
    free_cands(v);
    /* after `of`, `cancel`, `what if`: names only, sorted */
    v = repl_candidates(&r, "show sources of n", 16, "n");
    assert_int_equal(count(v), 2);
    assert_string_equal(v[0], "novo");
    assert_string_equal(v[1], "nvidia");
    free_cands(v);
    v = repl_candidates(&r, "what if w", 8, "w");
    assert_int_equal(count(v), 1);
    assert_string_equal(v[0], "winter");
    free_cands(v);
    /* keywords at the start of a statement; no duplicates (`in` is keyword and figure) */
    v = repl_candidates(&r, "i", 0, "i");
    assert_true(has(v, "include") && has(v, "invests") && has(v, "in"));
    assert_int_equal(count(v), 5);   /* if in include insolvent invests */
    free_cands(v);
    /* meta-commands after `:`, help topics after `:help` */
    v = repl_candidates(&r, ":re", 0, ":re");
    assert_int_equal(count(v), 2);
    assert_string_equal(v[0], ":reload");
    assert_string_equal(v[1], ":reset");
    free_cands(v);
    v = repl_candidates(&r, ":help wh", 6, "wh");
    assert_int_equal(count(v), 1);
    assert_string_equal(v[0], "whatif");
    free_cands(v);
    dg_free(r.dg);
    fclose(sink);
}

/* A question about a name nobody declared is an error and leaves no entity behind: Tab
 * does not offer it afterwards (it once did: `show sources of nv` created nv). */
static void test_question_adds_no_name(void **state)
{
    (void)state;
    FILE *sink = fopen("/dev/null", "w");
    DgOptions opt = {.out = sink, .err = sink};
    Repl r = {0};
    r.dg = dg_new(&opt);
    const char *web = "company nvidia { cash 1B }\nnvidia pays 1B to novo\n";
    assert_int_equal(dg_run_text(r.dg, "<t>", web, strlen(web)), DG_OK);
    const char *asks[] = {"show sources of nv\n", "leverage(nvx)\n", "assert in(nvy) > 0\n",
                          "what if { nvz defaults } { show defaults }\n",
                          "what if { shock revenue of nvw by -5% } { show losses }\n"};
    for (size_t i = 0; i < sizeof asks / sizeof *asks; i++)
        assert_int_equal(dg_run_text(r.dg, "<t>", asks[i], strlen(asks[i])), DG_EFAIL);
    char **v = repl_candidates(&r, "own(nv", 4, "nv");
    assert_int_equal(count(v), 1);
    assert_string_equal(v[0], "nvidia");
    free_cands(v);
    dg_free(r.dg);
    fclose(sink);
}

/* Completion offers every word of the language's lists, read from them (a copy of the
 * keywords once missed `horizon` and `up`, one of the figures `breaking_point`): each
 * keyword at the start of a statement, each figure and risk measure there and each figure
 * and topic after `show`. */
typedef struct Offered {
    Repl *r;
    const char *lead;   /* the line before the word */
} Offered;

static void offered(const char *word, void *ud)
{
    Offered *o = ud;
    char line[128];
    snprintf(line, sizeof line, "%s%s", o->lead, word);
    char **v = repl_candidates(o->r, line, (int)strlen(o->lead), word);
    if (!has(v, word))
        fail_msg("completion of '%s' does not offer '%s'", line, word);
    free_cands(v);
}

static void offered_figure(const char *name, int nargs, bool whatif, void *ud)
{
    (void)nargs;
    (void)whatif;
    offered(name, ud);
}

static void offered_risk(const DgRisk *risk, void *ud) { offered(risk->name, ud); }

/* A word at a time: a topic of two words (`default years`) is not offered whole. */
static void offered_topic(const char *topic, void *ud)
{
    if (!strchr(topic, ' '))
        offered(topic, ud);
}

static void test_candidates_read_the_lists(void **state)
{
    (void)state;
    FILE *sink = fopen("/dev/null", "w");
    DgOptions opt = {.out = sink, .err = sink};
    Repl r = {0};
    r.dg = dg_new(&opt);
    Offered start = {&r, ""}, show = {&r, "show "};
    dg_each_keyword(offered, &start);
    dg_each_figure(offered_figure, &start);
    dg_each_figure(offered_figure, &show);
    dg_each_risk(offered_risk, &start);
    dg_each_topic(offered_topic, &show);
    char **v = repl_candidates(&r, "h", 0, "h");
    assert_true(has(v, "horizon"));
    free_cands(v);
    dg_free(r.dg);
    fclose(sink);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_candidates),
        cmocka_unit_test(test_question_adds_no_name),
        cmocka_unit_test(test_candidates_read_the_lists),
        cmocka_unit_test(test_session),
        cmocka_unit_test(test_saved_script),
        cmocka_unit_test(test_history_across_sessions),
        cmocka_unit_test(test_ai2025_questions),
        cmocka_unit_test(test_paste_block),
        cmocka_unit_test(test_set_strict),
        cmocka_unit_test(test_clause_line),
        cmocka_unit_test(test_ctrl_c_stops_load),
        cmocka_unit_test(test_cancel_hook),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
