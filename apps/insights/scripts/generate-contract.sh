#!/bin/sh
# TypeScript types for @tally/insights-contract from the committed OpenAPI document.
# Usage: sh scripts/generate-contract.sh [output file]   (default: the committed schema.d.ts)
set -eu
cd "$(dirname "$0")/.."
output="${1:-../../packages/insights-contract/src/generated/schema.d.ts}"
# Fields with defaults stay optional in request types: callers may leave them out.
exec node_modules/.bin/openapi-typescript generated/openapi.json --default-non-nullable false --output "$output"
