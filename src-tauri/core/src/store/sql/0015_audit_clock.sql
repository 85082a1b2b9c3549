-- 15: 审计时间走统一时钟 — the audit log's time comes from the app's one
-- clock (dates::now, through the application function m4s_now()), so a
-- clock set by MOTO4S_TODAY (tests, a frozen demo) stamps the log as it
-- stamps every record. The triggers of migration 14, unchanged but for
-- their time, are dropped and made again.

DROP TRIGGER audit_movement;
CREATE TRIGGER audit_movement AFTER INSERT ON stock_movement WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '出入库', (SELECT part_no || ' ' || name FROM part WHERE id = NEW.part_id) || ' ' || CASE NEW.kind WHEN 'receipt' THEN '采购入库' WHEN 'sale' THEN '销售出库' WHEN 'repair' THEN '维修领用' WHEN 'warranty' THEN '三包更换' WHEN 'dealer' THEN '经销商发货' WHEN 'gain' THEN '盘盈' WHEN 'loss' THEN '盘亏' WHEN 'return' THEN '退厂' ELSE NEW.kind END || ' ' || printf('%+d', NEW.delta) || ' ¥' || printf('%.2f', NEW.value_fen / 100.0) || CASE WHEN NEW.reverses_id IS NULL THEN '' ELSE ' 冲销 #' || NEW.reverses_id END);
END;

DROP TRIGGER audit_part_insert;
CREATE TRIGGER audit_part_insert AFTER INSERT ON part WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '配件目录', '新增 ' || NEW.part_no || ' ' || NEW.name);
END;

DROP TRIGGER audit_part_update;
CREATE TRIGGER audit_part_update AFTER UPDATE OF part_no, name, fitment, unit, category, is_engine_oil, cost_price_fen, retail_price_fen, bin_location, min_stock, max_stock, active ON part WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '配件目录', '修改 ' || NEW.part_no || ' ' || NEW.name);
END;

DROP TRIGGER audit_claim_insert;
CREATE TRIGGER audit_claim_insert AFTER INSERT ON warranty_claim WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '三包索赔', '录入 ' || NEW.claim_no);
END;

DROP TRIGGER audit_claim_update;
CREATE TRIGGER audit_claim_update AFTER UPDATE ON warranty_claim WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '三包索赔', NEW.claim_no || CASE WHEN OLD.status <> NEW.status THEN ' ' || CASE OLD.status WHEN 'draft' THEN '录入' WHEN 'submitted' THEN '已提交' WHEN 'approved' THEN '已批准' WHEN 'rejected' THEN '已拒赔' WHEN 'returned' THEN '退回修改' WHEN 'settled' THEN '已结算' ELSE OLD.status END || ' → ' || CASE NEW.status WHEN 'draft' THEN '录入' WHEN 'submitted' THEN '已提交' WHEN 'approved' THEN '已批准' WHEN 'rejected' THEN '已拒赔' WHEN 'returned' THEN '退回修改' WHEN 'settled' THEN '已结算' ELSE NEW.status END ELSE ' 修改' END);
END;

DROP TRIGGER audit_repair_insert;
CREATE TRIGGER audit_repair_insert AFTER INSERT ON repair_order WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '维修单', '新建 ' || NEW.order_no);
END;

DROP TRIGGER audit_repair_update;
CREATE TRIGGER audit_repair_update AFTER UPDATE ON repair_order WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '维修单', NEW.order_no || CASE WHEN OLD.status <> NEW.status THEN ' ' || CASE OLD.status WHEN 'open' THEN '在修' WHEN 'done' THEN '完工待交车' WHEN 'delivered' THEN '已交车' ELSE OLD.status END || ' → ' || CASE NEW.status WHEN 'open' THEN '在修' WHEN 'done' THEN '完工待交车' WHEN 'delivered' THEN '已交车' ELSE NEW.status END ELSE ' 修改' END);
END;

DROP TRIGGER audit_staff_insert;
CREATE TRIGGER audit_staff_insert AFTER INSERT ON staff WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '人员名册', '新增 ' || NEW.name);
END;

DROP TRIGGER audit_staff_update;
CREATE TRIGGER audit_staff_update AFTER UPDATE ON staff WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '人员名册', NEW.name || CASE WHEN coalesce(OLD.password_hash, '') <> coalesce(NEW.password_hash, '') OR coalesce(OLD.role, '') <> coalesce(NEW.role, '') THEN ' 登录账号：' || CASE NEW.role WHEN 'manager' THEN '经理' WHEN 'clerk' THEN '内勤' WHEN 'parts' THEN '配件' ELSE '无' END ELSE ' 修改' END);
END;

DROP TRIGGER audit_meta;
CREATE TRIGGER audit_meta AFTER INSERT ON meta WHEN m4s_actor() IS NOT NULL AND NEW.key NOT IN ('backup_last', 'demo')
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '设置', CASE NEW.key WHEN 'login_required' THEN '需要登录：' || CASE NEW.value WHEN '1' THEN '开启' ELSE '关闭' END WHEN 'small_agent' THEN '小区域代理：' || CASE NEW.value WHEN '1' THEN '是' ELSE '否' END WHEN 'backup_dir' THEN '自动备份位置：' || NEW.value WHEN 'backup_mirror_dir' THEN '第二备份位置：' || CASE NEW.value WHEN '' THEN '不用' ELSE NEW.value END ELSE NEW.key || ' = ' || NEW.value END);
END;

DROP TRIGGER audit_meta_update;
CREATE TRIGGER audit_meta_update AFTER UPDATE ON meta WHEN m4s_actor() IS NOT NULL AND NEW.key NOT IN ('backup_last', 'demo') AND OLD.value IS NOT NEW.value
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '设置', CASE NEW.key WHEN 'login_required' THEN '需要登录：' || CASE NEW.value WHEN '1' THEN '开启' ELSE '关闭' END WHEN 'small_agent' THEN '小区域代理：' || CASE NEW.value WHEN '1' THEN '是' ELSE '否' END WHEN 'backup_dir' THEN '自动备份位置：' || NEW.value WHEN 'backup_mirror_dir' THEN '第二备份位置：' || CASE NEW.value WHEN '' THEN '不用' ELSE NEW.value END ELSE NEW.key || ' = ' || NEW.value END);
END;

DROP TRIGGER audit_shop_settings_insert;
CREATE TRIGGER audit_shop_settings_insert AFTER INSERT ON shop_settings WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '店铺设置', '新增 #' || NEW.rowid);
END;

DROP TRIGGER audit_shop_settings_update;
CREATE TRIGGER audit_shop_settings_update AFTER UPDATE ON shop_settings WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '店铺设置', '修改 #' || NEW.rowid);
END;

DROP TRIGGER audit_shop_settings_delete;
CREATE TRIGGER audit_shop_settings_delete AFTER DELETE ON shop_settings WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '店铺设置', '删除 #' || OLD.rowid);
END;

DROP TRIGGER audit_dealer_insert;
CREATE TRIGGER audit_dealer_insert AFTER INSERT ON dealer WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '经销商', '新增 #' || NEW.rowid);
END;

DROP TRIGGER audit_dealer_update;
CREATE TRIGGER audit_dealer_update AFTER UPDATE ON dealer WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '经销商', '修改 #' || NEW.rowid);
END;

DROP TRIGGER audit_dealer_delete;
CREATE TRIGGER audit_dealer_delete AFTER DELETE ON dealer WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '经销商', '删除 #' || OLD.rowid);
END;

DROP TRIGGER audit_dealer_order_insert;
CREATE TRIGGER audit_dealer_order_insert AFTER INSERT ON dealer_order WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '经销商订单', '新增 #' || NEW.rowid);
END;

DROP TRIGGER audit_dealer_order_update;
CREATE TRIGGER audit_dealer_order_update AFTER UPDATE ON dealer_order WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '经销商订单', '修改 #' || NEW.rowid);
END;

DROP TRIGGER audit_dealer_order_delete;
CREATE TRIGGER audit_dealer_order_delete AFTER DELETE ON dealer_order WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '经销商订单', '删除 #' || OLD.rowid);
END;

DROP TRIGGER audit_dealer_delivery_insert;
CREATE TRIGGER audit_dealer_delivery_insert AFTER INSERT ON dealer_delivery WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '经销商发货', '新增 #' || NEW.rowid);
END;

DROP TRIGGER audit_dealer_delivery_update;
CREATE TRIGGER audit_dealer_delivery_update AFTER UPDATE ON dealer_delivery WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '经销商发货', '修改 #' || NEW.rowid);
END;

DROP TRIGGER audit_dealer_delivery_delete;
CREATE TRIGGER audit_dealer_delivery_delete AFTER DELETE ON dealer_delivery WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '经销商发货', '删除 #' || OLD.rowid);
END;

DROP TRIGGER audit_stocktake_insert;
CREATE TRIGGER audit_stocktake_insert AFTER INSERT ON stocktake WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '盘点', '新增 #' || NEW.rowid);
END;

DROP TRIGGER audit_stocktake_update;
CREATE TRIGGER audit_stocktake_update AFTER UPDATE ON stocktake WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '盘点', '修改 #' || NEW.rowid);
END;

DROP TRIGGER audit_stocktake_delete;
CREATE TRIGGER audit_stocktake_delete AFTER DELETE ON stocktake WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '盘点', '删除 #' || OLD.rowid);
END;

DROP TRIGGER audit_stocktake_line_insert;
CREATE TRIGGER audit_stocktake_line_insert AFTER INSERT ON stocktake_line WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '盘点数', '新增 #' || NEW.rowid);
END;

DROP TRIGGER audit_stocktake_line_update;
CREATE TRIGGER audit_stocktake_line_update AFTER UPDATE ON stocktake_line WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '盘点数', '修改 #' || NEW.rowid);
END;

DROP TRIGGER audit_stocktake_line_delete;
CREATE TRIGGER audit_stocktake_line_delete AFTER DELETE ON stocktake_line WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '盘点数', '删除 #' || OLD.rowid);
END;

DROP TRIGGER audit_customer_insert;
CREATE TRIGGER audit_customer_insert AFTER INSERT ON customer WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '客户', '新增 #' || NEW.rowid);
END;

DROP TRIGGER audit_customer_update;
CREATE TRIGGER audit_customer_update AFTER UPDATE ON customer WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '客户', '修改 #' || NEW.rowid);
END;

DROP TRIGGER audit_customer_delete;
CREATE TRIGGER audit_customer_delete AFTER DELETE ON customer WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '客户', '删除 #' || OLD.rowid);
END;

DROP TRIGGER audit_filing_fee_batch_insert;
CREATE TRIGGER audit_filing_fee_batch_insert AFTER INSERT ON filing_fee_batch WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '建档费返厂', '新增 #' || NEW.rowid);
END;

DROP TRIGGER audit_filing_fee_batch_update;
CREATE TRIGGER audit_filing_fee_batch_update AFTER UPDATE ON filing_fee_batch WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '建档费返厂', '修改 #' || NEW.rowid);
END;

DROP TRIGGER audit_filing_fee_batch_delete;
CREATE TRIGGER audit_filing_fee_batch_delete AFTER DELETE ON filing_fee_batch WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '建档费返厂', '删除 #' || OLD.rowid);
END;

DROP TRIGGER audit_vehicle_insert;
CREATE TRIGGER audit_vehicle_insert AFTER INSERT ON vehicle WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '车辆与建档', '新增 #' || NEW.rowid);
END;

DROP TRIGGER audit_vehicle_update;
CREATE TRIGGER audit_vehicle_update AFTER UPDATE ON vehicle WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '车辆与建档', '修改 #' || NEW.rowid);
END;

DROP TRIGGER audit_vehicle_delete;
CREATE TRIGGER audit_vehicle_delete AFTER DELETE ON vehicle WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '车辆与建档', '删除 #' || OLD.rowid);
END;

DROP TRIGGER audit_vehicle_sales_month_insert;
CREATE TRIGGER audit_vehicle_sales_month_insert AFTER INSERT ON vehicle_sales_month WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '整车销售', '新增 #' || NEW.rowid);
END;

DROP TRIGGER audit_vehicle_sales_month_update;
CREATE TRIGGER audit_vehicle_sales_month_update AFTER UPDATE ON vehicle_sales_month WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '整车销售', '修改 #' || NEW.rowid);
END;

DROP TRIGGER audit_vehicle_sales_month_delete;
CREATE TRIGGER audit_vehicle_sales_month_delete AFTER DELETE ON vehicle_sales_month WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '整车销售', '删除 #' || OLD.rowid);
END;

DROP TRIGGER audit_repair_part_insert;
CREATE TRIGGER audit_repair_part_insert AFTER INSERT ON repair_part WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '维修用料', '新增 #' || NEW.rowid);
END;

DROP TRIGGER audit_repair_part_update;
CREATE TRIGGER audit_repair_part_update AFTER UPDATE ON repair_part WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '维修用料', '修改 #' || NEW.rowid);
END;

DROP TRIGGER audit_repair_part_delete;
CREATE TRIGGER audit_repair_part_delete AFTER DELETE ON repair_part WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '维修用料', '删除 #' || OLD.rowid);
END;

DROP TRIGGER audit_follow_up_insert;
CREATE TRIGGER audit_follow_up_insert AFTER INSERT ON follow_up WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '回访', '新增 #' || NEW.rowid);
END;

DROP TRIGGER audit_follow_up_update;
CREATE TRIGGER audit_follow_up_update AFTER UPDATE ON follow_up WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '回访', '修改 #' || NEW.rowid);
END;

DROP TRIGGER audit_follow_up_delete;
CREATE TRIGGER audit_follow_up_delete AFTER DELETE ON follow_up WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '回访', '删除 #' || OLD.rowid);
END;

DROP TRIGGER audit_inspection_insert;
CREATE TRIGGER audit_inspection_insert AFTER INSERT ON inspection WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '点检', '新增 #' || NEW.rowid);
END;

DROP TRIGGER audit_inspection_update;
CREATE TRIGGER audit_inspection_update AFTER UPDATE ON inspection WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '点检', '修改 #' || NEW.rowid);
END;

DROP TRIGGER audit_inspection_delete;
CREATE TRIGGER audit_inspection_delete AFTER DELETE ON inspection WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '点检', '删除 #' || OLD.rowid);
END;

DROP TRIGGER audit_service_rules_insert;
CREATE TRIGGER audit_service_rules_insert AFTER INSERT ON service_rules WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '服务规则', '新增 #' || NEW.rowid);
END;

DROP TRIGGER audit_service_rules_update;
CREATE TRIGGER audit_service_rules_update AFTER UPDATE ON service_rules WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '服务规则', '修改 #' || NEW.rowid);
END;

DROP TRIGGER audit_service_rules_delete;
CREATE TRIGGER audit_service_rules_delete AFTER DELETE ON service_rules WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '服务规则', '删除 #' || OLD.rowid);
END;

DROP TRIGGER audit_warranty_policy_insert;
CREATE TRIGGER audit_warranty_policy_insert AFTER INSERT ON warranty_policy WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '三包政策', '新增 #' || NEW.rowid);
END;

DROP TRIGGER audit_warranty_policy_update;
CREATE TRIGGER audit_warranty_policy_update AFTER UPDATE ON warranty_policy WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '三包政策', '修改 #' || NEW.rowid);
END;

DROP TRIGGER audit_warranty_policy_delete;
CREATE TRIGGER audit_warranty_policy_delete AFTER DELETE ON warranty_policy WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '三包政策', '删除 #' || OLD.rowid);
END;

DROP TRIGGER audit_warranty_policy_category_insert;
CREATE TRIGGER audit_warranty_policy_category_insert AFTER INSERT ON warranty_policy_category WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '三包政策', '新增 #' || NEW.rowid);
END;

DROP TRIGGER audit_warranty_policy_category_update;
CREATE TRIGGER audit_warranty_policy_category_update AFTER UPDATE ON warranty_policy_category WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '三包政策', '修改 #' || NEW.rowid);
END;

DROP TRIGGER audit_warranty_policy_category_delete;
CREATE TRIGGER audit_warranty_policy_category_delete AFTER DELETE ON warranty_policy_category WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '三包政策', '删除 #' || OLD.rowid);
END;

DROP TRIGGER audit_old_part_batch_insert;
CREATE TRIGGER audit_old_part_batch_insert AFTER INSERT ON old_part_batch WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '旧件返厂', '新增 #' || NEW.rowid);
END;

DROP TRIGGER audit_old_part_batch_update;
CREATE TRIGGER audit_old_part_batch_update AFTER UPDATE ON old_part_batch WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '旧件返厂', '修改 #' || NEW.rowid);
END;

DROP TRIGGER audit_old_part_batch_delete;
CREATE TRIGGER audit_old_part_batch_delete AFTER DELETE ON old_part_batch WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '旧件返厂', '删除 #' || OLD.rowid);
END;

DROP TRIGGER audit_warranty_claim_line_insert;
CREATE TRIGGER audit_warranty_claim_line_insert AFTER INSERT ON warranty_claim_line WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '三包索赔配件', '新增 #' || NEW.rowid);
END;

DROP TRIGGER audit_warranty_claim_line_update;
CREATE TRIGGER audit_warranty_claim_line_update AFTER UPDATE ON warranty_claim_line WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '三包索赔配件', '修改 #' || NEW.rowid);
END;

DROP TRIGGER audit_warranty_claim_line_delete;
CREATE TRIGGER audit_warranty_claim_line_delete AFTER DELETE ON warranty_claim_line WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '三包索赔配件', '删除 #' || OLD.rowid);
END;

DROP TRIGGER audit_staff_post_insert;
CREATE TRIGGER audit_staff_post_insert AFTER INSERT ON staff_post WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '岗位', '新增 #' || NEW.rowid);
END;

DROP TRIGGER audit_staff_post_update;
CREATE TRIGGER audit_staff_post_update AFTER UPDATE ON staff_post WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '岗位', '修改 #' || NEW.rowid);
END;

DROP TRIGGER audit_staff_post_delete;
CREATE TRIGGER audit_staff_post_delete AFTER DELETE ON staff_post WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '岗位', '删除 #' || OLD.rowid);
END;

DROP TRIGGER audit_position_description_insert;
CREATE TRIGGER audit_position_description_insert AFTER INSERT ON position_description WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '岗位说明书', '新增 #' || NEW.rowid);
END;

DROP TRIGGER audit_position_description_update;
CREATE TRIGGER audit_position_description_update AFTER UPDATE ON position_description WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '岗位说明书', '修改 #' || NEW.rowid);
END;

DROP TRIGGER audit_position_description_delete;
CREATE TRIGGER audit_position_description_delete AFTER DELETE ON position_description WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '岗位说明书', '删除 #' || OLD.rowid);
END;

DROP TRIGGER audit_five_s_item_insert;
CREATE TRIGGER audit_five_s_item_insert AFTER INSERT ON five_s_item WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '5S检查表', '新增 #' || NEW.rowid);
END;

DROP TRIGGER audit_five_s_item_update;
CREATE TRIGGER audit_five_s_item_update AFTER UPDATE ON five_s_item WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '5S检查表', '修改 #' || NEW.rowid);
END;

DROP TRIGGER audit_five_s_item_delete;
CREATE TRIGGER audit_five_s_item_delete AFTER DELETE ON five_s_item WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '5S检查表', '删除 #' || OLD.rowid);
END;

DROP TRIGGER audit_five_s_inspection_insert;
CREATE TRIGGER audit_five_s_inspection_insert AFTER INSERT ON five_s_inspection WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '5S检查', '新增 #' || NEW.rowid);
END;

DROP TRIGGER audit_five_s_inspection_update;
CREATE TRIGGER audit_five_s_inspection_update AFTER UPDATE ON five_s_inspection WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '5S检查', '修改 #' || NEW.rowid);
END;

DROP TRIGGER audit_five_s_inspection_delete;
CREATE TRIGGER audit_five_s_inspection_delete AFTER DELETE ON five_s_inspection WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '5S检查', '删除 #' || OLD.rowid);
END;

DROP TRIGGER audit_five_s_finding_insert;
CREATE TRIGGER audit_five_s_finding_insert AFTER INSERT ON five_s_finding WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '5S问题', '新增 #' || NEW.rowid);
END;

DROP TRIGGER audit_five_s_finding_update;
CREATE TRIGGER audit_five_s_finding_update AFTER UPDATE ON five_s_finding WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '5S问题', '修改 #' || NEW.rowid);
END;

DROP TRIGGER audit_five_s_finding_delete;
CREATE TRIGGER audit_five_s_finding_delete AFTER DELETE ON five_s_finding WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '5S问题', '删除 #' || OLD.rowid);
END;

DROP TRIGGER audit_factory_report_insert;
CREATE TRIGGER audit_factory_report_insert AFTER INSERT ON factory_report WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '工厂上报', '新增 #' || NEW.rowid);
END;

DROP TRIGGER audit_factory_report_update;
CREATE TRIGGER audit_factory_report_update AFTER UPDATE ON factory_report WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '工厂上报', '修改 #' || NEW.rowid);
END;

DROP TRIGGER audit_factory_report_delete;
CREATE TRIGGER audit_factory_report_delete AFTER DELETE ON factory_report WHEN m4s_actor() IS NOT NULL
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '工厂上报', '删除 #' || OLD.rowid);
END;
