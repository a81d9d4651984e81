# Shared set-up for scripts/dev and scripts/test. Sourced, not run. Every step checks before it
# installs, so a second run with everything in place takes seconds.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE_DIR="$ROOT/.atrium"
CARGO_LEPTOS_VERSION="0.3.10"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"

say() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }
die() { printf '\033[1;31merror:\033[0m %s\n' "$*" >&2; exit 1; }

# Runs a command as root: directly when we are root, through sudo otherwise.
as_root() {
  if [[ $EUID -eq 0 ]]; then "$@"; else sudo "$@"; fi
}

apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  ((${#missing[@]})) || return 0
  say "Installing Debian packages: ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" \
    || { as_root apt-get update -q && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"; }
}

ensure_rust_tools() {
  command -v cargo >/dev/null || die "cargo is missing: install Rust with rustup first (https://rustup.rs)."
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "Adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  if [[ "$(cargo leptos --version 2>/dev/null || true)" != *"$CARGO_LEPTOS_VERSION"* ]]; then
    say "Installing cargo-leptos $CARGO_LEPTOS_VERSION (about 9 minutes, once)"
    cargo install "cargo-leptos@$CARGO_LEPTOS_VERSION" --locked
  fi
  # cargo-leptos needs the wasm-bindgen CLI of exactly the crate version in Cargo.lock.
  local wbg
  wbg="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock")"
  [[ -n "$wbg" ]] || die "could not read the wasm-bindgen version from Cargo.lock"
  if [[ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $wbg" ]]; then
    say "Installing wasm-bindgen-cli $wbg"
    # Not --locked: its lockfile pins a crate version the registry no longer serves.
    cargo install wasm-bindgen-cli --version "$wbg" --force
  fi
}

ensure_node_tools() {
  command -v npm >/dev/null || die "npm is missing: install Node.js 20 or newer first."
  local stamp="$ROOT/node_modules/.atrium-lock"
  if [[ ! -f "$stamp" ]] || ! cmp -s "$ROOT/package-lock.json" "$stamp"; then
    say "Installing npm packages (Tailwind, wasm-opt, Playwright)"
    (cd "$ROOT" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
    cp "$ROOT/package-lock.json" "$stamp"
  fi
}

pg_bin_dir() {
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  [[ -n "$dir" && -x "$dir/initdb" ]] && echo "$dir"
}

ensure_postgres_package() {
  pg_bin_dir >/dev/null || apt_install postgresql
  pg_bin_dir >/dev/null || die "PostgreSQL server binaries not found after installing 'postgresql'."
}

ensure_chromium() {
  [[ -x /usr/bin/chromium ]] || apt_install chromium
}

# --- The project-local PostgreSQL cluster -----------------------------------------------------
# Used whenever DATABASE_URL is not given. Data lives in .atrium/pg (git-ignored), so restarts
# keep it. initdb refuses to run as root, so as root the cluster belongs to the postgres user.

PG_DIR="$STATE_DIR/pg"

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# The first free port from 25432: below Linux's ephemeral range (32768-60999), so an outgoing
# connection cannot be holding it when the cluster starts.
free_pg_port() {
  local port=25432
  while port_in_use "$port"; do port=$((port + 1)); done
  echo "$port" > "$PG_DIR/port"
  echo "$port"
}

# The cluster's port: ATRIUM_PG_PORT, else the one chosen when the cluster was created (several
# checkouts can each run their own).
pg_port() {
  if [[ -n "${ATRIUM_PG_PORT:-}" ]]; then
    echo "$ATRIUM_PG_PORT"
  elif [[ -s "$PG_DIR/port" ]]; then
    cat "$PG_DIR/port"
  else
    free_pg_port
  fi
}

pg_start_on() {
  pg_run "$(pg_bin_dir)/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/postgres.log" -w -t 60 \
    -o "-p $1 -k $PG_DIR/run -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" \
    start >/dev/null
}

pg_run() {
  if [[ $EUID -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

secret_file() {
  local file="$1"
  if [[ ! -s "$file" ]]; then
    mkdir -p "$(dirname "$file")"
    (umask 077 && head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$file")
  fi
  cat "$file"
}

start_local_postgres() {
  ensure_postgres_package
  local bin
  bin="$(pg_bin_dir)"
  local super_pw app_pw
  super_pw="$(secret_file "$STATE_DIR/secrets/pg-superuser-password")"
  app_pw="$(secret_file "$STATE_DIR/secrets/app-role-password")"
  mkdir -p "$PG_DIR"
  local port
  port="$(pg_port)"
  if [[ ! -f "$PG_DIR/data/PG_VERSION" ]]; then
    say "Creating the project-local PostgreSQL cluster in .atrium/pg"
    mkdir -p "$PG_DIR/data" "$PG_DIR/run"
    local pwfile="$PG_DIR/.pwfile"
    (umask 077 && printf '%s\n' "$super_pw" > "$pwfile")
    if [[ $EUID -eq 0 ]]; then chown -R postgres: "$PG_DIR"; fi
    pg_run "$bin/initdb" -D "$PG_DIR/data" -U postgres --auth=scram-sha-256 \
      --pwfile="$pwfile" --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    rm -f "$pwfile"
  fi
  if ! pg_run "$bin/pg_ctl" -D "$PG_DIR/data" status >/dev/null 2>&1; then
    # A port chosen earlier may be taken by now; without ATRIUM_PG_PORT, move to a free one.
    local attempt=1
    while true; do
      if port_in_use "$port"; then
        [[ -n "${ATRIUM_PG_PORT:-}" ]] && die "Port $port is taken; set ATRIUM_PG_PORT to a free port."
        port="$(free_pg_port)"
      fi
      say "Starting PostgreSQL on 127.0.0.1:$port"
      pg_start_on "$port" && break
      if [[ -n "${ATRIUM_PG_PORT:-}" || $attempt -ge 3 ]] || ! grep -q "already in use" "$PG_DIR/postgres.log"; then
        die "PostgreSQL did not start; see .atrium/pg/postgres.log"
      fi
      port="$(free_pg_port)"
      attempt=$((attempt + 1))
    done
  fi
  PG_ADMIN_URL="postgres://postgres:$super_pw@127.0.0.1:$port"
  export ATRIUM_APP_DB_PASSWORD="$app_pw"
  export ATRIUM_PLATFORM_DB_PASSWORD="$(secret_file "$STATE_DIR/secrets/platform-role-password")"
}

stop_local_postgres() {
  local bin
  bin="$(pg_bin_dir)" || die "PostgreSQL is not installed."
  if [[ -f "$PG_DIR/data/PG_VERSION" ]] && pg_run "$bin/pg_ctl" -D "$PG_DIR/data" status >/dev/null 2>&1; then
    pg_run "$bin/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null
    say "Stopped the project-local PostgreSQL"
  else
    say "The project-local PostgreSQL is not running"
  fi
}

# Sets PG_ADMIN_URL (the server, no database) and ADMIN_DATABASE_URL (its maintenance database):
# the server of DATABASE_URL when given, else the project-local cluster, started if need be.
use_cluster() {
  ensure_postgres_package
  if [[ -n "${DATABASE_URL:-}" ]]; then
    say "Using the PostgreSQL server of DATABASE_URL"
    PG_ADMIN_URL="${DATABASE_URL%/*}"
    export ATRIUM_APP_DB_PASSWORD="${ATRIUM_APP_DB_PASSWORD:-$(secret_file "$STATE_DIR/secrets/app-role-password")}"
    export ATRIUM_PLATFORM_DB_PASSWORD="${ATRIUM_PLATFORM_DB_PASSWORD:-$(secret_file "$STATE_DIR/secrets/platform-role-password")}"
  else
    start_local_postgres
  fi
  ADMIN_DATABASE_URL="$PG_ADMIN_URL/postgres"
}

psql_admin() {
  "$(pg_bin_dir)/psql" "$ADMIN_DATABASE_URL" -v ON_ERROR_STOP=1 -qtA "$@"
}

create_database_if_missing() {
  if [[ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$1'")" != 1 ]]; then
    psql_admin -c "CREATE DATABASE \"$1\"" >/dev/null
  fi
}

recreate_database() {
  psql_admin -c "DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)" >/dev/null
  psql_admin -c "CREATE DATABASE \"$1\"" >/dev/null
}
