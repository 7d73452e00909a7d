//! The scenario's own tables: [scenario], [account], [billing], [function].

use super::super::tree::{Node, Place};
use super::super::{Account, Billing, Compute, Function, Managed, defaults, limits};
use super::read::{Cx, did_you_mean};
use super::{ACCOUNT_KEYS, BILLING_KEYS, FUNCTION_KEYS, SCENARIO_KEYS};
use crate::sim::billing::Architecture;
use crate::sim::dist::Dist;
use crate::sim::runtime;

impl Cx<'_> {
    pub(super) fn meta(&mut self, node: Option<&Node>, top_at: Place) -> Option<(String, String, String, f64, u64)> {
        let Some(node) = node else {
            self.error(top_at, "missing the [scenario] table (id, title, description, duration_s, seed)");
            return None;
        };
        let mut t = self.table(node, "[scenario]")?;
        let id = match t.get("id") {
            None => {
                self.error(t.at, "missing `id` in [scenario]");
                None
            }
            Some(n) => match self.str(n, "id") {
                Some(s) if crate::infra::is_valid_id(s) => Some(s.to_owned()),
                Some(s) => {
                    self.error(n.at, format!("scenario id {s:?} must match [a-z0-9-]+"));
                    None
                }
                None => None,
            },
        };
        let title = match t.get("title") {
            None => {
                self.error(t.at, "missing `title` in [scenario]");
                None
            }
            Some(n) => self.str(n, "title").map(str::to_owned),
        };
        let description = t.get("description").and_then(|n| self.str(n, "description")).unwrap_or("").to_owned();
        let duration_s = self.lim_num(&mut t, &limits::DURATION_S);
        let seed = u64::try_from(self.lim_i64(&mut t, &limits::SEED)).unwrap_or(defaults::SEED);
        self.finish(&t, SCENARIO_KEYS, &|_| None);
        Some((id?, title?, description, duration_s, seed))
    }

    pub(super) fn account(&mut self, node: Option<&Node>) -> Account {
        let mut acc = Account {
            concurrency_limit: defaults::CONCURRENCY_LIMIT,
            scale_per_10s: defaults::SCALE_PER_10S,
            api_gateway_rps: limits::API_GATEWAY_RPS.default as u32,
            api_gateway_burst: limits::API_GATEWAY_BURST.default as u32,
            idle_expiry_s: defaults::IDLE_EXPIRY_S,
            max_lifetime_s: defaults::MAX_LIFETIME_S,
        };
        let Some(mut t) = node.and_then(|n| self.table(n, "[account]")) else { return acc };
        acc.concurrency_limit = self.lim_u32(&mut t, &limits::CONCURRENCY_LIMIT);
        acc.scale_per_10s = self.lim_u32(&mut t, &limits::SCALE_PER_10S);
        acc.api_gateway_rps = self.lim_u32(&mut t, &limits::API_GATEWAY_RPS);
        acc.api_gateway_burst = self.lim_u32(&mut t, &limits::API_GATEWAY_BURST);
        acc.idle_expiry_s = self.lim_u32(&mut t, &limits::IDLE_EXPIRY_S);
        acc.max_lifetime_s = self.lim_u32(&mut t, &limits::MAX_LIFETIME_S);
        self.finish(&t, ACCOUNT_KEYS, &|_| None);
        acc
    }

    pub(super) fn billing(&mut self, node: Option<&Node>) -> Billing {
        let Some(mut t) = node.and_then(|n| self.table(n, "[billing]")) else { return Billing { free_tier: false } };
        let free_tier = self.opt_bool(&mut t, "free_tier", false);
        self.finish(&t, BILLING_KEYS, &|_| None);
        Billing { free_tier }
    }

    pub(super) fn function(&mut self, node: Option<&Node>, account: &Account) -> Option<Function> {
        let mut f = Function {
            runtime: runtime::DEFAULT_RUNTIME.to_owned(),
            memory_mb: defaults::MEMORY_MB,
            timeout_s: defaults::TIMEOUT_S,
            architecture: Architecture::X86_64,
            reserved_concurrency: None,
            provisioned_concurrency: 0,
            handler_ms: Dist::fixed(defaults::HANDLER_MS),
            init_ms: None,
            error_rate: 0.0,
            cpu_bound: false,
            per_item_ms: 0.0,
            compute: Compute::OnDemand,
            managed: Managed {
                max_concurrency_per_environment: 0,
                environment_vcpus: 1,
                instance_vcpus: limits::INSTANCE_VCPUS.default as u32,
                instance_memory_gb: limits::INSTANCE_MEMORY_GB.default,
                instance_usd_per_hour: limits::INSTANCE_USD_PER_HOUR.default,
                min_instances: limits::MIN_INSTANCES.default as u32,
            },
        };
        let Some(node) = node else { return Some(f) };
        let mut t = self.table(node, "[function]")?;

        let init_given = t.has("init_ms");
        if let Some(n) = t.get("runtime")
            && let Some(r) = self.str(n, "runtime")
        {
            if runtime::init_ms(r).is_none() {
                let known: Vec<&str> = runtime::ids().collect();
                let hint = did_you_mean(r, &known).map(|s| format!("did you mean `{s}`? ")).unwrap_or_default();
                if init_given {
                    self.warning(
                        n.at,
                        format!(
                            "runtime `{r}` has no measured Init time here; `init_ms` is used ({hint}known: {})",
                            known.join(", ")
                        ),
                    );
                } else {
                    self.error(
                        n.at,
                        format!(
                            "unknown runtime `{r}`: {hint}known runtimes are {} (or set `init_ms`)",
                            known.join(", ")
                        ),
                    );
                }
            }
            if let Some(why) = runtime::deprecation(r) {
                self.warning(n.at, format!("runtime `{r}` is {why}"));
            }
            r.clone_into(&mut f.runtime);
        }
        f.memory_mb = self.lim_u32(&mut t, &limits::MEMORY_MB);
        f.timeout_s = self.lim_u32(&mut t, &limits::TIMEOUT_S);
        if let Some(n) = t.get("architecture")
            && let Some(a) = self.str(n, "architecture")
        {
            match a {
                "x86_64" => f.architecture = Architecture::X86_64,
                "arm64" => f.architecture = Architecture::Arm64,
                other => self.error(n.at, format!("`architecture` must be \"x86_64\" or \"arm64\", found {other:?}")),
            }
        }
        let limit = i64::from(account.concurrency_limit);
        if let Some(n) = t.get("reserved_concurrency")
            && let Some(r) = self.int(n, "reserved_concurrency", 0, limit, "")
        {
            if r > 0 && r > limit - 100 {
                self.error(
                    n.at,
                    format!(
                        "`reserved_concurrency` {r} would leave less than 100 of the account's {limit} unreserved; at most {} can be reserved",
                        (limit - 100).max(0)
                    ),
                );
            }
            f.reserved_concurrency = Some(r as u32);
        }
        if let Some(n) = t.get("provisioned_concurrency")
            && let Some(p) = self.int(n, "provisioned_concurrency", 0, limit, "")
        {
            match f.reserved_concurrency {
                Some(r) if p > i64::from(r) => self.error(
                    n.at,
                    format!(
                        "`provisioned_concurrency` {p} is more than the reserved concurrency {r}: it must fit inside it"
                    ),
                ),
                None if p > 0 && p > limit - 100 => self.error(
                    n.at,
                    format!(
                        "`provisioned_concurrency` {p} would leave less than 100 of the account's {limit} unreserved"
                    ),
                ),
                _ => {}
            }
            f.provisioned_concurrency = p as u32;
        }
        if let Some(n) = t.get("handler_ms")
            && let Some(d) = self.dist(n, "handler_ms")
        {
            f.handler_ms = d;
        }
        if let Some(n) = t.get("init_ms") {
            f.init_ms = self.dist(n, "init_ms");
        }
        f.error_rate = self.lim_num(&mut t, &limits::ERROR_RATE);
        f.cpu_bound = self.opt_bool(&mut t, "cpu_bound", false);
        f.per_item_ms = self.lim_num(&mut t, &limits::PER_ITEM_MS);
        self.managed(&mut t, &mut f);
        self.finish(&t, FUNCTION_KEYS, &|_| None);
        // Returned even after errors (the run is refused anyway), so the
        // sources can still be checked against it.
        Some(f)
    }
}

impl Cx<'_> {
    /// `compute` and the Managed Instances keys, with the combinations
    /// Managed Instances refuses.
    fn managed(&mut self, t: &mut super::read::Table<'_>, f: &mut Function) {
        let compute_at = t.get("compute").map(|n| n.at);
        if let Some(n) = t.get("compute")
            && let Some(c) = self.str(n, "compute")
        {
            match c {
                "on-demand" => f.compute = Compute::OnDemand,
                "managed-instances" => f.compute = Compute::ManagedInstances,
                other => self
                    .error(n.at, format!("`compute` must be \"on-demand\" or \"managed-instances\", found {other:?}")),
            }
        }
        let m = &mut f.managed;
        let explicit = self.lim_u32(t, &limits::MAX_CONCURRENCY_PER_ENVIRONMENT);
        m.instance_vcpus = self.lim_u32(t, &limits::INSTANCE_VCPUS);
        m.instance_memory_gb = self.lim_num(t, &limits::INSTANCE_MEMORY_GB);
        m.instance_usd_per_hour = self.lim_num(t, &limits::INSTANCE_USD_PER_HOUR);
        m.min_instances = self.lim_u32(t, &limits::MIN_INSTANCES);
        // ExecutionEnvironmentMemoryGiBPerVCpu defaults to 2: one vCPU per 2 GiB.
        m.environment_vcpus = (f.memory_mb / 2048).max(1);
        let per_vcpu = runtime::managed_concurrency_per_vcpu(&f.runtime);
        m.max_concurrency_per_environment =
            if explicit > 0 { explicit } else { per_vcpu.unwrap_or(16) * m.environment_vcpus };
        if f.compute != Compute::ManagedInstances {
            return;
        }
        let at = compute_at.unwrap_or(t.at);
        if per_vcpu.is_none() {
            self.error(
                at,
                format!(
                    "runtime `{}` cannot run on Managed Instances: use Java 21+, Python 3.13+, Node.js 22+, .NET 8+ or provided.al2023",
                    f.runtime
                ),
            );
        }
        if f.memory_mb < 2048 {
            self.error(
                at,
                format!(
                    "Managed Instances functions need at least 2,048 MB (2 GB and 1 vCPU); `memory_mb` is {}",
                    f.memory_mb
                ),
            );
        }
        if f.provisioned_concurrency > 0 {
            self.error(
                at,
                "Managed Instances functions have no provisioned concurrency: their environments are always running",
            );
        }
        let m = f.managed;
        if f.memory_mb >= 2048 && m.environments_per_instance(f.memory_mb) == 0 {
            self.error(
                at,
                format!(
                    "one environment ({} vCPU, {} MB) does not fit on the instance type ({} vCPUs, {} GiB)",
                    m.environment_vcpus, f.memory_mb, m.instance_vcpus, m.instance_memory_gb
                ),
            );
        }
    }
}
