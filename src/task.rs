//! Work that must not run on the UI thread (SQLite, files, decoding scans, external programs),
//! handed to tokio's blocking pool and brought back as a message. Every screen uses these two
//! helpers, so a panic in the work or a poisoned store lock always ends as a message the
//! operator can read, never as a frozen window.

use std::sync::{Arc, Mutex};

use iced::Task;
use tereze_core::i18n::Localized;
use tereze_core::store::Store;

/// Runs `work` off the UI thread and maps its result with `to_message`. If the work panics,
/// the screen receives `Err(failed)` instead.
pub fn blocking<T, M>(
    failed: Localized,
    work: impl FnOnce() -> Result<T, Localized> + Send + 'static,
    to_message: impl FnOnce(Result<T, Localized>) -> M + Send + 'static,
) -> Task<M>
where
    T: Send + 'static,
    M: Send + 'static,
{
    Task::perform(
        async move {
            tokio::task::spawn_blocking(work)
                .await
                .unwrap_or(Err(failed))
        },
        to_message,
    )
}

/// Runs `work` with the store locked, off the UI thread. A poisoned lock or a panic gives
/// `Err(failed)`.
pub fn with_store<T, M>(
    store: &Arc<Mutex<Store>>,
    failed: Localized,
    work: impl FnOnce(&mut Store) -> Result<T, Localized> + Send + 'static,
    to_message: impl FnOnce(Result<T, Localized>) -> M + Send + 'static,
) -> Task<M>
where
    T: Send + 'static,
    M: Send + 'static,
{
    let store = Arc::clone(store);
    let on_poison = failed.clone();
    blocking(
        failed,
        move || {
            let mut store = store.lock().map_err(|_| on_poison)?;
            work(&mut store)
        },
        to_message,
    )
}
