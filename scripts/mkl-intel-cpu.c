/*
 * Lets oneMKL use its AVX-512 kernels on AMD CPUs that have AVX-512 (Zen 4, Zen 5).
 *
 * libtorch's matrix products (our 1x1 convolutions and linear layers) run in oneMKL, which DJL's
 * libtorch 2.7.1 links in and exports. oneMKL asks mkl_serv_intel_cpu_true() whether the CPU is
 * Intel's and, when it is not, runs its AVX2 kernels whatever the CPU can do. scripts/engine-env.sh
 * preloads this library on AMD CPUs whose flags include avx512f, so that the dynamic linker binds
 * libtorch's calls to this answer; oneMKL then picks its kernels from the CPU's feature flags
 * (cpuid), as on Intel's CPUs. Measured here (AMD EPYC, family 26, 2 cores): ResNet-50's 1x1
 * products took 0.89 s instead of 1.63 s per training step (docs/performance.md section 10).
 */
int mkl_serv_intel_cpu_true(void) { return 1; }
