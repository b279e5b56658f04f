#!/usr/bin/env bash
# Instructions and branch mispredicts per corpus byte of a detect benchmark,
# by cachegrind (apt-get install valgrind) with GOGC=off: deterministic, so
# two trees can be compared on a busy machine where wall-clock figures are
# noise. The benchmark runs 10 and 110 passes; the difference is divided by
# 100 passes of the corpus's bytes (setup cancels out).
#
#   bench/detect-instr.sh                 # BenchmarkScanCorpus
#   bench/detect-instr.sh 'Prefilter$'    # any -bench regex matching one benchmark
#
# est. cycles/byte = instructions/2.5 + 15 × mispredicts (a rough model of
# this 2.5 GHz CPU); 300 MB/s there is ≈ 8 cycles a byte.
set -euo pipefail
cd "$(dirname "$0")/../detect"
bench=${1:-'ScanCorpus$'}
corpus=${PROMPTWALL_CORPUS:-../../shared/corpus/dev.jsonl}
bytes=$(python3 -c "import json,sys; print(sum(len(json.loads(l)['text'].encode()) for l in open(sys.argv[1]) if l.strip()))" "$corpus")
bin=$(mktemp)
trap 'rm -f "$bin"' EXIT
go test -c -o "$bin" .
run() {
  GOGC=off valgrind --tool=cachegrind --cache-sim=no --branch-sim=yes --cachegrind-out-file=/dev/null \
    "$bin" -test.run '^$' -test.bench "$bench" -test.benchtime "${1}x" -test.cpu 1 2>&1 |
    tr -d , | awk '/I +refs/ {printf "%s ", $4} /Mispredicts:/ {printf "%s ", $3}'
}
a=$(run 10)
c=$(run 110)
python3 - "$a" "$c" "$bytes" <<'PY'
import sys
a, c, n = [int(x) for x in sys.argv[1].split()], [int(x) for x in sys.argv[2].split()], int(sys.argv[3])
i, m = (c[0] - a[0]) / 100 / n, (c[1] - a[1]) / 100 / n
print("instructions/byte %.1f  mispredicts/byte %.3f  est. cycles/byte %.1f" % (i, m, i / 2.5 + 15 * m))
PY
