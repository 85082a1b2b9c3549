-- 18: 配件滞销率 as domain.md reads it (indicator 7): a part counts only if it
-- was first received before the six calendar months; a reversed issue is
-- no movement; whether a part was in use (在用) is taken as of the month end.
--
-- * part.first_in_on: the day of the part's first movement (the first one
--   is always an inbound: nothing can be issued from no stock), kept by a
--   trigger so that no writer can miss it.
-- * part_active_change: each change of the 在用/停用 flag, dated by the
--   app's one clock (m4s_now()); a month end before the first change takes
--   the opposite of that change. Changes made before this migration were not
--   dated: a part already 停用 counts as 停用 in every month, as before.
-- * issue_as_of (the part's latest 动销 as of each movement) no longer
--   counts an issue that was reversed by then. The ledger writes it so from
--   now on; here it is recomputed for the parts that have a reversed issue,
--   with their month-end states (part_month_state) and last_issue_on.

ALTER TABLE part ADD COLUMN first_in_on TEXT;
UPDATE part SET first_in_on = (SELECT min(moved_on) FROM stock_movement WHERE part_id = part.id);

CREATE TRIGGER stock_movement_first_in AFTER INSERT ON stock_movement
WHEN (SELECT first_in_on FROM part WHERE id = NEW.part_id) IS NULL
BEGIN
    UPDATE part SET first_in_on = NEW.moved_on WHERE id = NEW.part_id;
END;

CREATE TABLE part_active_change (
    part_id    INTEGER NOT NULL REFERENCES part (id),
    changed_on TEXT    NOT NULL,                    -- YYYY-MM-DD
    active     INTEGER NOT NULL CHECK (active IN (0, 1)),
    PRIMARY KEY (part_id, changed_on)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER part_active_changed AFTER UPDATE OF active ON part
WHEN OLD.active <> NEW.active
BEGIN
    INSERT INTO part_active_change (part_id, changed_on, active)
    VALUES (NEW.id, substr(m4s_now(), 1, 10), NEW.active)
    ON CONFLICT (part_id, changed_on) DO UPDATE SET active = excluded.active;
END;

-- the parts with an issue that was reversed
CREATE TEMP TABLE m18_parts AS
SELECT DISTINCT o.part_id AS id
FROM stock_movement r JOIN stock_movement o ON o.id = r.reverses_id
WHERE o.kind IN ('sale', 'repair', 'warranty', 'dealer');

DROP TRIGGER stock_movement_append_only_update;

UPDATE stock_movement SET issue_as_of = (
    SELECT max(m.moved_on) FROM stock_movement m
    WHERE m.part_id = stock_movement.part_id
      AND m.kind IN ('sale', 'repair', 'warranty', 'dealer') AND m.reverses_id IS NULL
      AND (m.moved_on < stock_movement.moved_on
           OR (m.moved_on = stock_movement.moved_on AND m.id <= stock_movement.id))
      AND NOT EXISTS (
          SELECT 1 FROM stock_movement r WHERE r.reverses_id = m.id
            AND (r.moved_on < stock_movement.moved_on
                 OR (r.moved_on = stock_movement.moved_on AND r.id <= stock_movement.id))))
WHERE part_id IN (SELECT id FROM m18_parts);

CREATE TRIGGER stock_movement_append_only_update BEFORE UPDATE ON stock_movement
BEGIN
    SELECT RAISE(ABORT, '出入库记录不能修改，请用冲销更正');
END;

DELETE FROM part_month_state WHERE part_id IN (SELECT id FROM m18_parts);
INSERT INTO part_month_state (part_id, from_month, until_month, balance_qty, issue_as_of)
SELECT part_id, month,
       coalesce(lead(month) OVER (PARTITION BY part_id ORDER BY month), '9999-12'),
       balance_qty, issue
FROM (SELECT part_id, substr(moved_on, 1, 7) AS month, balance_qty, coalesce(issue_as_of, '') AS issue,
             row_number() OVER (PARTITION BY part_id, substr(moved_on, 1, 7) ORDER BY moved_on DESC, id DESC) AS rn
      FROM stock_movement WHERE part_id IN (SELECT id FROM m18_parts))
WHERE rn = 1;

UPDATE part SET last_issue_on = (
    SELECT issue_as_of FROM stock_movement WHERE part_id = part.id ORDER BY moved_on DESC, id DESC LIMIT 1)
WHERE id IN (SELECT id FROM m18_parts);

DROP TABLE m18_parts;
