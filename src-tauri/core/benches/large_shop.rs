//! Benchmarks on the large generated shop (20,000 parts, ~2,000,000 stock
//! movements over ten years): search as you type, a month's parts
//! indicators, and a 20,000-row catalogue import; on its customer side
//! (100,000 customers, 300,000 repair orders) customer search, the month's
//! customer indicators, the desk list and the follow-ups due; 月结 (the
//! checklist, closing a month, the dashboard on a closed month).
//!
//! `cargo bench -p moto4s-core --bench large_shop` (release build). The shop
//! is generated once into `target/bench/large.db` (or `MOTO4S_BENCH_DB`) and
//! reused. Prints the median and worst of repeated runs.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use moto4s_core::dates::{self, Month};
use moto4s_core::demo::large as demo_large;
use moto4s_core::parts::{import, indicators, stock};
use moto4s_core::{customers, Store};

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, Duration) {
    let mut v: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed()
        })
        .collect();
    v.sort();
    (v[v.len() / 2], *v.last().unwrap())
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

/// The process's peak resident memory so far (VmHWM), in MB.
fn peak_rss_mb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|k| k.parse::<u64>().ok()))
        })
        .map(|kb| kb / 1024)
        .unwrap_or(0)
}

fn main() {
    let path = std::env::var_os("MOTO4S_BENCH_DB")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/bench/large.db"));
    let today = dates::today();
    if !path.exists() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let t = Instant::now();
        let mut s = Store::open(&path).unwrap();
        let n = demo_large::create(&mut s, today).unwrap();
        println!(
            "generated {} movements, the claims and the closed months in {:.1} s",
            n,
            t.elapsed().as_secs_f64()
        );
    }
    let t = Instant::now();
    let mut store = Store::open(&path).unwrap();
    println!("open (inspect + quick_check + migrate): {}", ms(t.elapsed()));
    let customers: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM customer", [], |r| r.get(0))
        .unwrap();
    if customers == 0 {
        // a shop generated before the customer side existed: add it
        let t = Instant::now();
        demo_large::populate_customers(&mut store, demo_large::LARGE, today).unwrap();
        println!("generated the customer side in {:.1} s", t.elapsed().as_secs_f64());
    }
    let claims: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM warranty_claim", [], |r| r.get(0))
        .unwrap();
    if claims == 0 {
        let t = Instant::now();
        let n = moto4s_core::demo::large_claims::populate_claims(&mut store, demo_large::CLAIMS, today).unwrap();
        println!("generated {n} warranty claims in {:.1} s", t.elapsed().as_secs_f64());
    }
    let outlets: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM dealer", [], |r| r.get(0))
        .unwrap();
    if outlets == 0
        && store
            .conn()
            .query_row("SELECT count(*) FROM month_closing", [], |r| r.get::<_, i64>(0))
            .unwrap()
            == 0
    {
        let t = Instant::now();
        demo_large::populate_network(&mut store, 60, demo_large::LARGE.years, today).unwrap();
        println!(
            "generated the service network (60 outlets) in {:.1} s",
            t.elapsed().as_secs_f64()
        );
    }
    let closed: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM month_closing", [], |r| r.get(0))
        .unwrap();
    if closed == 0 {
        // the months before this one closed, as a shop in steady use has them
        let t = Instant::now();
        demo_large::close_past_months(&mut store, today).unwrap();
        let n: i64 = store
            .conn()
            .query_row("SELECT count(*) FROM month_closing", [], |r| r.get(0))
            .unwrap();
        println!("closed {n} past months (月结) in {:.1} s", t.elapsed().as_secs_f64());
    }
    let c = store.conn();
    let parts: i64 = c.query_row("SELECT count(*) FROM part", [], |r| r.get(0)).unwrap();
    let moves: i64 = c
        .query_row("SELECT count(*) FROM stock_movement", [], |r| r.get(0))
        .unwrap();
    println!("shop: {parts} parts, {moves} movements");

    // first, while the process's peak memory is still the export's own
    let peak_before = peak_rss_mb();
    let out = path.with_extension("export.xlsx");
    let t = Instant::now();
    moto4s_core::exchange::export(&store, &out).unwrap();
    let size = std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0);
    println!(
        "\nwhole-shop export (数据交换工作簿): {:.1} s, {:.0} MB file; peak resident memory {} MB before, {} MB after",
        t.elapsed().as_secs_f64(),
        size as f64 / 1e6,
        peak_before,
        peak_rss_mb()
    );
    let _ = std::fs::remove_file(&out);

    println!("\nsearch as you type (stock list, first page of 50 with totals), 30 runs each:");
    for q in [
        "2",
        "20",
        "2001",
        "20010-K",
        "jl",
        "jylqq",
        "hhs",
        "火花",
        "滤清器",
        "CG型",
    ] {
        let query = stock::StockQuery {
            q: q.into(),
            page_size: 50,
            ..Default::default()
        };
        let (med, worst) = time(30, || stock::query(c, &query, today).unwrap());
        println!("  {q:<10} median {:>9}  worst {:>9}", ms(med), ms(worst));
    }
    let by_value = stock::StockQuery {
        sort: "stockValue".into(),
        descending: true,
        page_size: 50,
        ..Default::default()
    };
    let (med, worst) = time(30, || stock::query(c, &by_value, today).unwrap());
    println!(
        "  all parts sorted by stock value: median {} worst {}",
        ms(med),
        ms(worst)
    );
    // indicator 1's records: the stock as it stood at last month's end
    let as_of = stock::StockQuery {
        as_of_month: Month::of(today).prev().iso(),
        page_size: 50,
        ..Default::default()
    };
    let (med, worst) = time(10, || stock::query(c, &as_of, today).unwrap());
    println!(
        "  the stock at last month's end (indicator 1's link): median {} worst {}",
        ms(med),
        ms(worst)
    );
    let lookup = time(30, || stock::lookup(c, "20010-K00-010", 8, today).unwrap());
    println!(
        "  lookup of a scanned number: median {} worst {}",
        ms(lookup.0),
        ms(lookup.1)
    );

    println!("\nparts indicators 1–7, 21, 22 for a month, 10 runs each:");
    let mut m = Month::of(today);
    for _ in 0..3 {
        let (med, worst) = time(10, || indicators::compute(c, m).unwrap());
        println!("  {}: median {} worst {}", m.iso(), ms(med), ms(worst));
        m = Month::new(m.year - 3, m.month).unwrap();
    }

    let count = |sql: &str| -> i64 { c.query_row(sql, [], |r| r.get(0)).unwrap() };
    println!(
        "\ncustomer side: {} customers, {} vehicles, {} repair orders, {} follow-ups, {} inspections",
        count("SELECT count(*) FROM customer"),
        count("SELECT count(*) FROM vehicle"),
        count("SELECT count(*) FROM repair_order"),
        count("SELECT count(*) FROM follow_up"),
        count("SELECT count(*) FROM inspection")
    );
    println!("customer search as you type (first 50 with vehicles, and the total), 30 runs each:");
    for q in ["王", "王建", "建国", "wjg", "1358", "13500012345", "024567", "第12村"] {
        let (med, worst) = time(30, || customers::customer::search(c, q, 50).unwrap());
        println!("  {q:<12} median {:>9}  worst {:>9}", ms(med), ms(worst));
    }
    println!("customer indicators 11–20 for a month, 10 runs each:");
    let mut m = Month::of(today);
    for _ in 0..3 {
        let (med, worst) = time(10, || customers::indicators::compute(c, m).unwrap());
        println!("  {}: median {} worst {}", m.iso(), ms(med), ms(worst));
        m = Month::new(m.year - 3, m.month).unwrap();
    }
    let now = dates::now();
    let (med, worst) = time(10, || {
        customers::repair::list(
            c,
            &customers::repair::RepairQuery {
                status: "active".into(),
                ..Default::default()
            },
            now,
        )
        .unwrap()
    });
    println!(
        "  the desk's list of vehicles in the shop: median {} worst {}",
        ms(med),
        ms(worst)
    );
    let (med, worst) = time(10, || customers::follow_up::due(c, today, 60, 3).unwrap());
    println!(
        "  follow-ups due (60 days back, 3 ahead): median {} worst {}",
        ms(med),
        ms(worst)
    );
    let back = customers::follow_up::DESK_BACK_DAYS;
    let (med, worst) = time(10, || customers::follow_up::due(c, today, back, 3).unwrap());
    println!(
        "  the 回访 list (a year back, 3 ahead; the desk's 待回访 counts the same): median {} worst {}",
        ms(med),
        ms(worst)
    );

    println!(
        "\nthe dashboard ({} warranty claims, {} old-part batches):",
        count("SELECT count(*) FROM warranty_claim"),
        count("SELECT count(*) FROM old_part_batch")
    );
    println!(
        "service network: {} outlets, {} outlet vehicles, {} orders, {} visits",
        count("SELECT count(*) FROM dealer"),
        count("SELECT count(*) FROM vehicle WHERE dealer_id IS NOT NULL"),
        count("SELECT count(*) FROM dealer_order"),
        count("SELECT count(*) FROM dealer_visit")
    );
    println!("the network overview for a month (every outlet side by side, goal ≤ 200 ms), 10 runs each:");
    for m in [
        Month::of(today),
        Month::of(today).prev(),
        Month::new(Month::of(today).year - 3, 6).unwrap(),
    ] {
        let (med, worst) = time(10, || moto4s_core::network::month::overview(c, m, today).unwrap());
        println!("  {}: median {} worst {}", m.iso(), ms(med), ms(worst));
    }
    println!("a month's 22 indicators, 10 runs each:");
    let mut m = Month::of(today);
    for _ in 0..3 {
        let (med, worst) = time(10, || moto4s_core::dashboard::month_values(c, m).unwrap());
        println!("  {}: median {} worst {}", m.iso(), ms(med), ms(worst));
        m = Month::new(m.year - 3, m.month).unwrap();
    }
    let (med, worst) = time(10, || moto4s_core::dashboard::todo(c, today).unwrap());
    println!(
        "the desk's to-do counts (once when the desk opens): median {} worst {}",
        ms(med),
        ms(worst)
    );
    println!("the dashboard's month: 22 indicators, the month before for the change, 10 runs each:");
    let mut m = Month::of(today);
    for _ in 0..3 {
        let (med, worst) = time(10, || moto4s_core::dashboard::compute(c, m, today).unwrap());
        println!("  {}: median {} worst {}", m.iso(), ms(med), ms(worst));
        m = Month::new(m.year - 3, m.month).unwrap();
    }
    let m = Month::of(today);
    let (med, worst) = time(10, || {
        (
            moto4s_core::dashboard::compute(c, m, today).unwrap(),
            moto4s_core::dashboard::todo(c, today).unwrap(),
        )
    });
    println!(
        "the desk opening on {}: the dashboard's month (22 indicators, the month before) and the to-do (goal ≤ 60 ms): median {} worst {}",
        m.iso(),
        ms(med),
        ms(worst)
    );
    println!("the 12-month trends (12 months × 22 indicators), 5 runs each:");
    let mut m = Month::of(today);
    for _ in 0..2 {
        let (med, worst) = time(5, || moto4s_core::dashboard::trend(c, m, today).unwrap());
        println!("  {}: median {} worst {}", m.iso(), ms(med), ms(worst));
        m = Month::new(m.year - 3, m.month).unwrap();
    }
    println!("the dashboard screen's month: trends, the month and its change, 5 runs each:");
    let mut m = Month::of(today);
    for _ in 0..2 {
        let (med, worst) = time(5, || moto4s_core::dashboard::compute_with_trend(c, m, today).unwrap());
        println!("  {}: median {} worst {}", m.iso(), ms(med), ms(worst));
        m = Month::new(m.year - 3, m.month).unwrap();
    }
    let (med, worst) = time(10, || {
        moto4s_core::parts::indicators::day_flows(c, Month::of(today), today).unwrap()
    });
    println!(
        "  the month's parts flows by day: median {} worst {}",
        ms(med),
        ms(worst)
    );
    let (med, worst) = time(5, || {
        let s = moto4s_core::report::summary::build(c, Month::of(today), today).unwrap();
        moto4s_core::report::pdf::summary_bytes(&s).unwrap()
    });
    println!(
        "  the monthly summary as PDF (build + render): median {} worst {}",
        ms(med),
        ms(worst)
    );

    println!("\ncatalogue import of every part (preview, then apply into a fresh shop):");
    let dir = std::env::temp_dir().join(format!("moto4s-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let xlsx = dir.join("catalogue.xlsx");
    let all = import::all_parts(c).unwrap();
    let t = Instant::now();
    import::export(&xlsx, &all).unwrap();
    println!("  export {} rows to .xlsx: {}", all.len(), ms(t.elapsed()));
    let mut fresh = Store::open(&dir.join("fresh.db")).unwrap();
    let t = Instant::now();
    let p = import::preview(fresh.conn(), &xlsx).unwrap();
    println!(
        "  preview: {} ({} new, {} problems)",
        ms(t.elapsed()),
        p.new_count,
        p.problems.len()
    );
    let t = Instant::now();
    let r = import::apply(&mut fresh, &xlsx).unwrap();
    println!("  apply: {} ({} created)", ms(t.elapsed()), r.created);
    let _ = std::fs::remove_dir_all(&dir);

    month_closing(&mut store, today);
}

/// 月结 on the large shop (goals: the checklist ≤ 300 ms, closing ≤ 2 s,
/// the dashboard on a closed month ≤ 50 ms).
fn month_closing(store: &mut Store, today: chrono::NaiveDate) {
    use moto4s_core::{closing, dashboard};
    let last = Month::of(today).prev();
    println!(
        "
月结 ({}, the last closed month):",
        last.iso()
    );
    let now = dates::now();
    let (mut lists, mut closes) = (Vec::new(), Vec::new());
    for _ in 0..5 {
        closing::reopen(store, last, "基准测试：反月结", now).unwrap();
        let t = Instant::now();
        closing::checklist(store.conn(), last, today).unwrap();
        lists.push(t.elapsed());
        let t = Instant::now();
        closing::close(store, last, "基准测试：再次月结", now).unwrap();
        closes.push(t.elapsed());
    }
    let spread = |mut v: Vec<Duration>| {
        v.sort();
        (v[v.len() / 2], v[v.len() - 1])
    };
    let (med, worst) = spread(lists);
    println!("  the month's checklist: median {} worst {}", ms(med), ms(worst));
    let (med, worst) = spread(closes);
    println!(
        "  closing the month (checklist, 22 indicators, the record): median {} worst {}",
        ms(med),
        ms(worst)
    );
    let c = store.conn();
    let (med, worst) = time(30, || dashboard::compute(c, last, today).unwrap());
    println!(
        "  the dashboard on the closed month (its record and the month before's): median {} worst {}",
        ms(med),
        ms(worst)
    );
    let (med, worst) = time(10, || {
        (
            dashboard::compute_with_trend(c, last, today).unwrap(),
            moto4s_core::parts::indicators::day_flows(c, last, today).unwrap(),
        )
    });
    println!(
        "  the dashboard screen on it (with the 12-month trend and the day flows): median {} worst {}",
        ms(med),
        ms(worst)
    );
}
