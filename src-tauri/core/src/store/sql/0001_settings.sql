-- 1: 店铺设置 (shop settings, a single row) and meta (key/value facts about the file).

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- 店铺设置: one row (id = 1). Money in fen, rates as decimal text (percent).
CREATE TABLE shop_settings (
    id                    INTEGER PRIMARY KEY CHECK (id = 1),
    shop_name             TEXT    NOT NULL,
    brands                TEXT    NOT NULL,          -- JSON array of brand names
    region                TEXT    NOT NULL,
    address               TEXT    NOT NULL,
    annual_vehicle_sales  INTEGER NOT NULL CHECK (annual_vehicle_sales >= 0),
    vehicle_parc          INTEGER NOT NULL CHECK (vehicle_parc >= 0),
    parts_per_vehicle_fen INTEGER NOT NULL CHECK (parts_per_vehicle_fen >= 0),
    inventory_basis       TEXT    NOT NULL CHECK (inventory_basis IN ('sales', 'parc')),
    inventory_factor      TEXT    NOT NULL,
    target_first_supply   TEXT    NOT NULL,
    target_slow_moving    TEXT    NOT NULL,
    target_warranty_cost  TEXT    NOT NULL,
    target_filing         TEXT    NOT NULL,
    target_follow_up      TEXT    NOT NULL,
    target_inspection     TEXT    NOT NULL,
    updated_at            TEXT    NOT NULL
) STRICT;
