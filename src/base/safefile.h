/* safefile.h - writing a user's file so that no file is ever lost, replaced or opened to
 * others: the one routine behind `fmt -w`, the REPL's `:save` and every `-o FILE` (README
 * "Writing files" is the user's side of these rules).
 *
 * safefile_write(path, ...) puts the bytes in a new file `.NAME.dealgraph-XXXXXX` (NAME the
 * target's name, cut to 200 bytes; XXXXXX random), created exclusively (O_EXCL, never
 * through a link) in the target's directory, syncs it and renames it over the target:
 *   - a symbolic link is followed to its real file (the link stays a link); a link that
 *     leads nowhere (realpath fails, e.g. /dev/stdin fed by a pipe) is refused;
 *   - an existing target must be a regular file with one link, with a write bit set, that
 *     the caller may write (access(2) W_OK with the effective ids), and without an access
 *     control list (a rewritten copy would not keep it); root too is refused a file with
 *     no write bit;
 *   - its mode, owner and group go to the new file; when they cannot be kept (another
 *     user's file) the write is refused;
 *   - a new target gets the umask's mode, as any new file does;
 *   - the file is fsynced before the rename, the directory after it (best effort).
 * SIGINT, SIGTERM, SIGHUP and SIGQUIT during the write remove the temporary file before
 * they end the process (where nothing else handles them); after SIGKILL or a crash only
 * the hidden temporary name can remain. Nothing is written to the target on any refusal.
 *
 * Owns nothing past the call. */
#ifndef DG_SAFEFILE_H
#define DG_SAFEFILE_H
#include <stddef.h>

/* Replace or create the file at path with len bytes of data. Returns 0, or -1 with the
 * reason in why (n bytes), worded to follow "cannot write 'PATH': ", e.g. "it has 2 hard
 * links (writing would split them)". */
int safefile_write(const char *path, const void *data, size_t len, char *why, size_t n);

#endif
