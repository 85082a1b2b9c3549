//! 当前操作人: who is working and what their role may do — the roles, the
//! permissions commands need, the actor the open store carries. A leaf:
//! the store holds an [`Actor`] without knowing sign-in, and [`crate::auth`]
//! (accounts, sign-in, the permission table) builds on it.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub enum Role {
    Manager,
    Clerk,
    Parts,
}

impl Role {
    /// Every role, in the order the screens list them.
    pub const ALL: [Role; 3] = [Role::Manager, Role::Clerk, Role::Parts];

    /// What the role may do, in a few words ([`Role::allows`] is the rule).
    pub fn can(self) -> &'static str {
        match self {
            Role::Manager => "全部功能",
            Role::Clerk => "客户、维修、回访点检、投诉处理、培训、三包录入",
            Role::Parts => "配件各功能",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Role::Manager => "manager",
            Role::Clerk => "clerk",
            Role::Parts => "parts",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::Manager => "经理",
            Role::Clerk => "内勤",
            Role::Parts => "配件",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "manager" => Some(Role::Manager),
            "clerk" => Some(Role::Clerk),
            "parts" => Some(Role::Parts),
            _ => None,
        }
    }

    pub fn allows(self, p: Permission) -> bool {
        use Permission::*;
        match self {
            Role::Manager => true,
            Role::Clerk => matches!(
                p,
                Read | Customers | Repairs | FollowUps | Complaints | Training | ClaimEntry
            ),
            Role::Parts => matches!(p, Read | Parts),
        }
    }
}

/// What a command does, for the roles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    /// reads (any signed-in role)
    Read,
    /// 配件: catalogue, movements, sub-dealer orders, counts, reorder lists
    Parts,
    /// 盘点过账 (manager)
    StocktakePost,
    /// 客户、车辆、建档、整车销售数字
    Customers,
    /// 维修单 (with the parts it issues)
    Repairs,
    /// 回访、点检
    FollowUps,
    /// 投诉处理: entering and handling complaints
    Complaints,
    /// 培训: planning and recording trainings
    Training,
    /// 三包索赔录入、维修出库、提交、旧件返厂
    ClaimEntry,
    /// 批准、拒赔、退回、结算 (manager)
    ClaimDecide,
    /// 店铺设置、指标目标、规则、政策、备份位置、数据导入 (manager)
    Settings,
    /// 人员名册、岗位说明书、账号、5S、服务规范、绩效考核、设备工具、工厂上报、
    /// 服务网络名册与走访 (manager)
    Manage,
    /// 恢复备份 (manager)
    Restore,
    /// 操作日志 (manager)
    Audit,
    /// 月结与反月结 (manager)
    MonthClose,
}

/// 功能区: the window's areas (by the path the window opens them at) and
/// the permission that opens each — the menu shows a role the areas whose
/// permission it has, and the window's contract carries the list
/// (`RoleAreas`). 人员与现场 opens with 培训 (the clerk sees that tab only).
pub const AREAS: [(&str, Permission); 9] = [
    ("/dashboard", Permission::Read),
    ("/parts", Permission::Parts),
    ("/warranty", Permission::ClaimEntry),
    ("/customers", Permission::Customers),
    ("/network", Permission::Manage),
    ("/staff", Permission::Training),
    ("/documents", Permission::Manage),
    ("/settings", Permission::Settings),
    ("/audit", Permission::Audit),
];

impl Role {
    /// The areas (paths, in the menu's order) this role may open.
    pub fn areas(self) -> Vec<&'static str> {
        AREAS.iter().filter(|(_, p)| self.allows(*p)).map(|(a, _)| *a).collect()
    }
}

/// Who is working: a signed-in person, or the manager of a shop that does
/// not require login.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Actor {
    pub staff_id: Option<i64>,
    pub name: String,
    pub role: Role,
    pub role_label: &'static str,
}

impl Actor {
    /// The manager at the desk of a shop that does not require login.
    pub fn without_login() -> Actor {
        Actor {
            staff_id: None,
            name: "经理（免登录）".into(),
            role: Role::Manager,
            role_label: Role::Manager.label(),
        }
    }

    /// The command line, on the manager's behalf.
    pub fn command_line() -> Actor {
        Actor {
            staff_id: None,
            name: "命令行".into(),
            role: Role::Manager,
            role_label: Role::Manager.label(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_role_opens_the_areas_its_permissions_reach() {
        assert_eq!(Role::Manager.areas().len(), AREAS.len());
        assert_eq!(Role::Clerk.areas(), ["/dashboard", "/warranty", "/customers", "/staff"]);
        assert_eq!(Role::Parts.areas(), ["/dashboard", "/parts"]);
    }
}
