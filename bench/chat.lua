-- wrk script: a small non-streamed /api/chat for the model the target serves (env BENCH_MODEL, default fast).
local model = os.getenv("BENCH_MODEL") or "fast"
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"model":"' .. model .. '","messages":[{"role":"user","content":"hi"}],"stream":false}'
