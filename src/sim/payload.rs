//! Example payloads in the real shape each source delivers to a handler,
//! and the result a handler gives back, so the visualizer can open any event.
//! Ids, names and times are made up but deterministic: the same
//! (kind, event index, seed) always gives the same JSON.
//!
//! API Gateway events use the REST API proxy format (payload format 1.0),
//! the one a REST API's Lambda proxy integration sends; an HTTP API's 2.0
//! format differs (`rawPath`, `requestContext.http`).

use std::fmt::Write as _;

use serde_json::{Value, json};

use super::observe::Outcome;
use super::rng::mix;
use super::scenario::SourceKind;

const ACCOUNT: &str = "123456789012";
const REGION: &str = "us-east-1";
/// 2025-01-01T00:00:00Z: events are placed `index` seconds after it.
const EPOCH_S: i64 = 1_735_689_600;

/// The payload a handler receives for one event of `kind`.
pub fn example_event(kind: SourceKind, event_index: u64, seed: u64) -> Value {
    match kind {
        SourceKind::S3 => json!({ "Records": [s3_record(event_index, seed)] }),
        SourceKind::Sns => json!({ "Records": [sns_record(event_index, seed)] }),
        SourceKind::Sqs => json!({ "Records": [sqs_record(event_index, seed, 1)] }),
        SourceKind::DynamodbStream => json!({ "Records": [dynamodb_record(event_index, seed)] }),
        SourceKind::Kinesis => json!({ "Records": [kinesis_record(event_index, seed)] }),
        SourceKind::ApiGateway => api_gateway_event(event_index, seed),
        SourceKind::Alb => alb_event(event_index, seed),
        SourceKind::Eventbridge => eventbridge_event(event_index, seed),
        SourceKind::Schedule => schedule_event(event_index, seed),
    }
}

/// The payload of a batch (SQS, streams): `count` records from
/// `first_index`. Other kinds carry one event per invoke, so this is
/// [`example_event`] of the first.
pub fn example_batch(kind: SourceKind, first_index: u64, count: u32, seed: u64) -> Value {
    let indices = first_index..first_index + u64::from(count.max(1));
    match kind {
        SourceKind::Sqs => json!({ "Records": indices.map(|i| sqs_record(i, seed, 1)).collect::<Vec<_>>() }),
        SourceKind::DynamodbStream => {
            json!({ "Records": indices.map(|i| dynamodb_record(i, seed)).collect::<Vec<_>>() })
        }
        SourceKind::Kinesis => json!({ "Records": indices.map(|i| kinesis_record(i, seed)).collect::<Vec<_>>() }),
        _ => example_event(kind, first_index, seed),
    }
}

/// What the runtime reports for an invocation that did not succeed, in its
/// own words (the `--trace` line's `error`).
pub fn runtime_error(outcome: Outcome, timeout_s: u32) -> Option<String> {
    match outcome {
        Outcome::Timeout => Some(format!("Task timed out after {timeout_s}.00 seconds")),
        Outcome::Error => Some("Error: the handler threw".to_owned()),
        Outcome::Success => None,
    }
}

/// What the handler returned or threw, as the caller (or Lambda) sees it.
/// `failed_items` are the event indices a partial batch response reports.
pub fn example_result(kind: SourceKind, outcome: Outcome, timeout_s: u32, failed_items: &[u64], seed: u64) -> Value {
    match outcome {
        Outcome::Timeout => json!({
            "errorType": "Sandbox.Timedout",
            "errorMessage": format!("Task timed out after {timeout_s}.00 seconds"),
        }),
        Outcome::Error => json!({
            "errorType": "Error",
            "errorMessage": "could not process the event",
            "trace": ["Error: could not process the event", "    at handler (/var/task/index.js:12:11)"],
        }),
        Outcome::Success => match kind {
            SourceKind::ApiGateway | SourceKind::Alb => json!({
                "statusCode": 200,
                "headers": { "Content-Type": "application/json" },
                "body": "{\"ok\":true}",
                "isBase64Encoded": false,
            }),
            SourceKind::Sqs => json!({
                "batchItemFailures": failed_items
                    .iter()
                    .map(|&i| json!({ "itemIdentifier": uuid(i, seed, 4) }))
                    .collect::<Vec<_>>(),
            }),
            // Asynchronous and stream invokes: Lambda ignores the return value.
            _ => Value::Null,
        },
    }
}

fn iso(index: u64, millis: bool) -> String {
    let secs = EPOCH_S + index as i64;
    chrono::DateTime::from_timestamp(secs, 0).map_or_else(String::new, |t| {
        if millis { t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string() } else { t.format("%Y-%m-%dT%H:%M:%SZ").to_string() }
    })
}

fn epoch_ms(index: u64) -> i64 {
    (EPOCH_S + index as i64) * 1000
}

fn hex(index: u64, seed: u64, stream: u64, digits: usize) -> String {
    let mut out = String::with_capacity(digits);
    let mut k = 0;
    while out.len() < digits {
        let _ = write!(out, "{:016x}", mix(seed ^ index.rotate_left(17), stream * 31 + k));
        k += 1;
    }
    out.truncate(digits);
    out
}

fn uuid(index: u64, seed: u64, stream: u64) -> String {
    let h = hex(index, seed, stream, 32);
    format!("{}-{}-4{}-a{}-{}", &h[..8], &h[8..12], &h[13..16], &h[17..20], &h[20..32])
}

fn s3_record(i: u64, seed: u64) -> Value {
    let size = 10_000 + mix(seed, i) % 5_000_000;
    json!({
        "eventVersion": "2.1",
        "eventSource": "aws:s3",
        "awsRegion": REGION,
        "eventTime": iso(i, true),
        "eventName": "ObjectCreated:Put",
        "userIdentity": { "principalId": "AWS:AIDAEXAMPLEUSER" },
        "requestParameters": { "sourceIPAddress": "203.0.113.10" },
        "responseElements": {
            "x-amz-request-id": hex(i, seed, 1, 16).to_uppercase(),
            "x-amz-id-2": hex(i, seed, 2, 40),
        },
        "s3": {
            "s3SchemaVersion": "1.0",
            "configurationId": "tutor-upload-trigger",
            "bucket": {
                "name": "tutor-uploads",
                "ownerIdentity": { "principalId": "A3EXAMPLEOWNER" },
                "arn": "arn:aws:s3:::tutor-uploads",
            },
            "object": {
                "key": format!("uploads/photo-{i:06}.jpg"),
                "size": size,
                "eTag": hex(i, seed, 3, 32),
                "sequencer": hex(i, seed, 4, 18).to_uppercase(),
            },
        },
    })
}

fn sns_record(i: u64, seed: u64) -> Value {
    let topic = format!("arn:aws:sns:{REGION}:{ACCOUNT}:orders-topic");
    json!({
        "EventSource": "aws:sns",
        "EventVersion": "1.0",
        "EventSubscriptionArn": format!("{topic}:{}", uuid(0, seed, 9)),
        "Sns": {
            "Type": "Notification",
            "MessageId": uuid(i, seed, 1),
            "TopicArn": topic,
            "Subject": "Order placed",
            "Message": format!("{{\"orderId\":{i}}}"),
            "Timestamp": iso(i, true),
            "SignatureVersion": "1",
            "Signature": "EXAMPLEpH+DcEwjAPg8O9mY8dReBSwksfg2S7WKQcikcNKWLQjwu6A4VbeS0QHVCkhRS7fUQvi2egU3N858fiTDN6bkkOxYDVrY0Ad8L10Hs3zH81mtnPk5uvvolIC1CXGu43obcgFxeL3khZl8IKvO61GWB6jI9b5+gLPoBc1Q=",
            "SigningCertUrl": format!("https://sns.{REGION}.amazonaws.com/SimpleNotificationService-0000000000000000000000.pem"),
            "UnsubscribeUrl": format!("https://sns.{REGION}.amazonaws.com/?Action=Unsubscribe&SubscriptionArn={topic}:{}", uuid(0, seed, 9)),
            "MessageAttributes": {},
        },
    })
}

fn sqs_record(i: u64, seed: u64, receive_count: u32) -> Value {
    let body = format!("{{\"orderId\":{i}}}");
    json!({
        "messageId": uuid(i, seed, 4),
        "receiptHandle": format!("AQEB{}", hex(i, seed, 5, 60)),
        "body": body,
        "attributes": {
            "ApproximateReceiveCount": receive_count.to_string(),
            "SentTimestamp": epoch_ms(i).to_string(),
            "SenderId": "AIDAEXAMPLESENDER",
            "ApproximateFirstReceiveTimestamp": (epoch_ms(i) + 5).to_string(),
        },
        "messageAttributes": {},
        "md5OfBody": md5_hex(body.as_bytes()),
        "eventSource": "aws:sqs",
        "eventSourceARN": format!("arn:aws:sqs:{REGION}:{ACCOUNT}:tutor-queue"),
        "awsRegion": REGION,
    })
}

fn dynamodb_record(i: u64, seed: u64) -> Value {
    let key = format!("order-{i:06}");
    let cents = 500 + mix(seed, i) % 20_000;
    json!({
        "eventID": hex(i, seed, 6, 32),
        "eventName": "INSERT",
        "eventVersion": "1.1",
        "eventSource": "aws:dynamodb",
        "awsRegion": REGION,
        "dynamodb": {
            "ApproximateCreationDateTime": EPOCH_S + i as i64,
            "Keys": { "OrderId": { "S": key } },
            "NewImage": {
                "OrderId": { "S": key },
                "Amount": { "N": format!("{}.{:02}", cents / 100, cents % 100) },
                "Status": { "S": "PLACED" },
            },
            "SequenceNumber": format!("{}", 100_000_000_000_000_000_000u128 + u128::from(i)),
            "SizeBytes": 64,
            "StreamViewType": "NEW_AND_OLD_IMAGES",
        },
        "eventSourceARN": format!("arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/Orders/stream/2025-01-01T00:00:00.000"),
    })
}

fn kinesis_record(i: u64, seed: u64) -> Value {
    let data = format!("{{\"orderId\":{i},\"event\":\"clicked\"}}");
    let sequence = format!("4959{:052}", u128::from(i) * 7_919 + u128::from(mix(seed, 7) % 1000));
    json!({
        "kinesis": {
            "kinesisSchemaVersion": "1.0",
            "partitionKey": format!("order-{i}"),
            "sequenceNumber": sequence,
            "data": base64(data.as_bytes()),
            "approximateArrivalTimestamp": (EPOCH_S + i as i64) as f64 + 0.123,
        },
        "eventSource": "aws:kinesis",
        "eventVersion": "1.0",
        "eventID": format!("shardId-000000000000:{sequence}"),
        "eventName": "aws:kinesis:record",
        "invokeIdentityArn": format!("arn:aws:iam::{ACCOUNT}:role/tutor-lambda-role"),
        "awsRegion": REGION,
        "eventSourceARN": format!("arn:aws:kinesis:{REGION}:{ACCOUNT}:stream/tutor-stream"),
    })
}

fn api_gateway_event(i: u64, seed: u64) -> Value {
    let path = format!("/orders/{i}");
    let time = chrono::DateTime::from_timestamp(EPOCH_S + i as i64, 0)
        .map_or_else(String::new, |t| t.format("%d/%b/%Y:%H:%M:%S +0000").to_string());
    json!({
        "resource": "/orders/{id}",
        "path": path,
        "httpMethod": "GET",
        "headers": {
            "Accept": "application/json",
            "Host": format!("abc123defg.execute-api.{REGION}.amazonaws.com"),
            "User-Agent": "lambda-tutor",
            "X-Forwarded-For": "203.0.113.10",
            "X-Forwarded-Port": "443",
            "X-Forwarded-Proto": "https",
        },
        "multiValueHeaders": {
            "Accept": ["application/json"],
            "Host": [format!("abc123defg.execute-api.{REGION}.amazonaws.com")],
            "User-Agent": ["lambda-tutor"],
            "X-Forwarded-For": ["203.0.113.10"],
            "X-Forwarded-Port": ["443"],
            "X-Forwarded-Proto": ["https"],
        },
        "queryStringParameters": null,
        "multiValueQueryStringParameters": null,
        "pathParameters": { "id": i.to_string() },
        "stageVariables": null,
        "requestContext": {
            "accountId": ACCOUNT,
            "apiId": "abc123defg",
            "resourceId": "x1y2z3",
            "resourcePath": "/orders/{id}",
            "httpMethod": "GET",
            "requestId": uuid(i, seed, 7),
            "extendedRequestId": format!("{}=", hex(i, seed, 8, 14)),
            "stage": "prod",
            "path": format!("/prod{path}"),
            "protocol": "HTTP/1.1",
            "requestTime": time,
            "requestTimeEpoch": epoch_ms(i),
            "identity": { "sourceIp": "203.0.113.10", "userAgent": "lambda-tutor" },
            "domainName": format!("abc123defg.execute-api.{REGION}.amazonaws.com"),
        },
        "body": null,
        "isBase64Encoded": false,
    })
}

fn alb_event(i: u64, seed: u64) -> Value {
    json!({
        "requestContext": {
            "elb": {
                "targetGroupArn": format!("arn:aws:elasticloadbalancing:{REGION}:{ACCOUNT}:targetgroup/tutor-tg/6d0ecf831eec9f09"),
            },
        },
        "httpMethod": "GET",
        "path": format!("/orders/{i}"),
        "queryStringParameters": {},
        "headers": {
            "accept": "application/json",
            "host": format!("tutor-alb-1234567890.{REGION}.elb.amazonaws.com"),
            "user-agent": "lambda-tutor",
            "x-amzn-trace-id": format!("Root=1-{:08x}-{}", EPOCH_S + i as i64, hex(i, seed, 10, 24)),
            "x-forwarded-for": "203.0.113.10",
            "x-forwarded-port": "443",
            "x-forwarded-proto": "https",
        },
        "body": "",
        "isBase64Encoded": false,
    })
}

fn eventbridge_event(i: u64, seed: u64) -> Value {
    json!({
        "version": "0",
        "id": uuid(i, seed, 11),
        "detail-type": "Order Placed",
        "source": "com.example.orders",
        "account": ACCOUNT,
        "time": iso(i, false),
        "region": REGION,
        "resources": [],
        "detail": { "orderId": i, "currency": "USD" },
    })
}

fn schedule_event(i: u64, seed: u64) -> Value {
    json!({
        "version": "0",
        "id": uuid(i, seed, 12),
        "detail-type": "Scheduled Event",
        "source": "aws.events",
        "account": ACCOUNT,
        "time": iso(i, false),
        "region": REGION,
        "resources": [format!("arn:aws:events:{REGION}:{ACCOUNT}:rule/tutor-schedule")],
        "detail": {},
    })
}

/// Standard base64 with padding (what Kinesis puts in `data`).
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], chunk.get(1).copied().unwrap_or(0), chunk.get(2).copied().unwrap_or(0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * k)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// MD5 of `data` as lowercase hex (SQS's `md5OfBody`). RFC 1321.
pub fn md5_hex(data: &[u8]) -> String {
    const SHIFTS: [u32; 64] = [
        7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14,
        20, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6,
        10, 15, 21,
    ];
    let sines: Vec<u32> = (0..64).map(|i| ((f64::from(i + 1)).sin().abs() * 4_294_967_296.0) as u32).collect();
    let mut msg = data.to_vec();
    let bit_len = (data.len() as u64).wrapping_mul(8);
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    msg.extend_from_slice(&bit_len.to_le_bytes());
    let mut state = [0x6745_2301u32, 0xefcd_ab89u32, 0x98ba_dcfeu32, 0x1032_5476u32];
    for block in msg.chunks(64) {
        let words: Vec<u32> = block.chunks(4).map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]])).collect();
        let [mut a, mut b, mut c, mut d] = state;
        for i in 0..64 {
            let (mixed, word) = match i / 16 {
                0 => ((b & c) | (!b & d), i),
                1 => ((d & b) | (!d & c), (5 * i + 1) % 16),
                2 => (b ^ c ^ d, (3 * i + 5) % 16),
                _ => (c ^ (b | !d), (7 * i) % 16),
            };
            let sum = mixed.wrapping_add(a).wrapping_add(sines[i]).wrapping_add(words[word]);
            a = d;
            d = c;
            c = b;
            b = b.wrapping_add(sum.rotate_left(SHIFTS[i]));
        }
        for (s, v) in state.iter_mut().zip([a, b, c, d]) {
            *s = s.wrapping_add(v);
        }
    }
    let mut out = String::with_capacity(32);
    for byte in state.iter().flat_map(|w| w.to_le_bytes()) {
        let _ = write!(out, "{byte:02x}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn md5_and_base64_known_answers() {
        assert_eq!(md5_hex(b""), "d41d8cd98f00b204e9800998ecf8427e");
        assert_eq!(md5_hex(b"The quick brown fox jumps over the lazy dog"), "9e107d9d372bb6826bd81d3542a419d6");
        assert_eq!(base64(b"Hello, this is a test."), "SGVsbG8sIHRoaXMgaXMgYSB0ZXN0Lg==");
        assert_eq!(base64(b"ab"), "YWI=");
    }

    #[test]
    fn shapes_match_what_handlers_read() {
        let s3 = example_event(SourceKind::S3, 7, 1);
        assert_eq!(s3["Records"][0]["s3"]["bucket"]["name"], "tutor-uploads");
        assert_eq!(s3["Records"][0]["s3"]["object"]["key"], "uploads/photo-000007.jpg");
        let api = example_event(SourceKind::ApiGateway, 7, 1);
        assert_eq!(api["httpMethod"], "GET");
        assert_eq!(api["pathParameters"]["id"], "7");
        assert!(api["requestContext"]["requestId"].is_string());
        let sqs = example_batch(SourceKind::Sqs, 10, 3, 1);
        assert_eq!(sqs["Records"].as_array().map(Vec::len), Some(3));
        assert_eq!(sqs["Records"][0]["eventSource"], "aws:sqs");
        assert_eq!(sqs["Records"][0]["attributes"]["ApproximateReceiveCount"], "1");
        assert_eq!(sqs["Records"][0]["md5OfBody"], md5_hex(b"{\"orderId\":10}"));
        let sched = example_event(SourceKind::Schedule, 0, 1);
        assert_eq!(sched["detail-type"], "Scheduled Event");
        assert_eq!(sched["source"], "aws.events");
        let sns = example_event(SourceKind::Sns, 1, 1);
        assert_eq!(sns["Records"][0]["Sns"]["Type"], "Notification");
        let ddb = example_event(SourceKind::DynamodbStream, 3, 1);
        assert_eq!(ddb["Records"][0]["dynamodb"]["NewImage"]["OrderId"]["S"], "order-000003");
        let kin = example_event(SourceKind::Kinesis, 3, 1);
        assert_eq!(kin["Records"][0]["kinesis"]["data"], base64(b"{\"orderId\":3,\"event\":\"clicked\"}"));
        assert!(example_event(SourceKind::Alb, 1, 1)["requestContext"]["elb"]["targetGroupArn"].is_string());
        assert_eq!(example_event(SourceKind::Eventbridge, 1, 1)["detail-type"], "Order Placed");
    }

    #[test]
    fn deterministic_per_seed() {
        assert_eq!(example_event(SourceKind::Sqs, 5, 9), example_event(SourceKind::Sqs, 5, 9));
        assert_ne!(example_event(SourceKind::Sqs, 5, 9), example_event(SourceKind::Sqs, 5, 10));
    }

    #[test]
    fn results() {
        let t = example_result(SourceKind::ApiGateway, Outcome::Timeout, 3, &[], 1);
        assert_eq!(t["errorMessage"], "Task timed out after 3.00 seconds");
        let ok = example_result(SourceKind::ApiGateway, Outcome::Success, 3, &[], 1);
        assert_eq!(ok["statusCode"], 200);
        let partial = example_result(SourceKind::Sqs, Outcome::Success, 3, &[4], 1);
        assert_eq!(
            partial["batchItemFailures"][0]["itemIdentifier"],
            example_event(SourceKind::Sqs, 4, 1)["Records"][0]["messageId"]
        );
    }
}
