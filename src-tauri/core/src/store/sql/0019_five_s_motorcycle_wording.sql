-- 19: 5S 检查表 in a motorcycle workshop's words: the default item about
-- protecting the customer's vehicle named a car's 护车三件套（座套、把套、
-- 脚垫）. A shop that edited the item keeps its own text; inspections keep
-- the text they were scored on (each score row holds its own copy).
UPDATE five_s_item
   SET text = '技师穿工作服作业，维修前为客户车辆装好防护（座垫套、车把套、油箱护罩）'
 WHERE text = '技师穿工作服作业，使用护车三件套（座套、把套、脚垫）';
