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

# oneMKL, libtorch's matrix products, keeps to its AVX2 kernels on any CPU that is not Intel's, AVX-512
# or not; scripts/mkl-intel-cpu.c answers its "is this an Intel CPU?" so that it picks kernels by the
# CPU's flags. On AMD CPUs with AVX-512 it is built once (any C compiler; target/native) and preloaded.
# It pays where the products are the work: ResNet-50's 1x1 products ran in 0.89 s instead of 1.63 s per
# step here. The CIFAR-size networks have none; for them it only changed the linear layer's last bits,
# and so their figures, and their step measured about 8% slower (docs/performance.md section 10).
# LONGTAIL_MKL_INTEL_CPU: auto (default) preloads it for a command whose arguments name a
# torchvision-layout network (tv-*, places-resnet*: as a value, in a config file or its base: chain, or
# in a run folder's config.yaml), 1 for every command, 0 never.
longtail_names_torchvision_network() {
  local arg candidate file base depth
  for arg in "$@"; do
    for candidate in "$arg" "${arg#*=}"; do   # --config=FILE, --set model.arch=tv-resnet50
      case "$candidate" in tv-*|places-resnet*) return 0 ;; esac
      if [ -d "$candidate" ] && [ -f "$candidate/config.yaml" ]; then
        file="$candidate/config.yaml"
      elif [ -f "$candidate" ] && case "$candidate" in *.yaml|*.yml) true ;; *) false ;; esac; then
        file="$candidate"
      else
        continue
      fi
      for depth in 1 2 3 4 5 6 7 8; do
        grep -Eq "arch:[[:space:]]*[\"']?(tv-|places-resnet)" "$file" 2>/dev/null && return 0
        base="$(sed -n 's/^base:[[:space:]]*//p' "$file" 2>/dev/null | head -n 1 | tr -d "\"'" | sed 's/[[:space:]]*$//')"
        [ -n "$base" ] || break
        case "$base" in /*) file="$base" ;; *) file="$(dirname "$file")/$base" ;; esac
        [ -f "$file" ] || break
      done
    done
  done
  return 1
}
longtail_mkl_shim() {
  local root src lib tmp
  case "${LONGTAIL_MKL_INTEL_CPU:-auto}" in
    0) return 0 ;;
    1) ;;
    auto) longtail_names_torchvision_network "$@" || return 0 ;;
    *) echo "longtail: LONGTAIL_MKL_INTEL_CPU is '${LONGTAIL_MKL_INTEL_CPU}'; expected auto, 1 or 0" >&2; exit 2 ;;
  esac
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  src="$root/scripts/mkl-intel-cpu.c"; lib="$root/target/native/libmkl-intel-cpu.so"
  [ -f "$src" ] || return 0
  grep -q -m1 '^vendor_id.*AuthenticAMD' /proc/cpuinfo 2>/dev/null || return 0
  grep -q -m1 '^flags.* avx512f' /proc/cpuinfo 2>/dev/null || return 0
  case "$lib" in *[[:space:]:]*)
    # LD_PRELOAD splits its list at spaces and colons.
    echo "longtail: $lib has a space or colon, which LD_PRELOAD cannot take; matrix products keep oneMKL's AVX2 kernels" >&2
    return 0 ;;
  esac
  if [ ! -f "$lib" ] || [ "$src" -nt "$lib" ]; then
    # Built beside the target and renamed into place, so that launchers started together never load half a file.
    mkdir -p "$root/target/native" && tmp="$(mktemp "$root/target/native/.build.XXXXXX")" || return 0
    if ! "${CC:-cc}" -shared -fPIC -O2 -o "$tmp" "$src" 2>/dev/null || ! chmod 755 "$tmp" || ! mv -f "$tmp" "$lib"; then
      rm -f "$tmp"
      echo "longtail: could not compile scripts/mkl-intel-cpu.c with ${CC:-cc}; matrix products keep oneMKL's AVX2 kernels (docs/performance.md section 10)" >&2
      return 0
    fi
  fi
  export LD_PRELOAD="$lib${LD_PRELOAD:+:$LD_PRELOAD}"
}
# The caller's arguments (the launcher's command line) decide what auto means.
longtail_mkl_shim "$@"
