-- 37: 绩效考核 — the monthly appraisal of each person from the 考核标准 of
-- the duties their posts hold.
--
-- appraisal_item is the 考核标准 as items (考核项目): each duty's items with
-- a weight, a measure (one the app counts from its records, or 'manual' for
-- the manager to score) and a target (empty for the manual ones, and for the
-- indicators with a target in the shop's settings, which follow them). It
-- replaces the free text 考核标准 of the position descriptions: a
-- description edited by the shop keeps its lines as manual items of the
-- post's first duty, weight 10, before the column goes.
--
-- appraisal / appraisal_line are the sheets as made: made only for a closed
-- month (月结), each line copying the item's name, weight, target and the
-- figure measured when it was made. A draft's manual scores, 奖惩 and
-- remarks change until it is finalised (定稿); a final sheet, and the
-- measured lines of any sheet, never change (triggers).

CREATE TABLE appraisal_item (
    id       INTEGER PRIMARY KEY,
    duty     TEXT NOT NULL CHECK (duty IN ('A','B','C','D','E','F','G','H','I','J')),
    seq      INTEGER NOT NULL,
    name     TEXT NOT NULL CHECK (name <> ''),
    weight   INTEGER NOT NULL CHECK (weight BETWEEN 1 AND 100),
    measure  TEXT NOT NULL CHECK (measure <> ''),
    target   TEXT,                                   -- a decimal; NULL: manual, or the indicator's target
    standard TEXT NOT NULL DEFAULT '',               -- 评分标准 for the manager (manual items)
    active   INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;
CREATE UNIQUE INDEX appraisal_item_name ON appraisal_item (duty, name);

INSERT INTO appraisal_item (duty, seq, name, weight, measure, target, standard) VALUES
 ('A', 1, '月度指标达标', 40, 'indicators_met', '100', ''),
 ('A', 2, '投诉按期处理率', 20, 'complaints_on_time', '100', ''),
 ('A', 3, '用户满意度（回访平均分）', 10, 'satisfaction', '4.5', ''),
 ('A', 4, '工厂检查与考核结果', 30, 'manual', NULL, '工厂检查无扣分得满分，按工厂通报的扣分扣减'),
 ('B', 1, '按时交车率', 40, 'on_time_reception', '95', ''),
 ('B', 2, '用户对接待的满意度', 30, 'satisfaction_reception', '4.5', ''),
 ('B', 3, '礼仪检查达标率', 20, 'etiquette', '90', ''),
 ('B', 4, '涉及本人的投诉', 10, 'complaints_named', '0', ''),
 ('C', 1, '账目差错次数', 50, 'manual', NULL, '账目差错 0 次得满分，每次扣 10 分'),
 ('C', 2, '应收款项跟踪及时性', 50, 'manual', NULL, '建档费次月底前返厂、索赔款结算后 30 天内到账得满分'),
 ('D', 1, '配件一次供应率', 30, 'first_supply', NULL, ''),
 ('D', 2, '配件滞销率', 30, 'slow_moving', NULL, ''),
 ('D', 3, '盘点差异笔数', 20, 'stocktake_lines', '0', ''),
 ('D', 4, '缺件次数', 20, 'manual', NULL, '因缺件延误维修 0 次得满分，每次扣 5 分'),
 ('E', 1, '盘点差异笔数', 50, 'stocktake_lines', '0', ''),
 ('E', 2, '发错料次数', 50, 'manual', NULL, '发错料 0 次得满分，每次扣 10 分'),
 ('F', 1, '发运及时率', 40, 'manual', NULL, '经销商订单收单后 2 天内发运率 ≥ 95% 得满分'),
 ('F', 2, '发运差错次数', 30, 'manual', NULL, '发运差错 0 次得满分，每次扣 10 分'),
 ('F', 3, '超期未返厂旧件', 30, 'old_parts_overdue', '0', ''),
 ('G', 1, '三包费用率', 40, 'warranty_cost', NULL, ''),
 ('G', 2, '厂家拒赔单数', 30, 'rejected_claims', '0', ''),
 ('G', 3, '超期未返厂旧件', 30, 'old_parts_overdue', '0', ''),
 ('H', 1, '厂家拒赔单数', 40, 'rejected_claims', '0', ''),
 ('H', 2, '涉及本人的投诉', 30, 'complaints_named', '0', ''),
 ('H', 3, '鉴定单填写完整', 30, 'manual', NULL, '车架号、里程、故障、照片齐全得满分，每缺一单扣 5 分'),
 ('I', 1, '用户建档率', 30, 'filing_rate', NULL, ''),
 ('I', 2, '用户回访率', 30, 'follow_up_rate', NULL, ''),
 ('I', 3, '点检率', 20, 'inspection_rate', NULL, ''),
 ('I', 4, '回访记录的真实性', 20, 'manual', NULL, '抽查回访记录与用户所述一致得满分，每查出一条不实扣 10 分'),
 ('J', 1, '维修整车数量', 40, 'vehicles_repaired', '30', ''),
 ('J', 2, '30 天内返修率', 30, 'repeat_repairs', '2', ''),
 ('J', 3, '涉及本人的投诉', 20, 'complaints_named', '0', ''),
 ('J', 4, '工具设备保养与车间 5S', 10, 'manual', NULL, '5S 检查中无本人责任的问题得满分');

-- a description the shop edited keeps its 考核标准 lines, as manual items
-- of the post's first duty
WITH RECURSIVE first_duty (post, duty) AS (
    VALUES ('A','A'), ('B','B'), ('C','C'), ('D','D'), ('E','E'), ('F','F'), ('G','G'), ('H','H'), ('I','I'),
           ('J','J'), ('K','A'), ('L','A'), ('M','B'), ('N','E'), ('P','G'), ('R','H'), ('S','G'), ('T','B')
),
split (duty, line, rest) AS (
    SELECT f.duty, '', d.appraisal || char(10) FROM position_description d JOIN first_duty f ON f.post = d.post_code
    UNION ALL
    SELECT duty, trim(substr(rest, 1, instr(rest, char(10)) - 1)), substr(rest, instr(rest, char(10)) + 1)
    FROM split WHERE rest <> ''
)
INSERT OR IGNORE INTO appraisal_item (duty, seq, name, weight, measure, target, standard)
SELECT duty, 100 + row_number() OVER (PARTITION BY duty ORDER BY line), substr(line, 1, 30), 10, 'manual', NULL, line
FROM (SELECT DISTINCT duty, line FROM split WHERE line <> '') s
WHERE NOT EXISTS (SELECT 1 FROM appraisal_item i WHERE i.duty = s.duty AND i.name = s.line)
  -- the defaults the descriptions carried before: already items, by other names
  AND line NOT IN ('月度指标完成情况', '用户投诉次数及处理结果', '工厂检查与考核结果', '超时交车次数',
      '用户对接待的满意度', '账目差错次数', '应收款项跟踪及时性', '一次供应率与滞销率', '缺件次数', '盘点差异',
      '发错料次数', '发运及时率', '发运差错次数', '三包费用率', '拒赔金额与原因', '旧件返厂及时性', '工厂复核差错',
      '用户投诉', '建档、回访、点检完成情况', '回访记录的真实性', '维修整车数量（工作量）', '返修次数');

ALTER TABLE position_description DROP COLUMN appraisal;

CREATE TRIGGER audit_appraisal_item_insert AFTER INSERT ON appraisal_item WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '考核项目', '添加 ' || NEW.duty || ' ' || NEW.name);
END;
CREATE TRIGGER audit_appraisal_item_update AFTER UPDATE ON appraisal_item WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '考核项目',
            CASE WHEN OLD.active = 1 AND NEW.active = 0 THEN '停用 ' WHEN OLD.active = 0 AND NEW.active = 1 THEN '恢复 '
                 ELSE '修改 ' END || NEW.duty || ' ' || NEW.name);
END;

CREATE TABLE appraisal (
    id           INTEGER PRIMARY KEY,
    staff_id     INTEGER NOT NULL REFERENCES staff (id),
    month        TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),
    posts        TEXT NOT NULL,                      -- the posts held when made, e.g. 'K' or 'B,I'
    status       TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'final')),
    reward_fen   INTEGER NOT NULL DEFAULT 0,         -- 奖惩: a reward above 0, a penalty below
    remarks      TEXT NOT NULL DEFAULT '',
    made_at      TEXT NOT NULL,
    made_by      TEXT NOT NULL CHECK (made_by <> ''),
    finalised_at TEXT,
    finalised_by TEXT,
    CHECK ((status = 'final') = (finalised_at IS NOT NULL)),
    UNIQUE (staff_id, month)
) STRICT;
CREATE INDEX appraisal_month ON appraisal (month);

CREATE TABLE appraisal_line (
    appraisal_id INTEGER NOT NULL REFERENCES appraisal (id),
    seq          INTEGER NOT NULL,
    duty         TEXT NOT NULL,
    name         TEXT NOT NULL,
    weight       INTEGER NOT NULL CHECK (weight BETWEEN 1 AND 200),
    measure      TEXT NOT NULL,
    target_text  TEXT NOT NULL DEFAULT '',           -- '> 90%', '≤ 0 次', or the manual item's 评分标准
    actual       TEXT,                               -- the figure as made (a decimal); NULL: none
    actual_text  TEXT NOT NULL DEFAULT '',           -- '92.5%', '3 次（全店）', '本月无数据'
    auto         INTEGER NOT NULL CHECK (auto IN (0, 1)),  -- 1: scored from the records
    score        TEXT,                               -- points, 0 … weight, one decimal; NULL: not yet scored
    note         TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (appraisal_id, seq),
    CHECK (auto = 0 OR score IS NOT NULL)
) STRICT;

CREATE TRIGGER appraisal_final_update BEFORE UPDATE ON appraisal WHEN OLD.status = 'final'
BEGIN SELECT RAISE(ABORT, 'M4S_APPRAISAL_FINAL'); END;
CREATE TRIGGER appraisal_final_delete BEFORE DELETE ON appraisal WHEN OLD.status = 'final'
BEGIN SELECT RAISE(ABORT, 'M4S_APPRAISAL_FINAL'); END;
CREATE TRIGGER appraisal_line_insert BEFORE INSERT ON appraisal_line
WHEN (SELECT status FROM appraisal WHERE id = NEW.appraisal_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'M4S_APPRAISAL_FINAL'); END;
CREATE TRIGGER appraisal_line_update BEFORE UPDATE ON appraisal_line
WHEN (SELECT status FROM appraisal WHERE id = OLD.appraisal_id) = 'final'
  OR (OLD.auto = 1 AND (NEW.score IS NOT OLD.score OR NEW.actual IS NOT OLD.actual))
  OR NEW.weight IS NOT OLD.weight OR NEW.measure IS NOT OLD.measure OR NEW.auto IS NOT OLD.auto
BEGIN SELECT RAISE(ABORT, 'M4S_APPRAISAL_FINAL'); END;
CREATE TRIGGER appraisal_line_delete BEFORE DELETE ON appraisal_line
WHEN (SELECT status FROM appraisal WHERE id = OLD.appraisal_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'M4S_APPRAISAL_FINAL'); END;

CREATE TRIGGER audit_appraisal_insert AFTER INSERT ON appraisal WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '绩效考核',
            '制作 ' || (SELECT name FROM staff WHERE id = NEW.staff_id) || ' ' || NEW.month);
END;
CREATE TRIGGER audit_appraisal_update AFTER UPDATE ON appraisal WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '绩效考核',
            CASE WHEN NEW.status = 'final' THEN '定稿 ' ELSE '修改 ' END
            || (SELECT name FROM staff WHERE id = NEW.staff_id) || ' ' || NEW.month);
END;
CREATE TRIGGER audit_appraisal_delete AFTER DELETE ON appraisal WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '绩效考核',
            '删除草稿 ' || (SELECT name FROM staff WHERE id = OLD.staff_id) || ' ' || OLD.month);
END;
