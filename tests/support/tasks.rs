//! Runs the tasks `update` returns, as the window's runtime would, and feeds their messages back
//! until the app is quiet. Included with `#[path]` by each test that needs it.

#![allow(dead_code)] // each includer uses only part of it

use iced::Task;
use iced::futures::StreamExt;
use iced_test::runtime::Action;
use tereze::app::{App, Message};

/// Every message `task` produces, run to completion on a tokio runtime like the window's.
pub fn run<T: Send + 'static>(task: Task<T>) -> Vec<T> {
    let Some(stream) = iced_test::runtime::task::into_stream(task) else {
        return Vec::new();
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    runtime.block_on(
        stream
            .filter_map(|action| async move {
                match action {
                    Action::Output(message) => Some(message),
                    _ => None,
                }
            })
            .collect(),
    )
}

/// Sends `message` and then every message its tasks produce, until nothing is left.
pub fn settle(app: &mut App, message: Message) {
    let mut queue = vec![message];
    while let Some(next) = queue.pop() {
        let produced = run(app.update(next));
        queue.extend(produced.into_iter().rev());
    }
}
