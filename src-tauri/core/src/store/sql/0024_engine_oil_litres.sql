-- 24: engine oil in litres (indicator 21) and at the price charged
-- (indicator 22). Each oil part carries its volume per unit (oil_ml, e.g.
-- 1000 for a 1 L bottle, 800 for 0.8 L); the monthly totals add the litres
-- issued, each movement at its part's volume when posted, so a later
-- correction of a part's volume does not rewrite past months. Oil parts of
-- earlier data are taken as 1 L a unit until the shop corrects them (the
-- part form says so).
ALTER TABLE part ADD COLUMN oil_ml INTEGER CHECK (oil_ml IS NULL OR oil_ml BETWEEN 1 AND 1000000);
UPDATE part SET oil_ml = 1000 WHERE is_engine_oil = 1;

ALTER TABLE ledger_month ADD COLUMN oil_ml INTEGER NOT NULL DEFAULT 0;  -- Σ −delta × the part's ml when posted
-- one pass over the oil parts' movements (two million movements: a scan per
-- monthly row would take hours)
CREATE TEMP TABLE oil_month AS
SELECT substr(m.moved_on, 1, 7) AS month, m.kind AS kind, sum(-m.delta * p.oil_ml) AS ml
FROM part p JOIN stock_movement m ON m.part_id = p.id
WHERE p.is_engine_oil = 1
GROUP BY 1, 2;
UPDATE ledger_month SET oil_ml = coalesce((
    SELECT o.ml FROM oil_month o WHERE o.month = ledger_month.month AND o.kind = ledger_month.kind), 0)
WHERE is_oil = 1;
DROP TABLE oil_month;

DROP TRIGGER stock_movement_month;
CREATE TRIGGER stock_movement_month AFTER INSERT ON stock_movement
BEGIN
    INSERT INTO ledger_month (month, kind, is_oil, delta, value_fen, cash_fen, retail_fen, oil_ml)
    SELECT substr(NEW.moved_on, 1, 7), NEW.kind, p.is_engine_oil, NEW.delta, NEW.value_fen,
           CASE WHEN NEW.reverses_id IS NULL THEN NEW.cash_fen
                ELSE -(SELECT o.cash_fen FROM stock_movement o WHERE o.id = NEW.reverses_id) END,
           -NEW.delta * p.retail_price_fen,
           CASE WHEN p.is_engine_oil = 1 THEN -NEW.delta * coalesce(p.oil_ml, 0) ELSE 0 END
    FROM part p WHERE p.id = NEW.part_id
    ON CONFLICT (month, kind, is_oil) DO UPDATE SET
        delta = delta + excluded.delta,
        value_fen = value_fen + excluded.value_fen,
        cash_fen = cash_fen + excluded.cash_fen,
        retail_fen = retail_fen + excluded.retail_fen,
        oil_ml = oil_ml + excluded.oil_ml;
END;
