-- wrk script: GET /api/v1/agreements/{id}, cycling through the ids in the file named after "--" on wrk's command
-- line (one id a line), e.g. wrk -s bench/lib/by-id.lua http://127.0.0.1:8081 -- ids.txt
local ids = {}
local n = 0
function init(args)
  for line in io.lines(args[1]) do ids[#ids + 1] = line end
end
function request()
  n = n + 1
  return wrk.format("GET", "/api/v1/agreements/" .. ids[(n % #ids) + 1])
end
