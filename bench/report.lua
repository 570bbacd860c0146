-- wrk reporter: requests per second and latency percentiles as one JSON line, so that
-- bench/run.py need not parse wrk's human-readable output.
done = function(summary, latency, requests)
  local non_2xx = summary.errors.status
  io.write(string.format(
    'JSON{"requests_per_s": %.2f, "p50_ms": %.3f, "p95_ms": %.3f, "p99_ms": %.3f, "non_2xx": %d, "socket_errors": %d}\n',
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000,
    latency:percentile(95) / 1000,
    latency:percentile(99) / 1000,
    non_2xx,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  ))
end
