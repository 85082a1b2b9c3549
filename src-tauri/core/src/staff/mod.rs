//! 人员与现场：the posts and the staffing table ([`posts`]), the roster and
//! its coverage of the ten duties ([`roster`]), and the position
//! descriptions ([`descriptions`]), the monthly 5S inspection ([`five_s`]),
//! the training plan and record ([`training`]), the service standards and
//! principles ([`standards`]), the monthly appraisal ([`appraisal`]), the equipment and tools
//! ([`equipment`]).

pub mod appraisal;
pub mod descriptions;
pub mod equipment;
pub mod five_s;
pub mod posts;
pub mod roster;
pub mod sheets;
pub mod standards;
pub mod training;
