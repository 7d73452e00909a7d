//! Lambda Managed Instances: multi-concurrent execution environments on EC2
//! instances in the account (DG lambda-managed-instances-*.html; every rule
//! below is listed with its page in assets/scenarios/README.md).
//!
//! - An environment serves up to `max_concurrency_per_environment` requests
//!   at once; a CPU-bound handler takes a whole vCPU, so at most the
//!   environment's vCPUs of them run at once.
//! - Nothing scales per request and there is no cold start per invocation:
//!   a request goes to the least busy environment with a free slot, else it
//!   is throttled.
//! - A scaler runs asynchronously every [`SCALER_PERIOD_US`] on the
//!   concurrency saturation seen since its last run, aiming at
//!   [`TARGET_UTILIZATION`]; capacity can at most double within 5 minutes,
//!   so traffic that more than doubles that fast is throttled for a while.
//! - At least `min_instances` instances (3) and as many environments stay up.
//!
//! Each concurrent request occupies a "slot": an entry of the engine's
//! environment table, so the invocation life cycle is the same code as
//! on-demand. Slots are made the first time they are needed.

use std::collections::VecDeque;

use super::{Engine, Kind, SECOND};
use crate::sim::observe::{EnvState, Moment, ThrottleReason};
use crate::sim::scenario::Scenario;

/// How often the scaler looks at the load (a modelling choice: AWS does
/// not publish the period; "asynchronously" is the documented part).
pub(super) const SCALER_PERIOD_US: u64 = 10 * SECOND;
/// The share of slots the scaler aims to keep busy, leaving room for the
/// load to double before it reacts (a modelling choice, the default target
/// resource utilisation is not published).
pub(super) const TARGET_UTILIZATION: f64 = 0.5;
/// DG lambda-managed-instances-scaling.html: "If your traffic more than
/// doubles within 5 minutes, you may see throttles": capacity grows at most
/// ×2 per this window.
pub(super) const GROWTH_WINDOW_US: u64 = 300 * SECOND;
const WINDOW_TICKS: usize = (GROWTH_WINDOW_US / SCALER_PERIOD_US) as usize;

#[derive(Debug, Clone, Default)]
struct MiEnv {
    busy: u32,
    /// Slots made for this environment and now free.
    free: Vec<u32>,
    alive: bool,
}

/// One environment as the visualizer shows it: how full it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct FleetEnv {
    pub id: u32,
    pub busy: u32,
    pub slots: u32,
}

/// The Managed Instances fleet at one moment.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FleetView {
    pub environments: Vec<FleetEnv>,
    pub instances: u32,
    pub environments_per_instance: u32,
}

impl FleetView {
    /// Requests in flight and request slots, over every environment: what
    /// caps a Managed Instances function (not the account limit).
    pub fn capacity(&self) -> (u32, u32) {
        self.environments.iter().fold((0, 0), |(b, s), e| (b + e.busy, s + e.slots))
    }
}

#[derive(Debug, Clone)]
pub(super) struct Fleet {
    /// Requests one environment takes at once.
    slots: u32,
    per_instance: u32,
    min: u32,
    usd_per_hour: f64,
    envs: Vec<MiEnv>,
    /// The environment of each slot (an index of the engine's table).
    slot_env: Vec<u32>,
    alive: u32,
    busy: u32,
    /// The most busy slots since the scaler last ran.
    window_peak: u32,
    /// Environments alive at each of the last 5 minutes' scaler runs.
    alive_history: VecDeque<u32>,
    /// The scaler's targets over the same window (it scales down only
    /// once the whole window asked for less).
    target_history: VecDeque<u32>,
    instances: u32,
    instances_since: u64,
    /// Instances × µs up to `instances_since`.
    instance_area: u128,
    pub instances_peak: u32,
}

impl Fleet {
    pub fn new(scenario: &Scenario) -> Self {
        let f = &scenario.function;
        let m = f.managed;
        let slots = if f.cpu_bound {
            m.max_concurrency_per_environment.min(m.environment_vcpus)
        } else {
            m.max_concurrency_per_environment
        }
        .max(1);
        let per_instance = m.environments_per_instance(f.memory_mb).max(1);
        let mut fleet = Self {
            slots,
            per_instance,
            min: m.min_instances.max(1),
            usd_per_hour: m.instance_usd_per_hour,
            envs: Vec::new(),
            slot_env: Vec::new(),
            alive: 0,
            busy: 0,
            window_peak: 0,
            alive_history: VecDeque::with_capacity(WINDOW_TICKS + 1),
            target_history: VecDeque::with_capacity(WINDOW_TICKS + 1),
            instances: 0,
            instances_since: 0,
            instance_area: 0,
            instances_peak: 0,
        };
        // Publishing a version starts three instances and three
        // environments before the function is ACTIVE.
        fleet.resize(fleet.min, 0);
        fleet
    }

    /// Instances needed for the environments alive, never under the minimum.
    fn instances_for(&self, envs: u32) -> u32 {
        envs.div_ceil(self.per_instance).max(self.min)
    }

    fn resize(&mut self, target: u32, now: u64) {
        while self.alive < target {
            match self.envs.iter_mut().find(|e| !e.alive && e.busy == 0) {
                Some(e) => e.alive = true,
                None => self.envs.push(MiEnv { alive: true, ..MiEnv::default() }),
            }
            self.alive += 1;
        }
        // Only idle environments are retired; the newest first.
        for e in self.envs.iter_mut().rev() {
            if self.alive <= target {
                break;
            }
            if e.alive && e.busy == 0 {
                e.alive = false;
                self.alive -= 1;
            }
        }
        let instances = self.instances_for(self.alive);
        if instances != self.instances {
            self.instance_area += u128::from(self.instances) * u128::from(now - self.instances_since);
            self.instances = instances;
            self.instances_since = now;
            self.instances_peak = self.instances_peak.max(instances);
        }
    }

    /// Instance-hours up to `now`.
    pub fn instance_hours(&self, now: u64) -> f64 {
        let area =
            self.instance_area + u128::from(self.instances) * u128::from(now.saturating_sub(self.instances_since));
        area as f64 / (3600.0 * SECOND as f64)
    }

    pub fn usd_per_hour(&self) -> f64 {
        self.usd_per_hour
    }

    pub fn slots(&self) -> u32 {
        self.slots
    }

    pub fn view(&self) -> FleetView {
        FleetView {
            environments: self
                .envs
                .iter()
                .enumerate()
                .filter(|(_, e)| e.alive || e.busy > 0)
                .map(|(i, e)| FleetEnv { id: i as u32, busy: e.busy, slots: self.slots })
                .collect(),
            instances: self.instances,
            environments_per_instance: self.per_instance,
        }
    }
}

impl Engine {
    /// A free slot in the least busy environment, or a throttle: Managed
    /// Instances never start an environment for a request.
    pub(super) fn managed_acquire(&mut self) -> Result<(u32, bool), ThrottleReason> {
        let Some(f) = self.mi.as_deref_mut() else { return Err(ThrottleReason::ManagedCapacity) };
        let slots = f.slots;
        let best = f
            .envs
            .iter()
            .enumerate()
            .filter(|(_, e)| e.alive && e.busy < slots)
            .min_by_key(|(_, e)| e.busy)
            .map(|(i, _)| i);
        let Some(i) = best else { return Err(ThrottleReason::ManagedCapacity) };
        let slot = if let Some(s) = f.envs[i].free.pop() {
            s
        } else {
            f.slot_env.push(i as u32);
            self.pool.add_slot()
        };
        f.envs[i].busy += 1;
        f.busy += 1;
        f.window_peak = f.window_peak.max(f.busy);
        Ok((slot, false))
    }

    /// A request finished: its slot is free again.
    pub(super) fn managed_release(&mut self, slot: u32) {
        let Some(f) = self.mi.as_deref_mut() else { return };
        let i = f.slot_env[slot as usize] as usize;
        let e = &mut f.envs[i];
        e.busy -= 1;
        f.busy -= 1;
        self.pool.envs[slot as usize].state = EnvState::Idle;
        // Kept even if the environment is retired: it comes back with them.
        e.free.push(slot);
    }

    /// The scaler's periodic run.
    pub(super) fn on_managed_scale(&mut self) {
        let now = self.now;
        let Some(f) = self.mi.as_deref_mut() else { return };
        let peak = f.window_peak.max(f.busy);
        f.window_peak = f.busy;
        let wanted = (f64::from(peak) / (f64::from(f.slots) * TARGET_UTILIZATION)).ceil() as u32;
        f.target_history.push_back(wanted);
        if f.target_history.len() > WINDOW_TICKS {
            f.target_history.pop_front();
        }
        // Down only as far as the highest target of the last 5 minutes.
        let keep = f.target_history.iter().copied().max().unwrap_or(wanted);
        let five_minutes_ago = f.alive_history.front().copied().unwrap_or(f.alive);
        let ceiling = five_minutes_ago.saturating_mul(2).max(f.min);
        let target = if wanted > f.alive { wanted.min(ceiling).max(f.alive) } else { keep.min(f.alive) }.max(f.min);
        let before = f.alive;
        f.resize(target, now);
        let (after, instances) = (f.alive, f.instances);
        f.alive_history.push_back(after);
        if f.alive_history.len() > WINDOW_TICKS {
            f.alive_history.pop_front();
        }
        self.pool.live = after;
        if after > before {
            self.c.envs_created += u64::from(after - before);
        }
        self.c.env_peak = self.c.env_peak.max(after);
        if after != before {
            self.narrate(|| Moment::ManagedScaled { environments: after, instances, up: after > before });
        }
        let work_done = self.outstanding == 0 && self.arrivals_pending == 0;
        if !(work_done && now >= self.duration_us) {
            self.queue.push(now + SCALER_PERIOD_US, Kind::ManagedScale);
        }
    }
}
