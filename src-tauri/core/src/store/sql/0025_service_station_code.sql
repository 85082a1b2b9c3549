-- 25: 服务站代码 — the code the factory gave the shop, printed on every
-- warranty claim and appraisal sheet (the factory's claim form asks for it).
ALTER TABLE shop_settings ADD COLUMN service_station_code TEXT NOT NULL DEFAULT '';
