# Two commands do everything on a fresh machine:
#   make run    set up, ingest the bundled sample articles and open the window on them
#   make test   set up and run the whole test suite (what CI runs)
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
# Debian packages: Xvfb and the two xcb libraries Qt's xcb plugin needs, plus Qt's runtime libraries.
DEB_PACKAGES := xvfb xauth xdotool libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-randr0 \
	libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxcb-cursor0 libxkbcommon-x11-0 libxkbcommon0 libegl1 \
	libgl1 libfontconfig1 libdbus-1-3 fonts-dejavu-core

.PHONY: setup system run test bench lint build-app smoke-app lock clean

setup: $(STAMP)

$(STAMP): requirements/dev.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements/dev.lock
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

# Installs the Debian packages that are missing (needs root or sudo; skipped when all are there).
system:
	@missing=$$(for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages: $$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

run: setup system
	@if [ -n "$$DISPLAY" ] || [ -n "$$WAYLAND_DISPLAY" ]; then \
	  $(VENV)/bin/article-review resources/samples; \
	else \
	  echo "No display: running under xvfb-run (set DISPLAY to see the window)."; \
	  xvfb-run -a $(VENV)/bin/article-review resources/samples; \
	fi

test: setup system
	$(VENV)/bin/lint-imports --no-cache
	$(PY) -m pytest -q $(PYTEST_ARGS)

bench: setup
	for b in benchmarks/bench_*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

# Regenerate the hashed locks after editing requirements/*.in (needs uv: pip install uv).
lock:
	uv pip compile --python-version 3.11 --generate-hashes -o requirements/app.lock requirements/app.in
	uv pip compile --python-version 3.11 --generate-hashes -o requirements/dev.lock requirements/dev.in
	uv pip compile --python-version 3.11 --generate-hashes -o requirements/build.lock requirements/build.in
	uv pip compile --python-version 3.11 --generate-hashes -o requirements/cluster.lock requirements/cluster.in

# A one-folder desktop build (PyInstaller) in packaging/dist/article-review, and its headless smoke test.
build-app:
	packaging/build.sh

smoke-app: system
	packaging/smoke_test.sh

clean:
	rm -rf $(VENV) build dist *.egg-info packaging/build packaging/dist packaging/.venv-build
