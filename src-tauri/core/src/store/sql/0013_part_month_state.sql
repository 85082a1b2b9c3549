-- 13: 配件月末状态 — each part's state at the end of each month in which it
-- moved (its balance and latest 动销 after the month's last movement), valid
-- from that month until the next month it moved (`until_month`, exclusive;
-- '9999-12' while it is the latest). The slow-moving rate (indicator 7) of
-- any month, or of twelve months at once, is then one range scan of the
-- states still valid at the month's end, instead of a seek per part into two
-- million movements. Kept by a trigger: the ledger posts each part's
-- movements in date order, so a new movement is always the part's latest.

CREATE TABLE part_month_state (
    part_id     INTEGER NOT NULL REFERENCES part (id),
    from_month  TEXT    NOT NULL,                     -- YYYY-MM
    until_month TEXT    NOT NULL DEFAULT '9999-12',   -- the next month the part moved
    balance_qty INTEGER NOT NULL,
    issue_as_of TEXT    NOT NULL DEFAULT '',          -- latest 动销 date, '' = never
    PRIMARY KEY (part_id, from_month)
) STRICT, WITHOUT ROWID;
CREATE INDEX part_month_state_until
    ON part_month_state (until_month, from_month, part_id, balance_qty, issue_as_of);

INSERT INTO part_month_state (part_id, from_month, until_month, balance_qty, issue_as_of)
SELECT part_id, month,
       coalesce(lead(month) OVER (PARTITION BY part_id ORDER BY month), '9999-12'),
       balance_qty, issue
FROM (SELECT part_id, substr(moved_on, 1, 7) AS month, balance_qty, coalesce(issue_as_of, '') AS issue,
             row_number() OVER (PARTITION BY part_id, substr(moved_on, 1, 7) ORDER BY moved_on DESC, id DESC) AS rn
      FROM stock_movement)
WHERE rn = 1;

CREATE TRIGGER stock_movement_part_month_state AFTER INSERT ON stock_movement
BEGIN
    UPDATE part_month_state SET until_month = substr(NEW.moved_on, 1, 7)
     WHERE part_id = NEW.part_id AND until_month = '9999-12' AND from_month < substr(NEW.moved_on, 1, 7);
    INSERT INTO part_month_state (part_id, from_month, balance_qty, issue_as_of)
    VALUES (NEW.part_id, substr(NEW.moved_on, 1, 7), NEW.balance_qty, coalesce(NEW.issue_as_of, ''))
    ON CONFLICT (part_id, from_month) DO UPDATE
        SET balance_qty = excluded.balance_qty, issue_as_of = excluded.issue_as_of;
END;
