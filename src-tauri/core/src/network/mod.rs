//! 服务网络：the outlets the shop serves — 经销商, 零售商, 特约维修站 — with
//! their card ([`outlet`]), the visits made to them and what was agreed
//! ([`visit`]), and each outlet's month side by side ([`month`]).
//!
//! An outlet is the `dealer` table's row (the name its parts orders always
//! carried). Its vehicles are the network's vehicles: a vehicle an outlet
//! sold is `sold_here` like the shop's own and names the outlet
//! (`vehicle.dealer_id`), so its file, fee, follow-ups and inspections count
//! once in the shop's indicators and again, by outlet, on the outlet's card.
//! A claim an outlet reports names it (`warranty_claim.dealer_id`); the parts
//! the shop supplies for it are the claim's 三包更换 lines (8 and 9,
//! "含零售商").

pub mod month;
pub mod outlet;
pub mod sheets;
pub mod visit;
