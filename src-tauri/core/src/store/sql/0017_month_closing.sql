-- 17: 月结 (month-end closing). A closed month's figures are its closing
-- record and do not move: nothing may be dated into it any more. The rule is
-- held here, in the database, so that every path (forms, imports, the CLI,
-- a future screen) meets it: each trigger below refuses a record whose
-- date (the one that places it in a month's figures) lies in a closed month,
-- with the message M4S_MONTH_CLOSED, which the core turns into Chinese.
--
-- A month is closed while it has a closing that was not reopened. Reopening
-- (反月结) keeps the closing row (who, when, why) and a new close adds a new
-- one, so the history of a month's figures stays readable.

CREATE TABLE month_closing (
    id              INTEGER PRIMARY KEY,
    month           TEXT NOT NULL CHECK (length(month) = 7),   -- YYYY-MM
    closed_at       TEXT NOT NULL,
    closed_by       TEXT NOT NULL,
    figures         TEXT NOT NULL,       -- JSON: the month's indicators as closed
    checklist       TEXT NOT NULL,       -- JSON: the checklist as accepted
    accepted_reason TEXT NOT NULL DEFAULT '',  -- why the warnings were accepted
    reopened_at     TEXT,
    reopened_by     TEXT,
    reopen_reason   TEXT,
    CHECK ((reopened_at IS NULL) = (reopened_by IS NULL))
) STRICT;
CREATE UNIQUE INDEX month_closing_open ON month_closing (month) WHERE reopened_at IS NULL;

CREATE VIEW closed_months AS SELECT month FROM month_closing WHERE reopened_at IS NULL;

-- 出入库 (movements are never edited or deleted)
CREATE TRIGGER closed_stock_movement BEFORE INSERT ON stock_movement
WHEN substr(NEW.moved_on, 1, 7) IN closed_months
BEGIN SELECT RAISE(ABORT, 'M4S_MONTH_CLOSED'); END;

-- 维修单: received, completed (17, 18) and delivered with its cash (19)
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

-- 回访 (13, 14) and 点检 (20)
CREATE TRIGGER closed_follow_up_insert BEFORE INSERT ON follow_up
WHEN substr(NEW.called_on, 1, 7) IN closed_months
BEGIN SELECT RAISE(ABORT, 'M4S_MONTH_CLOSED'); END;
CREATE TRIGGER closed_follow_up_update BEFORE UPDATE ON follow_up
WHEN substr(OLD.called_on, 1, 7) IN closed_months OR substr(NEW.called_on, 1, 7) IN closed_months
BEGIN SELECT RAISE(ABORT, 'M4S_MONTH_CLOSED'); END;
CREATE TRIGGER closed_follow_up_delete BEFORE DELETE ON follow_up
WHEN substr(OLD.called_on, 1, 7) IN closed_months
BEGIN SELECT RAISE(ABORT, 'M4S_MONTH_CLOSED'); END;
CREATE TRIGGER closed_inspection_insert BEFORE INSERT ON inspection
WHEN substr(NEW.inspected_on, 1, 7) IN closed_months
BEGIN SELECT RAISE(ABORT, 'M4S_MONTH_CLOSED'); END;
CREATE TRIGGER closed_inspection_update BEFORE UPDATE ON inspection
WHEN substr(OLD.inspected_on, 1, 7) IN closed_months OR substr(NEW.inspected_on, 1, 7) IN closed_months
BEGIN SELECT RAISE(ABORT, 'M4S_MONTH_CLOSED'); END;
CREATE TRIGGER closed_inspection_delete BEFORE DELETE ON inspection
WHEN substr(OLD.inspected_on, 1, 7) IN closed_months
BEGIN SELECT RAISE(ABORT, 'M4S_MONTH_CLOSED'); END;

-- 车辆: sale (12's base), file (11, 12), fee registered (15) and returned (16)
CREATE TRIGGER closed_vehicle_insert BEFORE INSERT ON vehicle
WHEN (NEW.sold_here = 1 AND substr(NEW.sale_date, 1, 7) IN closed_months)
  OR substr(NEW.file_returned_on, 1, 7) IN closed_months
  OR substr(NEW.fee_registered_on, 1, 7) IN closed_months
  OR (SELECT substr(returned_on, 1, 7) FROM filing_fee_batch WHERE id = NEW.fee_batch_id) IN closed_months
BEGIN SELECT RAISE(ABORT, 'M4S_MONTH_CLOSED'); END;
CREATE TRIGGER closed_vehicle_update BEFORE UPDATE ON vehicle
WHEN ((NEW.sale_date IS NOT OLD.sale_date OR NEW.sold_here IS NOT OLD.sold_here OR NEW.sale_price_fen IS NOT OLD.sale_price_fen)
      AND (substr(OLD.sale_date, 1, 7) IN closed_months OR substr(NEW.sale_date, 1, 7) IN closed_months))
  OR (NEW.file_returned_on IS NOT OLD.file_returned_on
      AND (substr(OLD.file_returned_on, 1, 7) IN closed_months OR substr(NEW.file_returned_on, 1, 7) IN closed_months))
  OR ((NEW.fee_registered_on IS NOT OLD.fee_registered_on OR NEW.filing_fee_fen IS NOT OLD.filing_fee_fen)
      AND (substr(OLD.fee_registered_on, 1, 7) IN closed_months OR substr(NEW.fee_registered_on, 1, 7) IN closed_months))
  OR (NEW.fee_batch_id IS NOT OLD.fee_batch_id
      AND ((SELECT substr(returned_on, 1, 7) FROM filing_fee_batch WHERE id = OLD.fee_batch_id) IN closed_months
        OR (SELECT substr(returned_on, 1, 7) FROM filing_fee_batch WHERE id = NEW.fee_batch_id) IN closed_months))
BEGIN SELECT RAISE(ABORT, 'M4S_MONTH_CLOSED'); END;
CREATE TRIGGER closed_filing_fee_batch BEFORE INSERT ON filing_fee_batch
WHEN substr(NEW.returned_on, 1, 7) IN closed_months
BEGIN SELECT RAISE(ABORT, 'M4S_MONTH_CLOSED'); END;
CREATE TRIGGER closed_filing_fee_batch_update BEFORE UPDATE ON filing_fee_batch
WHEN substr(OLD.returned_on, 1, 7) IN closed_months OR substr(NEW.returned_on, 1, 7) IN closed_months
BEGIN SELECT RAISE(ABORT, 'M4S_MONTH_CLOSED'); END;

-- 整车销售 (the denominators of 9 and 12)
CREATE TRIGGER closed_vehicle_sales_insert BEFORE INSERT ON vehicle_sales_month
WHEN NEW.month IN closed_months
BEGIN SELECT RAISE(ABORT, 'M4S_MONTH_CLOSED'); END;
CREATE TRIGGER closed_vehicle_sales_update BEFORE UPDATE ON vehicle_sales_month
WHEN OLD.month IN closed_months OR NEW.month IN closed_months
BEGIN SELECT RAISE(ABORT, 'M4S_MONTH_CLOSED'); END;
CREATE TRIGGER closed_vehicle_sales_delete BEFORE DELETE ON vehicle_sales_month
WHEN OLD.month IN closed_months
BEGIN SELECT RAISE(ABORT, 'M4S_MONTH_CLOSED'); END;

-- 三包: each step of a claim is dated; a step into a closed month, or a
-- change to a claim whose settlement lies in one, is refused
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

-- 旧件返厂 (10)
CREATE TRIGGER closed_old_part_batch BEFORE INSERT ON old_part_batch
WHEN substr(NEW.shipped_on, 1, 7) IN closed_months
BEGIN SELECT RAISE(ABORT, 'M4S_MONTH_CLOSED'); END;
CREATE TRIGGER closed_old_part_batch_update BEFORE UPDATE OF shipped_on ON old_part_batch
WHEN substr(OLD.shipped_on, 1, 7) IN closed_months OR substr(NEW.shipped_on, 1, 7) IN closed_months
BEGIN SELECT RAISE(ABORT, 'M4S_MONTH_CLOSED'); END;
CREATE TRIGGER closed_claim_line_batch BEFORE UPDATE OF old_batch_id ON warranty_claim_line
WHEN NEW.old_batch_id IS NOT OLD.old_batch_id
 AND ((SELECT substr(shipped_on, 1, 7) FROM old_part_batch WHERE id = OLD.old_batch_id) IN closed_months
   OR (SELECT substr(shipped_on, 1, 7) FROM old_part_batch WHERE id = NEW.old_batch_id) IN closed_months)
BEGIN SELECT RAISE(ABORT, 'M4S_MONTH_CLOSED'); END;

-- 经销商订单与发货 (6)
CREATE TRIGGER closed_dealer_order BEFORE INSERT ON dealer_order
WHEN substr(NEW.ordered_on, 1, 7) IN closed_months
BEGIN SELECT RAISE(ABORT, 'M4S_MONTH_CLOSED'); END;
CREATE TRIGGER closed_dealer_delivery BEFORE INSERT ON dealer_delivery
WHEN substr(NEW.delivered_on, 1, 7) IN closed_months
BEGIN SELECT RAISE(ABORT, 'M4S_MONTH_CLOSED'); END;

-- 盘点 posted into a closed month (its differences are movements too)
CREATE TRIGGER closed_stocktake_post BEFORE UPDATE OF posted_on ON stocktake
WHEN substr(NEW.posted_on, 1, 7) IN closed_months
BEGIN SELECT RAISE(ABORT, 'M4S_MONTH_CLOSED'); END;

-- 5S: the month's inspection, its scores and findings
CREATE TRIGGER closed_five_s_insert BEFORE INSERT ON five_s_inspection
WHEN NEW.month IN closed_months
BEGIN SELECT RAISE(ABORT, 'M4S_MONTH_CLOSED'); END;
CREATE TRIGGER closed_five_s_update BEFORE UPDATE ON five_s_inspection
WHEN OLD.month IN closed_months OR NEW.month IN closed_months
BEGIN SELECT RAISE(ABORT, 'M4S_MONTH_CLOSED'); END;
CREATE TRIGGER closed_five_s_score BEFORE INSERT ON five_s_score
WHEN (SELECT month FROM five_s_inspection WHERE id = NEW.inspection_id) IN closed_months
BEGIN SELECT RAISE(ABORT, 'M4S_MONTH_CLOSED'); END;
CREATE TRIGGER closed_five_s_score_update BEFORE UPDATE ON five_s_score
WHEN (SELECT month FROM five_s_inspection WHERE id = OLD.inspection_id) IN closed_months
BEGIN SELECT RAISE(ABORT, 'M4S_MONTH_CLOSED'); END;
CREATE TRIGGER closed_five_s_score_delete BEFORE DELETE ON five_s_score
WHEN (SELECT month FROM five_s_inspection WHERE id = OLD.inspection_id) IN closed_months
BEGIN SELECT RAISE(ABORT, 'M4S_MONTH_CLOSED'); END;

-- 操作日志: closing and reopening
CREATE TRIGGER audit_month_close AFTER INSERT ON month_closing
WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '月结',
            '月结 ' || NEW.month || CASE WHEN NEW.accepted_reason <> '' THEN '（接受提示：' || NEW.accepted_reason || '）' ELSE '' END);
END;
CREATE TRIGGER audit_month_reopen AFTER UPDATE OF reopened_at ON month_closing
WHEN m4s_actor() IS NOT NULL AND OLD.reopened_at IS NULL AND NEW.reopened_at IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '反月结', '反月结 ' || NEW.month || '：' || coalesce(NEW.reopen_reason, ''));
END;
