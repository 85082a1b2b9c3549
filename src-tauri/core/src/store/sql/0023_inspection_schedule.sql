-- 23: 点检周期 in force when the vehicle was sold (domain.md §3, 20). A
-- change of the inspection rule (first inspection, interval, span) applies
-- to the vehicles sold from the day it is made; those sold before keep the
-- schedule in force at their sale, so a change never rewrites past months'
-- 点检率. Each row holds for vehicles sold on or after its from_date, until
-- the next row's. The first row starts before any sale: the rule as it
-- stood.
CREATE TABLE inspection_schedule (
    from_date       TEXT    NOT NULL PRIMARY KEY,
    first_months    INTEGER NOT NULL CHECK (first_months BETWEEN 1 AND 24),
    interval_months INTEGER NOT NULL CHECK (interval_months BETWEEN 0 AND 24),
    span_months     INTEGER NOT NULL CHECK (span_months BETWEEN 1 AND 120),
    created_at      TEXT    NOT NULL
) STRICT;
INSERT INTO inspection_schedule (from_date, first_months, interval_months, span_months, created_at)
VALUES ('0001-01-01',
        coalesce((SELECT inspection_first_months FROM service_rules WHERE id = 1), 1),
        coalesce((SELECT inspection_interval_months FROM service_rules WHERE id = 1), 3),
        coalesce((SELECT inspection_span_months FROM service_rules WHERE id = 1), 12),
        strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'));

CREATE TRIGGER audit_inspection_schedule_insert AFTER INSERT ON inspection_schedule WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '点检周期',
            '自 ' || NEW.from_date || ' 起售出的车：首次 ' || NEW.first_months || ' 个月，间隔 '
            || NEW.interval_months || ' 个月，期限 ' || NEW.span_months || ' 个月');
END;
