//! The visualizer's frame: one `prepare` + draw at 120×40 and 80×24 on the
//! busiest preset (scaling-ramp, 4,000 environments, 20,000 requests a
//! second), and one tick of playback at 10,000× (the event budget bounds it).

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use lambda_tutor::course::Course;
use lambda_tutor::tui::app::App;
use lambda_tutor::tui::progress::Progress;
use lambda_tutor::tui::screens::{Screen, SimulatorScreen};
use lambda_tutor::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

fn app_at(preset: &str, t_us: u64) -> App {
    let mut screen = SimulatorScreen::preset(preset).expect("preset");
    screen.seek_to_us(t_us);
    let mut app = App::new(Course::builtin(), Theme::dark(), Progress::new(None));
    app.push(Screen::Simulator(Box::new(screen)));
    app
}

fn frames(c: &mut Criterion) {
    for (w, h) in [(120u16, 40u16), (80, 24)] {
        let mut app = app_at("scaling-ramp", 45_000_000);
        let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("backend");
        c.bench_function(&format!("sim_frame_scaling_ramp_{w}x{h}"), |b| {
            b.iter(|| {
                app.prepare(Rect::new(0, 0, w, h));
                terminal.draw(|f| f.render_widget(&app, f.area())).expect("draw");
                black_box(terminal.backend().buffer().area);
            });
        });
    }
}

fn ticks(c: &mut Criterion) {
    c.bench_function("sim_tick_10000x_scaling_ramp", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            let mut app = app_at("scaling-ramp", 0);
            let press = |app: &mut App, ch: char| {
                app.handle_event(&Event::Key(KeyEvent::new(KeyCode::Char(ch), KeyModifiers::NONE)));
            };
            for _ in 0..20 {
                press(&mut app, '+');
            }
            press(&mut app, ' ');
            let t0 = Instant::now();
            app.tick_at(t0);
            for i in 0..iters {
                let start = Instant::now();
                app.tick_at(t0 + Duration::from_millis(33 * (i + 1)));
                total += start.elapsed();
                if app.tick_interval().is_none() {
                    app = app_at("scaling-ramp", 0);
                    for _ in 0..20 {
                        press(&mut app, '+');
                    }
                    press(&mut app, ' ');
                    app.tick_at(t0 + Duration::from_millis(33 * (i + 1)));
                }
            }
            total
        });
    });
}

criterion_group!(benches, frames, ticks);
criterion_main!(benches);
