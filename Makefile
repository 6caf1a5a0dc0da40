# dealgraph - build, test, bench, install.
#   make            build bin/dealgraph (installs missing Debian packages first)
#   make test       unit + script tests, then the same under ASan/UBSan (make -j2 test is safe)
#   make run        run the main example, and write its page to build/story.html
#   make bench      generate large webs and measure parse/check/report/clearing
#   make fuzz       build the fuzz harnesses and run each briefly (FUZZ_SECONDS=30)
#   make install PREFIX=/usr/local   (also the editors' syntax files, docs/EDITORS.md)
#
# Layers. src/ holds one folder per layer and a folder's files are compiled with the include
# paths of the layers below it only (INC_<layer>), so an #include that runs up a layer does
# not compile. The arrows (a layer sees what is on its right):
#   base                     arena, interning, diagnostics and source files, values
#   model  -> base           the world: entities, deals, their kinds, schedules
#   front  -> model base     lexer, parser, AST (the AST uses the model's kinds)
#   engine -> model base     figures, sources, cycles, timeline, clearing, stress
#   out    -> engine model base; fmt also -> front    tables, reports, pictures, diff, fmt
#   eval   -> out front engine model base              statements -> world, show, what-if
#   dg.c   -> everything     the one public API (dg.h includes system headers only)
#   cli    -> dg.h only      main, the commands, the REPL
# tests/scripts/layers.sh holds the source to the rule (no include names a path).
#
# User CFLAGS, CPPFLAGS and LDFLAGS are added after the project's own flags.
.SUFFIXES:

PREFIX  ?= /usr/local
BUILD   ?= build
BIN     ?= bin
CC      ?= cc
OPT     ?= -O2
SAN     ?=
STDLIB_DIR ?= $(CURDIR)/stdlib
PKGS     = libgvc cairo jansson libedit
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
DG_CFLAGS  = -std=c11 -Wall -Wextra -Werror -pthread -g $(OPT) $(SAN)
DG_CPPFLAGS = -D_DEFAULT_SOURCE -DDG_STDLIB_DIR='"$(STDLIB_DIR)"' -MMD -MP
# `make V=1` prints every command; otherwise a short line per file.
V ?= 0
Q = $(if $(filter 1,$(V)),,@)
COMPILE = $(CC) $(DG_CPPFLAGS) $(CPPFLAGS) $(DG_CFLAGS) $(CFLAGS) $(PKG_CFLAGS)
LINK    = $(CC) $(DG_CFLAGS) $(CFLAGS) $(LDFLAGS)
LDLIBS_DG = $(PKG_LIBS) -lm -pthread

INC_base   = -Isrc/base
INC_model  = $(INC_base) -Isrc/model
INC_front  = $(INC_model) -Isrc/front -I$(BUILD)
INC_engine = $(INC_model) -Isrc/engine
INC_out    = $(INC_engine) -Isrc/out
INC_eval   = $(INC_front) -Isrc/engine -Isrc/out -Isrc/eval
INC_dg     = $(INC_eval) -Isrc
INC_cli    = -Isrc
INC_test   = $(INC_dg) -Isrc/cli -Itests/unit -Itests
# fmt lays out token streams: the one part of out/ that reads the front end.
$(BUILD)/obj/out/fmt.o $(BUILD)/obj/out/fmt_seg.o: INC_EXTRA = -Isrc/front -I$(BUILD)

LAYERS   = base model front engine out eval cli
GEN_H    = $(BUILD)/parser.h $(BUILD)/lexer.h
LIB_SRC  = $(foreach l,$(filter-out cli,$(LAYERS)),$(wildcard src/$(l)/*.c)) $(wildcard src/*.c)
CLI_SRC  = $(wildcard src/cli/*.c)
LIB_OBJ  = $(LIB_SRC:src/%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/front/lexer.o $(BUILD)/obj/front/parser.o
CLI_OBJ  = $(CLI_SRC:src/%.c=$(BUILD)/obj/%.o)
UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
SYNTAX   = grammar/dealgraph.vim grammar/dealgraph.tmLanguage.json
BENCH_BIN = $(addprefix $(BUILD)/bench/,forkcost clearcost question yearcost measure)

all: $(BIN)/dealgraph $(SYNTAX)

# ---- dependencies: what is missing is installed on Debian, or the command to run is said ----
# Each need is probed directly (a command, or a pkg-config module), so a machine that has the
# tools without dpkg builds too. kind:probe:package
NEEDS = cmd:flex:flex cmd:bison:bison cmd:pkg-config:pkg-config pc:cmocka:libcmocka-dev \
        pc:libedit:libedit-dev pc:libgvc:libgraphviz-dev pc:jansson:libjansson-dev \
        pc:cairo:libcairo2-dev cmd:dot:graphviz cmd:xmllint:libxml2-utils cmd:python3:python3 \
        cmd:jq:jq cmd:strace:strace cmd:nvim:neovim cmd:chromium:chromium cmd:tidy:tidy
DEPS_OK = $(BUILD)/.deps-ok
deps: $(DEPS_OK)
$(DEPS_OK):
	@missing=; for n in $(NEEDS); do \
	    kind=$${n%%:*}; rest=$${n#*:}; what=$${rest%%:*}; pkg=$${rest#*:}; \
	    if [ $$kind = cmd ]; then command -v $$what >/dev/null 2>&1; \
	    else pkg-config --exists $$what 2>/dev/null; fi || missing="$$missing $$pkg"; \
	done; \
	if [ -n "$$missing" ]; then \
	    echo "dealgraph: installing missing packages:$$missing"; \
	    if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	        export DEBIAN_FRONTEND=noninteractive; apt-get update -qq >/dev/null 2>&1; \
	        apt-get install -y -qq $$missing >/dev/null || missing=fail; \
	    else missing=fail; fi; \
	    if [ "$$missing" = fail ]; then \
	        echo "dealgraph: could not install them; run: sudo apt-get install -y <the packages above>" >&2; \
	        exit 1; fi; \
	fi
	@mkdir -p $(@D) && touch $@

# ---- build ----
$(BUILD)/lexer.c $(BUILD)/lexer.h &: grammar/lexer.l $(BUILD)/parser.h | $(DEPS_OK)
	flex --header-file=$(BUILD)/lexer.h -o $(BUILD)/lexer.c grammar/lexer.l

$(BUILD)/parser.c $(BUILD)/parser.h &: grammar/parser.y | $(DEPS_OK)
	bison -Wall -Werror --defines=$(BUILD)/parser.h -o $(BUILD)/parser.c grammar/parser.y

$(BUILD)/obj/front/lexer.o: $(BUILD)/lexer.c | $(GEN_H)
	@mkdir -p $(@D)
	@echo "  CC      $<"
	$(Q)$(COMPILE) $(INC_front) -Wno-unused-function -Wno-sign-compare -c -o $@ $<

$(BUILD)/obj/front/parser.o: $(BUILD)/parser.c | $(GEN_H)
	@mkdir -p $(@D)
	@echo "  CC      $<"
	$(Q)$(COMPILE) $(INC_front) -c -o $@ $<

# The layer is the first folder of the path under src/; the API files (src/dg*.c) see all.
layer_of = $(firstword $(subst /, ,$(1)))
$(BUILD)/obj/%.o: src/%.c | $(GEN_H)
	@mkdir -p $(@D)
	@echo "  CC      $<"
	$(Q)$(COMPILE) $(or $(INC_$(call layer_of,$*)),$(INC_dg)) $(INC_EXTRA) -c -o $@ $<

# The editor's hover quotes docs/ENGINE.md's figure tables, extracted here (src/dg_figdoc.awk).
$(BUILD)/dg_figdoc.h: docs/ENGINE.md src/dg_figdoc.awk
	@mkdir -p $(@D)
	awk -f src/dg_figdoc.awk docs/ENGINE.md >$@.tmp && mv $@.tmp $@
$(BUILD)/obj/dg_lsp.o: $(BUILD)/dg_figdoc.h

$(BUILD)/libdealgraph.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $(LIB_OBJ)

# The commands without main(), for the tests that drive them (the REPL's).
$(BUILD)/libdgcli.a: $(filter-out %/main.o,$(CLI_OBJ))
	rm -f $@
	ar rcs $@ $^

$(BIN)/dealgraph: $(CLI_OBJ) $(BUILD)/libdealgraph.a
	@mkdir -p $(@D)
	@echo "  LINK    $@"
	$(Q)$(LINK) -o $@ $(CLI_OBJ) $(BUILD)/libdealgraph.a $(LDLIBS_DG)

# Unit tests see every layer. The REPL test drives a pseudo-terminal (forkpty: -lutil).
$(BUILD)/tests/test_repl: LDLIBS_EXTRA = -lutil
$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libdgcli.a $(BUILD)/libdealgraph.a | $(GEN_H)
	@mkdir -p $(@D)
	@echo "  TEST    $<"
	$(Q)$(COMPILE) $(INC_test) -o $@ $< $(BUILD)/libdgcli.a $(BUILD)/libdealgraph.a $(LDFLAGS) \
	    $(LDLIBS_DG) -lcmocka $(LDLIBS_EXTRA)

$(BUILD)/bench/measure: tests/bench/measure.c
	@mkdir -p $(@D)
	$(COMPILE) -o $@ $<
$(BUILD)/bench/%: tests/bench/%.c $(BUILD)/libdealgraph.a | $(GEN_H)
	@mkdir -p $(@D)
	$(COMPILE) $(INC_test) -o $@ $< $(BUILD)/libdealgraph.a $(LDFLAGS) $(LDLIBS_DG)

-include $(shell find $(BUILD)/obj $(BUILD)/tests $(BUILD)/bench -name '*.d' 2>/dev/null)

# ---- editors' syntax files: from the keyword table the lexer uses (grammar/gen_syntax.c) ----
$(BUILD)/gen_syntax: grammar/gen_syntax.c src/front/keywords.h src/engine/figlist.h
	@mkdir -p $(@D)
	$(CC) -std=c11 -Wall -Wextra -Werror -Isrc/front -Isrc/engine -o $@ $<
# Rewritten only when the text changes, so a checkout stays clean.
grammar/dealgraph.vim grammar/dealgraph.tmLanguage.json: $(BUILD)/gen_syntax
	$(BUILD)/gen_syntax $(if $(filter %.vim,$@),vim,tm) >$@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; touch $@; else mv $@.tmp $@; fi

# ---- tests ----
# `make test` runs the suite on the normal build, then again under ASan + UBSan
# (LeakSanitizer's suppressions for the libraries are tests/lsan.supp; the hang guard of
# tests/scripts/hostile.sh allows the sanitized build three times the time).
ASAN = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
test: $(DEPS_OK)
	$(MAKE) check-suite
	HOSTILE_TIMEOUT=60 $(MAKE) check-suite BUILD=build-asan BIN=build-asan/bin OPT=-O1 SAN="$(ASAN)"

check-suite: $(BIN)/dealgraph $(UNIT_BIN) $(SYNTAX)
	@LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 sh tests/run.sh $(BIN)/dealgraph $(BUILD)/tests

run: $(BIN)/dealgraph
	$(BIN)/dealgraph examples/story.deal
	@mkdir -p $(BUILD)
	$(BIN)/dealgraph report --html examples/story.deal -o $(BUILD)/story.html

bench: $(BIN)/dealgraph $(BENCH_BIN)
	@sh tests/bench/bench.sh $(BIN)/dealgraph $(BUILD)

# The fuzz harnesses, FUZZ_SECONDS (30) each; the library is built again in build/fuzz with
# clang's fuzzer and sanitizer flags (tests/fuzz/fuzz.sh says more).
fuzz: $(DEPS_OK)
	@MAKE="$(MAKE)" sh tests/fuzz/fuzz.sh

# The installed binary looks for `use` modules where they are installed, so it is built
# separately with that directory compiled in.
install:
	$(MAKE) BUILD=build-install BIN=build-install/bin STDLIB_DIR=$(PREFIX)/share/dealgraph/stdlib \
	    build-install/bin/dealgraph
	mkdir -p $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/dealgraph/stdlib
	cp build-install/bin/dealgraph $(DESTDIR)$(PREFIX)/bin/
	cp stdlib/*.deal $(DESTDIR)$(PREFIX)/share/dealgraph/stdlib/
	cp $(SYNTAX) $(DESTDIR)$(PREFIX)/share/dealgraph/

clean:
	rm -rf build build-asan build-install bin



# `make print-INC_engine`: a variable's value (tests/scripts/layers.sh reads the include paths).
print-%:
	@echo '$($*)'
.PHONY: all deps test check-suite run bench fuzz install clean
