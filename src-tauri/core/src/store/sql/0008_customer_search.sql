-- 8: customer search over 100,000 customers in a few milliseconds, and
-- the month's inspections (indicator 20) without a scan.
--
-- A LIKE '%…%' scan of 100,000 names and mobiles takes 15–25 ms. Instead:
-- * customer_fts, an FTS5 index with the trigram tokenizer over the name,
--   mobile, pinyin initials and address, answers a substring query of three
--   or more characters from the index; triggers keep it in step with the
--   customer table in the same transaction.
-- * shorter queries (a surname, 建国, 'zs', '13') match from the start of
--   the name, the given name (all but the first character), the initials or
--   the mobile: index ranges on customer_search / customer_given.

CREATE VIRTUAL TABLE customer_fts USING fts5 (
    key,
    tokenize = 'trigram'
);

INSERT INTO customer_fts (rowid, key)
SELECT id, name || ' ' || mobile || ' ' || name_initials || ' ' || address FROM customer;

CREATE TRIGGER customer_fts_insert AFTER INSERT ON customer
BEGIN
    INSERT INTO customer_fts (rowid, key)
    VALUES (new.id, new.name || ' ' || new.mobile || ' ' || new.name_initials || ' ' || new.address);
END;

CREATE TRIGGER customer_fts_update AFTER UPDATE OF name, mobile, name_initials, address ON customer
BEGIN
    DELETE FROM customer_fts WHERE rowid = old.id;
    INSERT INTO customer_fts (rowid, key)
    VALUES (new.id, new.name || ' ' || new.mobile || ' ' || new.name_initials || ' ' || new.address);
END;

CREATE TRIGGER customer_fts_delete AFTER DELETE ON customer
BEGIN
    DELETE FROM customer_fts WHERE rowid = old.id;
END;

-- the given name (everything after the one-character surname)
CREATE INDEX customer_given ON customer (substr(name, 2));
CREATE INDEX customer_initials ON customer (name_initials);

-- the inspections closing a month's due dates (indicator 20)
CREATE INDEX inspection_due_on ON inspection (due_on, vehicle_id, inspected_on);
