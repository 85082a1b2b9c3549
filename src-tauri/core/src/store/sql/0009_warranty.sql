-- 9: 三包索赔 — warranty claims from entry to settlement, the replaced
-- parts issued from stock, the old parts' return to the factory, and the
-- shop's warranty policy.

-- 三包政策, one row (defaults when absent)
CREATE TABLE warranty_policy (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    months        INTEGER NOT NULL CHECK (months > 0),      -- 整车三包期（月）
    km            INTEGER NOT NULL CHECK (km > 0),          -- 整车三包里程（公里）
    wear_parts    TEXT    NOT NULL,                         -- 易损件 names, separated by 、
    updated_at    TEXT    NOT NULL
) STRICT;

-- a longer (or shorter) period for a part category, e.g. 发动机 24 months / 30,000 km
CREATE TABLE warranty_policy_category (
    category TEXT PRIMARY KEY,
    months   INTEGER NOT NULL CHECK (months > 0),
    km       INTEGER NOT NULL CHECK (km > 0)
) STRICT;

-- 旧件返厂批次
CREATE TABLE old_part_batch (
    id          INTEGER PRIMARY KEY,
    batch_no    TEXT NOT NULL UNIQUE,     -- FH-YYYYMM-NN
    shipped_on  TEXT NOT NULL,            -- 发出 (indicator 10)
    received_on TEXT,                     -- 工厂签收
    note        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    CHECK (received_on IS NULL OR received_on >= shipped_on)
) STRICT;
CREATE INDEX old_part_batch_shipped ON old_part_batch (shipped_on);

-- 索赔单
CREATE TABLE warranty_claim (
    id                INTEGER PRIMARY KEY,
    claim_no          TEXT NOT NULL UNIQUE,              -- SB-YYYYMM-NNNN
    vehicle_id        INTEGER NOT NULL REFERENCES vehicle (id),
    customer_id       INTEGER NOT NULL REFERENCES customer (id),
    invoice_date      TEXT NOT NULL,                     -- 购车发票日期
    mileage           INTEGER NOT NULL CHECK (mileage >= 0),
    reported_on       TEXT NOT NULL,                     -- 报修日期
    fault             TEXT NOT NULL,                     -- 故障描述
    fault_category    TEXT NOT NULL DEFAULT '',          -- 故障类别
    main_part_id      INTEGER NOT NULL REFERENCES part (id),  -- 主损件
    appraiser         TEXT NOT NULL DEFAULT '',          -- 鉴定员
    appraisal_result  TEXT NOT NULL DEFAULT '',          -- 鉴定结果
    appraisal_note    TEXT NOT NULL DEFAULT '',
    labour_hours      TEXT NOT NULL DEFAULT '0',         -- 工时 (decimal text)
    labour_fen        INTEGER NOT NULL DEFAULT 0 CHECK (labour_fen >= 0),
    coverage_issues   TEXT NOT NULL DEFAULT '',          -- what the coverage check found, when submitted
    override_reason   TEXT NOT NULL DEFAULT '',          -- why it was submitted anyway
    status            TEXT NOT NULL DEFAULT 'draft'
                      CHECK (status IN ('draft', 'submitted', 'approved', 'rejected', 'returned', 'settled')),
    repaired_on       TEXT,                              -- parts issued (三包更换)
    submitted_on      TEXT,
    decided_on        TEXT,
    decision_note     TEXT NOT NULL DEFAULT '',          -- 拒赔/退回 reason
    settled_fen       INTEGER CHECK (settled_fen >= 0),
    settled_on        TEXT,
    created_at        TEXT NOT NULL,
    CHECK (invoice_date <= reported_on),
    CHECK ((status = 'settled') = (settled_on IS NOT NULL))
) STRICT;
CREATE INDEX warranty_claim_vehicle ON warranty_claim (vehicle_id, main_part_id, reported_on);
CREATE INDEX warranty_claim_status ON warranty_claim (status, submitted_on);
CREATE INDEX warranty_claim_reported ON warranty_claim (reported_on);

-- 更换配件: a line of a claim; issued from stock as a 三包更换 movement when
-- the repair is done; then its old part waits for return
CREATE TABLE warranty_claim_line (
    id              INTEGER PRIMARY KEY,
    claim_id        INTEGER NOT NULL REFERENCES warranty_claim (id),
    part_id         INTEGER NOT NULL REFERENCES part (id),
    qty             INTEGER NOT NULL CHECK (qty > 0),
    movement_id     INTEGER UNIQUE REFERENCES stock_movement (id),
    value_fen       INTEGER CHECK (value_fen >= 0),      -- book value issued
    old_batch_id    INTEGER REFERENCES old_part_batch (id),
    UNIQUE (claim_id, part_id),
    CHECK (old_batch_id IS NULL OR movement_id IS NOT NULL),
    CHECK ((movement_id IS NULL) = (value_fen IS NULL))
) STRICT;
CREATE INDEX warranty_claim_line_batch ON warranty_claim_line (old_batch_id);

-- every change of a claim, with who and when
CREATE TABLE warranty_claim_event (
    id          INTEGER PRIMARY KEY,
    claim_id    INTEGER NOT NULL REFERENCES warranty_claim (id),
    at          TEXT NOT NULL,
    who         TEXT NOT NULL,
    action      TEXT NOT NULL,                           -- 录入、修改、维修出库、提交、批准、拒赔、退回修改、结算、旧件返厂 …
    from_status TEXT,
    to_status   TEXT,
    note        TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX warranty_claim_event_claim ON warranty_claim_event (claim_id, id);
