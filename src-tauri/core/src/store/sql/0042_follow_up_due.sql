-- 42: 应回访 kept as rows. Every call the 回访 rules schedule — a sale's
-- day-3 and day-30 calls, a delivered repair's day-3 call — is one row of
-- follow_up_due, with whether an effective call has answered it. The
-- triggers below keep it in step with the sales, the deliveries, the calls
-- and the rules, whatever writes them (forms, the workbook import, the
-- demo); `moto4s check` compares it with the records (check.rs).
--
-- Why: the desk's to-do counts the calls due over the last year. Derived
-- from the records, that is one probe for each sale and each delivery in
-- the window (about 52,000 on the ten-year large shop, 36-41 ms); read
-- from here it is a range of the calls not yet answered.
--
-- The rule days are read from service_rules, which until now could be
-- absent (the app then used its defaults); the row is written here with
-- those defaults (a core test holds them equal to ServiceRules::default).

INSERT OR IGNORE INTO service_rules (id, follow_up_sale_days, follow_up_repair_days, inspection_first_months,
        inspection_interval_months, inspection_span_months, wait_maintenance_minutes, wait_repair_minutes,
        wait_warranty_minutes, wait_onsite_minutes, updated_at, lost_after_months)
    VALUES (1, '3,30', '3', 1, 3, 12, 60, 180, 240, 240, m4s_now(), 6);

CREATE TABLE follow_up_due (
    reason    TEXT    NOT NULL CHECK (reason IN ('sale', 'repair')),
    source_id INTEGER NOT NULL,   -- vehicle.id for a sale, repair_order.id for a repair
    due_on    TEXT    NOT NULL,   -- the sale's date or the delivery's day + the rule's days
    answered  INTEGER NOT NULL CHECK (answered IN (0, 1)),   -- an effective call for it exists
    PRIMARY KEY (reason, source_id, due_on)
) STRICT, WITHOUT ROWID;
-- the calls not yet answered, by day: the to-do counts a range of it
-- without reading the rows (a partial index WHERE answered = 0 would still
-- read each row to test the flag)
CREATE INDEX follow_up_due_open ON follow_up_due (answered, due_on);

-- the sales' calls
INSERT OR IGNORE INTO follow_up_due (reason, source_id, due_on, answered)
SELECT 'sale', v.id, date(v.sale_date, '+' || j.value || ' days'),
       EXISTS (SELECT 1 FROM follow_up f WHERE f.vehicle_id = v.id AND f.reason = 'sale' AND f.effective = 1
                  AND f.due_on = date(v.sale_date, '+' || j.value || ' days'))
FROM vehicle v, service_rules r, json_each('[' || r.follow_up_sale_days || ']') j
WHERE r.id = 1 AND v.sold_here = 1 AND date(v.sale_date) IS NOT NULL;

-- the deliveries' calls
INSERT OR IGNORE INTO follow_up_due (reason, source_id, due_on, answered)
SELECT 'repair', o.id, date(substr(o.delivered_at, 1, 10), '+' || j.value || ' days'),
       EXISTS (SELECT 1 FROM follow_up f WHERE f.repair_order_id = o.id AND f.effective = 1
                  AND f.due_on = date(substr(o.delivered_at, 1, 10), '+' || j.value || ' days'))
FROM repair_order o, service_rules r, json_each('[' || r.follow_up_repair_days || ']') j
WHERE r.id = 1 AND date(substr(o.delivered_at, 1, 10)) IS NOT NULL;

-- a sale: its calls are scheduled; a changed sale date or 本店销售 mark
-- schedules them again; a deleted vehicle takes them away
CREATE TRIGGER follow_up_due_sale_insert AFTER INSERT ON vehicle
WHEN new.sold_here = 1 AND date(new.sale_date) IS NOT NULL
BEGIN
    INSERT OR IGNORE INTO follow_up_due (reason, source_id, due_on, answered)
    SELECT 'sale', new.id, date(new.sale_date, '+' || j.value || ' days'),
           EXISTS (SELECT 1 FROM follow_up f WHERE f.vehicle_id = new.id AND f.reason = 'sale' AND f.effective = 1
                      AND f.due_on = date(new.sale_date, '+' || j.value || ' days'))
    FROM service_rules r, json_each('[' || r.follow_up_sale_days || ']') j
    WHERE r.id = 1;
END;

CREATE TRIGGER follow_up_due_sale_update AFTER UPDATE OF sold_here, sale_date ON vehicle
BEGIN
    DELETE FROM follow_up_due WHERE reason = 'sale' AND source_id = old.id;
    INSERT OR IGNORE INTO follow_up_due (reason, source_id, due_on, answered)
    SELECT 'sale', new.id, date(new.sale_date, '+' || j.value || ' days'),
           EXISTS (SELECT 1 FROM follow_up f WHERE f.vehicle_id = new.id AND f.reason = 'sale' AND f.effective = 1
                      AND f.due_on = date(new.sale_date, '+' || j.value || ' days'))
    FROM service_rules r, json_each('[' || r.follow_up_sale_days || ']') j
    WHERE r.id = 1 AND new.sold_here = 1 AND date(new.sale_date) IS NOT NULL;
END;

CREATE TRIGGER follow_up_due_sale_delete AFTER DELETE ON vehicle
BEGIN
    DELETE FROM follow_up_due WHERE reason = 'sale' AND source_id = old.id;
END;

-- a delivery: its calls are scheduled; a changed delivery time schedules
-- them again; a deleted order takes them away
CREATE TRIGGER follow_up_due_repair_insert AFTER INSERT ON repair_order
WHEN date(substr(new.delivered_at, 1, 10)) IS NOT NULL
BEGIN
    INSERT OR IGNORE INTO follow_up_due (reason, source_id, due_on, answered)
    SELECT 'repair', new.id, date(substr(new.delivered_at, 1, 10), '+' || j.value || ' days'),
           EXISTS (SELECT 1 FROM follow_up f WHERE f.repair_order_id = new.id AND f.effective = 1
                      AND f.due_on = date(substr(new.delivered_at, 1, 10), '+' || j.value || ' days'))
    FROM service_rules r, json_each('[' || r.follow_up_repair_days || ']') j
    WHERE r.id = 1;
END;

CREATE TRIGGER follow_up_due_repair_update AFTER UPDATE OF delivered_at ON repair_order
BEGIN
    DELETE FROM follow_up_due WHERE reason = 'repair' AND source_id = old.id;
    INSERT OR IGNORE INTO follow_up_due (reason, source_id, due_on, answered)
    SELECT 'repair', new.id, date(substr(new.delivered_at, 1, 10), '+' || j.value || ' days'),
           EXISTS (SELECT 1 FROM follow_up f WHERE f.repair_order_id = new.id AND f.effective = 1
                      AND f.due_on = date(substr(new.delivered_at, 1, 10), '+' || j.value || ' days'))
    FROM service_rules r, json_each('[' || r.follow_up_repair_days || ']') j
    WHERE r.id = 1 AND date(substr(new.delivered_at, 1, 10)) IS NOT NULL;
END;

CREATE TRIGGER follow_up_due_repair_delete AFTER DELETE ON repair_order
BEGIN
    DELETE FROM follow_up_due WHERE reason = 'repair' AND source_id = old.id;
END;

-- a call: an effective one answers its scheduled call; a call changed or
-- deleted has the calls it touched (before and after) judged again
CREATE TRIGGER follow_up_due_call_insert AFTER INSERT ON follow_up
WHEN new.effective = 1 AND new.due_on IS NOT NULL
BEGIN
    UPDATE follow_up_due SET answered = 1
    WHERE reason = 'sale' AND new.reason = 'sale' AND source_id = new.vehicle_id AND due_on = new.due_on;
    UPDATE follow_up_due SET answered = 1
    WHERE reason = 'repair' AND source_id = new.repair_order_id AND due_on = new.due_on;
END;

CREATE TRIGGER follow_up_due_call_update AFTER UPDATE OF vehicle_id, repair_order_id, reason, due_on, effective ON follow_up
BEGIN
    UPDATE follow_up_due
    SET answered = EXISTS (SELECT 1 FROM follow_up f WHERE f.vehicle_id = follow_up_due.source_id AND f.reason = 'sale'
                              AND f.effective = 1 AND f.due_on = follow_up_due.due_on)
    WHERE reason = 'sale' AND source_id IN (old.vehicle_id, new.vehicle_id) AND due_on IN (old.due_on, new.due_on);
    UPDATE follow_up_due
    SET answered = EXISTS (SELECT 1 FROM follow_up f WHERE f.repair_order_id = follow_up_due.source_id
                              AND f.effective = 1 AND f.due_on = follow_up_due.due_on)
    WHERE reason = 'repair' AND source_id IN (old.repair_order_id, new.repair_order_id)
      AND due_on IN (old.due_on, new.due_on);
END;

CREATE TRIGGER follow_up_due_call_delete AFTER DELETE ON follow_up
WHEN old.effective = 1 AND old.due_on IS NOT NULL
BEGIN
    UPDATE follow_up_due
    SET answered = EXISTS (SELECT 1 FROM follow_up f WHERE f.vehicle_id = follow_up_due.source_id AND f.reason = 'sale'
                              AND f.effective = 1 AND f.due_on = follow_up_due.due_on)
    WHERE reason = 'sale' AND source_id = old.vehicle_id AND due_on = old.due_on;
    UPDATE follow_up_due
    SET answered = EXISTS (SELECT 1 FROM follow_up f WHERE f.repair_order_id = follow_up_due.source_id
                              AND f.effective = 1 AND f.due_on = follow_up_due.due_on)
    WHERE reason = 'repair' AND source_id = old.repair_order_id AND due_on = old.due_on;
END;

-- the rules: changed 回访 days schedule every sale's or delivery's calls
-- again (a rare save; filling both took 2 s on the large shop when this
-- migration ran there)
CREATE TRIGGER follow_up_due_rules_sale AFTER UPDATE OF follow_up_sale_days ON service_rules
WHEN old.follow_up_sale_days IS NOT new.follow_up_sale_days
BEGIN
    DELETE FROM follow_up_due WHERE reason = 'sale';
    INSERT OR IGNORE INTO follow_up_due (reason, source_id, due_on, answered)
    SELECT 'sale', v.id, date(v.sale_date, '+' || j.value || ' days'),
           EXISTS (SELECT 1 FROM follow_up f WHERE f.vehicle_id = v.id AND f.reason = 'sale' AND f.effective = 1
                      AND f.due_on = date(v.sale_date, '+' || j.value || ' days'))
    FROM vehicle v, json_each('[' || new.follow_up_sale_days || ']') j
    WHERE v.sold_here = 1 AND date(v.sale_date) IS NOT NULL;
END;

CREATE TRIGGER follow_up_due_rules_repair AFTER UPDATE OF follow_up_repair_days ON service_rules
WHEN old.follow_up_repair_days IS NOT new.follow_up_repair_days
BEGIN
    DELETE FROM follow_up_due WHERE reason = 'repair';
    INSERT OR IGNORE INTO follow_up_due (reason, source_id, due_on, answered)
    SELECT 'repair', o.id, date(substr(o.delivered_at, 1, 10), '+' || j.value || ' days'),
           EXISTS (SELECT 1 FROM follow_up f WHERE f.repair_order_id = o.id AND f.effective = 1
                      AND f.due_on = date(substr(o.delivered_at, 1, 10), '+' || j.value || ' days'))
    FROM repair_order o, json_each('[' || new.follow_up_repair_days || ']') j
    WHERE date(substr(o.delivered_at, 1, 10)) IS NOT NULL;
END;

-- the rules row replaced (a new shop taking the demo's rules): every call
-- scheduled again from the new row; none while the row is absent
CREATE TRIGGER follow_up_due_rules_insert AFTER INSERT ON service_rules
BEGIN
    DELETE FROM follow_up_due;
    INSERT OR IGNORE INTO follow_up_due (reason, source_id, due_on, answered)
    SELECT 'sale', v.id, date(v.sale_date, '+' || j.value || ' days'),
           EXISTS (SELECT 1 FROM follow_up f WHERE f.vehicle_id = v.id AND f.reason = 'sale' AND f.effective = 1
                      AND f.due_on = date(v.sale_date, '+' || j.value || ' days'))
    FROM vehicle v, json_each('[' || new.follow_up_sale_days || ']') j
    WHERE v.sold_here = 1 AND date(v.sale_date) IS NOT NULL;
    INSERT OR IGNORE INTO follow_up_due (reason, source_id, due_on, answered)
    SELECT 'repair', o.id, date(substr(o.delivered_at, 1, 10), '+' || j.value || ' days'),
           EXISTS (SELECT 1 FROM follow_up f WHERE f.repair_order_id = o.id AND f.effective = 1
                      AND f.due_on = date(substr(o.delivered_at, 1, 10), '+' || j.value || ' days'))
    FROM repair_order o, json_each('[' || new.follow_up_repair_days || ']') j
    WHERE date(substr(o.delivered_at, 1, 10)) IS NOT NULL;
END;

CREATE TRIGGER follow_up_due_rules_delete AFTER DELETE ON service_rules
BEGIN
    DELETE FROM follow_up_due;
END;
