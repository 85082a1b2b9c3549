-- 5: what makes a month's parts indicators fast on a ten-year ledger.
--
-- * stock_movement.issue_as_of: the part's latest 动销 (sale, repair,
--   warranty, dealer; not a reversal) on or before this movement, so that one
--   index seek per part tells both its stock and whether it moved in the last
--   six months at any past date.
-- * the (part, date) index now covers those columns.
-- * ledger_month: the month's totals by kind and engine-oil flag, kept by a
--   trigger in the same transaction as each movement; the flows (indicators
--   2, 3, 4, 21, 22) and the stock value at a month end (indicator 1: the sum
--   of all months up to it) are read from it.

DROP TRIGGER stock_movement_append_only_update;

ALTER TABLE stock_movement ADD COLUMN issue_as_of TEXT;

-- one window pass over the ledger in posting order per part
UPDATE stock_movement SET issue_as_of = w.v
FROM (SELECT id,
             max(CASE WHEN kind IN ('sale', 'repair', 'warranty', 'dealer') AND reverses_id IS NULL
                      THEN moved_on END)
                 OVER (PARTITION BY part_id ORDER BY moved_on, id ROWS UNBOUNDED PRECEDING) AS v
      FROM stock_movement) w
WHERE w.id = stock_movement.id AND w.v IS NOT NULL;

CREATE TRIGGER stock_movement_append_only_update BEFORE UPDATE ON stock_movement
BEGIN
    SELECT RAISE(ABORT, '出入库记录不能修改，请用冲销更正');
END;

DROP INDEX stock_movement_part_date;
CREATE INDEX stock_movement_part_date
    ON stock_movement (part_id, moved_on, id, balance_qty, balance_value_fen, issue_as_of);

CREATE TABLE ledger_month (
    month        TEXT    NOT NULL,            -- YYYY-MM
    kind         TEXT    NOT NULL,
    is_oil       INTEGER NOT NULL,            -- the part's 机油 flag when posted
    delta        INTEGER NOT NULL DEFAULT 0,  -- Σ signed quantity
    value_fen    INTEGER NOT NULL DEFAULT 0,  -- Σ signed book value
    cash_fen     INTEGER NOT NULL DEFAULT 0,  -- Σ cash received, less cash of sales reversed in the month
    retail_fen   INTEGER NOT NULL DEFAULT 0,  -- Σ −delta × 限价 when posted
    PRIMARY KEY (month, kind, is_oil)
) STRICT;

INSERT INTO ledger_month (month, kind, is_oil, delta, value_fen, cash_fen, retail_fen)
SELECT substr(m.moved_on, 1, 7), m.kind, p.is_engine_oil, sum(m.delta), sum(m.value_fen),
       sum(CASE WHEN m.reverses_id IS NULL THEN m.cash_fen
                ELSE -(SELECT o.cash_fen FROM stock_movement o WHERE o.id = m.reverses_id) END),
       sum(-m.delta * p.retail_price_fen)
FROM stock_movement m JOIN part p ON p.id = m.part_id
GROUP BY 1, 2, 3;

CREATE TRIGGER stock_movement_month AFTER INSERT ON stock_movement
BEGIN
    INSERT INTO ledger_month (month, kind, is_oil, delta, value_fen, cash_fen, retail_fen)
    SELECT substr(NEW.moved_on, 1, 7), NEW.kind, p.is_engine_oil, NEW.delta, NEW.value_fen,
           CASE WHEN NEW.reverses_id IS NULL THEN NEW.cash_fen
                ELSE -(SELECT o.cash_fen FROM stock_movement o WHERE o.id = NEW.reverses_id) END,
           -NEW.delta * p.retail_price_fen
    FROM part p WHERE p.id = NEW.part_id
    ON CONFLICT (month, kind, is_oil) DO UPDATE SET
        delta = delta + excluded.delta,
        value_fen = value_fen + excluded.value_fen,
        cash_fen = cash_fen + excluded.cash_fen,
        retail_fen = retail_fen + excluded.retail_fen;
END;
