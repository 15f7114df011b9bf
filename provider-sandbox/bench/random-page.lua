-- wrk script: GET a random 25-item page of the account (defeats the page cache: worst case)
math.randomseed(os.time())
request = function()
  local page = math.random(1, 4000)
  return wrk.format("GET", "/cats/v3/candidates?per_page=25&page=" .. page, {["Authorization"] = "Token bench-cats"})
end
