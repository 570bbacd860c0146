-- The long tail: every request a different search, as real traffic mostly is. Words from the
-- bulk listings' vocabulary (jobbes/seed/bulk.py), any kinds, a field, an area, an order and a
-- page 1-4, each at random, so that nothing kept from an earlier request can answer it.
local here = debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./"
dofile(here .. "report.lua")

local words = {
  "erfarne", "kolleger", "viser", "oppgavene", "tilpasses", "trivsel", "humor", "kontaktperson",
  "variert", "bevegelse", "kunder", "blid", "høflig", "erfaring", "ungdom", "første",
  "helsefagarbeider", "sykehjem", "miljøarbeider", "barnehageassistent", "leksehjelper",
  "tømrer", "maler", "byggeplass", "sveiser", "bilmekaniker", "dekkskifter", "butikkmedarbeider",
  "selger", "kjøkkenhjelp", "servitør", "kokk", "bakerlærling", "resepsjonist", "guide",
  "kontorassistent", "arkivmedarbeider", "datatekniker", "lagermedarbeider", "plukker",
  "truckfører", "budsjåfør", "flyttehjelp", "renholder", "gartner", "gårdsarbeider",
  "skogsarbeider", "aktivitetsleder", "trenerassistent", "bibliotekvakt", "frisørlærling",
  "lund", "grim", "vågsbygd", "randesund", "vennesla", "lillesand", "sentrum", "bedrift",
  "kjøkken", "butikk", "lager", "barn", "bil",
}
local kinds = { "job_trial", "apprenticeship", "summer_job", "part_time_job", "full_time_job" }
local fields = {
  "care_health", "children_school", "building", "industry", "vehicles", "shop_sales",
  "food_restaurant", "hotel_tourism", "office", "it", "warehouse_logistics", "transport",
  "cleaning_property", "nature_farming", "culture_sport", "hair_beauty",
}
local areas = {
  "kvadraturen", "lund", "grim", "vagsbygd", "slettheia", "hellemyr", "justvik", "hanes", "som",
  "randesund", "tveit", "songdalen", "sogne", "vennesla", "lillesand", "birkenes", "iveland",
  "lindesnes",
}
local orders = { "", "newest", "deadline", "relevance" }

local function encode(s)
  return (s:gsub("[^%w_.~-]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local function pick(list) return list[math.random(#list)] end

local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("number", threads)
end

function init(args)
  math.randomseed(os.time() * 100 + (number or 0))
end

function request()
  local parts = {}
  local n = math.random(0, 2)  -- no words, one word or two
  if n > 0 then
    local typed = {}
    for i = 1, n do typed[i] = pick(words) end
    parts[#parts + 1] = "q=" .. encode(table.concat(typed, " "))
  end
  for _, kind in ipairs(kinds) do
    if math.random() < 0.2 then parts[#parts + 1] = "type=" .. kind end
  end
  if math.random() < 0.5 then parts[#parts + 1] = "field=" .. pick(fields) end
  if math.random() < 0.5 then parts[#parts + 1] = "area=" .. pick(areas) end
  local order = pick(orders)
  if order ~= "" then parts[#parts + 1] = "sort=" .. order end
  local page = math.random(1, 4)
  if page > 1 then parts[#parts + 1] = "page=" .. page end
  return wrk.format(nil, "/listings?" .. table.concat(parts, "&"))
end
