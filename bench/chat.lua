-- wrk script: POST a small non-streaming chat completion, OpenAI wire format.
-- Environment: BENCH_KEY (bearer key), BENCH_MODEL (model field), BENCH_HEADERS (optional: more
-- request headers, "Name: value" separated by "|", e.g. a peer gateway's routing headers),
-- BENCH_MAX_REQUESTS (optional: the wrk thread stops after that many responses and creates the
-- file BENCH_DONE_FILE, on which bench/run.sh interrupts wrk; the CPU-per-request run uses it to
-- send a fixed count; run it with one thread).
-- done() prints one machine-readable RESULT line (latencies in microseconds).

local key = os.getenv("BENCH_KEY") or error("BENCH_KEY is not set")
local model = os.getenv("BENCH_MODEL") or error("BENCH_MODEL is not set")
local limit = tonumber(os.getenv("BENCH_MAX_REQUESTS") or "")
local done_file = os.getenv("BENCH_DONE_FILE")

wrk.method = "POST"
wrk.headers["Authorization"] = "Bearer " .. key
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json"
for pair in string.gmatch(os.getenv("BENCH_HEADERS") or "", "[^|]+") do
  local name, value = string.match(pair, "^%s*([^:]+):%s*(.-)%s*$")
  if name then
    wrk.headers[name] = value
  end
end
wrk.body = '{"model":"' .. model .. '","messages":[{"role":"user",' ..
  '"content":"Say hello in eight tokens."}],"max_tokens":16}'

if limit then
  local seen = 0
  function response(status, headers, body)
    seen = seen + 1
    if seen == limit then
      if done_file then
        local f = io.open(done_file, "w")
        f:write(seen, "\n")
        f:close()
      end
      wrk.thread:stop()
    end
  end
end

function done(summary, latency, requests)
  local secs = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_s=%.3f rps=%.1f p50_us=%d p90_us=%d p99_us=%d p999_us=%d" ..
    " max_us=%d mean_us=%.1f non2xx=%d connect_err=%d read_err=%d write_err=%d timeouts=%d\n",
    summary.requests, secs, summary.requests / secs,
    latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency:percentile(99.9), latency.max, latency.mean,
    e.status, e.connect, e.read, e.write, e.timeout))
end
