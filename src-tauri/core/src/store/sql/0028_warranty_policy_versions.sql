-- 三包政策 by the date it takes effect (生效日期). A claim is judged by the
-- policy in effect on the day it was reported, so a change never
-- reclassifies the claims already entered: a new policy must take effect
-- after the last claim's report date. The policy kept so far becomes the
-- first version, in effect from the beginning.
CREATE TABLE warranty_policy_version (
    id                   INTEGER PRIMARY KEY,
    effective_from       TEXT NOT NULL UNIQUE,                  -- 生效日期 YYYY-MM-DD
    months               INTEGER NOT NULL CHECK (months > 0),   -- 整车三包期（月）
    km                   INTEGER NOT NULL CHECK (km > 0),       -- 整车三包里程（公里）
    categories           TEXT NOT NULL DEFAULT '',              -- one per line: 类别 月 公里
    wear_parts           TEXT NOT NULL DEFAULT '',              -- 易损件, separated by 、
    first_service_months INTEGER NOT NULL CHECK (first_service_months BETWEEN 1 AND 24),
    first_service_km     INTEGER NOT NULL CHECK (first_service_km BETWEEN 1 AND 100000),
    saved_at             TEXT NOT NULL
) STRICT;
INSERT INTO warranty_policy_version (effective_from, months, km, categories, wear_parts, first_service_months,
        first_service_km, saved_at)
    SELECT '0001-01-01', months, km,
        coalesce((SELECT group_concat(category || ' ' || months || ' ' || km, char(10) ORDER BY category)
                  FROM warranty_policy_category), ''),
        wear_parts, first_service_months, first_service_km, updated_at
    FROM warranty_policy;
DROP TABLE warranty_policy_category;
DROP TABLE warranty_policy;

CREATE TRIGGER audit_warranty_policy_version_insert AFTER INSERT ON warranty_policy_version
WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '三包政策', '新政策自 ' || NEW.effective_from || ' 起生效');
END;
CREATE TRIGGER audit_warranty_policy_version_update AFTER UPDATE ON warranty_policy_version
WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '三包政策', '修改自 ' || NEW.effective_from || ' 起生效的政策');
END;
