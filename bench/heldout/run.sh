#!/usr/bin/env bash
# Scores the detector on the held-out audit sets: each is generated here,
# from its seed (every secret fabricated by the generator, checksums valid),
# scanned by a fresh build of promptwall and scored by shared/corpus/score.py,
# with and without the cases its auditor tagged "judgement".
#
#   bench/heldout/run.sh          # all sixty-two sets (~120 s)
#   SHARED=/path/to/shared bench/heldout/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
shared=${SHARED:-../shared}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
go build -o "$out/pw" ./cmd/promptwall
for spec in "audit7 71 500" "audit7 77 500" "audit8 81 450" "audit8 87 450" "audit9 91 300" "audit9 97 300" \
    "audit10 101 500" "audit10 107 500" "audit11 111 450" "audit11 117 450" \
    "audit12 121 500" "audit12 127 500" "audit13 131 350" "audit13 137 350" \
    "audit14 141 450" "audit14 147 450" "audit15 151 400" "audit15 157 400" \
    "audit16 161 1200" "audit16 167 1200" "audit17 171 400" "audit17 177 400" \
    "audit18 181 400" "audit18 187 400" "audit19 191 1200" "audit19 197 1200" \
    "audit20 201 400" "audit20 207 400" "audit21 211 1200" "audit21 217 1200" \
    "audit22 221 400" "audit22 227 400" "audit23 231 400" "audit23 237 400" \
    "audit24 241 400" "audit24 247 400" "audit25 251 1200" "audit25 257 1200" \
    "audit26 261 400" "audit26 267 400" "audit27 271 400" "audit27 277 400" \
    "audit28 281 400" "audit28 287 400" "audit29 291 400" "audit29 297 400" \
    "audit30 301 1200" "audit30 307 1200" "audit31 311 400" "audit31 317 400" \
    "audit32 321 500" "audit32 327 500" "audit33 331 1200" "audit33 337 1200" \
    "audit34 341 1200" "audit34 347 1200" "audit35 351 400" "audit35 357 400" \
    "audit36 361 600" "audit36 367 600"; do
  read -r dir seed n <<<"$spec"
  set="$out/${dir}_s$seed.jsonl"
  (cd "bench/heldout/$dir" && python3 gen.py "$seed" "$n" "$set" >/dev/null 2>&1)
  python3 -c 'import json,sys
for l in open(sys.argv[1]):
    if "judgement" not in json.loads(l).get("tags", []): sys.stdout.write(l)' "$set" >"${set%.jsonl}_nojudgement.jsonl"
  "$out/pw" scan --format jsonl <"$set" >"$out/pred.jsonl"
  for s in "$set" "${set%.jsonl}_nojudgement.jsonl"; do
    printf '%-28s ' "$(basename "$s" .jsonl)"
    python3 "$shared/corpus/score.py" "$s" "$out/pred.jsonl" | awk '/micro/ {printf "P %s R %s F1 %s  ", $3, $4, $5} /negative/ {print "evasion recall " $3 "  negatives flagged " $7}'
  done
done
