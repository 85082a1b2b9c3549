//! 人员与现场：the posts and the staffing table ([`posts`]), the roster and
//! its coverage of the ten duties ([`roster`]), and the position
//! descriptions ([`descriptions`]).

pub mod descriptions;
pub mod posts;
pub mod roster;
