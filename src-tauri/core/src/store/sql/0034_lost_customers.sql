-- 34: 流失客户 — a customer not seen at the shop (no purchase, no repair)
-- for months is called back, and what the call found is kept: back again
-- (会再来), or the reason they were lost, in the source text's words —
-- 逝世, 迁居, 与其它公司建立关系, 竞争, 对产品不满意, 公司业务代表的态度. The
-- latest record of a customer is their state; earlier ones stay as history.

CREATE TABLE customer_lost (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customer (id),
    recorded_on TEXT NOT NULL,
    outcome     TEXT NOT NULL CHECK (outcome IN
        ('back', 'died', 'moved', 'other_shop', 'competitor', 'product', 'attitude')),
    note        TEXT NOT NULL DEFAULT '',
    operator    TEXT NOT NULL CHECK (operator <> ''),
    created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX customer_lost_customer ON customer_lost (customer_id, recorded_on);
CREATE INDEX customer_lost_recorded ON customer_lost (recorded_on);

CREATE TRIGGER audit_customer_lost_insert AFTER INSERT ON customer_lost WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '流失客户',
            (SELECT name FROM customer WHERE id = NEW.customer_id) || ' ' || NEW.recorded_on || ' '
            || CASE NEW.outcome WHEN 'back' THEN '会再来' WHEN 'died' THEN '逝世' WHEN 'moved' THEN '迁居'
                 WHEN 'other_shop' THEN '与其它公司建立关系' WHEN 'competitor' THEN '竞争'
                 WHEN 'product' THEN '对产品不满意' ELSE '态度' END);
END;
