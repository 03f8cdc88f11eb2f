# `make run` and `make test` set everything up on a fresh machine, then run.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: run test soak bench profile install tools clean

# The venv (pip) and the Debian tools (apt) are fetched at the same time on a fresh machine.
MAKEFLAGS += --jobs=2

# uv installs the same pins in seconds where pip takes most of a minute; pip if uv cannot. Compiled
# to bytecode at install, as pip does: where PYTHONDONTWRITEBYTECODE is set nothing writes it later,
# and every server and CLI process of the tests compiled its libraries again (+1 s each).
$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q 'uv>=0.13,<0.14' && $(VENV)/bin/uv pip install -q --compile-bytecode --python $(PY) -e '.[test]' \
		--config-settings editable_mode=compat || $(PY) -m pip install -q -e '.[test]' --config-settings editable_mode=compat
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

# wrk (Debian's package) drives the HTTP benches and the test of their harness; chromium (Debian's)
# is the browser the simulator page's test drives through Playwright (which downloads no browser).
tools:
	@command -v wrk >/dev/null || { export DEBIAN_FRONTEND=noninteractive; apt-get install -y -q wrk >/dev/null 2>&1 \
		|| { apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null; }; }
	@command -v chromium >/dev/null || { export DEBIAN_FRONTEND=noninteractive; apt-get install -y -q chromium fonts-noto-color-emoji >/dev/null 2>&1 \
		|| { apt-get update -q >/dev/null && apt-get install -y -q chromium fonts-noto-color-emoji >/dev/null; } \
		|| echo "chromium could not be installed: the simulator page's browser test will be skipped"; }

# The demo: the simulator page is on (KEDAI_SIMULATOR=0 make run leaves it off).
run: $(STAMP)
	$(PY) main.py db upgrade
	KEDAI_SIMULATOR=$${KEDAI_SIMULATOR:-1} $(PY) main.py serve

# Test files (SQLite databases, server logs) live in memory where /dev/shm exists: the suite
# spent much of its time waiting for the disk to sync files that are thrown away.
# One folder per checkout: pytest empties its basetemp when it starts, so two checkouts' suites
# running at once on one machine must not share it.
TEST_TMP := $(shell test -d /dev/shm && echo --basetemp=/dev/shm/kedai-tests-$$(echo $(CURDIR) | cksum | cut -d' ' -f1))

# Our own modules compiled once: where PYTHONDONTWRITEBYTECODE is set, every server and CLI process
# the tests and benches start compiled all of them again (0.2 s each).
BYTECODE := $(PY) -m compileall -q -j 0 -x '/(\.venv|data)/' . >/dev/null

test: $(STAMP) tools
	$(BYTECODE)
	$(PY) -m pytest -n 2 --dist worksteal --durations=15 $(TEST_TMP)

# The hostile campaign at length, with a fresh random seed (printed, to replay a finding), and the
# two-process run (2,000 updates, a 1,000-person broadcast, the leader killed halfway).
SOAK_EXAMPLES ?= 3000
soak: $(STAMP)
	KEDAI_HOSTILE_SEED=$${KEDAI_HOSTILE_SEED:-$$(date +%s)} KEDAI_HOSTILE_EXAMPLES=$(SOAK_EXAMPLES) \
		$(PY) -m pytest -n 2 -m '' tests/e2e/test_hostile_inputs.py tests/e2e/test_two_processes.py

bench: $(STAMP) tools
	$(BYTECODE)
	$(PY) bench/run.py

# Where the Telegram and Twilio paths spend their time under load (py-spy; see docs/PERFORMANCE.md).
profile: $(STAMP) tools
	$(PY) bench/run.py profile telegram whatsapp

clean:
	rm -rf $(VENV) data .pytest_cache
