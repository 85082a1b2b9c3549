-- 10: 人员 — the roster (人员名册) with the posts each person holds, and the
-- position descriptions (岗位说明书) the manager has edited (posts without a
-- row use the defaults written in code).

CREATE TABLE staff (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL CHECK (length(name) > 0),
    phone      TEXT NOT NULL DEFAULT '',
    hired_on   TEXT,
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    note       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
) STRICT;
-- the same person entered twice: same name and phone
CREATE UNIQUE INDEX staff_name_phone ON staff (name, phone);

CREATE TABLE staff_post (
    staff_id  INTEGER NOT NULL REFERENCES staff (id),
    post_code TEXT NOT NULL CHECK (post_code IN
        ('A','B','C','D','E','F','G','H','I','J','K','L','M','N','P','R','S','T')),
    PRIMARY KEY (staff_id, post_code)
) STRICT;

CREATE TABLE position_description (
    post_code    TEXT PRIMARY KEY,
    superior     TEXT NOT NULL,   -- 上级岗位
    subordinates TEXT NOT NULL,   -- 下级岗位
    duties       TEXT NOT NULL,   -- 岗位职责, one per line
    targets      TEXT NOT NULL,   -- 指标及目标
    appraisal    TEXT NOT NULL,   -- 考核标准
    authority    TEXT NOT NULL,   -- 岗位权限
    requirements TEXT NOT NULL,   -- 任职条件
    updated_at   TEXT NOT NULL
) STRICT;
