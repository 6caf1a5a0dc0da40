/* test_safefile.c - safefile_write and dg_write_file on the rules of base/safefile.h: a new
 * file gets the umask's mode, an existing one keeps its mode and its symbolic link, and
 * hard links, directories, read-only files and missing directories are refused with the
 * reason, leaving nothing behind. The signal handlers it sets for the write are put back.
 * (tests/scripts/file_safety.sh covers owners, other users, devices and signals.) */
#include "testutil.h"
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include "dg.h"
#include "safefile.h"

static char dir[64];
static char paths[2][320];
static int which;

/* dir/name; two calls may share one expression (link(at(a), at(b))). */
static const char *at(const char *name)
{
    which = !which;
    snprintf(paths[which], sizeof paths[which], "%s/%s", dir, name);
    return paths[which];
}

static void put(const char *name, const char *text, mode_t mode)
{
    FILE *fp = fopen(at(name), "w");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
    assert_int_equal(chmod(at(name), mode), 0);
}

static void assert_holds(const char *name, const char *want)
{
    char buf[256] = {0};
    FILE *fp = fopen(at(name), "r");
    assert_non_null(fp);
    size_t n = fread(buf, 1, sizeof buf - 1, fp);
    fclose(fp);
    buf[n] = '\0';
    assert_string_equal(buf, want);
}

static mode_t mode_of(const char *name)
{
    struct stat st;
    assert_int_equal(stat(at(name), &st), 0);
    return st.st_mode & 07777;
}

/* No `.NAME.dealgraph-XXXXXX` is left in the directory. */
static void assert_no_temp(void)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    for (struct dirent *e; (e = readdir(d));)
        if (strstr(e->d_name, ".dealgraph-"))
            fail_msg("temporary file left: %s", e->d_name);
    closedir(d);
}

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/dg_safefile_XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[256];
    snprintf(cmd, sizeof cmd, "chmod -R u+w '%s'; rm -rf '%s'", dir, dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void test_new_file_gets_umask_mode(void **state)
{
    (void)state;
    char why[512];
    mode_t old = umask(027);
    int rc = safefile_write(at("new.deal"), "company a;\n", 11, why, sizeof why);
    umask(old);
    assert_int_equal(rc, 0);
    assert_holds("new.deal", "company a;\n");
    assert_int_equal(mode_of("new.deal"), 0640);
    assert_no_temp();
}

static void test_existing_keeps_mode_and_link(void **state)
{
    (void)state;
    char why[512];
    put("secret.deal", "old\n", 0600);
    assert_int_equal(symlink("secret.deal", at("link.deal")), 0);
    assert_int_equal(safefile_write(at("link.deal"), "new\n", 4, why, sizeof why), 0);
    assert_holds("secret.deal", "new\n");
    assert_int_equal(mode_of("secret.deal"), 0600);
    struct stat st;
    assert_int_equal(lstat(at("link.deal"), &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    assert_no_temp();
}

/* Each refusal: -1, the reason as worded, the file as it was. */
static void test_refusals(void **state)
{
    (void)state;
    char why[512], want[512];
    put("h1.deal", "one\n", 0644);
    assert_int_equal(link(at("h1.deal"), at("h2.deal")), 0);
    assert_int_equal(safefile_write(at("h1.deal"), "x", 1, why, sizeof why), -1);
    assert_string_equal(why, "it has 2 hard links (writing would split them)");
    assert_holds("h1.deal", "one\n");

    assert_int_equal(mkdir(at("sub"), 0755), 0);
    assert_int_equal(safefile_write(at("sub"), "x", 1, why, sizeof why), -1);
    assert_string_equal(why, "it is not a regular file (it is a directory)");
    assert_int_equal(safefile_write(at("newdir/"), "x", 1, why, sizeof why), -1);
    assert_string_equal(why, "it names a directory");

    put("ro.deal", "ro\n", 0444);
    assert_int_equal(safefile_write(at("ro.deal"), "x", 1, why, sizeof why), -1);
    assert_string_equal(why, "it is read-only (mode 0444)");
    assert_holds("ro.deal", "ro\n");

    assert_int_equal(safefile_write(at("no/such/x.deal"), "x", 1, why, sizeof why), -1);
    snprintf(want, sizeof want, "the directory '%s/no/such' does not exist", dir);
    assert_string_equal(why, want);

    assert_int_equal(symlink("nowhere.deal", at("dangling.deal")), 0);
    assert_int_equal(safefile_write(at("dangling.deal"), "x", 1, why, sizeof why), -1);
    assert_string_equal(why, "it is a symbolic link that leads to no file (No such file or directory)");
    assert_int_equal(access(at("nowhere.deal"), F_OK), -1);
    assert_no_temp();
}

/* dg_write_file words the refusal for the command line. */
static void test_dg_write_file_message(void **state)
{
    (void)state;
    char *msg = NULL;
    size_t n = 0;
    FILE *err = open_memstream(&msg, &n);
    assert_non_null(err);
    put("a.deal", "a\n", 0644);
    assert_int_equal(link(at("a.deal"), at("b.deal")), 0);
    assert_int_equal(dg_write_file(at("a.deal"), "x", 1, "dealgraph fmt", err), DG_EIO);
    fclose(err);
    char want[512];
    snprintf(want, sizeof want,
             "dealgraph fmt: cannot write '%s/a.deal': it has 2 hard links (writing would "
             "split them)\n", dir);
    assert_string_equal(msg, want);
    free(msg);
}

static void on_term(int sig) { (void)sig; }

/* The write's handlers are put back, and a handler of the caller's is never replaced. */
static void test_signals_restored(void **state)
{
    (void)state;
    char why[512];
    struct sigaction sa, now;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_term;
    sigemptyset(&sa.sa_mask);
    assert_int_equal(sigaction(SIGHUP, &sa, NULL), 0);
    assert_int_equal(safefile_write(at("sig.deal"), "s\n", 2, why, sizeof why), 0);
    assert_int_equal(sigaction(SIGTERM, NULL, &now), 0);
    assert_true(now.sa_handler == SIG_DFL);
    assert_int_equal(sigaction(SIGXFSZ, NULL, &now), 0);
    assert_true(now.sa_handler == SIG_DFL);
    assert_int_equal(sigaction(SIGHUP, NULL, &now), 0);
    assert_true(now.sa_handler == on_term);
    signal(SIGHUP, SIG_DFL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_new_file_gets_umask_mode),
        cmocka_unit_test(test_existing_keeps_mode_and_link),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_dg_write_file_message),
        cmocka_unit_test(test_signals_restored),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
