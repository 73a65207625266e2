-- wrk script: GET /accounts/{aid} with aid cycling through 1..1,000,000 (pgbench scale 10), for the bare
-- Quarkus REST + JDBC baseline of bench/agreements/run.sh
local n = 0
function request()
  n = n + 1
  return wrk.format("GET", "/accounts/" .. ((n * 7919) % 1000000 + 1))
end
