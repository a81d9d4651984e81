//! Time a request spends waiting on the database, for the per-tenant usage figures. The
//! telemetry layer runs each request inside `measure`; every tenant transaction's statements
//! (`ScopedConn`) add their round trip to it. Work a request hands to another task is not counted.

use std::cell::Cell;
use std::time::Duration;

tokio::task_local! {
    static SPENT_MICROS: Cell<u64>;
}

/// Runs `work`, returning its output and the database time its statements took.
pub async fn measure<F: Future>(work: F) -> (F::Output, Duration) {
    SPENT_MICROS
        .scope(Cell::new(0), async {
            let output = work.await;
            let spent = SPENT_MICROS.try_with(Cell::get).unwrap_or(0);
            (output, Duration::from_micros(spent))
        })
        .await
}

/// Adds `elapsed` to the running request's database time (nothing outside `measure`).
pub(super) fn add(elapsed: Duration) {
    let micros = u64::try_from(elapsed.as_micros()).unwrap_or(u64::MAX);
    let _ = SPENT_MICROS.try_with(|spent| spent.set(spent.get().saturating_add(micros)));
}

/// Times one database call into the running request's total.
pub(super) async fn timed<T>(call: impl Future<Output = T>) -> T {
    let started = std::time::Instant::now();
    let output = call.await;
    add(started.elapsed());
    output
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn calls_inside_measure_add_up_and_outside_are_ignored() {
        timed(tokio::time::sleep(Duration::from_millis(5))).await;
        let ((), spent) = measure(async {
            timed(tokio::time::sleep(Duration::from_millis(10))).await;
            timed(tokio::time::sleep(Duration::from_millis(10))).await;
        })
        .await;
        assert!(spent >= Duration::from_millis(20), "{spent:?}");
        assert!(spent < Duration::from_millis(500), "{spent:?}");
    }
}
