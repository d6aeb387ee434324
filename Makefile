# dondoc — build, install as a systemd service, test.
#
#   make build                      swift build -c release
#   make install [DESTDIR=] [PREFIX=/usr/local]
#   make uninstall [DESTDIR=] [PREFIX=/usr/local]
#   make test                       ./scripts/test (everything CI runs)
#   make check-unit                 systemd-analyze verify + security on systemd/dondoc.service
#   make nspawn-test                the unit under a real systemd in a container (root)
#
# install puts:
#   the binary          $(PREFIX)/bin/dondoc                  (the unit's ExecStart follows PREFIX)
#   the unit            $(PREFIX)/lib/systemd/system/dondoc.service   (UNITDIR; systemd searches
#                       /usr/local/lib/systemd/system and /usr/lib/systemd/system; override with
#                       `systemctl edit dondoc`)
#   the config          /etc/dondoc/dondoc.yaml               only if absent
#   the workflows       /etc/dondoc/workflows/ (from Workflows/)  only if absent
# /etc/dondoc is fixed: the unit's ConfigurationDirectory=dondoc. uninstall leaves /etc/dondoc and
# /var/lib/dondoc (configuration and state are the operator's).
# BINARY=PATH installs that file instead of building one.

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
UNITDIR ?= $(PREFIX)/lib/systemd/system
CONFDIR := /etc/dondoc
DESTDIR ?=
SWIFT ?= swift
INSTALL ?= install

ifeq ($(origin BINARY),undefined)
BINARY := .build/release/dondoc
INSTALL_NEEDS := build
else
INSTALL_NEEDS :=
endif

.PHONY: build install uninstall test check-unit nspawn-test

build:
	$(SWIFT) build -c release --product dondoc

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
	@echo "installed; start with: systemctl enable --now dondoc (and, with http.base-url set, dondoc-web)"

uninstall:
	@if [ -z "$(DESTDIR)" ] && [ -d /run/systemd/system ]; then \
		systemctl disable --now dondoc-web.service dondoc.service 2>/dev/null || true; \
	fi
	rm -f "$(DESTDIR)$(BINDIR)/dondoc" "$(DESTDIR)$(UNITDIR)/dondoc.service" "$(DESTDIR)$(UNITDIR)/dondoc-web.service"
	@if [ -z "$(DESTDIR)" ] && [ -d /run/systemd/system ]; then systemctl daemon-reload; fi
	@echo "kept $(DESTDIR)$(CONFDIR) and /var/lib/dondoc"

test:
	./scripts/test

check-unit:
	./scripts/systemd-unit-check

nspawn-test:
	./scripts/systemd-nspawn-test
