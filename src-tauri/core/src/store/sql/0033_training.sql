-- 33: 培训 — "未经培训或未经有效培训的员工对企业来讲是个破坏者". A training is
-- planned for a day and, once held, recorded with the day it was held; its
-- attendees are the shop's own staff (a roster id) or an outlet's people
-- (the outlet and a name), each with a test score and the certificate it
-- gave (上岗证 …) and the day that certificate runs out. Planned trainings
-- not held by their day and certificates running out are on the to-do.

CREATE TABLE training (
    id           INTEGER PRIMARY KEY,
    planned_on   TEXT NOT NULL,                       -- 计划日期
    held_on      TEXT,                                -- 举办日期 (NULL: not held yet)
    subject      TEXT NOT NULL
        CHECK (subject IN ('product', 'technique', 'warranty', 'etiquette', 'safety')),
    title        TEXT NOT NULL CHECK (title <> ''),   -- 主题
    trainer      TEXT NOT NULL CHECK (trainer <> ''), -- 讲师
    hours_tenths INTEGER NOT NULL CHECK (hours_tenths > 0),   -- 学时, in tenths of an hour
    place        TEXT NOT NULL DEFAULT '',
    note         TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL
) STRICT;
CREATE INDEX training_planned ON training (planned_on);
CREATE INDEX training_not_held ON training (planned_on) WHERE held_on IS NULL;

CREATE TABLE training_attendee (
    id           INTEGER PRIMARY KEY,
    training_id  INTEGER NOT NULL REFERENCES training (id),
    staff_id     INTEGER REFERENCES staff (id),       -- 本店人员
    dealer_id    INTEGER REFERENCES dealer (id),      -- 网点人员
    name         TEXT NOT NULL CHECK (name <> ''),
    score        INTEGER CHECK (score BETWEEN 0 AND 100),
    certificate  TEXT NOT NULL DEFAULT '',            -- 证书 (上岗证 …)
    certificate_expires_on TEXT,                      -- 有效期至
    CHECK ((staff_id IS NULL) <> (dealer_id IS NULL)),
    CHECK (certificate_expires_on IS NULL OR certificate <> '')
) STRICT;
CREATE UNIQUE INDEX training_attendee_staff ON training_attendee (training_id, staff_id) WHERE staff_id IS NOT NULL;
CREATE UNIQUE INDEX training_attendee_outlet ON training_attendee (training_id, dealer_id, name) WHERE dealer_id IS NOT NULL;
CREATE INDEX training_attendee_training ON training_attendee (training_id);
CREATE INDEX training_attendee_person ON training_attendee (staff_id) WHERE staff_id IS NOT NULL;
CREATE INDEX training_attendee_certificate ON training_attendee (certificate_expires_on)
    WHERE certificate_expires_on IS NOT NULL;

-- 操作日志
CREATE TRIGGER audit_training_insert AFTER INSERT ON training WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '培训',
            CASE WHEN NEW.held_on IS NULL THEN '计划 ' || NEW.planned_on ELSE '记录 ' || NEW.held_on END
            || ' ' || NEW.title);
END;
CREATE TRIGGER audit_training_update AFTER UPDATE ON training WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '培训',
            CASE WHEN OLD.held_on IS NULL AND NEW.held_on IS NOT NULL THEN '举办 ' || NEW.held_on
                 ELSE '修改' END || ' ' || NEW.title);
END;
CREATE TRIGGER audit_training_delete AFTER DELETE ON training WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '培训', '取消计划 ' || OLD.planned_on || ' ' || OLD.title);
END;
