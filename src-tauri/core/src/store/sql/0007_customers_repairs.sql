-- 7: 客户与维修 — customers and their vehicles, filing (建档) and its fees,
-- follow-up calls (回访), inspections (点检), repair orders (维修单), the
-- month's vehicle sales figures, and the shop's service rules.

-- 客户 (a buyer or a repair customer)
CREATE TABLE customer (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL CHECK (length(name) > 0),   -- 姓名
    name_initials TEXT NOT NULL,                             -- 拼音首字母
    mobile        TEXT NOT NULL DEFAULT ''                   -- 手机: 11 digits, or '' when none
                  CHECK (mobile = '' OR (length(mobile) = 11 AND mobile GLOB '1[3-9][0-9]*')),
    address       TEXT NOT NULL DEFAULT '',                  -- 地址或村
    note          TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL
) STRICT;
-- the same person entered twice: same name and same mobile
CREATE UNIQUE INDEX customer_name_mobile ON customer (name, mobile) WHERE mobile <> '';
-- search as you type reads this narrow index, not the table
CREATE INDEX customer_search ON customer (name, mobile, name_initials);
CREATE INDEX customer_mobile ON customer (mobile);

-- 建档费返厂批次: filing fees sent back to the factory together
CREATE TABLE filing_fee_batch (
    id          INTEGER PRIMARY KEY,
    batch_no    TEXT NOT NULL UNIQUE,    -- JF-YYYYMM-NN
    returned_on TEXT NOT NULL,           -- 返厂日期
    note        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX filing_fee_batch_returned ON filing_fee_batch (returned_on);

-- 车辆, with its file (建档) when this shop sold it
CREATE TABLE vehicle (
    id                INTEGER PRIMARY KEY,
    vin               TEXT NOT NULL UNIQUE CHECK (length(vin) = 17),  -- 车架号, checked (GB 16735)
    vin_reversed      TEXT NOT NULL,            -- the VIN backwards: its last digits become a prefix
    engine_no         TEXT NOT NULL DEFAULT '', -- 发动机号
    model             TEXT NOT NULL DEFAULT '', -- 车型
    colour            TEXT NOT NULL DEFAULT '', -- 颜色
    customer_id       INTEGER NOT NULL REFERENCES customer (id),
    sold_here         INTEGER NOT NULL DEFAULT 1 CHECK (sold_here IN (0, 1)),  -- 本店销售
    sale_date         TEXT,                     -- 销售日期 (the purchase invoice date)
    sale_price_fen    INTEGER CHECK (sale_price_fen >= 0),
    file_returned_on  TEXT,                     -- 档案联收回、建档 (indicator 11)
    filing_fee_fen    INTEGER NOT NULL DEFAULT 0 CHECK (filing_fee_fen >= 0),
    fee_registered_on TEXT,                     -- 建档费登记 (indicator 15)
    fee_batch_id      INTEGER REFERENCES filing_fee_batch (id),  -- 建档费返厂 (indicator 16)
    created_at        TEXT NOT NULL,
    CHECK (fee_batch_id IS NULL OR fee_registered_on IS NOT NULL)
) STRICT;
CREATE INDEX vehicle_reversed ON vehicle (vin_reversed);
CREATE INDEX vehicle_customer ON vehicle (customer_id);
CREATE INDEX vehicle_sale_date ON vehicle (sale_date) WHERE sold_here = 1;
CREATE INDEX vehicle_file_returned ON vehicle (file_returned_on);
CREATE INDEX vehicle_fee_registered ON vehicle (fee_registered_on);
CREATE INDEX vehicle_fee_batch ON vehicle (fee_batch_id);

-- 整车销售: the month's sales figures, entered by the manager (the sales
-- side owns them); the denominators of indicators 9 and 12
CREATE TABLE vehicle_sales_month (
    month      TEXT PRIMARY KEY,            -- YYYY-MM
    units      INTEGER NOT NULL CHECK (units >= 0),
    amount_fen INTEGER NOT NULL CHECK (amount_fen >= 0),
    updated_at TEXT NOT NULL
) STRICT;

-- 维修单
CREATE TABLE repair_order (
    id           INTEGER PRIMARY KEY,
    order_no     TEXT NOT NULL UNIQUE,      -- WX-YYYYMM-NNNN
    vehicle_id   INTEGER NOT NULL REFERENCES vehicle (id),
    customer_id  INTEGER NOT NULL REFERENCES customer (id),
    kind         TEXT NOT NULL CHECK (kind IN ('maintenance', 'repair', 'warranty', 'onsite')),
    received_at  TEXT NOT NULL,             -- 进厂 YYYY-MM-DD HH:MM
    promised_at  TEXT NOT NULL,             -- 承诺交车 (the customer is told how long)
    technician   TEXT NOT NULL DEFAULT '',  -- 维修技师
    mileage      INTEGER CHECK (mileage >= 0),
    place        TEXT NOT NULL DEFAULT '',  -- 上门/派修地点
    complaint    TEXT NOT NULL,             -- 用户陈述/故障
    work_done    TEXT NOT NULL DEFAULT '',  -- 维修内容
    labour_fen   INTEGER NOT NULL DEFAULT 0 CHECK (labour_fen >= 0),
    received_fen INTEGER NOT NULL DEFAULT 0 CHECK (received_fen >= 0),  -- 实收 (indicator 19)
    status       TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'delivered')),
    done_at      TEXT,                      -- 完工 (indicators 17, 18)
    delivered_at TEXT,                      -- 交车结算
    created_at   TEXT NOT NULL,
    CHECK (promised_at >= received_at),
    CHECK ((status = 'open') = (done_at IS NULL)),
    CHECK ((status = 'delivered') = (delivered_at IS NOT NULL)),
    CHECK (done_at IS NULL OR done_at >= received_at),
    CHECK (delivered_at IS NULL OR delivered_at >= done_at)
) STRICT;
CREATE INDEX repair_order_status ON repair_order (status, promised_at);
CREATE INDEX repair_order_done ON repair_order (done_at, vehicle_id, technician, kind);
CREATE INDEX repair_order_delivered ON repair_order (delivered_at, received_fen);
CREATE INDEX repair_order_vehicle ON repair_order (vehicle_id);
CREATE INDEX repair_order_customer ON repair_order (customer_id);

-- parts issued to a repair order (each through the ledger as 维修领用)
CREATE TABLE repair_part (
    id              INTEGER PRIMARY KEY,
    repair_order_id INTEGER NOT NULL REFERENCES repair_order (id),
    part_id         INTEGER NOT NULL REFERENCES part (id),
    qty             INTEGER NOT NULL CHECK (qty > 0),
    price_fen       INTEGER NOT NULL CHECK (price_fen >= 0),  -- charged per unit (default 限价)
    movement_id     INTEGER NOT NULL UNIQUE REFERENCES stock_movement (id)
) STRICT;
CREATE INDEX repair_part_order ON repair_part (repair_order_id);

-- 回访: one call; only effective (有效) calls count for indicators 13 and 14
CREATE TABLE follow_up (
    id              INTEGER PRIMARY KEY,
    customer_id     INTEGER NOT NULL REFERENCES customer (id),
    vehicle_id      INTEGER REFERENCES vehicle (id),
    repair_order_id INTEGER REFERENCES repair_order (id),
    reason          TEXT NOT NULL CHECK (reason IN ('sale', 'repair', 'other')),
    due_on          TEXT,                   -- the scheduled follow-up this call answers
    called_on       TEXT NOT NULL,
    effective       INTEGER NOT NULL CHECK (effective IN (0, 1)),
    satisfaction    INTEGER CHECK (satisfaction BETWEEN 1 AND 5),
    complaint       TEXT NOT NULL DEFAULT ''
                    CHECK (complaint IN ('', 'attitude', 'quality', 'price', 'waiting', 'other')),
    note            TEXT NOT NULL DEFAULT '',
    operator        TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    CHECK (effective = 1 OR satisfaction IS NULL)
) STRICT;
CREATE INDEX follow_up_customer ON follow_up (customer_id, effective, called_on);
CREATE INDEX follow_up_called ON follow_up (called_on, effective, customer_id);
CREATE INDEX follow_up_vehicle_due ON follow_up (vehicle_id, reason, due_on);
CREATE INDEX follow_up_repair ON follow_up (repair_order_id);

-- 点检: one inspection; due_on is the scheduled inspection it closes
CREATE TABLE inspection (
    id           INTEGER PRIMARY KEY,
    vehicle_id   INTEGER NOT NULL REFERENCES vehicle (id),
    due_on       TEXT,
    inspected_on TEXT NOT NULL,
    mileage      INTEGER CHECK (mileage >= 0),
    technician   TEXT NOT NULL,
    findings     TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX inspection_due ON inspection (vehicle_id, due_on) WHERE due_on IS NOT NULL;
CREATE INDEX inspection_date ON inspection (inspected_on);

-- 回访与点检规则, one row (defaults when absent)
CREATE TABLE service_rules (
    id                         INTEGER PRIMARY KEY CHECK (id = 1),
    follow_up_sale_days        TEXT    NOT NULL,   -- e.g. '3,30'
    follow_up_repair_days      TEXT    NOT NULL,   -- e.g. '3'
    inspection_first_months    INTEGER NOT NULL,
    inspection_interval_months INTEGER NOT NULL,
    inspection_span_months     INTEGER NOT NULL,
    wait_maintenance_minutes   INTEGER NOT NULL,
    wait_repair_minutes        INTEGER NOT NULL,
    wait_warranty_minutes      INTEGER NOT NULL,
    wait_onsite_minutes        INTEGER NOT NULL,
    updated_at                 TEXT    NOT NULL
) STRICT;
