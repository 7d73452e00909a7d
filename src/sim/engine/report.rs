//! The results of a run: its summary and its cost so far.

use super::{Engine, SECOND};
use crate::sim::billing::{self, Usage};
use crate::sim::summary::{self, Summary};

impl Engine {
    // ---- results --------------------------------------------------------

    pub(super) fn cost_at(&self, t_us: u64, round_provisioned: bool) -> billing::Cost {
        if let Some(f) = self.mi.as_deref() {
            let hours = f.instance_hours(t_us);
            return billing::managed_cost(self.c.total, hours, f.usd_per_hour(), self.scenario.billing.free_tier);
        }
        let usage = Usage {
            requests: self.c.total,
            on_demand_ms: self.c.on_demand_ms,
            provisioned_exec_ms: self.c.provisioned_ms,
            provisioned_concurrency: self.p.provisioned,
            provisioned_seconds: t_us as f64 / SECOND as f64,
            round_provisioned,
        };
        billing::cost(&usage, self.p.memory_mb, self.scenario.function.architecture, self.scenario.billing.free_tier)
    }

    /// The summary of the run so far (final once [`Engine::is_finished`]).
    pub fn summary(&self) -> Summary {
        use summary::{
            BillingDetail, Concurrency, Environments, EventOutcomes, FunctionInfo, Invocations, Latency,
            ManagedInstances, ThrottleReasons, round_to,
        };
        let c = &self.c;
        let elapsed = self.now as f64;
        let avg = |area: u128| if self.now == 0 { 0.0 } else { round_to(area as f64 / elapsed, 6) };
        let cost = self.cost_at(self.now, true);
        let money = |x: f64| round_to(x, 9);
        let ms = |us: u64| round_to(us as f64 / 1000.0, 3);
        let mem = self.p.memory_mb;
        // Managed Instances bill instance-hours, not GB-seconds.
        let billed = if self.mi.is_some() {
            0.0
        } else {
            billing::gb_s(c.on_demand_ms, mem) + billing::gb_s(c.provisioned_ms, mem)
        };
        Summary {
            scenario: self.scenario.id.clone(),
            seed: self.seed,
            simulated_s: round_to(elapsed / SECOND as f64, 6),
            events: c.events,
            invocations: Invocations {
                total: c.total,
                succeeded: c.succeeded,
                failed: c.failed,
                throttled: c.throttled,
                timed_out: c.timed_out,
                retried: c.retried,
                dead_lettered: c.dead_lettered,
                dropped: c.dropped,
            },
            cold_starts: c.cold_starts,
            cold_start_ratio: if c.total == 0 { 0.0 } else { round_to(c.cold_starts as f64 / c.total as f64, 6) },
            environments: Environments { created: c.envs_created, peak: c.env_peak, average: avg(self.live_area) },
            concurrency: Concurrency { peak: c.conc_peak, average: avg(self.busy_area) },
            latency_ms: Latency {
                p50: ms(self.latency.quantile(0.50)),
                p90: ms(self.latency.quantile(0.90)),
                p99: ms(self.latency.quantile(0.99)),
                max: ms(self.latency.max()),
            },
            billed_gb_s: round_to(billed, 6),
            cost_usd: billing::Cost {
                requests: money(cost.requests),
                compute: money(cost.compute),
                provisioned: money(cost.provisioned),
                total: money(cost.total),
                instances: money(cost.instances),
                management_fee: money(cost.management_fee),
            },
            finished: self.finished && !self.stopped_early,
            stopped_early: self.stopped_early,
            event_outcomes: EventOutcomes {
                succeeded: c.ev_succeeded,
                failed: c.ev_failed,
                timed_out: c.ev_timed_out,
                rejected: c.ev_rejected,
                gateway_timed_out: c.gateway_504s,
                gateway_throttled: c.ev_gateway_throttled,
                dead_lettered: c.dead_lettered,
                dropped: c.dropped,
                pending: self.outstanding,
            },
            throttle_reasons: ThrottleReasons {
                concurrency: c.thr_concurrency,
                scaling_rate: c.thr_scaling,
                reserved_zero: c.thr_reserved_zero,
                request_rate: c.thr_request_rate,
                managed_capacity: c.thr_managed,
            },
            billing: BillingDetail {
                architecture: self.scenario.function.architecture.id(),
                memory_mb: mem,
                requests: c.total,
                on_demand_gb_s: round_to(billing::gb_s(c.on_demand_ms, mem), 6),
                provisioned_exec_gb_s: round_to(billing::gb_s(c.provisioned_ms, mem), 6),
                provisioned_gb_s: round_to(
                    f64::from(self.p.provisioned) * f64::from(mem) / 1024.0 * elapsed / SECOND as f64,
                    6,
                ),
                free_tier: self.scenario.billing.free_tier,
            },
            function: FunctionInfo {
                runtime: self.p.runtime.clone(),
                init_ms: round_to(self.p.init.mean(), 3),
                memory_mb: mem,
                timeout_s: self.p.timeout_s,
            },
            partial_batch_failures: c.partial_batches,
            api_gateway_504s: c.gateway_504s,
            sqs_pollers_peak: c.pollers_peak,
            duplicates: c.duplicates,
            managed_instances: self.mi.as_deref().map_or(ManagedInstances::default(), |f| ManagedInstances {
                instance_hours: round_to(f.instance_hours(self.now), 6),
                instances_peak: f.instances_peak,
                max_concurrency_per_environment: f.slots(),
            }),
            neighbours: self.nb.summary(),
        }
    }
}
