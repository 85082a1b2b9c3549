-- 4: 盘点 (stocktake): a count sheet with the book quantity of each part at
-- the moment it was made; counted quantities are entered later and the
-- differences posted as 盘盈/盘亏 movements in one transaction.

CREATE TABLE stocktake (
    id         INTEGER PRIMARY KEY,
    sheet_no   TEXT NOT NULL UNIQUE,          -- PD-YYYYMMDD-NN
    created_on TEXT NOT NULL,
    category   TEXT NOT NULL DEFAULT '',      -- '' = all parts
    status     TEXT NOT NULL DEFAULT 'counting' CHECK (status IN ('counting', 'posted')),
    posted_on  TEXT,
    posted_by  TEXT,
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE stocktake_line (
    stocktake_id INTEGER NOT NULL REFERENCES stocktake (id),
    part_id      INTEGER NOT NULL REFERENCES part (id),
    book_qty     INTEGER NOT NULL CHECK (book_qty >= 0),
    counted_qty  INTEGER CHECK (counted_qty >= 0),
    movement_id  INTEGER REFERENCES stock_movement (id),
    PRIMARY KEY (stocktake_id, part_id)
) STRICT;
