#!/usr/bin/python3
"""Side-by-side throughput of our bare training step and PyTorch's, on this machine, in one session.

Alternates runs of `./longtail bench --json` (engine step = forward, backward, PytorchSgd update on
arrays made in advance) and of the PyTorch reference script (the same ResNet step in PyTorch from
Debian's python3-torch), swapping which goes first in every pair, and prints both medians, their
ratio and the median of the per-pair ratios. The machine is shared: every run also records how many
cores other processes kept busy meanwhile, and the summary is given for all pairs and for the pairs
where neither run saw more than --quiet cores of other load.

Usage (from the project folder):
  scripts/bench-vs-pytorch.py --pairs 6 [--wait-idle] [--quiet 0.1] [--json-out FILE]
      [--pytorch /work/shared/bench/pytorch_resnet32_step.py] [--iters 30]
      [-- extra ./longtail bench options, e.g. --steps 8 --rounds 4]
The input is synthetic 3x32x32, 100 classes, batch 128, 2 threads unless --channels/--size/--classes/
--batch/--threads say otherwise (they are passed to both sides).
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def machine_busy():
    with open('/proc/stat') as f:
        v = list(map(int, f.readline().split()[1:9]))
    busy = v[0] + v[1] + v[2] + v[5] + v[6] + v[7]
    return busy / os.sysconf('SC_CLK_TCK')


def wait_idle(limit=600):
    """Waits (at most `limit` s) until the CPUs were >= 90% idle over 3 s; returns the seconds waited."""
    waited = 0
    while waited < limit:
        with open('/proc/stat') as f:
            a = list(map(int, f.readline().split()[1:9]))
        time.sleep(3)
        with open('/proc/stat') as f:
            b = list(map(int, f.readline().split()[1:9]))
        total = sum(b) - sum(a)
        if total > 0 and (b[3] + b[4] - a[3] - a[4]) / total >= 0.9:
            return waited
        waited += 3
    return waited


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--pairs', type=int, default=6)
    ap.add_argument('--pytorch', default='/work/shared/bench/pytorch_resnet32_step.py')
    ap.add_argument('--iters', type=int, default=30, help='timed PyTorch steps per run')
    ap.add_argument('--batch', type=int, default=128)
    ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--classes', type=int, default=100)
    ap.add_argument('--size', type=int, default=32)
    ap.add_argument('--channels', type=int, default=3)
    ap.add_argument('--wait-idle', action='store_true', help='wait for an idle machine before every run')
    ap.add_argument('--quiet', type=float, default=0.1, help='max cores of other load for a "quiet" run')
    ap.add_argument('--json-out', help='write every run as JSON lines here')
    ap.add_argument('bench_args', nargs='*', help='after --: extra ./longtail bench options')
    a = ap.parse_args()

    bench = [os.path.join(HERE, 'longtail'), 'bench', '--json', '--dataset', 'synthetic', '--no-stage2',
             '--batch', str(a.batch), '--threads', str(a.threads), '--classes', str(a.classes),
             '--size', str(a.size), '--channels', str(a.channels)] + a.bench_args
    # build first, so no run pays for it
    subprocess.run([os.path.join(HERE, 'longtail'), '--version'], cwd=HERE, stdout=subprocess.DEVNULL, check=True)
    print('date:', time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime()))
    print('ours:   ', ' '.join(bench))
    print('pytorch:', '/usr/bin/python3', a.pytorch, f'--batch {a.batch} --iters {a.iters} --warmup 5 '
          f'--threads {a.threads} --classes {a.classes} --size {a.size} --channels {a.channels}')
    env_shown = {k: v for k, v in os.environ.items() if k.startswith(('OMP_', 'GOMP_', 'GLIBC_', 'MALLOC_', 'LONGTAIL_'))}
    print('environment:', env_shown or '(none of OMP_*, GOMP_*, GLIBC_*, MALLOC_*, LONGTAIL_*)')
    records = []
    sink = open(a.json_out, 'w') if a.json_out else None
    for pair in range(a.pairs):
        order = ['ours', 'pytorch'] if pair % 2 == 0 else ['pytorch', 'ours']
        for side in order:
            waited = wait_idle() if a.wait_idle else 0
            cpu0 = os.times()
            busy0, t0 = machine_busy(), time.time()
            if side == 'ours':
                p = subprocess.run(bench, cwd=HERE, capture_output=True, text=True)
            else:
                p = subprocess.run(['/usr/bin/python3', a.pytorch, '--batch', str(a.batch), '--iters', str(a.iters),
                                    '--warmup', '5', '--threads', str(a.threads), '--classes', str(a.classes),
                                    '--size', str(a.size), '--channels', str(a.channels)],
                                   capture_output=True, text=True)
            wall = time.time() - t0
            cpu1 = os.times()
            child_cpu = (cpu1.children_user - cpu0.children_user) + (cpu1.children_system - cpu0.children_system)
            others = max(0.0, machine_busy() - busy0 - child_cpu) / wall
            if p.returncode != 0:
                print(f'{side} failed ({p.returncode}):', p.stderr[-2000:], file=sys.stderr)
                sys.exit(1)
            if side == 'ours':
                d = json.loads(p.stdout)
                rate = d['engine_images_per_second']
                spread = (d['engine']['min'], d['engine']['max'])
                others = max(others, max(c['other_processes_cpu_over_wall'] for c in d['costs'].values()))
            else:
                rate = float(p.stdout.strip().splitlines()[-1].split(':')[1])
                steps = [float(l.split(',')[1].split()[0]) for l in p.stdout.splitlines() if l.startswith('step ')]
                spread = (min(steps), max(steps))
            rec = {'pair': pair + 1, 'side': side, 'images_per_second': rate, 'min': spread[0], 'max': spread[1],
                   'other_cores': round(others, 3), 'waited_s': waited, 'wall_s': round(wall, 1)}
            records.append(rec)
            if sink:
                sink.write(json.dumps(rec) + '\n')
                sink.flush()
            print(f"pair {pair + 1} {side:7s} {rate:7.1f} images/s  (min {spread[0]:.0f}, max {spread[1]:.0f})"
                  f"  other load {others:.2f} cores", flush=True)

    def summary(recs, title):
        pairs = {}
        for r in recs:
            pairs.setdefault(r['pair'], {})[r['side']] = r
        full = [p for p in pairs.values() if len(p) == 2]
        if not full:
            print(f'{title}: no pairs')
            return
        ours = [p['ours']['images_per_second'] for p in full]
        torch = [p['pytorch']['images_per_second'] for p in full]
        ratios = [p['ours']['images_per_second'] / p['pytorch']['images_per_second'] for p in full]
        print(f'{title} ({len(full)} pairs):')
        print(f'  ours    median {statistics.median(ours):7.1f} images/s  (min {min(ours):.1f}, max {max(ours):.1f})')
        print(f'  pytorch median {statistics.median(torch):7.1f} images/s  (min {min(torch):.1f}, max {max(torch):.1f})')
        print(f'  ours / pytorch: ratio of medians {statistics.median(ours) / statistics.median(torch):.3f}, '
              f'median of pair ratios {statistics.median(ratios):.3f} (min {min(ratios):.3f}, max {max(ratios):.3f})')

    summary(records, 'all pairs')
    quiet_pairs = {r['pair'] for r in records} - {r['pair'] for r in records if r['other_cores'] > a.quiet}
    summary([r for r in records if r['pair'] in quiet_pairs], f'quiet pairs (other load <= {a.quiet} cores in both runs)')


if __name__ == '__main__':
    main()
