/* measure.c - run a command BENCH_RUNS times (default 3), report the best wall time, the
 * median, and the peak resident memory (bench only). The best is the figure a noisy shared
 * machine inflates least; the median shows how noisy the runs were. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { MAX_RUNS = 15 };

/* One run: wall seconds, or -1 when it could not be started or waited for. */
static double run_once(char **argv, long *maxrss, int *code)
{
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        if (!freopen("/dev/null", "w", stdout))
            _exit(127);
        execvp(argv[0], argv);
        _exit(127);
    }
    int status;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) < 0)
        return -1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    *maxrss = ru.ru_maxrss > *maxrss ? ru.ru_maxrss : *maxrss;
    *code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: measure LABEL CMD [ARG...]\n");
        return 2;
    }
    int runs = getenv("BENCH_RUNS") ? atoi(getenv("BENCH_RUNS")) : 3;
    runs = runs < 1 ? 1 : runs > MAX_RUNS ? MAX_RUNS : runs;
    double t[MAX_RUNS];
    long maxrss = 0;
    int code = 0;
    for (int i = 0; i < runs; i++)
        if ((t[i] = run_once(argv + 2, &maxrss, &code)) < 0)
            return 1;
    qsort(t, (size_t)runs, sizeof *t, cmp_double);
    printf("%-44s %7.3f s (median %.3f) %8.1f MB  exit %d\n", argv[1], t[0], t[runs / 2],
           (double)maxrss / 1024.0, code);
    return 0;
}
