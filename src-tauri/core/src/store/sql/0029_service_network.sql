-- 29: 服务网络 — the outlets the shop serves (经销商, 零售商, 特约维修站)
-- become a register. The `dealer` rows that parts orders created by name
-- stay as they are (same id, same name) and gain the register's columns:
-- nothing an order, delivery or payment points at moves.
--
-- An outlet's vehicles are the shop's network's vehicles: `vehicle.dealer_id`
-- names the outlet that sold one (NULL: the shop itself), and such a vehicle
-- is `sold_here` like the shop's own, so its file, fee, follow-ups and
-- inspections count once in the shop's indicators and once more, by outlet,
-- on the outlet's card. A claim reported by an outlet names it
-- (`warranty_claim.dealer_id`): the parts the shop supplies for it are its
-- 三包更换 lines, counted in 8 and 9 (9 is "含零售商").

ALTER TABLE dealer ADD COLUMN kind TEXT NOT NULL DEFAULT 'dealer'
    CHECK (kind IN ('dealer', 'retailer', 'station'));          -- 经销商 / 零售商 / 特约维修站
ALTER TABLE dealer ADD COLUMN name_initials TEXT NOT NULL DEFAULT '';
ALTER TABLE dealer ADD COLUMN township TEXT NOT NULL DEFAULT '';   -- 乡镇
ALTER TABLE dealer ADD COLUMN address TEXT NOT NULL DEFAULT '';
ALTER TABLE dealer ADD COLUMN brands TEXT NOT NULL DEFAULT '';     -- 经营品牌
ALTER TABLE dealer ADD COLUMN authorised_on TEXT;                  -- 授权日期
ALTER TABLE dealer ADD COLUMN status TEXT NOT NULL DEFAULT 'active'
    CHECK (status IN ('active', 'suspended', 'revoked'));         -- 在营 / 暂停 / 撤销
ALTER TABLE dealer ADD COLUMN status_on TEXT;                      -- the day the status began
ALTER TABLE dealer ADD COLUMN technicians INTEGER NOT NULL DEFAULT 0 CHECK (technicians >= 0);
ALTER TABLE dealer ADD COLUMN equipment_level TEXT NOT NULL DEFAULT ''
    CHECK (equipment_level IN ('', 'A', 'B', 'C'));               -- 设备等级
ALTER TABLE dealer ADD COLUMN note TEXT NOT NULL DEFAULT '';

UPDATE dealer SET name_initials = m4s_initials(name), authorised_on = substr(created_at, 1, 10),
    status_on = substr(created_at, 1, 10);

ALTER TABLE vehicle ADD COLUMN dealer_id INTEGER REFERENCES dealer (id);   -- 销售网点 (NULL: 本店)
CREATE INDEX vehicle_dealer ON vehicle (dealer_id, sale_date) WHERE dealer_id IS NOT NULL;

ALTER TABLE warranty_claim ADD COLUMN dealer_id INTEGER REFERENCES dealer (id);   -- 报修网点 (NULL: 本店)
CREATE INDEX warranty_claim_dealer ON warranty_claim (dealer_id) WHERE dealer_id IS NOT NULL;

CREATE INDEX dealer_order_dealer ON dealer_order (dealer_id, supply_due_on);

-- 走访 (服务、维护、培训): a visit to an outlet and what was agreed on it
CREATE TABLE dealer_visit (
    id         INTEGER PRIMARY KEY,
    dealer_id  INTEGER NOT NULL REFERENCES dealer (id),
    visited_on TEXT NOT NULL,
    visitor    TEXT NOT NULL,
    purpose    TEXT NOT NULL CHECK (purpose IN ('inspection', 'support', 'training', 'collection')),
    findings   TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX dealer_visit_dealer ON dealer_visit (dealer_id, visited_on);

-- 整改/跟进事项: a follow-up action from a visit, with its due date, until done
CREATE TABLE dealer_visit_action (
    id        INTEGER PRIMARY KEY,
    visit_id  INTEGER NOT NULL REFERENCES dealer_visit (id),
    action    TEXT NOT NULL CHECK (action <> ''),
    due_on    TEXT,
    done_on   TEXT,
    done_note TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX dealer_visit_action_visit ON dealer_visit_action (visit_id);
CREATE INDEX dealer_visit_action_open ON dealer_visit_action (due_on) WHERE done_on IS NULL;

-- 操作日志: the register's own words instead of 经销商 #id
DROP TRIGGER audit_dealer_insert;
DROP TRIGGER audit_dealer_update;
CREATE TRIGGER audit_dealer_insert AFTER INSERT ON dealer WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '服务网络', '登记 ' || NEW.name);
END;
CREATE TRIGGER audit_dealer_update AFTER UPDATE ON dealer WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '服务网络', '修改 ' || NEW.name
        || CASE WHEN OLD.status <> NEW.status THEN ' 状态：'
             || CASE NEW.status WHEN 'active' THEN '在营' WHEN 'suspended' THEN '暂停' ELSE '撤销' END
             || ' ' || coalesce(NEW.status_on, '') ELSE '' END);
END;
CREATE TRIGGER audit_dealer_visit_insert AFTER INSERT ON dealer_visit WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '网点走访',
            (SELECT name FROM dealer WHERE id = NEW.dealer_id) || ' ' || NEW.visited_on || ' ' || NEW.visitor);
END;
CREATE TRIGGER audit_dealer_visit_action_update AFTER UPDATE OF done_on ON dealer_visit_action
WHEN m4s_actor() IS NOT NULL AND NEW.done_on IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '网点走访', '完成 ' || NEW.action || ' ' || NEW.done_on);
END;
CREATE TRIGGER audit_dealer_visit_action_insert AFTER INSERT ON dealer_visit_action WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '网点走访', '跟进事项 ' || NEW.action || coalesce(' 期限 ' || NEW.due_on, ''));
END;
