-- 3: 经销商订单 (sub-dealer parts orders) and their deliveries, for the
-- first-time supply rate (配件一次供应率).

CREATE TABLE dealer (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,     -- 经销商 / 零售网点
    contact    TEXT NOT NULL DEFAULT '',
    phone      TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE dealer_order (
    id                INTEGER PRIMARY KEY,
    order_no          TEXT NOT NULL UNIQUE,   -- DD-YYYYMM-NNNN
    dealer_id         INTEGER NOT NULL REFERENCES dealer (id),
    ordered_on        TEXT NOT NULL,
    note              TEXT NOT NULL DEFAULT '',
    first_delivery_on TEXT,                   -- set by the first delivery
    created_at        TEXT NOT NULL
) STRICT;
CREATE INDEX dealer_order_first_delivery ON dealer_order (first_delivery_on);

CREATE TABLE dealer_order_line (
    id          INTEGER PRIMARY KEY,
    order_id    INTEGER NOT NULL REFERENCES dealer_order (id),
    part_id     INTEGER NOT NULL REFERENCES part (id),
    qty_ordered INTEGER NOT NULL CHECK (qty_ordered > 0),
    qty_first   INTEGER NOT NULL DEFAULT 0 CHECK (qty_first >= 0 AND qty_first <= qty_ordered),
    qty_shipped INTEGER NOT NULL DEFAULT 0 CHECK (qty_shipped >= 0 AND qty_shipped <= qty_ordered),
    UNIQUE (order_id, part_id)
) STRICT;

CREATE TABLE dealer_delivery (
    id           INTEGER PRIMARY KEY,
    order_id     INTEGER NOT NULL REFERENCES dealer_order (id),
    seq          INTEGER NOT NULL CHECK (seq >= 1),   -- 1 = the first delivery
    delivered_on TEXT NOT NULL,
    operator     TEXT NOT NULL,
    UNIQUE (order_id, seq)
) STRICT;

CREATE TABLE dealer_delivery_line (
    delivery_id INTEGER NOT NULL REFERENCES dealer_delivery (id),
    line_id     INTEGER NOT NULL REFERENCES dealer_order_line (id),
    qty         INTEGER NOT NULL CHECK (qty > 0),
    movement_id INTEGER NOT NULL UNIQUE REFERENCES stock_movement (id),
    PRIMARY KEY (delivery_id, line_id)
) STRICT;
