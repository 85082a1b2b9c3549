//! 报表：the monthly summary (月度汇总: the 22 indicators with targets, marks,
//! changes and 12-month trends, and the desk's to-do counts) as a PDF and an
//! .xlsx, and the factory report (工厂关注指标: the seven figures, kept as a
//! snapshot once sent, later changes shown as differences).
//!
//! Both take their figures from [`crate::dashboard`], so the dashboard, the
//! CLI, the PDF and the workbook show the same numbers for the same month.

pub mod factory;
pub mod pdf;
pub mod sheets;
pub mod summary;
