//! `[[neighbours]]`: other functions of the same account and Region, each an
//! arrival process, a duration and an optional reserved concurrency. They
//! share the account's concurrency pool with the scenario's function, so the
//! reservations of all of them must leave 100 unreserved (PutFunctionConcurrency).

use super::super::tree::{Node, Val};
use super::super::{Account, Function, Neighbour, ReadFile};
use super::NEIGHBOUR_KEYS;
use super::read::Cx;
use crate::sim::dist::Dist;

/// More would be a different simulator: each neighbour is only load.
const MAX_NEIGHBOURS: usize = 10;

impl Cx<'_> {
    pub(super) fn neighbours(
        &mut self,
        node: Option<&Node>,
        duration_s: f64,
        account: &Account,
        function: Option<&Function>,
        read_file: &mut ReadFile<'_>,
    ) -> Option<Vec<Neighbour>> {
        let Some(node) = node else { return Some(Vec::new()) };
        let Val::Array(items) = &node.val else {
            self.error(
                node.at,
                format!("`neighbours` must be an array of tables ([[neighbours]]), found {}", node.val.type_name()),
            );
            return None;
        };
        if items.len() > MAX_NEIGHBOURS {
            self.error(
                node.at,
                format!("{} [[neighbours]]: a scenario may have at most {MAX_NEIGHBOURS}", items.len()),
            );
            return None;
        }
        let limit = i64::from(account.concurrency_limit);
        // What the scenario's function already sets aside: its reserved
        // concurrency, else its provisioned concurrency (which, without a
        // reservation, comes out of the unreserved pool).
        let main = function.map_or(0, |f| i64::from(f.reserved_concurrency.unwrap_or(f.provisioned_concurrency)));
        let mut reserved_total = main;
        let mut out = Vec::new();
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            let label = format!("neighbours[{i}]");
            let Some(mut t) = self.table(item, &label) else {
                ok = false;
                continue;
            };
            let errors_before = self.error_count();
            let name = match t.get("name") {
                None => format!("neighbour-{i}"),
                Some(n) => self.str(n, "name").map_or_else(String::new, |s| {
                    if !crate::infra::is_valid_id(s) {
                        self.error(n.at, format!("neighbour name {s:?} must match [a-z0-9-]+"));
                    }
                    s.to_owned()
                }),
            };
            let arrival = match t.get("arrival") {
                None => {
                    self.error(
                        t.at,
                        format!("{label} needs `arrival`, e.g. arrival = {{ process = \"poisson\", rate_per_s = 10 }}"),
                    );
                    None
                }
                Some(n) => self.arrival(n, &label, duration_s, read_file),
            };
            let duration_ms = match t.get("duration_ms") {
                None => Some(Dist::fixed(super::super::defaults::HANDLER_MS)),
                Some(n) => self.dist(n, "duration_ms"),
            };
            let mut reserved_concurrency = None;
            if let Some(n) = t.get("reserved_concurrency")
                && let Some(r) = self.int(n, "reserved_concurrency", 0, limit, "")
            {
                reserved_total += r;
                if r > 0 && reserved_total > limit - 100 {
                    self.error(
                        n.at,
                        format!(
                            "`reserved_concurrency` {r}: with the function's and the other neighbours' reservations, {reserved_total} of the account's {limit} would be reserved; at least 100 must stay unreserved"
                        ),
                    );
                }
                reserved_concurrency = Some(r as u32);
            }
            self.finish(&t, NEIGHBOUR_KEYS, &|_| None);
            match (arrival, duration_ms) {
                (Some(arrival), Some(duration_ms)) if self.error_count() == errors_before => {
                    out.push(Neighbour { name, arrival, duration_ms, reserved_concurrency });
                }
                _ => ok = false,
            }
        }
        ok.then_some(out)
    }
}
