# Safehold: common tasks. The test command is scripts/test (see its header for switches).
.PHONY: run test fuzz bench build format

PORT ?= 8080
DATA_DIR ?= data

build:
	swift build

run:
	swift run safehold serve --demo --data-dir $(DATA_DIR) --port $(PORT)

test:
	scripts/test

# Schemathesis against the API on SQLite; `scripts/fuzz postgres://...` for PostgreSQL.
fuzz: build
	scripts/fuzz

bench:
	scripts/bench

format:
	swift format --in-place --recursive --parallel Sources Tests Package.swift
