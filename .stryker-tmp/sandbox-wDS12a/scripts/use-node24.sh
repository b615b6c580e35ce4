# Sourced by .ci/run and scripts/demo.sh: puts Node 24 first on PATH. The machine's own node may be older;
# the npm package node@24 carries the official binary, so no other download site is needed.
if ! node --version 2>/dev/null | grep -q '^v24\.'; then
  node24_bin=$(npx -y node@24 -p 'require("path").dirname(process.execPath)' 2>/dev/null | tail -n 1)
  if [ -z "$node24_bin" ] || [ ! -x "$node24_bin/node" ]; then
    echo "Node 24 is required and could not be installed with 'npx node@24'" >&2
    exit 1
  fi
  export PATH="$node24_bin:$PATH"
fi
