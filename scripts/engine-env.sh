# The environment libtorch runs in, for the launcher and for the scripts that start the JVM or PyTorch
# themselves (scripts/bench-imagenet-step.sh, scripts/probe-imagenet-archs.sh, scripts/engine-1x1-probe):
# one place, so that a bench measures what users run. Values already set in the environment win.
# pom.xml's surefire <environmentVariables> repeat the values for the tests (Maven cannot source this).

# Nothing is fetched at run time: DJL stays offline and sends no telemetry.
export DJL_OFFLINE=true OPT_OUT_TRACKING=true
# libtorch's OpenMP threads spin while they wait; on 2 cores shared with the JVM's own threads (batch
# making, GC, JIT) a spinning thread steals the core its partner needs. Letting them sleep measured
# 425 against 245 images/s for the ResNet-32 step here (see docs/performance.md).
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
# glibc's malloc hands large freed blocks back to the kernel (blocks over its mmap threshold, and the
# top of each arena above its trim threshold); libtorch frees and re-allocates its activations every
# step, so every step then page-faults them in afresh. Keeping them in the process took a frozen
# ResNet-32 forward from ~150 to ~95 ms and the stage-2 step from ~3x to ~0.8x a training step here
# (docs/performance.md). Blocks up to 32 MiB (glibc's largest allowed threshold) stay in the arenas,
# and larger ones too (MMAP_MAX 0: none is mapped on its own), as an ImageNet network's maps at batch
# 16 are 51 MiB: faulting them in afresh every step made a ResNet-50 training step 3.6 s instead of 2.5 s.
export MALLOC_MMAP_THRESHOLD_="${MALLOC_MMAP_THRESHOLD_:-33554432}"
export MALLOC_MMAP_MAX_="${MALLOC_MMAP_MAX_:-0}"
export MALLOC_TRIM_THRESHOLD_="${MALLOC_TRIM_THRESHOLD_:-4294967296}"
export MALLOC_TOP_PAD_="${MALLOC_TOP_PAD_:-67108864}"
