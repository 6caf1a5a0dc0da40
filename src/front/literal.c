/* literal.c - amounts, durations, dates and strings from their source text.
 * See literal.h for the accepted forms. */
#include "literal.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

static bool fail(LitError *e, size_t off, size_t len, const char *msg, const char *hint)
{
    snprintf(e->msg, sizeof e->msg, "%s", msg);
    snprintf(e->hint, sizeof e->hint, "%s", hint ? hint : "");
    e->off = off;
    e->len = len;
    return false;
}

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* Digits with an optional fraction; returns bytes consumed (0 if none). Accumulating the
 * mantissa as an integer and dividing once keeps 24.3 exact enough for display. Fraction
 * digits past 17 significant ones are beyond a double's precision and are skipped, so a
 * long fraction neither overflows the mantissa nor turns 1.000...0 into inf/inf. */
static size_t scan_decimal(const char *s, size_t n, double *v)
{
    size_t i = 0;
    double x = 0, scale = 1;
    while (i < n && is_digit(s[i]))
        x = x * 10 + (s[i++] - '0');
    if (i == 0)
        return 0;
    if (i + 1 < n && s[i] == '.' && is_digit(s[i + 1])) {
        i++;
        for (; i < n && is_digit(s[i]); i++)
            if (x < 1e17) {
                x = x * 10 + (s[i] - '0');
                scale *= 10;
            }
    }
    *v = x / scale;
    return i;
}

static bool starts(const char *s, size_t n, const char *w)
{
    size_t k = strlen(w);
    return n >= k && memcmp(s, w, k) == 0;
}

static const char AMOUNT_HINT[] =
    "an amount takes a scale K M B T, a unit GW MW or %, and a rate /y /mo or /GW";

/* Quarter date: YYYYQn. */
static bool quarter(const char *s, size_t n, Value *out, LitError *err)
{
    int q = s[5] - '0';
    if (n != 6 || q < 1 || q > 4)
        return fail(err, 4, n - 4, "bad quarter in date", "a quarter is Q1 to Q4: 2026Q3");
    int year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    *out = value_date(year * 12.0 + (q - 1) * 3);
    return true;
}

/* The rate after a '/' (q, r bytes): /y and /mo make a yearly rate of what came before
 * (plain or scaled: USD), /GW a price per GW. Moves *i past it; false when it is none. */
static bool rate_suffix(const char *q, size_t r, bool gw, bool pct, double *x, Dim *d,
                        size_t *i)
{
    if (r == 2 && q[0] == 'G' && q[1] == 'W' && !gw && !pct) {
        *d = DIM_USD_PER_GW;
        *i += 3;
        return true;
    }
    if (r == 1 && q[0] == 'y') {
        *i += 2;
    } else if (r == 2 && q[0] == 'm' && q[1] == 'o') {
        *x *= 12.0;
        *i += 3;
    } else {
        return false;
    }
    if (!gw && !pct)
        *d = DIM_USD;
    d->yr = -1;
    return true;
}

/* The suffix after the digits: [KMBT] [GW|MW|%] [/y|/mo|/GW], or a duration y / mo. */
static bool amount_suffix(const char *s, size_t n, size_t at, double x, bool dollar, Value *out,
                          LitError *err)
{
    const char *p = s + at;
    size_t m = n - at, i = 0;
    if (!dollar && (m == 1 && p[0] == 'y')) {
        *out = value_num(x, DIM_YEARS);
        return true;
    }
    if (!dollar && m == 2 && p[0] == 'm' && p[1] == 'o') {
        *out = value_num(x / 12.0, DIM_YEARS);
        return true;
    }
    bool scaled = false, pct = false, gw = false;
    if (!starts(p, m, "MW") && i < m && strchr("KMBT", p[i]) && p[i]) {
        static const double mult[] = {1e3, 1e6, 1e9, 1e12};
        x *= mult[strchr("KMBT", p[i]) - "KMBT"];
        scaled = true;
        i++;
    }
    if (starts(p + i, m - i, "GW")) {
        gw = true;
        i += 2;
    } else if (starts(p + i, m - i, "MW")) {
        gw = true;
        x /= 1000.0;
        i += 2;
    } else if (i < m && p[i] == '%') {
        pct = true;
        x /= 100.0;
        i++;
    }
    Dim d = gw ? DIM_GW : (dollar ? DIM_USD : DIM_NONE);
    bool per = i < m && p[i] == '/';
    if (per && !rate_suffix(p + i + 1, m - i - 1, gw, pct, &x, &d, &i))
        return fail(err, at + i, m - i, "unknown rate suffix in amount",
                    "a rate is /y, /mo or /GW; for a division put spaces: `a / b`");
    if (i < m)
        return fail(err, at + i, m - i, "bad suffix in amount",
                    m - i == 1 && p[i] == 'x' ? "a ratio is a plain number, without x (tables "
                                                "print leverage as 2x)" : AMOUNT_HINT);
    *out = value_num(x, d);
    if (pct)
        out->flags |= VF_PCT;
    if (scaled && !gw && !pct && !per && !dollar)
        out->flags |= VF_SCALED;
    if (dollar)
        out->flags |= VF_DOLLAR;
    return true;
}

bool lit_number(const char *s, size_t n, Value *out, LitError *err)
{
    *out = value_num(0, DIM_NONE);
    bool dollar = n > 0 && s[0] == '$';
    size_t at = dollar ? 1 : 0;
    double x = 0;
    size_t k = scan_decimal(s + at, n - at, &x);
    if (k == 0)
        return fail(err, 0, n, "expected digits in amount", AMOUNT_HINT);
    if (!dollar && k == 4 && n > 4 && s[4] == 'Q')
        return quarter(s, n, out, err);
    if (at + k < n && s[at + k] == '.')
        return fail(err, at + k, n - at - k, "a decimal point needs digits after it", NULL);
    if (!amount_suffix(s, n, at + k, x, dollar, out, err))
        return false;
    /* Past the largest double the digits (or their scale, or x12 of a /mo rate) give
     * infinity, which would become n/a without a word. */
    if (!isfinite(out->num))
        return fail(err, 0, n, "number too large", "numbers go up to about 1.8e308");
    return true;
}

static int two(const char *s) { return (s[0] - '0') * 10 + (s[1] - '0'); }

bool lit_date(const char *s, size_t n, Value *out, LitError *err)
{
    *out = value_date(0);
    for (size_t i = 0; i < n; i++)
        if (!(is_digit(s[i]) || ((i == 4 || i == 7) && s[i] == '-')))
            return fail(err, i, 1, "bad date", "write a date like 2026-09 or 2026-09-22");
    if ((n != 7 && n != 10) || s[4] != '-' || (n == 10 && s[7] != '-'))
        return fail(err, 0, n, "bad date", "write a date like 2026-09 or 2026-09-22");
    int year = two(s) * 100 + two(s + 2), month = two(s + 5);
    if (month < 1 || month > 12)
        return fail(err, 5, 2, "bad month in date", "a month is 01 to 12: 2026-09");
    if (n == 10) {
        static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        int day = two(s + 8);
        bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        int max = month == 2 && !leap ? 28 : mdays[month - 1];
        if (day < 1 || day > max)
            return fail(err, 8, 2, "no such day in date", "that month has fewer days");
    }
    *out = value_date(year * 12.0 + (month - 1));
    return true;
}

size_t utf8_seq_len(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    if (c < 0x80)
        return c ? 1 : 0;
    size_t len = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3
                 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (len == 0 || len > n)
        return 0;
    for (size_t i = 1; i < len; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    /* Overlong 3/4-byte forms, UTF-16 surrogates and code points past U+10FFFF. */
    if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] >= 0xA0) ||
        (c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] >= 0x90))
        return 0;
    return len;
}

bool lit_string(Arena *arena, const char *s, size_t n, const char **out, LitError *err)
{
    /* s[0] is the opening quote; the closing one may be missing (unclosed string). */
    size_t end = n >= 2 && s[n - 1] == '"' ? n - 1 : n;
    char *buf = arena_alloc(arena, n + 1);
    size_t o = 0;
    bool ok = true;
    for (size_t i = 1; i < end;) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\\' && i + 1 < end) {
            char e = s[i + 1];
            char r = e == 'n' ? '\n' : e == 't' ? '\t' : e == '"' ? '"' : e == '\\' ? '\\' : 0;
            if (!r && ok)
                ok = fail(err, i, 2, "unknown escape in string",
                          "a string knows the escapes \\\" \\\\ \\n and \\t");
            buf[o++] = r ? r : e;
            i += 2;
            continue;
        }
        size_t k = utf8_seq_len((const unsigned char *)s + i, end - i);
        if (k == 0) {
            if (ok)
                ok = fail(err, i, 1, c ? "invalid UTF-8 in string" : "NUL byte in string", NULL);
            i++;
            continue;
        }
        /* a raw control byte would reach the terminal with every name or source printed
         * (an escape sequence recolours or rewrites it); a CR ending an unclosed string on a
         * CRLF line is the line's end, told as the unclosed string */
        if ((c < 0x20 && c != '\t' && !(c == '\r' && i + 1 == end && end == n)) || c == 0x7f) {
            if (ok) {
                char msg[48];
                snprintf(msg, sizeof msg, "control character 0x%02x in string", c);
                ok = fail(err, i, 1, msg, "write \\n for a line break and \\t for a tab; "
                          "other control characters cannot be in a string");
            }
            i++;
            continue;
        }
        memcpy(buf + o, s + i, k);
        o += k;
        i += k;
    }
    buf[o] = '\0';
    *out = buf;
    return ok;
}

/* The words a unit or scale is guessed as, and the suffix the language writes instead. */
static const struct {
    const char *word, *suffix;
} UNIT_WORDS[] = {
    {"y", "y"}, {"yr", "y"}, {"yrs", "y"}, {"year", "y"}, {"years", "y"},
    {"mo", "mo"}, {"mos", "mo"}, {"month", "mo"}, {"months", "mo"},
    {"k", "K"}, {"thousand", "K"}, {"m", "M"}, {"mn", "M"}, {"million", "M"},
    {"millions", "M"}, {"b", "B"}, {"bn", "B"}, {"billion", "B"}, {"billions", "B"},
    {"t", "T"}, {"tn", "T"}, {"trillion", "T"}, {"trillions", "T"},
    {"gw", "GW"}, {"gigawatt", "GW"}, {"gigawatts", "GW"},
    {"mw", "MW"}, {"megawatt", "MW"}, {"megawatts", "MW"},
    {"percent", "%"}, {"pct", "%"},
};

/* The suffix the language writes for a unit or scale word as a user guesses it (any case),
 * or NULL. */
static const char *unit_suffix(const char *word, size_t wlen)
{
    char low[16];
    if (wlen >= sizeof low)
        return NULL;
    for (size_t k = 0; k < wlen; k++)
        low[k] = (char)(word[k] >= 'A' && word[k] <= 'Z' ? word[k] - 'A' + 'a' : word[k]);
    low[wlen] = '\0';
    for (size_t k = 0; k < sizeof UNIT_WORDS / sizeof *UNIT_WORDS; k++)
        if (!strcmp(low, UNIT_WORDS[k].word))
            return UNIT_WORDS[k].suffix;
    return NULL;
}

bool lit_unit_apart(const char *num, size_t nlen, const char *word, size_t wlen, char *buf,
                    size_t n)
{
    size_t i = nlen && num[0] == '$';
    if (i == nlen || !is_digit(num[i]))
        return false;
    for (; i < nlen; i++)   /* a plain number: digits and one point */
        if (!is_digit(num[i]) && num[i] != '.')
            return false;
    const char *suffix = unit_suffix(word, wlen);
    if (!suffix)
        return false;
    int w = snprintf(buf, n, "%.*s%s", (int)nlen, num, suffix);
    return w > 0 && (size_t)w < n;
}

size_t lit_per_unit(const char *s, size_t n, char *buf, size_t cap)
{
    if (n < 2 || s[0] != '/' || !((s[1] >= 'a' && s[1] <= 'z') || (s[1] >= 'A' && s[1] <= 'Z')))
        return 0;
    size_t k = 1;
    while (k < n && ((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z') ||
                     (s[k] >= '0' && s[k] <= '9') || s[k] == '_'))
        k++;
    const char *word = unit_suffix(s + 1, k - 1);   /* as written when it is no unit word */
    int wlen = word ? (int)strlen(word) : (int)(k - 1);
    if (!word)
        word = s + 1;
    size_t have = strlen(buf);
    int w = snprintf(buf + have, cap > have ? cap - have : 0, "/%.*s", wlen, word);
    if (w < 0 || have + (size_t)w >= cap)
        buf[have] = '\0';   /* no room: the hint keeps the amount alone */
    return k;
}
