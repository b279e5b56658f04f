// Command bench measures promptwall side by side with its baselines, on
// 127.0.0.1 only:
//
//	go run ./bench                  # everything, about 4 minutes
//	go run ./bench -h               # flags
//
// The load is closed-loop: -c workers each send one request, read the whole
// answer and send the next, for -duration per cell. Cells run interleaved
// (round 1: direct whole, direct stream, goproxy whole, …; round 2: the same
// again), so drift on the machine hits every target alike; req/s and p50
// are medians over the rounds. The targets:
//
//   - direct: the fake vendor itself, over TLS (the floor);
//   - goproxy: plain goproxy v1.9.3 decrypting every CONNECT and inspecting
//     nothing, with an ECDSA CA and a leaf cache (the baseline ratios are
//     computed against);
//   - promptwall: the proxy package on its embedded default policy and
//     audit trail, as `promptwall serve` runs it;
//   - mitmproxy: Debian's mitmdump, when installed.
//
// Each server runs in its own process (this binary re-executed with -role),
// so the load generator's CPU is not charged to the proxies and RSS is the
// proxy's own. Requests are OpenAI chat completions with a clean 8 KB prompt
// (nothing for promptwall to find); answers are whole JSON or SSE streams
// whose events carry the vendor's send time, so the added latency per chunk
// is measured directly.
//
// Then: detection throughput on the shared corpus, promptwall's RSS while it
// holds 1,000 open streams from a slow vendor, and (with -profile DIR) CPU and
// heap profiles of promptwall under load. Results print as a table and go to
// -json as JSON.
package main
