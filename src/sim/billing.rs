//! Lambda prices (us-east-1, first tier) and the bill of a run.
//!
//! Sources: the facts sheet (PRICE) for requests, on-demand duration and the
//! free tier; the AWS Lambda pricing page, "Provisioned Concurrency Pricing",
//! US East (N. Virginia), for the provisioned rates (its worked example:
//! 1,000 provisioned at 1,024 MB for 2 hours = 7,200,000 GB-s × $0.0000041667
//! = $30.00, executions on them at $0.0000097222 per GB-s).

use serde::Serialize;

/// $ per request ($0.20 per million).
pub const REQUEST_USD: f64 = 0.20 / 1_000_000.0;
/// On-demand duration, $ per GB-second, x86_64.
pub const DURATION_USD_PER_GB_S_X86: f64 = 0.000_016_666_7;
/// On-demand duration, $ per GB-second, arm64.
pub const DURATION_USD_PER_GB_S_ARM: f64 = 0.000_013_333_4;
/// Provisioned concurrency, $ per GB-second configured, x86_64.
pub const PROVISIONED_USD_PER_GB_S_X86: f64 = 0.000_004_166_7;
/// Provisioned concurrency, $ per GB-second configured, arm64.
pub const PROVISIONED_USD_PER_GB_S_ARM: f64 = 0.000_003_333_4;
/// Duration of invokes that run on provisioned environments, $ per GB-s, x86_64
/// (lower than on-demand).
pub const PROVISIONED_DURATION_USD_PER_GB_S_X86: f64 = 0.000_009_722_2;
/// Duration of invokes that run on provisioned environments, $ per GB-s, arm64.
pub const PROVISIONED_DURATION_USD_PER_GB_S_ARM: f64 = 0.000_007_777_8;
/// Monthly free tier: requests.
pub const FREE_REQUESTS: u64 = 1_000_000;
/// Monthly free tier: GB-seconds of on-demand duration.
pub const FREE_GB_S: f64 = 400_000.0;
/// Provisioned concurrency is billed in steps of 5 minutes.
pub const PROVISIONED_ROUNDING_S: f64 = 300.0;

/// Lambda Managed Instances: the management fee on top of the instances'
/// EC2 On-Demand price (aws.amazon.com/lambda/pricing, "Lambda Managed
/// Instances": requests at $0.20 per million, the EC2 instance price, and a
/// 15 % compute management fee; no duration charge per GB-second).
pub const MANAGED_FEE_SHARE: f64 = 0.15;

/// The bill of a Managed Instances function: requests, instance-hours at
/// the instance type's price, and the management fee on them. The free
/// tier covers Lambda requests and GB-seconds, so it is applied to the
/// requests only.
pub fn managed_cost(requests: u64, instance_hours: f64, usd_per_hour: f64, free_tier: bool) -> Cost {
    let billable = if free_tier { requests.saturating_sub(FREE_REQUESTS) } else { requests };
    let requests = billable as f64 * REQUEST_USD;
    let instances = instance_hours * usd_per_hour;
    let management_fee = instances * MANAGED_FEE_SHARE;
    Cost { requests, instances, management_fee, total: requests + instances + management_fee, ..Cost::default() }
}

/// The instruction set the function runs on (it sets the rates).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Architecture {
    #[serde(rename = "x86_64")]
    X86_64,
    #[serde(rename = "arm64")]
    Arm64,
}

impl Architecture {
    pub fn id(self) -> &'static str {
        match self {
            Architecture::X86_64 => "x86_64",
            Architecture::Arm64 => "arm64",
        }
    }

    pub fn duration_rate(self) -> f64 {
        match self {
            Architecture::X86_64 => DURATION_USD_PER_GB_S_X86,
            Architecture::Arm64 => DURATION_USD_PER_GB_S_ARM,
        }
    }

    pub fn provisioned_rate(self) -> f64 {
        match self {
            Architecture::X86_64 => PROVISIONED_USD_PER_GB_S_X86,
            Architecture::Arm64 => PROVISIONED_USD_PER_GB_S_ARM,
        }
    }

    pub fn provisioned_duration_rate(self) -> f64 {
        match self {
            Architecture::X86_64 => PROVISIONED_DURATION_USD_PER_GB_S_X86,
            Architecture::Arm64 => PROVISIONED_DURATION_USD_PER_GB_S_ARM,
        }
    }
}

/// What a run used, in billing units.
#[derive(Debug, Clone, Copy, Default)]
pub struct Usage {
    /// Handler runs (each one is a request).
    pub requests: u64,
    /// Billed milliseconds (Init included) on on-demand environments.
    pub on_demand_ms: u64,
    /// Billed milliseconds on provisioned environments.
    pub provisioned_exec_ms: u64,
    /// Provisioned environments configured.
    pub provisioned_concurrency: u32,
    /// How long provisioned concurrency was enabled, in seconds.
    pub provisioned_seconds: f64,
    /// Whether to round the provisioned period up to 5 minutes (the final
    /// bill does; a running total mid-run does not).
    pub round_provisioned: bool,
}

/// Dollars, by component.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Cost {
    pub requests: f64,
    pub compute: f64,
    pub provisioned: f64,
    pub total: f64,
    /// Managed Instances: the instances' EC2 price for their hours.
    pub instances: f64,
    /// Managed Instances: the 15 % management fee on `instances`.
    pub management_fee: f64,
}

/// GB-seconds of `ms` milliseconds at `memory_mb` (1 GB = 1,024 MB, as AWS bills).
pub fn gb_s(ms: u64, memory_mb: u32) -> f64 {
    ms as f64 / 1000.0 * f64::from(memory_mb) / 1024.0
}

/// The bill. The free tier (when asked for) covers requests and on-demand
/// duration, and does not apply at all to a function with provisioned
/// concurrency enabled (pricing page: "The Lambda free tier does not apply
/// to functions that have Provisioned Concurrency enabled").
pub fn cost(usage: &Usage, memory_mb: u32, arch: Architecture, free_tier: bool) -> Cost {
    let free = free_tier && usage.provisioned_concurrency == 0;
    let billable_requests = if free { usage.requests.saturating_sub(FREE_REQUESTS) } else { usage.requests };
    let on_demand_gb_s = gb_s(usage.on_demand_ms, memory_mb);
    let billable_gb_s = if free { (on_demand_gb_s - FREE_GB_S).max(0.0) } else { on_demand_gb_s };
    let requests = billable_requests as f64 * REQUEST_USD;
    let compute = billable_gb_s * arch.duration_rate()
        + gb_s(usage.provisioned_exec_ms, memory_mb) * arch.provisioned_duration_rate();
    let seconds = if usage.round_provisioned {
        (usage.provisioned_seconds / PROVISIONED_ROUNDING_S).ceil() * PROVISIONED_ROUNDING_S
    } else {
        usage.provisioned_seconds
    };
    let provisioned =
        f64::from(usage.provisioned_concurrency) * f64::from(memory_mb) / 1024.0 * seconds * arch.provisioned_rate();
    Cost { requests, compute, provisioned, total: requests + compute + provisioned, ..Cost::default() }
}

#[cfg(test)]
#[allow(clippy::float_cmp, reason = "amounts rounded to cents compare exactly")]
mod tests {
    use super::*;

    fn cents(x: f64) -> f64 {
        (x * 100.0).round() / 100.0
    }

    #[test]
    fn facts_sheet_worked_example() {
        // 1 M invokes × 200 ms × 512 MB = 100,000 GB-s.
        let usage = Usage { requests: 1_000_000, on_demand_ms: 200_000_000, ..Usage::default() };
        assert!((gb_s(usage.on_demand_ms, 512) - 100_000.0).abs() < 1e-6);
        let x86 = cost(&usage, 512, Architecture::X86_64, false);
        assert_eq!(cents(x86.compute), 1.67);
        assert_eq!(cents(x86.requests), 0.20);
        assert_eq!(cents(x86.total), 1.87);
        let arm = cost(&usage, 512, Architecture::Arm64, false);
        assert_eq!(cents(arm.total), 1.53);
    }

    #[test]
    fn free_tier_covers_the_worked_example() {
        let usage = Usage { requests: 1_000_000, on_demand_ms: 200_000_000, ..Usage::default() };
        assert_eq!(cost(&usage, 512, Architecture::X86_64, true).total, 0.0);
    }

    #[test]
    fn pricing_page_provisioned_example() {
        // 1,000 provisioned × 1 GB × 2 h = 7,200,000 GB-s → $30.00.
        let usage = Usage {
            provisioned_concurrency: 1000,
            provisioned_seconds: 7200.0,
            round_provisioned: true,
            ..Usage::default()
        };
        assert_eq!(cents(cost(&usage, 1024, Architecture::X86_64, true).provisioned), 30.0);
    }

    #[test]
    fn managed_instances_bill_instance_hours_plus_fifteen_percent_and_no_gb_seconds() {
        // 3 instances for 24 h at $0.2016 = $14.52; the fee 15 % = $2.18;
        // 8.64 M requests = $1.73; nothing per GB-second.
        let c = managed_cost(8_640_000, 72.0, 0.2016, false);
        assert_eq!(cents(c.instances), 14.52);
        assert_eq!(cents(c.management_fee), 2.18);
        assert_eq!(cents(c.requests), 1.73);
        assert_eq!(c.compute, 0.0);
        assert_eq!(cents(c.total), 18.42);
    }

    #[test]
    fn provisioned_period_rounds_up_to_five_minutes() {
        let usage = Usage {
            provisioned_concurrency: 1,
            provisioned_seconds: 61.0,
            round_provisioned: true,
            ..Usage::default()
        };
        let c = cost(&usage, 1024, Architecture::X86_64, false);
        assert!((c.provisioned - 300.0 * PROVISIONED_USD_PER_GB_S_X86).abs() < 1e-12);
    }
}
