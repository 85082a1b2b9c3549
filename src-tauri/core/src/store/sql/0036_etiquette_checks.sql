-- 36: 礼仪检查 — a spot check (现场抽查) or a mystery visit (神秘客户) of one
-- person against the service standards in use that day: each standard met
-- or not, with a note. The share met is the person's result for the month;
-- the appraisal reads it. The standards checked are copied by id; a
-- standard reworded later keeps its checks.

CREATE TABLE etiquette_check (
    id         INTEGER PRIMARY KEY,
    checked_on TEXT NOT NULL,
    staff_id   INTEGER NOT NULL REFERENCES staff (id),
    checker    TEXT NOT NULL CHECK (checker <> ''),
    method     TEXT NOT NULL CHECK (method IN ('spot', 'mystery')),
    note       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX etiquette_check_staff ON etiquette_check (staff_id, checked_on);
CREATE INDEX etiquette_check_on ON etiquette_check (checked_on);

CREATE TABLE etiquette_check_item (
    check_id    INTEGER NOT NULL REFERENCES etiquette_check (id),
    standard_id INTEGER NOT NULL REFERENCES service_standard (id),
    met         INTEGER NOT NULL CHECK (met IN (0, 1)),
    note        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (check_id, standard_id)
) STRICT;

CREATE TRIGGER audit_etiquette_check_insert AFTER INSERT ON etiquette_check WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '礼仪检查',
            (SELECT name FROM staff WHERE id = NEW.staff_id) || ' ' || NEW.checked_on || ' '
            || CASE NEW.method WHEN 'spot' THEN '现场抽查' ELSE '神秘客户' END);
END;
