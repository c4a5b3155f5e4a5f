#!/usr/bin/env bash
# Runs the toolkit on a GPU host against a libtorch 2.7.1 + CUDA 12.8 unpacked beforehand, with nothing
# downloaded at run time (docs/gpu.md; large-scale.md 7.2). Untested here: this project's machines have no GPU.
# Usage: LIBTORCH=/opt/libtorch scripts/gpu-longtail.sh train --config FILE --data DIR --set runtime.device=gpu
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
libtorch="${LIBTORCH:-}"
if [ -z "$libtorch" ] || [ ! -d "$libtorch/lib" ]; then
  echo "gpu-longtail: set LIBTORCH to the unpacked libtorch-cxx11-abi-shared-with-deps-2.7.1+cu128 folder" \
       "(the one holding lib/libtorch.so); now '${libtorch}'" >&2
  exit 2
fi
[ -f "$here/target/longtail4j.jar" ] || (cd "$here" && ./mvnw -q -B -o -DskipTests package)
# Every dependency except the CPU natives: with them on the class path DJL would load the CPU libtorch.
classpath="$here/target/longtail4j.jar"
for jar in "$here"/target/lib/*.jar; do
  case "$(basename "$jar")" in pytorch-native-cpu-*) ;; *) classpath="$classpath:$jar" ;; esac
done
# DJL's LibUtils: take libtorch from this folder, and the cu128 JNI library from the pytorch-jni jar. Without
# the flavor DJL derives cu<detected CUDA version>-precxx11, finds no such JNI library and tries to download one.
export PYTORCH_LIBRARY_PATH="$libtorch/lib" PYTORCH_VERSION=2.7.1 PYTORCH_FLAVOR=cu128
export DJL_OFFLINE=true OPT_OUT_TRACKING=true
exec java -Xms1g -Dai.djl.offline=true -Dai.djl.pytorch.cudnn_benchmark=true ${LONGTAIL_JAVA_OPTS:-} \
    -cp "$classpath" org.longtail4j.cli.LongTail "$@"
