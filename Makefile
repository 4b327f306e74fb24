# The SM CRM suite. Two commands do everything on a fresh machine: `make demo` and `make test`.
# Heavy downloads and the PostgreSQL cluster live in $SUITE_CACHE (default ~/.cache/sm-crm-suite).
SHELL := /bin/bash
.DEFAULT_GOAL := help

.PHONY: help bootstrap demo demo-reset test lint bench docker-addons compose-check sim-advance sim-stop

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

bootstrap: ## Odoo 19 + venv + OCA add-ons + PostgreSQL + Chromium (cached, idempotent)
	@bash scripts/bootstrap.sh

demo: ## install the suite with demo data and the simulators, serve on http://localhost:8069
	@bash scripts/demo.sh

demo-reset: ## same as demo, from an empty database
	@bash scripts/demo.sh --reset

test: ## bootstrap, then every test (pure pytest + Odoo tests through pytest-odoo)
	@bash scripts/test.sh

lint: ## pre-commit: ruff, pylint-odoo and friends
	@bash scripts/lint.sh

bench: ## benchmarks: ours vs a naive baseline, one summary line each
	@bash scripts/bench.sh

docker-addons: ## fill docker/ with the OCA add-ons and Python deps that docker-compose.yml mounts
	@bash scripts/docker_addons.sh

compose-check: ## validate docker-compose.yml (no Docker engine needed)
	@bash scripts/check_compose.sh

sim-advance: ## demo: let a simulated day pass in Silicon Master (orders move on, dates slip)
	@curl -s -X POST -H 'X-SM-Api-Key: sm-demo-key' -H 'Content-Type: application/json' \
		-d '{"minutes": 1440, "change_ratio": 0.05}' http://127.0.0.1:$${SM_SIM_PORT:-8900}/_sim/advance; echo

sim-stop: ## stop the simulators started by make demo
	@bash scripts/simulators.sh stop
