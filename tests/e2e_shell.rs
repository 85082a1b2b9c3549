//! End to end, in the real window: the locked-down shell — a customer whose
//! name is HTML (`<img src=x onerror=…>`) and a part named like a script are
//! shown as text in the lists and the customer file, and nothing in them
//! runs; the page's CSP forbids eval.

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
