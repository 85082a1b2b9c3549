-- 41: 服务项目/工时定额 and 作业流程 — the shop's list of service items
-- with their standard hours (工时定额, a decimal number of hours as text)
-- and standard labour price, picked on repair orders so that labour is
-- consistent; the items an order did (with the hours and price as they
-- stood then); and the steps of the standard process ticked on the order
-- (诊断, 报价, 质检 — 接待, 维修, 交车 and 回访 are the order's own times
-- and its follow-up call). An order finished in a closed month keeps its
-- items and steps (月结: its on-time and return figures do not move).

CREATE TABLE service_item (
    id        INTEGER PRIMARY KEY,
    code      TEXT NOT NULL UNIQUE CHECK (code <> ''),       -- 项目编号
    name      TEXT NOT NULL UNIQUE CHECK (name <> ''),       -- 项目名称
    hours     TEXT NOT NULL,                                 -- 工时定额 (hours, e.g. '0.5')
    price_fen INTEGER NOT NULL CHECK (price_fen >= 0),       -- 标准工时费
    active    INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    note      TEXT NOT NULL DEFAULT ''
) STRICT;

INSERT INTO service_item (code, name, hours, price_fen, note) VALUES
    ('FW01', '首次保养', '1.0', 0, '厂家按首保索赔结算，不向用户收费'),
    ('FW02', '定期保养', '1.0', 4000, '含检查调整'),
    ('FW03', '更换机油', '0.3', 1000, ''),
    ('FW04', '调整链条', '0.3', 1000, ''),
    ('FW05', '更换火花塞', '0.2', 500, ''),
    ('FW06', '清洗化油器', '1.0', 3000, ''),
    ('FW07', '更换刹车片', '0.5', 1500, ''),
    ('FW08', '补胎', '0.3', 1000, ''),
    ('FW09', '更换轮胎', '0.5', 2000, ''),
    ('FW10', '电路检修', '1.0', 3000, ''),
    ('FW11', '更换离合器片', '1.5', 5000, ''),
    ('FW12', '更换蓄电池', '0.2', 500, ''),
    ('FW13', '发动机检修', '2.0', 6000, '异响、漏油等的拆检'),
    ('FW14', '发动机大修', '6.0', 30000, '');

CREATE TABLE repair_order_item (
    repair_order_id INTEGER NOT NULL REFERENCES repair_order (id),
    item_id         INTEGER NOT NULL REFERENCES service_item (id),
    hours           TEXT NOT NULL,
    price_fen       INTEGER NOT NULL CHECK (price_fen >= 0),
    PRIMARY KEY (repair_order_id, item_id)
) STRICT;
CREATE INDEX repair_order_item_item ON repair_order_item (item_id);

CREATE TABLE repair_order_step (
    repair_order_id INTEGER NOT NULL REFERENCES repair_order (id),
    step            TEXT NOT NULL CHECK (step IN ('diagnosis', 'quote', 'inspection')),
    done_at         TEXT NOT NULL,
    who             TEXT NOT NULL CHECK (who <> ''),
    PRIMARY KEY (repair_order_id, step)
) STRICT;

CREATE TRIGGER closed_repair_order_item_insert BEFORE INSERT ON repair_order_item
WHEN substr((SELECT done_at FROM repair_order WHERE id = NEW.repair_order_id), 1, 7) IN closed_months
BEGIN SELECT RAISE(ABORT, 'M4S_MONTH_CLOSED'); END;
CREATE TRIGGER closed_repair_order_item_delete BEFORE DELETE ON repair_order_item
WHEN substr((SELECT done_at FROM repair_order WHERE id = OLD.repair_order_id), 1, 7) IN closed_months
BEGIN SELECT RAISE(ABORT, 'M4S_MONTH_CLOSED'); END;
CREATE TRIGGER closed_repair_order_item_update BEFORE UPDATE ON repair_order_item
WHEN substr((SELECT done_at FROM repair_order WHERE id = OLD.repair_order_id), 1, 7) IN closed_months
BEGIN SELECT RAISE(ABORT, 'M4S_MONTH_CLOSED'); END;

CREATE TRIGGER audit_service_item_insert AFTER INSERT ON service_item WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '服务项目', '登记 ' || NEW.code || ' ' || NEW.name);
END;
CREATE TRIGGER audit_service_item_update AFTER UPDATE ON service_item WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '服务项目',
            CASE WHEN NEW.active = 0 AND OLD.active = 1 THEN '停用 ' ELSE '修改 ' END || NEW.code || ' ' || NEW.name
            || '（工时 ' || NEW.hours || '，工时费 ' || printf('%.2f', NEW.price_fen / 100.0) || '）');
END;
CREATE TRIGGER audit_repair_order_step AFTER INSERT ON repair_order_step WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '维修单',
            (SELECT order_no FROM repair_order WHERE id = NEW.repair_order_id) || ' '
            || CASE NEW.step WHEN 'diagnosis' THEN '诊断' WHEN 'quote' THEN '报价' ELSE '质检' END || ' 完成');
END;
