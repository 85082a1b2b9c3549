-- 38: the front desk on the repair order, and the lost-customer rule.
--
-- 接待员: who received the customer and wrote the order (服务内勤), so the
-- calls about a repair add up by receptionist as well as by technician
-- (满意度) and the receptionist's own appraisal reads their orders. Orders
-- written before keep an empty one.
--
-- 流失客户: a customer not seen for this many months is listed to be
-- called back; 6 (two missed three-monthly services) until the shop sets
-- its own in 回访点检规则.

ALTER TABLE repair_order ADD COLUMN receptionist TEXT NOT NULL DEFAULT '';
ALTER TABLE service_rules ADD COLUMN lost_after_months INTEGER NOT NULL DEFAULT 6
    CHECK (lost_after_months BETWEEN 1 AND 120);
