#!/usr/bin/env bash
# One-time set-up from a fresh clone: checks Node, installs the locked dependencies (which builds
# dist/), then validates data/. Safe to run again. Used by the README's Quick start and by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

need_major=20
need_minor=19
version=$(node -p 'process.versions.node' 2>/dev/null || true)
if [ -z "$version" ]; then
  echo "setup: Node.js is not installed; install Node.js 20.19+ or 22.12+ (https://nodejs.org)." >&2
  exit 1
fi
major=${version%%.*}; rest=${version#*.}; minor=${rest%%.*}
if [ "$major" -lt "$need_major" ] || { [ "$major" -eq "$need_major" ] && [ "$minor" -lt "$need_minor" ]; }; then
  echo "setup: Node.js $version is too old; ets-brief needs 20.19+ or 22.12+." >&2
  exit 1
fi

# Puppeteer must not try to download Chrome (there is no internet here but the npm registry);
# .puppeteerrc.cjs says the same for npm versions that run install scripts.
export PUPPETEER_SKIP_DOWNLOAD=1
echo "setup: installing npm dependencies from package-lock.json (Node $version)"
npm ci --no-audit --no-fund

echo "setup: validating data/"
node bin/ets-brief.js check
