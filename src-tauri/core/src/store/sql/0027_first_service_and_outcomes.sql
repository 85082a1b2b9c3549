-- 首保 (the free first service the factory pays for) is a repair kind, and
-- its cost is claimed from the factory as a claim of its own type (no failed
-- part: main_part_id is empty on a 首保 claim). A 三包 claim records its
-- outcome: repaired (修复), or the vehicle or main part exchanged (包换) or
-- refunded (包退), with the date and what was exchanged or refunded.
--
-- SQLite cannot change a CHECK or NOT NULL in place: repair_order and
-- warranty_claim are rebuilt under the same names. Foreign keys stay on;
-- they are deferred to the end of this migration's transaction, and every
-- row is written back before it ends, so the rows that reference these
-- tables (parts lines, calls, claim lines and events) find their parents
-- again, or the whole step is refused.
PRAGMA defer_foreign_keys = ON;

-- ---------------------------------------------------------------- 维修单
CREATE TEMP TABLE repair_order_was AS SELECT * FROM repair_order;
DROP TABLE repair_order;
CREATE TABLE repair_order (
    id           INTEGER PRIMARY KEY,
    order_no     TEXT NOT NULL UNIQUE,      -- WX-YYYYMM-NNNN
    vehicle_id   INTEGER NOT NULL REFERENCES vehicle (id),
    customer_id  INTEGER NOT NULL REFERENCES customer (id),
    -- 保养, 首保, 维修, 三包, 上门/派修
    kind         TEXT NOT NULL CHECK (kind IN ('maintenance', 'first_service', 'repair', 'warranty', 'onsite')),
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
INSERT INTO repair_order (id, order_no, vehicle_id, customer_id, kind, received_at, promised_at, technician, mileage,
        place, complaint, work_done, labour_fen, received_fen, status, done_at, delivered_at, created_at)
    SELECT id, order_no, vehicle_id, customer_id, kind, received_at, promised_at, technician, mileage,
        place, complaint, work_done, labour_fen, received_fen, status, done_at, delivered_at, created_at
    FROM temp.repair_order_was;
DROP TABLE temp.repair_order_was;
CREATE INDEX repair_order_status ON repair_order (status, promised_at);
CREATE INDEX repair_order_done ON repair_order (done_at, vehicle_id, technician, kind);
CREATE INDEX repair_order_delivered ON repair_order (delivered_at, received_fen);
CREATE INDEX repair_order_vehicle ON repair_order (vehicle_id);
CREATE INDEX repair_order_customer ON repair_order (customer_id);
CREATE TRIGGER audit_repair_insert AFTER INSERT ON repair_order WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '维修单', '新建 ' || NEW.order_no);
END;
CREATE TRIGGER audit_repair_update AFTER UPDATE ON repair_order WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '维修单', NEW.order_no || CASE WHEN OLD.status <> NEW.status THEN ' ' || CASE OLD.status WHEN 'open' THEN '在修' WHEN 'done' THEN '完工待交车' WHEN 'delivered' THEN '已交车' ELSE OLD.status END || ' → ' || CASE NEW.status WHEN 'open' THEN '在修' WHEN 'done' THEN '完工待交车' WHEN 'delivered' THEN '已交车' ELSE NEW.status END ELSE ' 修改' END);
END;
CREATE TRIGGER closed_repair_order_insert BEFORE INSERT ON repair_order
WHEN substr(NEW.received_at, 1, 7) IN closed_months
  OR substr(NEW.done_at, 1, 7) IN closed_months
  OR substr(NEW.delivered_at, 1, 7) IN closed_months
BEGIN SELECT RAISE(ABORT, 'M4S_MONTH_CLOSED'); END;
CREATE TRIGGER closed_repair_order_update BEFORE UPDATE ON repair_order
WHEN substr(OLD.done_at, 1, 7) IN closed_months
  OR substr(OLD.delivered_at, 1, 7) IN closed_months
  OR (NEW.received_at IS NOT OLD.received_at AND substr(NEW.received_at, 1, 7) IN closed_months)
  OR (NEW.done_at IS NOT OLD.done_at AND substr(NEW.done_at, 1, 7) IN closed_months)
  OR (NEW.delivered_at IS NOT OLD.delivered_at AND substr(NEW.delivered_at, 1, 7) IN closed_months)
BEGIN SELECT RAISE(ABORT, 'M4S_MONTH_CLOSED'); END;
CREATE TRIGGER closed_repair_order_delete BEFORE DELETE ON repair_order
WHEN substr(OLD.received_at, 1, 7) IN closed_months
  OR substr(OLD.done_at, 1, 7) IN closed_months
  OR substr(OLD.delivered_at, 1, 7) IN closed_months
BEGIN SELECT RAISE(ABORT, 'M4S_MONTH_CLOSED'); END;

-- ---------------------------------------------------------------- 索赔单
CREATE TEMP TABLE warranty_claim_was AS SELECT * FROM warranty_claim;
DROP TABLE warranty_claim;
CREATE TABLE warranty_claim (
    id                 INTEGER PRIMARY KEY,
    claim_no           TEXT NOT NULL UNIQUE,              -- SB-YYYYMM-NNNN
    -- 三包 (a failed part) or 首保 (the free first service)
    claim_type         TEXT NOT NULL DEFAULT 'warranty' CHECK (claim_type IN ('warranty', 'first_service')),
    vehicle_id         INTEGER NOT NULL REFERENCES vehicle (id),
    customer_id        INTEGER NOT NULL REFERENCES customer (id),
    invoice_date       TEXT NOT NULL,                     -- 购车发票日期
    mileage            INTEGER NOT NULL CHECK (mileage >= 0),
    reported_on        TEXT NOT NULL,                     -- 报修日期
    fault              TEXT NOT NULL,                     -- 故障描述 (首保: the service)
    fault_category     TEXT NOT NULL DEFAULT '',          -- 故障类别
    main_part_id       INTEGER REFERENCES part (id),      -- 主损件 (none on a 首保 claim)
    appraiser          TEXT NOT NULL DEFAULT '',          -- 鉴定员
    appraisal_result   TEXT NOT NULL DEFAULT '',          -- 鉴定结果
    appraisal_note     TEXT NOT NULL DEFAULT '',
    labour_hours       TEXT NOT NULL DEFAULT '0',         -- 工时 (decimal text)
    labour_fen         INTEGER NOT NULL DEFAULT 0 CHECK (labour_fen >= 0),
    coverage_issues    TEXT NOT NULL DEFAULT '',          -- what the coverage check found, when submitted
    override_reason    TEXT NOT NULL DEFAULT '',          -- why it was submitted anyway
    status             TEXT NOT NULL DEFAULT 'draft'
                       CHECK (status IN ('draft', 'submitted', 'approved', 'rejected', 'returned', 'settled')),
    repaired_on        TEXT,                              -- repaired (parts issued; the order completed)
    submitted_on       TEXT,
    decided_on         TEXT,
    decision_note      TEXT NOT NULL DEFAULT '',          -- 拒赔/退回 reason
    settled_fen        INTEGER CHECK (settled_fen >= 0),
    settled_on         TEXT,
    created_at         TEXT NOT NULL,
    repair_order_id    INTEGER REFERENCES repair_order (id),  -- the job (migration 26)
    technician         TEXT NOT NULL DEFAULT '',
    settled_parts_fen  INTEGER CHECK (settled_parts_fen >= 0),
    settled_labour_fen INTEGER CHECK (settled_labour_fen >= 0),
    -- 处理结果: 修复, 包换 (exchange) or 包退 (refund) of the vehicle or a main part
    outcome            TEXT NOT NULL DEFAULT 'repair' CHECK (outcome IN ('repair', 'exchange', 'refund')),
    outcome_on         TEXT,                              -- the day it was exchanged or refunded
    outcome_item       TEXT NOT NULL DEFAULT '',          -- what: 整车, or the main part
    outcome_note       TEXT NOT NULL DEFAULT '',          -- e.g. the new vehicle's VIN, the customer's receipt
    refund_fen         INTEGER CHECK (refund_fen >= 0),   -- 包退: the amount refunded
    CHECK (invoice_date <= reported_on),
    CHECK ((status = 'settled') = (settled_on IS NOT NULL)),
    CHECK (claim_type = 'first_service' OR main_part_id IS NOT NULL),
    CHECK ((outcome = 'repair') = (outcome_on IS NULL)),
    CHECK (outcome = 'repair' OR (claim_type = 'warranty' AND outcome_item <> '')),
    CHECK (refund_fen IS NULL OR outcome = 'refund')
) STRICT;
INSERT INTO warranty_claim (id, claim_no, vehicle_id, customer_id, invoice_date, mileage, reported_on, fault,
        fault_category, main_part_id, appraiser, appraisal_result, appraisal_note, labour_hours, labour_fen,
        coverage_issues, override_reason, status, repaired_on, submitted_on, decided_on, decision_note, settled_fen,
        settled_on, created_at, repair_order_id, technician, settled_parts_fen, settled_labour_fen)
    SELECT id, claim_no, vehicle_id, customer_id, invoice_date, mileage, reported_on, fault,
        fault_category, main_part_id, appraiser, appraisal_result, appraisal_note, labour_hours, labour_fen,
        coverage_issues, override_reason, status, repaired_on, submitted_on, decided_on, decision_note, settled_fen,
        settled_on, created_at, repair_order_id, technician, settled_parts_fen, settled_labour_fen
    FROM temp.warranty_claim_was;
DROP TABLE temp.warranty_claim_was;
CREATE INDEX warranty_claim_vehicle ON warranty_claim (vehicle_id, main_part_id, reported_on);
CREATE INDEX warranty_claim_status ON warranty_claim (status, submitted_on);
CREATE INDEX warranty_claim_reported ON warranty_claim (reported_on);
CREATE UNIQUE INDEX warranty_claim_order ON warranty_claim (repair_order_id) WHERE repair_order_id IS NOT NULL;
CREATE INDEX warranty_claim_settled ON warranty_claim (settled_on);
CREATE TRIGGER audit_claim_insert AFTER INSERT ON warranty_claim WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '三包索赔', '录入 ' || NEW.claim_no);
END;
CREATE TRIGGER audit_claim_update AFTER UPDATE ON warranty_claim WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '三包索赔', NEW.claim_no || CASE WHEN OLD.status <> NEW.status THEN ' ' || CASE OLD.status WHEN 'draft' THEN '录入' WHEN 'submitted' THEN '已提交' WHEN 'approved' THEN '已批准' WHEN 'rejected' THEN '已拒赔' WHEN 'returned' THEN '退回修改' WHEN 'settled' THEN '已结算' ELSE OLD.status END || ' → ' || CASE NEW.status WHEN 'draft' THEN '录入' WHEN 'submitted' THEN '已提交' WHEN 'approved' THEN '已批准' WHEN 'rejected' THEN '已拒赔' WHEN 'returned' THEN '退回修改' WHEN 'settled' THEN '已结算' ELSE NEW.status END ELSE ' 修改' END);
END;
CREATE TRIGGER closed_claim_insert BEFORE INSERT ON warranty_claim
WHEN substr(NEW.reported_on, 1, 7) IN closed_months
  OR substr(NEW.repaired_on, 1, 7) IN closed_months
  OR substr(NEW.submitted_on, 1, 7) IN closed_months
  OR substr(NEW.decided_on, 1, 7) IN closed_months
  OR substr(NEW.settled_on, 1, 7) IN closed_months
BEGIN SELECT RAISE(ABORT, 'M4S_MONTH_CLOSED'); END;
CREATE TRIGGER closed_claim_update BEFORE UPDATE ON warranty_claim
WHEN substr(OLD.settled_on, 1, 7) IN closed_months
  OR (NEW.reported_on IS NOT OLD.reported_on AND (substr(OLD.reported_on, 1, 7) IN closed_months OR substr(NEW.reported_on, 1, 7) IN closed_months))
  OR (NEW.repaired_on IS NOT OLD.repaired_on AND (substr(OLD.repaired_on, 1, 7) IN closed_months OR substr(NEW.repaired_on, 1, 7) IN closed_months))
  OR (NEW.submitted_on IS NOT OLD.submitted_on AND (substr(OLD.submitted_on, 1, 7) IN closed_months OR substr(NEW.submitted_on, 1, 7) IN closed_months))
  OR (NEW.decided_on IS NOT OLD.decided_on AND (substr(OLD.decided_on, 1, 7) IN closed_months OR substr(NEW.decided_on, 1, 7) IN closed_months))
  OR (NEW.settled_on IS NOT OLD.settled_on AND substr(NEW.settled_on, 1, 7) IN closed_months)
BEGIN SELECT RAISE(ABORT, 'M4S_MONTH_CLOSED'); END;

-- ---------------------------------------------------------------- 三包政策
-- the 首保 window: within so many months of the invoice and so many km
ALTER TABLE warranty_policy ADD COLUMN first_service_months INTEGER NOT NULL DEFAULT 3
    CHECK (first_service_months BETWEEN 1 AND 24);
ALTER TABLE warranty_policy ADD COLUMN first_service_km INTEGER NOT NULL DEFAULT 1500
    CHECK (first_service_km BETWEEN 1 AND 100000);
