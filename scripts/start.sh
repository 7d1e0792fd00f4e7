#!/bin/sh
# `pnpm start`: seed, then the web app and the API server (turbo), and beside them the insights service
# when Debian's Python packages are present. Its URL and a token generated for this run reach the API
# through the environment (INSIGHTS_URL, INSIGHTS_SERVICE_TOKEN); without the service Tally still runs and
# its insight panels say "unavailable". An INSIGHTS_URL already set names a service run elsewhere: none is started.
set -eu
cd "$(dirname "$0")/.."
pnpm db:seed

insights_pid=""
if [ -z "${INSIGHTS_URL:-}" ]; then
  if missing=$(sh apps/insights/scripts/check-python.sh 2>&1); then
    INSIGHTS_PORT="${INSIGHTS_PORT:-8000}"
    INSIGHTS_SERVICE_TOKEN="${INSIGHTS_SERVICE_TOKEN:-$(node -e 'process.stdout.write(require("node:crypto").randomBytes(24).toString("hex"))')}"
    INSIGHTS_URL="http://127.0.0.1:${INSIGHTS_PORT}"
    export INSIGHTS_PORT INSIGHTS_SERVICE_TOKEN INSIGHTS_URL
    (cd apps/insights && exec /usr/bin/python3 -m insights) &
    insights_pid=$!
    # Not `exec turbo` below: this shell stays to stop the service when the apps stop.
    trap 'kill "$insights_pid" 2>/dev/null || true' EXIT INT TERM
  else
    echo "${missing} (Tally runs without it: the insight panels show \"unavailable\")" >&2
  fi
fi

turbo run start --filter @tally/web --filter @tally/server
