-- 16: 未改动的记录不写操作日志 — saving a record exactly as it was (a
-- workbook imported a second time, a form saved without a change) writes
-- no audit line: the update triggers of the catalogue, the shop settings and
-- the month's vehicle sales fire only when a column the user edits changed
-- (not for updated_at alone).

DROP TRIGGER audit_part_update;
CREATE TRIGGER audit_part_update AFTER UPDATE OF part_no, name, fitment, unit, category, is_engine_oil, cost_price_fen, retail_price_fen, bin_location, min_stock, max_stock, active ON part
WHEN m4s_actor() IS NOT NULL AND (OLD.part_no IS NOT NEW.part_no OR OLD.name IS NOT NEW.name OR OLD.fitment IS NOT NEW.fitment OR OLD.unit IS NOT NEW.unit OR OLD.category IS NOT NEW.category OR OLD.is_engine_oil IS NOT NEW.is_engine_oil OR OLD.cost_price_fen IS NOT NEW.cost_price_fen OR OLD.retail_price_fen IS NOT NEW.retail_price_fen OR OLD.bin_location IS NOT NEW.bin_location OR OLD.min_stock IS NOT NEW.min_stock OR OLD.max_stock IS NOT NEW.max_stock OR OLD.active IS NOT NEW.active)
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '配件目录', '修改 ' || NEW.part_no || ' ' || NEW.name);
END;

DROP TRIGGER audit_shop_settings_update;
CREATE TRIGGER audit_shop_settings_update AFTER UPDATE ON shop_settings
WHEN m4s_actor() IS NOT NULL AND (OLD.shop_name IS NOT NEW.shop_name OR OLD.brands IS NOT NEW.brands OR OLD.region IS NOT NEW.region OR OLD.address IS NOT NEW.address OR OLD.annual_vehicle_sales IS NOT NEW.annual_vehicle_sales OR OLD.vehicle_parc IS NOT NEW.vehicle_parc OR OLD.parts_per_vehicle_fen IS NOT NEW.parts_per_vehicle_fen OR OLD.inventory_basis IS NOT NEW.inventory_basis OR OLD.inventory_factor IS NOT NEW.inventory_factor OR OLD.target_first_supply IS NOT NEW.target_first_supply OR OLD.target_slow_moving IS NOT NEW.target_slow_moving OR OLD.target_warranty_cost IS NOT NEW.target_warranty_cost OR OLD.target_filing IS NOT NEW.target_filing OR OLD.target_follow_up IS NOT NEW.target_follow_up OR OLD.target_inspection IS NOT NEW.target_inspection)
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '店铺设置', '修改 #' || NEW.rowid);
END;

DROP TRIGGER audit_vehicle_sales_month_update;
CREATE TRIGGER audit_vehicle_sales_month_update AFTER UPDATE ON vehicle_sales_month
WHEN m4s_actor() IS NOT NULL AND (OLD.month IS NOT NEW.month OR OLD.units IS NOT NEW.units OR OLD.amount_fen IS NOT NEW.amount_fen)
BEGIN
    INSERT INTO audit_log (at, who, role, action, detail)
    VALUES (m4s_now(), m4s_actor(), m4s_role(), '整车销售', '修改 #' || NEW.rowid);
END;
