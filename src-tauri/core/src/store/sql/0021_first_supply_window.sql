-- 21: 配件一次供应率 as the text means it (domain.md §3, 6). "一次供应" is
-- supply from stock when the order arrives, so each order gets a
-- first-supply window: N days from its receipt (订货日期), N a setting
-- (default 2), fixed on the order when it is made so that a later change of
-- the setting does not rewrite past months. What ships within the window is
-- the order's first supply (qty_first); the order enters the month in which
-- its window ends, shipped or not. An order can be cancelled (撤销: within
-- its window and before anything ships; it then counts nowhere) or closed
-- short (结案: no more deliveries; what was not shipped in the window counts
-- as unsupplied, as it would anyway).
ALTER TABLE shop_settings ADD COLUMN first_supply_days INTEGER NOT NULL DEFAULT 2
    CHECK (first_supply_days BETWEEN 0 AND 30);
-- 数量供应率 has its own target beside 品种供应率's (the headline's)
ALTER TABLE shop_settings ADD COLUMN target_first_supply_qty TEXT NOT NULL DEFAULT '90';

ALTER TABLE dealer_order ADD COLUMN supply_due_on TEXT;   -- last day of the first-supply window
ALTER TABLE dealer_order ADD COLUMN close_kind TEXT CHECK (close_kind IN ('cancelled', 'short'));
ALTER TABLE dealer_order ADD COLUMN closed_on TEXT;
ALTER TABLE dealer_order ADD COLUMN close_reason TEXT NOT NULL DEFAULT '';
UPDATE dealer_order SET supply_due_on = date(ordered_on, '+2 days');
CREATE INDEX dealer_order_supply_due ON dealer_order (supply_due_on);

-- an order line's deliveries (its first supply, its 货款) without a scan
CREATE INDEX dealer_delivery_line_line ON dealer_delivery_line (line_id);

-- the first supply is what shipped within the window (it was the first
-- delivery, whenever it came)
UPDATE dealer_order_line SET qty_first = (
    SELECT coalesce(sum(dl.qty), 0) FROM dealer_delivery_line dl
    JOIN dealer_delivery dd ON dd.id = dl.delivery_id
    JOIN dealer_order o ON o.id = dd.order_id
    WHERE dl.line_id = dealer_order_line.id AND dd.delivered_on <= o.supply_due_on);

-- cancelling or closing an order whose window ended in a closed month
-- would move that month's figure
CREATE TRIGGER closed_dealer_order_close BEFORE UPDATE OF close_kind ON dealer_order
WHEN substr(OLD.supply_due_on, 1, 7) IN closed_months AND NEW.close_kind IS NOT OLD.close_kind
  AND (NEW.close_kind = 'cancelled' OR OLD.close_kind = 'cancelled')
BEGIN SELECT RAISE(ABORT, 'M4S_MONTH_CLOSED'); END;

-- which rules a closing record's figures were computed under: 1 = before
-- this migration (indicator 6's figure was 数量供应率 of the orders first
-- delivered in the month), 2 = 品种供应率 of the orders whose window ended
ALTER TABLE month_closing ADD COLUMN rules INTEGER NOT NULL DEFAULT 1;
