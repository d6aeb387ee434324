# dondoc — build, install as a systemd service, package, test.
#
#   make build                      scripts/release-build: the release binary with the Swift runtime
#                                   linked in (--static-swift-stdlib), stripped, its man pages and
#                                   completions, in .build-release/dist/
#   make install [DESTDIR=] [PREFIX=/usr/local]
#   make uninstall [DESTDIR=] [PREFIX=/usr/local]
#   make deb                        scripts/package: dondoc_VERSION_amd64.deb (Debian 12)
#   make test                       ./scripts/test (everything CI runs)
#   make check-unit                 systemd-analyze verify + security on systemd/dondoc.service
#   make nspawn-test                the unit under a real systemd in a container (root)
#   make package-test               the .deb in a fresh Debian 12 root, booted (root)
#
# install puts:
#   the binary          $(PREFIX)/bin/dondoc                  (the unit's ExecStart follows PREFIX)
#   the units           $(PREFIX)/lib/systemd/system/dondoc.service, dondoc-web.service   (UNITDIR;
#                       systemd searches /usr/local/lib/systemd/system and /usr/lib/systemd/system;
#                       override with `systemctl edit dondoc`)
#   the man pages       $(PREFIX)/share/man/man1/dondoc.1, dondoc.SUBCOMMAND.1   (MANDIR)
#   the completions     bash, zsh and fish, under $(PREFIX)/share
#   the config          /etc/dondoc/dondoc.yaml               only if absent
#   the workflows       /etc/dondoc/workflows/ (from Workflows/)  only if absent
# /etc/dondoc is fixed: the unit's ConfigurationDirectory=dondoc. uninstall leaves /etc/dondoc and
# /var/lib/dondoc (configuration and state are the operator's).
# BINARY=PATH installs that file instead of building one; the man pages and completions then come
# from DIST (default .build-release/dist) if it has them, and are left out otherwise.

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
UNITDIR ?= $(PREFIX)/lib/systemd/system
MANDIR ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
# zsh on Debian reads /usr/share/zsh/vendor-completions (packages) and /usr/local/share/zsh/site-functions.
ifeq ($(PREFIX),/usr)
ZSHCOMPDIR ?= $(PREFIX)/share/zsh/vendor-completions
else
ZSHCOMPDIR ?= $(PREFIX)/share/zsh/site-functions
endif
FISHCOMPDIR ?= $(PREFIX)/share/fish/vendor_completions.d
CONFDIR := /etc/dondoc
DESTDIR ?=
INSTALL ?= install
DIST ?= .build-release/dist

ifeq ($(origin BINARY),undefined)
BINARY := $(DIST)/dondoc
INSTALL_NEEDS := build
else
INSTALL_NEEDS :=
endif

.PHONY: build install uninstall deb test check-unit nspawn-test package-test

build:
	./scripts/release-build

install: $(INSTALL_NEEDS)
	@test -x "$(BINARY)" || { echo "no executable at $(BINARY): run make build" >&2; exit 1; }
	$(INSTALL) -d "$(DESTDIR)$(BINDIR)" "$(DESTDIR)$(UNITDIR)" "$(DESTDIR)$(CONFDIR)"
	$(INSTALL) -m 0755 "$(BINARY)" "$(DESTDIR)$(BINDIR)/dondoc"
	sed -e 's|/usr/local/bin/dondoc|$(BINDIR)/dondoc|g' systemd/dondoc.service > "$(DESTDIR)$(UNITDIR)/dondoc.service.tmp"
	chmod 0644 "$(DESTDIR)$(UNITDIR)/dondoc.service.tmp"
	mv "$(DESTDIR)$(UNITDIR)/dondoc.service.tmp" "$(DESTDIR)$(UNITDIR)/dondoc.service"
	sed -e 's|/usr/local/bin/dondoc|$(BINDIR)/dondoc|g' systemd/dondoc-web.service > "$(DESTDIR)$(UNITDIR)/dondoc-web.service.tmp"
	chmod 0644 "$(DESTDIR)$(UNITDIR)/dondoc-web.service.tmp"
	mv "$(DESTDIR)$(UNITDIR)/dondoc-web.service.tmp" "$(DESTDIR)$(UNITDIR)/dondoc-web.service"
	@if [ -d "$(DIST)/man" ] && [ -d "$(DIST)/completions" ]; then \
		echo "$(INSTALL) -m 0644 $(DIST)/man/*.1 $(DESTDIR)$(MANDIR)/man1/"; \
		$(INSTALL) -d "$(DESTDIR)$(MANDIR)/man1" "$(DESTDIR)$(BASHCOMPDIR)" "$(DESTDIR)$(ZSHCOMPDIR)" "$(DESTDIR)$(FISHCOMPDIR)" && \
		$(INSTALL) -m 0644 "$(DIST)"/man/*.1 "$(DESTDIR)$(MANDIR)/man1/" && \
		$(INSTALL) -m 0644 "$(DIST)/completions/dondoc.bash" "$(DESTDIR)$(BASHCOMPDIR)/dondoc" && \
		$(INSTALL) -m 0644 "$(DIST)/completions/_dondoc" "$(DESTDIR)$(ZSHCOMPDIR)/_dondoc" && \
		$(INSTALL) -m 0644 "$(DIST)/completions/dondoc.fish" "$(DESTDIR)$(FISHCOMPDIR)/dondoc.fish"; \
	else \
		echo "no man pages or completions in $(DIST) (make build writes them): left out"; \
	fi
	@if [ -e "$(DESTDIR)$(CONFDIR)/dondoc.yaml" ]; then \
		echo "kept $(DESTDIR)$(CONFDIR)/dondoc.yaml"; \
	else \
		echo "$(INSTALL) -m 0644 systemd/dondoc.yaml.example $(DESTDIR)$(CONFDIR)/dondoc.yaml"; \
		$(INSTALL) -m 0644 systemd/dondoc.yaml.example "$(DESTDIR)$(CONFDIR)/dondoc.yaml"; \
	fi
	@if [ -e "$(DESTDIR)$(CONFDIR)/workflows" ]; then \
		echo "kept $(DESTDIR)$(CONFDIR)/workflows"; \
	else \
		echo "cp -R Workflows $(DESTDIR)$(CONFDIR)/workflows"; \
		cp -R Workflows "$(DESTDIR)$(CONFDIR)/workflows" && \
		find "$(DESTDIR)$(CONFDIR)/workflows" -type d -exec chmod 0755 {} + && \
		find "$(DESTDIR)$(CONFDIR)/workflows" -type f -exec chmod 0644 {} +; \
	fi
	@if [ -z "$(DESTDIR)" ] && [ -d /run/systemd/system ]; then systemctl daemon-reload; fi
	@echo "installed; set mail.from in $(CONFDIR)/dondoc.yaml, then: systemctl enable --now dondoc (and, with http.base-url set, dondoc-web)"

uninstall:
	@if [ -z "$(DESTDIR)" ] && [ -d /run/systemd/system ]; then \
		systemctl disable --now dondoc-web.service dondoc.service 2>/dev/null || true; \
	fi
	rm -f "$(DESTDIR)$(BINDIR)/dondoc" "$(DESTDIR)$(UNITDIR)/dondoc.service" "$(DESTDIR)$(UNITDIR)/dondoc-web.service"
	rm -f "$(DESTDIR)$(MANDIR)/man1/dondoc.1" "$(DESTDIR)$(MANDIR)/man1"/dondoc.*.1 "$(DESTDIR)$(BASHCOMPDIR)/dondoc" \
		"$(DESTDIR)$(ZSHCOMPDIR)/_dondoc" "$(DESTDIR)$(FISHCOMPDIR)/dondoc.fish"
	@if [ -z "$(DESTDIR)" ] && [ -d /run/systemd/system ]; then systemctl daemon-reload; fi
	@echo "kept $(DESTDIR)$(CONFDIR) and /var/lib/dondoc"

deb:
	./scripts/package

test:
	./scripts/test

check-unit:
	./scripts/systemd-unit-check

nspawn-test:
	./scripts/systemd-nspawn-test

package-test:
	./scripts/package-test
