-- 三包 work as one job: a 三包 repair order opens (or links) its claim; the
-- parts fitted under warranty are issued once, from the order, as 三包更换
-- (covered lines: nothing charged to the customer); what the factory paid
-- is recorded against the claim as parts and labour. Nothing posted before
-- is rewritten: earlier 三包 orders keep their 维修领用 lines as they were.

-- the repair order the claim belongs to (one claim per order)
ALTER TABLE warranty_claim ADD COLUMN repair_order_id INTEGER REFERENCES repair_order (id);
CREATE UNIQUE INDEX warranty_claim_order ON warranty_claim (repair_order_id) WHERE repair_order_id IS NOT NULL;
-- 维修技师 (from the order when it is completed; typed on a claim without one)
ALTER TABLE warranty_claim ADD COLUMN technician TEXT NOT NULL DEFAULT '';
-- 结算: of the amount the factory paid, for parts and for labour (NULL on
-- claims settled before the split was kept: the total only)
ALTER TABLE warranty_claim ADD COLUMN settled_parts_fen INTEGER CHECK (settled_parts_fen >= 0);
ALTER TABLE warranty_claim ADD COLUMN settled_labour_fen INTEGER CHECK (settled_labour_fen >= 0);
-- factory-paid income by settlement month (indicator 19's second line, trends)
CREATE INDEX warranty_claim_settled ON warranty_claim (settled_on);

-- a line fitted under warranty: issued as 三包更换 and charged at nothing
ALTER TABLE repair_part ADD COLUMN covered INTEGER NOT NULL DEFAULT 0
    CHECK (covered IN (0, 1) AND (covered = 0 OR price_fen = 0));
