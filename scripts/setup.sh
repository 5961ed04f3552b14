#!/usr/bin/env bash
# One-time set-up from a fresh clone: checks Node, installs a browser if none is present, installs
# the locked npm dependencies (which builds dist/), validates data/ and builds the briefs. Safe to
# run again. Used by the README's Quick start and by .ci/run.
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

# System packages, only those missing. A browser already present (PUPPETEER_EXECUTABLE_PATH or a
# system Chromium/Chrome) is used as it is; apt runs only when something is missing.
missing=()
have_browser() {
  [ -n "${PUPPETEER_EXECUTABLE_PATH:-}" ] && [ -x "${PUPPETEER_EXECUTABLE_PATH}" ] && return 0
  for b in chromium chromium-browser google-chrome google-chrome-stable; do command -v "$b" >/dev/null 2>&1 && return 0; done
  return 1
}
have_browser || missing+=(chromium)
# The test suite reads the PDFs with poppler (pdfinfo, pdffonts, pdftotext, pdftoppm).
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
if [ "${#missing[@]}" -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ]; then sudo_cmd=(); elif command -v sudo >/dev/null 2>&1; then sudo_cmd=(sudo); else sudo_cmd=(none); fi
    if [ "${sudo_cmd[0]:-}" = none ]; then
      echo "setup: missing ${missing[*]}; install with your package manager (as root: apt-get install ${missing[*]})." >&2
      exit 1
    fi
    echo "setup: installing ${missing[*]} with apt-get"
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
  else
    echo "setup: missing ${missing[*]}; install it, or set PUPPETEER_EXECUTABLE_PATH to a Chrome/Chromium binary." >&2
    exit 1
  fi
fi

# Puppeteer must not try to download Chrome (there is no internet here but the npm registry);
# .puppeteerrc.cjs says the same for npm versions that run install scripts.
export PUPPETEER_SKIP_DOWNLOAD=1
echo "setup: installing npm dependencies from package-lock.json (Node $version)"
npm ci --no-audit --no-fund

echo "setup: validating data/"
node bin/ets-brief.js check

echo "setup: building the briefs into output/"
node bin/ets-brief.js build
