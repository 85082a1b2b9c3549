-- 20: 无法回访 — a customer the shop cannot follow up (no phone, 空号,
-- refused, moved away), marked with a reason and the day. Indicator 14's
-- base is the customers who can be reached (the text's "能回访的用户"), and
-- the follow-up list shows these apart instead of overdue for ever. Cleared
-- (NULL) when the customer can be reached again.
ALTER TABLE customer ADD COLUMN unreachable_reason TEXT
    CHECK (unreachable_reason IS NULL OR unreachable_reason IN ('no_phone', 'dead_number', 'refused', 'moved', 'other'));
ALTER TABLE customer ADD COLUMN unreachable_on TEXT;
ALTER TABLE customer ADD COLUMN unreachable_note TEXT NOT NULL DEFAULT '';
