# dealgraph - build, test, bench, install.
#   make            build bin/dealgraph (installs missing Debian packages first)
#   make test       unit + golden + error tests, then the same under ASan/UBSan
#   make run        run the main example
#   make bench      generate large webs and measure parse/check/report/clearing
#   make install PREFIX=/usr/local
.SUFFIXES:

PREFIX  ?= /usr/local
BUILD   ?= build
BIN     ?= bin
CC      ?= cc
OPT     ?= -O2
SAN     ?=
PKGS     = libgvc cairo jansson libedit
CFLAGS_BASE = -std=c11 -Wall -Wextra -Werror -D_DEFAULT_SOURCE -pthread -g $(OPT) $(SAN) \
              -Isrc -I$(BUILD) -DDG_STDLIB_DIR='"$(STDLIB_DIR)"'
STDLIB_DIR ?= $(CURDIR)/stdlib
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CFLAGS  = $(CFLAGS_BASE) $(PKG_CFLAGS)
LDLIBS  = $(PKG_LIBS) -lutil -lm -pthread

GEN      = $(BUILD)/lexer.c $(BUILD)/parser.c
LIB_SRC  = $(filter-out src/main.c,$(wildcard src/*.c))
LIB_OBJ  = $(LIB_SRC:src/%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/lexer.o $(BUILD)/obj/parser.o
UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

all: deps $(BIN)/dealgraph

# ---- dependencies: install what is missing on Debian, or say exactly what to run ----
DEB_PKGS = flex bison libcmocka-dev libedit-dev libgraphviz-dev libjansson-dev libcairo2-dev pkg-config graphviz libxml2-utils python3
deps:
	@sh tests/deps.sh $(DEB_PKGS)

# ---- build ----
$(BUILD)/lexer.c $(BUILD)/lexer.h &: grammar/lexer.l $(BUILD)/parser.h
	@mkdir -p $(BUILD)
	flex --header-file=$(BUILD)/lexer.h -o $(BUILD)/lexer.c grammar/lexer.l

$(BUILD)/parser.c $(BUILD)/parser.h &: grammar/parser.y
	@mkdir -p $(BUILD)
	bison -Wall -Werror --defines=$(BUILD)/parser.h -o $(BUILD)/parser.c grammar/parser.y

$(BUILD)/obj/lexer.o: $(BUILD)/lexer.c $(BUILD)/parser.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -Wno-unused-function -Wno-sign-compare -c -o $@ $(BUILD)/lexer.c

$(BUILD)/obj/parser.o: $(BUILD)/parser.c $(BUILD)/lexer.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c -o $@ $(BUILD)/parser.c

$(BUILD)/obj/%.o: src/%.c $(wildcard src/*.h) $(BUILD)/parser.h $(BUILD)/lexer.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/libdealgraph.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $(LIB_OBJ)

$(BIN)/dealgraph: $(BUILD)/obj/main.o $(BUILD)/libdealgraph.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -o $@ $(BUILD)/obj/main.o $(BUILD)/libdealgraph.a $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c tests/unit/testutil.h tests/cascade_net.h $(BUILD)/libdealgraph.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -Itests/unit -o $@ $< $(BUILD)/libdealgraph.a $(LDLIBS) -lcmocka

# ---- tests ----
# `make test` runs the suite on the normal build, then again under ASan + UBSan.
test: deps
	$(MAKE) check-suite
	$(MAKE) check-suite BUILD=build-asan BIN=build-asan/bin OPT=-O1 \
	    SAN="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all"

check-suite: $(BIN)/dealgraph $(UNIT_BIN)
	@sh tests/run.sh $(BIN)/dealgraph $(BUILD)/tests

run: deps $(BIN)/dealgraph
	$(BIN)/dealgraph examples/story.deal

bench: deps $(BIN)/dealgraph $(BUILD)/libdealgraph.a
	@sh tests/bench/bench.sh $(BIN)/dealgraph $(BUILD)

fuzz:
	@sh tests/fuzz/fuzz.sh

# The installed binary looks for `use` modules where they are installed, so it is built
# separately with that directory compiled in.
install: deps
	$(MAKE) BUILD=build-install BIN=build-install/bin STDLIB_DIR=$(PREFIX)/share/dealgraph/stdlib \
	    build-install/bin/dealgraph
	mkdir -p $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/dealgraph/stdlib
	cp build-install/bin/dealgraph $(DESTDIR)$(PREFIX)/bin/
	cp stdlib/*.deal $(DESTDIR)$(PREFIX)/share/dealgraph/stdlib/

clean:
	rm -rf build build-asan build-install bin

.PHONY: all deps test check-suite run bench fuzz install clean
