-- 12: 工厂关注指标上报 — the seven figures as they were when a month was
-- reported to the factory, with the date it was sent. Later changes to the
-- month's records show as differences against this snapshot. Values are
-- stored as the dashboard computes them (money in yuan with two decimals,
-- rates in percent, counts), NULL = 无数据.

CREATE TABLE factory_report (
    month              TEXT PRIMARY KEY,   -- YYYY-MM
    sent_on            TEXT NOT NULL,
    inventory_value    TEXT,               -- 1 库存金额
    first_supply_rate  TEXT,               -- 6 配件一次供应率
    warranty_cost_rate TEXT,               -- 9 三包费用率
    files              TEXT,               -- 11 用户建档数量
    filing_rate        TEXT,               -- 12 建档率
    follow_up_rate     TEXT,               -- 14 回访率
    inspection_rate    TEXT,               -- 20 点检率
    created_at         TEXT NOT NULL
) STRICT;
