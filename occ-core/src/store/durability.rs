//! Group commit: one flush-and-fsync serves every change waiting at that moment.
//!
//! A writer makes its change in memory, then asks for durability and waits. A single flusher
//! thread takes every request waiting, runs the sync (sled's flush followed by fsync of the
//! files it wrote), and answers them all. Requests that arrive during a sync wait for the next
//! one, which covers them because their changes were made before they asked. Under load, the
//! number of syncs per second stays near the disk's fsync rate while the number of changes per
//! sync grows with the number of writers.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;

use tokio::sync::oneshot;

use super::{DurabilityStats, StoreError};

type SyncResult = Result<(), Arc<std::io::Error>>;

/// The function that makes everything written so far durable.
pub(crate) type SyncFn = Box<dyn FnMut() -> std::io::Result<()> + Send>;

struct Shared {
    state: Mutex<State>,
    wake: Condvar,
    requests: AtomicU64,
    syncs: AtomicU64,
}

#[derive(Default)]
struct State {
    waiters: Vec<oneshot::Sender<SyncResult>>,
    closing: bool,
}

pub(crate) struct GroupCommit {
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
}

impl GroupCommit {
    pub(crate) fn start(mut sync: SyncFn) -> std::io::Result<Self> {
        let shared = Arc::new(Shared {
            state: Mutex::new(State::default()),
            wake: Condvar::new(),
            requests: AtomicU64::new(0),
            syncs: AtomicU64::new(0),
        });
        let worker = Arc::clone(&shared);
        let thread = std::thread::Builder::new()
            .name("occ-group-commit".to_owned())
            .spawn(move || {
                loop {
                    let batch = {
                        let mut st = worker.state.lock().unwrap_or_else(|p| p.into_inner());
                        while st.waiters.is_empty() && !st.closing {
                            st = worker.wake.wait(st).unwrap_or_else(|p| p.into_inner());
                        }
                        if st.waiters.is_empty() {
                            return;
                        }
                        std::mem::take(&mut st.waiters)
                    };
                    let result = sync().map_err(Arc::new);
                    worker.syncs.fetch_add(1, Ordering::Relaxed);
                    for waiter in batch {
                        // A waiter that gave up (its future was dropped) needs no answer.
                        let _ = waiter.send(result.clone());
                    }
                }
            })?;
        Ok(Self {
            shared,
            thread: Some(thread),
        })
    }

    /// Waits until every change made before this call is durable.
    pub(crate) async fn wait(&self) -> Result<(), StoreError> {
        let (tx, rx) = oneshot::channel();
        {
            let mut st = self.shared.state.lock().unwrap_or_else(|p| p.into_inner());
            if st.closing {
                return Err(StoreError::Durability("the store is closing".to_owned()));
            }
            st.waiters.push(tx);
        }
        self.shared.requests.fetch_add(1, Ordering::Relaxed);
        self.shared.wake.notify_one();
        match rx.await {
            Ok(Ok(())) => Ok(()),
            Ok(Err(e)) => Err(StoreError::Durability(e.to_string())),
            Err(_) => Err(StoreError::Durability("the flusher stopped".to_owned())),
        }
    }

    pub(crate) fn stats(&self) -> DurabilityStats {
        DurabilityStats {
            requests: self.shared.requests.load(Ordering::Relaxed),
            syncs: self.shared.syncs.load(Ordering::Relaxed),
        }
    }
}

impl Drop for GroupCommit {
    /// Serves the requests still waiting, then stops the flusher thread.
    fn drop(&mut self) {
        self.shared
            .state
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .closing = true;
        self.shared.wake.notify_one();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;
    use std::time::Duration;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn concurrent_waiters_share_syncs() {
        let calls = Arc::new(AtomicUsize::new(0));
        let c = Arc::clone(&calls);
        let gc = Arc::new(
            GroupCommit::start(Box::new(move || {
                c.fetch_add(1, Ordering::SeqCst);
                std::thread::sleep(Duration::from_millis(20));
                Ok(())
            }))
            .unwrap(),
        );
        let tasks: Vec<_> = (0..50)
            .map(|_| {
                let gc = Arc::clone(&gc);
                tokio::spawn(async move { gc.wait().await })
            })
            .collect();
        for t in tasks {
            t.await.unwrap().unwrap();
        }
        let stats = gc.stats();
        assert_eq!(stats.requests, 50);
        // With a 20 ms sync, 50 waiters cannot each have had their own.
        assert!(stats.syncs < 50, "{stats:?}");
        assert_eq!(stats.syncs as usize, calls.load(Ordering::SeqCst));
    }

    #[tokio::test]
    async fn a_failed_sync_fails_every_waiter_it_served() {
        let gc = GroupCommit::start(Box::new(|| Err(std::io::Error::other("disk gone")))).unwrap();
        let err = gc.wait().await.unwrap_err();
        assert!(err.to_string().contains("disk gone"), "{err}");
    }
}
