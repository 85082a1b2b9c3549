-- 31: the desk's 待回访 count reads indexes only. Counting the calls due in
-- the last year walks every sale and every delivered repair of that year
-- (tens of thousands on a large shop); these let each step stay inside an
-- index: the event's day and customer together, and "answered by an
-- effective call" as a probe of an index holding only effective calls.
CREATE INDEX repair_order_delivered_customer ON repair_order (delivered_at, customer_id);
CREATE INDEX vehicle_sold_customer ON vehicle (sale_date, customer_id) WHERE sold_here = 1;
CREATE INDEX follow_up_answered_repair ON follow_up (repair_order_id, due_on) WHERE effective = 1;
CREATE INDEX follow_up_answered_sale ON follow_up (vehicle_id, due_on) WHERE effective = 1 AND reason = 'sale';
-- the few customers marked 无法回访, read once per count
CREATE INDEX customer_unreachable ON customer (id) WHERE unreachable_reason IS NOT NULL;
