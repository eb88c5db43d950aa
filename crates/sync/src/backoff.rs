//! Waiting between failed attempts: exponential, capped, with jitter so that the workstations of
//! a region do not all come back at the same second after an outage.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::time::Duration;

/// Exponential backoff: attempt `n` (from 0) waits a random time between half and all of
/// `min(cap, base × 2ⁿ)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    /// The ceiling before jitter of the first retry.
    pub base: Duration,
    /// The longest wait.
    pub cap: Duration,
}

impl Default for Backoff {
    fn default() -> Self {
        Backoff {
            base: Duration::from_secs(2),
            cap: Duration::from_secs(300),
        }
    }
}

impl Backoff {
    /// The ceiling of attempt `attempt`, before jitter.
    pub fn ceiling(&self, attempt: u32) -> Duration {
        let factor = 1u32.checked_shl(attempt.min(30)).unwrap_or(u32::MAX);
        self.base.saturating_mul(factor).min(self.cap)
    }

    /// The wait before retry `attempt`, with jitter from `random` (any 64 random bits).
    pub fn delay_with(&self, attempt: u32, random: u64) -> Duration {
        let ceiling = self.ceiling(attempt);
        let half = ceiling / 2;
        let span = u64::try_from((ceiling - half).as_millis()).unwrap_or(u64::MAX);
        half + Duration::from_millis(random % span.saturating_add(1))
    }

    /// The wait before retry `attempt`, with fresh jitter.
    pub fn delay(&self, attempt: u32) -> Duration {
        let random = RandomState::new().build_hasher().finish();
        self.delay_with(attempt, random)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_double_up_to_the_cap_and_jitter_stays_in_the_upper_half() {
        let b = Backoff {
            base: Duration::from_secs(1),
            cap: Duration::from_secs(60),
        };
        let ceilings: Vec<u64> = (0..9).map(|n| b.ceiling(n).as_secs()).collect();
        assert_eq!(ceilings, [1, 2, 4, 8, 16, 32, 60, 60, 60]);
        assert_eq!(b.ceiling(u32::MAX), Duration::from_secs(60));
        for attempt in 0..12 {
            for random in [0, 1, 7_919, u64::MAX / 3, u64::MAX] {
                let d = b.delay_with(attempt, random);
                let c = b.ceiling(attempt);
                assert!(
                    d >= c / 2 && d <= c,
                    "attempt {attempt}: {d:?} outside {c:?}"
                );
            }
        }
        assert_eq!(b.delay_with(3, 0), Duration::from_secs(4));
        assert_ne!(b.delay_with(3, 1), b.delay_with(3, 2));
    }
}
