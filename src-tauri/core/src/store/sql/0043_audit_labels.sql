-- 操作日志的名称: the audit triggers that spelled out a code table of their
-- own (CASE NEW.kind WHEN 'receipt' THEN '采购入库' …) take the label from the
-- app's tables through m4s_label(table, code) instead (labels.rs), so the
-- log says what the screens say. Each is dropped and made again with the
-- same words; one copy had drifted: a lost customer's 服务态度 was logged as
-- 态度.

DROP TRIGGER audit_movement;
CREATE TRIGGER audit_movement AFTER INSERT ON stock_movement WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '出入库', (SELECT part_no || ' ' || name FROM part WHERE id = NEW.part_id) || ' ' || coalesce(m4s_label('movement', NEW.kind), NEW.kind) || ' ' || printf('%+d', NEW.delta) || ' ¥' || printf('%.2f', NEW.value_fen / 100.0) || CASE WHEN NEW.reverses_id IS NULL THEN '' ELSE ' 冲销 #' || NEW.reverses_id END);
END;

DROP TRIGGER audit_claim_update;
CREATE TRIGGER audit_claim_update AFTER UPDATE ON warranty_claim WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '三包索赔', NEW.claim_no || CASE WHEN OLD.status <> NEW.status THEN ' ' || coalesce(m4s_label('claim_status', OLD.status), OLD.status) || ' → ' || coalesce(m4s_label('claim_status', NEW.status), NEW.status) ELSE ' 修改' END);
END;

DROP TRIGGER audit_repair_update;
CREATE TRIGGER audit_repair_update AFTER UPDATE ON repair_order WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '维修单', NEW.order_no || CASE WHEN OLD.status <> NEW.status THEN ' ' || coalesce(m4s_label('repair_status', OLD.status), OLD.status) || ' → ' || coalesce(m4s_label('repair_status', NEW.status), NEW.status) ELSE ' 修改' END);
END;

DROP TRIGGER audit_staff_update;
CREATE TRIGGER audit_staff_update AFTER UPDATE ON staff WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '人员名册', NEW.name || CASE WHEN coalesce(OLD.password_hash, '') <> coalesce(NEW.password_hash, '') OR coalesce(OLD.role, '') <> coalesce(NEW.role, '') THEN ' 登录账号：' || coalesce(m4s_label('role', NEW.role), '无') ELSE ' 修改' END);
END;

DROP TRIGGER audit_dealer_update;
CREATE TRIGGER audit_dealer_update AFTER UPDATE ON dealer WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '服务网络', '修改 ' || NEW.name
        || CASE WHEN OLD.status <> NEW.status THEN ' 状态：'
             || coalesce(m4s_label('outlet_status', NEW.status), NEW.status)
             || ' ' || coalesce(NEW.status_on, '') ELSE '' END);
END;

DROP TRIGGER audit_complaint_update;
CREATE TRIGGER audit_complaint_update AFTER UPDATE ON complaint WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '投诉处理',
            CASE WHEN OLD.closed_on IS NULL AND NEW.closed_on IS NOT NULL
                 THEN '结案 ' || NEW.complaint_no || ' ' || NEW.closed_on || ' 客户'
                      || coalesce(m4s_label('complaint_confirmation', NEW.confirmation), NEW.confirmation, '')
                 ELSE '修改 ' || NEW.complaint_no END);
END;

DROP TRIGGER audit_complaint_step_insert;
CREATE TRIGGER audit_complaint_step_insert AFTER INSERT ON complaint_step WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '投诉处理',
            (SELECT complaint_no FROM complaint WHERE id = NEW.complaint_id) || ' '
            || coalesce(m4s_label('complaint_step', NEW.kind), NEW.kind)
            || ' ' || NEW.done_on);
END;

DROP TRIGGER audit_customer_lost_insert;
CREATE TRIGGER audit_customer_lost_insert AFTER INSERT ON customer_lost WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '流失客户',
            (SELECT name FROM customer WHERE id = NEW.customer_id) || ' ' || NEW.recorded_on || ' '
            || coalesce(m4s_label('lost_outcome', NEW.outcome), NEW.outcome));
END;

DROP TRIGGER audit_etiquette_check_insert;
CREATE TRIGGER audit_etiquette_check_insert AFTER INSERT ON etiquette_check WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '礼仪检查',
            (SELECT name FROM staff WHERE id = NEW.staff_id) || ' ' || NEW.checked_on || ' '
            || coalesce(m4s_label('check_method', NEW.method), NEW.method));
END;

DROP TRIGGER audit_repair_order_step;
CREATE TRIGGER audit_repair_order_step AFTER INSERT ON repair_order_step WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '维修单',
            (SELECT order_no FROM repair_order WHERE id = NEW.repair_order_id) || ' '
            || coalesce(m4s_label('process_step', NEW.step), NEW.step) || ' 完成');
END;
