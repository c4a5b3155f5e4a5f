#!/usr/bin/env bash
# Runs one training step of every torchvision-layout network at a few shapes and thread counts, and reports
# any that dies: libtorch 2.7.1's oneDNN has crashed with SIGFPE (exit 134/136) on some convolutions of these
# networks on AMD EPYC (docs/performance.md sections 6 and 9). A run that exits 1 prints its last error line.
# Usage: scripts/probe-imagenet-archs.sh [--channels-last true|false]
set -uo pipefail
extra=("$@")
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ -f "$here/target/longtail4j.jar" ] || (cd "$here" && ./mvnw -q -B -o -DskipTests package)
# These networks are torchvision-layout ones, for which ./longtail preloads scripts/mkl-intel-cpu.c on an
# AMD CPU with AVX-512 (LONGTAIL_MKL_INTEL_CPU=auto); the same here whatever the arguments say.
export LONGTAIL_MKL_INTEL_CPU="${LONGTAIL_MKL_INTEL_CPU:-1}"
# shellcheck source=engine-env.sh
source "$here/scripts/engine-env.sh" --
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
for arch in tv-resnet10 tv-resnet50 tv-resnext50-32x4d tv-resnet152; do
  for threads in 2 1; do
    for shape in "16 224" "3 64" "1 32"; do
      read -r batch size <<<"$shape"
      java -Xms1g -Dai.djl.offline=true -cp "$here/target/longtail4j.jar:$here/target/lib/*" \
          org.longtail4j.bench.ImageNetStepBench --arch "$arch" --threads "$threads" --batch "$batch" --size "$size" \
          --classes 10 --iters 1 --warmup 0 ${extra[@]+"${extra[@]}"} >"$out" 2>&1
      rc=$?
      echo "$arch threads $threads batch $batch size $size: exit $rc" \
          "$( [ $rc -eq 1 ] && grep -m1 -o 'Exception.*' "$out" | cut -c1-120)"
    done
  done
done
