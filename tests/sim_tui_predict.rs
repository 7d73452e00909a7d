//! The simulator pack's `predict` questions: each names a preset and a
//! metric the simulator computes, and its explanation states the value the
//! simulator gives (the first bold number in it), within the question's
//! tolerance. A change to the simulator's rules that moves an answer fails
//! here, so the explanation is updated with it.

use lambda_tutor::course::Course;
use lambda_tutor::quiz::QuestionKind;
use lambda_tutor::sim;

/// The number in the first `**bold**` span: `About **6,850**` → 6850,
/// `**$1.87**` → 1.87, `**None.**` → 0, `**All 8.**` → 8.
fn stated(explanation: &str) -> Option<f64> {
    let start = explanation.find("**")? + 2;
    let end = start + explanation[start..].find("**")?;
    let span = &explanation[start..end];
    if span.starts_with("None") {
        return Some(0.0);
    }
    let digits: String = span
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
        .filter(|c| *c != ',')
        .collect();
    digits.trim_end_matches('.').parse().ok()
}

#[test]
fn every_predict_question_states_the_simulators_answer() {
    let course = Course::builtin();
    let pack = course.packs.iter().find(|p| p.meta.id == "simulator").expect("the simulator pack is built in");
    let mut predicts = 0;
    for q in &pack.questions {
        let QuestionKind::Predict { scenario, metric, tolerance_pct } = &q.kind else { continue };
        predicts += 1;
        let summary = sim::simulate_preset(scenario).unwrap_or_else(|d| panic!("{}: {d:?}", q.id));
        let truth = sim::summary_metric(&summary, metric).unwrap_or_else(|| panic!("{}: no metric {metric}", q.id));
        let said = stated(&q.explanation).unwrap_or_else(|| panic!("{}: no bold number in the explanation", q.id));
        let slack = tolerance_pct / 100.0 * truth.abs() + 1e-9;
        assert!((said - truth).abs() <= slack, "{}: the explanation says {said}, the simulator {truth}", q.id);
    }
    assert!(predicts >= 8, "{predicts} predict questions");
}

#[test]
fn stated_numbers_are_read_as_written() {
    assert_eq!(stated("About **6,850**. Estimate"), Some(6850.0));
    assert_eq!(stated("About **$1.87**."), Some(1.87));
    assert_eq!(stated("**All 8.** After"), Some(8.0));
    assert_eq!(stated("**None.** A"), Some(0.0));
    assert_eq!(stated("About **half: 321**."), Some(321.0));
    assert_eq!(stated("no bold"), None);
}
