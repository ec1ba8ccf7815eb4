#!/usr/bin/env bash
# Runs every fuzz target of hipchat-rs for a bounded time and prints, per target, how many
# inputs were executed and whether it crashed. Not part of CI: run it by hand.
#
#   fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]     (default: 60 s, every target)
#
# Environment:
#   FUZZ_DRIVER=cargo-fuzz|direct   how to build (default: cargo-fuzz when it is installed or
#                                   can be installed, else direct); see below.
#   FUZZ_NICE=N                     niceness of the fuzzers (default 10); the machine is shared.
#   FUZZ_ARGS="..."                 extra libFuzzer flags, e.g. "-fork=1 -ignore_crashes=1".
#
# How it works on a stable toolchain (no nightly here, and none can be downloaded):
# libFuzzer instrumentation needs `-Z` flags, which a stable rustc accepts with
# RUSTC_BOOTSTRAP=1. cargo-fuzz 0.13 (`cargo install cargo-fuzz`) works that way:
#
#   cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run --sanitizer none decode_models \
#       corpus/decode_models seeds/decode_models -- -dict=dicts/decode_models.dict -max_total_time=60
#
# `--sanitizer none` because hipchat-core forbids unsafe code (AddressSanitizer, cargo-fuzz's
# default, also builds here with RUSTC_BOOTSTRAP=1, and halves the speed). The `direct` driver
# does without cargo-fuzz: it passes the same flags as cargo-fuzz itself,
#
#   RUSTC_BOOTSTRAP=1 RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4
#     -Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table
#     -Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing -Cdebug-assertions
#     -Coverflow-checks" cargo build --release --target x86_64-unknown-linux-gnu --bins
#
# (`--target` keeps the instrumentation away from build scripts and proc macros), then runs
# fuzz/target/direct/<triple>/release/<target> with the libFuzzer flags. Crashes land in
# fuzz/artifacts/<target>/ either way; replay one with
#   RUSTC_BOOTSTRAP=1 cargo fuzz run -s none <target> artifacts/<target>/<file>
# or, with the direct build, by running the binary with the file as its only argument.
set -uo pipefail

FUZZ_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$FUZZ_DIR" || exit 2

SECONDS_PER_TARGET="${1:-60}"
shift || true
if ! [[ "$SECONDS_PER_TARGET" =~ ^[0-9]+$ ]] || [ "$SECONDS_PER_TARGET" -eq 0 ]; then
    echo "usage: $0 [SECONDS_PER_TARGET] [TARGET...]" >&2
    exit 2
fi
ALL_TARGETS=(decode_models request_build pager fake)
if [ "$#" -gt 0 ]; then TARGETS=("$@"); else TARGETS=("${ALL_TARGETS[@]}"); fi
NICE="${FUZZ_NICE:-10}"
TRIPLE="$(rustc -vV | sed -n 's/^host: //p')"
export RUSTC_BOOTSTRAP=1
LOG_DIR="$FUZZ_DIR/target/logs"
mkdir -p "$LOG_DIR"

SANCOV_FLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing -Cdebug-assertions -Coverflow-checks"

DRIVER="${FUZZ_DRIVER:-}"
if [ -z "$DRIVER" ]; then
    if cargo fuzz --version >/dev/null 2>&1; then
        DRIVER=cargo-fuzz
    else
        echo "== cargo-fuzz is missing: installing it from crates.io" >&2
        if nice -n "$NICE" cargo install cargo-fuzz --locked >&2; then
            DRIVER=cargo-fuzz
        else
            echo "== could not install cargo-fuzz: building the targets directly" >&2
            DRIVER=direct
        fi
    fi
fi
echo "== driver: $DRIVER, ${SECONDS_PER_TARGET}s per target, targets: ${TARGETS[*]}"

# Builds every target up front, so the fuzzing time is not spent compiling.
case "$DRIVER" in
    cargo-fuzz)
        for target in "${TARGETS[@]}"; do
            nice -n "$NICE" cargo fuzz build --sanitizer none "$target" || exit 2
        done
        ;;
    direct)
        RUSTFLAGS="$SANCOV_FLAGS" CARGO_TARGET_DIR="$FUZZ_DIR/target/direct" \
            nice -n "$NICE" cargo build --release --target "$TRIPLE" --bins || exit 2
        BIN_DIR="$FUZZ_DIR/target/direct/$TRIPLE/release"
        ;;
    *)
        echo "unknown FUZZ_DRIVER=$DRIVER (cargo-fuzz or direct)" >&2
        exit 2
        ;;
esac

SUMMARY=()
CRASHED=0
for target in "${TARGETS[@]}"; do
    corpus="$FUZZ_DIR/corpus/$target"
    artifacts="$FUZZ_DIR/artifacts/$target"
    mkdir -p "$corpus" "$artifacts"
    inputs=("$corpus")
    [ -d "$FUZZ_DIR/seeds/$target" ] && inputs+=("$FUZZ_DIR/seeds/$target")
    flags=(-max_total_time="$SECONDS_PER_TARGET" -timeout=10 -rss_limit_mb=2048
           -print_final_stats=1)
    [ -f "$FUZZ_DIR/dicts/$target.dict" ] && flags+=(-dict="$FUZZ_DIR/dicts/$target.dict")
    # shellcheck disable=SC2206
    [ -n "${FUZZ_ARGS:-}" ] && flags+=(${FUZZ_ARGS})
    log="$LOG_DIR/$target.log"
    echo "== fuzzing $target for ${SECONDS_PER_TARGET}s (log: $log)"
    before="$(ls "$artifacts" 2>/dev/null | sort)"
    if [ "$DRIVER" = cargo-fuzz ]; then
        nice -n "$NICE" cargo fuzz run --sanitizer none "$target" "${inputs[@]}" -- "${flags[@]}" \
            >"$log" 2>&1
    else
        nice -n "$NICE" "$BIN_DIR/$target" -artifact_prefix="$artifacts/" "${flags[@]}" \
            "${inputs[@]}" >"$log" 2>&1
    fi
    status=$?
    after="$(ls "$artifacts" 2>/dev/null | sort)"
    new_files="$(comm -13 <(echo "$before") <(echo "$after") | sed '/^$/d')"
    runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
    [ -z "$runs" ] && runs="$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$log" | tail -1)"
    [ -z "$runs" ] && runs="$(grep -o '^#[0-9]*' "$log" | tail -1 | tr -d '#')"
    crashes="$(printf '%s\n' "$new_files" | sed '/^$/d' | wc -l)"
    if [ "$status" -ne 0 ] || [ "$crashes" -gt 0 ]; then
        CRASHED=1
        echo "-- $target: CRASH (exit $status) after ${runs:-?} executions"
        grep -m1 -A2 "panicked at" "$log" | sed 's/^/   /'
        grep -m1 -E "ERROR: libFuzzer|SUMMARY:" "$log" | sed 's/^/   /'
        printf '%s\n' "$new_files" | sed '/^$/d; s|^|   artifact: fuzz/artifacts/'"$target"'/|'
        SUMMARY+=("$(printf '%-14s %12s executions  %s' "$target" "${runs:-?}" "CRASH: $crashes new artifact(s)")")
    else
        echo "-- $target: ok, ${runs:-?} executions, no crash"
        SUMMARY+=("$(printf '%-14s %12s executions  %s' "$target" "${runs:-?}" "no crash")")
    fi
done

echo
echo "== summary (${SECONDS_PER_TARGET}s per target)"
printf '%s\n' "${SUMMARY[@]}"
exit "$CRASHED"
