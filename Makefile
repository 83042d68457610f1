# SPDX-License-Identifier: GPL-2.0
#
# trellis: kernel-space virtual links for network testbeds.
#
#   make               trellis.ko (for the rig kernel, or KDIR=...) and egrectl
#   make tests         the selftest and unit test programs (needs make deps)
#   make deps          install every build and test dependency (Debian packages)
#   make check         unit tests on the host, then every selftest in the VM
#   make check-debug   the selftests on a KASAN/kmemleak/lockdep kernel
#   make demo          boot the VM and show what trellis does
#   make bench         the benchmark suite in the deterministic VM (build/bench/)
#   make install       install trellis.ko (with depmod) and the tools on this node
#   make install-tools egrectl, its man page, bash completion and the JSON
#                      schema of its output only (no kernel headers needed)
#   make man           build/man/egrectl.8 from docs/egrectl.8.scd (scdoc)
#   make checkpatch    the kernel sources through checkpatch.pl --strict
#
# KDIR defaults to the Debian 6.12 cloud headers chosen by `make deps`;
# `make KDIR=/lib/modules/$(uname -r)/build` builds for a real node.

TRELLIS_CACHE ?= $(HOME)/.cache/trellis
export TRELLIS_CACHE
-include $(TRELLIS_CACHE)/rig.env

KDIR ?= $(RIG_KDIR)
KRELEASE = $(shell cat $(KDIR)/include/config/kernel.release 2>/dev/null)
KMOD_DIR = build/kmod/$(KRELEASE)
VERSION := $(shell cat VERSION)

PREFIX ?= /usr/local
DESTDIR ?=

CC ?= cc
PKGS := libnl-3.0 libnl-route-3.0 yaml-0.1
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS = $(shell pkg-config --libs $(PKGS)) -lm
# test programs that build raw netlink messages of their own use libmnl
TEST_LIBS = $(shell pkg-config --libs libmnl)
CFLAGS ?= -O2 -g
override CFLAGS += -std=gnu11 -Wall -Wextra -Werror -MMD -MP \
	-Ikmod/uapi -Iuserspace -Inetns-tools -DTRELLIS_VERSION='"$(VERSION)"' $(PKG_CFLAGS)
HARNESS_CFLAGS = -isystem $(RIG_TOOLS)/tools/testing/selftests -D_GNU_SOURCE

KERNEL_SOURCES := $(wildcard kmod/*.[ch] kmod/uapi/linux/*.h egre/*.[ch] \
	shortbridge/*.[ch]) Kbuild VERSION
USERSPACE_LIB := $(patsubst userspace/%.c,build/userspace/%.o,\
	$(filter-out userspace/main.c,$(wildcard userspace/*.c))) \
	$(patsubst netns-tools/%.c,build/netns-tools/%.o,$(wildcard netns-tools/*.c))

# Selftest programs run in the VM; unit tests in selftests/userspace/ on the host.
VM_TEST_SOURCES := $(filter-out selftests/userspace/% selftests/fault/%,\
	$(wildcard selftests/*/*.c))
VM_TESTS := $(patsubst selftests/%.c,build/selftests/%,$(VM_TEST_SOURCES))
HOST_TESTS := $(patsubst selftests/%.c,build/host-tests/%,\
	$(wildcard selftests/userspace/*.c))
# The bench's eBPF anchor (tc programs, as Cilium joins a namespace to a
# tunnel) and the loader that attaches them, built from source here.
BENCH_BPF := build/selftests/bench/redirect.bpf.o build/selftests/bench/redirect_load

.PHONY: all module egrectl man tests deps deps-if-needed check check-debug demo \
	bench install install-tools checkpatch clean

all: module egrectl

module: $(KMOD_DIR)/trellis.ko

$(KMOD_DIR)/trellis.ko: $(KERNEL_SOURCES) $(wildcard selftests/fault/*) scripts/build-module
	@test -n "$(KDIR)" || { echo "no kernel tree: run 'make deps', or set KDIR=" >&2; exit 1; }
	@test -n "$(KRELEASE)" || { echo "no kernel tree at KDIR=$(KDIR)" >&2; exit 1; }
	scripts/build-module $(KDIR) $(KMOD_DIR)

egrectl: build/egrectl

build/egrectl: build/userspace/main.o $(USERSPACE_LIB)
	$(CC) $(CFLAGS) -o $@ $^ $(LDFLAGS) $(PKG_LIBS)

build/userspace/%.o: userspace/%.c VERSION
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<

# netns-tools: the namespace library egrectl links, same flags
build/netns-tools/%.o: netns-tools/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<

tests: $(VM_TESTS) $(HOST_TESTS) $(BENCH_BPF)

build/selftests/bench/redirect.bpf.o: selftests/bench/bpf/redirect.bpf.c selftests/bench/bpf/redirect.h
	@mkdir -p $(dir $@)
	clang -O2 -g -Wall -Werror -target bpf -I/usr/include/$(shell $(CC) -dumpmachine) \
		-Iselftests/bench/bpf -c -o $@ $<

build/selftests/bench/redirect_load: selftests/bench/bpf/redirect_load.c selftests/bench/bpf/redirect.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Iselftests/bench/bpf -o $@ $< $(LDFLAGS) $(shell pkg-config --libs libbpf)

HARNESS_CHECK = @test -e $(RIG_TOOLS)/tools/testing/selftests/kselftest_harness.h || \
	{ echo "kselftest_harness.h missing: run 'make deps'" >&2; exit 1; }
LINK_TEST = $(CC) $(CFLAGS) $(HARNESS_CFLAGS) -o $@ $< $(USERSPACE_LIB) $(LDFLAGS) $(PKG_LIBS) \
	$(TEST_LIBS)

build/selftests/%: selftests/%.c $(USERSPACE_LIB)
	$(HARNESS_CHECK)
	@mkdir -p $(dir $@)
	$(LINK_TEST)

build/host-tests/%: selftests/%.c $(USERSPACE_LIB)
	$(HARNESS_CHECK)
	@mkdir -p $(dir $@)
	$(LINK_TEST)

-include $(wildcard build/userspace/*.d build/netns-tools/*.d build/selftests/*/*.d build/host-tests/*/*.d)

deps:
	scripts/deps.sh

deps-if-needed:
	@scripts/deps.sh --check || scripts/deps.sh

check: deps-if-needed
	$(MAKE) all tests man
	selftests/check

check-debug: deps-if-needed
	$(MAKE) egrectl tests
	selftests/check --debug

demo: deps-if-needed
	$(MAKE) all
	scripts/demo.sh

bench: deps-if-needed
	$(MAKE) all
	scripts/bench.sh

checkpatch:
	@test -e $(RIG_TOOLS)/scripts/checkpatch.pl || { echo "run 'make deps'" >&2; exit 1; }
	$(RIG_TOOLS)/scripts/checkpatch.pl --strict --no-tree -q --terse \
		-f $(filter %.c %.h,$(KERNEL_SOURCES)) selftests/fault/*.c

man: build/man/egrectl.8

build/man/egrectl.8: docs/egrectl.8.scd
	@mkdir -p $(@D)
	scdoc <$< >$@

install-tools: egrectl man
	install -D -m 0755 build/egrectl $(DESTDIR)$(PREFIX)/sbin/egrectl
	install -D -m 0644 build/man/egrectl.8 $(DESTDIR)$(PREFIX)/share/man/man8/egrectl.8
	install -D -m 0644 docs/egrectl.bash-completion \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions/egrectl
	install -D -m 0644 docs/egrectl.schema.json \
		$(DESTDIR)$(PREFIX)/share/trellis/egrectl.schema.json

install: module install-tools
	install -D -m 0644 $(KMOD_DIR)/trellis.ko \
		$(DESTDIR)/lib/modules/$(KRELEASE)/extra/trellis.ko
	@if [ -z "$(DESTDIR)" ]; then depmod -a $(KRELEASE); \
		else echo "DESTDIR set: run 'depmod -a $(KRELEASE)' on the node"; fi

clean:
	rm -rf build
