//! 索赔单：a warranty claim. Entered as a draft (录入) with the vehicle, the
//! invoice date, mileage, the fault and the main failed part (主损件), the
//! appraisal (鉴定) and the replaced parts; the parts are issued from stock
//! as 三包更换 movements at book cost when the repair is done (维修出库);
//! then 已提交 → 已批准 / 已拒赔 (with reason) / 退回修改 (back to editing)
//! → 已结算 (amount and date). Every step is kept with who and when.
//!
//! Coverage is checked as the claim is entered: out of period, over the
//! mileage, a wear part — shown plainly; submitting such a claim needs an
//! override reason. A likely duplicate (the same vehicle and main part
//! within 30 days) is refused unless the clerk confirms it is not one.
//!
//! A claim usually belongs to a 三包 repair order (the job): the order opens
//! it with the vehicle, mileage and fault entered once; the parts fitted
//! under warranty are issued from the order as 三包更换 and become the
//! claim's lines; completing the order gives the claim its repair date and
//! technician. A claim without an order (entered on its own, as before)
//! issues its parts itself (维修出库).

mod coverage;
mod entry;
mod job;
mod list;
mod model;
mod path;
#[cfg(test)]
mod tests;

pub use coverage::*;
pub use entry::*;
pub use job::*;
pub use list::*;
pub use model::*;
pub use path::*;
