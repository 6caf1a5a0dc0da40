/* safefile.c - safefile_write (safefile.h): the checks, a hidden temporary file, rename.
 *
 * File-scope state, justified here only: the name of the temporary file being written, so
 * that a signal handler can remove it. A handler gets no user pointer, so the name cannot
 * live in a context struct. It is set and cleared with the signals blocked, so the handler
 * never sees half a name and never removes a name that has just been renamed over the
 * target. */
#include "safefile.h"
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>   /* realpath */
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <time.h>
#include <unistd.h>

#define TEMP_MARK ".dealgraph-"
#define TEMP_BASE_MAX 200   /* bytes of the target's name kept in the temporary's name */
#define TEMP_TRIES 100

static char pending[PATH_MAX + 32];          /* the temporary file, while pending_set */
static volatile sig_atomic_t pending_set;

/* The signals that end a process and can be caught. */
static const int CLEANUP[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
#define NCLEANUP (sizeof CLEANUP / sizeof CLEANUP[0])

typedef struct Target {
    char real[PATH_MAX];   /* what is renamed over: the resolved path, or the path if new */
    char dir[PATH_MAX];    /* its directory */
    const char *base;      /* its last component, inside real */
    bool exists;
    struct stat st;        /* when it exists */
} Target;

/* What the write changed about the process's signals, to put back. */
typedef struct Guard {
    struct sigaction old[NCLEANUP + 1];   /* the last one is SIGXFSZ's */
    bool set[NCLEANUP + 1];
} Guard;

static int say(char *why, size_t n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, n, fmt, ap);
    va_end(ap);
    return -1;
}

/* ---- signals ---- */

static void on_signal(int sig)
{
    if (pending_set)
        unlink(pending);
    raise(sig);   /* SA_RESETHAND put the default back: the signal now ends the process */
}

static bool is_default(const struct sigaction *sa)
{
    return !(sa->sa_flags & SA_SIGINFO) && sa->sa_handler == SIG_DFL;
}

/* Catch the ending signals that nothing else handles: an ignored one stays ignored, and a
 * handler of the caller's stays (the REPL's Ctrl-C: the write then completes). SIGXFSZ is
 * ignored, so that a file-size limit is a write error (EFBIG) rather than the end. */
static void guard_on(Guard *g)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < NCLEANUP; i++)
        sigaddset(&sa.sa_mask, CLEANUP[i]);
    sa.sa_flags = SA_RESETHAND;
    for (size_t i = 0; i <= NCLEANUP; i++) {
        int sig = i < NCLEANUP ? CLEANUP[i] : SIGXFSZ;
        sa.sa_handler = i < NCLEANUP ? on_signal : SIG_IGN;
        g->set[i] = sigaction(sig, NULL, &g->old[i]) == 0 && is_default(&g->old[i]) &&
                    sigaction(sig, &sa, NULL) == 0;
    }
}

static void guard_off(const Guard *g)
{
    for (size_t i = 0; i <= NCLEANUP; i++)
        if (g->set[i])
            sigaction(i < NCLEANUP ? CLEANUP[i] : SIGXFSZ, &g->old[i], NULL);
}

static void block(sigset_t *old)
{
    sigset_t s;
    sigemptyset(&s);
    for (size_t i = 0; i < NCLEANUP; i++)
        sigaddset(&s, CLEANUP[i]);
    pthread_sigmask(SIG_BLOCK, &s, old);
}

static void unblock(const sigset_t *old) { pthread_sigmask(SIG_SETMASK, old, NULL); }

/* ---- the target ---- */

static int split(Target *t, char *why, size_t n)
{
    char *slash = strrchr(t->real, '/');
    t->base = slash ? slash + 1 : t->real;
    if (!slash)
        strcpy(t->dir, ".");
    else if (slash == t->real)
        strcpy(t->dir, "/");
    else
        snprintf(t->dir, sizeof t->dir, "%.*s", (int)(slash - t->real), t->real);
    if (!*t->base || !strcmp(t->base, ".") || !strcmp(t->base, ".."))
        return say(why, n, "it names a directory");
    return 0;
}

/* An existing path is followed to its real file; a new one is created where it is named. */
static int resolve(const char *path, Target *t, char *why, size_t n)
{
    struct stat lst;
    if (lstat(path, &lst) == 0) {
        if (!realpath(path, t->real))
            return say(why, n, S_ISLNK(lst.st_mode) ? "it is a symbolic link that leads to no file (%s)"
                                                    : "%s",
                       strerror(errno));
        if (stat(t->real, &t->st) != 0)
            return say(why, n, "%s", strerror(errno));
        t->exists = true;
    } else if (errno == ENOENT) {
        if (strlen(path) >= sizeof t->real)
            return say(why, n, "%s", strerror(ENAMETOOLONG));
        strcpy(t->real, path);
    } else {
        return say(why, n, "%s", strerror(errno));
    }
    return split(t, why, n);
}

static const char *kind_of(mode_t m)
{
    return S_ISDIR(m) ? "a directory" : S_ISFIFO(m) ? "a FIFO" : S_ISCHR(m) ? "a character device"
         : S_ISBLK(m) ? "a block device" : S_ISSOCK(m) ? "a socket" : "not a plain file";
}

/* What rules out replacing an existing file (safefile.h). */
static int check_existing(const Target *t, char *why, size_t n)
{
    const struct stat *st = &t->st;
    if (!S_ISREG(st->st_mode))
        return say(why, n, "it is not a regular file (it is %s)", kind_of(st->st_mode));
    if (st->st_nlink > 1)
        return say(why, n, "it has %ju hard links (writing would split them)",
                   (uintmax_t)st->st_nlink);
    if (!(st->st_mode & 0222))
        return say(why, n, "it is read-only (mode %04o)", (unsigned)(st->st_mode & 07777));
    if (faccessat(AT_FDCWD, t->real, W_OK, AT_EACCESS) != 0)
        return say(why, n, "you may not write it (%s)", strerror(errno));
    if (getxattr(t->real, "system.posix_acl_access", NULL, 0) >= 0)
        return say(why, n, "it has an access control list, which a rewritten copy would lose");
    return 0;
}

/* ---- the temporary file ---- */

static void random_suffix(char out[7], unsigned try)
{
    static const char abc[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    unsigned char r[6];
    if (getrandom(r, sizeof r, GRND_NONBLOCK) != (ssize_t)sizeof r) {
        /* No entropy yet: O_EXCL keeps it safe, the retries keep it going. */
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        uint64_t x = (uint64_t)ts.tv_nsec ^ ((uint64_t)getpid() << 32) ^ (try * 2654435761u);
        for (int i = 0; i < 6; i++, x >>= 7)
            r[i] = (unsigned char)x;
    }
    for (int i = 0; i < 6; i++)
        out[i] = abc[r[i] % (sizeof abc - 1)];
    out[6] = '\0';
}

static int dir_problem(const char *dir, int e, char *why, size_t n)
{
    if (e == EACCES || e == EPERM || e == EROFS)
        return say(why, n, "the directory '%s' is not writable (%s)", dir, strerror(e));
    if (e == ENOENT)
        return say(why, n, "the directory '%s' does not exist", dir);
    return say(why, n, "cannot create a file in the directory '%s' (%s)", dir, strerror(e));
}

/* Create `.NAME.dealgraph-XXXXXX` beside the target, exclusively: never an existing file,
 * never through a link. A file being replaced starts as 0600 (its own mode comes once its
 * owner is set); a new one gets 0666 less the umask, as any new file. */
static int open_temp(const Target *t, char *why, size_t n)
{
    int blen = (int)strnlen(t->base, TEMP_BASE_MAX);
    for (unsigned try = 0; try < TEMP_TRIES; try++) {
        char suffix[7];
        random_suffix(suffix, try);
        int len = snprintf(pending, sizeof pending, "%s/.%.*s" TEMP_MARK "%s", t->dir, blen,
                           t->base, suffix);
        if (len < 0 || (size_t)len >= sizeof pending)
            return say(why, n, "%s", strerror(ENAMETOOLONG));
        sigset_t old;
        block(&old);
        int fd = open(pending, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                      t->exists ? 0600 : 0666);
        int e = errno;
        pending_set = fd >= 0;
        unblock(&old);
        if (fd >= 0)
            return fd;
        if (e != EEXIST)
            return dir_problem(t->dir, e, why, n);
    }
    return say(why, n, "no free temporary name in the directory '%s'", t->dir);
}

/* Give the new file the old one's owner, group and mode (owner first: chown clears the
 * set-id bits). */
static int keep_owner_mode(int fd, const Target *t, char *why, size_t n)
{
    struct stat now;
    if (fstat(fd, &now) != 0)
        return say(why, n, "%s", strerror(errno));
    if ((now.st_uid != t->st.st_uid || now.st_gid != t->st.st_gid) &&
        fchown(fd, t->st.st_uid, t->st.st_gid) != 0)
        return say(why, n, "it belongs to another user or group, which a rewritten copy "
                           "could not keep (%s)", strerror(errno));
    if (fchmod(fd, t->st.st_mode & 07777) != 0)
        return say(why, n, "%s", strerror(errno));
    return 0;
}

static int write_all(int fd, const char *p, size_t len)
{
    while (len > 0) {
        ssize_t k = write(fd, p, len);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return k < 0 ? errno : EIO;
        p += k;
        len -= (size_t)k;
    }
    return 0;
}

static int fill(int fd, const Target *t, const void *data, size_t len, char *why, size_t n)
{
    if (t->exists && keep_owner_mode(fd, t, why, n) != 0) {
        close(fd);
        return -1;
    }
    int e = write_all(fd, data, len);
    if (!e && fsync(fd) != 0)
        e = errno;
    if (close(fd) != 0 && !e && errno != EINTR)
        e = errno;
    return e ? say(why, n, "%s", strerror(e)) : 0;
}

/* Rename the temporary over the target, or remove it; either way it is no longer pending. */
static int finish(const Target *t, bool keep, char *why, size_t n)
{
    sigset_t old;
    block(&old);
    int rc = keep ? rename(pending, t->real) : -1;
    int e = errno;
    if (rc != 0)
        unlink(pending);
    pending_set = 0;
    unblock(&old);
    if (keep && rc != 0)
        return say(why, n, "%s", strerror(e));
    if (rc == 0) {
        /* The rename itself is durable once the directory is synced; not every file
         * system can sync a directory, so this is best effort. */
        int dfd = open(t->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dfd >= 0) {
            (void)fsync(dfd);
            close(dfd);
        }
    }
    return rc;
}

int safefile_write(const char *path, const void *data, size_t len, char *why, size_t n)
{
    Target t = {.exists = false};
    if (resolve(path, &t, why, n) != 0 || (t.exists && check_existing(&t, why, n) != 0))
        return -1;
    Guard g;
    guard_on(&g);
    int rc = -1, fd = open_temp(&t, why, n);
    if (fd >= 0) {
        bool ok = fill(fd, &t, data, len, why, n) == 0;
        rc = finish(&t, ok, why, n);
    }
    guard_off(&g);
    return rc;
}
