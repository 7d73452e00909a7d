//! Quiz packs: the question model, answer checking, sessions and shuffling.
