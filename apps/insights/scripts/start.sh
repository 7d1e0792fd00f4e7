#!/bin/sh
set -eu
cd "$(dirname "$0")/.."
sh scripts/check-python.sh
exec /usr/bin/python3 -m insights
