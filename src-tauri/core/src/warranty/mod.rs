//! 三包索赔：warranty claims ([`claim`]) from entry to settlement, checked
//! against the shop's policy ([`policy`]); the replaced parts issued from
//! stock as 三包更换 and their old parts returned to the factory in batches
//! ([`old_parts`]); indicators 8–10 ([`indicators`]); the quality feedback
//! for the factory ([`quality`]).

pub mod claim;
pub mod indicators;
pub mod old_parts;
pub mod policy;
pub mod quality;
pub mod sheets;
