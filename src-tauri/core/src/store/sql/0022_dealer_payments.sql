-- 22: 配件销售金额 (indicator 4) is cash received (现金收款为准): a
-- sub-dealer shipment is sold at the price charged, and the cash counts when
-- it comes in — with the delivery (现结) or later as a 收款 against the
-- outlet. Each delivery line carries its price and amount (货款); the
-- payments are their own append-only records; an outlet's balance (应收款)
-- is what it was charged less what it paid.
--
-- Deliveries made before this migration booked their cash on the movement
-- when they shipped (stock_movement.cash_fen): that stays their cash, on the
-- day it was booked, and their lines are charged exactly that, so they owe
-- nothing. New deliveries post their movements with no cash.
ALTER TABLE dealer_delivery_line ADD COLUMN unit_price_fen INTEGER NOT NULL DEFAULT 0 CHECK (unit_price_fen >= 0);
ALTER TABLE dealer_delivery_line ADD COLUMN amount_fen INTEGER NOT NULL DEFAULT 0 CHECK (amount_fen >= 0);
UPDATE dealer_delivery_line SET
    amount_fen = (SELECT cash_fen FROM stock_movement WHERE id = movement_id),
    unit_price_fen = (SELECT cash_fen FROM stock_movement WHERE id = movement_id) / qty;

CREATE TABLE dealer_payment (
    id          INTEGER PRIMARY KEY,
    dealer_id   INTEGER NOT NULL REFERENCES dealer (id),
    paid_on     TEXT NOT NULL,
    amount_fen  INTEGER NOT NULL CHECK (amount_fen <> 0),   -- a reversal is negative
    method      TEXT NOT NULL DEFAULT '',                  -- 现金 / 转账 / 微信 / 支付宝 / 其他
    delivery_id INTEGER REFERENCES dealer_delivery (id),   -- paid with this delivery (现结)
    reverses_id INTEGER UNIQUE REFERENCES dealer_payment (id),
    operator    TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    CHECK ((reverses_id IS NULL) = (amount_fen > 0))
) STRICT;
CREATE INDEX dealer_payment_date ON dealer_payment (paid_on);
CREATE INDEX dealer_payment_dealer ON dealer_payment (dealer_id, paid_on);

-- a payment is corrected by its reversal (冲销), never edited or deleted
CREATE TRIGGER dealer_payment_append_only_update BEFORE UPDATE ON dealer_payment
BEGIN SELECT RAISE(ABORT, 'dealer_payment is append-only'); END;
CREATE TRIGGER dealer_payment_append_only_delete BEFORE DELETE ON dealer_payment
BEGIN SELECT RAISE(ABORT, 'dealer_payment is append-only'); END;

-- 月结: cash in a closed month is that month's indicator 4
CREATE TRIGGER closed_dealer_payment BEFORE INSERT ON dealer_payment
WHEN substr(NEW.paid_on, 1, 7) IN closed_months
BEGIN SELECT RAISE(ABORT, 'M4S_MONTH_CLOSED'); END;

-- 操作日志
CREATE TRIGGER audit_dealer_payment_insert AFTER INSERT ON dealer_payment WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '经销商收款',
            (SELECT name FROM dealer WHERE id = NEW.dealer_id) || ' ' || NEW.paid_on || ' ¥' || printf('%.2f', NEW.amount_fen / 100.0)
            || CASE WHEN NEW.reverses_id IS NULL THEN '' ELSE ' 冲销 #' || NEW.reverses_id END);
END;
