# fabrique: set-up, build, test and demo. Every install step lives here, so a clean clone needs nothing done by hand.
SWIFT      ?= swift
DB         ?= fabrique.sqlite
CONFIG     ?= debug
BIN         = .build/$(CONFIG)/fabrique
PORT       ?= 8080
PREFIX     ?= /usr/local
BASE_URL   ?= http://127.0.0.1:$(PORT)
SUDO       := $(shell [ "$$(id -u)" = "0" ] || echo sudo)
APT_PKGS    = libcsv-dev libsqlite3-dev sqlite3 libxml2-utils libcmark-gfm-dev libcmark-gfm-extensions-dev libreadstat-dev libglpk-dev chromium chromium-driver wrk nodejs curl \
              postgresql-15 postgresql-contrib

.PHONY: all deps pyxform build lint test demo bench bench-reports bench-disclosure bench-postgres load load-pg install fuzz fuzz-build fuzz-run clean

all: build

## deps: install the system libraries (Debian packages) when they are missing.
deps:
	@missing=""; for p in $(APT_PKGS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	else echo "System libraries present: $(APT_PKGS)"; fi

## pyxform: install pyxform (the reference XLSForm converter, command xls2xform), pyreadstat
## (the reader of SPSS and Stata files) and axe-core (the accessibility checker of the browser
## tests) into .build/venv, which the tests run on every XLSForm, .sav and .dta file fabrique
## writes and on the coding page; and scipy, whose HiGHS solver computes the disclosure audit's
## reference intervals (Tests/FabriqueDisclosureTests/Fixtures/make_intervals.py). Idempotent.
pyxform:
	@if [ -x .build/venv/bin/xls2xform ] && .build/venv/bin/python -c 'import pyreadstat, axe_core_python, scipy' 2>/dev/null; then \
	  echo "pyxform, pyreadstat, axe-core and scipy present in .build/venv"; else \
	  python3 -m venv .build/venv && .build/venv/bin/pip install --quiet pyxform openpyxl pyreadstat axe-core-python scipy; fi

## build: compile the package.
build: deps
	$(SWIFT) build -c $(CONFIG)

## lint: swift format's strict lint with .swift-format on every Swift file, then no line over 150
## columns, counted in bytes (swift format cannot break a long string literal: split it by hand).
LINT_PATHS  = Sources Tests Fuzz Package.swift $(wildcard Benchmarks/*.swift)
lint:
	$(SWIFT) format lint --strict --recursive --configuration .swift-format $(LINT_PATHS)
	@long=$$(find $(LINT_PATHS) -name '*.swift' -exec env LC_ALL=C awk 'length > 150 { print FILENAME ":" FNR ": " length " bytes" }' {} +); \
	if [ -n "$$long" ]; then echo "Lines over 150 columns (counted in bytes):"; echo "$$long"; exit 1; fi

## test: build and run every test, the headless-Chromium form test included, with the store contract on
## SQLite and on a throwaway PostgreSQL 15 cluster (scripts/pg-cluster.sh: .build/pg, Unix socket only,
## removed at the end); then replay the attacks of scripts/security-check.sh against a server on 127.0.0.1.
test: deps pyxform
	$(SWIFT) build --build-tests
	FABRIQUE_BROWSER_TESTS=1 scripts/pg-cluster.sh run $(SWIFT) test --skip-build
	scripts/security-check.sh

## demo: build, load the seeds into $(DB), import 500 generated responses and the demo codings,
## write the reports into reports/ (Markdown, HTML, SVG, dossiers ressources), invite the demo
## contacts, create an admin with a generated password, print the links, then serve the web app.
demo: build
	$(BIN) --db $(DB) init
	$(BIN) --db $(DB) demo generate-responses --survey coordination --count 500 --seed 42 --out demo-responses.csv
	$(BIN) --db $(DB) import responses --survey coordination demo-responses.csv --on-duplicate update
	$(BIN) --db $(DB) coding import seeds/demo/codings.csv --actor demo
	$(BIN) --db $(DB) report regions --analysis analyses/coordination.yaml --out reports --html
	$(BIN) --db $(DB) report theme --all --out reports/dossiers --html
	$(BIN) --db $(DB) contacts import seeds/demo/contacts.csv
	$(BIN) --db $(DB) invite --survey coordination --reissue --base-url $(BASE_URL) --out demo-invitations.csv
	$(BIN) --db $(DB) invite --survey coordination --open --base-url $(BASE_URL) > demo-open-link.txt
	$(BIN) --db $(DB) survey export coordination --xlsform demo-coordination.xlsx
	$(BIN) survey import demo-coordination.xlsx --out demo-coordination-roundtrip.yaml --force
	$(BIN) survey validate demo-coordination-roundtrip.yaml
	@echo
	@echo "Try on the command line:"
	@echo "  $(BIN) survey show surveys/coordination.yaml"
	@echo "  $(BIN) csv preview demo-responses.csv --rows 3"
	@echo "  $(BIN) export responses --survey coordination --excel --labels --out reponses-excel.csv"
	@echo "  $(BIN) table --survey coordination --rows etp_coordination --by region"
	@echo "  $(BIN) tables analyses/coordination.yaml --region 44 --out reports/"
	@echo "  $(BIN) report regions --region 44 --out /tmp/rapports --html --stamp $$(date -I)"
	@echo "  $(BIN) report theme sante-mentale-isolement-social --out /tmp/rapports"
	@echo "  $(BIN) experiences search \"sante mentale\" --region 44"
	@echo "  $(BIN) agreement Tests/FabriqueStatsTests/Fixtures/krippendorff2011.csv --level ordinal"
	@echo
	@echo "Reports: reports/index.md, reports/grand-est.md and reports/grand-est.html (open it in a browser),"
	@echo "         the dossiers ressources in reports/dossiers/."
	@echo
	@echo "Web app (Ctrl-C to stop):"
	@echo "  a respondent's invitation link: $$(sed -n 2p demo-invitations.csv | awk -F, '{print $$NF}')"
	@echo "  the open, anonymous link:       $$(cat demo-open-link.txt)"
	@echo "  all $$(($$(wc -l < demo-invitations.csv) - 1)) personal links:         demo-invitations.csv"
	@echo "  staff login:                    $(BASE_URL)/connexion  (user admin; reports at $(BASE_URL)/gestion/rapports)"
	@$(BIN) --db $(DB) user add admin --role admin --generate-password --reset | sed 's/^/  /'
	$(BIN) --db $(DB) serve --port $(PORT)

## bench: the CSV import benchmark (fabrique against sqlite3 .import), 1,000,000 and 200,000 rows.
bench: deps
	Benchmarks/csv-import.sh

## bench-reports: the report benchmark, 18 regions + France from 100,000 and 1,000,000 responses.
bench-reports: deps
	Benchmarks/reports.sh

## bench-disclosure: the reports with optimal suppression and the audit against the greedy rule's, 20,000 and 100,000 responses.
bench-disclosure: deps
	Benchmarks/disclosure.sh

## bench-postgres: import and tables on PostgreSQL against psql (\copy, GROUP BY), on a throwaway cluster.
bench-postgres: deps
	Benchmarks/postgres.sh

## load: the web load and crash-safety script (wrk, kill -9 in the middle), 30 s per phase.
load: deps
	scripts/load-submit.sh

## load-pg: two servers on one PostgreSQL database under load, a session across them, kill -9 of one.
load-pg: deps
	scripts/load-submit.sh --pg

## install: a release build installed under $(PREFIX) (default /usr/local): the binary and its web
## resources in bin/, the seeds, surveys and analyses it ships with in share/fabrique/ (found there by
## `fabrique init` and the report commands when run from any folder). DESTDIR is honoured.
install: deps
	$(SWIFT) build -c release --static-swift-stdlib
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/fabrique
	install -m 755 .build/release/fabrique $(DESTDIR)$(PREFIX)/bin/fabrique
	for bundle in .build/release/*.resources; do rm -rf "$(DESTDIR)$(PREFIX)/bin/$$(basename $$bundle)"; cp -R "$$bundle" $(DESTDIR)$(PREFIX)/bin/; done
	rm -rf $(DESTDIR)$(PREFIX)/share/fabrique/seeds $(DESTDIR)$(PREFIX)/share/fabrique/surveys $(DESTDIR)$(PREFIX)/share/fabrique/analyses
	cp -R seeds surveys analyses $(DESTDIR)$(PREFIX)/share/fabrique/
	@echo "Installed $(DESTDIR)$(PREFIX)/bin/fabrique; shell completions: fabrique --generate-completion-script bash|zsh|fish"

## fuzz: build the four libFuzzer targets with the address sanitizer and run each for
## FUZZ_SECONDS seconds on its seed corpus (docs/fuzzing.md); non-zero exit on a crash.
FUZZ_SECONDS ?= 60
fuzz: deps
	scripts/fuzz.sh $(FUZZ_SECONDS)

## fuzz-build, fuzz-run: the two halves of fuzz (fuzz-run takes FUZZ_SECONDS, or RUNS=N).
fuzz-build: deps
	scripts/fuzz.sh build

fuzz-run:
	scripts/fuzz.sh run $(FUZZ_SECONDS)

clean:
	rm -rf .build reports $(DB) $(DB)-wal $(DB)-shm demo-responses.csv demo-responses.rejects.csv demo-invitations.csv demo-open-link.txt demo-coordination.xlsx demo-coordination-roundtrip.yaml
