-- 11: 现场5S管理 — a monthly inspection scored on a checklist per area
-- (接待区 reception, 维修车间 workshop, 配件库房 parts store) under the five S's
-- (整理 整顿 清扫 清洁 素养), with findings that have a responsible person and
-- a due date. The checklist is editable; an inspection keeps the items as
-- they were scored (text and maximum copied into each score row), so editing
-- the checklist never changes a past month's total.

CREATE TABLE five_s_item (
    id        INTEGER PRIMARY KEY,
    area      TEXT NOT NULL CHECK (area IN ('reception', 'workshop', 'store')),
    s         TEXT NOT NULL CHECK (s IN ('整理', '整顿', '清扫', '清洁', '素养')),
    text      TEXT NOT NULL CHECK (length(text) > 0),
    max_score INTEGER NOT NULL CHECK (max_score BETWEEN 1 AND 10),
    sort      INTEGER NOT NULL,
    active    INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

CREATE TABLE five_s_inspection (
    id           INTEGER PRIMARY KEY,
    month        TEXT NOT NULL UNIQUE,  -- YYYY-MM: one inspection a month
    inspected_on TEXT NOT NULL,
    inspector    TEXT NOT NULL CHECK (length(inspector) > 0),
    note         TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    CHECK (substr(inspected_on, 1, 7) = month)
) STRICT;

CREATE TABLE five_s_score (
    inspection_id INTEGER NOT NULL REFERENCES five_s_inspection (id),
    item_id       INTEGER NOT NULL REFERENCES five_s_item (id),
    area          TEXT NOT NULL,
    s             TEXT NOT NULL,
    text          TEXT NOT NULL,
    max_score     INTEGER NOT NULL,
    score         INTEGER NOT NULL,
    CHECK (score BETWEEN 0 AND max_score),
    PRIMARY KEY (inspection_id, item_id)
) STRICT;

CREATE TABLE five_s_finding (
    id            INTEGER PRIMARY KEY,
    inspection_id INTEGER NOT NULL REFERENCES five_s_inspection (id),
    area          TEXT NOT NULL CHECK (area IN ('reception', 'workshop', 'store')),
    text          TEXT NOT NULL CHECK (length(text) > 0),
    responsible   TEXT NOT NULL CHECK (length(responsible) > 0),
    due_on        TEXT NOT NULL,
    closed_on     TEXT
) STRICT;
CREATE INDEX five_s_finding_open ON five_s_finding (closed_on, due_on);

-- The default checklist, from the text's definitions: 整理 keep what is
-- needed and discard the rest; 整顿 fixed places and colour boards; 清扫
-- clean often, no rubbish or dirt; 清洁 rules that keep the first three;
-- 素养 the habit of following the rules. Each item scored 0–5.
INSERT INTO five_s_item (area, s, text, max_score, sort) VALUES
('reception', '整理', '接待台、休息区只放需要的物品，无杂物、过期资料', 5, 1),
('reception', '整理', '宣传资料、价目表为现行版本，旧资料已清走', 5, 2),
('reception', '整顿', '接待台物品定位摆放，维修单、回访表等单据分类放置', 5, 3),
('reception', '整顿', '服务标识、价目表、三包政策、服务流程看板清晰可见', 5, 4),
('reception', '清扫', '地面、桌椅、门窗干净，无垃圾、无灰尘', 5, 5),
('reception', '清扫', '客户休息区饮水、座椅、报刊整洁可用', 5, 6),
('reception', '清洁', '接待区有清扫责任人和清扫记录，按时执行', 5, 7),
('reception', '清洁', '前三项检查结果公布，问题限期整改', 5, 8),
('reception', '素养', '员工仪容端庄、着装整洁，佩戴工牌', 5, 9),
('reception', '素养', '来有迎声、问有答声、走有送声，执行服务礼仪规范', 5, 10),
('workshop', '整理', '工位上只有在修车辆需要的工具和配件，无废件、杂物', 5, 11),
('workshop', '整理', '三包旧件、废旧件分区存放，按时处理', 5, 12),
('workshop', '整顿', '工具、设备定位存放，工具板标识清楚，用后归位', 5, 13),
('workshop', '整顿', '工位、通道、待修区、完工区划线并标识', 5, 14),
('workshop', '清扫', '地面无油污、无积水，废油按规定回收', 5, 15),
('workshop', '清扫', '设备、工具清洁，定期保养有记录', 5, 16),
('workshop', '清洁', '每天收工前清扫工位，责任到人', 5, 17),
('workshop', '清洁', '车间5S规定上墙，检查有记录', 5, 18),
('workshop', '素养', '技师穿工作服作业，使用护车三件套（座套、把套、脚垫）', 5, 19),
('workshop', '素养', '按作业流程和标准操作，安全规范执行到位', 5, 20),
('store', '整理', '库房只存放在用配件，滞销件、待返厂件分区存放', 5, 21),
('store', '整理', '包装物、废料及时清出库房', 5, 22),
('store', '整顿', '配件按货位存放，货位标签与账面一致', 5, 23),
('store', '整顿', '常用件靠近发料口，重物下层、轻物上层', 5, 24),
('store', '清扫', '货架、配件无灰尘，地面干净', 5, 25),
('store', '清扫', '防潮、防锈、防火措施到位', 5, 26),
('store', '清洁', '出入库单据当日入账，账物相符', 5, 27),
('store', '清洁', '按时盘点，差异有说明', 5, 28),
('store', '素养', '库管员按出入库流程发料，先进先出', 5, 29),
('store', '素养', '非库房人员不随意进出库房', 5, 30);
