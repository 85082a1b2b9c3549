-- 32: 投诉处理 — the complaint register. A complaint comes in by a visit,
-- a call, a letter or a follow-up call (回访发现: the call that recorded a
-- complaint category opened it, `follow_up_id`); it names the customer and
-- vehicle when they are on file, the staff member it is about (涉及员工,
-- counted against them in the month's figures and the appraisal), and the
-- person who handles it (负责人), with a due date. The steps taken (致歉,
-- 更正, 返修, 补偿) are its lines; it is closed with the customer's
-- confirmation (客户确认) on a day, and the days it took follow.

CREATE TABLE complaint (
    id            INTEGER PRIMARY KEY,
    complaint_no  TEXT NOT NULL UNIQUE,                  -- 投诉单号 TS-YYYYMM-NNN
    received_on   TEXT NOT NULL,                         -- 受理日期
    source        TEXT NOT NULL CHECK (source IN ('walk_in', 'phone', 'letter', 'follow_up')),
    follow_up_id  INTEGER UNIQUE REFERENCES follow_up (id),
    customer_id   INTEGER REFERENCES customer (id),
    complainant   TEXT NOT NULL CHECK (complainant <> ''),   -- 投诉人
    phone         TEXT NOT NULL DEFAULT '',
    vehicle_id    INTEGER REFERENCES vehicle (id),
    category      TEXT NOT NULL CHECK (category IN ('attitude', 'quality', 'price', 'waiting', 'other')),
    content       TEXT NOT NULL CHECK (content <> ''),
    staff_id      INTEGER REFERENCES staff (id),         -- 涉及员工
    owner         TEXT NOT NULL CHECK (owner <> ''),     -- 处理负责人
    due_on        TEXT NOT NULL,                         -- 处理期限
    closed_on     TEXT,                                  -- 结案日期
    confirmation  TEXT CHECK (confirmation IN ('satisfied', 'accepted', 'unsatisfied')),
    close_note    TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    CHECK ((closed_on IS NULL) = (confirmation IS NULL)),
    CHECK (due_on >= received_on),
    CHECK (closed_on IS NULL OR closed_on >= received_on)
) STRICT;
CREATE INDEX complaint_received ON complaint (received_on);
CREATE INDEX complaint_open ON complaint (due_on) WHERE closed_on IS NULL;
CREATE INDEX complaint_staff ON complaint (staff_id, received_on) WHERE staff_id IS NOT NULL;
CREATE INDEX complaint_customer ON complaint (customer_id) WHERE customer_id IS NOT NULL;

-- 处理措施: a step taken on a complaint
CREATE TABLE complaint_step (
    id           INTEGER PRIMARY KEY,
    complaint_id INTEGER NOT NULL REFERENCES complaint (id),
    kind         TEXT NOT NULL CHECK (kind IN ('apology', 'correction', 'rework', 'compensation')),
    done_on      TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    amount_fen   INTEGER CHECK (amount_fen IS NULL OR (amount_fen >= 0 AND kind = 'compensation')),  -- 补偿金额
    operator     TEXT NOT NULL CHECK (operator <> '')
) STRICT;
CREATE INDEX complaint_step_complaint ON complaint_step (complaint_id);

-- 月结: a closed month's complaints (received, steps, closings) stay as counted
CREATE TRIGGER closed_complaint_insert BEFORE INSERT ON complaint
WHEN substr(NEW.received_on, 1, 7) IN closed_months
  OR substr(NEW.closed_on, 1, 7) IN closed_months
BEGIN SELECT RAISE(ABORT, 'M4S_MONTH_CLOSED'); END;
CREATE TRIGGER closed_complaint_update BEFORE UPDATE ON complaint
WHEN (substr(OLD.received_on, 1, 7) IN closed_months
      AND (NEW.received_on IS NOT OLD.received_on OR NEW.category IS NOT OLD.category
           OR NEW.staff_id IS NOT OLD.staff_id OR NEW.source IS NOT OLD.source))
  OR (NEW.received_on IS NOT OLD.received_on AND substr(NEW.received_on, 1, 7) IN closed_months)
  OR (NEW.closed_on IS NOT OLD.closed_on
      AND (substr(NEW.closed_on, 1, 7) IN closed_months OR substr(OLD.closed_on, 1, 7) IN closed_months))
BEGIN SELECT RAISE(ABORT, 'M4S_MONTH_CLOSED'); END;
CREATE TRIGGER closed_complaint_delete BEFORE DELETE ON complaint
WHEN substr(OLD.received_on, 1, 7) IN closed_months
BEGIN SELECT RAISE(ABORT, 'M4S_MONTH_CLOSED'); END;
CREATE TRIGGER closed_complaint_step_insert BEFORE INSERT ON complaint_step
WHEN substr(NEW.done_on, 1, 7) IN closed_months
BEGIN SELECT RAISE(ABORT, 'M4S_MONTH_CLOSED'); END;

-- 操作日志
CREATE TRIGGER audit_complaint_insert AFTER INSERT ON complaint WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '投诉处理',
            '受理 ' || NEW.complaint_no || ' ' || NEW.complainant || ' ' || NEW.received_on);
END;
CREATE TRIGGER audit_complaint_update AFTER UPDATE ON complaint WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '投诉处理',
            CASE WHEN OLD.closed_on IS NULL AND NEW.closed_on IS NOT NULL
                 THEN '结案 ' || NEW.complaint_no || ' ' || NEW.closed_on || ' 客户'
                      || CASE NEW.confirmation WHEN 'satisfied' THEN '满意' WHEN 'accepted' THEN '接受'
                         ELSE '不满意' END
                 ELSE '修改 ' || NEW.complaint_no END);
END;
CREATE TRIGGER audit_complaint_step_insert AFTER INSERT ON complaint_step WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '投诉处理',
            (SELECT complaint_no FROM complaint WHERE id = NEW.complaint_id) || ' '
            || CASE NEW.kind WHEN 'apology' THEN '致歉' WHEN 'correction' THEN '更正'
                             WHEN 'rework' THEN '返修' ELSE '补偿' END
            || ' ' || NEW.done_on);
END;
