//! `[[sources]]`: each source's kind, arrival and the settings of its
//! invocation type (asynchronous, SQS, stream).

use super::super::tree::{Node, Place, Val};
use super::super::{
    AsyncSettings, Function, OnFailure, ReadFile, Settings, Source, SourceKind, SqsSettings, StreamSettings,
    SyncSettings, defaults, limits,
};
use super::read::{Cx, Table, article, did_you_mean};
use super::{API_GATEWAY_KEYS, ASYNC_KEYS, SOURCE_COMMON, SQS_KEYS, STREAM_KEYS};

impl Cx<'_> {
    pub(super) fn sources(
        &mut self,
        node: Option<&Node>,
        top_at: Place,
        duration_s: f64,
        function: Option<&Function>,
        read_file: &mut ReadFile<'_>,
    ) -> Option<Vec<Source>> {
        let Some(node) = node else {
            self.error(top_at, "no [[sources]]: a scenario needs at least one event source");
            return None;
        };
        let Val::Array(items) = &node.val else {
            self.error(
                node.at,
                format!("`sources` must be an array of tables ([[sources]]), found {}", node.val.type_name()),
            );
            return None;
        };
        if items.is_empty() {
            self.error(node.at, "no [[sources]]: a scenario needs at least one event source");
            return None;
        }
        if items.len() > limits::MAX_SOURCES {
            self.error(
                node.at,
                format!(
                    "{} [[sources]]: a scenario may have at most {} (merge sources of the same kind by adding their rates)",
                    items.len(),
                    limits::MAX_SOURCES
                ),
            );
            return None;
        }
        let mut out = Vec::new();
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            match self.source(item, i, duration_s, function, read_file) {
                Some(s) => out.push(s),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    pub(super) fn source(
        &mut self,
        node: &Node,
        index: usize,
        duration_s: f64,
        function: Option<&Function>,
        read_file: &mut ReadFile<'_>,
    ) -> Option<Source> {
        let name = format!("sources[{index}]");
        let mut t = self.table(node, &name)?;
        let errors_before = self.error_count();
        let kind = match t.get("kind") {
            None => {
                self.error(t.at, format!("{name} needs `kind` (api-gateway, alb, s3, sns, eventbridge, schedule, sqs, dynamodb-stream or kinesis)"));
                None
            }
            Some(n) => self.str(n, "kind").and_then(|k| {
                let kind = SourceKind::from_id(k);
                if kind.is_none() {
                    let ids: Vec<&str> = SourceKind::ALL.iter().map(|k| k.id()).collect();
                    let hint = did_you_mean(k, &ids).map(|s| format!(" (did you mean {s:?}?)")).unwrap_or_default();
                    self.error(n.at, format!("unknown source kind {k:?}{hint}: use one of {}", ids.join(", ")));
                }
                kind
            }),
        };
        let arrival = match t.get("arrival") {
            None => {
                self.error(
                    t.at,
                    format!("{name} needs `arrival`, e.g. arrival = {{ process = \"poisson\", rate_per_s = 10 }}"),
                );
                None
            }
            Some(n) => self.arrival(n, &name, duration_s, read_file),
        };
        let poison_rate = self.opt_num(&mut t, "poison_rate", 0.0, 1.0, "", 0.0);
        let mut poison_events = Vec::new();
        if let Some(n) = t.get("poison_events") {
            if let Val::Array(items) = &n.val {
                for item in items {
                    if let Some(v) = self.int(item, "poison_events", 0, i64::MAX, "") {
                        poison_events.push(v as u64);
                    }
                }
                poison_events.sort_unstable();
                poison_events.dedup();
            } else {
                self.error(
                    n.at,
                    format!("`poison_events` must be an array of event indices, found {}", n.val.type_name()),
                );
            }
        }
        let kind = kind?;
        let settings = match kind.invocation_type() {
            super::super::InvocationType::Synchronous if kind == SourceKind::ApiGateway => {
                let limit = self.lim_u32(&mut t, &limits::API_GATEWAY_INTEGRATION_TIMEOUT_S);
                if let Some(f) = function
                    && f.timeout_s > limit
                {
                    let default = if t.has("integration_timeout_s") { "" } else { " (its default)" };
                    self.warning(
                        t.place_of("kind"),
                        format!(
                            "API Gateway ends an integration after {limit} s{default}: with a {} s function timeout, callers see a 504 after {limit} s while the function runs on",
                            f.timeout_s
                        ),
                    );
                }
                Settings::Sync(SyncSettings { integration_timeout_s: Some(limit) })
            }
            super::super::InvocationType::Synchronous => Settings::Sync(SyncSettings { integration_timeout_s: None }),
            super::super::InvocationType::Asynchronous => Settings::Async(self.async_settings(&mut t)),
            super::super::InvocationType::EventSourceMapping if kind == SourceKind::Sqs => {
                Settings::Sqs(self.sqs_settings(&mut t, function))
            }
            super::super::InvocationType::EventSourceMapping => Settings::Stream(self.stream_settings(&mut t)),
        };
        let own: Vec<&str> = SOURCE_COMMON
            .iter()
            .chain(match settings {
                Settings::Sync(s) if s.integration_timeout_s.is_some() => API_GATEWAY_KEYS.iter(),
                Settings::Sync(_) => [].iter(),
                Settings::Async(_) => ASYNC_KEYS.iter(),
                Settings::Sqs(_) => SQS_KEYS.iter(),
                Settings::Stream(_) => STREAM_KEYS.iter(),
            })
            .copied()
            .collect();
        let kind_id = kind.id();
        self.finish(&t, &own, &|k| {
            let mut homes = Vec::new();
            if API_GATEWAY_KEYS.contains(&k) {
                homes.push("api-gateway sources");
            }
            if ASYNC_KEYS.contains(&k) {
                homes.push("asynchronous sources (s3, sns, eventbridge, schedule)");
            }
            if SQS_KEYS.contains(&k) {
                homes.push("sqs sources");
            }
            if STREAM_KEYS.contains(&k) {
                homes.push("stream sources (dynamodb-stream, kinesis)");
            }
            (!homes.is_empty()).then(|| {
                format!(
                    "does not apply to {} {kind_id} source; it is a key of {}",
                    article(kind_id),
                    homes.join(" and ")
                )
            })
        });
        let arrival = arrival?;
        (self.error_count() == errors_before).then_some(Source { kind, arrival, poison_rate, poison_events, settings })
    }

    pub(super) fn on_failure(&mut self, t: &mut Table<'_>, allow_dlq: bool) -> OnFailure {
        let Some(n) = t.get("on_failure") else { return OnFailure::None };
        let Some(s) = self.str(n, "on_failure") else { return OnFailure::None };
        match s {
            "none" => OnFailure::None,
            "dlq" if allow_dlq => OnFailure::Dlq,
            "destination" => OnFailure::Destination,
            "dlq" => {
                self.error(n.at, "stream sources have no DLQ: use on_failure = \"destination\" (an on-failure destination) or \"none\"");
                OnFailure::None
            }
            other => {
                let choices =
                    if allow_dlq { "\"none\", \"dlq\" or \"destination\"" } else { "\"none\" or \"destination\"" };
                self.error(n.at, format!("`on_failure` must be {choices}, found {other:?}"));
                OnFailure::None
            }
        }
    }

    pub(super) fn async_settings(&mut self, t: &mut Table<'_>) -> AsyncSettings {
        let max_retry_attempts = u8::try_from(self.lim_i64(t, &limits::ASYNC_MAX_RETRY_ATTEMPTS))
            .unwrap_or(defaults::ASYNC_MAX_RETRY_ATTEMPTS);
        let max_event_age_s = self.lim_u32(t, &limits::ASYNC_MAX_EVENT_AGE_S);
        let on_failure = self.on_failure(t, true);
        let duplicate_rate = self.lim_num(t, &limits::ASYNC_DUPLICATE_RATE);
        AsyncSettings { max_retry_attempts, max_event_age_s, on_failure, duplicate_rate }
    }

    /// `provisioned_pollers = { minimum = 2, maximum = 200 }`: provisioned
    /// mode, which excludes `maximum_concurrency`.
    fn provisioned_pollers(&mut self, t: &mut Table<'_>) -> Option<(u32, u32)> {
        let node = t.get("provisioned_pollers")?;
        if t.has("maximum_concurrency") {
            self.error(
                t.place_of("maximum_concurrency"),
                "`maximum_concurrency` and `provisioned_pollers` exclude each other (standard or provisioned mode)",
            );
        }
        let mut p = self.table(node, "provisioned_pollers")?;
        let min = self.lim_u32(&mut p, &limits::SQS_MIN_POLLERS);
        let max = self.lim_u32(&mut p, &limits::SQS_MAX_POLLERS);
        self.finish(&p, &["minimum_pollers", "maximum_pollers"], &|_| None);
        if min > max {
            self.error(node.at, format!("`minimum_pollers` ({min}) is above `maximum_pollers` ({max})"));
        }
        Some((min, max.max(min)))
    }

    pub(super) fn sqs_settings(&mut self, t: &mut Table<'_>, function: Option<&Function>) -> SqsSettings {
        let provisioned_pollers = self.provisioned_pollers(t);
        let s = SqsSettings {
            provisioned_pollers,
            batch_size: self.lim_u32(t, &limits::SQS_BATCH_SIZE),
            batching_window_s: self.lim_num(t, &limits::SQS_BATCHING_WINDOW_S),
            visibility_timeout_s: self.lim_u32(t, &limits::SQS_VISIBILITY_TIMEOUT_S),
            max_receive_count: self.lim_u32(t, &limits::SQS_MAX_RECEIVE_COUNT),
            report_batch_item_failures: self.opt_bool(t, "report_batch_item_failures", false),
            maximum_concurrency: self.lim_u32(t, &limits::SQS_MAXIMUM_CONCURRENCY),
            message_retention_s: self.lim_u32(t, &limits::SQS_MESSAGE_RETENTION_S),
            duplicate_rate: self.lim_num(t, &limits::SQS_DUPLICATE_RATE),
        };
        if s.batch_size > 10 && s.batching_window_s < 1.0 {
            self.error(
                t.place_of("batch_size"),
                format!("a batch size over 10 ({}) needs `batching_window_s` of at least 1 s", s.batch_size),
            );
        }
        if let Some(f) = function {
            if s.visibility_timeout_s < f.timeout_s {
                self.error(
                    t.place_of("visibility_timeout_s"),
                    format!(
                        "the queue's visibility timeout ({} s) is shorter than the function timeout ({} s): Lambda refuses such an event source mapping",
                        s.visibility_timeout_s, f.timeout_s
                    ),
                );
            } else if s.visibility_timeout_s < 6 * f.timeout_s {
                self.warning(
                    t.place_of("visibility_timeout_s"),
                    format!(
                        "AWS advises a visibility timeout of at least 6 × the function timeout ({} s here)",
                        6 * f.timeout_s
                    ),
                );
            }
        }
        s
    }

    pub(super) fn stream_settings(&mut self, t: &mut Table<'_>) -> StreamSettings {
        let max_record_age = self.lim_i64(t, &limits::STREAM_MAX_RECORD_AGE_S);
        let max_record_age_s = if max_record_age == -1 {
            defaults::STREAM_RETENTION_S
        } else if max_record_age < 60 {
            self.error(
                t.place_of("max_record_age_s"),
                format!("`max_record_age_s` must be -1 or at least 60 s, found {max_record_age}"),
            );
            defaults::STREAM_RETENTION_S
        } else {
            max_record_age as u32
        };
        StreamSettings {
            shards: self.lim_u32(t, &limits::STREAM_SHARDS),
            batch_size: self.lim_u32(t, &limits::STREAM_BATCH_SIZE),
            parallelization_factor: self.lim_u32(t, &limits::STREAM_PARALLELIZATION),
            bisect_on_error: self.opt_bool(t, "bisect_on_error", false),
            max_retry_attempts: self.lim_i64(t, &limits::STREAM_MAX_RETRY_ATTEMPTS),
            max_record_age_s,
            on_failure: self.on_failure(t, false),
        }
    }
}
