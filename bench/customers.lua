-- wrk script: each request asks for a random customer's orders, so the database and the caches see a spread of keys.
request = function()
  return wrk.format("GET", "/api/customers/" .. math.random(500) .. "/orders")
end
