#!/usr/bin/env bash
# Installs / builds the servers the test-suite needs. Idempotent: re-running it
# only does work for what is missing. One line of output per component.
#
#   MariaDB  (mariadbd, mariadb-install-db)  apt-get install mariadb-server   (root only)
#   Chromium (/usr/bin/chromium)             apt-get install chromium         (root only)
#   poppler  (pdftoppm)                      apt-get install poppler-utils    (root only; the documents tests draw PDF pages)
#   FerretDB ($HOME/.cache/tripdesk/bin/ferretdb)  built from source with Go
#   Kafka    ($HOME/.cache/tripdesk/bin/tripdesk-kafka)  test/kafka-broker (franz-go's kfake), built with Go
#   actionlint ($HOME/.cache/tripdesk/bin/actionlint)  the GitHub Actions workflow linter, built with Go
#            (test/electron-main/workflows.test.ts runs it on .github/workflows/*.yml)
#   ShellCheck (shellcheck)                  apt-get install shellcheck (root only); actionlint
#            runs it on every `run:` script
#
# Environment:
#   TRIPDESK_FERRETDB_BIN   where the FerretDB binary lives (default $HOME/.cache/tripdesk/bin/ferretdb)
#   TRIPDESK_KAFKA_BIN      where the Kafka test broker lives (default $HOME/.cache/tripdesk/bin/tripdesk-kafka)
#   TRIPDESK_ACTIONLINT_BIN where actionlint lives (default $HOME/.cache/tripdesk/bin/actionlint)
#   TRIPDESK_SKIP_CHROMIUM=1  do not check/install Chromium
set -euo pipefail

export PATH="$PATH:/usr/local/go/bin:/usr/sbin:/usr/local/sbin"

FERRETDB_BIN="${TRIPDESK_FERRETDB_BIN:-$HOME/.cache/tripdesk/bin/ferretdb}"
FERRETDB_VERSIONS=(v1.24.2 v1.24.1)
KAFKA_BIN="${TRIPDESK_KAFKA_BIN:-$HOME/.cache/tripdesk/bin/tripdesk-kafka}"
ACTIONLINT_BIN="${TRIPDESK_ACTIONLINT_BIN:-$HOME/.cache/tripdesk/bin/actionlint}"
ACTIONLINT_VERSION=v1.7.12
KAFKA_SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")/../test/kafka-broker" && pwd)"

missing=()
apt_updated=0

is_root() { [ "$(id -u)" = 0 ]; }

apt_install() {
  if [ "$apt_updated" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# --- MariaDB ----------------------------------------------------------------
if command -v mariadbd >/dev/null 2>&1 && command -v mariadb-install-db >/dev/null 2>&1; then
  echo "mariadb:  present ($(mariadbd --version 2>/dev/null | sed -E 's/.*Ver ([^ ]+).*/\1/'))"
elif is_root && command -v apt-get >/dev/null 2>&1; then
  # Debian's postinst tries to start the service; in containers that may fail harmlessly.
  apt_install mariadb-server
  # Do not leave a system-wide server running: tests start their own throwaway instances.
  if command -v systemctl >/dev/null 2>&1; then systemctl disable --now mariadb >/dev/null 2>&1 || true; fi
  if command -v service >/dev/null 2>&1; then service mariadb stop >/dev/null 2>&1 || true; fi
  echo "mariadb:  installed via apt-get ($(mariadbd --version 2>/dev/null | sed -E 's/.*Ver ([^ ]+).*/\1/'))"
else
  echo "mariadb:  MISSING - install the 'mariadb-server' package (needs root)"
  missing+=(mariadb)
fi

# --- poppler (pdftoppm: the documents tests draw each PDF's first page) ------
if command -v pdftoppm >/dev/null 2>&1; then
  echo "poppler:  present ($(command -v pdftoppm))"
elif is_root && command -v apt-get >/dev/null 2>&1; then
  apt_install poppler-utils
  echo "poppler:  installed via apt-get (pdftoppm)"
else
  echo "poppler:  MISSING - install the 'poppler-utils' package (needs root)"
  missing+=(poppler-utils)
fi

# --- Chromium ---------------------------------------------------------------
if [ "${TRIPDESK_SKIP_CHROMIUM:-0}" = 1 ]; then
  echo "chromium: skipped (TRIPDESK_SKIP_CHROMIUM=1)"
elif [ -x /usr/bin/chromium ]; then
  echo "chromium: present (/usr/bin/chromium)"
elif is_root && command -v apt-get >/dev/null 2>&1; then
  apt_install chromium fonts-liberation
  echo "chromium: installed via apt-get (/usr/bin/chromium)"
else
  echo "chromium: MISSING - install the 'chromium' package (needs root)"
  missing+=(chromium)
fi

# --- FerretDB ---------------------------------------------------------------
# `go install github.com/FerretDB/FerretDB/cmd/ferretdb@vX` produces a binary that
# panics at startup ("Invalid build/version/version.txt file content") because the
# module zip has no build/version/version.txt. So: download the module, copy it,
# write version.txt, and `go build` from the copy.
ferretdb_ok() { [ -x "$FERRETDB_BIN" ] && "$FERRETDB_BIN" --version >/dev/null 2>&1; }

build_ferretdb() {
  local version="$1" json dir work
  json="$(cd / && GOFLAGS=-mod=mod go mod download -json "github.com/FerretDB/FerretDB@$version")" || return 1
  dir="$(printf '%s\n' "$json" | sed -n -E 's/^[[:space:]]*"Dir": "(.*)",?$/\1/p' | head -n1)"
  [ -n "$dir" ] && [ -d "$dir" ] || return 1
  work="$(mktemp -d "${TMPDIR:-/tmp}/ferretdb-src.XXXXXX")"
  cp -R "$dir/." "$work/"
  chmod -R u+w "$work"
  printf '%s\n' "$version" > "$work/build/version/version.txt"
  mkdir -p "$(dirname "$FERRETDB_BIN")"
  if (cd "$work" && CGO_ENABLED=0 go build -buildvcs=false -trimpath -o "$FERRETDB_BIN.tmp" ./cmd/ferretdb); then
    mv -f "$FERRETDB_BIN.tmp" "$FERRETDB_BIN"
    rm -rf "$work"
    return 0
  fi
  rm -rf "$work" "$FERRETDB_BIN.tmp"
  return 1
}

if ferretdb_ok; then
  echo "ferretdb: present ($("$FERRETDB_BIN" --version 2>/dev/null | sed -n 's/^version: //p') at $FERRETDB_BIN)"
elif ! command -v go >/dev/null 2>&1; then
  echo "ferretdb: MISSING - Go toolchain not found (looked in PATH and /usr/local/go/bin); install Go >= 1.22 to build it"
  missing+=(ferretdb)
else
  reason="missing"
  [ -e "$FERRETDB_BIN" ] && reason="broken (does not start)"
  built=""
  for v in "${FERRETDB_VERSIONS[@]}"; do
    if build_ferretdb "$v" >"${TMPDIR:-/tmp}/ferretdb-build.log" 2>&1 && ferretdb_ok; then
      built="$v"
      break
    fi
  done
  if [ -n "$built" ]; then
    echo "ferretdb: built $built with $(go version | awk '{print $3}') ($reason before) -> $FERRETDB_BIN"
  else
    echo "ferretdb: BUILD FAILED (tried ${FERRETDB_VERSIONS[*]}); see ${TMPDIR:-/tmp}/ferretdb-build.log"
    tail -n 20 "${TMPDIR:-/tmp}/ferretdb-build.log" >&2 || true
    missing+=(ferretdb)
  fi
fi

# --- Kafka (kfake) ------------------------------------------------------------
# The binary is rebuilt whenever test/kafka-broker changes: the sha256 of its sources
# sits beside it (test/support/kafka.ts checks the same hash and refuses a stale binary).
kafka_src_hash() { cat "$KAFKA_SRC/go.mod" "$KAFKA_SRC/go.sum" "$KAFKA_SRC/main.go" | sha256sum | cut -d' ' -f1; }
kafka_hash="$(kafka_src_hash)"
if [ -x "$KAFKA_BIN" ] && [ "$(cat "$KAFKA_BIN.src-sha256" 2>/dev/null)" = "$kafka_hash" ]; then
  echo "kafka:    present (kfake test broker at $KAFKA_BIN)"
elif ! command -v go >/dev/null 2>&1; then
  echo "kafka:    MISSING - Go toolchain not found (looked in PATH and /usr/local/go/bin); install Go >= 1.26 to build it"
  missing+=(kafka)
else
  reason="missing before"
  [ -e "$KAFKA_BIN" ] && reason="its sources changed"
  mkdir -p "$(dirname "$KAFKA_BIN")"
  # -mod=readonly: build exactly what go.mod/go.sum pin, never re-resolve at CI time.
  if (cd "$KAFKA_SRC" && CGO_ENABLED=0 go build -mod=readonly -buildvcs=false -trimpath -o "$KAFKA_BIN.tmp" .) >"${TMPDIR:-/tmp}/kafka-build.log" 2>&1; then
    mv -f "$KAFKA_BIN.tmp" "$KAFKA_BIN"
    printf '%s\n' "$kafka_hash" > "$KAFKA_BIN.src-sha256"
    echo "kafka:    built test/kafka-broker with $(go version | awk '{print $3}') ($reason) -> $KAFKA_BIN"
  else
    rm -f "$KAFKA_BIN.tmp"
    echo "kafka:    BUILD FAILED; see ${TMPDIR:-/tmp}/kafka-build.log"
    tail -n 20 "${TMPDIR:-/tmp}/kafka-build.log" >&2 || true
    missing+=(kafka)
  fi
fi

# --- ShellCheck (used by actionlint for the workflows' run: scripts) -----------
if command -v shellcheck >/dev/null 2>&1; then
  echo "shellcheck: present ($(shellcheck --version 2>/dev/null | sed -n 's/^version: //p'))"
elif is_root && command -v apt-get >/dev/null 2>&1; then
  apt_install shellcheck
  echo "shellcheck: installed via apt-get ($(shellcheck --version 2>/dev/null | sed -n 's/^version: //p'))"
else
  echo "shellcheck: MISSING - install the 'shellcheck' package (needs root)"
  missing+=(shellcheck)
fi

# --- actionlint ----------------------------------------------------------------
# Built from the Go module proxy at a pinned version (go.sum of the module is checked against
# sum.golang.org by `go install`). The version sits beside the binary, so a bump rebuilds it.
actionlint_ok() {
  [ -x "$ACTIONLINT_BIN" ] && [ "$(cat "$ACTIONLINT_BIN.version" 2>/dev/null)" = "$ACTIONLINT_VERSION" ] \
    && "$ACTIONLINT_BIN" -version >/dev/null 2>&1
}
if actionlint_ok; then
  echo "actionlint: present ($ACTIONLINT_VERSION at $ACTIONLINT_BIN)"
elif ! command -v go >/dev/null 2>&1; then
  echo "actionlint: MISSING - Go toolchain not found (looked in PATH and /usr/local/go/bin); install Go >= 1.24 to build it"
  missing+=(actionlint)
else
  reason="missing before"
  [ -e "$ACTIONLINT_BIN" ] && reason="another version before"
  gobin="$(mktemp -d "${TMPDIR:-/tmp}/actionlint-bin.XXXXXX")"
  # GOFLAGS=-mod=mod and cd /: `go install pkg@version` ignores any go.mod around it.
  if (cd / && CGO_ENABLED=0 GOBIN="$gobin" GOFLAGS=-mod=mod go install -trimpath \
        -ldflags "-s -w -X github.com/rhysd/actionlint.version=$ACTIONLINT_VERSION" \
        "github.com/rhysd/actionlint/cmd/actionlint@$ACTIONLINT_VERSION") >"${TMPDIR:-/tmp}/actionlint-build.log" 2>&1 \
     && [ -x "$gobin/actionlint" ]; then
    mkdir -p "$(dirname "$ACTIONLINT_BIN")"
    mv -f "$gobin/actionlint" "$ACTIONLINT_BIN"
    printf '%s\n' "$ACTIONLINT_VERSION" > "$ACTIONLINT_BIN.version"
    rm -rf "$gobin"
    echo "actionlint: built $ACTIONLINT_VERSION with $(go version | awk '{print $3}') ($reason) -> $ACTIONLINT_BIN"
  else
    rm -rf "$gobin"
    echo "actionlint: BUILD FAILED ($ACTIONLINT_VERSION); see ${TMPDIR:-/tmp}/actionlint-build.log"
    tail -n 20 "${TMPDIR:-/tmp}/actionlint-build.log" >&2 || true
    missing+=(actionlint)
  fi
fi

if [ "${#missing[@]}" -gt 0 ]; then
  echo "install-test-servers: missing: ${missing[*]}" >&2
  exit 1
fi
