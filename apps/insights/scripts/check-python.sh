#!/bin/sh
# Debian's interpreter and packages, not whichever python3 is first on PATH (PyPI is not reachable here).
packages="python3-fastapi python3-uvicorn python3-numpy python3-sklearn python3-pytest python3-httpx"
if ! /usr/bin/python3 -c 'import fastapi, uvicorn, pydantic, numpy, sklearn, pytest, httpx' >/dev/null 2>&1; then
  echo "insights: Debian's Python packages are missing; install them with: apt-get install -y $packages" >&2
  exit 1
fi
