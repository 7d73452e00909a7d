//! Human names and units for the simulation summary's keys, so that text
//! output says "p99 latency ≤ 800 ms" where `--json` keeps
//! `latency_ms.p99 <= 800`.

/// What a summary key measures, in words. Unknown keys come back as they are.
pub fn human_name(key: &str) -> String {
    let name = match key {
        "events" => "events emitted",
        "simulated_s" => "simulated time",
        "invocations.total" => "invocations",
        "invocations.succeeded" => "successful invocations",
        "invocations.failed" => "failed invocations",
        "invocations.throttled" => "throttled attempts",
        "invocations.timed_out" => "timed-out invocations",
        "invocations.retried" => "retries",
        "invocations.dead_lettered" => "events sent to a DLQ or destination",
        "invocations.dropped" => "events dropped",
        "cold_starts" => "cold starts",
        "cold_start_ratio" => "share of cold starts",
        "environments.created" => "environments created",
        "environments.peak" => "most environments at once",
        "environments.average" => "average environments",
        "concurrency.peak" => "peak concurrency",
        "concurrency.average" => "average concurrency",
        "latency_ms.p50" => "median latency",
        "latency_ms.p90" => "p90 latency",
        "latency_ms.p99" => "p99 latency",
        "latency_ms.max" => "slowest latency",
        "billed_gb_s" => "billed GB-seconds",
        "cost_usd.requests" => "request cost",
        "cost_usd.compute" => "compute cost",
        "cost_usd.provisioned" => "provisioned-concurrency cost",
        "cost_usd.total" => "total cost",
        "cost_usd.instances" => "instance cost (Managed Instances)",
        "cost_usd.management_fee" => "Managed Instances management fee",
        "managed_instances.instance_hours" => "instance-hours",
        "managed_instances.instances_peak" => "most instances at once",
        "managed_instances.max_concurrency_per_environment" => "requests per environment",
        "throttle_reasons.managed_capacity" => "throttles with every environment full",
        "finished" => "run finished",
        "event_outcomes.succeeded" => "events processed",
        "event_outcomes.failed" => "requests answered with an error",
        "event_outcomes.timed_out" => "requests that timed out",
        "event_outcomes.rejected" => "requests refused (throttled)",
        "event_outcomes.dead_lettered" => "events in a DLQ or destination",
        "event_outcomes.dropped" => "events lost",
        "event_outcomes.pending" => "events still pending",
        "throttle_reasons.concurrency" => "throttles at the concurrency limit",
        "throttle_reasons.scaling_rate" => "throttles by the scaling rate",
        "throttle_reasons.reserved_zero" => "throttles by reserved concurrency 0",
        "partial_batch_failures" => "partial batch responses",
        "api_gateway_504s" => "API Gateway 504s (integration timeout)",
        "sqs_pollers_peak" => "most SQS pollers",
        "function.memory_mb" => "memory",
        "function.timeout_s" => "timeout",
        "function.init_ms" => "Init time",
        _ => return knob_name(key).unwrap_or_else(|| key.to_owned()),
    };
    name.to_owned()
}

/// Names of the scenario keys labs use as knobs.
fn knob_name(key: &str) -> Option<String> {
    let last = key.rsplit('.').next()?;
    let name = match last {
        "memory_mb" => "memory",
        "timeout_s" => "timeout",
        "architecture" => "architecture",
        "runtime" => "runtime",
        "reserved_concurrency" => "reserved concurrency",
        "provisioned_concurrency" => "provisioned concurrency",
        "concurrency_limit" => "account concurrency limit",
        "scale_per_10s" => "scaling rate (new environments per 10 s)",
        "batch_size" => "batch size",
        "batching_window_s" => "batching window",
        "visibility_timeout_s" => "visibility timeout",
        "max_receive_count" => "receives before the DLQ",
        "report_batch_item_failures" => "report batch item failures",
        "maximum_concurrency" => "maximum concurrency of the SQS mapping",
        "bisect_on_error" => "bisect a failing batch",
        "max_retry_attempts" => "retry attempts",
        "max_event_age_s" => "maximum event age",
        "max_record_age_s" => "maximum record age",
        "on_failure" => "on-failure target",
        "parallelization_factor" => "parallelization factor",
        "shards" => "shards",
        "rate_per_s" => "arrival rate",
        "idle_expiry_s" => "keep-alive",
        "compute" => "compute (on-demand or Managed Instances)",
        "max_concurrency_per_environment" => "requests per environment",
        "min_instances" => "minimum instances",
        _ => return None,
    };
    Some(name.to_owned())
}

/// A number as written in a goal: `0`, `800`, `2.5`.
pub fn plain_number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 { format!("{}", x as i64) } else { format!("{x}") }
}

fn thousands(x: f64) -> String {
    let whole = plain_number(x.trunc());
    let (sign, digits) = whole.strip_prefix('-').map_or(("", whole.as_str()), |d| ("-", d));
    let mut out = String::from(sign);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Milliseconds in the unit a person reads them in: `812 ms`, `121.3 s`,
/// `15.0 min`, `24.0 h`.
fn duration_ms(x: f64, number: impl Fn(f64) -> String) -> String {
    if x.abs() < 10_000.0 {
        format!("{} ms", number(x))
    } else if x.abs() < 600_000.0 {
        format!("{:.1} s", x / 1000.0)
    } else if x.abs() < 7_200_000.0 {
        format!("{:.1} min", x / 60_000.0)
    } else {
        format!("{:.1} h", x / 3_600_000.0)
    }
}

/// Cents from $1 up, four significant digits below, so that small costs
/// still show their differences: `$1.87`, `$0.01652`.
fn dollars(x: f64) -> String {
    if x == 0.0 || !x.is_finite() {
        return "$0.00".to_owned();
    }
    if x.abs() >= 1.0 {
        return format!("${x:.2}");
    }
    let magnitude = x.abs().log10().floor() as i32;
    let decimals = (3 - magnitude).clamp(2, 12) as usize;
    format!("${x:.decimals$}")
}

/// A summary (or knob) value with its unit: `812 ms`, `$1.87`, `1,024 MB`, `0.8%`.
pub fn format_value(key: &str, x: f64) -> String {
    let last = key.rsplit('.').next().unwrap_or(key);
    let number = |x: f64| {
        if x.fract() == 0.0 || x.abs() >= 100.0 {
            thousands(x.round())
        } else {
            format!("{x:.2}").trim_end_matches('0').trim_end_matches('.').to_owned()
        }
    };
    if key.starts_with("cost_usd.") {
        dollars(x)
    } else if key.starts_with("latency_ms.") || last.ends_with("_ms") {
        duration_ms(x, number)
    } else if last.ends_with("_mb") {
        format!("{} MB", number(x))
    } else if last.ends_with("_s") {
        format!("{} s", number(x))
    } else if key.ends_with("_ratio") {
        format!("{}%", number(x * 100.0))
    } else if key == "finished" || key == "stopped_early" {
        if x == 0.0 { "no".to_owned() } else { "yes".to_owned() }
    } else {
        number(x)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_read_as_words_with_units() {
        assert_eq!(human_name("latency_ms.p99"), "p99 latency");
        assert_eq!(human_name("sources.0.batch_size"), "batch size");
        assert_eq!(human_name("no.such"), "no.such");
        assert_eq!(format_value("latency_ms.p99", 812.4), "812 ms");
        assert_eq!(format_value("latency_ms.p99", 81.25), "81.25 ms");
        assert_eq!(format_value("cost_usd.total", 1.8712), "$1.87");
        assert_eq!(format_value("cost_usd.total", 0.0012), "$0.001200");
        assert_eq!(format_value("cost_usd.total", 0.016_52), "$0.01652");
        assert_eq!(format_value("latency_ms.max", 1177.4), "1,177 ms");
        assert_eq!(format_value("latency_ms.p99", 180_000.0), "180.0 s");
        assert_eq!(format_value("latency_ms.p99", 901_728.0), "15.0 min");
        assert_eq!(format_value("latency_ms.p50", 86_345_500.0), "24.0 h");
        assert_eq!(format_value("invocations.throttled", 6850.0), "6,850");
        assert_eq!(format_value("function.memory_mb", 1024.0), "1,024 MB");
        assert_eq!(format_value("cold_start_ratio", 0.125), "12.5%");
        assert_eq!(plain_number(2.5), "2.5");
        assert_eq!(plain_number(800.0), "800");
    }
}
