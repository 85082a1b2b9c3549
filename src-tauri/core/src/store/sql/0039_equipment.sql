-- 39: 设备工具 — the shop's equipment, special tools and measuring tools:
-- how many are held against the factory's required list (必备工具清单:
-- required_qty, 0 for what the factory does not require), where, bought
-- when and for how much, who keeps it, its state, and every how many months
-- it is maintained or calibrated (the next due date follows the last time,
-- or the purchase). A loan (借出) names who took it and by when it comes
-- back; one open loan per item. A scrapped item keeps its row, with the day
-- and the reason.

CREATE TABLE equipment (
    id                 INTEGER PRIMARY KEY,
    code               TEXT NOT NULL UNIQUE CHECK (code <> ''),    -- 编号
    name               TEXT NOT NULL CHECK (name <> ''),
    model              TEXT NOT NULL DEFAULT '',                   -- 型号规格
    kind               TEXT NOT NULL CHECK (kind IN ('equipment', 'special_tool', 'measuring')),
    qty                INTEGER NOT NULL CHECK (qty >= 0),          -- 在用数量
    required_qty       INTEGER NOT NULL DEFAULT 0 CHECK (required_qty >= 0),  -- 厂家必备数量
    location           TEXT NOT NULL DEFAULT '',
    bought_on          TEXT,
    value_fen          INTEGER CHECK (value_fen >= 0),
    keeper             TEXT NOT NULL DEFAULT '',                   -- 责任人
    state              TEXT NOT NULL DEFAULT 'good' CHECK (state IN ('good', 'repair', 'scrapped')),
    service_months     INTEGER CHECK (service_months BETWEEN 1 AND 60),  -- 保养/校准周期
    last_serviced_on   TEXT,
    scrapped_on        TEXT,
    scrap_reason       TEXT NOT NULL DEFAULT '',
    note               TEXT NOT NULL DEFAULT '',
    created_at         TEXT NOT NULL,
    CHECK ((state = 'scrapped') = (scrapped_on IS NOT NULL)),
    CHECK (state <> 'scrapped' OR scrap_reason <> '')
) STRICT;

CREATE TABLE equipment_loan (
    id           INTEGER PRIMARY KEY,
    equipment_id INTEGER NOT NULL REFERENCES equipment (id),
    lent_on      TEXT NOT NULL,
    borrower     TEXT NOT NULL CHECK (borrower <> ''),
    due_on       TEXT NOT NULL,
    returned_on  TEXT,
    operator     TEXT NOT NULL CHECK (operator <> ''),
    note         TEXT NOT NULL DEFAULT '',
    CHECK (due_on >= lent_on),
    CHECK (returned_on IS NULL OR returned_on >= lent_on)
) STRICT;
CREATE UNIQUE INDEX equipment_loan_open ON equipment_loan (equipment_id) WHERE returned_on IS NULL;
CREATE INDEX equipment_loan_item ON equipment_loan (equipment_id, lent_on);

CREATE TRIGGER audit_equipment_insert AFTER INSERT ON equipment WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '设备工具', '登记 ' || NEW.code || ' ' || NEW.name);
END;
CREATE TRIGGER audit_equipment_update AFTER UPDATE ON equipment WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '设备工具',
            CASE WHEN NEW.state = 'scrapped' AND OLD.state <> 'scrapped' THEN '报废 '
                 WHEN NEW.last_serviced_on IS NOT OLD.last_serviced_on THEN '保养校准 '
                 ELSE '修改 ' END || NEW.code || ' ' || NEW.name);
END;
CREATE TRIGGER audit_equipment_loan_insert AFTER INSERT ON equipment_loan WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '设备工具',
            '借出 ' || (SELECT code || ' ' || name FROM equipment WHERE id = NEW.equipment_id) || ' 给 ' || NEW.borrower);
END;
CREATE TRIGGER audit_equipment_loan_update AFTER UPDATE ON equipment_loan WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '设备工具',
            '归还 ' || (SELECT code || ' ' || name FROM equipment WHERE id = NEW.equipment_id) || '（' || NEW.borrower || '）');
END;
