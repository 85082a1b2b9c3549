-- 2: 配件目录 (parts catalogue) and 出入库 (the stock ledger).
--
-- The ledger is append-only: a movement is never updated or deleted; a
-- mistake is reversed by a counter-movement (reverses_id). Each movement
-- carries the part's balance (quantity and book value) after it, so stock at
-- any past date is one index seek per part. part.on_hand / part.stock_value_fen
-- are the balance after the part's latest movement, kept in the same
-- transaction that records it.

CREATE TABLE part (
    id               INTEGER PRIMARY KEY,
    part_no          TEXT    NOT NULL UNIQUE,       -- 配件编号, trimmed, upper-case
    name             TEXT    NOT NULL,              -- 配件名称
    name_initials    TEXT    NOT NULL,              -- 拼音首字母, lower-case
    fitment          TEXT    NOT NULL DEFAULT '',   -- 适用车型
    unit             TEXT    NOT NULL DEFAULT '件', -- 单位
    category         TEXT    NOT NULL DEFAULT '',   -- 类别
    is_engine_oil    INTEGER NOT NULL DEFAULT 0 CHECK (is_engine_oil IN (0, 1)),  -- 机油
    cost_price_fen   INTEGER NOT NULL CHECK (cost_price_fen >= 0),    -- 进货价
    retail_price_fen INTEGER NOT NULL CHECK (retail_price_fen >= 0),  -- 限价
    bin_location     TEXT    NOT NULL DEFAULT '',   -- 库位
    min_stock        INTEGER NOT NULL DEFAULT 0 CHECK (min_stock >= 0),
    max_stock        INTEGER NOT NULL DEFAULT 0 CHECK (max_stock >= 0),
    active           INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    on_hand          INTEGER NOT NULL DEFAULT 0 CHECK (on_hand >= 0),
    stock_value_fen  INTEGER NOT NULL DEFAULT 0 CHECK (stock_value_fen >= 0),
    last_movement_on TEXT,                          -- date of the latest movement
    last_issue_on    TEXT,                          -- date of the latest 动销 (sale, repair, warranty, dealer)
    created_at       TEXT    NOT NULL,
    CHECK (on_hand > 0 OR stock_value_fen = 0)
) STRICT;

CREATE INDEX part_category ON part (category);
CREATE INDEX part_name_initials ON part (name_initials);

CREATE TABLE stock_movement (
    id                INTEGER PRIMARY KEY,
    part_id           INTEGER NOT NULL REFERENCES part (id),
    moved_on          TEXT    NOT NULL,             -- YYYY-MM-DD
    kind              TEXT    NOT NULL CHECK (kind IN
                        ('receipt', 'sale', 'repair', 'warranty', 'dealer', 'gain', 'loss', 'return')),
    qty               INTEGER NOT NULL CHECK (qty > 0),
    delta             INTEGER NOT NULL CHECK (delta <> 0),   -- signed change of on-hand
    value_fen         INTEGER NOT NULL,             -- signed change of book value
    cash_fen          INTEGER NOT NULL DEFAULT 0 CHECK (cash_fen >= 0),  -- cash received (sale)
    balance_qty       INTEGER NOT NULL CHECK (balance_qty >= 0),
    balance_value_fen INTEGER NOT NULL CHECK (balance_value_fen >= 0),
    operator          TEXT    NOT NULL,
    note              TEXT    NOT NULL DEFAULT '',
    reverses_id       INTEGER UNIQUE REFERENCES stock_movement (id),
    created_at        TEXT    NOT NULL
) STRICT;

CREATE INDEX stock_movement_date ON stock_movement (moved_on, kind);
CREATE INDEX stock_movement_part_date ON stock_movement (part_id, moved_on, id);

CREATE TRIGGER stock_movement_append_only_update BEFORE UPDATE ON stock_movement
BEGIN
    SELECT RAISE(ABORT, '出入库记录不能修改，请用冲销更正');
END;
CREATE TRIGGER stock_movement_append_only_delete BEFORE DELETE ON stock_movement
BEGIN
    SELECT RAISE(ABORT, '出入库记录不能删除，请用冲销更正');
END;
