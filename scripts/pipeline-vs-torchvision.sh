#!/usr/bin/env bash
# Times our image-file input pipeline (./longtail bench --pipeline) and torchvision's
# (../shared/bench/torchvision_pipeline.py, Debian's python3-torchvision, /usr/bin/python3) alternately,
# back to back, on the same folder with the same worker count, and prints each run's figures with the
# process CPU time (user + system, children included) from /usr/bin/time. Each side runs with 2 and with
# N timed batches, so the CPU time per image can be taken from the difference, free of start-up costs.
# Usage: scripts/pipeline-vs-torchvision.sh FOLDER [ROUNDS=3] [WORKERS=2] [BATCH=64] [N=22]
# Make the folder first: /usr/bin/python3 ../shared/bench/torchvision_pipeline.py --make FOLDER --images 512
set -euo pipefail
folder="$1"; rounds="${2:-3}"; workers="${3:-2}"; batch="${4:-64}"; n="${5:-22}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tv="$here/../shared/bench/torchvision_pipeline.py"
[ -f "$tv" ] || tv=/work/shared/bench/torchvision_pipeline.py
for round in $(seq "$rounds"); do
  for batches in 2 "$n"; do
    /usr/bin/time -f "TIME ours batches=$batches cpu=%U+%S wall=%e" "$here/longtail" bench --pipeline \
      --data "$folder" --workers "$workers" --batch "$batch" --batches "$batches" --warmup 2 --json 2>&1 \
      | grep -v '^pipeline bench'
    /usr/bin/time -f "TIME torchvision batches=$batches cpu=%U+%S wall=%e" /usr/bin/python3 "$tv" \
      --folder "$folder" --workers "$workers" --batch "$batch" --batches "$batches" --warmup 2 2>&1
  done
  echo "round $round done: $(uptime)"
done
