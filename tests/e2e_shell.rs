//! End to end, in the real window: the locked-down shell — a customer whose
//! name is HTML (`<img src=x onerror=…>`) and a part named like a script are
//! shown as text in the lists and the customer file, and nothing in them
//! runs; the page's CSP forbids eval. And the shell at the window's
//! narrowest (1024 px): the header's items and the desk's to-do labels each
//! on one line, none cut short or across an edge.

mod common;

use common::{day, App, Harness};
use moto4s_core::customers::customer::CustomerInput;
use moto4s_core::customers::vehicle::{self, VehicleInput};
use moto4s_core::parts::catalog::{self, PartInput};
use moto4s_core::{demo, settings, Store};

const NAME: &str = "<img src=x onerror=__xss=1>";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn html_in_the_data_is_shown_as_text_and_never_runs() {
    let today = day("2026-11-18");
    let h = Harness::start_on(today);
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("shop.db");
    {
        let mut s = Store::open(&data).unwrap();
        settings::save(s.conn(), demo::demo_settings()).unwrap();
        catalog::create(
            s.conn(),
            &PartInput {
                part_no: "XSS-1".into(),
                name: "<script>window.__xss=2</script>火花塞".into(),
                cost_price: "10".into(),
                retail_price: "15".into(),
                active: true,
                ..Default::default()
            },
        )
        .unwrap();
        vehicle::create(
            &mut s,
            &VehicleInput {
                customer: CustomerInput {
                    name: NAME.into(),
                    mobile: "13800000001".into(),
                    ..Default::default()
                },
                vin: moto4s_core::customers::vin::with_check_digit("LBPKE1300D0000001"),
                sold_here: true,
                sale_date: "2026-06-01".into(),
                ..Default::default()
            },
            today,
        )
        .unwrap();
    }
    let app = h.launch(&data).await;
    app.click("nav-customers").await;
    app.click_css("#tab-customers").await;
    app.wait_text(&App::testid("customers-table"), NAME).await;
    app.click_text(
        &format!("{} .el-table__row", App::testid("customers-table")),
        "13800000001",
    )
    .await;
    app.wait_text(".el-drawer", NAME).await;
    app.close_overlay().await;
    app.click("nav-parts").await;
    app.wait_text(&App::testid("stock-table"), "<script>window.__xss=2</script>火花塞")
        .await;
    let ran = app
        .client
        .execute(
            "return [window.__xss === undefined, document.querySelectorAll('img[src=\"x\"]').length, document.querySelectorAll('#app script').length]",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        ran,
        serde_json::json!([true, 0, 0]),
        "nothing in the data ran or became an element"
    );
    // the CSP forbids eval
    let eval = app
        .client
        .execute(
            "try { return String(eval('1 + 1')); } catch (e) { return 'refused: ' + e.name; }",
            vec![],
        )
        .await
        .unwrap();
    assert!(eval.as_str().unwrap_or("").starts_with("refused"), "eval ran: {eval}");
    app.close().await;
}

/// What the narrowest window (1024 px, the window's minimum) shows of the
/// header and the desk's to-do cards: what the page measures, as JSON.
const NARROW_CHECK: &str = r#"
const r = (e) => e.getBoundingClientRect();
const header = document.querySelector('.header');
const name = document.querySelector('[data-testid="shop-name"]');
const items = [name, ...header.querySelectorAll('.right > *')].filter((e) => e.offsetParent !== null);
const cards = [...document.querySelectorAll('[data-testid^="todo-"]')];
return {
  width: window.innerWidth,
  // every item on one line, none past the header's right edge
  tall: items.filter((e) => r(e).height > 32).map((e) => e.textContent.trim()),
  past: items.filter((e) => r(e).right > r(header).right).map((e) => e.textContent.trim()),
  nameCut: name.scrollWidth > name.clientWidth,
  version: [...document.querySelectorAll('.file-slot')].some((e) => e.offsetParent !== null),
  cards: cards.length,
  // a card's label inside its card, never across its edge
  spilt: cards.filter((c) => r(c.querySelector('.l')).right > r(c).right).map((c) => c.textContent.trim()),
};
"#;

async fn measure(app: &App, width: u32) -> serde_json::Value {
    app.client.set_window_size(width, 760).await.unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let got = app.client.execute(NARROW_CHECK, vec![]).await.unwrap();
        if got["width"] == serde_json::json!(width) {
            return got;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the window did not become {width} px wide: {got}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(150)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_narrowest_window_keeps_the_header_and_the_desk_labels_whole() {
    let today = day("2026-11-27");
    let h = Harness::start_on(today);
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("shop.db");
    drop(demo::create_on(&data, today).unwrap());
    let app = h.launch(&data).await;
    app.wait_visible("todo-belowmin").await;

    // the window as it opens (1280 px), then the narrowest
    let wide = measure(&app, 1280).await;
    let narrow = measure(&app, 1024).await;
    // one line each, nothing cut or spilt
    assert_eq!(
        narrow["tall"],
        serde_json::json!([]),
        "header items on two lines: {narrow}"
    );
    assert_eq!(
        narrow["past"],
        serde_json::json!([]),
        "header items past its edge: {narrow}"
    );
    assert_eq!(narrow["nameCut"], false, "the demo shop's name cut short: {narrow}");
    assert_eq!(narrow["cards"], 11, "{narrow}");
    assert_eq!(
        narrow["spilt"],
        serde_json::json!([]),
        "to-do labels across their card's edge: {narrow}"
    );
    // 本机数据 · 版本 in the wide window; in the narrow one it gives way
    // (设置 shows the version)
    assert_eq!(wide["version"], true, "{wide}");
    assert_eq!(narrow["version"], false, "{narrow}");
    app.close().await;
}
