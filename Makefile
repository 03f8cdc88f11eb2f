# `make run` and `make test` set everything up on a fresh machine, then run.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: run test soak bench install clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q -e '.[test]' --config-settings editable_mode=compat
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

# The demo: the simulator page is on (KEDAI_SIMULATOR=0 make run leaves it off).
run: $(STAMP)
	$(PY) main.py db upgrade
	KEDAI_SIMULATOR=$${KEDAI_SIMULATOR:-1} $(PY) main.py serve

test: $(STAMP)
	$(PY) -m pytest -n 2

# The hostile campaign at length, with a fresh random seed (printed, to replay a finding).
SOAK_EXAMPLES ?= 3000
soak: $(STAMP)
	KEDAI_HOSTILE_SEED=$${KEDAI_HOSTILE_SEED:-$$(date +%s)} KEDAI_HOSTILE_EXAMPLES=$(SOAK_EXAMPLES) \
		$(PY) -m pytest -n 2 tests/e2e/test_hostile_inputs.py

bench: $(STAMP)
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) data .pytest_cache
