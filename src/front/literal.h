/* literal.h - conversion of literal text (amounts, dates, durations, strings) to values.
 *
 * Pure functions: the lexer hands them a token's bytes and
 * gets a Value back, or an error message and the byte offset (within the token) it is
 * about, which the lexer turns into a located diagnostic. Kept apart from the lexer so the
 * unit rules are testable without flex.
 *
 * Amounts:  [$] digits [.digits] [K|M|B|T] [GW|MW|%] [/y|/mo|/GW]
 *   100B     -> 1e11, no dimension, VF_SCALED (USD or a count, by context)
 *   $1.5T    -> 1.5e12 USD, VF_DOLLAR          185 -> 185, plain
 *   10GW     -> 10 GW        500MW -> 0.5 GW   14% -> 0.14, VF_PCT
 *   13B/y    -> 1.3e10 USD/y  5B/mo -> 6e10 USD/y (monthly rates are stored yearly)
 *   35B/GW   -> 3.5e10 USD/GW
 * Durations: 5y -> 5 years, 18mo -> 1.5 years (dimension years).
 * Dates: 2026Q3, 2026-09, 2026-09-22 -> V_DATE, months since year 0 (year*12 + month-1);
 *   the day is checked but not kept (the engine works in months). A bare `2027` is a plain
 *   number; the evaluator reads it as a year where a date is expected. */
#ifndef DG_LITERAL_H
#define DG_LITERAL_H
#include <stdbool.h>
#include <stddef.h>
#include "arena.h"
#include "value.h"

typedef struct LitError {
    char msg[160];
    char hint[160];     /* may be empty */
    size_t off, len;    /* the offending bytes, relative to the literal's first byte */
} LitError;

/* A number-like token: an amount, a duration, or a date written 2026Q3. */
bool lit_number(const char *s, size_t n, Value *out, LitError *err);
/* A date written YYYY-MM or YYYY-MM-DD. */
bool lit_date(const char *s, size_t n, Value *out, LitError *err);
/* A quoted string (s includes both quotes) -> its unescaped text in `arena`. Escapes:
 * \" \\ \n \t. Invalid UTF-8, NUL bytes and raw control characters (all but tab) are
 * errors. On error *out still holds a best-effort text so parsing can go on. */
bool lit_string(Arena *arena, const char *s, size_t n, const char **out, LitError *err);
/* A word written apart from the plain number before it that names a unit or a scale, as a
 * user guesses them: `3 years`, `18 months`, `$5 billion`, `10 GW`, `14 percent` (any
 * case). Writes the amount as the language spells it (`3y`, `18mo`, `$5B`, `10GW`, `14%`)
 * into buf and returns true; false for any other word or a number with a suffix already. */
bool lit_unit_apart(const char *num, size_t nlen, const char *word, size_t wlen, char *buf,
                    size_t n);
/* A per-unit part glued to the word of lit_unit_apart (`35 B/GW`, `13 billion/y`): `/WORD`
 * at s (n bytes there), appended to buf (cap bytes) as the language spells it (`35B/GW`).
 * Returns the bytes of `/WORD` read, 0 when s does not start with one (buf unchanged). */
size_t lit_per_unit(const char *s, size_t n, char *buf, size_t cap);
/* The hint that follows it, for the lexer's and the parser's messages alike. */
#define LIT_UNIT_HINT \
    "write `%s`: a unit or scale is glued to its number (5y, 18mo, 5B, 10GW, 14%%)"
/* Length of the valid UTF-8 sequence at s (1..4), or 0 if the bytes there are not one. */
size_t utf8_seq_len(const unsigned char *s, size_t n);

#endif
