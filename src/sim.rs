//! The discrete-event Lambda simulator: pure, seeded, no I/O, no terminal.
