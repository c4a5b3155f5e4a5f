#!/usr/bin/env bash
# ResNet-50's fourteen 1x1 convolution shapes (batch 16), forward + backward, on one DJL/libtorch pair:
# through libtorch's convolution (oneDNN) and as one matrix product on the channels-last view (what
# TorchvisionLayers does). A separate Maven project because it pins another DJL than the toolkit's.
# Usage: scripts/engine-1x1-probe/run.sh DJL_VERSION LIBTORCH_VERSION   e.g. 0.36.0 2.7.1, or 0.33.0 2.5.1
# torch_1x1.py times the same shapes in Debian's PyTorch 1.13 (/usr/bin/python3 torch_1x1.py true|false).
# Results and what they decided: docs/performance.md section 9. Exit 134 = oneDNN's SIGFPE.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
djl="${1:?DJL version}"; torch="${2:?libtorch version}"
cd "$here"
../../mvnw -q -B -f pom.xml -Ddjl.version="$djl" -Dpt.version="$torch" \
    dependency:copy-dependencies -DoutputDirectory="target/lib-$djl" compile || exit 1
# These networks are torchvision-layout ones, for which ./longtail preloads scripts/mkl-intel-cpu.c on an
# AMD CPU with AVX-512 (LONGTAIL_MKL_INTEL_CPU=auto); the same here whatever the arguments say.
export LONGTAIL_MKL_INTEL_CPU="${LONGTAIL_MKL_INTEL_CPU:-1}"
# shellcheck source=../engine-env.sh
source "$here/../engine-env.sh" --
for mode in conv mm; do
  java -Dai.djl.offline=true -cp "target/classes:target/lib-$djl/*" probe.Probe 2 true "$mode" 2>&1 | grep -E "^engine" \
      || echo "DJL $djl / libtorch $torch, $mode: died (exit ${PIPESTATUS[0]})"
done
