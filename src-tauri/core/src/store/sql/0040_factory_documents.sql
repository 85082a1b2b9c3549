-- 40: 工厂文件与技术通报 — the manager as the factory's 服务指令执行人
-- (报告、贯彻; 学习工厂文件、手册): the register of what the factory sends
-- (服务政策, 技术通报, 维修手册, 服务活动/召回) with its number, what it asks
-- the shop to do and by when, who must read it and each person's
-- confirmation (传达); a 服务活动/召回 names its scope (models, VIN ranges,
-- or a VIN range within a model) and each affected vehicle's progress:
-- told (通知) and done, the latter from a finished repair order of that
-- vehicle. Attached files (a scanned bulletin, a photo of a failed part)
-- are kept inside the data file, 10 MB each at most.

CREATE TABLE factory_document (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('policy', 'bulletin', 'manual', 'campaign')),
    doc_no      TEXT NOT NULL UNIQUE CHECK (doc_no <> ''),   -- 文号
    title       TEXT NOT NULL CHECK (title <> ''),
    received_on TEXT NOT NULL,                               -- 收文日期
    content     TEXT NOT NULL DEFAULT '',                    -- 内容摘要
    action      TEXT NOT NULL DEFAULT '',                    -- 要求措施
    due_on      TEXT,                                        -- 落实期限
    done_on     TEXT,                                        -- 落实日期
    done_note   TEXT NOT NULL DEFAULT '',                    -- 落实情况
    created_at  TEXT NOT NULL,
    CHECK (due_on IS NULL OR due_on >= received_on),
    CHECK (done_on IS NULL OR done_on >= received_on)
) STRICT;
CREATE INDEX factory_document_received ON factory_document (received_on);

-- 传达: who must read it, and when each confirmed (本人, or recorded by the
-- manager at the meeting where it was read out)
CREATE TABLE factory_document_reader (
    document_id  INTEGER NOT NULL REFERENCES factory_document (id),
    staff_id     INTEGER NOT NULL REFERENCES staff (id),
    confirmed_on TEXT,
    confirmed_by TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (document_id, staff_id),
    CHECK ((confirmed_on IS NULL) = (confirmed_by = ''))
) STRICT;
CREATE INDEX factory_document_reader_staff ON factory_document_reader (staff_id, confirmed_on);

-- a 服务活动/召回's scope, one row per part: a model, a VIN range, or both
-- (the range within the model). A range compares the VINs without their
-- 9th character, the check digit, which does not follow the production
-- sequence (so the range's ends need not carry a valid one)
CREATE TABLE campaign_scope (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES factory_document (id),
    model       TEXT NOT NULL DEFAULT '',
    vin_from    TEXT NOT NULL DEFAULT '',
    vin_to      TEXT NOT NULL DEFAULT '',
    CHECK (model <> '' OR vin_from <> ''),
    CHECK ((vin_from = '') = (vin_to = '')),
    CHECK (vin_from = '' OR (length(vin_from) = 17 AND length(vin_to) = 17
        AND substr(vin_to, 1, 8) || substr(vin_to, 10) >= substr(vin_from, 1, 8) || substr(vin_from, 10)))
) STRICT;
CREATE INDEX campaign_scope_document ON campaign_scope (document_id);

-- an affected vehicle's progress: told (通知) and done by a finished repair
-- order of the same vehicle
CREATE TABLE campaign_vehicle (
    document_id     INTEGER NOT NULL REFERENCES factory_document (id),
    vehicle_id      INTEGER NOT NULL REFERENCES vehicle (id),
    notified_on     TEXT,
    repair_order_id INTEGER REFERENCES repair_order (id),
    done_on         TEXT,
    note            TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (document_id, vehicle_id),
    CHECK ((done_on IS NULL) = (repair_order_id IS NULL))
) STRICT;
CREATE INDEX campaign_vehicle_vehicle ON campaign_vehicle (vehicle_id);

-- 附件: a file kept inside the data file, owned by a factory document or a
-- warranty claim (the owner is checked by the triggers below: SQLite's
-- foreign keys cannot point at one of two tables)
CREATE TABLE attachment (
    id         INTEGER PRIMARY KEY,
    owner_kind TEXT NOT NULL CHECK (owner_kind IN ('factory_document', 'warranty_claim')),
    owner_id   INTEGER NOT NULL,
    file_name  TEXT NOT NULL CHECK (file_name <> ''),
    mime       TEXT NOT NULL,
    size       INTEGER NOT NULL CHECK (size BETWEEN 1 AND 10485760),
    content    BLOB NOT NULL CHECK (length(content) = size),
    added_at   TEXT NOT NULL,
    added_by   TEXT NOT NULL CHECK (added_by <> '')
) STRICT;
CREATE INDEX attachment_owner ON attachment (owner_kind, owner_id);

CREATE TRIGGER attachment_owner_exists BEFORE INSERT ON attachment
WHEN (NEW.owner_kind = 'factory_document' AND NOT EXISTS (SELECT 1 FROM factory_document WHERE id = NEW.owner_id))
  OR (NEW.owner_kind = 'warranty_claim' AND NOT EXISTS (SELECT 1 FROM warranty_claim WHERE id = NEW.owner_id))
BEGIN SELECT RAISE(ABORT, 'M4S_ATTACHMENT_OWNER'); END;
CREATE TRIGGER attachment_unchanged BEFORE UPDATE ON attachment
BEGIN SELECT RAISE(ABORT, 'M4S_ATTACHMENT_FIXED'); END;

CREATE TRIGGER audit_factory_document_insert AFTER INSERT ON factory_document WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '工厂文件', '登记 ' || NEW.doc_no || ' ' || NEW.title);
END;
CREATE TRIGGER audit_factory_document_update AFTER UPDATE ON factory_document WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '工厂文件',
            CASE WHEN NEW.done_on IS NOT NULL AND OLD.done_on IS NULL THEN '落实 '
                 WHEN NEW.done_on IS NULL AND OLD.done_on IS NOT NULL THEN '撤销落实 '
                 ELSE '修改 ' END || NEW.doc_no || ' ' || NEW.title);
END;
CREATE TRIGGER audit_factory_document_read AFTER UPDATE OF confirmed_on ON factory_document_reader
WHEN m4s_actor() IS NOT NULL AND NEW.confirmed_on IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '工厂文件',
            '传达确认 ' || (SELECT doc_no FROM factory_document WHERE id = NEW.document_id) || ' '
            || (SELECT name FROM staff WHERE id = NEW.staff_id));
END;
CREATE TRIGGER audit_campaign_vehicle AFTER UPDATE ON campaign_vehicle WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '服务活动',
            CASE WHEN NEW.done_on IS NOT NULL AND OLD.done_on IS NULL THEN '完成 '
                 WHEN NEW.done_on IS NULL AND OLD.done_on IS NOT NULL THEN '撤销完成 '
                 ELSE '通知 ' END
            || (SELECT doc_no FROM factory_document WHERE id = NEW.document_id) || ' '
            || (SELECT vin FROM vehicle WHERE id = NEW.vehicle_id));
END;
CREATE TRIGGER audit_campaign_vehicle_insert AFTER INSERT ON campaign_vehicle WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '服务活动',
            CASE WHEN NEW.done_on IS NOT NULL THEN '完成 ' ELSE '通知 ' END
            || (SELECT doc_no FROM factory_document WHERE id = NEW.document_id) || ' '
            || (SELECT vin FROM vehicle WHERE id = NEW.vehicle_id));
END;
CREATE TRIGGER audit_attachment_insert AFTER INSERT ON attachment WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '附件', '添加 ' || NEW.file_name || '（'
            || CASE NEW.owner_kind WHEN 'factory_document' THEN (SELECT doc_no FROM factory_document WHERE id = NEW.owner_id)
                                   ELSE (SELECT claim_no FROM warranty_claim WHERE id = NEW.owner_id) END || '）');
END;
CREATE TRIGGER audit_attachment_delete AFTER DELETE ON attachment WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '附件', '删除 ' || OLD.file_name || '（'
            || CASE OLD.owner_kind WHEN 'factory_document' THEN (SELECT doc_no FROM factory_document WHERE id = OLD.owner_id)
                                   ELSE (SELECT claim_no FROM warranty_claim WHERE id = OLD.owner_id) END || '）');
END;
