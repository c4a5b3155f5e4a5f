#!/usr/bin/env bash
# Times an ImageNet training step (or, with --frozen, a classifier re-training step) of this toolkit
# (org.longtail4j.bench.ImageNetStepBench) and of PyTorch (../shared/bench/torchvision_step.py, Debian's
# python3-torchvision) alternately, back to back, ROUNDS times; prints each run's median images/second.
# PyTorch runs twice per round: with the launcher's malloc settings (the same as ours: an engine against
# an engine) and with glibc's defaults (the reference as a user runs it); both ratios are printed.
# Usage: scripts/bench-imagenet-step.sh [ROUNDS] [--frozen] [--arch tv-resnet50] [other options of both]
# The --arch value is ours; PyTorch gets torchvision's name (tv- prefix removed, resnext50-32x4d -> resnext50_32x4d).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
reference="${TORCHVISION_STEP:-$here/../../shared/bench/torchvision_step.py}"
rounds="${1:-3}"; shift || true
ours=(); theirs=()
while [ $# -gt 0 ]; do
  if [ "$1" = "--arch" ]; then
    ours+=(--arch "$2"); tv="${2#tv-}"; theirs+=(--arch "${tv//resnext50-32x4d/resnext50_32x4d}"); shift 2
  else
    ours+=("$1"); theirs+=("$1"); shift
  fi
done
[ -f "$here/target/longtail4j.jar" ] || (cd "$here" && ./mvnw -q -B -o -DskipTests package)
# The launcher's environment; the "glibc defaults" run drops its malloc settings.
# These networks are torchvision-layout ones, for which ./longtail preloads scripts/mkl-intel-cpu.c on an
# AMD CPU with AVX-512 (LONGTAIL_MKL_INTEL_CPU=auto); the same here whatever the arguments say.
export LONGTAIL_MKL_INTEL_CPU="${LONGTAIL_MKL_INTEL_CPU:-1}"
# shellcheck source=engine-env.sh
source "$here/scripts/engine-env.sh" --
no_malloc=()
for name in $(compgen -e | grep '^MALLOC_'); do no_malloc+=(-u "$name"); done
median() { awk '/median_images_per_second/ {print $2; found=1} END {if (!found) print "failed"}' "$1"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.2f", a / b; else print "n/a" }'; }
log="$(mktemp -d)"
for round in $(seq 1 "$rounds"); do
  java -Xms1g -Dai.djl.offline=true -cp "$here/target/longtail4j.jar:$here/target/lib/*" \
      org.longtail4j.bench.ImageNetStepBench "${ours[@]}" >"$log/ours.txt" 2>"$log/ours.err" || true
  /usr/bin/python3 "$reference" "${theirs[@]}" >"$log/same.txt" 2>"$log/same.err" || true
  env "${no_malloc[@]}" /usr/bin/python3 "$reference" "${theirs[@]}" >"$log/plain.txt" 2>"$log/plain.err" || true
  o="$(median "$log/ours.txt")"; s="$(median "$log/same.txt")"; p="$(median "$log/plain.txt")"
  echo "round $round: longtail4j $o images/s; pytorch, same malloc settings $s ($(ratio "$o" "$s")x);" \
      "pytorch, glibc defaults $p ($(ratio "$o" "$p")x)"
done
echo "per-step output of the last round: $log"
