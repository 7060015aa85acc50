# Safehold: common tasks. The test command is scripts/test (see its header for switches).
.PHONY: run test bench build

PORT ?= 8080
DATA_DIR ?= data

build:
	swift build

run:
	swift run safehold serve --demo --data-dir $(DATA_DIR) --port $(PORT)

test:
	scripts/test

bench:
	@if [ -x scripts/bench ]; then scripts/bench; \
	else echo "make bench: scripts/bench does not exist yet"; fi
