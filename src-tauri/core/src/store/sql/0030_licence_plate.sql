-- 30: 车牌号 — at a county-town reception the plate is the first thing
-- asked. Kept normalised (upper case, no spaces or dots: 豫P12345), optional
-- (a new vehicle has none yet), not unique (plates are reissued). The
-- partial index holds only vehicles that have one, for the desk's search.
ALTER TABLE vehicle ADD COLUMN plate TEXT NOT NULL DEFAULT '';
CREATE INDEX vehicle_plate ON vehicle (plate) WHERE plate <> '';
