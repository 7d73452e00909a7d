//! The discrete-event engine. See the module documentation of
//! [`crate::sim`] for the model and the API; this file holds the clock, the
//! environment pool logic and the invocation life cycle; the per-source
//! logic lives in `asynchronous`, `sqs` and `stream`.

mod asynchronous;
mod expiry;
mod managed;
mod neighbours;
mod observer;
mod outcomes;
mod pool;
mod queue;
mod report;
mod sqs;
mod stream;
mod synchronous;
mod views;

pub use self::managed::{FleetEnv, FleetView};
pub use self::neighbours::NeighbourUse;
pub use self::views::Snapshot;

use self::observer::Observer;

use self::pool::{Pool, Single, Work};
use self::queue::{Kind, Queue};
use super::arrivals::Arrivals;
use super::dist::{Dist, ms_to_us};
use super::observe::{EnvState, Moment, Outcome, ReclaimReason, ThrottleReason, TraceKind, TraceRecord};
use super::rng::Rng;
use super::runtime;
use super::scenario::{Compute, InvocationType, Scenario, Settings, SourceKind};
use super::stats::Histogram;
use super::summary::Summary;

/// Microseconds per second.
pub(crate) const SECOND: u64 = 1_000_000;
/// Init longer than this fails and is retried inside the first invoke (DG).
const INIT_LIMIT_US: u64 = 10 * SECOND;
/// Provisioned environments are exempt from that limit: their Init may take
/// 130 s or the function timeout, whichever is higher (DG
/// lambda-runtime-environment.html).
const PROVISIONED_INIT_LIMIT_US: u64 = 130 * SECOND;
/// One vCPU's worth of memory: a CPU-bound handler's `handler_ms` is its
/// time at this size.
const ONE_VCPU_MB: f64 = 1769.0;

/// A source's index as the event queue stores it. The reader allows at most
/// [`crate::sim::scenario::limits::MAX_SOURCES`] sources and the engine
/// takes no more than `u16` can number, so the conversion always succeeds.
#[inline]
pub(super) fn sid(src: usize) -> u16 {
    u16::try_from(src).unwrap_or(u16::MAX)
}

/// What to record besides the summary. Both are off by default, and then
/// cost nothing but a branch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Options {
    /// Keep `--trace` records until [`Engine::take_trace`] collects them.
    pub trace: bool,
    /// Keep narration, the per-second series and recent invocations (the
    /// visualizer's needs).
    pub observe: bool,
}

/// The most events one run processes (about two minutes of work) before it
/// stops early: a scenario can retry without end (a poison message in a
/// queue with no DLQ, re-received every second for 14 days), and no input
/// may make the program hang.
pub const DEFAULT_STEP_BUDGET: u64 = 1_000_000_000;

/// How many narration records and recent invocations are kept.
pub const NARRATION_CAPACITY: usize = 1024;
/// Repeats of one moment closer together than this share a record.
const FOLD_WITHIN_US: u64 = SECOND;
pub const RECENT_INVOCATIONS: usize = 256;

/// The numbers of a scenario that the hot path needs, precomputed.
#[derive(Debug, Clone)]
struct Params {
    timeout_us: u64,
    timeout_s: u32,
    memory_mb: u32,
    cpu_factor: f64,
    handler: Dist,
    init: Dist,
    error_rate: f64,
    per_item_ms: f64,
    /// The function's concurrency cap (reserved, else the account limit).
    cap: u32,
    provisioned: u32,
    idle_expiry_us: u64,
    max_lifetime_us: u64,
    scale_per_10s: u32,
    runtime: String,
}

#[derive(Debug, Clone)]
struct SourceState {
    kind: SourceKind,
    itype: InvocationType,
    arrivals: Arrivals,
    rng: Rng,
    emitted: u64,
    /// Draws for duplicate deliveries (their own stream: a rate of 0 draws
    /// nothing and changes no other number).
    dup_rng: Rng,
    poison_rate: f64,
    poison_events: Vec<u64>,
    poison_cursor: usize,
    detail: Detail,
}

#[derive(Debug, Clone)]
enum Detail {
    /// A synchronous source; the integration timeout of API Gateway, if any.
    Sync(Option<u64>),
    Async(asynchronous::AsyncState),
    Sqs(Box<sqs::SqsState>),
    Stream(Box<stream::StreamState>),
}

impl SourceState {
    /// Whether the event with this source-local index is poison.
    fn is_poison(&mut self, index: u64) -> bool {
        let listed = match self.poison_events.get(self.poison_cursor) {
            Some(&i) if i == index => {
                self.poison_cursor += 1;
                true
            }
            _ => false,
        };
        listed || self.rng.chance(self.poison_rate)
    }
}

#[derive(Debug, Clone, Default)]
struct Counters {
    events: u64,
    total: u64,
    succeeded: u64,
    failed: u64,
    timed_out: u64,
    throttled: u64,
    retried: u64,
    dead_lettered: u64,
    dropped: u64,
    cold_starts: u64,
    envs_created: u64,
    env_peak: u32,
    conc_peak: u32,
    on_demand_ms: u64,
    provisioned_ms: u64,
    ev_succeeded: u64,
    ev_failed: u64,
    ev_timed_out: u64,
    ev_rejected: u64,
    thr_concurrency: u64,
    thr_scaling: u64,
    thr_reserved_zero: u64,
    thr_request_rate: u64,
    thr_managed: u64,
    ev_gateway_throttled: u64,
    duplicates: u64,
    partial_batches: u64,
    gateway_504s: u64,
    pollers_peak: u32,
}

/// A seeded, stepped simulation of one scenario.
#[derive(Debug, Clone)]
pub struct Engine {
    scenario: Scenario,
    seed: u64,
    p: Params,
    now: u64,
    duration_us: u64,
    queue: Queue,
    pool: Pool,
    sources: Vec<SourceState>,
    rng: Rng,
    /// Jitter of asynchronous throttle retries (its own stream, so the
    /// handler durations stay the same draws).
    retry_rng: Rng,
    /// Lambda's invocation-rate quota (10 × the concurrency cap per second)
    /// and API Gateway's account throttle, for synchronous requests.
    lambda_rps: synchronous::RateBucket,
    gateway_rps: synchronous::RateBucket,
    c: Counters,
    /// Other functions of the account, sharing its concurrency pool.
    nb: neighbours::Neighbours,
    latency: Histogram,
    next_event: u64,
    next_invocation: u64,
    /// Events emitted and not yet at their final outcome.
    outstanding: u64,
    /// Sources with arrivals still to come.
    arrivals_pending: usize,
    finished: bool,
    /// Stopped by the step budget with events still pending.
    stopped_early: bool,
    steps: u64,
    step_budget: u64,
    busy_area: u128,
    live_area: u128,
    obs: Option<Box<Observer>>,
    trace: Option<Vec<TraceRecord>>,
    /// The Managed Instances fleet (None for on-demand functions, which
    /// then pay one branch on their cold path for it).
    mi: Option<Box<managed::Fleet>>,
}

impl Engine {
    /// A fresh run of `scenario` with `seed`, recording only the summary.
    pub fn new(scenario: &Scenario, seed: u64) -> Self {
        Self::with_options(scenario, seed, Options::default())
    }

    pub fn with_options(scenario: &Scenario, seed: u64, options: Options) -> Self {
        let f = &scenario.function;
        let init = f.init_ms.unwrap_or_else(|| Dist::fixed(runtime::init_ms(&f.runtime).unwrap_or(0.0)));
        let p = Params {
            timeout_us: u64::from(f.timeout_s) * SECOND,
            timeout_s: f.timeout_s,
            memory_mb: f.memory_mb,
            cpu_factor: if f.cpu_bound { ONE_VCPU_MB / f64::from(f.memory_mb) } else { 1.0 },
            handler: f.handler_ms,
            init,
            error_rate: f.error_rate,
            per_item_ms: f.per_item_ms,
            cap: f.reserved_concurrency.unwrap_or(scenario.account.concurrency_limit),
            provisioned: f.provisioned_concurrency,
            idle_expiry_us: u64::from(scenario.account.idle_expiry_s) * SECOND,
            max_lifetime_us: u64::from(scenario.account.max_lifetime_s) * SECOND,
            scale_per_10s: scenario.account.scale_per_10s,
            runtime: f.runtime.clone(),
        };
        let duration_us = (scenario.duration_s * SECOND as f64).round() as u64;
        let mut engine = Self {
            scenario: scenario.clone(),
            seed,
            p,
            now: 0,
            duration_us,
            queue: Queue::default(),
            pool: Pool::default(),
            sources: Vec::with_capacity(scenario.sources.len()),
            rng: Rng::new(seed, 1),
            retry_rng: Rng::new(seed, 2),
            lambda_rps: synchronous::RateBucket::new(
                10 * u64::from(f.reserved_concurrency.unwrap_or(scenario.account.concurrency_limit)),
                10 * u64::from(f.reserved_concurrency.unwrap_or(scenario.account.concurrency_limit)),
            ),
            gateway_rps: synchronous::RateBucket::new(
                u64::from(scenario.account.api_gateway_rps),
                u64::from(scenario.account.api_gateway_burst),
            ),
            c: Counters::default(),
            nb: neighbours::Neighbours::new(scenario, seed),
            latency: Histogram::new(),
            next_event: 0,
            next_invocation: 0,
            outstanding: 0,
            arrivals_pending: 0,
            finished: false,
            stopped_early: false,
            steps: 0,
            step_budget: DEFAULT_STEP_BUDGET,
            busy_area: 0,
            live_area: 0,
            obs: options.observe.then(|| Box::new(Observer { next_sample_us: SECOND, ..Observer::default() })),
            trace: options.trace.then(Vec::new),
            mi: (f.compute == Compute::ManagedInstances).then(|| Box::new(managed::Fleet::new(scenario))),
        };
        if let Some(fleet) = engine.mi.as_deref() {
            let live = fleet.view().environments.len() as u32;
            engine.pool.live = live;
            engine.c.envs_created = u64::from(live);
            engine.c.env_peak = live;
            engine.queue.push(managed::SCALER_PERIOD_US, Kind::ManagedScale);
        }
        // Sources beyond what a u16 numbers are never taken (the reader caps
        // them far lower).
        for (i, s) in scenario.sources.iter().enumerate().take(usize::from(u16::MAX)) {
            let detail = match s.settings {
                Settings::Sync(q) => Detail::Sync(q.integration_timeout_s.map(|s| u64::from(s) * SECOND)),
                Settings::Async(a) => Detail::Async(asynchronous::AsyncState::new(a)),
                Settings::Sqs(q) => Detail::Sqs(Box::new(sqs::SqsState::new(q))),
                Settings::Stream(st) => Detail::Stream(Box::new(stream::StreamState::new(st, s.kind))),
            };
            let mut state = SourceState {
                kind: s.kind,
                itype: s.kind.invocation_type(),
                arrivals: Arrivals::new(&s.arrival, scenario.duration_s),
                rng: Rng::new(seed, 100 + i as u64),
                emitted: 0,
                dup_rng: Rng::new(seed, 300 + i as u64),
                poison_rate: s.poison_rate,
                poison_events: s.poison_events.clone(),
                poison_cursor: 0,
                detail,
            };
            if let Some(t) = state.arrivals.next(&mut state.rng) {
                engine.queue.push(t, Kind::Arrival(sid(i)));
                engine.arrivals_pending += 1;
            }
            engine.sources.push(state);
        }
        engine.neighbours_start();
        // Provisioned environments are initialized before traffic arrives:
        // not cold starts, but their Init is billed at the provisioned
        // duration rate (pricing page; DG provisioned-concurrency.html: "Lambda
        // bills you for initialization even if the environment instance never
        // processes a request"). The mean Init, so no random draw moves.
        let init_ms = ms_to_us(engine.p.init.mean()).div_ceil(1000);
        for _ in 0..engine.p.provisioned {
            let id = engine.pool.add(EnvState::Idle, true, 0);
            engine.pool.prov_idle.push(id);
            engine.c.envs_created += 1;
            engine.c.provisioned_ms += init_ms;
        }
        engine.c.env_peak = engine.c.env_peak.max(engine.pool.live);
        // The scaling bucket starts full.
        engine.pool.scale_credit = u64::from(engine.p.scale_per_10s) * pool::SCALING_REFILL_US;
        if engine.p.provisioned > 0 {
            let count = engine.p.provisioned;
            engine.narrate(|| Moment::ProvisionedReady { count });
        }
        engine
    }

    // ---- the clock ------------------------------------------------------

    /// The time of the next event that will be processed, if any.
    pub fn next_event_us(&self) -> Option<u64> {
        if self.finished { None } else { self.next_due().or(Some(self.duration_us.max(self.now))) }
    }

    /// The next event's time, or None when the run should end now.
    #[inline]
    fn next_due(&self) -> Option<u64> {
        let at = self.queue.peek_time()?;
        let work_done = self.outstanding == 0 && self.arrivals_pending == 0;
        if work_done && at > self.duration_us.max(self.now) { None } else { Some(at) }
    }

    /// Process the next event. Returns false once the run is finished.
    #[inline]
    pub fn step(&mut self) -> bool {
        if self.finished {
            return false;
        }
        // Once every event is accounted for, only housekeeping up to the end
        // of the scenario's duration is still of interest.
        let work_done = self.outstanding == 0 && self.arrivals_pending == 0;
        let limit = if work_done { self.duration_us.max(self.now) } else { u64::MAX };
        if self.steps >= self.step_budget {
            self.stopped_early = true;
            self.finished = true;
            return false;
        }
        let Some(ev) = self.queue.pop_until(limit) else {
            self.finish();
            return false;
        };
        self.steps += 1;
        self.advance_clock(ev.at);
        self.handle(ev.kind);
        true
    }

    /// Process every event up to and including `t_us`, then move the clock
    /// to `t_us` (or to the end of the run, if it ends first).
    pub fn advance_to(&mut self, t_us: u64) {
        while !self.finished {
            match self.next_due() {
                Some(at) if at <= t_us => {
                    self.step();
                }
                Some(_) => {
                    self.advance_clock(t_us);
                    break;
                }
                None => {
                    if t_us >= self.duration_us.max(self.now) {
                        self.finish();
                    } else {
                        self.advance_clock(t_us);
                    }
                    break;
                }
            }
        }
    }

    /// Stop after `steps` events (default [`DEFAULT_STEP_BUDGET`]).
    pub fn set_step_budget(&mut self, steps: u64) {
        self.step_budget = steps;
    }

    /// Whether the run hit its step budget with events still pending.
    pub fn stopped_early(&self) -> bool {
        self.stopped_early
    }

    /// [`Engine::advance_to`] in milliseconds.
    pub fn advance_to_ms(&mut self, t_ms: f64) {
        self.advance_to(ms_to_us(t_ms.max(0.0)));
    }

    /// Run to the end and return the summary.
    pub fn run(&mut self) -> Summary {
        while self.step() {}
        self.summary()
    }

    fn finish(&mut self) {
        debug_assert!(
            self.outstanding == 0 && self.arrivals_pending == 0,
            "the queue ran dry with {} events outstanding",
            self.outstanding
        );
        let end = self.duration_us.max(self.now);
        self.advance_clock(end);
        self.finished = true;
    }

    /// Move the clock forward, integrating the time-averages and emitting
    /// per-second samples on the way.
    #[inline]
    fn advance_clock(&mut self, t: u64) {
        if t <= self.now {
            return;
        }
        if self.obs.is_some() {
            self.sample_until(t);
        }
        self.integrate(t);
    }

    #[inline]
    fn integrate(&mut self, t: u64) {
        let dt = u128::from(t - self.now);
        self.busy_area += u128::from(self.pool.busy) * dt;
        self.live_area += u128::from(self.pool.live) * dt;
        self.now = t;
    }

    fn handle(&mut self, kind: Kind) {
        match kind {
            Kind::Arrival(src) => self.on_arrival(src as usize),
            Kind::InitEnd(env) => self.on_init_end(env),
            Kind::InvokeEnd(env) => self.on_invoke_end(env),
            Kind::IdleExpiry => self.on_idle_expiry(),
            Kind::Lifetime(env) => self.on_lifetime(env),
            Kind::AsyncRetry(src, slot) => self.on_async_retry(src as usize, slot),
            Kind::SqsPoll(src) => self.on_sqs_poll(src as usize),
            Kind::SqsReturn(src, batch) => self.on_sqs_return(src as usize, batch),
            Kind::SqsTick(src) => self.on_sqs_tick(src as usize),
            Kind::SqsRetry(src, batch) => self.on_sqs_retry(src as usize, batch),
            Kind::StreamPoll(src, lane) => self.on_stream_poll(src as usize, lane),
            Kind::ManagedScale => self.on_managed_scale(),
            Kind::NeighbourArrival(n) => self.on_neighbour_arrival(n as usize),
            Kind::NeighbourEnd(n) => self.on_neighbour_end(n as usize),
        }
    }

    // ---- arrivals -------------------------------------------------------

    fn on_arrival(&mut self, src: usize) {
        let now = self.now;
        let s = &mut self.sources[src];
        let index = s.emitted;
        s.emitted += 1;
        let poison = s.is_poison(index);
        if let Some(t) = s.arrivals.next(&mut s.rng) {
            self.queue.push(t, Kind::Arrival(sid(src)));
        } else {
            self.arrivals_pending -= 1;
        }
        let itype = s.itype;
        let kind = s.kind;
        let id = self.next_event;
        self.next_event += 1;
        self.c.events += 1;
        self.outstanding += 1;
        self.trace(|| TraceKind::Arrival { event: id, source: src, kind: kind.id() });
        let ev = Single { id, arrival: now, src: sid(src), runs: 0, throttles: 0, poison, dup: false, last_end: 0 };
        match itype {
            InvocationType::Synchronous => self.sync_arrival(ev),
            InvocationType::Asynchronous => self.async_arrival(ev),
            InvocationType::EventSourceMapping => match self.sources[src].detail {
                Detail::Sqs(_) => self.sqs_arrival(src, id, poison),
                _ => self.stream_arrival(src, index, id, poison),
            },
        }
    }

    // ---- environments ---------------------------------------------------

    /// An environment for the next invocation: an idle provisioned one, else
    /// the most recently used idle on-demand one, else a new one if the
    /// concurrency cap and the scaling rate allow. Returns (env, cold).
    #[inline]
    fn acquire(&mut self) -> Result<(u32, bool), ThrottleReason> {
        // Provisioned environments are the function's whether busy or idle.
        if let Some(e) = self.pool.prov_idle.pop() {
            return Ok((e, self.pool.envs[e as usize].needs_init));
        }
        if self.mi.is_some() {
            return self.managed_acquire();
        }
        if self.p.cap == 0 {
            return Err(ThrottleReason::ReservedZero);
        }
        // A warm environment is no unit of concurrency: running in it takes
        // one from the pool. Without a reservation of its own the function
        // shares the pool with its neighbours, and what they hold is not
        // its to take. (Alone, it never has an idle environment while at
        // its cap, so this test costs it nothing.)
        if self.p.provisioned + self.pool.on_demand_busy + self.nb.taken >= self.p.cap {
            return Err(ThrottleReason::Concurrency);
        }
        if let Some(e) = self.pool.pop_idle() {
            return Ok((e, self.pool.envs[e as usize].needs_init));
        }
        if !self.pool.take_scale_token(self.now, self.p.scale_per_10s) {
            return Err(ThrottleReason::ScalingRate);
        }
        let id = self.pool.add(EnvState::Initializing, false, self.now);
        self.c.envs_created += 1;
        self.c.env_peak = self.c.env_peak.max(self.pool.live);
        self.queue.push(self.now + self.p.max_lifetime_us, Kind::Lifetime(id));
        Ok((id, true))
    }

    /// Hand `work` to environment `env`: draw its Init and handler times
    /// and schedule the end of Init (cold) or of the invoke (warm).
    #[inline]
    fn start(&mut self, env: u32, cold: bool, work: Work, retry: bool, items: u32, poisoned: bool) {
        let now = self.now;
        let invocation = self.next_invocation;
        self.next_invocation += 1;
        let mut handler_ms = self.p.handler.sample(&mut self.rng) * self.p.cpu_factor;
        if self.p.per_item_ms > 0.0 {
            handler_ms += self.p.per_item_ms * f64::from(items);
        }
        let handler_us = ms_to_us(handler_ms);
        let init_us = if cold { self.p.init.sample_us(&mut self.rng) } else { 0 };
        // Init over its limit fails; Lambda runs it again inside the first
        // invoke, under the function timeout.
        let limit = if self.pool.envs[env as usize].provisioned {
            PROVISIONED_INIT_LIMIT_US.max(self.p.timeout_us)
        } else {
            INIT_LIMIT_US
        };
        let (init_phase, invoke_work) =
            if init_us > limit { (limit, init_us + handler_us) } else { (init_us, handler_us) };
        let errored = self.rng.chance(self.p.error_rate);
        let (outcome, run_us) = if invoke_work > self.p.timeout_us {
            (Outcome::Timeout, self.p.timeout_us)
        } else if errored || poisoned {
            (Outcome::Error, invoke_work)
        } else {
            (Outcome::Success, invoke_work)
        };
        let e = &mut self.pool.envs[env as usize];
        let provisioned = e.provisioned;
        let after_reset = e.needs_init;
        e.needs_init = false;
        e.since = now;
        e.state = if cold { EnvState::Initializing } else { EnvState::Busy };
        e.job = pool::Job { work, invocation, start: now, init_us: init_phase, run_us, outcome, cold, retry };
        self.pool.busy += 1;
        if !provisioned {
            self.pool.on_demand_busy += 1;
        }
        self.c.conc_peak = self.c.conc_peak.max(self.pool.busy);
        if cold {
            self.c.cold_starts += 1;
            self.queue.push(now + init_phase, Kind::InitEnd(env));
        } else {
            self.queue.push(now + run_us, Kind::InvokeEnd(env));
        }
        if let Some(o) = self.obs.as_deref_mut() {
            o.sec_peak = o.sec_peak.max(self.pool.busy);
            if cold {
                o.sec_cold += 1;
            }
        }
        if cold {
            let runtime = self.p.runtime.clone();
            let init_ms = init_us as f64 / 1000.0;
            self.narrate(|| Moment::ColdStart { env, runtime, init_ms, after_reset, provisioned });
            self.trace(|| TraceKind::InitStart { env, invocation });
        }
        if self.trace.is_some() {
            let events = self.work_events(&work);
            let source = Self::work_source(&work);
            self.trace(|| TraceKind::InvokeStart { env, invocation, source, events, cold, retry });
        }
    }

    fn on_init_end(&mut self, env: u32) {
        let now = self.now;
        let e = &mut self.pool.envs[env as usize];
        e.state = EnvState::Busy;
        e.since = now;
        let (invocation, init_us, run_us) = (e.job.invocation, e.job.init_us, e.job.run_us);
        self.queue.push(now + run_us, Kind::InvokeEnd(env));
        self.trace(|| TraceKind::InitEnd { env, invocation, init_ms: init_us as f64 / 1000.0 });
    }

    fn on_invoke_end(&mut self, env: u32) {
        let now = self.now;
        let e = &self.pool.envs[env as usize];
        let job = e.job;
        let provisioned = e.provisioned;
        let retire = e.retire;
        self.pool.busy -= 1;
        if !provisioned {
            self.pool.on_demand_busy -= 1;
        }
        self.c.total += 1;
        match job.outcome {
            Outcome::Success => self.c.succeeded += 1,
            Outcome::Error => self.c.failed += 1,
            Outcome::Timeout => self.c.timed_out += 1,
        }
        if job.retry {
            self.c.retried += 1;
        }
        let billed_ms = (job.init_us + job.run_us).div_ceil(1000);
        if provisioned {
            self.c.provisioned_ms += billed_ms;
        } else {
            self.c.on_demand_ms += billed_ms;
        }
        if self.obs.is_some() || self.trace.is_some() {
            self.observe_invoke_end(env, &job, billed_ms);
        }
        // The environment first, so the source's next batch can reuse it.
        let e = &mut self.pool.envs[env as usize];
        e.job.work = Work::None;
        if job.outcome == Outcome::Timeout {
            e.needs_init = true;
        }
        if retire {
            self.reclaim(env, ReclaimReason::MaxLifetime);
        } else if !provisioned && self.p.idle_expiry_us == 0 {
            self.reclaim(env, ReclaimReason::IdleExpiry);
        } else {
            e.state = EnvState::Idle;
            e.since = now;
            if provisioned {
                // Managed Instances slots are marked provisioned, so the
                // on-demand path does not test for them.
                if self.mi.is_some() {
                    self.managed_release(env);
                } else {
                    self.pool.prov_idle.push(env);
                }
            } else {
                self.pool.idle.push_back(env);
                if !self.pool.expiry_timer {
                    self.arm_expiry_timer();
                }
            }
        }
        match job.work {
            Work::Single(ev) => {
                if self.sources[ev.src as usize].itype == InvocationType::Synchronous {
                    self.sync_done(ev, job.outcome);
                } else {
                    self.async_done(ev, job.outcome);
                }
            }
            Work::Sqs { src, batch } => self.sqs_done(src as usize, batch, job.outcome),
            Work::Stream { src, lane, len } => self.stream_done(src as usize, lane, len, job.outcome),
            Work::None => {}
        }
    }
}
