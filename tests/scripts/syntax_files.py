"""syntax_files.py - grammar/dealgraph.vim and grammar/dealgraph.tmLanguage.json hold every
keyword of src/front/keywords.h (read here with a regular expression, not through the
generator) as a keyword, and every figure of src/engine/figlist.h; the check is also run on
a copy with one keyword taken out, which it must reject.
Usage: python3 syntax_files.py VIMFILE TMFILE"""
import json
import re
import sys


def words(path, macro):
    text = open(path).read()
    m = re.search(r"#define %s\(X\)((?:.*\\\n)*.*)" % macro, text)
    return re.findall(r'X\([A-Z_]+,\s*"([a-z_]+)"', m.group(1))


keywords = words("src/front/keywords.h", "DG_KEYWORDS") + words("src/front/keywords.h", "DG_KEYWORD_SPELLINGS")
figures = sum((words("src/engine/figlist.h", m) for m in
               ("DG_ENTITY_FIGURES", "DG_PAIR_FIGURES", "DG_SYSTEM_FIGURES")), [])
assert len(keywords) > 40 and "company" in keywords and "pay" in keywords, keywords
assert "leverage" in figures and "total_circulated" in figures, figures


def missing(vim, tm):
    """The keywords and figures a pair of syntax files lacks."""
    vk, vf = set(), set()
    for line in vim.split("\n"):
        parts = line.split()
        if parts[:3] == ["syn", "keyword", "dealgraphKeyword"]:
            vk |= set(parts[3:])
        if parts[:3] == ["syn", "keyword", "dealgraphFigure"]:
            vf |= set(parts[3:])
    tk, tf = set(), set()
    for p in json.loads(tm)["patterns"]:
        m = re.fullmatch(r"\\b\(([a-z_|]+)\)\\b", p.get("match", ""))
        if m and p["name"].startswith("keyword."):
            tk |= set(m.group(1).split("|"))
        if m and p["name"].startswith("support.function"):
            tf |= set(m.group(1).split("|"))
    out = ["vim keyword " + k for k in keywords if k not in vk]
    out += ["tmLanguage keyword " + k for k in keywords if k not in tk]
    out += ["vim figure " + f for f in figures if f not in vf and f not in keywords]
    out += ["tmLanguage figure " + f for f in figures if f not in tf and f not in keywords]
    return out


vim, tm = open(sys.argv[1]).read(), open(sys.argv[2]).read()
bad = missing(vim, tm)
for b in bad:
    print("missing:", b)
# the check itself: a keyword taken out of each file is found missing
cut_vim = re.sub(r"(dealgraphKeyword.*) guarantees\b", r"\1", vim)
cut_tm = tm.replace("|guarantees|", "|")
assert "vim keyword guarantees" in missing(cut_vim, tm), "the check misses a keyword cut from the vim file"
assert "tmLanguage keyword guarantees" in missing(vim, cut_tm), "the check misses a keyword cut from the tmLanguage"
sys.exit(1 if bad else 0)
