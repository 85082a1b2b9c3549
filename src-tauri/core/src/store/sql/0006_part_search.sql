-- 6: search-as-you-type over 20,000 parts in one narrow scan.
--
-- The stock list filters on part number, name and initials (LIKE '%…%', so
-- no index can seek) and then orders by a column. Without this index every
-- keystroke walked the part_no index and looked each row up in the wide part
-- table (20,000 random reads). This covering index holds every column the
-- list filters, sorts and totals on, so the search reads one compact index
-- and touches the table only for the page it shows.

CREATE INDEX part_search ON part (
    part_no, name, name_initials, active, category, is_engine_oil,
    on_hand, stock_value_fen, min_stock, retail_price_fen, bin_location, last_issue_on
);
