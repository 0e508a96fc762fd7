-- wrk script: a small non-streamed /api/chat for the model the target serves.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"model":"fast","messages":[{"role":"user","content":"hi"}],"stream":false}'
