-- 35: 服务礼仪 — the shop's service standards register: the source text's
-- four principles (服务礼仪基本原则) and ten standards (服务礼仪基本标准),
-- each with what it asks, the post that owns it ('' = everyone) and how it
-- is checked (衡量). The shop may reword them, add its own and retire one;
-- the text's wording is the starting point ("服务标准制定：具体化、简明、
-- 可测定、符合客户要求、写入工作职责与评介").

CREATE TABLE service_standard (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('principle', 'standard')),
    seq        INTEGER NOT NULL,                      -- order on the wall board
    title      TEXT NOT NULL CHECK (title <> ''),
    content    TEXT NOT NULL CHECK (content <> ''),
    owner_post TEXT NOT NULL DEFAULT '' CHECK (owner_post IN
        ('', 'A','B','C','D','E','F','G','H','I','J','K','L','M','N','P','R','S','T')),
    measure    TEXT NOT NULL DEFAULT '',
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;
CREATE UNIQUE INDEX service_standard_title ON service_standard (kind, title);

INSERT INTO service_standard (kind, seq, title, content, owner_post, measure) VALUES
 ('principle', 1, '真诚原则', '热情服务，真诚对待每一位客户，不管他是来人还是来电、来函。', '', '来人、来电、来函都有登记和答复'),
 ('principle', 2, '一致原则', '对客户一视同仁，服务全过程标准始终如一，提供主动、周到、耐心的服务。', '', '抽查不同客户的接待过程是否一致'),
 ('principle', 3, '合宜原则', '因时、因事、因人，完美服务每一位客户，体现服务的满意与可信赖。', '', '回访满意度 4 分及以上'),
 ('principle', 4, '主动原则', '五主动：主动问候、主动招呼、主动介绍、主动服务、主动征求意见。', '', '抽查五项是否都做到'),
 ('standard', 1, '仪容规范', '在工作场所保持仪表端庄整洁、衣着得体、朴素自然。', '', '每日上岗前检查工装、工牌、仪容'),
 ('standard', 2, '来有迎声', '主动问候每一位前来的客户，了解客户的需求。', 'B', '客户进店 30 秒内有人问候'),
 ('standard', 3, '问有答声', '对客户提出的任何问题，都及时、准确、耐心地解答。', '', '客户的问题当场答复或约定答复时间'),
 ('standard', 4, '对视露笑', '向客户保持微笑，传递真诚和信任。', '', '抽查接待时目光接触、面带微笑'),
 ('standard', 5, '态度热情', '无论何种情况，都对客户表示出最大的热诚。', '', '服务态度投诉为零'),
 ('standard', 6, '迅速服务', '根据客户的要求快速反应，提供最快捷的服务；告诉客户要等多久。', 'B', '维修单写明承诺交车时间，按时交车'),
 ('standard', 7, '关注确认', '与客户交流后再次确认，以免失误或脱节。', 'B', '维修项目和费用经客户确认后开工'),
 ('standard', 8, '有错致歉', '服务中如有差错或给客户带来不便，应道歉并立即更正。', '', '投诉当日致歉，3 天内处理完'),
 ('standard', 9, '走有送声', '客户离开时向客户道别。', 'B', '交车时说明保养提示并送别'),
 ('standard', 10, '主动回访', '及时回访客户，提供跟踪后续服务。', 'I', '回访率达标，逾期回访为零');

CREATE TRIGGER audit_service_standard_insert AFTER INSERT ON service_standard WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '服务规范', '添加 ' || NEW.title);
END;
CREATE TRIGGER audit_service_standard_update AFTER UPDATE ON service_standard WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '服务规范',
            CASE WHEN OLD.active = 1 AND NEW.active = 0 THEN '停用 ' WHEN OLD.active = 0 AND NEW.active = 1 THEN '恢复 '
                 ELSE '修改 ' END || NEW.title);
END;
